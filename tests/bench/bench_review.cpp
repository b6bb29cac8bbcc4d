// bench_review: the review window on a large agent branch (2,000 changed files / 100,000 changed
// lines, the fixture of bench_diff.cpp), offscreen, against the real engine and an agent whose
// turn (fake API) fast-forwards its branch to the big change. Prints:
//   1. opening the ReviewWindow -> the file tree filled (target < 1 s);
//   2. selecting a file -> the DiffView's first painted frame, for the largest file (5,000
//      changed lines) and the median of 20 random files, unified and side by side (target
//      < 200 ms);
//   3. scrolling the largest file page by page: paint time per frame.
// It gates nothing. Needs CHORUS_TEST_PROGRAM and CHORUS_TEST_CLAUDE like the GUI tests:
//   QT_QPA_PLATFORM=offscreen bench_review
#include "agents/knownroles.h"
#include "client/engineclient.h"
#include "enginefixture.h"
#include "largediff.h"
#include "review/diffview.h"
#include "review/filetreemodel.h"
#include "review/reviewwindow.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <numeric>

using namespace chorus;
using namespace chorus::bench;

namespace {


// Runs the event loop until `done` says so (checked whenever `signal` fires) or 30 s pass.
template<typename Object, typename Signal, typename Done>
bool waitFor(Object *sender, Signal signal, Done done)
{
    if (done())
        return true;
    QEventLoop loop;
    QObject::connect(sender, signal, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    return done();
}

// Selects `path` and waits for the diff view's first frame showing it; -1 on a timeout.
double timeToFirstFrame(ReviewWindow *w, const QString &path)
{
    DiffView *view = w->diffView();
    QElapsedTimer t;
    t.start();
    w->selectFile(path);
    double ms = -1;
    if (waitFor(view, &DiffView::painted, [&] {
            if (ms < 0 && view->hasDocument() && view->document().file().path() == path &&
                w->currentFile() == path)
                ms = msSince(t);
            return ms >= 0;
        }))
        return ms;
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTextStream out(stdout);
    test::EngineFixture fx;
    QString error;
    if (!fx.setUp(&error)) {
        out << "bench_review: " << error << '\n';
        return 1;
    }
    const QString repo = fx.workDir() + QStringLiteral("/repo");
    QDir().mkpath(repo);
    QString largest;
    QElapsedTimer build;
    build.start();
    if (!buildLargeDiffRepo(repo, &largest) ||
        !runGit(repo, {QStringLiteral("reset"), QStringLiteral("-q"), QStringLiteral("--hard"),
                       QStringLiteral("main")})) {
        out << "bench_review: cannot build the repository\n";
        return 1;
    }
    out << "fixture built in " << build.elapsed() << " ms\n";
    out.flush();

    // An agent whose one turn fast-forwards its branch to the big change.
    qputenv("CHORUS_PROGRAM", fx.chorusProgram().toUtf8());
    EngineClient client;
    if (Status s = client.connectToEngine(); !s) {
        out << s.error().toString() << '\n';
        return 1;
    }
    const QJsonArray steps{
        QJsonObject{{QStringLiteral("tool"), QStringLiteral("Bash")},
                    {QStringLiteral("input"),
                     QJsonObject{{QStringLiteral("command"),
                                  QStringLiteral("git merge -q --ff-only branch")}}}},
        QJsonObject{{QStringLiteral("text"), QStringLiteral("Done.")}}};
    const QString task = QStringLiteral("Take the branch. @@fake ") +
                         QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact));
    std::optional<Result<SessionInfo>> spawned;
    SpawnRequest request;
    request.role = QStringLiteral("builder");
    request.task = task;
    request.dir = repo;
    request.name = QStringLiteral("big");
    client.spawn(request, [&](const Result<SessionInfo> &r) { spawned = r; });
    if (!QTest::qWaitFor([&] { return spawned.has_value(); }, 60000) || !*spawned) {
        out << "bench_review: spawn failed: "
            << (spawned ? spawned->error().toString() : QStringLiteral("no answer")) << '\n';
        return 1;
    }
    const QString id = (*spawned)->id;
    if (!QTest::qWaitFor(
            [&] {
                return client.session(id).turns >= 1 &&
                       client.session(id).state == SessionState::Idle;
            },
            300000)) {
        out << "bench_review: the agent did not finish its turn\n";
        return 1;
    }
    KnownRoles roles(&client);

    // 1. Opening -> the file tree filled (the first file is then shown too).
    QList<double> openTimes;
    int fileCount = 0;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer t;
        t.start();
        auto *w = new ReviewWindow(&client, &roles);
        w->resize(1600, 1000);
        double filled = -1;
        QObject::connect(w, &ReviewWindow::filesShown, w, [&](const QString &sid) {
            if (sid == id && filled < 0)
                filled = msSince(t);
        });
        w->show();
        if (!waitFor(w, &ReviewWindow::filesShown, [&] { return filled >= 0; })) {
            out << "bench_review: the file tree was not filled\n";
            return 1;
        }
        openTimes << filled;
        fileCount = int(w->fileModel()->files().size());
        if (!QTest::qWaitFor([&] { return w->diffView()->hasDocument(); }, 30000))
            out << "bench_review: the first file was not shown\n";
        delete w;
    }
    out << QStringLiteral(
               "open -> file tree filled (%1 files): median %2 ms of %3 (target < 1000 ms)\n")
               .arg(fileCount)
               .arg(median(openTimes), 0, 'f', 0)
               .arg(openTimes.size());
    out.flush();

    // 2. Selecting a file -> first frame.
    ReviewWindow w(&client, &roles);
    w.resize(1600, 1000);
    w.show();
    if (!QTest::qWaitFor(
            [&] {
                return w.fileModel()->files().size() == fileCount && w.diffView()->hasDocument();
            },
            60000)) {
        out << "bench_review: the review window did not fill\n";
        return 1;
    }
    const QStringList paths = w.fileModel()->orderedPaths();
    QRandomGenerator rng(5);
    QStringList sample;
    while (sample.size() < 20) {
        const QString p = paths[qsizetype(rng.bounded(quint32(paths.size())))];
        if (p != largest && !sample.contains(p))
            sample << p;
    }
    const QString other = sample.constFirst();
    int largestLines = 0;
    for (bool sideBySide : {false, true}) {
        (sideBySide ? w.sideBySideAction() : w.unifiedAction())->trigger();
        QList<double> big, random;
        for (int i = 0; i < 3; ++i) {
            timeToFirstFrame(&w, other);
            big << timeToFirstFrame(&w, largest);
            largestLines = w.diffView()->document().lines().size();
        }
        for (const QString &p : std::as_const(sample))
            random << timeToFirstFrame(&w, p);
        out << QStringLiteral(
                   "%1: select -> first frame: largest file (%2, %3 lines shown) median %4 ms; "
                   "20 random files median %5 ms, max %6 ms (target < 200 ms)\n")
                   .arg(sideBySide ? QStringLiteral("side by side") : QStringLiteral("unified"),
                        largest)
                   .arg(largestLines)
                   .arg(median(big), 0, 'f', 1)
                   .arg(median(random), 0, 'f', 1)
                   .arg(*std::max_element(random.cbegin(), random.cend()), 0, 'f', 1);
        out.flush();

        // 3. Paging through the largest file.
        timeToFirstFrame(&w, largest);
        DiffView *view = w.diffView();
        QList<double> frames;
        for (int page = 0; page < 40; ++page) {
            view->verticalScrollBar()->triggerAction(QAbstractSlider::SliderPageStepAdd);
            QElapsedTimer t;
            t.start();
            view->viewport()->repaint();
            frames << msSince(t);
        }
        out << QStringLiteral(
                   "%1: paging through the largest file: paint median %2 ms, max %3 ms per frame\n")
                   .arg(sideBySide ? QStringLiteral("side by side") : QStringLiteral("unified"))
                   .arg(median(frames), 0, 'f', 2)
                   .arg(*std::max_element(frames.cbegin(), frames.cend()), 0, 'f', 2);
        out.flush();
    }
    return 0;
}
