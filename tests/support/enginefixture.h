#pragma once

#include "fakeapi.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace chorus::test {

// A private Chorus world for process-level tests: temporary XDG data/config/runtime dirs,
// the fake Messages API, and this process's environment pointed at them, so that the
// `chorus` CLI, the daemon it starts and an in-process GUI all use them. tearDown() stops
// the daemon. The CLI binary comes from $CHORUS_TEST_PROGRAM (set by CTest).
class EngineFixture
{
public:
    EngineFixture();
    ~EngineFixture();

    bool setUp(QString *error);
    void tearDown();

    QString chorusProgram() const { return m_program; }
    FakeApi &fake() { return m_fake; }
    QString root() const { return m_tmp ? m_tmp->path() : QString(); }
    QString workDir() const;   // an empty directory agents can work in
    QString dataDir() const;   // $XDG_DATA_HOME/chorus
    QString databasePath() const;
    QString socketPath() const;

    struct Run
    {
        int exitCode = -1;
        bool crashed = false;
        bool timedOut = false;
        QString out;
        QString err;
        QString describe() const;
    };
    // Runs `chorus args...` with this process's environment and waits.
    Run chorus(const QStringList &args, int timeoutMs = 60000) const;
    // The pid of the running daemon, or 0.
    qint64 daemonPid() const;

private:
    QString m_program;
    FakeApi m_fake;
    std::unique_ptr<QTemporaryDir> m_tmp;
    QProcessEnvironment m_savedEnv;
};

} // namespace chorus::test
