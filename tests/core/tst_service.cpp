// The control socket under faults (issue 7): too many clients, the open-file limit, a deleted
// socket file, a subscriber that stops reading. A real engine and service in this process,
// real Claude Code CLI processes against the fake Messages API, raw socket clients.
#include "claudetest.h"
#include "engine/engine.h"
#include "fakeapi.h"
#include "rpc/engineservice.h"
#include "rpc/rpcclient.h"
#include "rpc/rpcconnection.h"
#include "testengine.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

using namespace chorus;
using chorus::test::FakeApi;

class TestService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void clientsPastTheCapAreRefused();
    void deletedSocketFileIsMadeAgain();
    void listenerClosedByEmfileListensAgain();
    void slowSubscriberIsDroppedAndResyncs();
    void sessionChangedCarriesTheTaskOnce();
    void wireErrorsComeFromTheTableAndNameTheField();
    void requestsCarryTheCallersIdentity();
    void codecsRoundTrip();
    void paramsOnTheWire_data();
    void paramsOnTheWire();

private:
    // A raw client: connected, nothing read yet.
    std::unique_ptr<QLocalSocket> rawClient();
    static QList<QJsonObject> readAll(QLocalSocket *s, int settleMs = 300);
    bool ping();
    // Whether the agent is idle after `turns` turns (within a minute).
    bool idleAfter(const QString &id, int turns);
    // A builder spawned with `task` in the work dir, idle after its first turn; empty when not.
    QString spawnIdle(const QString &task);

    QString m_claude;
    FakeApi m_fake;
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<EngineService> m_service;
    QString m_socket;
    QString m_work;
};

void TestService::initTestCase()
{
    QString why;
    m_claude = chorus::test::testClaudePath(&why);
    if (m_claude.isEmpty())
        QFAIL(qPrintable(why));
    QString err;
    QVERIFY2(m_fake.start(&err), qPrintable(err));
}

void TestService::init()
{
    m_fake.reset();
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_work = m_tmp->filePath(QStringLiteral("work"));
    QVERIFY(QDir().mkpath(m_work));
    Status opened = Ok{};
    m_engine = chorus::test::openTestEngine(m_tmp->path(), m_fake, m_claude, &opened);
    QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
    m_service = std::make_unique<EngineService>(m_engine.get());
    m_socket = m_tmp->filePath(QStringLiteral("engine.sock"));
    const Status st = m_service->listen(m_socket);
    QVERIFY2(st.ok(), qPrintable(st.error().toString()));
}

void TestService::cleanup()
{
    m_service.reset();
    m_engine.reset();
    m_tmp.reset();
}

std::unique_ptr<QLocalSocket> TestService::rawClient()
{
    auto s = std::make_unique<QLocalSocket>();
    s->connectToServer(m_socket);
    if (!s->waitForConnected(2000))
        return nullptr;
    return s;
}

QList<QJsonObject> TestService::readAll(QLocalSocket *s, int settleMs)
{
    QList<QJsonObject> out;
    QByteArray buffer;
    QDeadlineTimer quiet(settleMs);
    while (!quiet.hasExpired()) {
        QTest::qWait(10);
        const QByteArray data = s->readAll();
        if (data.isEmpty())
            continue;
        buffer += data;
        quiet.setRemainingTime(settleMs);
    }
    for (const QByteArray &line : buffer.split('\n'))
        if (!line.trimmed().isEmpty())
            out << QJsonDocument::fromJson(line).object();
    return out;
}

bool TestService::ping()
{
    RpcClient c;
    if (!c.connectToEngine(m_socket, 1000))
        return false;
    return c.callSync(QStringLiteral("engine.ping"), {}, 2000).ok();
}

// Defect 4: without a cap, clients could take every descriptor.
void TestService::clientsPastTheCapAreRefused()
{
    m_service->setLimits(3, EngineService::kMaxClientBacklog);
    std::vector<std::unique_ptr<QLocalSocket>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(rawClient());
        QVERIFY(clients.back());
    }
    QTRY_COMPARE(m_service->clientCount(), 3);
    std::unique_ptr<QLocalSocket> extra = rawClient();
    QVERIFY(extra);
    const QList<QJsonObject> answer = readAll(extra.get());
    QCOMPARE(answer.size(), 1);
    const QString message = answer.first()
                                .value(QLatin1String("error"))
                                .toObject()
                                .value(QLatin1String("message"))
                                .toString();
    QVERIFY2(message.contains(QLatin1String("too many clients")), qPrintable(message));
    QTRY_COMPARE(extra->state(), QLocalSocket::UnconnectedState);
    // Through the client library too: its call fails with the engine's reason.
    RpcClient refused;
    QVERIFY(refused.connectToEngine(m_socket, 1000).ok());
    const Result<QJsonValue> r = refused.callSync(QStringLiteral("engine.ping"), {}, 5000);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(QLatin1String("too many clients")),
             qPrintable(r.error().toString()));
    clients.pop_back();
    QTRY_COMPARE(m_service->clientCount(), 2);
    QVERIFY(ping()); // a place freed is a place taken
}

// Defect 4: a deleted socket file left the engine running, unreachable.
void TestService::deletedSocketFileIsMadeAgain()
{
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("listening again")));
    QVERIFY(QFile::remove(m_socket));
    QVERIFY(!ping());
    QTRY_VERIFY_WITH_TIMEOUT(ping(), 5000);
}

// Defect 4: past the open-file limit Qt closes the listener (and deletes the socket file) when
// accept() fails with EMFILE; the engine ran on, unreachable, for good.
void TestService::listenerClosedByEmfileListensAgain()
{
    // Clients queue up in the listen backlog first (no event loop runs, nothing is accepted),
    // then the limit leaves room for two accepts: the third fails with EMFILE.
    std::vector<std::unique_ptr<QLocalSocket>> clients;
    for (int i = 0; i < 12; ++i) {
        auto s = std::make_unique<QLocalSocket>();
        s->connectToServer(m_socket);
        clients.push_back(std::move(s));
    }
    struct rlimit saved = {};
    QVERIFY(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
    const qsizetype open = QDir(QStringLiteral("/proc/self/fd"))
                               .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)
                               .size() -
                           1;
    struct rlimit low = saved;
    low.rlim_cur = rlim_t(open + 2);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("listening again")));
    QVERIFY(::setrlimit(RLIMIT_NOFILE, &low) == 0);
    QTest::qWait(300); // the server accepts what it can, then Qt closes it
    QVERIFY(::setrlimit(RLIMIT_NOFILE, &saved) == 0);
    clients.clear();
    QTRY_VERIFY_WITH_TIMEOUT(ping(), 5000);
}

// Defect 6: a subscriber that stopped reading grew the engine without bound.
bool TestService::idleAfter(const QString &id, int turns)
{
    return QTest::qWaitFor(
        [&] {
            const Result<SessionInfo> s = m_engine->find(id);
            return s.ok() && s->state == SessionState::Idle && s->turns == turns;
        },
        60000);
}

QString TestService::spawnIdle(const QString &task)
{
    const Result<SessionInfo> r =
        chorus::test::spawnNow(*m_engine, {QStringLiteral("builder"), task, m_work, {}, {}});
    return r.ok() && idleAfter(r->id, 1) ? r->id : QString();
}

void TestService::slowSubscriberIsDroppedAndResyncs()
{
    m_service->setLimits(EngineService::kMaxClients, 64 * 1024);
    std::unique_ptr<QLocalSocket> slow = rawClient();
    QVERIFY(slow);
    slow->setReadBufferSize(1); // Qt reads nothing ahead for it: the kernel buffer fills up
    const QByteArray sub =
        QJsonDocument(
            RpcConnection::request(1, QStringLiteral("subscribe"),
                                   QJsonObject{{QStringLiteral("events"), QStringLiteral("*")}}))
            .toJson(QJsonDocument::Compact) +
        '\n';
    slow->write(sub);
    QVERIFY(slow->waitForBytesWritten(1000));
    QTRY_COMPARE(m_service->clientCount(), 1);
    QTest::qWait(100);

    // Lots of output: a Write of 1.5 MB (the tool input alone is in two events).
    const QString big(1500 * 1024, QLatin1Char('y'));
    QJsonObject input;
    input.insert(QStringLiteral("file_path"), QString(m_work + QStringLiteral("/big.txt")));
    input.insert(QStringLiteral("content"), big);
    QJsonObject step;
    step.insert(QStringLiteral("tool"), QStringLiteral("Write"));
    step.insert(QStringLiteral("input"), input);
    const QString task =
        QStringLiteral("Write it. @@fake ") +
        QString::fromUtf8(QJsonDocument(QJsonArray{step}).toJson(QJsonDocument::Compact));
    const QString id = spawnIdle(task);
    QVERIFY(!id.isEmpty());
    const QList<StoredEvent> stored = m_engine->events(id, 0, 0);

    // Now it reads: the notice came after what was queued, and nothing after the notice.
    slow->setReadBufferSize(0);
    const QList<QJsonObject> got = readAll(slow.get(), 1000);
    qint64 lastSeen = 0;
    bool dropped = false;
    int afterNotice = 0;
    for (const QJsonObject &m : got) {
        const QString method = m.value(QLatin1String("method")).toString();
        if (method == QLatin1String("subscription.dropped")) {
            dropped = true;
            continue;
        }
        if (method != QLatin1String("events.stored"))
            continue;
        if (dropped)
            ++afterNotice;
        for (const QJsonValue &v :
             m.value(QLatin1String("params")).toObject().value(QLatin1String("events")).toArray()) {
            const qint64 seq = v.toObject().value(QLatin1String("seq")).toInteger();
            QCOMPARE(seq, lastSeen + 1); // in order, no gap before the notice
            lastSeen = seq;
        }
    }
    QVERIFY(dropped);
    QCOMPARE(afterNotice, 0);
    QVERIFY(lastSeen < stored.size());
    // The re-sync from the last sequence seen fills the gap exactly.
    RpcClient c;
    QVERIFY(c.connectToEngine(m_socket, 1000).ok());
    const Result<QJsonValue> rest = c.callSync(
        QStringLiteral("events.list"),
        QJsonObject{{QStringLiteral("agent"), id}, {QStringLiteral("afterSeq"), lastSeen}});
    QVERIFY(rest.ok());
    const QJsonArray restEvents = rest->toObject().value(QLatin1String("events")).toArray();
    QCOMPARE(lastSeen + restEvents.size(), qint64(stored.size()));
}

// A long task goes to each subscriber once, not with every change of the session.
void TestService::sessionChangedCarriesTheTaskOnce()
{
    // Subscribed once the engine answered (before, the first notice would go to nobody).
    const auto subscribed = [this]() -> std::unique_ptr<QLocalSocket> {
        std::unique_ptr<QLocalSocket> c = rawClient();
        if (!c)
            return nullptr;
        c->write(
            QJsonDocument(RpcConnection::request(1, QStringLiteral("subscribe"),
                                                 QJsonObject{{QStringLiteral("sessions"), true}}))
                .toJson(QJsonDocument::Compact) +
            '\n');
        QByteArray reply;
        if (!QTest::qWaitFor([&] { return (reply += c->readAll()).contains("\"result\""); }, 5000))
            return nullptr;
        return c;
    };
    // The session.changed notices of `id` a client got: whether each had the task.
    const auto notices = [this](QLocalSocket *c, const QString &id, const QString &task) {
        QList<bool> withTask;
        for (const QJsonObject &m : readAll(c, 500)) {
            const QJsonObject session = m.value(QLatin1String("params"))
                                            .toObject()
                                            .value(QLatin1String("session"))
                                            .toObject();
            if (m.value(QLatin1String("method")).toString() != QLatin1String("session.changed") ||
                session.value(QLatin1String("id")).toString() != id)
                continue;
            withTask << session.contains(QLatin1String("task"));
            if (withTask.last() && session.value(QLatin1String("task")).toString() != task)
                return QList<bool>{}; // not the task
        }
        return withTask;
    };
    std::unique_ptr<QLocalSocket> client = subscribed();
    QVERIFY(client);
    const QString task = QStringLiteral("Read the spec. ") + QString(40 * 1024, QLatin1Char('s'));
    const QString id = spawnIdle(task);
    QVERIFY(!id.isEmpty());
    const QList<bool> first = notices(client.get(), id, task);
    QVERIFY2(first.size() >= 3, qPrintable(QString::number(first.size()))); // queued, running, ...
    QCOMPARE(first.first(), true);                                          // the first has it
    QCOMPARE(first.count(true), 1);
    // A client that comes later gets it with its first notice of that session.
    std::unique_ptr<QLocalSocket> later = subscribed();
    QVERIFY(later);
    QVERIFY(m_engine->send(id, QStringLiteral("Again.")).ok());
    QVERIFY(idleAfter(id, 2));
    const QList<bool> second = notices(later.get(), id, task);
    QVERIFY2(second.size() >= 2, qPrintable(QString::number(second.size())));
    QCOMPARE(second.first(), true);
    QCOMPARE(second.count(true), 1);
    QCOMPARE(notices(client.get(), id, task).count(true), 0); // the first client has it
    // agents.list has it whole.
    RpcClient lister;
    QVERIFY(lister.connectToEngine(m_socket, 1000));
    const Result<QJsonValue> list = lister.callSync(QStringLiteral("agents.list"), {}, 5000);
    QVERIFY(list.ok());
    bool listed = false;
    for (const QJsonValue &v : list->toObject().value(QLatin1String("sessions")).toArray())
        if (v.toObject().value(QLatin1String("id")).toString() == id)
            listed = v.toObject().value(QLatin1String("task")).toString() == task;
    QVERIFY(listed);
}

// Unknown methods are JSON-RPC -32601 from the handler table; params of the wrong type are
// -32602 naming the field, and change nothing.
void TestService::wireErrorsComeFromTheTableAndNameTheField()
{
    std::unique_ptr<QLocalSocket> c = rawClient();
    QVERIFY(c);
    const int before = m_engine->settings().maxConcurrent;
    const QList<QByteArray> requests{
        R"({"jsonrpc":"2.0","id":1,"method":"no.such.method"})",
        R"({"jsonrpc":"2.0","id":2,"method":"agents.spawn","params":{"role":"builder","task":7}})",
        R"({"jsonrpc":"2.0","id":3,"method":"agents.approve","params":{"agent":"x","requestId":"5"}})",
        R"({"jsonrpc":"2.0","id":4,"method":"settings.set","params":{"maxConcurrent":"lots"}})",
        R"({"jsonrpc":"2.0","id":5,"method":"settings.set","params":{"noSuchSetting":1}})",
        R"({"jsonrpc":"2.0","id":6,"method":"agents.list","params":[1]})",
        R"({"jsonrpc":"2.0","id":7,"method":"subscribe","params":{"events":5}})",
        R"({"jsonrpc":"2.0","id":8,"method":"merge.run","params":{"agents":["a",2]}})",
        R"({"jsonrpc":"2.0","id":9,"method":"agents.get","params":{"agent":"nobody"}})",
        R"({"jsonrpc":"2.0","id":10,"method":"settings.set","params":{"maxConcurrent":2.5}})",
        R"({"jsonrpc":"2.0","id":11,"method":"settings.set","params":{"agentTransport":"carrier-pigeon"}})",
        R"({"jsonrpc":"2.0","id":12,"method":"events.list","params":{"agent":"x","afterSeq":1e300}})",
        R"({"jsonrpc":"2.0","id":13,"method":"claude.locate","params":{"claudePath":5}})",
    };
    for (const QByteArray &r : requests)
        c->write(r + '\n');
    c->flush();
    QHash<int, QJsonObject> errors;
    for (const QJsonObject &answer : readAll(c.get()))
        errors.insert(answer.value(QLatin1String("id")).toInt(),
                      answer.value(QLatin1String("error")).toObject());
    QCOMPARE(errors.size(), requests.size());
    auto code = [&](int id) { return errors.value(id).value(QLatin1String("code")).toInt(); };
    auto field = [&](int id) {
        return errors.value(id)
            .value(QLatin1String("data"))
            .toObject()
            .value(QLatin1String("field"))
            .toString();
    };
    QCOMPARE(code(1), rpc::MethodNotFound);
    QVERIFY(errors.value(1)
                .value(QLatin1String("message"))
                .toString()
                .contains(QLatin1String("no.such.method")));
    const QList<std::pair<int, QString>> invalid{{2, QStringLiteral("task")},
                                                 {3, QStringLiteral("requestId")},
                                                 {4, QStringLiteral("maxConcurrent")},
                                                 {5, QStringLiteral("noSuchSetting")},
                                                 {6, QStringLiteral("params")},
                                                 {7, QStringLiteral("events")},
                                                 {8, QStringLiteral("agents")},
                                                 {10, QStringLiteral("maxConcurrent")},
                                                 {11, QStringLiteral("agentTransport")},
                                                 {12, QStringLiteral("afterSeq")},
                                                 {13, QStringLiteral("claudePath")}};
    for (const auto &[id, name] : invalid) {
        QCOMPARE(code(id), rpc::InvalidParams);
        QCOMPARE(field(id), name);
        QVERIFY2(errors.value(id).value(QLatin1String("message")).toString().contains(name),
                 qPrintable(errors.value(id).value(QLatin1String("message")).toString()));
    }
    QCOMPARE(code(9), rpc::Failed); // well-formed, refused by the engine: not a protocol error
    QCOMPARE(m_engine->settings().maxConcurrent, before);
    QVERIFY(m_engine->sessions().isEmpty());
}

void TestService::requestsCarryTheCallersIdentity()
{
    RpcClient anonymous;
    QVERIFY(anonymous.connectToEngine(m_socket, 1000).ok());
    Result<QJsonValue> r = anonymous.callSync(rpc::method::EnginePing);
    QVERIFY(r.ok());
    QCOMPARE(rpc::PingReply::fromJson(r->toObject()).caller.kind, QStringLiteral("unknown"));

    RpcClient agent;
    agent.setCaller({QStringLiteral("agent"), QStringLiteral("builder-1")});
    QVERIFY(agent.connectToEngine(m_socket, 1000).ok());
    r = agent.callSync(rpc::method::EnginePing);
    QVERIFY(r.ok());
    const rpc::PingReply ping = rpc::PingReply::fromJson(r->toObject());
    QCOMPARE(ping.caller.kind, QStringLiteral("agent"));
    QCOMPARE(ping.caller.name, QStringLiteral("builder-1"));
    QCOMPARE(ping.pid, QCoreApplication::applicationPid());
}

void TestService::codecsRoundTrip()
{
    SpawnRequest spawn;
    spawn.role = QStringLiteral("builder");
    spawn.task = QStringLiteral("do it");
    spawn.dir = QStringLiteral("/tmp/x");
    spawn.noWorktree = true;
    spawn.inPlace = true;
    spawn.requestId = QStringLiteral("r-1");
    spawn.environment.insert(QStringLiteral("HOME"), QStringLiteral("/home/u"));
    SpawnRequest back;
    QVERIFY(rpc::fromParams(rpc::toParams(spawn), rpc::method::AgentsSpawn, &back).ok());
    QCOMPARE(back.role, spawn.role);
    QCOMPARE(back.task, spawn.task);
    QCOMPARE(back.dir, spawn.dir);
    QCOMPARE(back.noWorktree, true);
    QCOMPARE(back.inPlace, true);
    QCOMPARE(back.requestId, spawn.requestId);
    QCOMPARE(back.environment.value(QStringLiteral("HOME")), QStringLiteral("/home/u"));

    MergeQueueOptions merge;
    merge.agents = {QStringLiteral("a"), QStringLiteral("b")};
    merge.strategy = QStringLiteral("squash");
    merge.check = QStringLiteral("make test");
    merge.dryRun = true;
    merge.resolutions.insert(QStringLiteral("f.txt"), QByteArray("resolved\n"));
    merge.resolutions.insert(QStringLiteral("gone.txt"), std::nullopt);
    MergeQueueOptions mergeBack;
    QVERIFY(rpc::fromParams(rpc::toParams(merge), rpc::method::MergeRun, &mergeBack).ok());
    QCOMPARE(mergeBack.agents, merge.agents);
    QCOMPARE(mergeBack.strategy, merge.strategy);
    QCOMPARE(mergeBack.check, merge.check);
    QCOMPARE(mergeBack.dryRun, true);
    QCOMPARE(mergeBack.resolutions, merge.resolutions);

    rpc::ApproveRequest approve{QStringLiteral("a"), 42, false, true, QStringLiteral("no")};
    rpc::ApproveRequest approveBack;
    QVERIFY(rpc::fromParams(rpc::toParams(approve), rpc::method::AgentsApprove, &approveBack).ok());
    QCOMPARE(approveBack.requestId, 42);
    QCOMPARE(approveBack.allow, false);
    QCOMPARE(approveBack.forSession, true);
    QCOMPARE(approveBack.message, QStringLiteral("no"));

    rpc::SubscribeRequest all{true, std::nullopt, true, {}};
    rpc::SubscribeRequest allBack;
    QVERIFY(rpc::fromParams(rpc::toParams(all), rpc::method::Subscribe, &allBack).ok());
    QCOMPARE(allBack.sessions, std::optional<bool>(true));
    QVERIFY(!allBack.approvals.has_value());
    QVERIFY(allBack.allEvents);

    rpc::SubscribeRequest one{false, std::nullopt, false, {QStringLiteral("id-1")}};
    rpc::SubscribeRequest oneBack;
    QVERIFY(rpc::fromParams(rpc::toParams(one), rpc::method::Subscribe, &oneBack).ok());
    QCOMPARE(oneBack.sessions, std::optional<bool>(false));
    QVERIFY(!oneBack.allEvents);
    QCOMPARE(oneBack.events, one.events);
    // null is absent (it leaves that subscription as it is), as for every other parameter.
    rpc::SubscribeRequest nullBack;
    QVERIFY(rpc::fromParams(QJsonObject{{QStringLiteral("sessions"), QJsonValue::Null}},
                            rpc::method::Subscribe, &nullBack)
                .ok());
    QVERIFY(!nullBack.sessions.has_value());

    rpc::AgentRequest agentBack;
    QVERIFY(rpc::fromParams(rpc::toParams(rpc::AgentRequest{QStringLiteral("a")}),
                            rpc::method::AgentsGet, &agentBack)
                .ok());
    QCOMPARE(agentBack.agent, QStringLiteral("a"));

    rpc::SendRequest sendBack;
    QVERIFY(
        rpc::fromParams(rpc::toParams(rpc::SendRequest{QStringLiteral("a"), QStringLiteral("hi")}),
                        rpc::method::AgentsSend, &sendBack)
            .ok());
    QCOMPARE(sendBack.agent, QStringLiteral("a"));
    QCOMPARE(sendBack.text, QStringLiteral("hi"));

    for (const rpc::StopRequest &stop :
         {rpc::StopRequest{QStringLiteral("a"), false}, rpc::StopRequest{{}, true}}) {
        rpc::StopRequest stopBack;
        QVERIFY(rpc::fromParams(rpc::toParams(stop), rpc::method::AgentsStop, &stopBack).ok());
        QCOMPARE(stopBack.agent, stop.agent);
        QCOMPARE(stopBack.all, stop.all);
    }

    rpc::ResumeRequest resume{QStringLiteral("a"), QStringLiteral("go on"), {}};
    resume.environment.insert(QStringLiteral("LANG"), QStringLiteral("C"));
    rpc::ResumeRequest resumeBack;
    QVERIFY(rpc::fromParams(rpc::toParams(resume), rpc::method::AgentsResume, &resumeBack).ok());
    QCOMPARE(resumeBack.agent, resume.agent);
    QCOMPARE(resumeBack.task, resume.task);
    QCOMPARE(resumeBack.environment, resume.environment);

    rpc::EventsRequest events{QStringLiteral("a"), 0, 17, 0};
    rpc::EventsRequest eventsBack;
    QVERIFY(rpc::fromParams(rpc::toParams(events), rpc::method::EventsList, &eventsBack).ok());
    QCOMPARE(eventsBack.agent, events.agent);
    QCOMPARE(eventsBack.afterSeq, 17);
    QCOMPARE(eventsBack.tail, 0);

    rpc::TargetRequest target{QStringLiteral("a"), QStringLiteral("main")};
    rpc::TargetRequest targetBack;
    QVERIFY(rpc::fromParams(rpc::toParams(target), rpc::method::ReviewTarget, &targetBack).ok());
    QCOMPARE(targetBack.agent, target.agent);
    QCOMPARE(targetBack.into, target.into);

    rpc::MergeApproveRequest revoke{QStringLiteral("a"), false};
    rpc::MergeApproveRequest revokeBack;
    QVERIFY(rpc::fromParams(rpc::toParams(revoke), rpc::method::MergeApprove, &revokeBack).ok());
    QCOMPARE(revokeBack.agent, revoke.agent);
    QCOMPARE(revokeBack.approved, false);

    rpc::SyncRequest sync{
        {QStringLiteral("a")}, QStringLiteral("/r"), QStringLiteral("main"), true};
    rpc::SyncRequest syncBack;
    QVERIFY(rpc::fromParams(rpc::toParams(sync), rpc::method::RepoSync, &syncBack).ok());
    QCOMPARE(syncBack.agents, sync.agents);
    QCOMPARE(syncBack.repo, sync.repo);
    QCOMPARE(syncBack.into, sync.into);
    QCOMPARE(syncBack.rebase, true);

    rpc::CleanRequest clean{{QStringLiteral("a"), QStringLiteral("b")}, true, true};
    rpc::CleanRequest cleanBack;
    QVERIFY(rpc::fromParams(rpc::toParams(clean), rpc::method::AgentsClean, &cleanBack).ok());
    QCOMPARE(cleanBack.agents, clean.agents);
    QCOMPARE(cleanBack.all, true);
    QCOMPARE(cleanBack.force, true);

    // claude.locate: an empty path is one to check (none: look in the usual places); no path
    // at all is the engine's setting.
    for (const std::optional<QString> &path :
         {std::optional<QString>(), std::optional<QString>(QString()),
          std::optional<QString>(QStringLiteral("/opt/claude"))}) {
        rpc::ClaudeLocateRequest locate{path, {}};
        locate.environment.insert(QStringLiteral("PATH"), QStringLiteral("/bin"));
        rpc::ClaudeLocateRequest locateBack;
        QVERIFY(
            rpc::fromParams(rpc::toParams(locate), rpc::method::ClaudeLocate, &locateBack).ok());
        QCOMPARE(locateBack.claudePath, path);
        QCOMPARE(locateBack.environment, locate.environment);
    }

    // The replies the CLI prints again (chorus status --json, chorus daemon status).
    rpc::AgentList list;
    SessionInfo session;
    session.id = QStringLiteral("id-1");
    session.name = QStringLiteral("builder-1");
    list.sessions << session;
    ApprovalInfo approval;
    approval.id = 3;
    approval.sessionId = session.id;
    approval.toolName = QStringLiteral("Bash");
    approval.input = QJsonObject{{QStringLiteral("command"), QStringLiteral("ls")}};
    list.approvals << approval;
    list.costToday = 1.25;
    list.warnings << QStringLiteral("disk nearly full");
    list.maxConcurrent = 4;
    QCOMPARE(rpc::AgentList::fromJson(list.toJson()).toJson(), list.toJson());
    QCOMPARE(rpc::AgentList::fromJson(list.toJson()).approvals.value(0).input, approval.input);

    rpc::PingReply ping{42,
                        QStringLiteral("1.0"),
                        QStringLiteral("/run/s"),
                        {QStringLiteral("removed x")},
                        {QStringLiteral("w")},
                        {}};
    const rpc::PingReply pingBack = rpc::PingReply::fromJson(ping.toJson());
    QCOMPARE(pingBack.pid, 42);
    QCOMPARE(pingBack.version, ping.version);
    QCOMPARE(pingBack.socket, ping.socket);
    QCOMPARE(pingBack.startup, ping.startup);
    QCOMPARE(pingBack.warnings, ping.warnings);
}

// What a request looks like on the wire: the keys the CLI and the GUI send and the engine
// reads, each spelled once in protocol.cpp. A renamed key breaks older clients and engines.
void TestService::paramsOnTheWire_data()
{
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<QByteArray>("expected");
    SpawnRequest spawn;
    spawn.role = QStringLiteral("builder");
    spawn.task = QStringLiteral("t");
    spawn.dir = QStringLiteral("/w");
    spawn.noWorktree = true;
    spawn.requestId = QStringLiteral("r");
    spawn.environment.insert(QStringLiteral("A"), QStringLiteral("1"));
    QTest::newRow("agents.spawn")
        << rpc::toParams(spawn)
        << QByteArray(R"({"dir":"/w","environment":{"A":"1"},"noWorktree":true,"requestId":"r",)"
                      R"("role":"builder","task":"t"})");
    spawn.inPlace = true;
    QTest::newRow("agents.spawn in place")
        << rpc::toParams(spawn)
        << QByteArray(R"({"dir":"/w","environment":{"A":"1"},"inPlace":true,"noWorktree":true,)"
                      R"("requestId":"r","role":"builder","task":"t"})");
    QTest::newRow("agents.get") << rpc::toParams(rpc::AgentRequest{QStringLiteral("a")})
                                << QByteArray(R"({"agent":"a"})");
    QTest::newRow("agents.send") << rpc::toParams(
                                        rpc::SendRequest{QStringLiteral("a"), QStringLiteral("x")})
                                 << QByteArray(R"({"agent":"a","text":"x"})");
    QTest::newRow("agents.stop") << rpc::toParams(rpc::StopRequest{QStringLiteral("a"), false})
                                 << QByteArray(R"({"agent":"a"})");
    QTest::newRow("agents.stop all")
        << rpc::toParams(rpc::StopRequest{{}, true}) << QByteArray(R"({"all":true})");
    QTest::newRow("agents.resume")
        << rpc::toParams(rpc::ResumeRequest{QStringLiteral("a"), QStringLiteral("t"), {}})
        << QByteArray(R"({"agent":"a","task":"t"})");
    QTest::newRow("agents.approve")
        << rpc::toParams(
               rpc::ApproveRequest{QStringLiteral("a"), 2, false, true, QStringLiteral("m")})
        << QByteArray(
               R"({"agent":"a","allow":false,"forSession":true,"message":"m","requestId":2})");
    QTest::newRow("events.list") << rpc::toParams(rpc::EventsRequest{QStringLiteral("a"), 0, 5, 0})
                                 << QByteArray(R"({"afterSeq":5,"agent":"a"})");
    QTest::newRow("subscribe all")
        << rpc::toParams(rpc::SubscribeRequest{true, std::nullopt, true, {}})
        << QByteArray(R"({"events":"*","sessions":true})");
    QTest::newRow("subscribe one")
        << rpc::toParams(rpc::SubscribeRequest{false, std::nullopt, false, {QStringLiteral("i")}})
        << QByteArray(R"({"events":["i"],"sessions":false})");
    MergeQueueOptions merge;
    merge.agents = {QStringLiteral("a")};
    merge.repo = QStringLiteral("/r");
    merge.check = QStringLiteral("make");
    merge.dryRun = true;
    QTest::newRow("merge.run")
        << rpc::toParams(merge)
        << QByteArray(
               R"({"agents":["a"],"check":"make","dryRun":true,"repo":"/r","strategy":"auto"})");
    QTest::newRow("merge.approve")
        << rpc::toParams(rpc::MergeApproveRequest{QStringLiteral("a"), false})
        << QByteArray(R"({"agent":"a","approved":false})");
    QTest::newRow("review.target")
        << rpc::toParams(rpc::TargetRequest{QStringLiteral("a"), QStringLiteral("main")})
        << QByteArray(R"({"agent":"a","into":"main"})");
    QTest::newRow("repo.sync") << rpc::toParams(rpc::SyncRequest{
                                      {QStringLiteral("a")}, QStringLiteral("/r"), {}, true})
                               << QByteArray(R"({"agents":["a"],"rebase":true,"repo":"/r"})");
    QTest::newRow("agents.clean") << rpc::toParams(rpc::CleanRequest{{}, true, false})
                                  << QByteArray(R"({"agents":[],"all":true,"force":false})");
    QTest::newRow("claude.locate") << rpc::toParams(rpc::ClaudeLocateRequest{QString(), {}})
                                   << QByteArray(R"({"claudePath":""})");
}

void TestService::paramsOnTheWire()
{
    QFETCH(QJsonObject, params);
    QFETCH(QByteArray, expected);
    QCOMPARE(QJsonDocument(params).toJson(QJsonDocument::Compact), expected);
}

QTEST_GUILESS_MAIN(TestService)
#include "tst_service.moc"
