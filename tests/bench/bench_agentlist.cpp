// bench_agentlist: the agent list filtering as the user types, with many agents.
// Prints its figures; it gates nothing. Run it offscreen or under Xvfb:
//   QT_QPA_PLATFORM=offscreen bench_agentlist [agents=200] [rounds=3]
//
// The daemon is $CHORUS_TEST_PROGRAM's (`chorus daemon`), started by the GUI's EngineClient
// on a database holding `agents` sessions (tests/gui/agentlistseed.h: long names, four
// repositories, idle, finished and merged agents). The main window (1024x700) shows them; the
// name of the last agent is typed into the filter field a character at a time, then deleted
// with Backspace, `rounds` times, grouped by repository and flat. Per keystroke: the time
// from the key press to the list filtered, laid out and painted (the key event, then the
// events it posted, incl. the repaint), as wall time and as the UI thread's CPU time (on a
// busy machine the wall time includes waiting for a core). Target: below 16 ms (one frame
// at 60 Hz).
#include "agentlistseed.h"
#include "agents/agentlistmodel.h"
#include "agents/agentlistview.h"
#include "client/engineclient.h"
#include "enginefixture.h"
#include "mainwindow/mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QTest>
#include <QTreeView>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

using namespace chorus;

namespace {

int arg(int argc, char **argv, int index, int fallback)
{
    return argc > index ? QByteArray(argv[index]).toInt() : fallback;
}

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

struct Figures
{
    std::vector<double> wall; // ms
    std::vector<double> cpu;  // ms of this (the UI) thread's CPU time
    static void line(const char *what, std::vector<double> v)
    {
        std::sort(v.begin(), v.end());
        const double median = v.empty() ? 0 : v[v.size() / 2];
        const double p90 = v.empty() ? 0 : v[v.size() * 9 / 10];
        const double max = v.empty() ? 0 : v.back();
        const auto over = std::count_if(v.begin(), v.end(), [](double ms) { return ms >= 16; });
        std::printf(
            "    %-5s median %6.2f ms  p90 %6.2f ms  max %6.2f ms  (%lld of %zu >= 16 ms)\n", what,
            median, p90, max, qlonglong(over), v.size());
    }
    void print(const char *what) const
    {
        std::printf("  %s:\n", what);
        line("wall", wall);
        line("cpu", cpu);
    }
};

// One key press into the filter field, until the list has caught up and painted.
void keystroke(Figures &f, QLineEdit *edit, QTreeView *view, Qt::Key key, QChar text = {})
{
    QElapsedTimer t;
    t.start();
    const double cpu = threadCpuMs();
    if (text.isNull())
        QTest::keyClick(edit, key);
    else
        QTest::keyClick(edit, text.toLatin1());
    QCoreApplication::processEvents(); // the view's delayed layout and the repaint it asks for
    view->viewport()->repaint();       // and a paint even where the platform defers it
    f.wall.push_back(double(t.nsecsElapsed()) / 1e6);
    f.cpu.push_back(threadCpuMs() - cpu);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const int count = arg(argc, argv, 1, 200);
    const int rounds = arg(argc, argv, 2, 3);

    chorus::test::EngineFixture fx;
    QString error;
    if (!fx.setUp(&error)) {
        std::fprintf(stderr, "bench_agentlist: %s\n", qPrintable(error));
        return 1;
    }
    const QList<SessionInfo> agents = chorus::test::makeAgents(
        count, fx.root() + QStringLiteral("/repos"),
        {QStringLiteral("chorus"), QStringLiteral("website"), QStringLiteral("data-pipeline"),
         QStringLiteral("infrastructure-as-code")});
    if (!chorus::test::seedAgents(fx.databasePath(), agents, &error)) {
        std::fprintf(stderr, "bench_agentlist: seeding the database failed: %s\n",
                     qPrintable(error));
        return 1;
    }
    qputenv("CHORUS_PROGRAM", fx.chorusProgram().toUtf8());
    int status = 0;
    {
        EngineClient client;
        MainWindow window(&client);
        window.resize(1024, 700);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window)) {
            std::fprintf(stderr, "bench_agentlist: the window was never shown\n");
            return 1;
        }
        window.connectToEngine();
        if (!client.isConnected() || window.agentModel()->rowCount() != count) {
            std::fprintf(stderr, "bench_agentlist: the engine lists %d of %d agents\n",
                         window.agentModel()->rowCount(), count);
            return 1;
        }
        AgentListView *list = window.agentList();
        QLineEdit *edit = list->filterEdit();
        QTreeView *view = list->view();
        const QString name = agents.last().name;
        std::printf("bench_agentlist: %d agents, typing \"%s\" (%lld characters) and deleting "
                    "it, %d rounds\n",
                    count, qPrintable(name), qlonglong(name.size()), rounds);
        for (const bool grouped : {true, false}) {
            list->groupAction()->setChecked(grouped);
            edit->setFocus();
            Figures typing;
            Figures deleting;
            for (int round = 0; round < rounds; ++round) {
                for (const QChar c : name)
                    keystroke(typing, edit, view, Qt::Key_unknown, c);
                if (list->view()->model()->rowCount() == 0) {
                    std::fprintf(stderr, "bench_agentlist: the typed name matched nothing\n");
                    status = 1;
                }
                while (!edit->text().isEmpty())
                    keystroke(deleting, edit, view, Qt::Key_Backspace);
            }
            std::printf("%s:\n", grouped ? "grouped by repository" : "flat");
            typing.print("typing a name");
            deleting.print("deleting it (Backspace)");
        }
    }
    fx.tearDown();
    return status;
}
