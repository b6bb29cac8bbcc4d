#pragma once

#include "fakehttp.h"

#include <QJsonArray>
#include <QJsonObject>

namespace chorus::test {

struct FakeState;

// Decides the answer to one HTTP request (runs in the server thread; locks the state).
//
// Routes: POST /v1/messages, POST /v1/messages/count_tokens, POST /__fake/enqueue,
// POST /__fake/reset, GET /__fake/queue, GET /__fake/log, /api/hello (the CLI's probe when
// nonessential traffic is allowed); anything else is a 404 error.
//
// Which step answers a main /v1/messages request, in order:
//  1. the head of the queue. A queued step answers `times` requests (default 1), then its
//     `then` step (if any) takes its place, otherwise it is removed;
//  2. a prompt script: the latest user text containing `@@fake <step|[steps]>`; step k answers
//     the k-th model call after that message (k = assistant turns after it). A scripted step
//     answers every request at its position unless it has `times` (then `then`, if any);
//  3. the keywords WRITEFILE (Write tool, fake-output.txt in the cwd) and SLOWTEXT
//     (20 chunks × 0.5 s) in the latest user text, for the first call after it;
//  4. "Done." after tool results, "Hello from the fake model." otherwise.
// Side requests (compaction, calls without tools such as titles or classifiers, or an
// x-claude-code-request-class other than main/subagent/workflow) get a short text and
// consume nothing. System-role messages (the CLI sends some between turns) are ignored when
// counting turns.
class FakeResponder
{
public:
    explicit FakeResponder(FakeState &state) : m_state(state) {}

    // Fills *logEntry with what was received and decided.
    HttpResponse respond(const HttpRequest &request, QJsonObject *logEntry);

    // A step or the list of steps in a `@@fake …` text (after the marker); error text on failure.
    static QJsonArray parseScript(const QString &text, QString *error);

private:
    HttpResponse messages(const HttpRequest &request, QJsonObject *logEntry);
    HttpResponse control(const HttpRequest &request, QJsonObject *logEntry);

    FakeState &m_state;
};

} // namespace chorus::test
