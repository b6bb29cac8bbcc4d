// bench_usage: the usage figures of issue 10, Chorus beside the pinned ccusage 20.0.24.
// Prints its figures; it gates nothing (it exits 1 only when it cannot write its corpus).
//   bench_usage [mib=1024] [runs=3]
//
// The corpus is TranscriptCorpus's (`mib` MiB, seed 10) in $CHORUS_BENCH_DIR/usage-corpus
// (default: <build>/bench-data/usage-corpus), kept between runs while its stamp names the same
// seed, size and generator sources; it is read once before the runs so every program finds it
// in the page cache. Both programs run with it as CLAUDE_CONFIG_DIR and a scratch HOME, XDG
// directories and working directory, `runs` times each:
// - `ccusage daily --offline --json` and `ccusage claude daily --offline --json`
//   ($CHORUS_TEST_CCUSAGE, else the copy ./dev.sh installs),
// - `chorus usage daily --json` ($CHORUS_TEST_PROGRAM, else this build's), each run on a fresh
//   scratch directory (cold) and then once more on the same one (a re-run with no new data).
// Figures: the median wall time, the peak RSS (wait4's ru_maxrss of the program's process), the
// ratios the issue aims at, whether the totals agree, and the time of one admission decision
// (LimitTracker::admit and RateLimitPolicy::decide) for a profile with three windows.
#include "engine/limittracker.h"
#include "transcriptcorpus.h"
#include "util/clock.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace chorus;

namespace {

constexpr quint64 kSeed = 10;
constexpr int kDecisions = 100000;

// One run of a program: wall time from spawn to reaping, its peak RSS, what it printed.
struct Measured
{
    double seconds = -1;
    long peakKb = 0;
    QByteArray out;
    QString error; // empty when it ran and exited 0
};

// Spawns `program` with `args` and `env` in `cwd` (stdin /dev/null, stdout and stderr to files
// in `scratch`) and reaps it with wait4, which gives the child's rusage (QProcess reaps its
// children itself and keeps no rusage).
Measured spawnMeasured(const QString &program, const QStringList &args, const QStringList &env,
                       const QString &cwd, const QString &scratch)
{
    Measured m;
    const QByteArray path = QFile::encodeName(program);
    std::vector<QByteArray> store;
    store.push_back(path);
    for (const QString &a : args)
        store.push_back(a.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &a : store)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<QByteArray> envStore;
    for (const QString &e : env)
        envStore.push_back(e.toLocal8Bit());
    std::vector<char *> envp;
    for (QByteArray &e : envStore)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    const QByteArray outFile = QFile::encodeName(scratch + QLatin1String("/stdout"));
    const QByteArray errFile = QFile::encodeName(scratch + QLatin1String("/stderr"));
    const QByteArray dir = QFile::encodeName(cwd);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, outFile.constData(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&actions, 2, errFile.constData(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addchdir_np(&actions, dir.constData());

    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, path.constData(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        m.error = QStringLiteral("cannot start %1: %2")
                      .arg(program, QString::fromLocal8Bit(strerror(rc)));
        return m;
    }
    int status = 0;
    rusage usage{};
    while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
    }
    m.seconds = double(timer.nsecsElapsed()) / 1e9;
    m.peakKb = usage.ru_maxrss; // kB on Linux
    QFile out(QString::fromLocal8Bit(outFile));
    if (out.open(QIODevice::ReadOnly))
        m.out = out.readAll();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        QFile err(QString::fromLocal8Bit(errFile));
        const QByteArray text =
            err.open(QIODevice::ReadOnly) ? err.read(400).trimmed() : QByteArray();
        m.error = QStringLiteral("%1 %2: %3, stderr: %4")
                      .arg(program, args.join(QLatin1Char(' ')),
                           WIFEXITED(status) ? QStringLiteral("exit %1").arg(WEXITSTATUS(status))
                                             : QStringLiteral("signal %1").arg(WTERMSIG(status)),
                           QString::fromLocal8Bit(text));
    }
    return m;
}

// The figures of a program's runs.
struct Figures
{
    QList<double> seconds;
    long peakKb = 0;
    QJsonObject json; // the last run's output
    QString error;

    bool ok() const { return error.isEmpty() && !seconds.isEmpty(); }
    double median() const
    {
        QList<double> s = seconds;
        std::sort(s.begin(), s.end());
        return s.isEmpty()    ? -1
               : s.size() % 2 ? s[s.size() / 2]
                              : (s[s.size() / 2 - 1] + s[s.size() / 2]) / 2;
    }
    double peakMiB() const { return double(peakKb) / 1024; }
    void add(const Measured &m)
    {
        if (!m.error.isEmpty()) {
            error = m.error;
            return;
        }
        seconds.append(m.seconds);
        peakKb = std::max(peakKb, m.peakKb);
        json = QJsonDocument::fromJson(m.out).object();
    }
    QString runs() const
    {
        QStringList s;
        for (double v : seconds)
            s.append(QString::number(v, 'f', 2));
        return s.join(QLatin1Char(' '));
    }
};

// A scratch HOME, XDG directories and working directory, emptied first.
QString freshScratch(const QString &root)
{
    QDir(root).removeRecursively();
    for (const char *sub : {"home", "config", "cache", "data", "state", "cwd"})
        QDir(root).mkpath(QLatin1String(sub));
    return root;
}

QStringList scratchEnv(const QString &scratch, const QString &claudeDir)
{
    return {QLatin1String("PATH=") + qEnvironmentVariable("PATH"),
            QLatin1String("HOME=") + scratch + QLatin1String("/home"),
            QLatin1String("XDG_CONFIG_HOME=") + scratch + QLatin1String("/config"),
            QLatin1String("XDG_CACHE_HOME=") + scratch + QLatin1String("/cache"),
            QLatin1String("XDG_DATA_HOME=") + scratch + QLatin1String("/data"),
            QLatin1String("XDG_STATE_HOME=") + scratch + QLatin1String("/state"),
            QStringLiteral("TZ=UTC"),
            QLatin1String("CLAUDE_CONFIG_DIR=") + claudeDir};
}

// The corpus, kept while its stamp matches; false (and a message printed) when it cannot be
// written.
bool ensureCorpus(const QString &dir, qint64 targetBytes)
{
    const QString stampFile = dir + QLatin1String("/bench-stamp.json");
    const QJsonObject want{{QStringLiteral("seed"), QString::number(kSeed)},
                           {QStringLiteral("targetBytes"), QString::number(targetBytes)},
                           {QStringLiteral("generator"), QStringLiteral(CHORUS_CORPUS_GENERATOR)}};
    QFile stamp(stampFile);
    if (stamp.open(QIODevice::ReadOnly)) {
        const QJsonObject have = QJsonDocument::fromJson(stamp.readAll()).object();
        stamp.close();
        bool same = true;
        for (auto it = want.begin(); it != want.end(); ++it)
            same = same && have.value(it.key()) == it.value();
        if (same) {
            std::printf("corpus: %.2f GiB, %d files, %d sessions, %d API calls in %s (kept from an "
                        "earlier run; generated in %.1f s then)\n",
                        have.value(QLatin1String("bytes")).toDouble() / (1 << 30),
                        have.value(QLatin1String("files")).toInt(),
                        have.value(QLatin1String("sessions")).toInt(),
                        have.value(QLatin1String("apiCalls")).toInt(), qPrintable(dir),
                        have.value(QLatin1String("seconds")).toDouble());
            return true;
        }
    }
    QDir(dir).removeRecursively();
    QElapsedTimer timer;
    timer.start();
    const test::TranscriptCorpus::Summary s =
        test::TranscriptCorpus::write(dir + QLatin1String("/projects"), kSeed, targetBytes);
    const double seconds = double(timer.elapsed()) / 1000;
    if (!s.error.isEmpty()) {
        std::printf("bench_usage: cannot write the corpus: %s\n", qPrintable(s.error));
        return false;
    }
    std::printf("corpus: %.2f GiB, %d files, %d sessions, %d API calls in %s: generated in "
                "%.1f s\n",
                double(s.bytes) / (1 << 30), s.files, s.sessions, s.apiCalls, qPrintable(dir),
                seconds);
    QJsonObject have = want;
    have.insert(QStringLiteral("bytes"), double(s.bytes));
    have.insert(QStringLiteral("files"), s.files);
    have.insert(QStringLiteral("sessions"), s.sessions);
    have.insert(QStringLiteral("apiCalls"), s.apiCalls);
    have.insert(QStringLiteral("seconds"), seconds);
    if (!stamp.open(QIODevice::WriteOnly) || stamp.write(QJsonDocument(have).toJson()) < 0) {
        std::printf("bench_usage: cannot write %s\n", qPrintable(stampFile));
        return false;
    }
    return true;
}

// Reads every file of the corpus once, so no program pays for the disk.
void warmPageCache(const QString &dir)
{
    QElapsedTimer timer;
    timer.start();
    qint64 bytes = 0;
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (!f.open(QIODevice::ReadOnly))
            continue;
        for (qint64 n; (n = f.read(buffer.data(), buffer.size())) > 0;)
            bytes += n;
    }
    std::printf("page cache: read %.2f GiB in %.2f s\n", double(bytes) / (1 << 30),
                double(timer.elapsed()) / 1000);
}

QString ratio(double ours, double theirs)
{
    return theirs > 0 && ours >= 0 ? QString::number(ours / theirs, 'f', 2) : QStringLiteral("?");
}

// Whether chorus's totals are ccusage's: the token counts equal, the cost within a cent.
QString compareTotals(const QJsonObject &ours, const QJsonObject &theirs)
{
    const QJsonObject a = ours.value(QLatin1String("totals")).toObject();
    const QJsonObject b = theirs.value(QLatin1String("totals")).toObject();
    if (a.isEmpty() || b.isEmpty())
        return QStringLiteral("cannot compare: no totals in %1")
            .arg(a.isEmpty() ? QStringLiteral("chorus's output") : QStringLiteral("ccusage's"));
    QStringList differ;
    for (const char *field :
         {"inputTokens", "outputTokens", "cacheCreationTokens", "cacheReadTokens", "totalTokens"}) {
        const qint64 x = a.value(QLatin1String(field)).toInteger(-1);
        const qint64 y = b.value(QLatin1String(field)).toInteger(-1);
        if (x != y || x < 0)
            differ.append(QStringLiteral("%1 %2 vs %3").arg(QLatin1String(field)).arg(x).arg(y));
    }
    const double costA = a.value(QLatin1String("totalCost")).toDouble(-1);
    const double costB = b.value(QLatin1String("totalCost")).toDouble(-1);
    if (std::abs(costA - costB) > 0.01 || costA < 0)
        differ.append(
            QStringLiteral("totalCost %1 vs %2").arg(costA, 0, 'f', 4).arg(costB, 0, 'f', 4));
    if (!differ.isEmpty())
        return QLatin1String("DIFFER: ") + differ.join(QLatin1String("; "));
    return QStringLiteral("agree (%1 tokens each; cost $%2 vs $%3)")
        .arg(a.value(QLatin1String("totalTokens")).toInteger())
        .arg(costA, 0, 'f', 2)
        .arg(costB, 0, 'f', 2);
}

// ns per call of `decide` over kDecisions calls; `admitted` counts the admissions.
template<typename Fn> double nsPerDecision(Fn decide, int *admitted)
{
    *admitted = 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < kDecisions; ++i)
        *admitted += decide(i) ? 1 : 0;
    return double(timer.nsecsElapsed()) / kDecisions;
}

// A profile with three windows whose turn cost is learned from two readings each.
void admissionFigures()
{
    ManualClock clock;
    LimitTracker tracker(&clock);
    const qint64 now = clock.nowMs();
    const QList<std::pair<QString, qint64>> windows = {
        {QStringLiteral("five_hour"), now + 3 * 3600 * 1000LL},
        {QStringLiteral("seven_day"), now + 4 * 24 * 3600 * 1000LL},
        {QStringLiteral("seven_day_opus"), now + 5 * 24 * 3600 * 1000LL}};
    for (const double used : {0.30, 0.32}) {
        RateLimitInfo info;
        info.status = QStringLiteral("allowed");
        info.rateLimitType = QStringLiteral("five_hour");
        for (const auto &[type, resetsAt] : windows)
            info.windows.append({type, used, resetsAt, QStringLiteral("allowed"), 0});
        tracker.rateLimitEvent(QStringLiteral("pro"), info, QStringLiteral("official"));
    }
    const ProfileLimits p = tracker.state(QStringLiteral("pro"));
    double turnCost = -1;
    for (const LimitWindow &w : p.windows)
        turnCost = std::max(turnCost, w.turnCost);

    RateLimitPolicy policy(&tracker);
    const QueueEntry entry{QStringLiteral("session-1"), 0, {}, QStringLiteral("pro"), now};
    SchedulerView view;
    view.now = now;
    view.active = 2;
    view.activeByProfile.insert(QStringLiteral("pro"), 2);
    view.globalCap = 8;
    view.profileCaps.insert(QStringLiteral("pro"), 4);

    int admittedA = 0;
    int admittedD = 0;
    const double admitNs = nsPerDecision(
        [&](int i) { return tracker.admit(QStringLiteral("pro"), i & 3).admit; }, &admittedA);
    const double decideNs =
        nsPerDecision([&](int) { return policy.decide(entry, view).admit; }, &admittedD);
    // The same profile with its five-hour window too full for one more turn: the decision that
    // holds work back (and says why).
    RateLimitInfo full;
    full.status = QStringLiteral("allowed");
    full.windows.append(
        {QStringLiteral("five_hour"), 0.99, windows[0].second, QStringLiteral("allowed"), 0});
    tracker.rateLimitEvent(QStringLiteral("pro"), full, QStringLiteral("official"));
    int admittedF = 0;
    const double heldNs =
        nsPerDecision([&](int) { return policy.decide(entry, view).admit; }, &admittedF);
    const double worst = std::max({admitNs, decideNs, heldNs});
    std::printf(
        "admission decision (3 windows, learned turn cost %.3f), over %d calls: "
        "LimitTracker::admit %.0f ns (%d admitted), RateLimitPolicy::decide %.0f ns "
        "(%d admitted), held back (window too full) %.0f ns (%d admitted): %s (aim < 1 ms)\n",
        turnCost, kDecisions, admitNs, admittedA, decideNs, admittedD, heldNs, admittedF,
        worst < 1e6 ? "yes" : "NO");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qint64 mib = argc > 1 ? QString::fromLocal8Bit(argv[1]).toLongLong() : 1024;
    const int runs = argc > 2 ? std::max(1, QString::fromLocal8Bit(argv[2]).toInt()) : 3;

    const QString benchDir =
        qEnvironmentVariable("CHORUS_BENCH_DIR", QStringLiteral(CHORUS_BENCH_DATA_DEFAULT));
    const QString corpus = benchDir + QLatin1String("/usage-corpus");
    if (!ensureCorpus(corpus, mib * 1024 * 1024))
        return 1;
    warmPageCache(corpus);

    QString ccusage = qEnvironmentVariable("CHORUS_TEST_CCUSAGE");
    if (ccusage.isEmpty())
        ccusage = QDir::homePath() + QLatin1String("/.cache/chorus/ccusage/20.0.24/node_modules/"
                                                   "@ccusage/ccusage-linux-x64/bin/ccusage");
    const QString chorusProgram =
        qEnvironmentVariable("CHORUS_TEST_PROGRAM", QStringLiteral(CHORUS_PROGRAM_DEFAULT));
    const QString scratchRoot = benchDir + QLatin1String("/usage-scratch");

    const auto measure = [&](const QString &program, const QStringList &args, Figures *cold,
                             Figures *rerun) {
        if (!QFileInfo(program).isExecutable()) {
            cold->error = program + QLatin1String(" is not an executable");
            return;
        }
        for (int i = 0; i < runs && cold->error.isEmpty(); ++i) {
            const QString scratch = freshScratch(scratchRoot);
            const QStringList env = scratchEnv(scratch, corpus);
            const QString cwd = scratch + QLatin1String("/cwd");
            cold->add(spawnMeasured(program, args, env, cwd, scratch));
            if (rerun && cold->ok())
                rerun->add(spawnMeasured(program, args, env, cwd, scratch));
        }
    };
    const QStringList ccDaily = {QStringLiteral("daily"), QStringLiteral("--offline"),
                                 QStringLiteral("--json")};
    Figures ccAll;
    Figures ccClaude;
    Figures chorusCold;
    Figures chorusRerun;
    measure(ccusage, ccDaily, &ccAll, nullptr);
    measure(ccusage, QStringList{QStringLiteral("claude")} + ccDaily, &ccClaude, nullptr);
    measure(chorusProgram,
            {QStringLiteral("usage"), QStringLiteral("daily"), QStringLiteral("--json")},
            &chorusCold, &chorusRerun);
    QDir(scratchRoot).removeRecursively();

    for (const auto &[name, f] :
         {std::pair{"ccusage daily", &ccAll}, std::pair{"ccusage claude daily", &ccClaude},
          std::pair{"chorus usage daily (cold)", &chorusCold},
          std::pair{"chorus usage daily (re-run)", &chorusRerun}}) {
        if (f->ok())
            std::printf("runs of %s: %s s; peak %.0f MiB\n", name, qPrintable(f->runs()),
                        f->peakMiB());
        else
            std::printf("runs of %s: none (%s)\n", name,
                        qPrintable(f->error.isEmpty() ? QStringLiteral("not run") : f->error));
    }
    if (!chorusCold.ok() || !ccAll.ok() || !ccClaude.ok()) {
        std::printf("usage figures: not all programs ran (see above)\n");
    } else {
        for (const auto &[name, cc] :
             {std::pair{"ccusage", &ccAll}, std::pair{"`ccusage claude`", &ccClaude}}) {
            std::printf("usage cold scan: chorus %.2f s (peak %.0f MiB), %s %.2f s (peak %.0f "
                        "MiB): ratio %s (aim <= 0.5)\n",
                        chorusCold.median(), chorusCold.peakMiB(), name, cc->median(),
                        cc->peakMiB(), qPrintable(ratio(chorusCold.median(), cc->median())));
        }
        std::printf("usage re-run, no new data (no index yet, same as cold): chorus %.2f s, "
                    "ccusage %.2f s: ratio %s (aim <= 0.05)\n",
                    chorusRerun.median(), ccAll.median(),
                    qPrintable(ratio(chorusRerun.median(), ccAll.median())));
        const long chorusPeak = std::max(chorusCold.peakKb, chorusRerun.peakKb);
        std::printf("usage peak memory: chorus %.0f MiB, ccusage %.0f MiB: ratio %s (aim <= 1)\n",
                    double(chorusPeak) / 1024, ccAll.peakMiB(),
                    qPrintable(ratio(double(chorusPeak), double(ccAll.peakKb))));
        std::printf("usage totals, chorus vs `ccusage claude daily`: %s\n",
                    qPrintable(compareTotals(chorusCold.json, ccClaude.json)));
        std::printf("usage totals, chorus vs `ccusage daily`: %s\n",
                    qPrintable(compareTotals(chorusCold.json, ccAll.json)));
    }
    admissionFigures();
    return 0;
}
