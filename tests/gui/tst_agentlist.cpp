// The agent list at 30+ agents: the filter field, grouping by repository, optional columns,
// waiting agents first and hiding idle agents. The real main window and engine (a daemon
// started through EngineClient in a private EngineFixture world): 30 agents written into the
// engine's database before it starts (agentlistseed.h), plus one real Claude Code agent
// against the fake Messages API that waits for an approval.
#include "agentlistseed.h"
#include "agents/agentlistmodel.h"
#include "agents/agentlistview.h"
#include "agents/repositorygroupmodel.h"
#include "agents/sessionfiltermodel.h"
#include "client/engineclient.h"
#include "enginefixture.h"
#include "guitest.h"
#include "i18n.h"
#include "mainwindow/mainactions.h"
#include "mainwindow/mainwindow.h"
#include "settings/guisettings.h"
#include "settings/settingsdialog.h"
#include "widgets/emptystatewidget.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTest>
#include <QTreeView>

using namespace chorus;

namespace {
const QStringList kRepos{QStringLiteral("chorus"), QStringLiteral("website"),
                         QStringLiteral("data-pipeline")};
} // namespace

class TestAgentList : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void filterMatchesEachField_data();
    void filterMatchesEachField();
    void filterTakesRegexCharactersLiterally();
    void groupsByRepository();
    void columnsCanBeShownAndAreRemembered();
    void waitingAgentsComeFirst();
    void idleAgentsHideAfterTheLimit();
    void screenshots();

private:
    AgentListView *list() const { return m_window->agentList(); }
    QAbstractItemModel *shown() const { return list()->view()->model(); }
    // The agents' names as listed, top to bottom (inside their groups).
    QStringList shownNames() const;
    QStringList groupHeaders() const;
    void typeFilter(const QString &text);

    chorus::test::EngineFixture m_fixture;
    std::unique_ptr<EngineClient> m_client;
    std::unique_ptr<MainWindow> m_window;
    QList<SessionInfo> m_seeded;
    SessionInfo m_approver;
};

void TestAgentList::initTestCase()
{
    installTranslations(qApp); // the English plurals ("1 agent", "10 agents")
    QString error;
    QVERIFY2(m_fixture.setUp(&error), qPrintable(error));
    m_seeded = chorus::test::makeAgents(30, m_fixture.root() + QStringLiteral("/repos"), kRepos);
    QVERIFY2(chorus::test::seedAgents(m_fixture.databasePath(), m_seeded, &error),
             qPrintable(error));
    qputenv("CHORUS_PROGRAM", m_fixture.chorusProgram().toUtf8());
    m_client = std::make_unique<EngineClient>();
    m_window = std::make_unique<MainWindow>(m_client.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->connectToEngine();
    QVERIFY(m_client->isConnected());
    QCOMPARE(m_window->agentModel()->rowCount(), 30);

    // A real agent that waits for the user: an architect asks before it writes a file.
    const QString file = m_fixture.workDir() + QStringLiteral("/design.md");
    const QJsonArray steps{
        QJsonObject{{QStringLiteral("tool"), QStringLiteral("Write")},
                    {QStringLiteral("input"),
                     QJsonObject{{QStringLiteral("file_path"), file},
                                 {QStringLiteral("content"), QStringLiteral("# D\n")}}}}};
    m_approver = chorus::test::spawnAgent(
        *m_client, QStringLiteral("architect"),
        QStringLiteral("Write the design (a+b( notes). @@fake ") +
            QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact)),
        m_fixture.workDir(), QStringLiteral("approver"));
    QVERIFY(!m_approver.id.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_client->session(m_approver.id).state == SessionState::Waiting &&
                                 m_client->session(m_approver.id).stateDetail ==
                                     QLatin1String("approval"),
                             90000);
    QCOMPARE(m_window->agentModel()->rowCount(), 31);
}

void TestAgentList::cleanupTestCase()
{
    m_window.reset();
    m_client.reset();
    m_fixture.tearDown();
}

void TestAgentList::init()
{
    // Every case starts from the defaults: everything shown, grouped, waiting first.
    list()->filterEdit()->clear();
    m_window->actions()->showFinished->setChecked(true);
    list()->groupAction()->setChecked(true);
    list()->waitingFirstAction()->setChecked(true);
    list()->view()->sortByColumn(-1, Qt::AscendingOrder);
}

QStringList TestAgentList::shownNames() const
{
    QStringList names;
    QAbstractItemModel *m = shown();
    for (int row = 0; row < m->rowCount(); ++row) {
        const QModelIndex i = m->index(row, AgentListModel::NameColumn);
        if (!i.data(RepositoryGroupModel::IsGroupRole).toBool()) {
            names << i.data().toString();
            continue;
        }
        for (int child = 0; child < m->rowCount(i); ++child)
            names << m->index(child, AgentListModel::NameColumn, i).data().toString();
    }
    return names;
}

QStringList TestAgentList::groupHeaders() const
{
    QStringList headers;
    QAbstractItemModel *m = shown();
    for (int row = 0; row < m->rowCount(); ++row) {
        const QModelIndex i = m->index(row, 0);
        if (i.data(RepositoryGroupModel::IsGroupRole).toBool())
            headers << i.data().toString();
    }
    return headers;
}

void TestAgentList::typeFilter(const QString &text)
{
    QLineEdit *edit = list()->filterEdit();
    edit->clear();
    edit->setFocus();
    QTest::keyClicks(edit, text);
    QCOMPARE(edit->text(), text);
}

void TestAgentList::filterMatchesEachField_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    // Agent i is "<role>-<topic>-<i+1>" with the task "Work on <topic> (part <i+1>)...".
    QTest::newRow("name") << QStringLiteral("retries-11")
                          << QStringList{QStringLiteral("builder-merge-queue-retries-11")};
    // The approver's name does not say "architect": its role does (any case).
    QStringList architects{QStringLiteral("approver")};
    QStringList seeded;
    for (const SessionInfo &s : std::as_const(m_seeded)) {
        seeded << s.name;
        if (s.role == QLatin1String("architect"))
            architects << s.name;
    }
    QCOMPARE(architects.size(), 7);
    QTest::newRow("role") << QStringLiteral("ARCHITECT") << architects;
    QTest::newRow("task") << QStringLiteral("part 7)")
                          << QStringList{QStringLiteral("architect-daemon-idle-exit-7")};
    // Every seeded agent has a branch chorus/<name>; the approver works in place.
    QTest::newRow("branch") << QStringLiteral("chorus/") << seeded;
}

void TestAgentList::filterMatchesEachField()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    typeFilter(text);
    QStringList names = shownNames();
    names.sort();
    expected.sort();
    QCOMPARE(names, expected);
    QCOMPARE(list()->proxy()->text(), text);
    // Clearing brings every agent back.
    list()->filterEdit()->clear();
    QCOMPARE(shownNames().size(), 31);
}

void TestAgentList::filterTakesRegexCharactersLiterally()
{
    auto *stack = list()->findChild<QStackedWidget *>();
    QVERIFY(stack);
    typeFilter(QStringLiteral("a+b("));
    QCOMPARE(shownNames(), QStringList{QStringLiteral("approver")});
    QCOMPARE(stack->currentWidget(), list()->view());

    // As a pattern ".*" would match everything, "[z-a]" would be an error: here no text has them.
    for (const QString &text :
         {QStringLiteral(".*"), QStringLiteral("[z-a]"), QStringLiteral("(?")}) {
        typeFilter(text);
        QCOMPARE(shownNames(), QStringList());
        QCOMPARE(stack->currentWidget(), list()->emptyState());
        QCOMPARE(list()->emptyState()->title(), QStringLiteral("No agent matches “%1”").arg(text));
    }
    // Esc in the field clears it; the list comes back.
    QTest::keyClick(list()->filterEdit(), Qt::Key_Escape);
    QCOMPARE(list()->filterEdit()->text(), QString());
    QCOMPARE(shownNames().size(), 31);
    QCOMPARE(stack->currentWidget(), list()->view());

    // So does the empty state's button.
    typeFilter(QStringLiteral("no such agent"));
    QCOMPARE(stack->currentWidget(), list()->emptyState());
    QTest::mouseClick(list()->emptyState()->button(), Qt::LeftButton);
    QCOMPARE(list()->filterEdit()->text(), QString());
    QCOMPARE(stack->currentWidget(), list()->view());
}

void TestAgentList::groupsByRepository()
{
    const QString work = QDir(m_fixture.workDir()).dirName();
    QStringList expected{
        QStringLiteral("chorus · 10 agents"), QStringLiteral("data-pipeline · 10 agents"),
        QStringLiteral("website · 10 agents"), QStringLiteral("%1 · 1 agent").arg(work)};
    std::sort(expected.begin(), expected.end(),
              [](const QString &a, const QString &b) { return a.toLower() < b.toLower(); });
    QVERIFY(list()->groups()->isGrouped());
    QCOMPARE(groupHeaders(), expected);
    QCOMPARE(shownNames().size(), 31);
    // Headers span the row, are expanded and cannot be selected.
    QTreeView *view = list()->view();
    for (int row = 0; row < shown()->rowCount(); ++row) {
        QVERIFY(view->isFirstColumnSpanned(row, {}));
        QVERIFY(view->isExpanded(shown()->index(row, 0)));
        QVERIFY(!(shown()->index(row, 0).flags() & Qt::ItemIsSelectable));
    }
    // A group shows while one of its agents passes the filter, with the count that does.
    typeFilter(QStringLiteral("scribe"));
    QCOMPARE(groupHeaders(), (QStringList{QStringLiteral("chorus · 2 agents"),
                                          QStringLiteral("data-pipeline · 2 agents"),
                                          QStringLiteral("website · 2 agents")}));
    list()->filterEdit()->clear();

    // The selection survives turning grouping off and on.
    list()->selectSession(m_seeded.at(4).id);
    list()->groupAction()->setChecked(false);
    QVERIFY(!guisettings::groupAgentsByRepository());
    QCOMPARE(groupHeaders(), QStringList());
    QCOMPARE(shown()->rowCount(), 31);
    QCOMPARE(list()->currentSessionId(), m_seeded.at(4).id);
    list()->groupAction()->setChecked(true);
    QVERIFY(guisettings::groupAgentsByRepository());
    QCOMPARE(groupHeaders().size(), 4);
    QCOMPARE(list()->currentSessionId(), m_seeded.at(4).id);
}

void TestAgentList::columnsCanBeShownAndAreRemembered()
{
    QTreeView *view = list()->view();
    QAction *branch = nullptr;
    QAction *merge = nullptr;
    QAction *task = nullptr;
    for (QAction *a : list()->columnActions()) {
        if (a->data().toInt() == AgentListModel::BranchColumn)
            branch = a;
        if (a->data().toInt() == AgentListModel::MergeColumn)
            merge = a;
        if (a->data().toInt() == AgentListModel::TaskColumn)
            task = a;
    }
    QVERIFY(branch && merge && task);
    // Off by default; the name and the state cannot be hidden.
    for (QAction *a : {branch, merge, task}) {
        QVERIFY(!a->isChecked());
        QVERIFY(view->isColumnHidden(a->data().toInt()));
    }
    for (QAction *a : list()->columnActions())
        QVERIFY(a->data().toInt() != AgentListModel::NameColumn &&
                a->data().toInt() != AgentListModel::StateColumn);
    QCOMPARE(view->header()->sectionResizeMode(AgentListModel::NameColumn), QHeaderView::Stretch);

    branch->trigger();
    merge->trigger();
    task->trigger();
    for (QAction *a : {branch, merge, task})
        QVERIFY(!view->isColumnHidden(a->data().toInt()));

    // What they show, for agent 2 (merged) and agent 3 (a conflict).
    list()->groupAction()->setChecked(false);
    list()->waitingFirstAction()->setChecked(false);
    QAbstractItemModel *m = shown();
    QCOMPARE(m->index(1, AgentListModel::BranchColumn).data().toString(),
             QStringLiteral("chorus/") + m_seeded.at(1).name);
    QCOMPARE(m->index(1, AgentListModel::MergeColumn).data().toString(), QStringLiteral("merged"));
    QCOMPARE(m->index(2, AgentListModel::MergeColumn).data().toString(),
             QStringLiteral("conflict"));
    QCOMPARE(m->index(1, AgentListModel::TaskColumn).data().toString(),
             QStringLiteral("Work on console-markdown-tables (part 2)."));

    // Remembered: a list restored from the saved state shows the same columns.
    const QByteArray state = list()->saveState();
    AgentListView again(m_window->agentModel());
    again.restoreState(state);
    for (QAction *a : again.columnActions()) {
        const int column = a->data().toInt();
        QCOMPARE(again.view()->isColumnHidden(column), view->isColumnHidden(column));
        QCOMPARE(a->isChecked(), !view->isColumnHidden(column));
    }
    QVERIFY(!again.view()->isColumnHidden(AgentListModel::BranchColumn));

    for (QAction *a : {branch, merge, task})
        a->trigger();
    QVERIFY(view->isColumnHidden(AgentListModel::BranchColumn));
}

void TestAgentList::waitingAgentsComeFirst()
{
    list()->groupAction()->setChecked(false);
    QVERIFY(list()->waitingFirstAction()->isChecked()); // the default
    // The approval first, then the idle agents (i % 6 in 0, 1, 3), each in creation order.
    QStringList idle;
    QStringList others;
    for (const SessionInfo &s : std::as_const(m_seeded))
        (s.state == SessionState::Idle ? idle : others) << s.name;
    QCOMPARE(idle.size(), 15);
    QCOMPARE(shownNames(), QStringList{QStringLiteral("approver")} + idle + others);

    // Whatever the sort column and order, the classes keep their place.
    list()->view()->sortByColumn(AgentListModel::NameColumn, Qt::AscendingOrder);
    QStringList names = shownNames();
    QCOMPARE(names.first(), QStringLiteral("approver"));
    QStringList sortedIdle = idle;
    std::sort(sortedIdle.begin(), sortedIdle.end());
    QCOMPARE(names.mid(1, 15), sortedIdle);
    list()->view()->sortByColumn(AgentListModel::NameColumn, Qt::DescendingOrder);
    names = shownNames();
    QCOMPARE(names.first(), QStringLiteral("approver"));
    std::reverse(sortedIdle.begin(), sortedIdle.end());
    QCOMPARE(names.mid(1, 15), sortedIdle);

    // Off: creation order again, the approver (newest) last.
    list()->waitingFirstAction()->setChecked(false);
    QVERIFY(!guisettings::waitingAgentsFirst());
    list()->view()->sortByColumn(-1, Qt::AscendingOrder);
    QStringList created;
    for (const SessionInfo &s : std::as_const(m_seeded))
        created << s.name;
    QCOMPARE(shownNames(), created + QStringList{QStringLiteral("approver")});
}

void TestAgentList::idleAgentsHideAfterTheLimit()
{
    QCOMPARE(list()->proxy()->idleLimitMinutes(), 60); // the default
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto idleOver = [&now](const SessionInfo &s, int minutes) {
        return s.state == SessionState::Idle &&
               QDateTime::fromString(s.endedAt, Qt::ISODateWithMs).secsTo(now) > minutes * 60;
    };
    int idleRecent = 0;
    int idleOld = 0;
    for (const SessionInfo &s : std::as_const(m_seeded)) {
        idleRecent += s.state == SessionState::Idle && !idleOver(s, 60);
        idleOld += idleOver(s, 60);
    }
    QCOMPARE(idleRecent, 10);
    QCOMPARE(idleOld, 5);

    // Show finished off: finished agents and those idle for over an hour go.
    m_window->actions()->showFinished->setChecked(false);
    QStringList names = shownNames();
    QCOMPARE(names.size(), 1 + idleRecent);
    QVERIFY(names.contains(QStringLiteral("approver")));
    for (const SessionInfo &s : std::as_const(m_seeded))
        QCOMPARE(names.contains(s.name), s.state == SessionState::Idle && !idleOver(s, 60));

    // 0: idle agents always show. The limit comes from Settings.
    QPointer<SettingsDialog> dialog = m_window->showSettings();
    auto *spin = dialog->findChild<QSpinBox *>(QStringLiteral("idleHideSpin"));
    QVERIFY(spin);
    QCOMPARE(spin->value(), 60);
    spin->setValue(0);
    QCOMPARE(spin->text(), QStringLiteral("Never"));
    dialog->accept();
    QTRY_COMPARE(list()->proxy()->idleLimitMinutes(), 0);
    QCOMPARE(guisettings::idleAgentHideMinutes(), 0);
    QCOMPARE(shownNames().size(), 1 + idleRecent + idleOld);

    // Longer than the old ones have been idle: they show too; shorter: they go.
    guisettings::setIdleAgentHideMinutes(4 * 60);
    list()->applySettings();
    QCOMPARE(shownNames().size(), 1 + idleRecent + idleOld);
    guisettings::setIdleAgentHideMinutes(60);
    list()->applySettings();
    QCOMPARE(shownNames().size(), 1 + idleRecent);

    // A filter that only hidden agents match says so; with no filter, the list says why.
    typeFilter(QStringLiteral("retries-11")); // failed
    QCOMPARE(list()->emptyState()->title(), QStringLiteral("No agent matches “retries-11”"));
    list()->filterEdit()->clear();
    m_window->actions()->showFinished->setChecked(true);
    QCOMPARE(shownNames().size(), 31);
}

void TestAgentList::screenshots()
{
    // Not a check: CHORUS_AGENTLIST_SCREENSHOT=PREFIX saves PREFIX-light.png, PREFIX-dark.png
    // (30 agents with long names, grouped, at 1024x700) and PREFIX-filter.png (no match).
    const QString prefix = qEnvironmentVariable("CHORUS_AGENTLIST_SCREENSHOT");
    if (prefix.isEmpty())
        QSKIP("set CHORUS_AGENTLIST_SCREENSHOT=PREFIX to save screenshots");
    m_window->resize(1024, 700);
    QTRY_COMPARE(m_window->size(), QSize(1024, 700));
    m_window->actions()->themeLight->trigger();
    list()->selectSession(m_seeded.at(7).id);
    QTest::qWait(200);
    QVERIFY(m_window->grab().save(prefix + QStringLiteral("-light.png")));
    m_window->actions()->themeDark->trigger();
    QTest::qWait(200);
    QVERIFY(m_window->grab().save(prefix + QStringLiteral("-dark.png")));
    typeFilter(QStringLiteral("a+b(c"));
    QTest::qWait(200);
    QVERIFY(m_window->grab().save(prefix + QStringLiteral("-filter.png")));
    m_window->actions()->themeLight->trigger();
}

QTEST_MAIN(TestAgentList)
#include "tst_agentlist.moc"
