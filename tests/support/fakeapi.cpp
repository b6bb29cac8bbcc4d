#include "fakeapi.h"

#include "fakeserver.h"
#include "fakestate.h"

#include <QDir>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QThread>

namespace chorus::test {

FakeApi::FakeApi(QObject *parent) : QObject(parent), m_state(std::make_shared<FakeState>()) {}

FakeApi::~FakeApi()
{
    stop();
}

bool FakeApi::start(QString *error, quint16 port)
{
    if (m_thread) {
        if (error)
            *error = QStringLiteral("fake API: already running");
        return false;
    }
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("fake-api"));
    m_server = new FakeServer(m_state);
    m_server->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_server, &QObject::deleteLater);
    connect(m_server, &FakeServer::logged, this, &FakeApi::requestLogged);
    m_thread->start();

    bool ok = false;
    QString why;
    FakeServer *server = m_server;
    QMetaObject::invokeMethod(
        m_server, [server, port, &ok, &why] { ok = server->listen(port, &why); },
        Qt::BlockingQueuedConnection);
    if (!ok) {
        stop();
        if (error)
            *error = why;
    }
    return ok;
}

void FakeApi::stop()
{
    if (!m_thread)
        return;
    FakeServer *server = m_server;
    QMetaObject::invokeMethod(
        m_server, [server] { server->shutdown(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait(); // the server is deleted (deleteLater on finished) before wait() returns
    delete m_thread;
    m_thread = nullptr;
    m_server = nullptr;
    QMutexLocker lock(&m_state->mutex);
    m_state->port = 0;
}

bool FakeApi::isRunning() const
{
    return m_thread != nullptr;
}

quint16 FakeApi::port() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->port;
}

QString FakeApi::baseUrl() const
{
    return QLatin1String("http://127.0.0.1:") + QString::number(port());
}

void FakeApi::enqueue(const QJsonObject &step)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->queue.append(step);
}

void FakeApi::enqueue(const QJsonArray &steps)
{
    QMutexLocker lock(&m_state->mutex);
    for (const QJsonValue &s : steps)
        m_state->queue.append(s.toObject());
}

QJsonArray FakeApi::queue() const
{
    QMutexLocker lock(&m_state->mutex);
    QJsonArray out;
    for (const QJsonObject &s : std::as_const(m_state->queue))
        out.append(s);
    return out;
}

void FakeApi::reset()
{
    QMutexLocker lock(&m_state->mutex);
    m_state->resetLocked();
}

QJsonArray FakeApi::requestLog() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->log;
}

int FakeApi::messageRequestCount() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->messageRequests;
}

int FakeApi::mainRequestCount() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->mainRequests;
}

void FakeApi::setDumpDirectory(const QString &dir)
{
    if (!dir.isEmpty())
        QDir().mkpath(dir);
    QMutexLocker lock(&m_state->mutex);
    m_state->dumpDir = dir;
}

QString FakeApi::gatewayToken()
{
    const auto part = [](const QJsonObject &o) {
        return QJsonDocument(o)
            .toJson(QJsonDocument::Compact)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    const QJsonObject header{{QLatin1String("alg"), QLatin1String("none")},
                             {QLatin1String("typ"), QLatin1String("JWT")}};
    const QJsonObject payload{{QLatin1String("aud"), QLatin1String("claude-gateway")},
                              {QLatin1String("sub"), QLatin1String("fake-user")},
                              {QLatin1String("iat"), qint64(1767225600)},  // 2026-01-01
                              {QLatin1String("exp"), qint64(4102444800)}}; // 2100-01-01
    return QString::fromLatin1(part(header) + '.' + part(payload) + '.');
}

QProcessEnvironment FakeApi::claudeEnvironment(const QString &scratchDir, Auth auth) const
{
    const QDir scratch(scratchDir);
    const QString home = scratch.filePath(QStringLiteral("home"));
    const QString config = scratch.filePath(QStringLiteral("claude-config"));
    QDir().mkpath(home);
    QDir().mkpath(config);
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/local/bin:/usr/bin:/bin"));
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("ANTHROPIC_BASE_URL"), baseUrl());
    if (auth == Auth::Gateway)
        env.insert(QStringLiteral("ANTHROPIC_AUTH_TOKEN"), gatewayToken());
    else
        env.insert(QStringLiteral("ANTHROPIC_API_KEY"), QStringLiteral("sk-fake"));
    env.insert(QStringLiteral("CLAUDE_CONFIG_DIR"), config);
    env.insert(QStringLiteral("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"), QStringLiteral("1"));
    env.insert(QStringLiteral("CLAUDE_CODE_MAX_RETRIES"), QStringLiteral("2"));
    return env;
}

} // namespace chorus::test
