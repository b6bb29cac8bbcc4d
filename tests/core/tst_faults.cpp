// Faults and hostile input against the engine (issue 7): launches that cannot start, a second
// engine, storage that refuses writes, approvals of a process that is gone, hostile stream
// lines, a kill during a checkpoint. Real Claude Code CLI processes against the fake Messages
// API; stand-in CLIs (small shell scripts) only where the point is output the real CLI never
// prints.
#include "agent/claudelocator.h"
#include "claudetest.h"
#include "engine/engine.h"
#include "fakeapi.h"
#include "git/agentworkspace.h"
#include "git/gitrepository.h"
#include "gitfixture.h"
#include "store/database.h"
#include "store/sessionstore.h"
#include "testengine.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace chorus;
using chorus::test::FakeApi;

class TestFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void missingCliFailsOnceAndWaitsForResume();
    void badInterpreterFailsOnce();
    void longRolePromptGoesThroughAFile();
    void secondEngineOnTheSameDataDirIsRefused();
    void approvalsOfAnEndedProcessAreCancelled();
    void nameThatIsAnIdPrefixIsRefused();
    void hostileResultLines();
    void oversizedLineIsNoted();
    void fullDatabasePausesTheAgentAndLosesNothing();
    void corruptDatabaseIsReportedAtStart();
    void spawnRetriedWithTheSameRequestIdIsOneAgent();
    void turnEndedBeforeAKilledCheckpointIsNotRunAgain();
    void messageToAProcessKilledBeforeItAnsweredIsSentAgain();
    void messageTheCliNeverWroteDownIsSentAgain();
    void messageTheCliNeverWroteDownIsSentAgainAfterAnEngineRestart();
    void messageTheCliKeptIsContinuedNotRepeated();
    void messageTheCliNeverWroteDownWaitsForResumeOnce();
    void agentsGetTheirClientsEnvironmentLessTheDenyList();
    void toolProcessesEndWithACrashedCli();
    void toolProcessesEndWithTheEngine();
    void toolProcessesLeftByAKilledEngineEndAtStart();
    void toolProcessesOfAnIdleAgentEndWhenItIsCleaned();
    void aSpawnIsRecordedBeforeItsWorktreeIsMade();
    void aSpawnCutShortMidCheckoutLeavesNothingWithoutAnOwner();

private:
    void openEngine();
    SessionInfo waitSettled(const QString &id, int timeoutMs = 60000);
    SessionInfo info(const QString &id) { return *m_engine->find(id); }
    QString script(const QJsonArray &steps)
    {
        return QStringLiteral("@@fake ") +
               QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact));
    }
    // A stand-in CLI: a shell script printing `lines` for each message it reads.
    QString standIn(const QString &name, const QByteArray &perMessage);
    QStringList kinds(const QString &id, const QString &kind);
    QString dbPath() const { return m_tmp->filePath(QStringLiteral("data/chorus.db")); }
    // Spawns a builder whose Bash tool starts `sleep SECONDS` in a session of its own (out of
    // the CLI's reach) and then waits for a slow answer; returns the sleep's pid once the CLI
    // waits for that answer.
    qint64 spawnWithEscapedTool(QString *id, int seconds);
    static bool processAlive(qint64 pid);
    // Makes m_work a git repository with one commit.
    bool makeRepository();
    // Main requests the fake received whose last user text contains `marker`.
    int requestsEndingWith(const QString &marker);
    // Sends a follow-up whose answer takes a few seconds; returns once the CLI asked the fake
    // for it (so its transcript holds the message).
    bool sendSlowFollowUp(const QString &id, const QString &marker);
    // Waits until the CLI's transcript holds the follow-up; with `cut`, then cuts the transcript
    // back to before it: what a CLI killed after it printed `system/init` but before it wrote
    // the message down leaves.
    bool transcriptHolds(const QString &id, const QString &marker, bool cut);

    QString m_claude;
    FakeApi m_fake;
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<Engine> m_engine;
    QString m_work;
    QList<qint64> m_strays; // processes a test started on its own: killed whatever happens
};

void TestFaults::initTestCase()
{
    QString why;
    m_claude = chorus::test::testClaudePath(&why);
    if (m_claude.isEmpty())
        QFAIL(qPrintable(why));
    QString err;
    QVERIFY2(m_fake.start(&err), qPrintable(err));
}

void TestFaults::init()
{
    m_fake.reset();
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_work = m_tmp->filePath(QStringLiteral("work"));
    QVERIFY(QDir().mkpath(m_work));
    openEngine();
}

void TestFaults::openEngine()
{
    Status st = Ok{};
    m_engine = chorus::test::openTestEngine(m_tmp->path(), m_fake, m_claude, &st);
    QVERIFY2(st.ok(), qPrintable(st.error().toString()));
}

void TestFaults::cleanup()
{
    for (const qint64 pid : std::exchange(m_strays, {})) {
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        const QByteArray line =
            cmdline.open(QIODevice::ReadOnly) ? cmdline.readAll() : QByteArray();
        if (line.contains("sleep") && line.contains("31"))
            ::kill(pid_t(pid), SIGKILL); // still ours: its pid was not reused
    }
    m_engine.reset();
    m_tmp.reset();
}

SessionInfo TestFaults::waitSettled(const QString &id, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const SessionInfo s = info(id);
        if ((s.state == SessionState::Idle && s.turns > 0) || isFinal(s.state))
            return s;
        QTest::qWait(20);
    }
    return info(id);
}

QString TestFaults::standIn(const QString &name, const QByteArray &perMessage)
{
    const QString path = m_tmp->filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write("#!/bin/sh\nwhile read line; do\n" + perMessage + "done\n");
    f.close();
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return path;
}

QStringList TestFaults::kinds(const QString &id, const QString &kind)
{
    QStringList out;
    for (const StoredEvent &e : m_engine->events(id, 0, 0))
        if (e.kind == kind)
            out << e.subtype;
    return out;
}

// Defect 1: with the CLI missing, the engine re-admitted the failed session at once, for ever
// (~93 % CPU, thousands of events a second), and ran the task later when the CLI appeared.
void TestFaults::missingCliFailsOnceAndWaitsForResume()
{
    EngineSettings s = m_engine->settings();
    s.claudePath = m_tmp->filePath(QStringLiteral("no-such-claude"));
    m_engine->setSettings(s);
    const QString task = QStringLiteral("Say hi once.");
    const Result<SessionInfo> r =
        chorus::test::spawnNow(*m_engine, {QStringLiteral("builder"), task, m_work, {}, {}});
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    QTRY_COMPARE_WITH_TIMEOUT(info(r->id).state, SessionState::Failed, 10000);
    QTest::qWait(1500); // a loop would store thousands of events meanwhile
    const SessionInfo failed = info(r->id);
    QCOMPARE(failed.stateDetail, QStringLiteral("launch"));
    QVERIFY2(failed.error.contains(QLatin1String("chorus resume")), qPrintable(failed.error));
    const QStringList states = kinds(r->id, QStringLiteral("chorus"));
    QVERIFY2(states.count(QStringLiteral("state")) <= 2, qPrintable(states.join(u',')));
    QCOMPARE(states.count(QStringLiteral("launch_failed")), 1);

    // The CLI appears: nothing starts by itself, not even after a restart.
    s.claudePath = m_claude;
    m_engine->setSettings(s);
    m_engine.reset();
    openEngine();
    QTest::qWait(1500);
    QCOMPARE(info(r->id).state, SessionState::Failed);
    QCOMPARE(m_fake.mainRequestCount(), 0);

    // `resume` sends what was set aside: the task itself.
    QVERIFY(m_engine->resume(r->id, {}).ok());
    const SessionInfo done = waitSettled(r->id);
    QVERIFY2(done.state == SessionState::Idle,
             qPrintable(stateName(done.state) + QLatin1Char(' ') + done.error));
    QCOMPARE(done.turns, 1);
    bool taskSent = false;
    for (const QJsonValue &v : m_fake.requestLog())
        taskSent = taskSent || QJsonDocument(v.toObject()).toJson().contains(task.toUtf8());
    QVERIFY(taskSent);
    QVERIFY(!info(r->id).options.contains(QLatin1String("droppedInputs")));
}

// Defect 1 (a bad interpreter): exec() fails in the child, QProcess reports FailedToStart.
void TestFaults::badInterpreterFailsOnce()
{
    const QString bad = m_tmp->filePath(QStringLiteral("bad-interpreter"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("#!/nonexistent/interpreter\n");
    f.close();
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    EngineSettings s = m_engine->settings();
    s.claudePath = bad;
    m_engine->setSettings(s);
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("Hi."), m_work, {}, {}});
    QVERIFY(r.ok());
    QTRY_COMPARE_WITH_TIMEOUT(info(r->id).state, SessionState::Failed, 10000);
    QTest::qWait(1500);
    QCOMPARE(info(r->id).state, SessionState::Failed);
    QCOMPARE(kinds(r->id, QStringLiteral("chorus")).count(QStringLiteral("launch")), 1);
    QVERIFY2(info(r->id).error.contains(bad), qPrintable(info(r->id).error));
}

// Defect 1 (E2BIG): a role prompt too long for one argument could never start.
void TestFaults::longRolePromptGoesThroughAFile()
{
    QDir().mkpath(m_tmp->filePath(QStringLiteral("roles")));
    QFile role(m_tmp->filePath(QStringLiteral("roles/verbose.yml")));
    QVERIFY(role.open(QIODevice::WriteOnly));
    QByteArray prompt;
    while (prompt.size() < 200 * 1024)
        prompt += "You are a careful builder who reads every line before changing it. ";
    role.write("name: verbose\ndescription: a very long prompt\nsystemPrompt: \"" + prompt +
               "\"\n"
               "permissionMode: acceptEdits\n");
    role.close();
    m_engine->reloadRoles();
    QVERIFY(makeRepository()); // so that the agent has a worktree to clean
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("verbose"), QStringLiteral("Hi."), m_work, {}, {}});
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    const SessionInfo s = waitSettled(r->id);
    QVERIFY2(s.state == SessionState::Idle,
             qPrintable(stateName(s.state) + QLatin1Char(' ') + s.error));
    QString launch;
    for (const StoredEvent &e : m_engine->events(r->id, 0, 0))
        if (e.subtype == QLatin1String("launch"))
            launch = QString::fromUtf8(e.raw);
    QVERIFY2(launch.contains(QLatin1String("--append-system-prompt-file")),
             qPrintable(launch.left(400)));
    const QString file =
        m_tmp->filePath(QStringLiteral("data/prompts/")) + r->id + QStringLiteral(".md");
    QVERIFY(QFile::exists(file));
    QCOMPARE(QFile::permissions(file) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
    // The prompt reached the model.
    bool seen = false;
    for (const QJsonValue &v : m_fake.requestLog())
        seen = seen || v.toObject()
                               .value(QLatin1String("body"))
                               .toObject()
                               .value(QLatin1String("system_chars"))
                               .toInt() >= prompt.size();
    QVERIFY(seen);
    // The file goes with the agent's worktree.
    QFuture<Result<CleanReport>> cleaned = m_engine->clean({r->id}, false, true);
    QTRY_VERIFY_WITH_TIMEOUT(cleaned.isFinished(), 30000);
    QVERIFY2(cleaned.result().ok(), qPrintable(cleaned.result().error().toString()));
    QVERIFY(!QFile::exists(file));
}

// Defect 2: a second engine on the same database (another runtime directory) took the first
// one's agents.
void TestFaults::secondEngineOnTheSameDataDirIsRefused()
{
    m_engine->setControlSocket(QStringLiteral("/run/somewhere/engine.sock"));
    Engine second(dbPath());
    const Status st = second.open();
    QVERIFY(!st.ok());
    QVERIFY2(st.error().message.contains(QString::number(QCoreApplication::applicationPid())),
             qPrintable(st.error().toString()));
    QVERIFY2(st.error().message.contains(QLatin1String("/run/somewhere/engine.sock")),
             qPrintable(st.error().toString()));
    const std::optional<EngineLock::Holder> h =
        EngineLock::holder(m_tmp->filePath(QStringLiteral("data")));
    QVERIFY(h);
    QCOMPARE(h->pid, QCoreApplication::applicationPid());
    m_engine.reset(); // released with its engine
    QVERIFY(!EngineLock::holder(m_tmp->filePath(QStringLiteral("data"))));
    Engine third(dbPath());
    QVERIFY(third.open().ok());
}

// Defect 10: after an engine restart the old requests were still listed and answering one
// "succeeded" while nothing happened.
void TestFaults::approvalsOfAnEndedProcessAreCancelled()
{
    const QString file = m_work + QStringLiteral("/design.md");
    const QString task =
        QStringLiteral("Write the design. ") +
        script(
            {QJsonObject{{QStringLiteral("tool"), QStringLiteral("Write")},
                         {QStringLiteral("input"), QJsonObject{{QStringLiteral("file_path"), file},
                                                               {QStringLiteral("content"),
                                                                QStringLiteral("# Design\n")}}}}});
    const Result<SessionInfo> r =
        chorus::test::spawnNow(*m_engine, {QStringLiteral("architect"), task, m_work, {}, {}});
    QVERIFY(r.ok());
    QTRY_COMPARE_WITH_TIMEOUT(info(r->id).state, SessionState::Waiting, 30000);
    const QList<ApprovalInfo> before = m_engine->pendingApprovals(r->id);
    QCOMPARE(before.size(), 1);

    EngineSettings s = m_engine->settings();
    s.resumeOnRecovery = false; // the old request alone, no new one from a resumed process
    m_engine.reset();
    m_engine = std::make_unique<Engine>(dbPath());
    m_engine->setAgentEnvironment(
        m_fake.claudeEnvironment(m_tmp->filePath(QStringLiteral("claude"))));
    m_engine->setSettings(s);
    QVERIFY(m_engine->open().ok());
    QVERIFY(m_engine->pendingApprovals(r->id).isEmpty());
    Database db;
    QVERIFY(db.open(dbPath(), true).ok());
    SessionStore store(&db);
    const QList<ApprovalInfo> all = store.approvals(r->id, false);
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.first().state, QStringLiteral("cancelled"));
    const Result<ApprovalInfo> answer = m_engine->answer(r->id, before.first().id, true, false, {});
    QVERIFY(!answer.ok());
    QVERIFY(!QFile::exists(file));
}

// Defect 13: a name equal to another agent's id prefix took that agent's place in lookups.
void TestFaults::nameThatIsAnIdPrefixIsRefused()
{
    EngineSettings s = m_engine->settings();
    s.maxConcurrent = 1;
    m_engine->setSettings(s);
    const Result<SessionInfo> first = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("Hi."), m_work, {}, {}});
    QVERIFY(first.ok());
    const QString prefix = first->id.left(6);
    const Result<SessionInfo> second = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("Hi."), m_work, prefix, {}});
    QVERIFY(!second.ok());
    QVERIFY2(second.error().message.contains(first->name), qPrintable(second.error().toString()));
    QCOMPARE(m_engine->find(prefix)->id, first->id);
}

// Defect 13: an empty or second result counted as a turn; absurd usage was stored as it came.
void TestFaults::hostileResultLines()
{
    const QString cli = standIn(
        QStringLiteral("hostile-claude"),
        "echo '{\"type\":\"system\",\"subtype\":\"init\",\"model\":\"m\"}'\n"
        "echo '{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"ok\","
        "\"model_usage_since_last_result\":{\"m\":{\"inputTokens\":-5,\"outputTokens\":1e308,"
        "\"costUSD\":1e308}}}'\n"
        "echo '{\"type\":\"result\"}'\n"
        "echo "
        "'{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"again\","
        "\"model_usage_since_last_result\":{\"m\":{\"inputTokens\":7,\"outputTokens\":3,"
        "\"costUSD\":0.5}}}'\n");
    EngineSettings s = m_engine->settings();
    s.claudePath = cli;
    m_engine->setSettings(s);
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("x"), m_work, {}, {}});
    QVERIFY(r.ok());
    QTRY_VERIFY_WITH_TIMEOUT(
        kinds(r->id, QStringLiteral("chorus")).contains(QStringLiteral("extra_result")), 10000);
    const SessionInfo done = info(r->id);
    QCOMPARE(done.state, SessionState::Idle);
    QCOMPARE(done.turns, 1); // one input, one turn
    const QStringList notes = kinds(r->id, QStringLiteral("chorus"));
    QVERIFY(notes.contains(QStringLiteral("usage_clamped")));
    QVERIFY(notes.contains(QStringLiteral("result_ignored")));
    QCOMPARE(done.tokens.input, qint64(7));           // -5 counts as 0
    QCOMPARE(done.tokens.output, kMaxTurnTokens + 3); // 1e308 is bounded
    QCOMPARE(done.costUsd, kMaxTurnCostUsd + 0.5);
    Database db;
    QVERIFY(db.open(dbPath(), true).ok());
    QSqlQuery q(db.db());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*), sum(output_tokens) FROM usage")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 2); // the extra result's tokens were spent all the same
    QCOMPARE(q.value(1).toLongLong(), kMaxTurnTokens + 3);
}

// Defect 13: a stdout line past the limit was dropped without a trace.
void TestFaults::oversizedLineIsNoted()
{
    EngineSettings s = m_engine->settings();
    s.maxLineKiB = 1; // the real CLI's init line is ~3 KB
    m_engine->setSettings(s);
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("Hi."), m_work, {}, {}});
    QVERIFY(r.ok());
    QTRY_VERIFY_WITH_TIMEOUT(
        kinds(r->id, QStringLiteral("chorus")).contains(QStringLiteral("line_dropped")), 30000);
    for (const StoredEvent &e : m_engine->events(r->id, 0, 0)) {
        if (e.subtype != QLatin1String("line_dropped"))
            continue;
        const qint64 bytes =
            QJsonDocument::fromJson(e.raw).object().value(QLatin1String("bytes")).toInteger();
        QVERIFY2(bytes > 1024, qPrintable(QString::fromUtf8(e.raw)));
    }
}

// Defect 3: on a full disk, events were lost while the agent looked fine, and a restart ran
// (and paid for) finished turns again. SQLite's max_page_count makes the engine's own
// connection fail exactly as a full disk does (SQLITE_FULL).
void TestFaults::fullDatabasePausesTheAgentAndLosesNothing()
{
    const QString task =
        QStringLiteral("Stream slowly. ") +
        script(
            {QJsonObject{{QStringLiteral("text"),
                          QStringLiteral("one two three four five six seven eight")},
                         {QStringLiteral("chunks"), 8},
                         {QStringLiteral("delay"), 0.4}},
             QJsonObject{{QStringLiteral("tool"), QStringLiteral("Bash")},
                         {QStringLiteral("input"),
                          QJsonObject{{QStringLiteral("command"),
                                       QStringLiteral("head -c 20000 /dev/zero | tr '\\0' x")}}}},
             QJsonObject{{QStringLiteral("text"), QStringLiteral("done")}}});
    const Result<SessionInfo> r =
        chorus::test::spawnNow(*m_engine, {QStringLiteral("builder"), task, m_work, {}, {}});
    QVERIFY(r.ok());
    QTRY_VERIFY_WITH_TIMEOUT(!kinds(r->id, QStringLiteral("init")).isEmpty(), 30000);
    // Every connection of this process to the engine's database stops growing the file.
    auto limit = [&](bool full) {
        for (const QString &name : QSqlDatabase::connectionNames()) {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (!db.isOpen() || db.databaseName() != dbPath())
                continue;
            QSqlQuery q(db);
            if (full) {
                QVERIFY(q.exec(QStringLiteral("PRAGMA page_count")) && q.next());
                QVERIFY(q.exec(
                    QStringLiteral("PRAGMA max_page_count = %1").arg(q.value(0).toLongLong())));
            } else {
                QVERIFY(q.exec(QStringLiteral("PRAGMA max_page_count = 1073741823")));
            }
        }
    };
    limit(true);
    QTRY_COMPARE_WITH_TIMEOUT(info(r->id).stateDetail, QStringLiteral("storage"), 30000);
    QCOMPARE(info(r->id).state, SessionState::Waiting);
    QVERIFY2(info(r->id).error.contains(QLatin1String("Free disk space")),
             qPrintable(info(r->id).error));
    QVERIFY(m_engine->warnings().join(u' ').contains(QLatin1String("cannot write the database")));
    QTest::qWait(3000); // the CLI finishes its turn meanwhile; nothing of it may be acted on yet
    QCOMPARE(info(r->id).turns, 0);
    limit(false);
    const SessionInfo done = waitSettled(r->id);
    QVERIFY2(done.state == SessionState::Idle,
             qPrintable(stateName(done.state) + QLatin1Char(' ') + done.error));
    QCOMPARE(done.turns, 1);
    QVERIFY(m_engine->warnings().isEmpty());
    // Every event stored once, in order, with the whole turn in it.
    const QList<StoredEvent> events = m_engine->events(r->id, 0, 0);
    for (qsizetype i = 0; i < events.size(); ++i)
        QCOMPARE(events[i].seq, i + 1);
    QCOMPARE(kinds(r->id, QStringLiteral("result")).size(), 1);
    QVERIFY(kinds(r->id, QStringLiteral("chorus")).contains(QStringLiteral("storage_recovered")));
    const int requests = m_fake.mainRequestCount();
    // A restart does not run the finished turn again.
    m_engine.reset();
    openEngine();
    QTest::qWait(2000);
    QCOMPARE(m_fake.mainRequestCount(), requests);
    QCOMPARE(info(r->id).turns, 1);
}

// Defect 13: no integrity check at start.
void TestFaults::corruptDatabaseIsReportedAtStart()
{
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("Hi."), m_work, {}, {}});
    QVERIFY(r.ok());
    QCOMPARE(waitSettled(r->id).state, SessionState::Idle);
    m_engine.reset();
    {
        Database db;
        QVERIFY(db.open(dbPath()).ok());
        QSqlQuery q(db.db());
        QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    }
    // Scribble over the cell pointers of every index leaf page (page type 0x0a): the tables and
    // the schema stay readable, the b-trees do not check out.
    QFile f(dbPath());
    QVERIFY(f.open(QIODevice::ReadWrite));
    const qint64 size = f.size();
    int hit = 0;
    for (qint64 page = 1; page < size / 4096; ++page) {
        f.seek(page * 4096);
        if (f.read(1) != QByteArray(1, '\x0a'))
            continue;
        f.seek(page * 4096 + 8);
        f.write(QByteArray(16, '\x7f'));
        ++hit;
    }
    QVERIFY(hit > 0);
    f.close();
    m_engine = std::make_unique<Engine>(dbPath());
    QSignalSpy warned(m_engine.get(), &Engine::warningsChanged);
    m_engine->setSettings(chorus::test::testEngineSettings(m_tmp->path(), m_claude));
    const Status opened = m_engine->open(); // the tables are readable: it starts, and warns
    QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_engine->warnings().isEmpty(), 10000);
    QVERIFY2(m_engine->warnings().first().contains(QLatin1String("quick_check")),
             qPrintable(m_engine->warnings().first()));
}

// Defect 13: a spawn whose client gave up waiting still took effect; its retry made another.
void TestFaults::spawnRetriedWithTheSameRequestIdIsOneAgent()
{
    SpawnRequest req{QStringLiteral("builder"), QStringLiteral("Hi."), m_work, {}, {}};
    req.requestId = QStringLiteral("client-request-1");
    const Result<SessionInfo> a = chorus::test::spawnNow(*m_engine, req);
    const Result<SessionInfo> b = chorus::test::spawnNow(*m_engine, req);
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(b->id, a->id);
    QCOMPARE(m_engine->sessions().size(), 1);
    req.requestId = QStringLiteral("client-request-2");
    const Result<SessionInfo> c = chorus::test::spawnNow(*m_engine, req);
    QVERIFY(c.ok());
    QVERIFY(c->id != a->id);
}

// Defect 12: a kill during the turn-end checkpoint lost the turn's usage, and recovery paid for
// an extra "continue" turn. The database is left as such a kill leaves it: the result and its
// usage stored, the state still running, the work not yet committed.
void TestFaults::turnEndedBeforeAKilledCheckpointIsNotRunAgain()
{
    const QString repo = m_tmp->filePath(QStringLiteral("repo"));
    QDir().mkpath(repo);
    chorus::test::GitFixture::git(repo, {QStringLiteral("init"), QStringLiteral("-q"),
                                         QStringLiteral("-b"), QStringLiteral("main")});
    QFile readme(repo + QStringLiteral("/README"));
    QVERIFY(readme.open(QIODevice::WriteOnly));
    readme.write("hello\n");
    readme.close();
    chorus::test::GitFixture::git(repo, {QStringLiteral("add"), QStringLiteral(".")});
    chorus::test::GitFixture::git(repo, {QStringLiteral("-c"), QStringLiteral("user.name=t"),
                                         QStringLiteral("-c"), QStringLiteral("user.email=t@t"),
                                         QStringLiteral("commit"), QStringLiteral("-qm"),
                                         QStringLiteral("init")});
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("Hi."), repo, {}, {}});
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    SessionInfo s = waitSettled(r->id);
    QCOMPARE(s.state, SessionState::Idle);
    const int requests = m_fake.mainRequestCount();
    m_engine.reset();

    // What a kill -9 in the middle of the checkpoint leaves.
    QFile work(s.worktree + QStringLiteral("/written-last.txt"));
    QVERIFY(work.open(QIODevice::WriteOnly));
    work.write("the turn's last write\n");
    work.close();
    {
        Database db;
        QVERIFY(db.open(dbPath()).ok());
        SessionStore store(&db);
        SessionInfo row = *store.session(r->id);
        row.state = SessionState::Running;
        row.options.insert(QStringLiteral("turnEnd"),
                           QJsonObject{{QStringLiteral("state"), QStringLiteral("idle")},
                                       {QStringLiteral("summary"), QStringLiteral("wrote it")}});
        QVERIFY(store.updateSession(row).ok());
    }
    openEngine();
    QTRY_COMPARE_WITH_TIMEOUT(info(r->id).state, SessionState::Idle, 30000);
    QTest::qWait(1500);
    QCOMPARE(m_fake.mainRequestCount(), requests); // no "continue" turn was paid for
    QCOMPARE(info(r->id).turns, 1);
    QVERIFY(!info(r->id).options.contains(QLatin1String("turnEnd")));
    const QString files = chorus::test::GitFixture::git(
        repo, {QStringLiteral("ls-tree"), QStringLiteral("--name-only"), s.branch});
    QVERIFY2(files.contains(QLatin1String("written-last.txt")), qPrintable(files));
    Database db;
    QVERIFY(db.open(dbPath(), true).ok());
    QSqlQuery q(db.db());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM usage")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
}

// Found by the soak run: a follow-up written to a (re)started process that was killed before
// it printed anything was lost; the automatic restart sent only "continue".
void TestFaults::messageToAProcessKilledBeforeItAnsweredIsSentAgain()
{
    EngineSettings s = m_engine->settings();
    s.idleSeconds = 1;
    s.autoRestarts = 1;
    m_engine->setSettings(s);
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("Hi."), m_work, {}, {}});
    QVERIFY(r.ok());
    QCOMPARE(waitSettled(r->id).turns, 1);
    QTRY_COMPARE_WITH_TIMEOUT(info(r->id).pid, 0, 10000); // the idle process was closed
    const QString followUp = QStringLiteral("The follow-up that must not be lost.");
    QVERIFY(m_engine->send(r->id, followUp).ok());
    // The message is written as soon as the new process has started; the CLI takes a few
    // hundred milliseconds before its first line. Kill it in between.
    QDeadlineTimer deadline(10000);
    while (info(r->id).pid == 0 && !deadline.hasExpired())
        QTest::qWait(1);
    const qint64 pid = info(r->id).pid;
    QVERIFY(pid > 0);
    QVERIFY(::kill(pid_t(pid), SIGKILL) == 0);
    QTRY_VERIFY_WITH_TIMEOUT(info(r->id).turns == 2 && info(r->id).state == SessionState::Idle,
                             60000);
    QVERIFY(kinds(r->id, QStringLiteral("chorus")).contains(QStringLiteral("input_requeued")));
    bool received = false;
    for (const QJsonValue &v : m_fake.requestLog())
        received = received || v.toObject()
                                   .value(QLatin1String("body"))
                                   .toObject()
                                   .value(QLatin1String("last_text"))
                                   .toString()
                                   .contains(followUp);
    QVERIFY(received);
}

int TestFaults::requestsEndingWith(const QString &marker)
{
    int n = 0;
    for (const QJsonValue &v : m_fake.requestLog())
        n += v.toObject().value(QLatin1String("kind")).toString() == QLatin1String("main") &&
             v.toObject()
                 .value(QLatin1String("body"))
                 .toObject()
                 .value(QLatin1String("last_text"))
                 .toString()
                 .contains(marker);
    return n;
}

bool TestFaults::sendSlowFollowUp(const QString &id, const QString &marker)
{
    const QString text =
        marker + u' ' +
        script({QJsonObject{{QStringLiteral("text"), QStringLiteral("a slow answer")},
                            {QStringLiteral("delay"), 5.0}}}); // the test kills well before
    if (!m_engine->send(id, text).ok())
        return false;
    QDeadlineTimer deadline(30000);
    while (requestsEndingWith(marker) == 0 && !deadline.hasExpired())
        QTest::qWait(10);
    return requestsEndingWith(marker) == 1;
}

bool TestFaults::transcriptHolds(const QString &id, const QString &marker, bool cut)
{
    const QString path = findClaudeTranscript(
        chorus::test::testAgentEnvironment(m_tmp->path(), m_fake), info(id).claudeSessionId);
    QFile f(path);
    if (path.isEmpty() || !f.open(QIODevice::ReadWrite))
        return false;
    // The CLI writes its transcript in batches: the message may reach it after the request.
    // Where the marker's line starts, or -1.
    auto markerAt = [&f, &marker]() -> qint64 {
        f.seek(0);
        qint64 at = 0;
        while (!f.atEnd()) {
            const QByteArray line = f.readLine();
            if (line.contains(marker.toUtf8()))
                return at;
            at += line.size();
        }
        return -1;
    };
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        if (markerAt() >= 0) {
            if (!cut)
                return true;
            // A CLI that never wrote the message down: stopped first, so that it writes nothing
            // more (its exit on SIGTERM would flush lines that hold the message again, sooner or
            // later depending on the machine's load), then the message and what follows cut off.
            // The test kills it (or the engine ends it) next.
            if (info(id).pid <= 0 || ::kill(pid_t(info(id).pid), SIGSTOP) != 0)
                return false;
            const qint64 at = markerAt();
            return at >= 0 && f.resize(at);
        }
        QTest::qWait(10);
    }
    return false;
}

// Found by the soak run (CI, 2026-12-07): the CLI prints `system/init` ~100 ms before it writes
// the message to its transcript. A kill in between lost the message: the engine took any line
// as "the CLI has it" and the automatic restart only said "continue". Now the transcript decides.
void TestFaults::messageTheCliNeverWroteDownIsSentAgain()
{
    EngineSettings s = m_engine->settings();
    s.autoRestarts = 1;
    m_engine->setSettings(s);
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("Hi."), m_work, {}, {}});
    QVERIFY(r.ok());
    QCOMPARE(waitSettled(r->id).turns, 1);
    const QString marker = QStringLiteral("FOLLOW-UP-NEVER-WRITTEN-DOWN");
    QVERIFY(sendSlowFollowUp(r->id, marker));
    QVERIFY(transcriptHolds(r->id, marker, true));
    QVERIFY(::kill(pid_t(info(r->id).pid), SIGKILL) == 0);
    QTRY_VERIFY_WITH_TIMEOUT(info(r->id).turns == 2 && info(r->id).state == SessionState::Idle,
                             60000);
    QCOMPARE(requestsEndingWith(marker), 2); // sent again, not replaced by "continue"
    QVERIFY(kinds(r->id, QStringLiteral("chorus")).contains(QStringLiteral("input_requeued")));
}

void TestFaults::messageTheCliNeverWroteDownIsSentAgainAfterAnEngineRestart()
{
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("Hi."), m_work, {}, {}});
    QVERIFY(r.ok());
    QCOMPARE(waitSettled(r->id).turns, 1);
    const QString marker = QStringLiteral("FOLLOW-UP-LOST-WITH-THE-ENGINE");
    QVERIFY(sendSlowFollowUp(r->id, marker));
    QVERIFY(transcriptHolds(r->id, marker, true));
    m_engine.reset(); // its processes end with it, the agent is left running in the database
    openEngine();
    QTRY_VERIFY_WITH_TIMEOUT(info(r->id).turns == 2 && info(r->id).state == SessionState::Idle,
                             60000);
    QCOMPARE(requestsEndingWith(marker), 2);
    QVERIFY(kinds(r->id, QStringLiteral("chorus")).contains(QStringLiteral("input_requeued")));
}

// With resumeOnRecovery off, such a message is set aside for `chorus resume`, once.
void TestFaults::messageTheCliNeverWroteDownWaitsForResumeOnce()
{
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("Hi."), m_work, {}, {}});
    QVERIFY(r.ok());
    QCOMPARE(waitSettled(r->id).turns, 1);
    const QString marker = QStringLiteral("FOLLOW-UP-SET-ASIDE");
    QVERIFY(sendSlowFollowUp(r->id, marker));
    QVERIFY(transcriptHolds(r->id, marker, true));
    m_engine.reset();
    m_engine = std::make_unique<Engine>(dbPath());
    m_engine->setAgentEnvironment(chorus::test::testAgentEnvironment(m_tmp->path(), m_fake));
    EngineSettings settings = chorus::test::testEngineSettings(m_tmp->path(), m_claude);
    settings.resumeOnRecovery = false;
    m_engine->setSettings(settings);
    QVERIFY(m_engine->open().ok());
    QCOMPARE(info(r->id).state, SessionState::Interrupted);
    const QJsonArray aside = info(r->id).options.value(QLatin1String("droppedInputs")).toArray();
    QCOMPARE(aside.size(), 1);
    QVERIFY(aside.first().toString().startsWith(marker));
    QVERIFY(m_engine->resume(r->id, {}).ok());
    QTRY_VERIFY_WITH_TIMEOUT(info(r->id).turns == 2 && info(r->id).state == SessionState::Idle,
                             60000);
    QCOMPARE(requestsEndingWith(marker), 2);
}

// The other side: a message the CLI wrote down is not paid for twice; the cut turn is continued.
void TestFaults::messageTheCliKeptIsContinuedNotRepeated()
{
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("Hi."), m_work, {}, {}});
    QVERIFY(r.ok());
    QCOMPARE(waitSettled(r->id).turns, 1);
    const QString marker = QStringLiteral("FOLLOW-UP-KEPT-BY-THE-CLI");
    QVERIFY(sendSlowFollowUp(r->id, marker));
    QVERIFY(transcriptHolds(r->id, marker, false));
    m_engine.reset();
    openEngine();
    QTRY_VERIFY_WITH_TIMEOUT(info(r->id).turns == 2 && info(r->id).state == SessionState::Idle,
                             60000);
    QCOMPARE(requestsEndingWith(marker), 1);
    QCOMPARE(requestsEndingWith(QStringLiteral("Continue the task where you left off")), 1);
    QVERIFY(!kinds(r->id, QStringLiteral("chorus")).contains(QStringLiteral("input_requeued")));
}

// Security: agents got whatever environment the shell that first auto-started the engine had.
void TestFaults::agentsGetTheirClientsEnvironmentLessTheDenyList()
{
    QProcessEnvironment engineEnv = m_fake.claudeEnvironment(m_tmp->filePath(QStringLiteral("claude")));
    engineEnv.insert(QStringLiteral("ONLY_IN_THE_ENGINE"), QStringLiteral("1"));
    m_engine->setAgentEnvironment(engineEnv);
    EngineSettings s = m_engine->settings();
    s.envDeny = QStringList{QStringLiteral("MY_TOKEN"), QStringLiteral("CLOUD_*")};
    m_engine->setSettings(s);
    QProcessEnvironment client = m_fake.claudeEnvironment(m_tmp->filePath(QStringLiteral("claude")));
    client.insert(QStringLiteral("FROM_THE_CLIENT"), QStringLiteral("yes"));
    client.insert(QStringLiteral("SSH_AUTH_SOCK"), QStringLiteral("/tmp/agent.sock"));
    client.insert(QStringLiteral("CHORUS_INTERNAL"), QStringLiteral("1"));
    client.insert(QStringLiteral("MY_TOKEN"), QStringLiteral("secret"));
    client.insert(QStringLiteral("CLOUD_KEY"), QStringLiteral("secret"));
    const QString dump = m_work + QStringLiteral("/env.txt");
    const QString task = QStringLiteral("Dump the environment. ") +
                         script({QJsonObject{{QStringLiteral("tool"), QStringLiteral("Bash")},
                                             {QStringLiteral("input"), QJsonObject{{QStringLiteral("command"), QString(QStringLiteral("env > ") + dump)}}}},
                                 QJsonObject{{QStringLiteral("text"), QStringLiteral("done")}}});
    SpawnRequest req{QStringLiteral("builder"), task, m_work, {}, {}};
    req.environment = client;
    const Result<SessionInfo> r = chorus::test::spawnNow(*m_engine, req);
    QVERIFY(r.ok());
    QCOMPARE(waitSettled(r->id).state, SessionState::Idle);
    QFile f(dump);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray env = f.readAll();
    QVERIFY(env.contains("FROM_THE_CLIENT=yes"));
    for (const char *absent : {"ONLY_IN_THE_ENGINE=", "SSH_AUTH_SOCK=", "CHORUS_INTERNAL=", "MY_TOKEN=", "CLOUD_KEY="})
        QVERIFY2(!env.contains(absent), absent);
}

// The worktree is made on the git executor: meanwhile the spawn's row exists (state creating),
// its name is taken, a retry with its request id is the same spawn, and it is not yet an agent.
void TestFaults::aSpawnIsRecordedBeforeItsWorktreeIsMade()
{
    QVERIFY(makeRepository());
    SpawnRequest req{QStringLiteral("builder"),
                     QStringLiteral("Say hi. @@fake [{\"text\":\"hi\"}]"), m_work,
                     QStringLiteral("maker")};
    req.requestId = QStringLiteral("req-maker");
    QFuture<Result<SessionInfo>> first = m_engine->spawn(req);
    QFuture<Result<SessionInfo>> again = m_engine->spawn(req);
    // Each caller is answered (a QFuture keeps one continuation: a shared one would drop a caller).
    int answered = 0;
    first.then(m_engine.get(), [&answered](const Result<SessionInfo> &) { ++answered; });
    again.then(m_engine.get(), [&answered](const Result<SessionInfo> &) { ++answered; });
    QVERIFY(!first.isFinished()); // answered by the executor, not on the spot
    Database db;
    QVERIFY(db.open(dbPath(), true).ok());
    const QList<SessionInfo> rows = SessionStore(&db).sessions();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().state, SessionState::Creating);
    QVERIFY(m_engine->sessions().isEmpty());
    SpawnRequest clash = req;
    clash.requestId.clear();
    const Result<SessionInfo> refused = chorus::test::spawnNow(*m_engine, clash);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(QLatin1String("already exists")),
             qPrintable(refused.error().message));
    QTRY_VERIFY_WITH_TIMEOUT(first.isFinished() && again.isFinished(), 60000);
    QVERIFY2(first.result().ok(), qPrintable(first.result().error().toString()));
    QCOMPARE(again.result()->id, first.result()->id);
    QTRY_COMPARE(answered, 2);
    QVERIFY(first.result()->state != SessionState::Creating); // queued, or starting already
    QVERIFY(QFileInfo(first.result()->worktree + QStringLiteral("/README")).exists());
    QCOMPARE(m_engine->sessions().size(), 1);
    QCOMPARE(waitSettled(first.result()->id).state, SessionState::Idle);
}

// A kill of the engine mid-checkout leaves a row in state creating and a (partial) worktree
// with its branch; the next start removes all three and says so.
void TestFaults::aSpawnCutShortMidCheckoutLeavesNothingWithoutAnOwner()
{
    QVERIFY(makeRepository());
    const Result<SessionInfo> kept = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("Say hi. @@fake [{\"text\":\"hi\"}]"),
                    m_work, QStringLiteral("kept")});
    QVERIFY(kept.ok());
    QCOMPARE(waitSettled(kept->id).state, SessionState::Idle);
    m_engine.reset();
    {
        Database db;
        QVERIFY(db.open(dbPath()).ok());
        SessionInfo cut;
        cut.id = QStringLiteral("0c0c0c0c-0000-4000-8000-000000000001");
        cut.claudeSessionId = QStringLiteral("0c0c0c0c-0000-4000-8000-000000000002");
        cut.name = QStringLiteral("cut");
        cut.role = QStringLiteral("builder");
        cut.task = QStringLiteral("never started");
        cut.dir = m_work;
        cut.state = SessionState::Creating;
        cut.createdAt = nowUtc();
        QVERIFY(SessionStore(&db).insertSession(cut).ok());
    }
    const Result<AgentWorkspace> ws = createAgentWorkspace(
        m_work, QStringLiteral("cut"), {}, m_tmp->filePath(QStringLiteral("data/worktrees")));
    QVERIFY(ws.ok());
    QFile extra(ws->worktree + QStringLiteral("/half-written.txt")); // what the checkout got to
    QVERIFY(extra.open(QIODevice::WriteOnly));
    extra.write("partial\n");
    extra.close();

    openEngine();
    QVERIFY(!m_engine->find(QStringLiteral("cut")).ok());
    QVERIFY(m_engine->find(QStringLiteral("kept")).ok());
    const QString report = m_engine->startupReport().join(QLatin1Char('\n'));
    QVERIFY2(report.contains(QLatin1String("cut short")) && report.contains(QLatin1String("cut")),
             qPrintable(report));
    QVERIFY(!QFileInfo::exists(ws->worktree));
    Result<GitRepository> repo = GitRepository::discover(m_work);
    QVERIFY(repo.ok());
    QVERIFY(!repo->branchExists(ws->branch));
    Database db;
    QVERIFY(db.open(dbPath(), true).ok());
    for (const SessionInfo &row : SessionStore(&db).sessions())
        QVERIFY(row.state != SessionState::Creating);
}

bool TestFaults::makeRepository()
{
    QFile readme(m_work + QStringLiteral("/README"));
    if (!readme.open(QIODevice::WriteOnly))
        return false;
    readme.write("a repository\n");
    readme.close();
    int rc = 0;
    chorus::test::GitFixture::git(m_work, {QStringLiteral("init"), QStringLiteral("-q")}, &rc);
    chorus::test::GitFixture::git(m_work, {QStringLiteral("add"), QStringLiteral(".")});
    chorus::test::GitFixture::git(m_work,
                                  {QStringLiteral("-c"), QStringLiteral("user.name=t"),
                                   QStringLiteral("-c"), QStringLiteral("user.email=t@t"),
                                   QStringLiteral("commit"), QStringLiteral("-qm"),
                                   QStringLiteral("init")},
                                  &rc);
    return rc == 0;
}

bool TestFaults::processAlive(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close > 0 && line.size() > close + 2 && line.at(close + 2) != 'Z'; // a zombie has ended
}

qint64 TestFaults::spawnWithEscapedTool(QString *id, int seconds)
{
    const QString pidFile = m_work + QStringLiteral("/tool.pid");
    const QString command =
        QStringLiteral("setsid sleep %1 >/dev/null 2>&1 < /dev/null & echo $! > %2")
            .arg(seconds)
            .arg(pidFile);
    const QString task =
        QStringLiteral("Start a long job. ") +
        script(
            {QJsonObject{{QStringLiteral("tool"), QStringLiteral("Bash")},
                         {QStringLiteral("input"),
                          QJsonObject{{QStringLiteral("command"), command},
                                      {QStringLiteral("description"), QStringLiteral("start")}}}},
             QJsonObject{{QStringLiteral("text"), QStringLiteral("a slow answer")},
                         {QStringLiteral("delay"), 5.0}}});
    const Result<SessionInfo> r =
        chorus::test::spawnNow(*m_engine, {QStringLiteral("builder"), task, m_work, {}, {}});
    if (!r.ok())
        return 0;
    *id = r->id;
    QDeadlineTimer deadline(30000);
    while (m_fake.mainRequestCount() < 2 && !deadline.hasExpired())
        QTest::qWait(20);
    QFile f(pidFile);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const qint64 pid = f.readAll().trimmed().toLongLong();
    if (pid > 0)
        m_strays << pid;
    return processAlive(pid) ? pid : 0;
}

// Defect 11, the rest: the CLI died with its engine (PDEATHSIG), but what its Bash tool had
// started in a session of its own ran on, writing in the worktree with nobody watching.
void TestFaults::toolProcessesEndWithACrashedCli()
{
    QString id;
    const qint64 tool = spawnWithEscapedTool(&id, 313);
    QVERIFY(tool > 0);
    QVERIFY(::kill(pid_t(info(id).pid), SIGKILL) == 0);
    QTRY_VERIFY_WITH_TIMEOUT(!processAlive(tool), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        kinds(id, QStringLiteral("chorus")).contains(QStringLiteral("tools_ended")), 10000);
}

void TestFaults::toolProcessesEndWithTheEngine()
{
    QString id;
    const qint64 tool = spawnWithEscapedTool(&id, 314);
    QVERIFY(tool > 0);
    m_engine.reset();
    QVERIFY(!processAlive(tool) || (QTest::qWait(200), !processAlive(tool)));
}

void TestFaults::toolProcessesLeftByAKilledEngineEndAtStart()
{
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"), QStringLiteral("Hi."), m_work, {}, {}});
    QVERIFY(r.ok());
    QCOMPARE(waitSettled(r->id).turns, 1);
    m_engine.reset();
    // What a kill -9 of the engine leaves: a process the agent's tool started, still running.
    QProcess leftover;
    leftover.setProgram(QStringLiteral("setsid"));
    leftover.setArguments({QStringLiteral("sleep"), QStringLiteral("315")});
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CHORUS_AGENT_SESSION"), r->id);
    leftover.setProcessEnvironment(env);
    qint64 pid = 0;
    QVERIFY(leftover.startDetached(&pid));
    m_strays << pid;
    QTRY_VERIFY(processAlive(pid));
    // Another agent's process (another data directory's engine) is left alone.
    env.insert(QStringLiteral("CHORUS_AGENT_SESSION"), QStringLiteral("not-one-of-ours"));
    leftover.setProcessEnvironment(env);
    qint64 other = 0;
    QVERIFY(leftover.startDetached(&other));
    m_strays << other;
    QTRY_VERIFY(processAlive(other));
    openEngine();
    QVERIFY(!processAlive(pid));
    QVERIFY(processAlive(other));
    const QString report = m_engine->startupReport().join(u'\n');
    QVERIFY2(report.contains(QLatin1String("ended 1 process")) && report.contains(r->name),
             qPrintable(report));
}

// A CLI closed for being idle leaves what its tools started on purpose; a clean that removes the
// worktree ends it first (and commits what it wrote).
void TestFaults::toolProcessesOfAnIdleAgentEndWhenItIsCleaned()
{
    EngineSettings s = m_engine->settings();
    s.idleSeconds = 1;
    m_engine->setSettings(s);
    QVERIFY(makeRepository());
    const QString command =
        QStringLiteral("setsid sh -c 'sleep 2; echo late > late.txt; sleep 316' "
                       ">/dev/null 2>&1 < /dev/null & echo $! > ../server.pid");
    const QString task =
        QStringLiteral("Start a server. ") +
        script(
            {QJsonObject{{QStringLiteral("tool"), QStringLiteral("Bash")},
                         {QStringLiteral("input"),
                          QJsonObject{{QStringLiteral("command"), command},
                                      {QStringLiteral("description"), QStringLiteral("start")}}}},
             QJsonObject{{QStringLiteral("text"), QStringLiteral("started")}}});
    const Result<SessionInfo> r =
        chorus::test::spawnNow(*m_engine, {QStringLiteral("builder"), task, m_work, {}, {}});
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    const SessionInfo settled = waitSettled(r->id);
    QCOMPARE(settled.state, SessionState::Idle);
    QTRY_COMPARE_WITH_TIMEOUT(info(r->id).pid, 0, 10000); // the idle CLI was closed
    QFile pidFile(QFileInfo(settled.worktree).absolutePath() + QStringLiteral("/server.pid"));
    QVERIFY(pidFile.open(QIODevice::ReadOnly));
    const qint64 server = pidFile.readAll().trimmed().toLongLong();
    m_strays << server;
    QVERIFY(processAlive(server)); // left running on purpose
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(settled.worktree + QStringLiteral("/late.txt")), 10000);
    QFuture<Result<CleanReport>> cleaned = m_engine->clean({r->id}, true, false);
    QTRY_VERIFY_WITH_TIMEOUT(cleaned.isFinished(), 30000);
    QVERIFY2(cleaned.result().ok(), qPrintable(cleaned.result().error().toString()));
    // SIGKILL was sent; a loaded machine may take a moment to schedule the process's end.
    QTRY_VERIFY_WITH_TIMEOUT(!processAlive(server), 5000);
    QVERIFY(!QFileInfo::exists(settled.worktree));
    // What it wrote after the turn is on the branch.
    const QString files = chorus::test::GitFixture::git(
        m_work, {QStringLiteral("ls-tree"), QStringLiteral("--name-only"), settled.branch});
    QVERIFY2(files.contains(QLatin1String("late.txt")), qPrintable(files));
}

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
