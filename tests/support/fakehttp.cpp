#include "fakehttp.h"

#include <QJsonDocument>

namespace chorus::test {

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return;
        }
    }
    headers.append({name, value});
}

HttpResponse HttpResponse::json(int status, const QJsonObject &body)
{
    return jsonValue(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HttpResponse HttpResponse::jsonValue(int status, const QByteArray &compactJson)
{
    HttpResponse r;
    r.status = status;
    r.setHeader("content-type", "application/json");
    r.append(compactJson);
    return r;
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 529:
        return "Site Overloaded";
    default:
        return "Status";
    }
}

} // namespace chorus::test
