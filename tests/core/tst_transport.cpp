// Agent transports: a child process (LocalProcessTransport) and the agent shim
// (`chorus agent-exec` through ShimTransport) behave the same to the protocol above them; the
// shim refuses bad launch lines clearly. Real processes; the chorus binary is
// $CHORUS_TEST_PROGRAM (set by CTest).
#include "agent/localprocesstransport.h"
#include "agent/shimtransport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace chorus;

namespace {

struct Run
{
    QList<QByteArray> lines;
    QByteArray err;
    int code = -1;
    bool crashed = false;
    bool finished = false;
};

void collect(AgentTransport *t, Run *run)
{
    QObject::connect(t, &AgentTransport::linesReceived, t,
                     [run](const QList<QByteArray> &l) { run->lines += l; });
    QObject::connect(t, &AgentTransport::stderrReceived, t,
                     [run](const QByteArray &d) { run->err += d; });
    QObject::connect(t, &AgentTransport::finished, t, [run](int code, bool crashed) {
        run->code = code;
        run->crashed = crashed;
        run->finished = true;
    });
}

} // namespace

class TestTransport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_chorus = qEnvironmentVariable("CHORUS_TEST_PROGRAM");
        QVERIFY2(QFileInfo(m_chorus).isExecutable(),
                 "CHORUS_TEST_PROGRAM must name the chorus binary");
        m_sh = QStandardPaths::findExecutable(QStringLiteral("sh"));
        QVERIFY(!m_sh.isEmpty());
    }

    void linesBothWays_data()
    {
        QTest::addColumn<bool>("shim");
        QTest::newRow("process") << false;
        QTest::newRow("shim") << true;
    }
    void linesBothWays()
    {
        QFETCH(bool, shim);
        QTemporaryDir dir;
        std::unique_ptr<AgentTransport> t = make(shim);
        Run run;
        collect(t.get(), &run);
        LaunchSpec spec;
        spec.program = m_sh;
        // Echoes two lines, reports its directory, environment and pid, then an unterminated line.
        spec.arguments = {
            QStringLiteral("-c"),
            QStringLiteral("read a; read b; echo \"got:$a\"; echo \"got:$b\"; pwd; "
                           "echo \"env:$CHORUS_T_VAR:${CHORUS_T_UNSET-unset}\"; echo \"pid:$$\"; "
                           "echo oops >&2; printf 'last'"),
            QStringLiteral("arg with spaces; $(not run)")};
        spec.workingDirectory = dir.path();
        spec.environment.insert(QStringLiteral("CHORUS_T_VAR"),
                                QStringLiteral("a value with spaces"));
        spec.environment.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
        QSignalSpy started(t.get(), &AgentTransport::started);
        t->start(spec);
        QVERIFY(started.wait(10000));
        const qint64 handle = t->processHandle();
        QVERIFY(handle > 0);
        QVERIFY(t->writeLine("{\"type\":\"user\"}"));
        QVERIFY(t->writeLine("second line"));
        QTRY_VERIFY_WITH_TIMEOUT(run.finished, 10000);
        QCOMPARE(run.code, 0);
        QVERIFY(!run.crashed);
        QCOMPARE(run.lines, (QList<QByteArray>{"got:{\"type\":\"user\"}", "got:second line",
                                               QFileInfo(dir.path()).canonicalFilePath().toUtf8(),
                                               "env:a value with spaces:unset",
                                               "pid:" + QByteArray::number(handle), "last"}));
        QCOMPARE(run.err.trimmed(), QByteArray("oops"));
        QCOMPARE(t->kind(), shim ? QStringLiteral("shim") : QStringLiteral("process"));
    }

    void exitCodesAndSignalsPassThrough_data() { linesBothWays_data(); }
    void exitCodesAndSignalsPassThrough()
    {
        QFETCH(bool, shim);
        {
            std::unique_ptr<AgentTransport> t = make(shim);
            Run run;
            collect(t.get(), &run);
            t->start(spec({QStringLiteral("-c"), QStringLiteral("exit 7")}));
            QTRY_VERIFY_WITH_TIMEOUT(run.finished, 10000);
            QCOMPARE(run.code, 7);
            QVERIFY(!run.crashed);
        }
        {
            std::unique_ptr<AgentTransport> t = make(shim);
            Run run;
            collect(t.get(), &run);
            QSignalSpy started(t.get(), &AgentTransport::started);
            t->start(spec({QStringLiteral("-c"), QStringLiteral("echo ready; exec sleep 30")}));
            QVERIFY(started.wait(10000));
            QTRY_VERIFY_WITH_TIMEOUT(!run.lines.isEmpty(), 10000);
            t->terminate();
            QTRY_VERIFY_WITH_TIMEOUT(run.finished, 10000);
            QVERIFY(run.crashed); // SIGTERM: the program's own death, not the shim's
        }
        {
            // Closing stdin ends a program that reads to its end.
            std::unique_ptr<AgentTransport> t = make(shim);
            Run run;
            collect(t.get(), &run);
            QSignalSpy started(t.get(), &AgentTransport::started);
            t->start(spec({QStringLiteral("-c"), QStringLiteral("cat; echo closed")}));
            QVERIFY(started.wait(10000));
            QVERIFY(t->writeLine("through"));
            t->closeInput();
            QTRY_VERIFY_WITH_TIMEOUT(run.finished, 10000);
            QCOMPARE(run.lines, (QList<QByteArray>{"through", "closed"}));
        }
    }

    void aMissingProgramIsAStartFailureOrExit127_data() { linesBothWays_data(); }
    void aMissingProgramIsAStartFailureOrExit127()
    {
        QFETCH(bool, shim);
        std::unique_ptr<AgentTransport> t = make(shim);
        Run run;
        collect(t.get(), &run);
        QSignalSpy failed(t.get(), &AgentTransport::startFailed);
        LaunchSpec s = spec({});
        s.program = QStringLiteral("/nonexistent/claude");
        t->start(s);
        if (shim) {
            // The shim runs, and says why the program does not.
            QTRY_VERIFY_WITH_TIMEOUT(run.finished, 10000);
            QCOMPARE(run.code, 127);
            QVERIFY2(run.err.contains("cannot run /nonexistent/claude"), run.err.constData());
        } else {
            QVERIFY(failed.wait(10000));
        }
    }

    void agentExecRefusesBadLaunchLines_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray() << 2
                               << QStringLiteral("stdin ended before the launch line");
        QTest::newRow("no newline") << QByteArray("{\"program\":\"/bin/true\"}") << 2
                                    << QStringLiteral("stdin ended inside the launch line");
        QTest::newRow("not json") << QByteArray("{program: /bin/true}\n") << 2
                                  << QStringLiteral("line 1, column ");
        QTest::newRow("not an object")
            << QByteArray("[\"/bin/true\"]\n") << 2 << QStringLiteral("not a JSON object");
        QTest::newRow("no program")
            << QByteArray("{\"arguments\":[]}\n") << 2 << QStringLiteral("'program' is missing");
        QTest::newRow("program not a string")
            << QByteArray("{\"program\":7}\n") << 2 << QStringLiteral("'program' is missing");
        QTest::newRow("arguments not strings")
            << QByteArray("{\"program\":\"/bin/true\",\"arguments\":[1]}\n") << 2
            << QStringLiteral("'arguments' must be an array of strings");
        QTest::newRow("environment not strings")
            << QByteArray("{\"program\":\"/bin/true\",\"environment\":{\"A\":1}}\n") << 2
            << QStringLiteral("environment variable 'A'");
        QTest::newRow("unknown field") << QByteArray("{\"program\":\"/bin/true\",\"shell\":true}\n")
                                       << 2 << QStringLiteral("unknown field 'shell'");
        QTest::newRow("over-long line")
            << QByteArray(5 * 1024 * 1024, 'x') << 2 << QStringLiteral("longer than 4194304 bytes");
        QTest::newRow("missing directory")
            << QByteArray("{\"program\":\"/bin/true\",\"workingDirectory\":\"/nonexistent/dir\"}\n")
            << 126 << QStringLiteral("cannot enter /nonexistent/dir");
        QTest::newRow("missing program") << QByteArray("{\"program\":\"/nonexistent/x\"}\n") << 127
                                         << QStringLiteral("cannot run /nonexistent/x");
        // The program is one argv[0], never a command line for a shell.
        QTest::newRow("a command line is not a program")
            << QByteArray("{\"program\":\"true; touch /tmp/chorus-agent-exec-pwned\"}\n") << 127
            << QStringLiteral("cannot run true; touch");
    }
    void agentExecRefusesBadLaunchLines()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, code);
        QFETCH(QString, message);
        QFile::remove(QStringLiteral("/tmp/chorus-agent-exec-pwned"));
        QProcess p;
        p.start(m_chorus, {QStringLiteral("agent-exec")});
        QVERIFY(p.waitForStarted());
        p.write(input);
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), code);
        QVERIFY2(err.startsWith(QLatin1String("chorus agent-exec: ")) && err.contains(message),
                 qPrintable(err));
        QVERIFY(p.readAllStandardOutput().isEmpty());
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/chorus-agent-exec-pwned")));
    }

    void agentExecNeverHandsAScriptToAShell()
    {
        // execvp would run a file without #! with /bin/sh; the shim refuses it.
        QTemporaryDir dir;
        const QString script = dir.filePath(QStringLiteral("no-shebang"));
        const QString marker = dir.filePath(QStringLiteral("ran"));
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("touch " + marker.toUtf8() + "\n");
        f.close();
        QVERIFY(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                 QFileDevice::ExeOwner));
        for (const QString &program : {script, QStringLiteral("no-shebang")}) {
            QProcess p;
            p.start(m_chorus, {QStringLiteral("agent-exec")});
            QVERIFY(p.waitForStarted());
            const QJsonObject launch{
                {QStringLiteral("program"), program},
                {QStringLiteral("environment"), QJsonObject{{QStringLiteral("PATH"), dir.path()}}}};
            p.write(QJsonDocument(launch).toJson(QJsonDocument::Compact) + '\n');
            p.closeWriteChannel();
            QVERIFY(p.waitForFinished(20000));
            QCOMPARE(p.exitCode(), 126);
            QVERIFY2(p.readAllStandardError().contains("cannot run"), qPrintable(program));
            QVERIFY(!QFile::exists(marker));
        }
    }

    void agentExecLeavesTheRestOfStdinToTheProgram()
    {
        // Whatever follows the launch line, even in the same write, is the program's.
        QProcess p;
        p.start(m_chorus, {QStringLiteral("agent-exec")});
        QVERIFY(p.waitForStarted());
        p.write(
            "{\"program\":\"cat\",\"environment\":{\"PATH\":\"/usr/bin:/bin\"}}\nfirst\nsecond\n");
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.readAllStandardOutput(), QByteArray("first\nsecond\n"));
    }

private:
    std::unique_ptr<AgentTransport> make(bool shim)
    {
        if (shim)
            return std::make_unique<ShimTransport>(m_chorus);
        return std::make_unique<LocalProcessTransport>();
    }
    LaunchSpec spec(const QStringList &arguments)
    {
        LaunchSpec s;
        s.program = m_sh;
        s.arguments = arguments;
        s.environment.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
        return s;
    }

    QString m_chorus;
    QString m_sh;
};

QTEST_GUILESS_MAIN(TestTransport)
#include "tst_transport.moc"
