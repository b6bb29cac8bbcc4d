// bench_console: how the console's transcript view copes with long and busy sessions.
// Prints its figures; it gates nothing. Run it offscreen or under Xvfb:
//   QT_QPA_PLATFORM=offscreen bench_console [events=100000] [rate=5000] [seconds=5]
//
// 1. open: a TranscriptView fed 100,000 stored events of realistic shapes (turns of
//    input, init, text, Bash calls and results, Markdown answers, results, states),
//    until its first frame is painted; process RSS (current and peak) afterwards;
// 2. live: 5,000 events/s appended for 5 s (50 every 10 ms) while a 5 ms timer measures
//    how late the UI thread gets to it (the longest stall);
// 3. scroll: paging from the bottom towards the top through unmeasured rows;
// 4. show all: a 200 KB Markdown answer shown folded, then "Show all" clicked: the time
//    from the click to the whole answer laid out and painted (five answers, each new).
#include "console/transcriptmodel.h"
#include "console/transcriptview.h"
#include "procfile.h"
#include "tst_console_events.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QMouseEvent>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace chorus;
using namespace chorus::bench;

namespace {

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

int arg(int argc, char **argv, int index, int fallback)
{
    return argc > index ? QByteArray(argv[index]).toInt() : fallback;
}

// Counts the viewport's paint events and the time spent in them.
class PaintMeter : public QObject
{
public:
    int paints = 0;
    double lastMs = 0;
    double maxMs = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Paint)
            return false;
        QElapsedTimer t;
        t.start();
        static_cast<QWidget *>(watched)->removeEventFilter(this);
        QCoreApplication::sendEvent(watched, event); // the real paint, timed
        watched->installEventFilter(this);
        lastMs = double(t.nsecsElapsed()) / 1e6;
        maxMs = qMax(maxMs, lastMs);
        ++paints;
        return true;
    }
};

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const int total = arg(argc, argv, 1, 100000);
    const int rate = arg(argc, argv, 2, 5000);
    const int seconds = arg(argc, argv, 3, 5);

    std::printf("bench_console: %d events, then %d events/s for %d s (platform %s)\n", total, rate,
                seconds, qPrintable(QGuiApplication::platformName()));
    std::printf("RSS before: %ld MB\n", procStatusKb("VmRSS") / 1024);

    QElapsedTimer clock;
    clock.start();
    test::ConsoleEvents generator(QStringLiteral("bench"));
    QList<StoredEvent> events = generator.session(total);
    qint64 bytes = 0;
    for (const StoredEvent &e : std::as_const(events))
        bytes += e.raw.size();
    std::printf(
        "generated %lld events (%.1f MB of JSON lines) in %lld ms (not part of the open time)\n",
        qlonglong(events.size()), double(bytes) / 1e6, qlonglong(clock.elapsed()));

    // 1. Open.
    PaintMeter meter;
    clock.restart();
    TranscriptView view;
    view.viewport()->installEventFilter(&meter);
    view.resize(1200, 900);
    view.appendEvents(events);
    view.model()->flush();
    const qint64 decoded = clock.elapsed();
    view.show();
    while (meter.paints == 0 && clock.elapsed() < 10000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    const qint64 openMs = clock.elapsed();
    events.clear();
    events.squeeze();
    std::printf("open: %lld ms to the first painted frame (%lld ms decoding and model, %.1f ms "
                "painting), %d rows "
                "kept, %lld earlier events hidden\n",
                qlonglong(openMs), qlonglong(decoded), meter.lastMs, view.model()->rowCount(),
                qlonglong(view.model()->hiddenCount()));
    std::printf("RSS after open: %ld MB (peak %ld MB, with the 100k input events held until now)\n",
                procStatusKb("VmRSS") / 1024, procStatusKb("VmHWM") / 1024);

    // 2. Live appends with a latency probe.
    QList<StoredEvent> live = generator.session(rate * seconds);
    qsizetype next = 0;
    std::vector<double> gaps;
    gaps.reserve(size_t(seconds) * 250);
    QElapsedTimer probeClock;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, &app, [&] {
        gaps.push_back(double(probeClock.nsecsElapsed()) / 1e6);
        probeClock.restart();
    });
    QTimer feeder;
    feeder.setTimerType(Qt::PreciseTimer);
    feeder.setInterval(10);
    QElapsedTimer feedClock;
    QEventLoop loop; // not app.exec(): quitting the application would close the view
    double feedSeconds = 0;
    QObject::connect(&feeder, &QTimer::timeout, &app, [&] {
        // As many as the rate asks for by now (timers fire late under load).
        const qsizetype due = qsizetype(double(feedClock.elapsed()) * rate / 1000.0);
        const qsizetype n = qBound<qsizetype>(0, due - next, live.size() - next);
        view.appendEvents(live.mid(next, n));
        next += n;
        if (next >= live.size()) {
            feeder.stop();
            feedSeconds = double(feedClock.elapsed()) / 1000.0;
            QTimer::singleShot(200, &loop, &QEventLoop::quit); // let the last flush land
        }
    });
    int flushes = 0;
    QObject::connect(view.model(), &TranscriptModel::flushed, &app, [&flushes] { ++flushes; });
    clock.restart();
    probeClock.start();
    feedClock.start();
    const int paintsBefore = meter.paints;
    meter.maxMs = 0;
    probe.start();
    feeder.start();
    loop.exec();
    probe.stop();
    std::printf(
        "live: %lld events in %.2f s (%.0f events/s), %d flushes, view at bottom: %s, %d rows\n",
        qlonglong(next), feedSeconds, double(next) / feedSeconds, flushes,
        view.isAtBottom() ? "yes" : "no", view.model()->rowCount());
    std::printf("live: 5 ms probe interval: max %.1f ms, p99 %.1f ms, p50 %.1f ms over %zu ticks "
                "-> longest UI stall "
                "%.1f ms\n",
                percentile(gaps, 1.0), percentile(gaps, 0.99), percentile(gaps, 0.5), gaps.size(),
                qMax(0.0, percentile(gaps, 1.0) - 5.0));
    std::printf("live: %d frames painted, longest paint %.1f ms\n", meter.paints - paintsBefore,
                meter.maxMs);
    std::printf("RSS after live: %ld MB (peak %ld MB)\n", procStatusKb("VmRSS") / 1024,
                procStatusKb("VmHWM") / 1024);

    // 3. Scrolling up through rows laid out for the first time.
    std::vector<double> pages;
    QScrollBar *bar = view.verticalScrollBar();
    for (int i = 0; i < 200 && bar->value() > 0; ++i) {
        QElapsedTimer t;
        t.start();
        const int paints = meter.paints;
        bar->triggerAction(QAbstractSlider::SliderPageStepSub);
        while (meter.paints == paints && t.elapsed() < 1000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        pages.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::printf("scroll: %zu page-ups, max %.1f ms, p50 %.1f ms per page (layout + paint)\n",
                pages.size(), percentile(pages, 1.0), percentile(pages, 0.5));
    std::printf("RSS after scroll: %ld MB (peak %ld MB)\n", procStatusKb("VmRSS") / 1024,
                procStatusKb("VmHWM") / 1024);

    // 4. "Show all" on a 200 KB answer, in a view of its own.
    TranscriptView answers;
    PaintMeter answerMeter;
    answers.viewport()->installEventFilter(&answerMeter);
    answers.resize(1200, 900);
    answers.show();
    const QString answer = test::longAnswer(200 * 1024);
    std::vector<double> clicks;
    std::vector<double> layouts;
    for (int i = 0; i < 5; ++i) {
        answers.appendEvents({generator.input(QStringLiteral("Explain it all (%1)").arg(i)),
                              generator.text(answer + QString::number(i))});
        answers.model()->flush();
        const int row = answers.model()->rowCount() - 1;
        answers.scrollToBottom();
        const int before = answerMeter.paints;
        QElapsedTimer t;
        t.start();
        while (answerMeter.paints == before && t.elapsed() < 2000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        const QPoint at = answers.foldLinkRect(row, EntryRenderer::FoldLink::ShowAll).center();
        QMouseEvent press(QEvent::MouseButtonPress, at, answers.viewport()->mapToGlobal(at),
                          Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
        const int painted = answerMeter.paints;
        t.restart();
        QCoreApplication::sendEvent(answers.viewport(), &press);
        layouts.push_back(double(t.nsecsElapsed()) / 1e6);
        while (answerMeter.paints == painted && t.elapsed() < 5000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        clicks.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!answers.model()->entry(row).showAll)
            std::printf("show all: the click at (%d, %d) did not show the answer whole\n", at.x(),
                        at.y());
    }
    std::printf("show all: %lld-character answer, %zu clicks: %.1f ms median, %.1f ms max from the "
                "click to the whole answer painted (%.1f ms median laying it out)\n",
                qlonglong(answer.size()), clicks.size(), percentile(clicks, 0.5),
                percentile(clicks, 1.0), percentile(layouts, 0.5));
    std::printf("RSS at end: %ld MB (peak %ld MB)\n", procStatusKb("VmRSS") / 1024,
                procStatusKb("VmHWM") / 1024);
    return 0;
}
