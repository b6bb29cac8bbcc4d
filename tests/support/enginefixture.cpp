#include "enginefixture.h"

#include "claudetest.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <csignal>

namespace chorus::test {

namespace {
const char *const kVars[] = {"XDG_RUNTIME_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                             "HOME", "CHORUS_CLAUDE", "CHORUS_DATA_DIR", "ANTHROPIC_BASE_URL",
                             "ANTHROPIC_API_KEY", "CLAUDE_CONFIG_DIR",
                             "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "CLAUDE_CODE_MAX_RETRIES"};
}

EngineFixture::EngineFixture() = default;

EngineFixture::~EngineFixture()
{
    tearDown();
}

bool EngineFixture::setUp(QString *error)
{
    m_program = qEnvironmentVariable("CHORUS_TEST_PROGRAM");
    if (m_program.isEmpty() || !QFileInfo(m_program).isExecutable()) {
        *error = QStringLiteral("CHORUS_TEST_PROGRAM does not name the chorus binary (run through ctest)");
        return false;
    }
    const QString claude = testClaudePath(error);
    if (claude.isEmpty())
        return false;
    if (!m_fake.isRunning() && !m_fake.start(error))
        return false;
    m_fake.reset();
    m_tmp = std::make_unique<QTemporaryDir>();
    if (!m_tmp->isValid()) {
        *error = QStringLiteral("cannot create a temporary directory");
        return false;
    }
    m_savedEnv = QProcessEnvironment::systemEnvironment();
    const QDir root(m_tmp->path());
    for (const char *d : {"run", "data", "config", "cache", "work"})
        root.mkpath(QLatin1String(d));
    QFile::setPermissions(root.filePath(QStringLiteral("run")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QProcessEnvironment claudeEnv = m_fake.claudeEnvironment(root.filePath(QStringLiteral("claude")));
    qputenv("XDG_RUNTIME_DIR", root.filePath(QStringLiteral("run")).toUtf8());
    qputenv("XDG_DATA_HOME", root.filePath(QStringLiteral("data")).toUtf8());
    qputenv("XDG_CONFIG_HOME", root.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_CACHE_HOME", root.filePath(QStringLiteral("cache")).toUtf8());
    qunsetenv("CHORUS_DATA_DIR");
    qputenv("CHORUS_CLAUDE", claude.toUtf8());
    for (const char *k : {"HOME", "ANTHROPIC_BASE_URL", "ANTHROPIC_API_KEY", "CLAUDE_CONFIG_DIR",
                          "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"})
        qputenv(k, claudeEnv.value(QLatin1String(k)).toUtf8());
    qputenv("CLAUDE_CODE_MAX_RETRIES", "0");
    // Agents at the engine's own priority: the suite's waits were measured so, and under
    // ctest -j a nice-10 agent can starve behind the other tests (tests of agentNice set it).
    QFile conf(root.filePath(QStringLiteral("config/chorus/chorus.conf")));
    root.mkpath(QStringLiteral("config/chorus"));
    if (!conf.open(QIODevice::WriteOnly) || conf.write("[engine]\nagentNice=0\n") < 0) {
        *error = QStringLiteral("cannot write %1").arg(conf.fileName());
        return false;
    }
    return true;
}

void EngineFixture::tearDown()
{
    if (!m_tmp)
        return;
    const qint64 pid = daemonPid();
    if (pid > 0) {
        chorus({QStringLiteral("daemon"), QStringLiteral("stop")}, 30000);
        if (daemonPid() > 0)
            ::kill(pid_t(pid), SIGKILL);
    }
    for (const char *k : kVars) {
        const QString name = QLatin1String(k);
        if (m_savedEnv.contains(name))
            qputenv(k, m_savedEnv.value(name).toUtf8());
        else
            qunsetenv(k);
    }
    m_tmp.reset();
}

QString EngineFixture::workDir() const
{
    return root() + QStringLiteral("/work");
}

QString EngineFixture::dataDir() const
{
    return root() + QStringLiteral("/data/chorus");
}

QString EngineFixture::databasePath() const
{
    return dataDir() + QStringLiteral("/chorus.db");
}

QString EngineFixture::socketPath() const
{
    return root() + QStringLiteral("/run/chorus/engine.sock");
}

QString EngineFixture::Run::describe() const
{
    return QStringLiteral("exit %1%2\n--- stdout\n%3\n--- stderr\n%4")
        .arg(exitCode)
        .arg(timedOut ? QStringLiteral(" (timed out)") : crashed ? QStringLiteral(" (crashed)") : QString())
        .arg(out, err);
}

EngineFixture::Run EngineFixture::chorus(const QStringList &args, int timeoutMs) const
{
    Run r;
    QProcess p;
    p.setProgram(m_program);
    p.setArguments(args);
    p.setWorkingDirectory(workDir());
    p.setStandardInputFile(QProcess::nullDevice());
    p.start();
    if (!p.waitForFinished(timeoutMs)) {
        r.timedOut = true;
        p.kill();
        p.waitForFinished(2000);
    }
    r.exitCode = p.exitCode();
    r.crashed = p.exitStatus() == QProcess::CrashExit;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

qint64 EngineFixture::daemonPid() const
{
    // QLockFile writes the owner's pid on the first line.
    QFile lock(socketPath() + QStringLiteral(".lock"));
    if (!lock.open(QIODevice::ReadOnly))
        return 0;
    const qint64 pid = lock.readLine().trimmed().toLongLong();
    if (pid <= 0 || !QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid)))
        return 0;
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (status.open(QIODevice::ReadOnly) && status.readAll().contains("State:\tZ"))
        return 0;
    return pid;
}

} // namespace chorus::test
