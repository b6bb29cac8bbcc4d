// The `chorus` CLI and daemon as a user runs them: real processes, the real pinned
// Claude Code CLI and the fake Messages API.
#include "enginefixture.h"
#include "rpc/rpcclient.h"
#include "util/autogroup.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <QScopeGuard>

#include <csignal>
#include <sys/stat.h>

using chorus::test::EngineFixture;

namespace {
// The characters a terminal acts on that `chorus` must never print raw: C0 controls but newline
// and tab, a carriage return not ending a line, DEL, C1 controls and the bidi overrides/isolates.
QString rawControls(const QString &text)
{
    QStringList found;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        const bool crlf = c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n';
        if ((c < 0x20 && c != u'\n' && c != u'\t' && !crlf) || (c >= 0x7f && c <= 0x9f) ||
            (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
            found << QStringLiteral("U+%1 at %2").arg(int(c), 4, 16, QLatin1Char('0')).arg(i);
    }
    return found.join(QStringLiteral(", "));
}

// Whether a JSON value holds the string exactly somewhere.
bool hasString(const QJsonValue &v, const QString &s)
{
    if (v.isString())
        return v.toString() == s;
    if (v.isArray()) {
        for (const QJsonValue &e : v.toArray())
            if (hasString(e, s))
                return true;
    }
    if (v.isObject()) {
        for (const QJsonValue &e : v.toObject())
            if (hasString(e, s))
                return true;
    }
    return false;
}

mode_t modeOf(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return mode_t(-1);
    return st.st_mode & 07777;
}
} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void usageErrors_data();
    void usageErrors();
    void helpForEveryCommand();
    void spawnWaitJsonStatusAndLogs();
    void sendApproveAndStop();
    void stopMidTurnReadsStoppedByYou();
    void spawnWaitFailsOnApiError();
    void unknownAgentAndRole();
    void secondDaemonIsRefused();
    void corruptDatabaseIsLeftAlone();
    void daemonKill9IsRecovered();
    void claudeDiesWithItsEngine();
    void missingClaudeIsExplained();
    void notLoggedInIsExplained();
    void hostileTextIsShownEscaped();
    void logsFollowFailsWhenTheEngineDies();
    void unwritableDataDirIsExplained_data();
    void unwritableDataDirIsExplained();
    void dataFilesArePrivate();
    void spawnWaitSaysWhereAtOnce();
    void statusFitsTheTerminal();
    void idleEngineEndsItself();
    void daemonYieldsToTheDesktop();

private:
    QJsonObject statusJson();
    QJsonObject agent(const QString &name);
    static QString script(const QJsonArray &steps)
    {
        return QStringLiteral("@@fake ") + QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact));
    }

    EngineFixture m_fx;
};

void TestCli::init()
{
    QString error;
    QVERIFY2(m_fx.setUp(&error), qPrintable(error));
}

void TestCli::cleanup()
{
    m_fx.tearDown();
}

QJsonObject TestCli::statusJson()
{
    const auto r = m_fx.chorus({QStringLiteral("status"), QStringLiteral("--json")});
    if (r.exitCode != 0)
        qWarning("%s", qPrintable(r.describe()));
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

QJsonObject TestCli::agent(const QString &name)
{
    for (const QJsonValue &v : statusJson().value(QLatin1String("agents")).toArray())
        if (v.toObject().value(QLatin1String("name")).toString() == name)
            return v.toObject();
    return {};
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no command") << QStringList{};
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
    QTest::newRow("unknown option") << QStringList{QStringLiteral("status"), QStringLiteral("--bogus")};
    QTest::newRow("spawn without task") << QStringList{QStringLiteral("spawn"), QStringLiteral("builder")};
    QTest::newRow("spawn without role") << QStringList{QStringLiteral("spawn"), QStringLiteral("--task=x")};
    QTest::newRow("value missing") << QStringList{QStringLiteral("spawn"), QStringLiteral("builder"), QStringLiteral("--task")};
    QTest::newRow("flag with value") << QStringList{QStringLiteral("spawn"), QStringLiteral("builder"), QStringLiteral("--task=x"), QStringLiteral("--wait=yes")};
    QTest::newRow("send without text") << QStringList{QStringLiteral("send"), QStringLiteral("a")};
    QTest::newRow("stop nothing") << QStringList{QStringLiteral("stop")};
    QTest::newRow("stop both") << QStringList{QStringLiteral("stop"), QStringLiteral("a"), QStringLiteral("--all")};
    QTest::newRow("daemon what") << QStringList{QStringLiteral("daemon"), QStringLiteral("dance")};
    QTest::newRow("roles what") << QStringList{QStringLiteral("roles"), QStringLiteral("list")};
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, args);
    const auto r = m_fx.chorus(args);
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(QLatin1String("usage")) || r.err.contains(QLatin1String("chorus")), qPrintable(r.describe()));
    QCOMPARE(m_fx.daemonPid(), 0); // bad usage never starts the engine
}

void TestCli::helpForEveryCommand()
{
    for (const char *cmd : {"spawn", "status", "logs", "send", "approve", "interrupt", "stop", "resume", "roles", "daemon"}) {
        const auto r = m_fx.chorus({QLatin1String(cmd), QStringLiteral("--help")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.startsWith(QStringLiteral("usage: chorus ") + QLatin1String(cmd)), qPrintable(r.out));
    }
    const auto all = m_fx.chorus({QStringLiteral("help")});
    QCOMPARE(all.exitCode, 0);
    QVERIFY(all.out.contains(QLatin1String("workflow")) == false);
    QVERIFY(all.out.contains(QLatin1String("spawn")));
}

void TestCli::spawnWaitJsonStatusAndLogs()
{
    const QString file = m_fx.workDir() + QStringLiteral("/out.txt");
    const QString task = QStringLiteral("Make a file. ") +
                         script({QJsonObject{{QStringLiteral("tool"), QStringLiteral("Bash")},
                                             {QStringLiteral("input"), QJsonObject{{QStringLiteral("command"),
                                                                                    QString(QStringLiteral("echo from-bash > ") + file)}}}},
                                 QJsonObject{{QStringLiteral("text"), QStringLiteral("Made out.txt.")}}});
    const auto r = m_fx.chorus({QStringLiteral("spawn"), QStringLiteral("builder"), QStringLiteral("--task=") + task,
                                QStringLiteral("--name=maker"), QStringLiteral("--wait"), QStringLiteral("--json")},
                               120000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QJsonObject a = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(a.value(QLatin1String("name")).toString(), QStringLiteral("maker"));
    QCOMPARE(a.value(QLatin1String("state")).toString(), QStringLiteral("idle"));
    QCOMPARE(a.value(QLatin1String("task")).toString(), task); // whole, though the engine's
                                                               // later notices leave it out
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("from-bash\n"));

    const QJsonObject s = agent(QStringLiteral("maker"));
    for (const char *key : {"id", "name", "role", "state", "dir", "claudeSessionId", "turns", "tokens", "costUsd",
                            "startedAt", "endedAt", "error"})
        QVERIFY2(s.contains(QLatin1String(key)), key);
    QCOMPARE(s.value(QLatin1String("role")).toString(), QStringLiteral("builder"));
    QCOMPARE(s.value(QLatin1String("dir")).toString(), QDir(m_fx.workDir()).canonicalPath());
    QCOMPARE(s.value(QLatin1String("turns")).toInt(), 1);
    const QJsonObject tokens = s.value(QLatin1String("tokens")).toObject();
    for (const char *key : {"input", "output", "cacheRead", "cacheWrite"})
        QVERIFY2(tokens.contains(QLatin1String(key)), key);
    QVERIFY(tokens.value(QLatin1String("output")).toInteger() > 0);
    QVERIFY(s.value(QLatin1String("costUsd")).toDouble() > 0);
    QVERIFY(s.value(QLatin1String("error")).isNull());

    // Human status and logs, by name and by id prefix.
    const auto table = m_fx.chorus({QStringLiteral("status")});
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.contains(QLatin1String("maker")));
    QVERIFY(table.out.contains(QLatin1String("idle")));
    const auto logs = m_fx.chorus({QStringLiteral("logs"), s.value(QLatin1String("id")).toString().left(8)});
    QVERIFY2(logs.exitCode == 0, qPrintable(logs.describe()));
    QVERIFY2(logs.out.contains(QStringLiteral("⚙ Bash")), qPrintable(logs.out));
    QVERIFY(logs.out.contains(QLatin1String("Made out.txt.")));
    QVERIFY(logs.out.contains(QStringLiteral("✓ Turn done")));
    const auto jsonLogs = m_fx.chorus({QStringLiteral("logs"), QStringLiteral("maker"), QStringLiteral("--json")});
    QCOMPARE(jsonLogs.exitCode, 0);
    const QStringList lines = jsonLogs.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(lines.size() >= 5);
    qint64 prev = 0;
    for (const QString &line : lines) {
        const QJsonObject e = QJsonDocument::fromJson(line.toUtf8()).object();
        QVERIFY2(e.value(QLatin1String("seq")).toInteger() == prev + 1, qPrintable(line));
        prev = e.value(QLatin1String("seq")).toInteger();
    }
    const auto byRole = m_fx.chorus({QStringLiteral("logs"), QStringLiteral("--role=validator")});
    QCOMPARE(byRole.exitCode, 0);
    QVERIFY(!byRole.out.contains(QLatin1String("maker")));
}

void TestCli::sendApproveAndStop()
{
    const QString file = m_fx.workDir() + QStringLiteral("/design.md");
    const QString task = QStringLiteral("Design. ") +
                         script({QJsonObject{{QStringLiteral("tool"), QStringLiteral("Write")},
                                             {QStringLiteral("input"), QJsonObject{{QStringLiteral("file_path"), file},
                                                                                   {QStringLiteral("content"), QStringLiteral("# D\n")}}}}});
    auto r = m_fx.chorus({QStringLiteral("spawn"), QStringLiteral("architect"), QStringLiteral("--task=") + task,
                          QStringLiteral("--name=arch")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QTRY_COMPARE_WITH_TIMEOUT(agent(QStringLiteral("arch")).value(QLatin1String("state")).toString(),
                              QStringLiteral("waiting"), 60000);
    const QJsonArray approvals = statusJson().value(QLatin1String("approvals")).toArray();
    QCOMPARE(approvals.size(), 1);
    QCOMPARE(approvals.first().toObject().value(QLatin1String("toolName")).toString(), QStringLiteral("Write"));
    const auto human = m_fx.chorus({QStringLiteral("status")});
    QVERIFY2(human.out.contains(QLatin1String("Waiting for approval")), qPrintable(human.out));
    QVERIFY(human.out.contains(QLatin1String("chorus approve arch")));
    r = m_fx.chorus({QStringLiteral("approve"), QStringLiteral("arch")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QTRY_COMPARE_WITH_TIMEOUT(agent(QStringLiteral("arch")).value(QLatin1String("state")).toString(), QStringLiteral("idle"), 60000);
    QVERIFY(QFile::exists(file));
    // Answering again: nothing pending, a clear failure.
    r = m_fx.chorus({QStringLiteral("approve"), QStringLiteral("arch"), QStringLiteral("--deny")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(QLatin1String("no pending")));

    r = m_fx.chorus({QStringLiteral("send"), QStringLiteral("arch"), QStringLiteral("One more thing.")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QTRY_COMPARE_WITH_TIMEOUT(agent(QStringLiteral("arch")).value(QLatin1String("turns")).toInt(), 2, 60000);
    r = m_fx.chorus({QStringLiteral("stop"), QStringLiteral("arch")});
    QCOMPARE(r.exitCode, 0);
    QTRY_COMPARE_WITH_TIMEOUT(agent(QStringLiteral("arch")).value(QLatin1String("state")).toString(), QStringLiteral("done"), 30000);
    r = m_fx.chorus({QStringLiteral("resume"), QStringLiteral("arch"), QStringLiteral("--task=Back again.")});
    QCOMPARE(r.exitCode, 0);
    QTRY_COMPARE_WITH_TIMEOUT(agent(QStringLiteral("arch")).value(QLatin1String("turns")).toInt(), 3, 60000);
    r = m_fx.chorus({QStringLiteral("stop"), QStringLiteral("--all")});
    QCOMPARE(r.exitCode, 0);
}

// `chorus stop` during a turn: status and logs say "stopped by you", never "failed", and the
// CLI's own diagnostics (ede_diagnostic) stay out of the human output.
void TestCli::stopMidTurnReadsStoppedByYou()
{
    const QString task =
        QStringLiteral("Talk slowly. ") +
        script({QJsonObject{
            {QStringLiteral("text"), QStringLiteral("one two three four five six seven eight")},
            {QStringLiteral("chunks"), 8},
            {QStringLiteral("delay"), 1.0}}});
    auto r = m_fx.chorus({QStringLiteral("spawn"), QStringLiteral("builder"),
                          QStringLiteral("--task=") + task, QStringLiteral("--name=slow"),
                          QStringLiteral("--in-place")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QTRY_COMPARE_WITH_TIMEOUT(
        agent(QStringLiteral("slow")).value(QLatin1String("state")).toString(),
        QStringLiteral("running"), 60000);
    QTest::qWait(1500);
    r = m_fx.chorus({QStringLiteral("stop"), QStringLiteral("slow")});
    QCOMPARE(r.exitCode, 0);
    QTRY_COMPARE_WITH_TIMEOUT(
        agent(QStringLiteral("slow")).value(QLatin1String("state")).toString(),
        QStringLiteral("stopped"), 30000);
    const QJsonObject a = agent(QStringLiteral("slow"));
    QCOMPARE(a.value(QLatin1String("stateDetail")).toString(), QStringLiteral("user"));
    QCOMPARE(a.value(QLatin1String("error")), QJsonValue(QJsonValue::Null));
    const auto status = m_fx.chorus({QStringLiteral("status")});
    QVERIFY2(status.out.contains(QLatin1String("stopped by you")), qPrintable(status.out));
    QVERIFY(!status.out.contains(QLatin1String("failed")));
    const auto logs = m_fx.chorus({QStringLiteral("logs"), QStringLiteral("slow")});
    QVERIFY2(logs.out.contains(QStringLiteral("■ Stopped by you")), qPrintable(logs.out));
    QVERIFY2(logs.out.contains(QStringLiteral("· stopped (by you)")), qPrintable(logs.out));
    QVERIFY(!logs.out.contains(QLatin1String("failed")));
    QVERIFY(!logs.out.contains(QLatin1String("ede_diagnostic")));
    // --json keeps what the CLI said, word for word.
    const auto json =
        m_fx.chorus({QStringLiteral("logs"), QStringLiteral("slow"), QStringLiteral("--json")});
    QVERIFY(json.out.contains(QLatin1String("aborted_")));
}

void TestCli::spawnWaitFailsOnApiError()
{
    m_fx.fake().enqueue(QJsonObject{{QStringLiteral("http_error"), 500}, {QStringLiteral("message"), QStringLiteral("backend on fire")}});
    const auto r = m_fx.chorus({QStringLiteral("spawn"), QStringLiteral("builder"), QStringLiteral("--task=hi"),
                                QStringLiteral("--wait")}, 120000);
    QVERIFY2(r.exitCode == 1, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(QLatin1String("backend on fire")), qPrintable(r.describe()));
    QVERIFY(r.out.contains(QLatin1String("failed")));
}

void TestCli::unknownAgentAndRole()
{
    auto r = m_fx.chorus({QStringLiteral("send"), QStringLiteral("ghost"), QStringLiteral("hi")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("no agent 'ghost'")), qPrintable(r.err));
    r = m_fx.chorus({QStringLiteral("spawn"), QStringLiteral("wizard"), QStringLiteral("--task=x")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(QLatin1String("wizard")));
    QVERIFY(r.err.contains(QLatin1String("builder"))); // the next step names the real roles
    r = m_fx.chorus({QStringLiteral("spawn"), QStringLiteral("builder"), QStringLiteral("--task=x"),
                     QStringLiteral("--dir=/does/not/exist")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(QLatin1String("/does/not/exist")));
    r = m_fx.chorus({QStringLiteral("roles"), QStringLiteral("show"), QStringLiteral("wizard")});
    QCOMPARE(r.exitCode, 1);
    r = m_fx.chorus({QStringLiteral("roles"), QStringLiteral("show"), QStringLiteral("builder")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(QLatin1String("permissionMode")).toString(),
             QStringLiteral("acceptEdits"));
}

void TestCli::secondDaemonIsRefused()
{
    auto r = m_fx.chorus({QStringLiteral("daemon"), QStringLiteral("start")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const qint64 pid = m_fx.daemonPid();
    QVERIFY(pid > 0);
    r = m_fx.chorus({QStringLiteral("daemon"), QStringLiteral("run")}, 10000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("already running")), qPrintable(r.describe()));
    QVERIFY(r.err.contains(QString::number(pid)));
    QCOMPARE(m_fx.daemonPid(), pid); // the first one is untouched
    r = m_fx.chorus({QStringLiteral("daemon"), QStringLiteral("start")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(QLatin1String("already running")));
    r = m_fx.chorus({QStringLiteral("daemon"), QStringLiteral("status")});
    QCOMPARE(r.exitCode, 0);
    r = m_fx.chorus({QStringLiteral("daemon"), QStringLiteral("stop")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(m_fx.daemonPid(), 0);
    r = m_fx.chorus({QStringLiteral("daemon"), QStringLiteral("status")});
    QCOMPARE(r.exitCode, 1);
}

void TestCli::corruptDatabaseIsLeftAlone()
{
    QDir().mkpath(m_fx.dataDir());
    const QByteArray junk = QByteArray("this is not a database, it is a shopping list\n").repeated(200);
    {
        QFile f(m_fx.databasePath());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(junk);
    }
    const auto r = m_fx.chorus({QStringLiteral("status")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("did not start")) || r.err.contains(QLatin1String("not a Chorus database")),
             qPrintable(r.describe()));
    QVERIFY2(r.err.contains(QLatin1String("not a Chorus database")), qPrintable(r.describe())); // log tail shown
    QFile f(m_fx.databasePath());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), junk); // never overwritten
}

void TestCli::daemonKill9IsRecovered()
{
    const QString task = QStringLiteral("Slow work. ") +
                         script({QJsonObject{{QStringLiteral("text"), QStringLiteral("one two three four five six")},
                                             {QStringLiteral("chunks"), 6},
                                             {QStringLiteral("delay"), 1.0}}});
    auto r = m_fx.chorus({QStringLiteral("spawn"), QStringLiteral("builder"), QStringLiteral("--task=") + task,
                          QStringLiteral("--name=survivor")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    // A second agent still queued behind the cap must not be lost either.
    QTRY_COMPARE_WITH_TIMEOUT(agent(QStringLiteral("survivor")).value(QLatin1String("state")).toString(),
                              QStringLiteral("running"), 60000);
    const QJsonObject before = agent(QStringLiteral("survivor"));
    const qint64 claudePid = before.value(QLatin1String("pid")).toInteger();
    QVERIFY(claudePid > 0);
    const auto eventsBefore = m_fx.chorus({QStringLiteral("logs"), QStringLiteral("survivor"), QStringLiteral("--json")});
    const QStringList linesBefore = eventsBefore.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(!linesBefore.isEmpty());
    const qint64 daemon = m_fx.daemonPid();
    QVERIFY(daemon > 0);
    QCOMPARE(::kill(pid_t(daemon), SIGKILL), 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_fx.daemonPid(), 0, 10000);

    // The next command starts a new engine, which recovers and finishes the agent.
    QJsonObject after;
    QDeadlineTimer deadline(90000);
    do {
        QTest::qWait(200);
        after = agent(QStringLiteral("survivor"));
    } while (!deadline.hasExpired() && after.value(QLatin1String("state")).toString() != QLatin1String("idle") &&
             after.value(QLatin1String("state")).toString() != QLatin1String("failed"));
    if (after.value(QLatin1String("state")).toString() != QLatin1String("idle")) {
        QFile log(m_fx.dataDir() + QStringLiteral("/daemon.log"));
        log.open(QIODevice::ReadOnly);
        const auto events = m_fx.chorus({QStringLiteral("logs"), QStringLiteral("survivor"), QStringLiteral("--json")});
        QFAIL(qPrintable(QStringLiteral("the agent did not finish after recovery:\n%1\n--- events\n%2\n--- daemon log\n%3")
                             .arg(QString::fromUtf8(QJsonDocument(after).toJson()), events.out.right(6000),
                                  QString::fromUtf8(log.readAll().right(4000)))));
    }
    QVERIFY(after.value(QLatin1String("turns")).toInt() >= 1);
    QVERIFY(m_fx.daemonPid() != daemon);
    const auto eventsAfter = m_fx.chorus({QStringLiteral("logs"), QStringLiteral("survivor"), QStringLiteral("--json")});
    const QStringList linesAfter = eventsAfter.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(linesAfter.size() > linesBefore.size());
    for (qsizetype i = 0; i < linesBefore.size(); ++i)
        QCOMPARE(linesAfter[i], linesBefore[i]); // nothing stored was lost or changed
    QVERIFY2(eventsAfter.out.contains(QLatin1String("\"interrupted\"")), "no interrupted state recorded");
    QVERIFY(eventsAfter.out.contains(QLatin1String("\"recover\"")));
    // The orphaned claude process of the killed engine was ended before the resume, so two
    // processes never wrote the same session.
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(claudePid));
    const bool orphanAlive = cmdline.open(QIODevice::ReadOnly) &&
                             cmdline.readAll().contains(before.value(QLatin1String("claudeSessionId")).toString().toUtf8()) &&
                             after.value(QLatin1String("pid")).toInteger() != claudePid;
    QVERIFY(!orphanAlive);
}

// A Claude process ends with its engine, killed with -9 (nothing else stops it then), without
// waiting for the next engine to find it.
void TestCli::claudeDiesWithItsEngine()
{
    const QString task = QStringLiteral("Very slow work. ") +
                         script({QJsonObject{{QStringLiteral("text"),
                                              QStringLiteral("a b c d e f g h i j k l m n o p")},
                                             {QStringLiteral("chunks"), 16},
                                             {QStringLiteral("delay"), 5.0}}});
    auto r = m_fx.chorus({QStringLiteral("spawn"), QStringLiteral("builder"),
                          QStringLiteral("--task=") + task, QStringLiteral("--name=orphan")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QTRY_COMPARE_WITH_TIMEOUT(
        agent(QStringLiteral("orphan")).value(QLatin1String("state")).toString(),
        QStringLiteral("running"), 60000);
    const qint64 claudePid =
        agent(QStringLiteral("orphan")).value(QLatin1String("pid")).toInteger();
    QVERIFY(claudePid > 0);
    auto alive = [](qint64 pid) {
        QFile status(QStringLiteral("/proc/%1/status").arg(pid));
        return status.open(QIODevice::ReadOnly) && !status.readAll().contains("State:\tZ");
    };
    QVERIFY(alive(claudePid));
    const qint64 daemon = m_fx.daemonPid();
    QVERIFY(daemon > 0);
    QCOMPARE(::kill(pid_t(daemon), SIGKILL), 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_fx.daemonPid(), 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!alive(claudePid), 5000);
}

void TestCli::missingClaudeIsExplained()
{
    qputenv("CHORUS_CLAUDE", QByteArray("/nowhere/claude"));
    const auto r = m_fx.chorus({QStringLiteral("spawn"), QStringLiteral("builder"), QStringLiteral("--task=x"),
                                QStringLiteral("--wait")}, 60000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("/nowhere/claude")), qPrintable(r.describe()));
    QVERIFY(r.err.contains(QLatin1String("CHORUS_CLAUDE")));

    // `status` says it first, whole (the engine's own environment is the one that lacks it).
    const auto status = m_fx.chorus({QStringLiteral("status")});
    QCOMPARE(status.exitCode, 0);
    const QString first = status.out.section(QLatin1Char('\n'), 0, 0);
    QVERIFY2(first.startsWith(QLatin1String("engine: Claude Code cannot be started")),
             qPrintable(status.out));
    QVERIFY2(status.out.contains(QLatin1String("/nowhere/claude")), qPrintable(status.out));
    // The agent's log has the same problem as a line of its own.
    const auto logs = m_fx.chorus({QStringLiteral("logs"), QStringLiteral("builder-1")});
    QVERIFY2(logs.out.contains(QLatin1String("The agent could not start")),
             qPrintable(logs.describe()));
    QVERIFY2(logs.out.contains(QLatin1String("/nowhere/claude")), qPrintable(logs.describe()));
}

// Without credentials the CLI answers "Not logged in · Please run /login": the turn fails, and
// `status` and the agent's log say what to do; a turn that works clears it.
void TestCli::notLoggedInIsExplained()
{
    const QByteArray key = qgetenv("ANTHROPIC_API_KEY");
    qunsetenv("ANTHROPIC_API_KEY");
    auto r = m_fx.chorus({QStringLiteral("spawn"), QStringLiteral("builder"),
                          QStringLiteral("--task=hi"), QStringLiteral("--name=nokey"),
                          QStringLiteral("--wait")},
                         120000);
    qputenv("ANTHROPIC_API_KEY", key);
    QVERIFY2(r.exitCode == 1, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(QLatin1String("Not logged in")), qPrintable(r.describe()));

    auto status = m_fx.chorus({QStringLiteral("status")});
    QVERIFY2(
        status.out.startsWith(QLatin1String("engine: Claude Code is not logged in: nokey's turn")),
        qPrintable(status.out));
    QVERIFY(status.out.contains(QLatin1String("/login")));
    const QJsonArray warnings = statusJson().value(QLatin1String("warnings")).toArray();
    QVERIFY(!warnings.isEmpty());
    QVERIFY(warnings.first().toString().contains(QLatin1String("not logged in")));
    const auto logs = m_fx.chorus({QStringLiteral("logs"), QStringLiteral("nokey")});
    QVERIFY2(logs.out.contains(QLatin1String("Claude Code is not logged in. Run `claude`")),
             qPrintable(logs.describe()));

    // A turn that works (an agent with the key: nokey's own CLI keeps the environment it was
    // started with until it ends) clears the warning.
    r = m_fx.chorus({QStringLiteral("spawn"), QStringLiteral("builder"),
                     QStringLiteral("--task=hi"), QStringLiteral("--name=withkey"),
                     QStringLiteral("--wait")},
                    120000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    status = m_fx.chorus({QStringLiteral("status")});
    QVERIFY2(!status.out.contains(QLatin1String("not logged in")), qPrintable(status.out));
}

// Model text, tool names and descriptions are shown with their control characters escaped:
// they cannot retitle the window, clear the screen, write the clipboard (OSC 52) or rewrite an
// approval line. --json stays exact JSON that parses back to the very same text.
void TestCli::hostileTextIsShownEscaped()
{
    const QString hostile = QStringLiteral(
        "A\x1b]0;pwned\x07 B\x1b[2J C\x1b]52;c;ZXZpbA==\x07 D\rE\u009b31m F\u202eG\u2066H\x7f I");
    const QJsonObject unknownTool{{QStringLiteral("tool"), QStringLiteral("Nope\x1b[2J")},
                                  {QStringLiteral("input"), QJsonObject{}}};
    // Write asks for approval (architect), with the file's name as its description.
    const QJsonObject write{{QStringLiteral("tool"), QStringLiteral("Write")},
                            {QStringLiteral("input"),
                             QJsonObject{{QStringLiteral("file_path"),
                                          QString(m_fx.workDir() + QLatin1Char('/') + hostile)},
                                         {QStringLiteral("content"), QStringLiteral("x\n")}}}};
    const QString task = QStringLiteral("Be evil. ") +
                         script({QJsonObject{{QStringLiteral("text"), hostile},
                                             {QStringLiteral("tools"), QJsonArray{unknownTool}}},
                                 write});
    auto r = m_fx.chorus({QStringLiteral("spawn"), QStringLiteral("architect"),
                          QStringLiteral("--task=") + task, QStringLiteral("--name=evil")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QString name = QStringLiteral("evil");
    QTRY_COMPARE_WITH_TIMEOUT(agent(name).value(QLatin1String("state")).toString(),
                              QStringLiteral("waiting"), 60000);

    const QString escaped =
        QStringLiteral("A\\x1b]0;pwned\\x07 B\\x1b[2J C\\x1b]52;c;ZXZpbA==\\x07 D\\x0dE\\u009b31m "
                       "F\\u202eG\\u2066H\\u007f I");
    const auto status = m_fx.chorus({QStringLiteral("status")});
    QCOMPARE(status.exitCode, 0);
    QVERIFY2(rawControls(status.out).isEmpty(), qPrintable(rawControls(status.out)));
    QVERIFY2(status.out.contains(QStringLiteral(" Write: ")),
             qPrintable(status.out)); // the approval line
    QVERIFY2(status.out.contains(escaped), qPrintable(status.out));

    const auto logs = m_fx.chorus({QStringLiteral("logs")});
    QCOMPARE(logs.exitCode, 0);
    QVERIFY2(rawControls(logs.out).isEmpty(), qPrintable(rawControls(logs.out)));
    QVERIFY2(logs.out.contains(escaped), qPrintable(logs.out));
    QVERIFY2(logs.out.contains(QStringLiteral("Nope\\x1b[2J")), qPrintable(logs.out));

    // Error messages quoting what the user typed or an agent wrote, too.
    r = m_fx.chorus({QStringLiteral("spawn"), QStringLiteral("builder"), QStringLiteral("--task=x"),
                     QStringLiteral("--name=evil\x1b[1A")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(rawControls(r.err).isEmpty(), qPrintable(rawControls(r.err)));
    QVERIFY2(r.err.contains(QStringLiteral("evil\\x1b[1A")), qPrintable(r.err));
    r = m_fx.chorus(
        {QStringLiteral("send"), QStringLiteral("ghost\x1b]0;x\x07"), QStringLiteral("hi")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(rawControls(r.err).isEmpty(), qPrintable(rawControls(r.err)));
    QVERIFY2(r.err.contains(QStringLiteral("ghost\\x1b]0;x\\x07")), qPrintable(r.err));

    // JSON: no raw control character either, and it parses back to exactly what was stored.
    const auto json = m_fx.chorus({QStringLiteral("status"), QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 0);
    QVERIFY2(rawControls(json.out).isEmpty(), qPrintable(rawControls(json.out)));
    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(json.out.toUtf8(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject approval = o.value(QLatin1String("approvals")).toArray().first().toObject();
    QVERIFY2(approval.value(QLatin1String("description")).toString().contains(hostile),
             qPrintable(json.out));
    QCOMPARE(o.value(QLatin1String("agents"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("name"))
                 .toString(),
             name);
    const auto jsonLogs = m_fx.chorus({QStringLiteral("logs"), name, QStringLiteral("--json")});
    QCOMPARE(jsonLogs.exitCode, 0);
    QVERIFY2(rawControls(jsonLogs.out).isEmpty(), qPrintable(rawControls(jsonLogs.out)));
    bool textFound = false;
    for (const QString &line : jsonLogs.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QJsonDocument d = QJsonDocument::fromJson(line.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(line));
        textFound = textFound || hasString(d.object(), hostile);
    }
    QVERIFY(textFound);
}

// `logs --follow` ends with exit status 1 and says why when the engine dies under it.
void TestCli::logsFollowFailsWhenTheEngineDies()
{
    auto r = m_fx.chorus({QStringLiteral("spawn"), QStringLiteral("builder"),
                          QStringLiteral("--task=Say hi."), QStringLiteral("--name=talker"),
                          QStringLiteral("--wait")},
                         120000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QProcess follow;
    follow.setProgram(m_fx.chorusProgram());
    follow.setArguments({QStringLiteral("logs"), QStringLiteral("--follow")});
    follow.setWorkingDirectory(m_fx.workDir());
    follow.start();
    QVERIFY(follow.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += follow.readAllStandardOutput()).contains("Turn done"), 30000);
    QCOMPARE(follow.state(), QProcess::Running);
    const qint64 daemon = m_fx.daemonPid();
    QVERIFY(daemon > 0);
    QCOMPARE(::kill(pid_t(daemon), SIGKILL), 0);
    QVERIFY(follow.waitForFinished(10000));
    const QString err = QString::fromUtf8(follow.readAllStandardError());
    QCOMPARE(follow.exitStatus(), QProcess::NormalExit);
    QVERIFY2(follow.exitCode() == 1, qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("engine")), qPrintable(err));
}

// A data directory where daemon.log cannot be written (tests run as root, so permissions do not
// stop them: the data directory's parent is a regular file, or daemon.log is a directory) is named
// in a clear error with a next step, not Qt's "Could not open output redirection".
void TestCli::unwritableDataDirIsExplained_data()
{
    QTest::addColumn<bool>("logIsDirectory");
    QTest::newRow("parent is a file") << false;
    QTest::newRow("daemon.log is a directory") << true;
}

void TestCli::unwritableDataDirIsExplained()
{
    QFETCH(bool, logIsDirectory);
    QString dir;
    if (logIsDirectory) {
        dir = m_fx.dataDir();
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/daemon.log")));
    } else {
        QFile blocker(m_fx.root() + QStringLiteral("/blocker"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        dir = blocker.fileName() + QStringLiteral("/chorus");
        qputenv("CHORUS_DATA_DIR", dir.toUtf8());
    }
    const auto r = m_fx.chorus({QStringLiteral("status")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(!r.err.contains(QLatin1String("redirection")), qPrintable(r.describe()));
    QVERIFY2(r.err.contains(logIsDirectory ? dir + QStringLiteral("/daemon.log") : dir),
             qPrintable(r.describe()));
    QVERIFY2(r.err.contains(QLatin1String("CHORUS_DATA_DIR")),
             qPrintable(r.describe())); // the next step
    QCOMPARE(m_fx.daemonPid(), 0);
}

// The data directory is private (0700) and the database, its WAL and SHM and daemon.log are
// 0600, also when they existed before with looser modes: stored tool output holds secrets.
void TestCli::dataFilesArePrivate()
{
    QVERIFY(QDir().mkpath(m_fx.dataDir()));
    QVERIFY(QFile::setPermissions(
        m_fx.dataDir(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                            QFileDevice::ReadGroup | QFileDevice::ExeGroup |
                            QFileDevice::ReadOther | QFileDevice::ExeOther));
    const QString log = m_fx.dataDir() + QStringLiteral("/daemon.log");
    {
        QFile f(log);
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    QVERIFY(QFile::setPermissions(log, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                           QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QCOMPARE(modeOf(log), mode_t(0644));
    const auto r = m_fx.chorus({QStringLiteral("spawn"), QStringLiteral("builder"),
                                QStringLiteral("--task=Say hi."), QStringLiteral("--wait")},
                               120000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(modeOf(m_fx.dataDir()), mode_t(0700));
    for (const char *file : {"chorus.db", "chorus.db-wal", "chorus.db-shm", "daemon.log"}) {
        const QString path = m_fx.dataDir() + QLatin1Char('/') + QLatin1String(file);
        QVERIFY2(modeOf(path) == 0600,
                 qPrintable(QStringLiteral("%1: %2").arg(path).arg(modeOf(path), 0, 8)));
    }
}

// `spawn --wait` says who the agent is and where it works before its turn ends (a turn can take
// minutes); with --json that goes to stderr and stdout keeps the one final object.
void TestCli::spawnWaitSaysWhereAtOnce()
{
    const QString task =
        QStringLiteral("Take your time. ") +
        script({QJsonObject{{QStringLiteral("text"), QStringLiteral("Done slowly.")},
                            {QStringLiteral("chunks"), 4},
                            {QStringLiteral("delay"), 1.0}}});
    for (const bool json : {false, true}) {
        const QString name = json ? QStringLiteral("slowjson") : QStringLiteral("slowtext");
        QProcess spawn;
        spawn.setProgram(m_fx.chorusProgram());
        QStringList args{QStringLiteral("spawn"),          QStringLiteral("builder"),
                         QStringLiteral("--task=") + task, QStringLiteral("--name=") + name,
                         QStringLiteral("--in-place"),     QStringLiteral("--wait")};
        if (json)
            args << QStringLiteral("--json");
        spawn.setArguments(args);
        spawn.setWorkingDirectory(m_fx.workDir());
        spawn.start();
        QVERIFY(spawn.waitForStarted());
        QByteArray early;
        const auto channel =
            json ? &QProcess::readAllStandardError : &QProcess::readAllStandardOutput;
        QTRY_VERIFY_WITH_TIMEOUT((early += (spawn.*channel)()).contains("works in"), 60000);
        // Said while the turn still runs (four one-second chunks).
        QCOMPARE(spawn.state(), QProcess::Running);
        const QString said = QString::fromUtf8(early);
        QVERIFY2(said.contains(QStringLiteral("Spawned %1 (builder").arg(name)), qPrintable(said));
        QVERIFY2(said.contains(QDir(m_fx.workDir()).canonicalPath() + QStringLiteral(" (in place")),
                 qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("chorus logs %1 --follow").arg(name)),
                 qPrintable(said));
        QVERIFY(spawn.waitForFinished(120000));
        QCOMPARE(spawn.exitCode(), 0);
        const QByteArray rest = spawn.readAllStandardOutput();
        if (json) {
            // stdout is exactly the final object.
            const QJsonObject o = QJsonDocument::fromJson(rest).object();
            QCOMPARE(o.value(QLatin1String("name")).toString(), name);
            QCOMPARE(o.value(QLatin1String("state")).toString(), QStringLiteral("idle"));
        } else {
            QVERIFY2(rest.contains("slowtext is idle after"), rest.constData());
        }
    }
}

// `status` fits the terminal: COLUMNS (or the terminal's width) bounds every line, the task
// (last) and the longest cells elide with "…", the least useful columns go; with no terminal and
// no COLUMNS nothing is cut.
void TestCli::statusFitsTheTerminal()
{
    const QString longTask = QStringLiteral("Rewrite the whole storage layer so that it keeps "
                                            "every event in a ring buffer and nothing is lost");
    for (const QString &name :
         {QStringLiteral("a-rather-long-agent-name"), QStringLiteral("bee")}) {
        const auto r = m_fx.chorus(
            {QStringLiteral("spawn"), QStringLiteral("builder"),
             QStringLiteral("--task=") + longTask + QStringLiteral("\nsecond line never shown"),
             QStringLiteral("--name=") + name, QStringLiteral("--in-place"),
             QStringLiteral("--wait")},
            120000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    }
    const QByteArray saved = qgetenv("COLUMNS");
    const bool had = qEnvironmentVariableIsSet("COLUMNS");
    const auto restore = qScopeGuard([&] {
        if (had)
            qputenv("COLUMNS", saved);
        else
            qunsetenv("COLUMNS");
    });
    const auto table = [this](const QByteArray &columns) {
        if (columns.isEmpty())
            qunsetenv("COLUMNS");
        else
            qputenv("COLUMNS", columns);
        const auto r = m_fx.chorus({QStringLiteral("status")});
        return r.out.section(QStringLiteral("\n\n"), 0, 0)
            .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    };

    const QStringList narrow = table("60");
    QCOMPARE(narrow.size(), 3);
    for (const QString &line : narrow)
        QVERIFY2(line.size() <= 60, qPrintable(line));
    QVERIFY(narrow[0].startsWith(QLatin1String("NAME")));
    QVERIFY2(narrow[0].contains(QLatin1String("STATE")), qPrintable(narrow[0]));
    QVERIFY2(!narrow[0].contains(QLatin1String("TOKENS")), qPrintable(narrow[0]));
    QVERIFY2(narrow[0].endsWith(QLatin1String("TASK")), qPrintable(narrow[0]));
    QVERIFY2(narrow[1].contains(QChar(0x2026)), qPrintable(narrow[1])); // the task is elided
    QVERIFY2(narrow[2].startsWith(QLatin1String("bee ")), qPrintable(narrow[2]));
    QVERIFY(narrow[1].contains(QLatin1String("idle")) && narrow[2].contains(QLatin1String("idle")));

    const QStringList wide = table("200");
    QCOMPARE(wide.size(), 3);
    for (const QString &line : wide)
        QVERIFY2(line.size() <= 200, qPrintable(line));
    for (const char *column : {"NAME", "ROLE", "STATE", "TURNS", "TOKENS", "COST", "ELAPSED", "ID",
                               "BRANCH/DIR", "TASK"})
        QVERIFY2(wide[0].contains(QLatin1String(column)), column);
    QVERIFY(wide[1].contains(QLatin1String("a-rather-long-agent-name")));
    QVERIFY2(wide[1].contains(QLatin1String("Rewrite the whole storage")), qPrintable(wide[1]));
    QVERIFY(!wide[1].contains(QLatin1String("second line")));

    // Not a terminal, no COLUMNS: the whole first line of the task.
    const QStringList whole = table({});
    QVERIFY2(whole[1].endsWith(longTask), qPrintable(whole[1]));
    QVERIFY(whole[1].size() > 200);
}

// An engine with no agent alive and no client ends itself after the idle setting (seconds here,
// through CHORUS_IDLE_EXIT_SECONDS); a client (`logs --follow`) or an agent in a turn keeps it.
void TestCli::idleEngineEndsItself()
{
    qputenv("CHORUS_IDLE_EXIT_SECONDS", "2");
    const auto unset = qScopeGuard([] { qunsetenv("CHORUS_IDLE_EXIT_SECONDS"); });

    // Nothing at all: it ends within a few seconds.
    auto r = m_fx.chorus({QStringLiteral("daemon"), QStringLiteral("start")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY(m_fx.daemonPid() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_fx.daemonPid(), qint64(0), 15000);
    QFile log(m_fx.dataDir() + QStringLiteral("/daemon.log"));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY2(log.readAll().contains("no agent alive and no client"), "daemon.log");

    // A client keeps it: `logs --follow` for three times the idle time.
    QProcess follow;
    follow.setProgram(m_fx.chorusProgram());
    follow.setArguments({QStringLiteral("logs"), QStringLiteral("--follow")});
    follow.setWorkingDirectory(m_fx.workDir());
    follow.start();
    QVERIFY(follow.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(m_fx.daemonPid() > 0, 30000);
    const qint64 pid = m_fx.daemonPid();
    QTest::qWait(6000); // the only way to see that something does not happen
    QCOMPARE(m_fx.daemonPid(), pid);
    QCOMPARE(follow.state(), QProcess::Running);
    follow.kill();
    follow.waitForFinished(5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_fx.daemonPid(), qint64(0), 15000);

    // An agent in a turn keeps it, with no client connected; once it is stopped, it ends.
    const QString task =
        QStringLiteral("Work a while. ") +
        script({QJsonObject{{QStringLiteral("text"), QStringLiteral("a b c d e f g h")},
                            {QStringLiteral("chunks"), 30},
                            {QStringLiteral("delay"), 1.0}}});
    r = m_fx.chorus({QStringLiteral("spawn"), QStringLiteral("builder"),
                     QStringLiteral("--task=") + task, QStringLiteral("--name=busy"),
                     QStringLiteral("--in-place")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const qint64 working = m_fx.daemonPid();
    QVERIFY(working > 0);
    QTest::qWait(6000);
    QCOMPARE(m_fx.daemonPid(), working);
    QCOMPARE(agent(QStringLiteral("busy")).value(QLatin1String("state")).toString(),
             QStringLiteral("running"));
    r = m_fx.chorus({QStringLiteral("stop"), QStringLiteral("busy")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QTRY_COMPARE_WITH_TIMEOUT(m_fx.daemonPid(), qint64(0), 30000);
}

// Started as a daemon, the engine leads a session of its own: its scheduling group gets the
// agents' nice, so the engine and its agents together yield to the desktop.
void TestCli::daemonYieldsToTheDesktop()
{
    // The default (the fixture sets 0 for the other tests).
    QFile conf(m_fx.root() + QStringLiteral("/config/chorus/chorus.conf"));
    QVERIFY(conf.open(QIODevice::WriteOnly));
    conf.write("[engine]\n");
    conf.close();
    auto r = m_fx.chorus({QStringLiteral("daemon"), QStringLiteral("start")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const qint64 pid = m_fx.daemonPid();
    QVERIFY(pid > 0);
    const QString group = QStringLiteral("/proc/%1/autogroup").arg(pid);
    if (!QFile::exists(group))
        QSKIP("this kernel has no autogroup");
    QTRY_COMPARE_WITH_TIMEOUT(chorus::autogroup::nice(group), 19, 5000);
    // Set off, it takes effect at once (and back on).
    chorus::RpcClient client;
    QVERIFY(client.connectToEngine(m_fx.socketPath(), 2000));
    for (const int nice : {0, 19}) {
        QVERIFY(client.callSync(QStringLiteral("settings.set"),
                                QJsonObject{{QStringLiteral("agentNice"), nice}}, 5000)
                    .ok());
        QTRY_COMPARE_WITH_TIMEOUT(chorus::autogroup::nice(group), nice, 5000);
    }
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
