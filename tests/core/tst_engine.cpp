// The engine end to end: real Claude Code CLI processes against the fake Messages API.
#include "agent/claudelocator.h"
#include "claudetest.h"
#include "engine/engine.h"
#include "fakeapi.h"
#include "gitfixture.h"
#include "store/database.h"
#include "store/sessionstore.h"
#include "testengine.h"
#include "transcript/transcriptitem.h"
#include "util/autogroup.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace chorus;
using chorus::test::FakeApi;

class TestEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void spawnToolCallWritesFileAndStoresUsage();
    void followUpOnSameProcess();
    void agentsRunAsBackgroundWork();
    void autogroupNiceIsWrittenInDecimal();
    void resumeAfterExit();
    void lostTranscriptStartsAgainFromTheTask();
    void interruptMidTurn();
    void approvalAllow();
    void approvalDeny();
    void allowForSession();
    void killedProcessIsDetected();
    void apiErrorIsAFailedTurn();
    void concurrencyCapQueues();
    void stalledTurnIsFlagged();
    void badInput();
    void crashIsResumedAutomatically();
    void engineRestartRecoversWorkingAgents();
    void unreadableLineIsStoredAndShown();
    void unauthenticatedCliIsExplained();
    void idleProcessIsClosedAndResumed();
    void agentInARepoWorksOnItsOwnBranch();
    void stopMidTurnIsStoppedByYou();
    void cleanedAgentRefusesSendAndResume();
    void writingRoleInPlaceIsWarnedUnlessAsked();

private:
    // The turn-end item of the session's last result (what `logs` and the console show).
    TranscriptItem lastTurnEnd(const QString &id)
    {
        TranscriptItem out;
        for (const StoredEvent &e : m_engine->events(id, 0, 0))
            if (e.kind == QLatin1String("result"))
                for (const TranscriptItem &item : transcriptItems(e))
                    out = item;
        return out;
    }
    // A repository with one commit on main, at <tmp>/<name>.
    QString makeRepo(const QString &name);

    SessionInfo waitSettled(const QString &id, int timeoutMs = 60000);
    SessionInfo info(const QString &id) { return *m_engine->find(id); }
    // Whether the CLI has said anything yet (any event not the engine's own): it has the task.
    bool cliAnswered(const QString &id)
    {
        for (const StoredEvent &e : m_engine->events(id, 0, 0))
            if (e.kind != QLatin1String("chorus"))
                return true;
        return false;
    }
    QString json(const QJsonObject &o) { return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)); }
    // A scripted answer streamed in `chunks` pieces, `delay` seconds apart.
    QString slowText(const QString &text, int chunks, double delay)
    {
        return script({QJsonObject{{QStringLiteral("text"), text},
                                   {QStringLiteral("chunks"), chunks},
                                   {QStringLiteral("delay"), delay}}});
    }
    QString script(const QJsonArray &steps) { return QStringLiteral("@@fake ") + QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact)); }

    QString m_claude;
    FakeApi m_fake;
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<Engine> m_engine;
    QString m_work;
};

void TestEngine::initTestCase()
{
    QString why;
    m_claude = chorus::test::testClaudePath(&why);
    if (m_claude.isEmpty())
        QFAIL(qPrintable(why));
    QString err;
    QVERIFY2(m_fake.start(&err), qPrintable(err));
}

void TestEngine::init()
{
    m_fake.reset();
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_work = m_tmp->filePath(QStringLiteral("work"));
    QVERIFY(QDir().mkpath(m_work));
    Status st = Ok{};
    m_engine = chorus::test::openTestEngine(m_tmp->path(), m_fake, m_claude, &st);
    QVERIFY2(st.ok(), qPrintable(st.error().toString()));
}

void TestEngine::cleanup()
{
    m_engine.reset();
    m_tmp.reset();
}

SessionInfo TestEngine::waitSettled(const QString &id, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const SessionInfo s = info(id);
        if ((s.state == SessionState::Idle || isFinal(s.state)) && s.turns > 0)
            return s;
        if (isFinal(s.state))
            return s;
        QTest::qWait(20);
    }
    return info(id);
}

void TestEngine::spawnToolCallWritesFileAndStoresUsage()
{
    const QString file = m_work + QStringLiteral("/hello.txt");
    const QString task = QStringLiteral("Write a file. ") +
                         script({QJsonObject{{QStringLiteral("tool"), QStringLiteral("Write")},
                                             {QStringLiteral("input"),
                                              QJsonObject{{QStringLiteral("file_path"), file},
                                                          {QStringLiteral("content"), QStringLiteral("written by the agent\n")}}}},
                                 QJsonObject{{QStringLiteral("text"), QStringLiteral("I wrote hello.txt.")}}});
    QSignalSpy stored(m_engine.get(), &Engine::eventsStored);
    const Result<SessionInfo> r =
        chorus::test::spawnNow(*m_engine, {QStringLiteral("builder"), task, m_work, {}, {}});
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    QCOMPARE(r->name, QStringLiteral("builder-1"));
    const SessionInfo s = waitSettled(r->id);
    QVERIFY2(s.state == SessionState::Idle, qPrintable(stateName(s.state) + QLatin1Char(' ') + s.error));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("written by the agent\n"));
    QCOMPARE(s.turns, 1);
    QVERIFY(s.tokens.input >= 200); // two model calls of 100 input tokens
    QVERIFY(s.tokens.output >= 40);
    QVERIFY(s.costUsd > 0);
    QVERIFY(s.model.startsWith(QLatin1String("claude-")));
    QVERIFY(stored.count() > 0);

    // What the engine remembers, read back from the database by a second connection.
    Database db;
    QVERIFY(db.open(m_tmp->filePath(QStringLiteral("data/chorus.db")), true).ok());
    SessionStore store(&db);
    const QList<StoredEvent> events = store.events(r->id);
    QStringList kinds;
    for (const StoredEvent &e : events)
        kinds << e.kind;
    QVERIFY2(kinds.contains(QStringLiteral("init")), qPrintable(kinds.join(u',')));
    QVERIFY(kinds.contains(QStringLiteral("assistant")));
    QVERIFY(kinds.contains(QStringLiteral("user")));
    QVERIFY(kinds.contains(QStringLiteral("result")));
    for (qsizetype i = 0; i < events.size(); ++i)
        QCOMPARE(events[i].seq, i + 1);
    // The suite runs once per agent transport (ctest tst_engine and tst_engine_shim): the launch
    // says which one started the CLI.
    const QString transport = qEnvironmentVariable("CHORUS_TEST_TRANSPORT") == QLatin1String("shim")
                                  ? QStringLiteral("shim")
                                  : QStringLiteral("process");
    auto launch = std::find_if(events.begin(), events.end(), [](const StoredEvent &e) {
        return e.subtype == QLatin1String("launch");
    });
    QVERIFY(launch != events.end());
    QCOMPARE(
        QJsonDocument::fromJson(launch->raw).object().value(QLatin1String("transport")).toString(),
        transport);
    const SessionInfo row = *store.session(r->id);
    QCOMPARE(row.turns, 1);
    QCOMPARE(row.tokens.output, s.tokens.output);
    QVERIFY(qAbs(row.costUsd - s.costUsd) < 1e-9);
    QSqlQuery q(db.db());
    QVERIFY(q.exec(QStringLiteral("SELECT role, input_tokens, output_tokens, cost_usd, model FROM usage")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("builder"));
    QCOMPARE(q.value(2).toLongLong(), s.tokens.output);
    QVERIFY(q.value(3).toDouble() > 0);
    QVERIFY(!q.next());
}

void TestEngine::followUpOnSameProcess()
{
    const Result<SessionInfo> r = chorus::test::spawnNow(*m_engine, {QStringLiteral("builder"),
                                                                     QStringLiteral("Say hi."),
                                                                     m_work,
                                                                     QStringLiteral("talker"),
                                                                     {}});
    QVERIFY(r.ok());
    SessionInfo s = waitSettled(r->id);
    QCOMPARE(s.state, SessionState::Idle);
    const qint64 pid = s.pid;
    QVERIFY(pid > 0);
    const int before = m_fake.mainRequestCount();
    QVERIFY(m_engine->send(QStringLiteral("talker"), QStringLiteral("And again.")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(info(r->id).turns == 2, 30000);
    s = waitSettled(r->id);
    QCOMPARE(s.state, SessionState::Idle);
    QCOMPARE(s.pid, pid); // the same process took the follow-up
    QVERIFY(m_fake.mainRequestCount() > before);
    // The second request carried the first exchange.
    const QJsonArray log = m_fake.requestLog();
    QVERIFY(!log.isEmpty());
}

namespace {
// Fields of /proc/PID/stat after "pid (comm) ": 0 state, 3 session, 16 nice.
QList<QByteArray> procStat(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray stat = f.readAll();
    return stat.mid(stat.lastIndexOf(')') + 2).split(' ');
}
} // namespace

void TestEngine::agentsRunAsBackgroundWork()
{
    const QList<QByteArray> self = procStat(QCoreApplication::applicationPid());
    QVERIFY(self.size() > 16);
    const int ownNice = self.at(16).toInt();
    QCOMPARE(EngineSettings().agentNice, 19); // the default (the test engine's is 0)
    EngineSettings settings = m_engine->settings();
    settings.agentNice = 10;
    m_engine->setSettings(settings);
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("Say hi."), m_work, {}, {}});
    QVERIFY(r.ok());
    SessionInfo s = waitSettled(r->id);
    QCOMPARE(s.state, SessionState::Idle);
    QVERIFY(s.pid > 0);
    QList<QByteArray> agent = procStat(s.pid);
    QVERIFY(agent.size() > 16);
    QCOMPARE(agent.at(3), self.at(3)); // in the engine's session (and so its scheduling group)
    if (ownNice >= 10)
        qWarning("this test runs at nice %d: an agent's nice of 10 cannot be seen", ownNice);
    else
        QCOMPARE(agent.at(16).toInt(), 10);
    QVERIFY(m_engine->stop(r->id).ok());
    QTRY_COMPARE_WITH_TIMEOUT(info(r->id).pid, 0, 15000);

    // 0: agents run as the engine does.
    settings.agentNice = 0;
    m_engine->setSettings(settings);
    const Result<SessionInfo> r2 = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("Say hi."), m_work, {}, {}});
    QVERIFY(r2.ok());
    s = waitSettled(r2->id);
    QVERIFY(s.pid > 0);
    agent = procStat(s.pid);
    QVERIFY(agent.size() > 16);
    QCOMPARE(agent.at(16).toInt(), ownNice);

    // The setting's bounds.
    QCOMPARE(EngineSettings::fromJson({{QStringLiteral("agentNice"), 25}}).agentNice, 19);
    QCOMPARE(EngineSettings::fromJson({{QStringLiteral("agentNice"), -3}}).agentNice, 0);
    QCOMPARE(EngineSettings::fromJson({}).agentNice, 19);
}

// What the engine writes to its scheduling group (the daemon's test is tst_cli's).
void TestEngine::autogroupNiceIsWrittenInDecimal()
{
    const QString file = m_tmp->filePath(QStringLiteral("autogroup"));
    for (const auto &[nice, text] : {std::pair{8, "8\n"}, {9, "9\n"}, {10, "10\n"}, {25, "19\n"}}) {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.close();
        QCOMPARE(autogroup::setNice(nice, file), 0);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray(text)); // "08" would be octal to the kernel
    }
    QVERIFY(autogroup::setNice(10, m_tmp->filePath(QStringLiteral("no/such"))) != 0);
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("/autogroup-4711 nice 8\n");
    f.close();
    QCOMPARE(autogroup::nice(file), 8);
    QCOMPARE(autogroup::nice(m_tmp->filePath(QStringLiteral("no/such"))), -1);
}

void TestEngine::resumeAfterExit()
{
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine,
        {QStringLiteral("builder"), QStringLiteral("Remember the word PELICAN."), m_work, {}, {}});
    QVERIFY(r.ok());
    QCOMPARE(waitSettled(r->id).state, SessionState::Idle);
    QVERIFY(m_engine->stop(r->id).ok());
    QTRY_COMPARE_WITH_TIMEOUT(info(r->id).state, SessionState::Done, 15000);
    QCOMPARE(info(r->id).pid, 0);
    QVERIFY(m_engine->resume(r->id, QStringLiteral("What was the word?")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(info(r->id).turns == 2, 30000);
    const SessionInfo s = waitSettled(r->id);
    QCOMPARE(s.state, SessionState::Idle);
    // The resumed process sent the earlier conversation to the API.
    const QJsonArray log = m_fake.requestLog();
    bool sawHistory = false;
    for (const QJsonValue &v : log) {
        const QJsonObject body = v.toObject().value(QLatin1String("body")).toObject();
        if (body.value(QLatin1String("last_text")).toString().contains(QLatin1String("What was the word")))
            sawHistory = body.value(QLatin1String("messages")).toInt() >= 3; // first ask + answer + this
    }
    QVERIFY2(sawHistory, "the resumed turn did not include the first message");
}

void TestEngine::lostTranscriptStartsAgainFromTheTask()
{
    // A CLI killed before it wrote its transcript leaves nothing to --resume: the next
    // launch starts the conversation again from the task instead of failing.
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine,
        {QStringLiteral("builder"), QStringLiteral("Remember the word HERON."), m_work, {}, {}});
    QVERIFY(r.ok());
    QCOMPARE(waitSettled(r->id).state, SessionState::Idle);
    QVERIFY(m_engine->stop(r->id).ok());
    QTRY_COMPARE_WITH_TIMEOUT(info(r->id).state, SessionState::Done, 15000);
    const QProcessEnvironment env = m_fake.claudeEnvironment(m_tmp->filePath(QStringLiteral("claude")));
    const QString transcript = findClaudeTranscript(env, info(r->id).claudeSessionId);
    QVERIFY2(!transcript.isEmpty(), "the CLI wrote no transcript where Chorus looks for it");
    QVERIFY(QFile::remove(transcript));
    m_fake.reset();

    QVERIFY(m_engine->resume(r->id, QStringLiteral("What was the word?")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(info(r->id).turns == 3, 60000);
    QCOMPARE(waitSettled(r->id).state, SessionState::Idle);
    QVERIFY(!findClaudeTranscript(env, info(r->id).claudeSessionId).isEmpty());
    const QJsonArray log = m_fake.requestLog();
    QVERIFY(!log.isEmpty());
    const QJsonObject first = log.first().toObject().value(QLatin1String("body")).toObject();
    QVERIFY2(first.value(QLatin1String("last_text")).toString().contains(QLatin1String("HERON")),
             QJsonDocument(first).toJson().constData());
    bool noted = false;
    for (const StoredEvent &e : m_engine->events(r->id, 0, 0))
        noted = noted || e.subtype == QLatin1String("transcript_missing");
    QVERIFY(noted);
}

void TestEngine::interruptMidTurn()
{
    const QString task = QStringLiteral("Talk slowly. ") +
                         slowText(QStringLiteral("one two three four five six seven eight"), 8, 1.0);
    const Result<SessionInfo> r =
        chorus::test::spawnNow(*m_engine, {QStringLiteral("builder"), task, m_work, {}, {}});
    QVERIFY(r.ok());
    QTRY_COMPARE_WITH_TIMEOUT(info(r->id).state, SessionState::Running, 30000);
    QTest::qWait(1500);
    const Status st = m_engine->interrupt(r->id);
    QVERIFY2(st.ok(), qPrintable(st.error().toString()));
    const SessionInfo s = waitSettled(r->id, 20000);
    QCOMPARE(s.state, SessionState::Idle);
    QCOMPARE(s.stateDetail, QStringLiteral("interrupted"));
    QVERIFY(s.error.isEmpty());
    // The turn's end reads as the user's stop, its diagnostics kept for the details toggle.
    const TranscriptItem end = lastTurnEnd(r->id);
    QCOMPARE(end.title, QStringLiteral("Stopped by you"));
    QVERIFY(end.stoppedByUser);
    QVERIFY(!end.isError);
    QVERIFY2(end.details.contains(QLatin1String("aborted_")), qPrintable(end.details));
    QVERIFY(!end.body.contains(QLatin1String("ede_diagnostic")));
    QVERIFY(s.pid > 0); // the process stays usable
    // Interrupting an idle agent is a clear error.
    QVERIFY(!m_engine->interrupt(r->id).ok());
}

void TestEngine::approvalAllow()
{
    const QString file = m_work + QStringLiteral("/design.md");
    const QString task = QStringLiteral("Write the design. ") +
                         script({QJsonObject{{QStringLiteral("tool"), QStringLiteral("Write")},
                                             {QStringLiteral("input"), QJsonObject{{QStringLiteral("file_path"), file},
                                                                                   {QStringLiteral("content"), QStringLiteral("# Design\n")}}}}});
    QSignalSpy approvals(m_engine.get(), &Engine::approvalChanged);
    const Result<SessionInfo> r =
        chorus::test::spawnNow(*m_engine, {QStringLiteral("architect"), task, m_work, {}, {}});
    QVERIFY(r.ok());
    QTRY_COMPARE_WITH_TIMEOUT(info(r->id).state, SessionState::Waiting, 30000);
    QCOMPARE(info(r->id).stateDetail, QStringLiteral("approval"));
    const QList<ApprovalInfo> pending = m_engine->pendingApprovals(r->id);
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.first().toolName, QStringLiteral("Write"));
    QCOMPARE(pending.first().input.value(QStringLiteral("file_path")).toString(), file);
    QVERIFY(!QFile::exists(file)); // nothing happens before the answer
    QVERIFY(approvals.count() >= 1);
    const Result<ApprovalInfo> a = m_engine->answer(r->name, 0, true, false, {});
    QVERIFY2(a.ok(), qPrintable(a.error().toString()));
    const SessionInfo s = waitSettled(r->id);
    QCOMPARE(s.state, SessionState::Idle);
    QVERIFY(QFile::exists(file));
    QVERIFY(m_engine->pendingApprovals(r->id).isEmpty());
}

void TestEngine::approvalDeny()
{
    const QString file = m_work + QStringLiteral("/nope.md");
    const QString task = QStringLiteral("Write it. ") +
                         script({QJsonObject{{QStringLiteral("tool"), QStringLiteral("Write")},
                                             {QStringLiteral("input"), QJsonObject{{QStringLiteral("file_path"), file},
                                                                                   {QStringLiteral("content"), QStringLiteral("x\n")}}}}});
    const Result<SessionInfo> r =
        chorus::test::spawnNow(*m_engine, {QStringLiteral("architect"), task, m_work, {}, {}});
    QVERIFY(r.ok());
    QTRY_COMPARE_WITH_TIMEOUT(info(r->id).state, SessionState::Waiting, 30000);
    QVERIFY(m_engine->answer(r->id, 0, false, false, QStringLiteral("not now")).ok());
    const SessionInfo s = waitSettled(r->id);
    QCOMPARE(s.state, SessionState::Idle); // a denial does not fail the turn
    QVERIFY(!QFile::exists(file));
    // The model got our message as the tool's error.
    bool sawMessage = false;
    for (const StoredEvent &e : m_engine->events(r->id, 0, 0))
        if (e.kind == QLatin1String("user") && e.raw.contains("not now"))
            sawMessage = true;
    QVERIFY(sawMessage);
}

void TestEngine::allowForSession()
{
    const QString a1 = m_work + QStringLiteral("/a1.md");
    const QString a2 = m_work + QStringLiteral("/a2.md");
    auto write = [](const QString &f) {
        return QJsonObject{{QStringLiteral("tool"), QStringLiteral("Write")},
                           {QStringLiteral("input"), QJsonObject{{QStringLiteral("file_path"), f},
                                                                 {QStringLiteral("content"), QStringLiteral("x\n")}}}};
    };
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("architect"),
                    QStringLiteral("Two files. ") + script({write(a1), write(a2)}),
                    m_work,
                    {},
                    {}});
    QVERIFY(r.ok());
    QTRY_COMPARE_WITH_TIMEOUT(info(r->id).state, SessionState::Waiting, 30000);
    QVERIFY(m_engine->answer(r->id, 0, true, true, {}).ok());
    const SessionInfo s = waitSettled(r->id);
    QCOMPARE(s.state, SessionState::Idle);
    QVERIFY(QFile::exists(a1));
    QVERIFY(QFile::exists(a2)); // the second Write was allowed without asking
}

void TestEngine::killedProcessIsDetected()
{
    const QString task = QStringLiteral("Slow. ") +
                         slowText(QStringLiteral("a b c d e f"), 6, 1.0);
    const Result<SessionInfo> r =
        chorus::test::spawnNow(*m_engine, {QStringLiteral("builder"), task, m_work, {}, {}});
    QVERIFY(r.ok());
    QTRY_VERIFY_WITH_TIMEOUT(info(r->id).state == SessionState::Running && info(r->id).pid > 0, 30000);
    // Killed mid-turn: once the CLI has answered (a slow start, under ASan or load, can take
    // longer than any fixed wait; before it answers, the kill is a message it never took).
    QTRY_VERIFY_WITH_TIMEOUT(cliAnswered(r->id), 30000);
    QCOMPARE(::kill(pid_t(info(r->id).pid), SIGKILL), 0);
    QTRY_COMPARE_WITH_TIMEOUT(info(r->id).state, SessionState::Failed, 15000);
    const SessionInfo s = info(r->id);
    QVERIFY2(s.error.contains(QLatin1String("killed")), qPrintable(s.error));
    QCOMPARE(s.pid, 0);
}

void TestEngine::apiErrorIsAFailedTurn()
{
    // A 429 is a rate limit: the agent waits for Chorus's back-off (not failed), says why, and
    // goes on with "continue" (here at once: the user resumes the profile).
    m_fake.enqueue(QJsonObject{{QStringLiteral("http_error"), 429},
                               {QStringLiteral("message"), QStringLiteral("slow down please")},
                               {QStringLiteral("headers"), QJsonObject{{QStringLiteral("x-should-retry"), QStringLiteral("false")}}}});
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("Hi."), m_work, {}, {}});
    QVERIFY(r.ok());
    QTRY_VERIFY_WITH_TIMEOUT(info(r->id).stateDetail == QLatin1String("rate-limit") && info(r->id).turns == 1, 60000);
    const SessionInfo s = info(r->id);
    QCOMPARE(s.state, SessionState::Waiting);
    QVERIFY2(s.error.contains(QLatin1String("429")), qPrintable(s.error));
    QVERIFY2(s.error.contains(QLatin1String("slow down please")), qPrintable(s.error));
    QVERIFY(s.options.value(QLatin1String("resumesAt")).toInteger() > QDateTime::currentMSecsSinceEpoch());
    QVERIFY(m_engine->resumeLimits(QString()).ok());
    QTRY_VERIFY_WITH_TIMEOUT(info(r->id).turns == 2, 30000);
    QCOMPARE(waitSettled(r->id).state, SessionState::Idle);
    // Any other API error fails the turn, with the error's words.
    m_fake.enqueue(QJsonObject{{QStringLiteral("http_error"), 500}, {QStringLiteral("message"), QStringLiteral("kaboom")}});
    QVERIFY(m_engine->send(r->id, QStringLiteral("Again.")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(info(r->id).turns == 3, 30000);
    const SessionInfo s2 = waitSettled(r->id);
    QCOMPARE(s2.state, SessionState::Failed);
    QVERIFY2(s2.error.contains(QLatin1String("500")), qPrintable(s2.error));
}

void TestEngine::concurrencyCapQueues()
{
    EngineSettings s = m_engine->settings();
    s.maxConcurrent = 1;
    m_engine->setSettings(s);
    const QString slow = QStringLiteral("Slow. ") +
                         slowText(QStringLiteral("a b c"), 3, 0.7);
    const Result<SessionInfo> a =
        chorus::test::spawnNow(*m_engine, {QStringLiteral("builder"), slow, m_work, {}, {}});
    const Result<SessionInfo> b = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("Quick."), m_work, {}, {}});
    QVERIFY(a.ok() && b.ok());
    QTRY_COMPARE_WITH_TIMEOUT(info(a->id).state, SessionState::Running, 30000);
    QCOMPARE(info(b->id).state, SessionState::Queued);
    QCOMPARE(waitSettled(a->id).state, SessionState::Idle);
    QCOMPARE(waitSettled(b->id).state, SessionState::Idle);
}

void TestEngine::stalledTurnIsFlagged()
{
    EngineSettings s = m_engine->settings();
    s.stallSeconds = 1;
    m_engine->setSettings(s);
    const QString task = QStringLiteral("Hang a bit. ") + script({QJsonObject{{QStringLiteral("hang"), 4}}});
    const Result<SessionInfo> r =
        chorus::test::spawnNow(*m_engine, {QStringLiteral("builder"), task, m_work, {}, {}});
    QVERIFY(r.ok());
    QTRY_COMPARE_WITH_TIMEOUT(info(r->id).state, SessionState::Stalled, 30000);
    bool noted = false;
    for (const StoredEvent &e : m_engine->events(r->id, 0, 0))
        if (e.kind == QLatin1String("chorus") && e.raw.contains("\"stalled\""))
            noted = true;
    QVERIFY(noted);
    const SessionInfo done = waitSettled(r->id, 60000);
    QVERIFY(done.state == SessionState::Idle || done.state == SessionState::Failed);
}

void TestEngine::badInput()
{
    Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("nosuchrole"), QStringLiteral("x"), m_work, {}, {}});
    QVERIFY(!r.ok());
    QVERIFY(r.error().message.contains(QLatin1String("nosuchrole")));
    QVERIFY(r.error().hint.contains(QLatin1String("builder")));
    r = chorus::test::spawnNow(*m_engine, {QStringLiteral("builder"),
                                           QStringLiteral("x"),
                                           m_work + QStringLiteral("/missing"),
                                           {},
                                           {}});
    QVERIFY(!r.ok());
    QVERIFY(r.error().where.endsWith(QLatin1String("/missing")));
    r = chorus::test::spawnNow(*m_engine,
                               {QStringLiteral("builder"), QStringLiteral("  "), m_work, {}, {}});
    QVERIFY(!r.ok());
    r = chorus::test::spawnNow(
        *m_engine,
        {QStringLiteral("builder"), QStringLiteral("x"), m_work, QStringLiteral("bad name!"), {}});
    QVERIFY(!r.ok());
    QVERIFY(!m_engine->send(QStringLiteral("ghost"), QStringLiteral("hi")).ok());
    QVERIFY(m_engine->find(QStringLiteral("ghost")).error().hint.contains(QLatin1String("chorus status")));
    QVERIFY(m_engine->sessions().isEmpty()); // nothing half-made

    // A CLI path that is not there: a clear failure naming it, not a hang.
    EngineSettings s = m_engine->settings();
    s.claudePath = m_work + QStringLiteral("/no-claude");
    m_engine->setSettings(s);
    r = chorus::test::spawnNow(*m_engine,
                               {QStringLiteral("builder"), QStringLiteral("x"), m_work, {}, {}});
    QVERIFY(r.ok());
    const SessionInfo f = waitSettled(r->id, 5000);
    QCOMPARE(f.state, SessionState::Failed);
    QVERIFY2(f.error.contains(QLatin1String("no-claude")), qPrintable(f.error));
    // And it stays failed: the engine does not retry the launch in a loop (fuzz_rpc found
    // it spinning, rewriting the session for ever). A message is a new attempt.
    QSignalSpy changed(m_engine.get(), &Engine::sessionChanged);
    QElapsedTimer quiet;
    quiet.start();
    while (quiet.elapsed() < 500)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    QVERIFY2(changed.count() <= 1, qPrintable(QString::number(changed.count())));
    QVERIFY(m_engine->send(r->id, QStringLiteral("again")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 1, 5000);
    QCOMPARE(waitSettled(r->id, 5000).state, SessionState::Failed);
}

void TestEngine::crashIsResumedAutomatically()
{
    EngineSettings s = m_engine->settings();
    s.autoRestarts = 1;
    m_engine->setSettings(s);
    const QString task = QStringLiteral("Slow. ") +
                         slowText(QStringLiteral("a b c d e f"), 6, 1.0);
    const Result<SessionInfo> r =
        chorus::test::spawnNow(*m_engine, {QStringLiteral("builder"), task, m_work, {}, {}});
    QVERIFY(r.ok());
    QTRY_VERIFY_WITH_TIMEOUT(info(r->id).state == SessionState::Running && info(r->id).turns == 0 &&
                                 m_engine->events(r->id, 0, 0).size() > 4, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(info(r->id).pid > 0, 10000);
    const qint64 pid = info(r->id).pid;
    QTest::qWait(300);
    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
    // Failed comes first and the restart follows from the event loop: waitSettled would take
    // that moment for the end.
    QTRY_VERIFY_WITH_TIMEOUT(info(r->id).restarts == 1 && info(r->id).state != SessionState::Failed,
                             15000);
    const SessionInfo done = waitSettled(r->id, 60000);
    // Resumed with --resume and finished.
    QVERIFY2(done.state == SessionState::Idle,
             qPrintable(stateName(done.state) + QLatin1Char(' ') + done.error));
    QVERIFY(done.pid != pid);
    bool crashNoted = false;
    for (const StoredEvent &e : m_engine->events(r->id, 0, 0))
        if (e.kind == QLatin1String("chorus") && e.subtype == QLatin1String("crash"))
            crashNoted = true;
    QVERIFY(crashNoted);
}

void TestEngine::engineRestartRecoversWorkingAgents()
{
    const QString task = QStringLiteral("Slow. ") +
                         slowText(QStringLiteral("a b c d e f"), 6, 1.0);
    const Result<SessionInfo> r =
        chorus::test::spawnNow(*m_engine, {QStringLiteral("builder"), task, m_work, {}, {}});
    // A second agent waits behind the cap: the queue must survive too.
    EngineSettings s = m_engine->settings();
    s.maxConcurrent = 1;
    m_engine->setSettings(s);
    const Result<SessionInfo> queued = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("Later."), m_work, {}, {}});
    QVERIFY(r.ok() && queued.ok());
    QTRY_VERIFY_WITH_TIMEOUT(info(r->id).state == SessionState::Running &&
                                 m_engine->events(r->id, 0, 0).size() > 4, 30000);
    QCOMPARE(info(queued->id).state, SessionState::Queued);
    const qsizetype storedBefore = m_engine->events(r->id, 0, 0).size();
    QElapsedTimer t;
    t.start();
    m_engine.reset(); // the engine goes away mid-turn
    QVERIFY2(t.elapsed() < 6000, "shutdown took too long");

    m_engine = std::make_unique<Engine>(m_tmp->filePath(QStringLiteral("data/chorus.db")));
    QProcessEnvironment env = m_fake.claudeEnvironment(m_tmp->filePath(QStringLiteral("claude")));
    env.insert(QStringLiteral("CLAUDE_CODE_MAX_RETRIES"), QStringLiteral("0"));
    m_engine->setAgentEnvironment(env);
    s.maxConcurrent = 4;
    m_engine->setSettings(s);
    QVERIFY(m_engine->open().ok());
    const SessionInfo done = waitSettled(r->id, 60000);
    QCOMPARE(done.state, SessionState::Idle);
    const QList<StoredEvent> events = m_engine->events(r->id, 0, 0);
    QVERIFY(events.size() > storedBefore);
    bool interrupted = false;
    for (const StoredEvent &e : events)
        if (e.kind == QLatin1String("chorus") && e.raw.contains("\"interrupted\""))
            interrupted = true;
    QVERIFY(interrupted);
    QCOMPARE(waitSettled(queued->id, 60000).state, SessionState::Idle); // the queued task ran
}

void TestEngine::unreadableLineIsStoredAndShown()
{
    // A stand-in CLI that prints a line that is not JSON among good ones.
    const QString script = m_tmp->filePath(QStringLiteral("garbage-claude"));
    QFile f(script);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("#!/bin/sh\nread line\n"
            "echo '{\"type\":\"system\",\"subtype\":\"init\",\"model\":\"m\"}'\n"
            "echo 'Segmentation fault (not JSON)'\n"
            "echo '{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"ok\"}'\n"
            "cat >/dev/null\n");
    f.close();
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    EngineSettings s = m_engine->settings();
    s.claudePath = script;
    m_engine->setSettings(s);
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("x"), m_work, {}, {}});
    QVERIFY(r.ok());
    QCOMPARE(waitSettled(r->id, 10000).state, SessionState::Idle); // one bad line breaks nothing
    bool stored = false;
    for (const StoredEvent &e : m_engine->events(r->id, 0, 0))
        if (e.kind == QLatin1String("invalid") && e.raw == "Segmentation fault (not JSON)")
            stored = true;
    QVERIFY(stored);
}

void TestEngine::unauthenticatedCliIsExplained()
{
    QProcessEnvironment env = m_fake.claudeEnvironment(m_tmp->filePath(QStringLiteral("nologin")));
    env.remove(QStringLiteral("ANTHROPIC_API_KEY"));
    m_engine->setAgentEnvironment(env);
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("Hi."), m_work, {}, {}});
    QVERIFY(r.ok());
    const SessionInfo s = waitSettled(r->id, 30000);
    QCOMPARE(s.state, SessionState::Failed);
    QVERIFY2(s.error.contains(QLatin1String("Not logged in")), qPrintable(s.error));
    QVERIFY(s.error.contains(QLatin1String("ANTHROPIC_API_KEY"))); // the next step
}

void TestEngine::idleProcessIsClosedAndResumed()
{
    EngineSettings s = m_engine->settings();
    s.idleSeconds = 1;
    m_engine->setSettings(s);
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("Hi."), m_work, {}, {}});
    QVERIFY(r.ok());
    QCOMPARE(waitSettled(r->id).state, SessionState::Idle);
    QTRY_COMPARE_WITH_TIMEOUT(info(r->id).pid, 0, 10000); // the idle process was closed
    QCOMPARE(info(r->id).state, SessionState::Idle);       // and the agent is still idle
    QVERIFY(m_engine->send(r->id, QStringLiteral("Still there?")).ok());
    QTRY_COMPARE_WITH_TIMEOUT(info(r->id).turns, 2, 30000);
    QCOMPARE(waitSettled(r->id).state, SessionState::Idle);
}

static QString runGit(const QString &dir, const QStringList &args)
{
    return chorus::test::GitFixture::git(dir, args);
}

void TestEngine::agentInARepoWorksOnItsOwnBranch()
{
    const QString repo = m_tmp->filePath(QStringLiteral("repo"));
    QDir().mkpath(repo + QStringLiteral("/sub"));
    runGit(repo, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
    QFile readme(repo + QStringLiteral("/sub/README"));
    QVERIFY(readme.open(QIODevice::WriteOnly));
    readme.write("hello\n");
    readme.close();
    runGit(repo, {QStringLiteral("add"), QStringLiteral("-A")});
    runGit(repo, {QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("first")});
    const QString mainHead = runGit(repo, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")});

    // Spawned with --dir inside the repository: the agent gets the same sub-directory of its worktree.
    const QString task = QStringLiteral("Add a file. ") +
                         script({QJsonObject{{QStringLiteral("tool"), QStringLiteral("Bash")},
                                             {QStringLiteral("input"), QJsonObject{{QStringLiteral("command"),
                                                                                    QStringLiteral("echo made-by-agent > notes.txt")}}}},
                                 QJsonObject{{QStringLiteral("text"), QStringLiteral("Wrote notes.txt")}}});
    const Result<SessionInfo> r = chorus::test::spawnNow(*m_engine, {QStringLiteral("builder"),
                                                                     task,
                                                                     repo + QStringLiteral("/sub"),
                                                                     QStringLiteral("iso"),
                                                                     {},
                                                                     {},
                                                                     {},
                                                                     false});
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    QCOMPARE(r->branch, QStringLiteral("chorus/iso"));
    QCOMPARE(r->repo, QDir(repo).canonicalPath());
    QVERIFY(r->worktree.startsWith(m_tmp->filePath(QStringLiteral("data/worktrees/"))));
    QCOMPARE(r->dir, r->worktree + QStringLiteral("/sub"));
    const SessionInfo s = waitSettled(r->id);
    QCOMPARE(s.state, SessionState::Idle);
    QVERIFY(QFile::exists(s.dir + QStringLiteral("/notes.txt")));
    QVERIFY(!QFile::exists(repo + QStringLiteral("/sub/notes.txt"))); // the user's tree is untouched
    QCOMPARE(runGit(repo, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")}), mainHead);
    // The turn was checkpointed on the agent's branch.
    QCOMPARE(s.head, runGit(repo, {QStringLiteral("rev-parse"), QStringLiteral("chorus/iso")}));
    QVERIFY(s.head != mainHead);
    QCOMPARE(runGit(repo, {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%an|%s"), QStringLiteral("chorus/iso")}),
             QStringLiteral("Chorus builder agent|builder iso: Wrote notes.txt"));
    QCOMPARE(runGit(repo, {QStringLiteral("show"), QStringLiteral("chorus/iso:sub/notes.txt")}), QStringLiteral("made-by-agent"));

    // A follow-up that changes nothing makes no commit.
    QVERIFY(m_engine->send(r->id, QStringLiteral("Just answer.")).ok());
    QTRY_COMPARE_WITH_TIMEOUT(info(r->id).turns, 2, 30000);
    QCOMPARE(waitSettled(r->id).head, s.head);

    // A builder starting from the first agent's branch sees its work.
    const Result<SessionInfo> b = chorus::test::spawnNow(*m_engine, {QStringLiteral("builder"),
                                                                     QStringLiteral("Hi."),
                                                                     repo,
                                                                     QStringLiteral("next"),
                                                                     {},
                                                                     {},
                                                                     QStringLiteral("chorus/iso"),
                                                                     false});
    QVERIFY2(b.ok(), qPrintable(b.error().toString()));
    QCOMPARE(b->baseCommit, s.head);
    QVERIFY(QFile::exists(b->worktree + QStringLiteral("/sub/notes.txt")));

    // Bad input: an unknown base leaves no session, branch or worktree behind.
    const qsizetype before = m_engine->sessions().size();
    const Result<SessionInfo> bad = chorus::test::spawnNow(*m_engine, {QStringLiteral("builder"),
                                                                       QStringLiteral("x"),
                                                                       repo,
                                                                       QStringLiteral("bad"),
                                                                       {},
                                                                       {},
                                                                       QStringLiteral("nope"),
                                                                       false});
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message.contains(QLatin1String("nope")));
    QCOMPARE(m_engine->sessions().size(), before);
    QVERIFY(!runGit(repo, {QStringLiteral("branch")}).contains(QLatin1String("chorus/bad")));

    // --no-worktree runs in place, with a warning.
    const Result<SessionInfo> inPlace =
        chorus::test::spawnNow(*m_engine, {QStringLiteral("builder"),
                                           QStringLiteral("x"),
                                           repo,
                                           QStringLiteral("here"),
                                           {},
                                           {},
                                           {},
                                           true});
    QVERIFY(inPlace.ok());
    QVERIFY(inPlace->branch.isEmpty());
    QCOMPARE(inPlace->dir, QDir(repo).canonicalPath());
    QVERIFY(!inPlace->warning.isEmpty());
}

QString TestEngine::makeRepo(const QString &name)
{
    const QString repo = m_tmp->filePath(name);
    QDir().mkpath(repo);
    runGit(repo, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"),
                  QStringLiteral("main")});
    QFile readme(repo + QStringLiteral("/README"));
    if (readme.open(QIODevice::WriteOnly))
        readme.write("hello\n");
    readme.close();
    runGit(repo, {QStringLiteral("add"), QStringLiteral("-A")});
    runGit(repo, {QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("first")});
    return repo;
}

// `chorus stop` during a turn: the agent ends "stopped" by the user, not "failed", with no
// error, and the turn's end line says so.
void TestEngine::stopMidTurnIsStoppedByYou()
{
    const QString task =
        QStringLiteral("Talk slowly. ") +
        slowText(QStringLiteral("one two three four five six seven eight"), 8, 1.0);
    const Result<SessionInfo> r =
        chorus::test::spawnNow(*m_engine, {QStringLiteral("builder"), task, m_work, {}, {}});
    QVERIFY(r.ok());
    QTRY_COMPARE_WITH_TIMEOUT(info(r->id).state, SessionState::Running, 30000);
    QTest::qWait(1500);
    QVERIFY(m_engine->stop(r->id).ok());
    QTRY_VERIFY_WITH_TIMEOUT(isFinal(info(r->id).state) && info(r->id).pid == 0, 30000);
    const SessionInfo s = info(r->id);
    QCOMPARE(s.state, SessionState::Stopped);
    QCOMPARE(s.stateDetail, QStringLiteral("user"));
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
    // Its transcript has no failure: the turn reads "Stopped by you", the state line "by you".
    bool failedState = false, stoppedState = false;
    for (const StoredEvent &e : m_engine->events(r->id, 0, 0))
        for (const TranscriptItem &item : transcriptItems(e)) {
            failedState = failedState || (item.kind == TranscriptItem::Kind::State &&
                                          item.title == QLatin1String("failed"));
            stoppedState =
                stoppedState || (item.kind == TranscriptItem::Kind::State && item.stoppedByUser);
        }
    QVERIFY(!failedState);
    QVERIFY(stoppedState);
    const TranscriptItem end = lastTurnEnd(r->id);
    QCOMPARE(end.title, QStringLiteral("Stopped by you"));
    QVERIFY(!end.isError);
    // Resumed, it works again.
    QVERIFY(m_engine->resume(r->id, QStringLiteral("Just answer.")).ok());
    QCOMPARE(waitSettled(r->id).state, SessionState::Idle);
}

// An agent whose worktree was cleaned refuses messages and resumes at once, saying where its
// work is and how to go on from it: its kept branch, or the archive ref of a deleted one.
void TestEngine::cleanedAgentRefusesSendAndResume()
{
    const QString repo = makeRepo(QStringLiteral("repo"));
    const QString task =
        QStringLiteral("Add a file. ") +
        script({QJsonObject{{QStringLiteral("tool"), QStringLiteral("Bash")},
                            {QStringLiteral("input"),
                             QJsonObject{{QStringLiteral("command"),
                                          QStringLiteral("echo work > notes.txt")}}}},
                QJsonObject{{QStringLiteral("text"), QStringLiteral("Wrote notes.txt")}}});
    QList<SessionInfo> agents;
    for (const QString &name : {QStringLiteral("kept"), QStringLiteral("archived")}) {
        const Result<SessionInfo> r = chorus::test::spawnNow(
            *m_engine, {QStringLiteral("builder"), task, repo, name, {}, {}, {}, false});
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QCOMPARE(waitSettled(r->id).state, SessionState::Idle);
        agents << *r;
    }
    // Cleaning only merged agents keeps an unmerged one and says why (the GUI's Archive asks
    // the user on this reason).
    {
        QFuture<Result<CleanReport>> mergedOnly = m_engine->clean({agents.at(0).id}, false, false);
        QTRY_VERIFY_WITH_TIMEOUT(mergedOnly.isFinished(), 60000);
        QVERIFY2(mergedOnly.result().ok(), qPrintable(mergedOnly.result().error().toString()));
        QCOMPARE(mergedOnly.result()->items.size(), 1);
        const CleanItem item = mergedOnly.result()->items.first();
        QCOMPARE(item.state, QStringLiteral("kept"));
        QCOMPARE(item.reason, QStringLiteral("unmerged"));
        QVERIFY(!item.merged);
        QCOMPARE(item.toJson().value(QLatin1String("reason")).toString(), item.reason);
        QVERIFY(!info(agents.at(0).id).branchState.isCleaned());
    }
    // Unmerged: --all keeps the branch, --force archives and deletes it.
    for (bool force : {false, true}) {
        QFuture<Result<CleanReport>> cleaned =
            m_engine->clean({agents.at(force ? 1 : 0).id}, true, force);
        QTRY_VERIFY_WITH_TIMEOUT(cleaned.isFinished(), 60000);
        QVERIFY2(cleaned.result().ok(), qPrintable(cleaned.result().error().toString()));
    }
    const SessionInfo kept = info(agents.at(0).id), archived = info(agents.at(1).id);
    QVERIFY(kept.branchState.isCleaned());
    QVERIFY(archived.branchState.isCleaned());
    QVERIFY(archived.branchState.cleaned->branchDeleted);
    const QString archiveRef = archived.branchState.cleaned->archiveRef;
    QVERIFY(archiveRef.startsWith(QLatin1String("refs/chorus/archive/")));
    const qsizetype eventsBefore = m_engine->events(kept.id, 0, 0).size();

    const Status sent = m_engine->send(kept.id, QStringLiteral("More, please."));
    QVERIFY(!sent.ok());
    QCOMPARE(sent.error().where, QStringLiteral("kept"));
    QVERIFY2(sent.error().message.contains(QLatin1String("cleaned up")),
             qPrintable(sent.error().toString()));
    QVERIFY2(sent.error().hint.contains(
                 QStringLiteral("chorus spawn builder --repo=%1 --base=chorus/kept")
                     .arg(QDir(repo).canonicalPath())),
             qPrintable(sent.error().toString()));
    const Status resumed = m_engine->resume(kept.name, {});
    QVERIFY(!resumed.ok());
    QCOMPARE(resumed.error().message, sent.error().message);
    // Nothing was queued or started for it.
    QCOMPARE(m_engine->events(kept.id, 0, 0).size(), eventsBefore);
    QCOMPARE(info(kept.id).state, kept.state);
    QCOMPARE(info(kept.id).pid, 0);

    const Status archivedSend = m_engine->send(archived.id, QStringLiteral("More."));
    QVERIFY(!archivedSend.ok());
    QVERIFY2(archivedSend.error().hint.contains(QStringLiteral("--base=") + archiveRef),
             qPrintable(archivedSend.error().toString()));
    QVERIFY(!m_engine->resume(archived.id, QStringLiteral("Go on.")).ok());
    // The ref it names is one a spawn can start from: the hint works.
    const Result<SessionInfo> again = chorus::test::spawnNow(*m_engine, {QStringLiteral("builder"),
                                                                         QStringLiteral("Hi."),
                                                                         repo,
                                                                         QStringLiteral("again"),
                                                                         {},
                                                                         {},
                                                                         archiveRef,
                                                                         false});
    QVERIFY2(again.ok(), qPrintable(again.error().toString()));
    QVERIFY(QFile::exists(again->worktree + QStringLiteral("/notes.txt")));
}

// A role that can edit, working in place (not a repository, --no-worktree), is warned about;
// `inPlace` (the CLI's --in-place, the GUI's confirmation) says it is meant: no warning. The
// agent is marked in place either way; a role that cannot edit gets no warning.
void TestEngine::writingRoleInPlaceIsWarnedUnlessAsked()
{
    SpawnRequest req{QStringLiteral("builder"), QStringLiteral("Hi."), m_work,
                     QStringLiteral("loose")};
    const Result<SessionInfo> warned = chorus::test::spawnNow(*m_engine, req);
    QVERIFY2(warned.ok(), qPrintable(warned.error().toString()));
    QVERIFY(warned->worksInPlace());
    QVERIFY2(warned->warning.contains(QLatin1String("works in place")),
             qPrintable(warned->warning));
    QVERIFY(warned->warning.contains(QDir(m_work).canonicalPath()));
    QCOMPARE(warned->toJson().value(QLatin1String("inPlace")).toBool(), true);

    req.name = QStringLiteral("meant");
    req.inPlace = true;
    const Result<SessionInfo> meant = chorus::test::spawnNow(*m_engine, req);
    QVERIFY2(meant.ok(), qPrintable(meant.error().toString()));
    QVERIFY(meant->worksInPlace());
    QVERIFY2(meant->warning.isEmpty(), qPrintable(meant->warning));
    // Kept with the agent: the engine's list says the same after the spawn.
    QVERIFY(info(meant->id).warning.isEmpty());
    QVERIFY(!info(warned->id).warning.isEmpty());

    // In a repository, inPlace means no worktree of its own; with a base it is refused.
    const QString repo = makeRepo(QStringLiteral("repo"));
    SpawnRequest inRepo{QStringLiteral("builder"), QStringLiteral("Hi."), repo,
                        QStringLiteral("here")};
    inRepo.inPlace = true;
    const Result<SessionInfo> here = chorus::test::spawnNow(*m_engine, inRepo);
    QVERIFY2(here.ok(), qPrintable(here.error().toString()));
    QVERIFY(here->worksInPlace());
    QVERIFY(here->warning.isEmpty());
    QVERIFY(!runGit(repo, {QStringLiteral("branch")}).contains(QLatin1String("chorus/here")));
    inRepo.name = QStringLiteral("based");
    inRepo.base = QStringLiteral("main");
    const Result<SessionInfo> based = chorus::test::spawnNow(*m_engine, inRepo);
    QVERIFY(!based.ok());
    QVERIFY2(based.error().message.contains(QLatin1String("--in-place")),
             qPrintable(based.error().toString()));

    // A role that only plans cannot edit: in place without a warning.
    QFile role(m_tmp->filePath(QStringLiteral("roles/reader.yml")));
    QVERIFY(QDir().mkpath(QFileInfo(role).absolutePath()));
    QVERIFY(role.open(QIODevice::WriteOnly));
    role.write("name: reader\ndescription: reads\nsystemPrompt: Read.\npermissionMode: plan\n");
    role.close();
    m_engine->reloadRoles();
    const Result<SessionInfo> reader =
        chorus::test::spawnNow(*m_engine, {QStringLiteral("reader"), QStringLiteral("Hi."), m_work,
                                           QStringLiteral("reader-1")});
    QVERIFY2(reader.ok(), qPrintable(reader.error().toString()));
    QVERIFY(reader->worksInPlace());
    QVERIFY2(reader->warning.isEmpty(), qPrintable(reader->warning));
}

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
