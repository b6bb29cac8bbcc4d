#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <utility>

namespace chorus::test {

// One parsed HTTP/1.1 request. Header names are lower-cased.
struct HttpRequest
{
    QByteArray method;
    QByteArray target; // path + query as sent
    QString path;      // path without the query
    QHash<QByteArray, QByteArray> headers;
    QByteArray body;

    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
};

// What the connection should do in answer to a request: optionally wait, send the head,
// send the body parts (each after its own delay), wait again, then end the exchange.
struct HttpResponse
{
    enum class Framing {
        ContentLength, // the parts' total size is announced
        Chunked,       // Transfer-Encoding: chunked (SSE streams)
        UntilClose,    // no length, the body ends when the connection closes
    };
    enum class Ending {
        Complete, // finish the body properly; keep the connection alive if allowed
        Close,    // half-close the connection without finishing a chunked body
        Abort,    // drop the connection at once (RST when possible)
    };
    struct Part
    {
        int delayMs = 0;
        QByteArray data;
    };

    bool sendHead = true; // false: no status line at all (hang / close)
    int headDelayMs = 0;
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    Framing framing = Framing::ContentLength;
    QList<Part> parts;
    qsizetype contentLength = -1; // announced size with ContentLength; -1: the parts' total
    int endDelayMs = 0;
    Ending ending = Ending::Complete;

    void setHeader(const QByteArray &name, const QByteArray &value);
    void append(const QByteArray &data, int delayMs = 0) { parts.append(Part{delayMs, data}); }

    static HttpResponse json(int status, const QJsonObject &body);
    static HttpResponse jsonValue(int status, const QByteArray &compactJson);
    static QByteArray reasonPhrase(int status);
};

} // namespace chorus::test
