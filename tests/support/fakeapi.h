#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>

#include <memory>

class QThread;

namespace chorus::test {

class FakeServer;
struct FakeState;

// A scripted fake of the Anthropic Messages API on 127.0.0.1, for driving the real
// Claude Code CLI in tests. The TCP server runs in its own thread, so a test may block
// its main thread (QProcess::waitForFinished…) while CLI processes talk to the fake.
//
// Steps (what the next main model request gets) come from enqueue() / POST /__fake/enqueue,
// or from the prompt: the latest user text containing `@@fake <step or [steps]>`; step k
// answers the k-th model call after that prompt. See fakeresponder.h for the step forms.
// Side requests (title/classification calls without tools) never consume steps.
//
// Every public method is thread-safe.
class FakeApi : public QObject
{
    Q_OBJECT
public:
    explicit FakeApi(QObject *parent = nullptr);
    ~FakeApi() override;

    // Listens on 127.0.0.1:port (0 = a free port chosen by the OS).
    bool start(QString *error = nullptr, quint16 port = 0);
    void stop();
    bool isRunning() const;

    quint16 port() const;
    QString baseUrl() const; // "http://127.0.0.1:<port>"

    // FIFO of steps for the next main requests; they take precedence over @@fake scripts.
    void enqueue(const QJsonObject &step);
    void enqueue(const QJsonArray &steps);
    QJsonArray queue() const;
    // Clears the queue, the request log, the counters and the state of prompt scripts.
    void reset();

    // One entry per HTTP request: method, path, time, kind ("main", "side", "count_tokens",
    // "control", "unknown"), status, request headers (minus authorization and x-api-key), auth
    // ("x-api-key", "bearer" or "none") and, for /v1/messages, a summary of the JSON body.
    QJsonArray requestLog() const;
    int messageRequestCount() const; // every POST /v1/messages (main + side)
    int mainRequestCount() const;    // POST /v1/messages that were answered from the script

    // Writes every /v1/messages request body to <dir>/<n>-<kind>.json (debugging aid).
    void setDumpDirectory(const QString &dir);

    // How the CLI authenticates to the fake. ApiKey: ANTHROPIC_API_KEY=sk-fake. Gateway:
    // ANTHROPIC_AUTH_TOKEN = an unsigned JWT with "aud":"claude-gateway" (gatewayToken()) and no
    // API key, so the CLI treats the fake like a subscription gateway: it reads the
    // anthropic-ratelimit-unified-* headers, emits rate_limit_event lines and reports a 429 with
    // unified status "rejected" as "usage_limit_reached" (see ratelimitsteps.h).
    enum class Auth { ApiKey, Gateway };

    // The hermetic environment of CLAUDE-CLI.md pointing at this fake. Creates
    // <scratchDir>/home and <scratchDir>/claude-config.
    QProcessEnvironment claudeEnvironment(const QString &scratchDir,
                                          Auth auth = Auth::ApiKey) const;

    // "<base64url header>.<base64url payload>." with header {"alg":"none","typ":"JWT"} and payload
    // {"aud":"claude-gateway","sub":"fake-user","iat":…,"exp":<year 2100>}.
    static QString gatewayToken();

Q_SIGNALS:
    // Emitted in this object's thread after each logged request.
    void requestLogged(const QJsonObject &entry);

private:
    std::shared_ptr<FakeState> m_state;
    QThread *m_thread = nullptr;
    FakeServer *m_server = nullptr;
};

} // namespace chorus::test
