#pragma once

#include "fakehttp.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace chorus::test {

// Renders one step of a fake script into an HTTP response of the Messages API.
//
// Step forms (JSON objects):
//   {"text":"…","chunks":n,"delay":s,"thinking":"…","usage":{…},"resp_headers":{…},
//    "stop_reason":"end_turn"}                         text, streamed in n chunks, `delay`
//                                                       seconds before each chunk
//   {"tool":"Bash","input":{…}} / {"tools":[{"tool":…,"input":…,"id":…},…]}
//                                                       tool_use blocks (optional leading
//                                                       "text"/"thinking"), stop_reason tool_use;
//                                                       `delay` also precedes each tool block
//   {"http_error":429,"headers":{…},"message":"…","error_type":"…"}
//   {"sse_error":"overloaded_error"}                    error event after message_start
//   {"malformed":"garbage|badjson|truncate|close|nostop"}
//   {"hang":s}                                          no response head, close after s seconds
//   {"stall":s}                                         head + first text, silence, drop after s
// Any step may carry "times":n and "then":{step} (see FakeResponder).
struct StepContext
{
    QString model;
    bool stream = true;
    QByteArray messageId; // msg_fake_<port>_<n>
    QByteArray requestId; // req_fake_<port>_<n>
};

HttpResponse renderStep(const QJsonObject &step, const StepContext &ctx);

// An `{"type":"error",…}` response with the given HTTP status.
HttpResponse errorResponse(int status, const QString &type, const QString &message,
                           const QByteArray &requestId);

// Error steps make no assistant message, so a scripted position can be hit repeatedly.
bool isErrorStep(const QJsonObject &step);
// "text", "tool", "http_error", "sse_error", "malformed", "hang", "stall" or "" if unknown.
QString stepKind(const QJsonObject &step);

QJsonObject usageFor(const QJsonObject &step); // 100/20 tokens unless the step overrides them

} // namespace chorus::test
