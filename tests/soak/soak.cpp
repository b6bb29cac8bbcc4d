// chorus-soak: the soak run of issue 7 (run it through tests/soak/soak.sh or `./dev.sh soak MIN`).
//
// What it does, in a private Chorus world (EngineFixture: temporary XDG data/config/runtime
// dirs, the fake Messages API in this process, the real pinned Claude Code CLI):
//  - starts the engine and a GUI (chorus-gui, offscreen) attached to it;
//  - spawns N agents (default 16: every 4th an architect, whose writes ask for approval, the
//    rest builders, whose Bash is pre-approved), each in its own directory;
//  - keeps every agent busy with rounds: a follow-up (`chorus send`) carrying an `@@fake`
//    script of two model calls: text + tool call(s) (Bash for builders, Write for architects),
//    then a text streamed in chunks. Every scripted text starts with a marker
//    `SOAK <agent> r<round> s<step>`; the fake gives each response its own message id
//    (msg_fake_<port>_<n>). Approvals are answered with `chorus approve` (one in five denied);
//    agents rest 0–15 s between rounds, so some processes are closed when idle and resumed;
//  - every KILL_MIN–KILL_MAX seconds kills -9 either the engine (one time in three) or one
//    agent's claude process; after an engine kill the engine is started again at once (as the
//    next CLI call would) and the GUI, which does not reconnect by itself, is started again;
//  - samples VmRSS of the engine and of the GUI every 5 s;
//  - after MINUTES, stops the kills and new rounds, waits until every agent has finished its
//    last round (drain, at most 5 min), stops the engine and checks the database.
//
// What must hold (exit 1 otherwise):
//  1. `PRAGMA integrity_check` says ok.
//  2. Sequence numbers: each session's events are numbered 1..N without a gap.
//  3. No CLI line stored twice: within a session, no two non-engine (kind != chorus) events
//     have the same raw line, and no two carry the same CLI `uuid`.
//  4. Every response the fake sent is stored exactly once. The fake logs each main model
//     response with its message id and step; the CLI prints one `assistant` line per content
//     block (text, tool_use), all with that message id. For every response the number of
//     stored assistant events with its message id (in the session whose claude session id
//     the request carried) must equal its number of blocks. Fewer (none, or part of them) is
//     allowed only when the response may not have been printed, or not read, because of a
//     kill: a kill of that agent's process, or of the engine, between 30 s before the request
//     and 20 s after the response's last byte (an engine kill can leave the CLI running for a
//     while without anyone reading it; the CLI may have been mid-response). More is always a
//     failure (a line stored twice). The CLI may legitimately run a step again after a kill
//     (resume + "continue"): that is a new response with a new message id, checked the same way.
//  5. No agent lost its task: at the end every agent is idle with no pending input, and the
//     prompt of every round sent to it (including its spawn task) reached the model: the fake
//     sent the round's first step to that agent's claude session, whatever was killed meanwhile.
//     A round cut by a kill goes on after the engine's "continue" message, but the fake's script
//     position then counts the CLI's own note of the interrupted turn as a model call, so the
//     round's last step may be skipped: rounds are therefore counted as "ran to their last
//     step" or "cut and continued", and only a prompt that never reached the model fails.
//     (Whether a step's lines were stored is check 4: a kill of the engine can leave the CLI
//     running unread for a moment.) An agent left `failed` for 60 s is resumed with
//     `chorus resume` as a user would; such resumes are counted and reported (not failures by
//     themselves, but the prompt must still reach the model).
//  6. The GUI did not crash (every GUI life ended by our SIGTERM).
//  6b. Nothing the agents' tools started runs on once the engine has stopped (processes
//     carrying an agent's CHORUS_AGENT_SESSION mark, see toolprocesses.h).
//  7. Memory is flat: for each engine life and each GUI life of at least 3 minutes, the RSS
//     samples after the first 30 s are fitted with a least-squares line. A life fails when its
//     slope is above 20 MB/h AND the fitted growth over the window is above 10 MB. Why: RSS of a
//     Qt process moves by a few MB with allocator noise, so over a few minutes only a gross leak
//     (hundreds of MB/h) can be told apart from noise, hence the 10 MB floor; over an hour
//     20 MB/h (about half a gigabyte per day of continuous use) is growth a user would notice,
//     while everything the engine and GUI keep for 16 agents is bounded. The slopes of the last
//     engine life and of the longest GUI life are reported either way.
//
// Figures (stdout and OUT/report.txt): duration, rounds, responses sent by the fake and their
// assistant lines stored, excused/lost/duplicated responses, events stored, kills survived,
// memory slopes. OUT also gets the RSS samples (memory.csv), the kills (kills.csv), the fake's
// log (fake-log.json) and, on failure, the database and daemon.log.
#include "agent/toolprocesses.h"
#include "enginefixture.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>

using chorus::test::EngineFixture;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString compact(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
}

qint64 rssKb(qint64 pid)
{
    if (pid <= 0)
        return 0;
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &l : lines)
        if (l.startsWith("VmRSS:"))
            return l.mid(6).trimmed().split(' ').value(0).toLongLong();
    return 0;
}

bool cmdlineContains(qint64 pid, const QString &needle)
{
    if (pid <= 0 || needle.isEmpty())
        return false;
    QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
    return f.open(QIODevice::ReadOnly) && f.readAll().contains(needle.toUtf8());
}

struct Agent
{
    int index = 0;
    QString name;
    QString role;
    QString dir;
    QString id;
    QString claudeSessionId;
    QString state;
    QString stateDetail;
    qint64 pid = 0;
    int turns = 0;
    int round = 0;          // the latest round sent (0 = the spawn task)
    int turnsAtSend = 0;    // turns when that round was sent
    qint64 restAfter = 0;   // ms time before which no new round is sent
    qint64 failedSince = 0; // ms time it was first seen failed (0: not failed)
    int manualResumes = 0;
    QStringList finalMarkers; // the last step's marker of every round sent
};

struct Kill
{
    qint64 t = 0;
    QString what; // engine | agent
    qint64 pid = 0;
    QString claudeSessionId; // agent kills
};

struct Sample
{
    qint64 t = 0;
    QString who; // engine | gui
    int life = 0;
    qint64 pid = 0;
    qint64 kb = 0;
};

struct Slope
{
    int life = 0;
    double minutes = 0;
    double mbPerHour = 0;
    double growthMb = 0;
    double startMb = 0;
    double endMb = 0;
    int samples = 0;
    bool judged = false; // long enough to judge
    bool failed = false;
};

Slope fitSlope(const QList<Sample> &samples, int life, qint64 warmupMs)
{
    Slope s;
    s.life = life;
    QList<QPair<double, double>> pts; // minutes, MB
    qint64 t0 = -1;
    for (const Sample &x : samples) {
        if (x.life != life || x.kb <= 0)
            continue;
        if (t0 < 0)
            t0 = x.t;
        if (x.t - t0 < warmupMs)
            continue;
        pts.append({double(x.t - t0) / 60000.0, double(x.kb) / 1024.0});
    }
    s.samples = int(pts.size());
    if (pts.size() < 3) {
        for (const Sample &x : samples) // too short to fit: show the range it had
            if (x.life == life && x.kb > 0) {
                s.startMb = s.startMb == 0 ? double(x.kb) / 1024.0 : s.startMb;
                s.endMb = double(x.kb) / 1024.0;
            }
        return s;
    }
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const auto &[x, y] : pts) {
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    const double n = double(pts.size());
    const double den = n * sxx - sx * sx;
    const double slopePerMin = den != 0 ? (n * sxy - sx * sy) / den : 0;
    s.minutes = pts.last().first - pts.first().first;
    s.mbPerHour = slopePerMin * 60.0;
    s.growthMb = slopePerMin * s.minutes;
    s.startMb = pts.first().second;
    s.endMb = pts.last().second;
    s.judged = s.minutes >= 3.0;
    s.failed = s.judged && s.mbPerHour > 20.0 && s.growthMb > 10.0;
    return s;
}

class Soak
{
public:
    struct Options
    {
        double minutes = 5;
        int agents = 16;
        int killMin = 30;
        int killMax = 60;
        int maxConcurrent = 8;
        int drainMinutes = 5;
        QString outDir;
        QString guiProgram;
        quint32 seed = 0;
    };

    explicit Soak(const Options &o) : m_opt(o), m_rng(o.seed) {}
    int run();

private:
    bool setUp();
    void startGui();
    void stopGui(bool expected);
    void checkGui();
    void sample();
    bool pollStatus(QJsonArray *approvals);
    void answerApprovals(const QJsonArray &approvals);
    void driveAgents(bool newRounds);
    void killSomething();
    QString roundPrompt(Agent &a, int round);
    bool allDrained() const;
    bool check();
    void failure(const QString &what);
    EngineFixture::Run chorus(const QStringList &args, int timeoutMs = 60000);
    qint64 elapsed() const { return m_clock.elapsed(); }

    Options m_opt;
    QRandomGenerator m_rng;
    EngineFixture m_fx;
    QElapsedTimer m_clock;
    qint64 m_startMs = 0;
    QList<Agent> m_agents;
    QList<Kill> m_kills;
    QList<Sample> m_samples;
    QHash<qint64, int> m_engineLife; // engine pid -> life number
    int m_guiLife = 0;
    QProcess *m_gui = nullptr;
    int m_guiCrashes = 0;
    QStringList m_failures;
    QStringList m_notes;
    int m_roundsSent = 0;
    int m_toolsLeft = 0; // processes of the agents' tools still running after the engine stopped
    int m_approvals = 0;
    int m_denied = 0;
    int m_cliErrors = 0;
    qint64 m_nextKill = 0;
    qint64 m_nextSample = 0;
    qint64 m_nextStatus = 0;
    QDir m_out;
};

EngineFixture::Run Soak::chorus(const QStringList &args, int timeoutMs)
{
    EngineFixture::Run r = m_fx.chorus(args, timeoutMs);
    if (r.exitCode != 0 || r.timedOut || r.crashed) {
        ++m_cliErrors;
        if (m_cliErrors <= 20)
            m_notes << QStringLiteral("[%1 s] chorus %2: %3")
                           .arg(elapsed() / 1000)
                           .arg(args.join(u' ').left(60), r.describe().simplified().left(300));
    }
    return r;
}

void Soak::failure(const QString &what)
{
    m_failures << what;
    out() << "FAIL: " << what << Qt::endl;
}

bool Soak::setUp()
{
    QString error;
    if (!m_fx.setUp(&error)) {
        failure(error);
        return false;
    }
    // Engine settings for the soak: crashed agents are resumed by the engine itself, idle
    // processes are closed soon (so resumes happen), turns run 8 at a time (so some queue).
    const QString confDir = m_fx.root() + QStringLiteral("/config/chorus");
    QDir().mkpath(confDir);
    QFile conf(confDir + QStringLiteral("/chorus.conf"));
    if (!conf.open(QIODevice::WriteOnly)) {
        failure(QStringLiteral("cannot write %1").arg(conf.fileName()));
        return false;
    }
    conf.write(QStringLiteral("[engine]\nmaxConcurrent=%1\nautoRestarts=1000000\nidleSeconds=10\n")
                   .arg(m_opt.maxConcurrent)
                   .toUtf8());
    conf.close();
    const EngineFixture::Run r = chorus({QStringLiteral("daemon"), QStringLiteral("start")});
    if (r.exitCode != 0) {
        failure(QStringLiteral("the engine does not start: ") + r.describe());
        return false;
    }
    return true;
}

void Soak::startGui()
{
    m_gui = new QProcess;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    m_gui->setProcessEnvironment(env);
    m_gui->setProgram(m_opt.guiProgram);
    m_gui->setStandardInputFile(QProcess::nullDevice());
    m_gui->setStandardOutputFile(m_out.filePath(QStringLiteral("gui.log")), QIODevice::Append);
    m_gui->setStandardErrorFile(m_out.filePath(QStringLiteral("gui.log")), QIODevice::Append);
    m_gui->start();
    if (!m_gui->waitForStarted(10000))
        failure(QStringLiteral("the GUI does not start: ") + m_gui->errorString());
    ++m_guiLife;
}

void Soak::checkGui()
{
    if (m_gui && m_gui->state() == QProcess::NotRunning) {
        ++m_guiCrashes;
        failure(QStringLiteral("[%1 s] the GUI ended by itself (exit %2, %3)")
                    .arg(elapsed() / 1000)
                    .arg(m_gui->exitCode())
                    .arg(m_gui->exitStatus() == QProcess::CrashExit
                             ? QStringLiteral("crashed")
                             : QStringLiteral("normal exit")));
        delete m_gui;
        m_gui = nullptr;
        startGui();
    }
}

void Soak::stopGui(bool expected)
{
    if (!m_gui)
        return;
    checkGui();
    m_gui->terminate();
    if (!m_gui->waitForFinished(15000)) {
        if (expected)
            failure(QStringLiteral("the GUI did not exit within 15 s of SIGTERM"));
        m_gui->kill();
        m_gui->waitForFinished(5000);
    }
    delete m_gui;
    m_gui = nullptr;
}

void Soak::sample()
{
    const qint64 t = elapsed();
    const qint64 epid = m_fx.daemonPid();
    if (epid > 0) {
        if (!m_engineLife.contains(epid))
            m_engineLife.insert(epid, int(m_engineLife.size()) + 1);
        m_samples.append(
            {t, QStringLiteral("engine"), m_engineLife.value(epid), epid, rssKb(epid)});
    }
    if (m_gui && m_gui->state() == QProcess::Running)
        m_samples.append(
            {t, QStringLiteral("gui"), m_guiLife, m_gui->processId(), rssKb(m_gui->processId())});
}

bool Soak::pollStatus(QJsonArray *approvals)
{
    const EngineFixture::Run r = chorus({QStringLiteral("status"), QStringLiteral("--json")});
    if (r.exitCode != 0)
        return false;
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonArray list = o.value(QLatin1String("agents")).toArray();
    for (const QJsonValue &v : list) {
        const QJsonObject s = v.toObject();
        for (Agent &a : m_agents) {
            if (a.id != s.value(QLatin1String("id")).toString())
                continue;
            a.state = s.value(QLatin1String("state")).toString();
            a.stateDetail = s.value(QLatin1String("stateDetail")).toString();
            a.pid = s.value(QLatin1String("pid")).toInteger();
            a.turns = s.value(QLatin1String("turns")).toInt();
            a.claudeSessionId = s.value(QLatin1String("claudeSessionId")).toString();
        }
    }
    *approvals = o.value(QLatin1String("approvals")).toArray();
    return true;
}

void Soak::answerApprovals(const QJsonArray &approvals)
{
    for (const QJsonValue &v : approvals) {
        const QJsonObject ap = v.toObject();
        if (ap.value(QLatin1String("state")).toString(QStringLiteral("pending")) !=
            QLatin1String("pending"))
            continue;
        const bool deny = m_rng.bounded(5) == 0;
        QStringList args{
            QStringLiteral("approve"), ap.value(QLatin1String("sessionId")).toString(),
            QStringLiteral("--request=%1").arg(ap.value(QLatin1String("id")).toInteger())};
        if (deny)
            args << QStringLiteral("--deny");
        // An approval can be gone (its process was killed meanwhile): that is not an error here.
        const EngineFixture::Run r = m_fx.chorus(args);
        if (r.exitCode == 0) {
            ++m_approvals;
            if (deny)
                ++m_denied;
        }
    }
}

QString Soak::roundPrompt(Agent &a, int round)
{
    const QString tag = QStringLiteral("SOAK %1 r%2").arg(a.name).arg(round);
    QStringList words;
    const int n = 20 + int(m_rng.bounded(40));
    for (int i = 0; i < n; ++i)
        words << QStringLiteral("w%1").arg(m_rng.bounded(100000));
    QJsonObject first{
        {QStringLiteral("text"), QString(tag + QStringLiteral(" s0: working on it."))},
        {QStringLiteral("delay"), 0.2}};
    if (a.role == QLatin1String("architect")) {
        first.insert(QStringLiteral("tool"), QStringLiteral("Write"));
        first.insert(QStringLiteral("input"),
                     QJsonObject{{QStringLiteral("file_path"),
                                  QString(a.dir + QStringLiteral("/design-r%1.md").arg(round))},
                                 {QStringLiteral("content"), QString(tag + u'\n')}});
    } else {
        QJsonArray tools{QJsonObject{
            {QStringLiteral("tool"), QStringLiteral("Bash")},
            {QStringLiteral("input"),
             QJsonObject{{QStringLiteral("command"),
                          QStringLiteral("echo 'SOAK-%1-r%2'").arg(a.name).arg(round)},
                         {QStringLiteral("description"), QStringLiteral("soak echo")}}}}};
        if (round % 3 == 2) // two tool calls in one message
            tools.append(QJsonObject{
                {QStringLiteral("tool"), QStringLiteral("Bash")},
                {QStringLiteral("input"),
                 QJsonObject{{QStringLiteral("command"), QStringLiteral("sleep 1; pwd")},
                             {QStringLiteral("description"), QStringLiteral("soak pwd")}}}});
        first.insert(QStringLiteral("tools"), tools);
    }
    const QString lastMarker = tag + QStringLiteral(" s1:");
    const QJsonObject second{
        {QStringLiteral("text"), QString(lastMarker + u' ' + words.join(u' '))},
        {QStringLiteral("chunks"), 8},
        {QStringLiteral("delay"), 0.25}};
    a.finalMarkers << lastMarker;
    return QStringLiteral("Soak round %1 of %2. @@fake %3")
        .arg(round)
        .arg(a.name, compact(QJsonArray{first, second}));
}

void Soak::driveAgents(bool newRounds)
{
    const qint64 now = elapsed();
    for (Agent &a : m_agents) {
        if (a.state == QLatin1String("failed")) {
            if (a.failedSince == 0)
                a.failedSince = now;
            // The engine resumes a crashed agent by itself (autoRestarts); one left failed
            // for a minute gets what a user would do.
            if (now - a.failedSince > 60000) {
                m_notes << QStringLiteral("[%1 s] %2 was failed for 60 s (%3): chorus resume")
                               .arg(now / 1000)
                               .arg(a.name, a.stateDetail);
                ++a.manualResumes;
                chorus({QStringLiteral("resume"), a.id});
                a.failedSince = 0;
            }
            continue;
        }
        a.failedSince = 0;
        if (!newRounds || a.state != QLatin1String("idle") || a.turns <= a.turnsAtSend)
            continue;
        if (a.restAfter == 0) {
            a.restAfter = now + qint64(m_rng.bounded(15000));
            continue;
        }
        if (now < a.restAfter)
            continue;
        const int round = a.round + 1;
        const QString prompt = roundPrompt(a, round);
        const EngineFixture::Run r = chorus({QStringLiteral("send"), a.id, prompt});
        if (r.exitCode != 0) {
            a.finalMarkers.removeLast();
            continue;
        }
        a.round = round;
        a.turnsAtSend = a.turns;
        a.restAfter = 0;
        a.state = QStringLiteral("queued"); // until the next status says otherwise
        ++m_roundsSent;
    }
}

void Soak::killSomething()
{
    const qint64 t = nowMs();
    QList<Agent *> alive;
    for (Agent &a : m_agents)
        if (cmdlineContains(a.pid, a.claudeSessionId))
            alive.append(&a);
    if (alive.isEmpty() || m_rng.bounded(3) == 0) {
        const qint64 pid = m_fx.daemonPid();
        if (pid <= 0)
            return;
        ::kill(pid_t(pid), SIGKILL);
        m_kills.append({t, QStringLiteral("engine"), pid, {}});
        out() << QStringLiteral("[%1 s] kill -9 engine %2").arg(elapsed() / 1000).arg(pid)
              << Qt::endl;
        for (int i = 0; i < 50 && m_fx.daemonPid() == pid; ++i)
            QThread::msleep(100);
        stopGui(false); // it shows "connection lost" and waits for a click on Retry
        chorus({QStringLiteral("daemon"), QStringLiteral("start")});
        startGui();
        return;
    }
    Agent *a = alive.at(int(m_rng.bounded(int(alive.size()))));
    ::kill(pid_t(a->pid), SIGKILL);
    m_kills.append({t, QStringLiteral("agent"), a->pid, a->claudeSessionId});
    out() << QStringLiteral("[%1 s] kill -9 %2's claude %3")
                 .arg(elapsed() / 1000)
                 .arg(a->name)
                 .arg(a->pid)
          << Qt::endl;
}

bool Soak::allDrained() const
{
    for (const Agent &a : m_agents)
        if (a.state != QLatin1String("idle") || a.turns <= a.turnsAtSend)
            return false;
    return true;
}

int Soak::run()
{
    m_out = QDir(m_opt.outDir);
    m_out.mkpath(QStringLiteral("."));
    m_clock.start();
    m_startMs = nowMs();
    out() << QStringLiteral(
                 "soak: %1 min, %2 agents, kills every %3-%4 s, %5 turns at once, output in %6")
                 .arg(m_opt.minutes)
                 .arg(m_opt.agents)
                 .arg(m_opt.killMin)
                 .arg(m_opt.killMax)
                 .arg(m_opt.maxConcurrent)
                 .arg(m_out.absolutePath())
          << Qt::endl;
    if (!setUp())
        return 1;
    startGui();

    for (int i = 0; i < m_opt.agents; ++i) {
        Agent a;
        a.index = i;
        a.name = QStringLiteral("soak-%1").arg(i + 1, 2, 10, QLatin1Char('0'));
        a.role = i % 4 == 0 ? QStringLiteral("architect") : QStringLiteral("builder");
        a.dir = m_fx.workDir() + u'/' + a.name;
        QDir().mkpath(a.dir);
        const QString task = roundPrompt(a, 0);
        const EngineFixture::Run r =
            chorus({QStringLiteral("spawn"), a.role, QStringLiteral("--task=") + task,
                    QStringLiteral("--name=") + a.name, QStringLiteral("--dir=") + a.dir,
                    QStringLiteral("--json")});
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        a.id = o.value(QLatin1String("id")).toString();
        if (r.exitCode != 0 || a.id.isEmpty()) {
            failure(QStringLiteral("cannot spawn %1: %2").arg(a.name, r.describe()));
            return 1;
        }
        m_agents.append(a);
        ++m_roundsSent;
    }

    const qint64 soakEnd = qint64(m_opt.minutes * 60000.0);
    auto nextKillDelay = [this] {
        return qint64(m_opt.killMin * 1000 +
                      m_rng.bounded(qMax(1, (m_opt.killMax - m_opt.killMin) * 1000)));
    };
    m_nextKill = nextKillDelay();
    QJsonArray approvals;
    // The soak proper.
    while (elapsed() < soakEnd) {
        const qint64 now = elapsed();
        if (now >= m_nextSample) {
            sample();
            m_nextSample = now + 5000;
        }
        checkGui();
        if (now >= m_nextStatus) {
            if (pollStatus(&approvals)) {
                answerApprovals(approvals);
                driveAgents(true);
            }
            m_nextStatus = elapsed() + 1500;
        }
        if (m_opt.killMin > 0 && now >= m_nextKill) {
            killSomething();
            m_nextKill = elapsed() + nextKillDelay();
        }
        QThread::msleep(200);
    }
    // Drain: no kills, no new rounds; every agent finishes what it was given.
    out() << QStringLiteral("[%1 s] draining").arg(elapsed() / 1000) << Qt::endl;
    const qint64 drainEnd = elapsed() + qint64(m_opt.drainMinutes) * 60000;
    bool drained = false;
    while (elapsed() < drainEnd) {
        if (elapsed() >= m_nextSample) {
            sample();
            m_nextSample = elapsed() + 5000;
        }
        checkGui();
        if (pollStatus(&approvals)) {
            answerApprovals(approvals);
            driveAgents(false);
            if (allDrained()) {
                drained = true;
                break;
            }
        }
        QThread::msleep(1500);
    }
    if (!drained) {
        QStringList busy;
        for (const Agent &a : m_agents)
            if (a.state != QLatin1String("idle") || a.turns <= a.turnsAtSend)
                busy << QStringLiteral("%1 (%2 %3, turns %4, round %5 sent at turn %6)")
                            .arg(a.name, a.state, a.stateDetail)
                            .arg(a.turns)
                            .arg(a.round)
                            .arg(a.turnsAtSend);
        failure(
            QStringLiteral("agents did not finish their last round within %1 min of the end: %2")
                .arg(m_opt.drainMinutes)
                .arg(busy.join(QStringLiteral(", "))));
    }
    // A few more samples of the quiet engine and GUI.
    for (int i = 0; i < 3; ++i) {
        QThread::msleep(5000);
        sample();
    }
    checkGui();
    stopGui(true);
    if (chorus({QStringLiteral("daemon"), QStringLiteral("stop")}).exitCode != 0)
        failure(QStringLiteral("chorus daemon stop failed"));
    {
        QSet<QString> ids;
        for (const Agent &a : std::as_const(m_agents))
            ids.insert(a.id);
        const QHash<pid_t, QString> left = chorus::markedProcesses(ids);
        m_toolsLeft = int(left.size());
        for (auto it = left.constBegin(); it != left.constEnd(); ++it) {
            failure(
                QStringLiteral(
                    "process %1 of an agent's tool (session %2) runs on after the engine stopped")
                    .arg(it.key())
                    .arg(it.value()));
            ::kill(it.key(), SIGKILL);
        }
    }
    const bool ok = check();
    if (!ok) {
        for (const QString &f : {QStringLiteral("chorus.db"), QStringLiteral("chorus.db-wal"),
                                 QStringLiteral("daemon.log")})
            QFile::copy(m_fx.dataDir() + u'/' + f, m_out.filePath(f));
        out() << "the database and daemon.log are kept in " << m_out.absolutePath() << Qt::endl;
    }
    m_fx.tearDown();
    return ok ? 0 : 1;
}

bool Soak::check()
{
    QStringList report;
    auto say = [&report](const QString &line) {
        report << line;
        out() << line << Qt::endl;
    };
    const double minutes = double(elapsed()) / 60000.0;

    // The fake's log: every main response with its message id.
    const QJsonArray log = m_fx.fake().requestLog();
    {
        QFile f(m_out.filePath(QStringLiteral("fake-log.json")));
        if (f.open(QIODevice::WriteOnly))
            f.write(QJsonDocument(log).toJson(QJsonDocument::Indented));
    }
    {
        QFile f(m_out.filePath(QStringLiteral("kills.csv")));
        if (f.open(QIODevice::WriteOnly)) {
            f.write("t_s,what,pid,claude_session\n");
            for (const Kill &k : std::as_const(m_kills))
                f.write(QStringLiteral("%1,%2,%3,%4\n")
                            .arg(double(k.t - m_startMs) / 1000.0, 0, 'f', 1)
                            .arg(k.what)
                            .arg(k.pid)
                            .arg(k.claudeSessionId)
                            .toUtf8());
        }
    }
    {
        QFile f(m_out.filePath(QStringLiteral("memory.csv")));
        if (f.open(QIODevice::WriteOnly)) {
            f.write("t_s,process,life,pid,rss_kb\n");
            for (const Sample &s : std::as_const(m_samples))
                f.write(QStringLiteral("%1,%2,%3,%4,%5\n")
                            .arg(double(s.t) / 1000.0, 0, 'f', 1)
                            .arg(s.who)
                            .arg(s.life)
                            .arg(s.pid)
                            .arg(s.kb)
                            .toUtf8());
        }
    }

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("soak"));
    db.setDatabaseName(m_fx.databasePath());
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    if (!db.open()) {
        failure(QStringLiteral("cannot open the database: ") + db.lastError().text());
        return false;
    }
    QSqlQuery q(db);

    // 1. integrity
    QStringList integrity;
    if (q.exec(QStringLiteral("PRAGMA integrity_check")))
        while (q.next())
            integrity << q.value(0).toString();
    if (integrity != QStringList{QStringLiteral("ok")})
        failure(QStringLiteral("integrity_check: ") +
                integrity.join(QStringLiteral("; ")).left(2000));

    // Sessions: chorus id <-> claude session id.
    QHash<QString, QString> byClaudeSession; // claude session id -> chorus id
    QHash<QString, QString> nameOf;
    q.exec(QStringLiteral("SELECT id, name, claude_session_id FROM sessions"));
    while (q.next()) {
        byClaudeSession.insert(q.value(2).toString(), q.value(0).toString());
        nameOf.insert(q.value(0).toString(), q.value(1).toString());
    }

    // 2. no gap in seq
    qint64 totalEvents = 0;
    q.exec(QStringLiteral(
        "SELECT session_id, COUNT(*), MIN(seq), MAX(seq) FROM events GROUP BY session_id"));
    while (q.next()) {
        totalEvents += q.value(1).toLongLong();
        if (q.value(2).toLongLong() != 1 || q.value(3).toLongLong() != q.value(1).toLongLong())
            failure(QStringLiteral("%1: %2 events numbered %3..%4 (a gap)")
                        .arg(nameOf.value(q.value(0).toString()))
                        .arg(q.value(1).toLongLong())
                        .arg(q.value(2).toLongLong())
                        .arg(q.value(3).toLongLong()));
    }

    // 3. no CLI line twice; 4. assistant lines per message id.
    QHash<QString, int> linesOfMessage;  // session|message id -> stored assistant lines
    QHash<QString, QStringList> textsOf; // chorus id -> assistant texts
    QHash<QString, int> kindCount;
    int duplicateLines = 0;
    {
        QSet<QString> seenRaw, seenUuid;
        q.setForwardOnly(true);
        q.exec(QStringLiteral(
            "SELECT session_id, seq, kind, raw FROM events ORDER BY session_id, seq"));
        while (q.next()) {
            const QString sid = q.value(0).toString();
            const QString kind = q.value(2).toString();
            ++kindCount[kind];
            if (kind == QLatin1String("chorus"))
                continue;
            const QByteArray raw = q.value(3).toByteArray();
            const QString rawKey = sid + u'|' + QString::fromLatin1(raw.toBase64());
            const QJsonObject o = QJsonDocument::fromJson(raw).object();
            const QString uuid = o.value(QLatin1String("uuid")).toString();
            if (seenRaw.contains(rawKey) ||
                (!uuid.isEmpty() && seenUuid.contains(sid + u'|' + uuid))) {
                ++duplicateLines;
                if (duplicateLines <= 10)
                    failure(QStringLiteral("%1 seq %2: a CLI line stored twice: %3")
                                .arg(nameOf.value(sid))
                                .arg(q.value(1).toLongLong())
                                .arg(QString::fromUtf8(raw.left(300))));
            }
            seenRaw.insert(rawKey);
            if (!uuid.isEmpty())
                seenUuid.insert(sid + u'|' + uuid);
            if (kind == QLatin1String("assistant")) {
                const QJsonObject msg = o.value(QLatin1String("message")).toObject();
                ++linesOfMessage[sid + u'|' + msg.value(QLatin1String("id")).toString()];
                const QJsonArray content = msg.value(QLatin1String("content")).toArray();
                for (const QJsonValue &c : content)
                    textsOf[sid] << c.toObject().value(QLatin1String("text")).toString();
            }
        }
    }

    QHash<QString, QStringList> servedTexts; // claude session id -> texts the fake sent it
    int responses = 0, exact = 0, excused = 0, lost = 0, duplicated = 0, partialExcused = 0;
    qint64 expectedLines = 0, storedLines = 0;
    for (const QJsonValue &v : log) {
        const QJsonObject e = v.toObject();
        if (e.value(QLatin1String("kind")).toString() != QLatin1String("main") ||
            e.value(QLatin1String("status")).toInt() != 200)
            continue;
        const QJsonObject step = e.value(QLatin1String("step")).toObject();
        const QJsonObject body = e.value(QLatin1String("body")).toObject();
        servedTexts[body.value(QLatin1String("session_id")).toString()]
            << step.value(QLatin1String("text")).toString();
        const QString msgId = e.value(QLatin1String("message_id")).toString();
        const QString sid =
            byClaudeSession.value(body.value(QLatin1String("session_id")).toString());
        int blocks = step.value(QLatin1String("text")).toString().isEmpty() ? 0 : 1;
        blocks += step.value(QLatin1String("thinking")).toString().isEmpty() ? 0 : 1;
        blocks += int(step.value(QLatin1String("tools")).toArray().size());
        blocks += step.contains(QLatin1String("tool")) ? 1 : 0;
        if (blocks == 0)
            continue;
        ++responses;
        expectedLines += blocks;
        const int stored = linesOfMessage.value(sid + u'|' + msgId);
        storedLines += qMin(stored, blocks);
        if (stored == blocks) {
            ++exact;
            continue;
        }
        if (stored > blocks) {
            ++duplicated;
            failure(QStringLiteral("%1: response %2 has %3 blocks but %4 stored assistant lines")
                        .arg(nameOf.value(sid), msgId)
                        .arg(blocks)
                        .arg(stored));
            continue;
        }
        // Fewer: only a kill near it explains that.
        const qint64 t0 =
            QDateTime::fromString(e.value(QLatin1String("time")).toString(), Qt::ISODateWithMs)
                .toMSecsSinceEpoch();
        const double delay = step.value(QLatin1String("delay")).toDouble();
        const qint64 duration = qint64(
            1000.0 * delay * (qMax(1, step.value(QLatin1String("chunks")).toInt(1)) + blocks));
        const QString claudeSid = body.value(QLatin1String("session_id")).toString();
        bool explained = false;
        for (const Kill &k : std::as_const(m_kills)) {
            if ((k.what == QLatin1String("engine") || k.claudeSessionId == claudeSid) &&
                k.t >= t0 - 30000 && k.t <= t0 + duration + 20000)
                explained = true;
        }
        if (explained) {
            stored == 0 ? ++excused : ++partialExcused;
        } else {
            ++lost;
            failure(QStringLiteral("%1: response %2 (%3) sent at %4 has %5 of %6 lines stored and "
                                   "no kill explains it")
                        .arg(nameOf.value(sid, claudeSid), msgId,
                             step.value(QLatin1String("text")).toString().left(30),
                             e.value(QLatin1String("time")).toString())
                        .arg(stored)
                        .arg(blocks));
        }
    }

    // 5. no agent lost its task
    int pendingInputs = 0;
    q.exec(QStringLiteral(
        "SELECT session_id, COUNT(*) FROM inputs WHERE state = 'pending' GROUP BY session_id"));
    while (q.next()) {
        pendingInputs += q.value(1).toInt();
        failure(QStringLiteral("%1 has %2 pending inputs at the end")
                    .arg(nameOf.value(q.value(0).toString()))
                    .arg(q.value(1).toInt()));
    }
    QHash<QString, QString> finalState;
    q.exec(QStringLiteral("SELECT id, state, state_detail, error FROM sessions"));
    while (q.next())
        finalState.insert(q.value(0).toString(),
                          q.value(1).toString() + (q.value(2).toString().isEmpty()
                                                       ? QString()
                                                       : u' ' + q.value(2).toString()));
    int roundsDone = 0, roundsDoneUnstored = 0, roundsResumed = 0, roundsMissing = 0,
        manualResumes = 0;
    for (const Agent &a : std::as_const(m_agents)) {
        manualResumes += a.manualResumes;
        if (finalState.value(a.id) != QLatin1String("idle"))
            failure(QStringLiteral("%1 ends %2, not idle").arg(a.name, finalState.value(a.id)));
        const QStringList texts = textsOf.value(a.id);
        const QStringList served = servedTexts.value(a.claudeSessionId);
        auto has = [](const QStringList &list, const QString &marker) {
            return std::any_of(list.begin(), list.end(),
                               [&](const QString &t) { return t.startsWith(marker); });
        };
        for (const QString &marker : a.finalMarkers) {
            // The round's prompt reached the model when the fake sent its first step.
            const QString first =
                QString(marker).replace(QStringLiteral(" s1:"), QStringLiteral(" s0:"));
            if (has(texts, marker) || has(served, marker)) {
                ++roundsDone;
                if (!has(texts, marker))
                    ++roundsDoneUnstored; // its response is among those excused above
            } else if (has(served, first)) {
                ++roundsResumed; // the CLI's resume shifted the script: see check 5
            } else {
                ++roundsMissing;
                failure(
                    QStringLiteral("%1: the prompt of the round ending with \"%2\" never reached "
                                   "the model")
                        .arg(a.name, marker));
            }
        }
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("soak"));

    // 7. memory
    QList<Slope> engineSlopes, guiSlopes;
    for (int life = 1; life <= m_engineLife.size(); ++life)
        engineSlopes << fitSlope(
            [&] {
                QList<Sample> s;
                for (const Sample &x : std::as_const(m_samples))
                    if (x.who == QLatin1String("engine"))
                        s << x;
                return s;
            }(),
            life, 30000);
    for (int life = 1; life <= m_guiLife; ++life)
        guiSlopes << fitSlope(
            [&] {
                QList<Sample> s;
                for (const Sample &x : std::as_const(m_samples))
                    if (x.who == QLatin1String("gui"))
                        s << x;
                return s;
            }(),
            life, 30000);
    auto describe = [](const Slope &s) {
        return QStringLiteral("life %1: %2 min, %3 -> %4 MB, slope %5 MB/h (fitted growth %6 MB)%7")
            .arg(s.life)
            .arg(s.minutes, 0, 'f', 1)
            .arg(s.startMb, 0, 'f', 1)
            .arg(s.endMb, 0, 'f', 1)
            .arg(s.mbPerHour, 0, 'f', 1)
            .arg(s.growthMb, 0, 'f', 1)
            .arg(s.failed   ? QStringLiteral(" GROWING")
                 : s.judged ? QString()
                            : QStringLiteral(" (too short to judge)"));
    };
    for (const Slope &s : std::as_const(engineSlopes))
        if (s.failed)
            failure(QStringLiteral("engine memory grows: ") + describe(s));
    for (const Slope &s : std::as_const(guiSlopes))
        if (s.failed)
            failure(QStringLiteral("GUI memory grows: ") + describe(s));
    const Slope *longestGui = nullptr;
    for (const Slope &s : std::as_const(guiSlopes))
        if (!longestGui || s.minutes > longestGui->minutes)
            longestGui = &s;

    int engineKills = 0, agentKills = 0;
    for (const Kill &k : std::as_const(m_kills))
        (k.what == QLatin1String("engine") ? engineKills : agentKills)++;

    say(QString());
    say(QStringLiteral("== soak figures"));
    say(QStringLiteral(
            "duration: %1 min (soak %2 min + drain and checks), %3 agents, %4 rounds sent, "
            "%5 approvals answered (%6 denied)")
            .arg(minutes, 0, 'f', 1)
            .arg(m_opt.minutes)
            .arg(m_agents.size())
            .arg(m_roundsSent)
            .arg(m_approvals)
            .arg(m_denied));
    say(QStringLiteral("kills survived: %1 of the engine, %2 of agents' claude processes")
            .arg(engineKills)
            .arg(agentKills));
    say(QStringLiteral(
            "fake responses: %1 sent (%2 assistant lines); %3 stored exactly once "
            "(%4 lines); %5 not stored and %6 partly stored, each next to a kill; %7 lost; "
            "%8 stored twice")
            .arg(responses)
            .arg(expectedLines)
            .arg(exact)
            .arg(storedLines)
            .arg(excused)
            .arg(partialExcused)
            .arg(lost)
            .arg(duplicated));
    QStringList kinds;
    for (auto it = kindCount.constBegin(); it != kindCount.constEnd(); ++it)
        kinds << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    kinds.sort();
    say(QStringLiteral("events stored: %1 (%2); CLI lines stored twice: %3")
            .arg(totalEvents)
            .arg(kinds.join(QStringLiteral(", ")))
            .arg(duplicateLines));
    say(QStringLiteral("integrity_check: %1").arg(integrity.join(QStringLiteral("; ")).left(200)));
    say(QStringLiteral(
            "tasks: %1 rounds ran to their last step (%2 of them with that step's lines "
            "lost with a killed process), %3 cut by a kill and continued after a resume, "
            "%4 whose prompt never reached the model, %5 pending inputs left, %6 manual "
            "resumes")
            .arg(roundsDone)
            .arg(roundsDoneUnstored)
            .arg(roundsResumed)
            .arg(roundsMissing)
            .arg(pendingInputs)
            .arg(manualResumes));
    say(QStringLiteral("GUI: %1 lives (restarted after each engine kill), %2 ended by themselves")
            .arg(m_guiLife)
            .arg(m_guiCrashes));
    say(QStringLiteral("processes of agents' tools left running after the engine stopped: %1")
            .arg(m_toolsLeft));
    for (const Slope &s : std::as_const(engineSlopes))
        say(QStringLiteral("engine memory, ") + describe(s));
    for (const Slope &s : std::as_const(guiSlopes))
        say(QStringLiteral("GUI memory, ") + describe(s));
    if (!engineSlopes.isEmpty())
        say(QStringLiteral("memory slope: engine (last life) %1 MB/h; GUI (longest life) %2 MB/h")
                .arg(engineSlopes.last().mbPerHour, 0, 'f', 1)
                .arg(longestGui ? longestGui->mbPerHour : 0.0, 0, 'f', 1));
    if (!m_notes.isEmpty()) {
        say(QStringLiteral("notes:"));
        for (const QString &n : std::as_const(m_notes))
            say(QStringLiteral("  ") + n);
    }
    say(m_failures.isEmpty() ? QStringLiteral("soak: PASS")
                             : QStringLiteral("soak: FAIL (%1 failures)").arg(m_failures.size()));
    if (!m_failures.isEmpty())
        for (const QString &f : std::as_const(m_failures))
            report << QStringLiteral("FAIL: ") + f;
    QFile f(m_out.filePath(QStringLiteral("report.txt")));
    if (f.open(QIODevice::WriteOnly))
        f.write(report.join(u'\n').toUtf8() + '\n');
    return m_failures.isEmpty();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chorus-soak"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Soak run: agents doing continuous turns against the fake API with a GUI attached, random "
        "kill -9 of the engine and of agents, then checks that nothing was lost or stored twice. "
        "Needs CHORUS_TEST_PROGRAM (the chorus CLI) and CHORUS_TEST_CLAUDE (the Claude Code "
        "CLI)."));
    parser.addHelpOption();
    const QCommandLineOption minutes(QStringLiteral("minutes"),
                                     QStringLiteral("Soak time (default 5)."),
                                     QStringLiteral("min"), QStringLiteral("5"));
    const QCommandLineOption agents(QStringLiteral("agents"),
                                    QStringLiteral("Agents (default 16)."), QStringLiteral("n"),
                                    QStringLiteral("16"));
    const QCommandLineOption kills(
        QStringLiteral("kill-every"),
        QStringLiteral("Seconds between kills, MIN-MAX (default 30-60 for "
                       "runs up to 10 min, 60-180 beyond; 0 = no kills)."),
        QStringLiteral("min-max"));
    const QCommandLineOption concurrent(QStringLiteral("max-concurrent"),
                                        QStringLiteral("Engine's turns at once (default 8)."),
                                        QStringLiteral("n"), QStringLiteral("8"));
    const QCommandLineOption outDir(QStringLiteral("out"),
                                    QStringLiteral("Output folder (default soak-out)."),
                                    QStringLiteral("dir"), QStringLiteral("soak-out"));
    const QCommandLineOption gui(
        QStringLiteral("gui"),
        QStringLiteral("chorus-gui (default: ../gui/chorus-gui next to the CLI)."),
        QStringLiteral("path"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Random seed (default: the time)."),
                                  QStringLiteral("n"));
    parser.addOptions({minutes, agents, kills, concurrent, outDir, gui, seed});
    parser.process(app);

    Soak::Options o;
    o.minutes = parser.value(minutes).toDouble();
    o.agents = qMax(1, parser.value(agents).toInt());
    o.maxConcurrent = qMax(1, parser.value(concurrent).toInt());
    o.outDir = parser.value(outDir);
    if (o.minutes > 10) {
        o.killMin = 60;
        o.killMax = 180;
    }
    if (parser.isSet(kills)) {
        const QStringList mm = parser.value(kills).split(u'-');
        o.killMin = mm.value(0).toInt();
        o.killMax = qMax(o.killMin, mm.value(1, mm.value(0)).toInt());
    }
    o.guiProgram = parser.value(gui);
    if (o.guiProgram.isEmpty())
        o.guiProgram = QFileInfo(qEnvironmentVariable("CHORUS_TEST_PROGRAM")).absolutePath() +
                       QStringLiteral("/../gui/chorus-gui");
    o.seed = parser.isSet(seed) ? parser.value(seed).toUInt()
                                : quint32(QDateTime::currentMSecsSinceEpoch());
    std::printf("seed %u\n", o.seed);
    Soak soak(o);
    return soak.run();
}
