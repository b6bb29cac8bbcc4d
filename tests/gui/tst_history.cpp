// History end to end: sessions of the real engine, filtered in the real window.
#include "agents/agentlistmodel.h"
#include "agents/sessionfiltermodel.h"
#include "client/engineclient.h"
#include "console/consolewidget.h"
#include "enginefixture.h"
#include "guitest.h"
#include "history/historywindow.h"
#include "mainwindow/consoletabs.h"
#include "mainwindow/mainwindow.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace chorus;

class TestHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void listsEverySession();
    void filtersByRole();
    void filtersByText();
    void filtersByState();
    void filtersByDate();
    void sortsByColumn();
    void opensTranscriptReadOnly();
    void resumesAStoppedSession();

private:
    SessionInfo spawn(const QString &role, const QString &task, const QString &name);
    QStringList shownNames() const;
    void resetFilters();

    chorus::test::EngineFixture m_fixture;
    std::unique_ptr<EngineClient> m_client;
    std::unique_ptr<MainWindow> m_window;
    HistoryWindow *m_history = nullptr;
    QString m_stoppedId;
};

void TestHistory::initTestCase()
{
    QString error;
    QVERIFY2(m_fixture.setUp(&error), qPrintable(error));
    qputenv("CHORUS_PROGRAM", m_fixture.chorusProgram().toUtf8());
    m_client = std::make_unique<EngineClient>();
    m_window = std::make_unique<MainWindow>(m_client.get());
    m_window->show();
    m_window->connectToEngine();
    QVERIFY(m_client->isConnected());

    const SessionInfo a = spawn(QStringLiteral("builder"), QStringLiteral("Fix the parser bug."),
                                QStringLiteral("alpha"));
    const SessionInfo b = spawn(QStringLiteral("scribe"), QStringLiteral("Write the changelog."),
                                QStringLiteral("beta-docs"));
    const SessionInfo c = spawn(QStringLiteral("validator"), QStringLiteral("Check the build."),
                                QStringLiteral("gamma"));
    QVERIFY(!a.id.isEmpty() && !b.id.isEmpty() && !c.id.isEmpty());
    for (const QString &id : {a.id, b.id, c.id})
        QTRY_COMPARE_WITH_TIMEOUT(m_client->session(id).state, SessionState::Idle, 90000);
    // One of them ends: stopped sessions stay in History.
    bool stopped = false;
    m_client->stop(c.id, [&](const Status &s) { stopped = s.ok(); });
    QTRY_VERIFY(stopped);
    QTRY_VERIFY_WITH_TIMEOUT(isFinal(m_client->session(c.id).state), 30000);
    m_stoppedId = c.id;

    m_history = m_window->showHistory();
    QVERIFY(m_history);
    QVERIFY(QTest::qWaitForWindowExposed(m_history));
}

void TestHistory::cleanupTestCase()
{
    m_window.reset();
    m_client.reset();
    m_fixture.tearDown();
}

SessionInfo TestHistory::spawn(const QString &role, const QString &task, const QString &name)
{
    return chorus::test::spawnAgent(*m_client, role, task, m_fixture.workDir(), name);
}

QStringList TestHistory::shownNames() const
{
    QStringList names;
    const QAbstractItemModel *m = m_history->view()->model();
    for (int row = 0; row < m->rowCount(); ++row)
        names << m->index(row, AgentListModel::NameColumn).data().toString();
    names.sort();
    return names;
}

void TestHistory::resetFilters()
{
    m_history->textFilter()->clear();
    m_history->roleFilter()->setCurrentIndex(0);
    m_history->stateFilter()->setCurrentIndex(0);
    m_history->dateFilter()->setChecked(false);
}

void TestHistory::listsEverySession()
{
    resetFilters();
    QCOMPARE(shownNames(), (QStringList{QStringLiteral("alpha"), QStringLiteral("beta-docs"),
                                        QStringLiteral("gamma")}));
    // History shows the columns the agent list leaves out.
    QVERIFY(!m_history->view()->isColumnHidden(AgentListModel::TaskColumn));
    QVERIFY(!m_history->view()->isColumnHidden(AgentListModel::RoleColumn));
    QVERIFY(!m_history->view()->isColumnHidden(AgentListModel::CreatedColumn));
}

void TestHistory::filtersByRole()
{
    resetFilters();
    QComboBox *role = m_history->roleFilter();
    QTRY_VERIFY(role->findData(QStringLiteral("scribe")) > 0);
    role->setCurrentIndex(role->findData(QStringLiteral("scribe")));
    QCOMPARE(shownNames(), QStringList{QStringLiteral("beta-docs")});
    role->setCurrentIndex(role->findData(QStringLiteral("architect")));
    QCOMPARE(shownNames(), QStringList{});
    role->setCurrentIndex(0);
    QCOMPARE(shownNames().size(), 3);
}

void TestHistory::filtersByText()
{
    resetFilters();
    QLineEdit *text = m_history->textFilter();
    QTest::keyClicks(text, QStringLiteral("PARSER")); // the task, any case
    QCOMPARE(shownNames(), QStringList{QStringLiteral("alpha")});
    text->clear();
    QTest::keyClicks(text, QStringLiteral("docs")); // the name
    QCOMPARE(shownNames(), QStringList{QStringLiteral("beta-docs")});
    text->clear();
    QTest::keyClicks(text, QStringLiteral("nothing like this"));
    QCOMPARE(shownNames(), QStringList{});
    // Combined with the role filter.
    text->clear();
    QTest::keyClicks(text, QStringLiteral("the"));
    QCOMPARE(shownNames().size(), 3);
    m_history->roleFilter()->setCurrentIndex(
        m_history->roleFilter()->findData(QStringLiteral("builder")));
    QCOMPARE(shownNames(), QStringList{QStringLiteral("alpha")});
}

void TestHistory::filtersByState()
{
    resetFilters();
    QComboBox *state = m_history->stateFilter();
    state->setCurrentIndex(state->findData(int(SessionState::Idle)));
    QCOMPARE(shownNames(), (QStringList{QStringLiteral("alpha"), QStringLiteral("beta-docs")}));
    state->setCurrentIndex(state->findData(int(m_client->session(m_stoppedId).state)));
    QCOMPARE(shownNames(), QStringList{QStringLiteral("gamma")});
    state->setCurrentIndex(state->findData(int(SessionState::Running)));
    QCOMPARE(shownNames(), QStringList{});
}

void TestHistory::filtersByDate()
{
    resetFilters();
    m_history->dateFilter()->setChecked(true);
    QVERIFY(m_history->fromDate()->isEnabled());
    const QDate today = QDate::currentDate();
    m_history->fromDate()->setDate(today.addDays(-1));
    m_history->toDate()->setDate(today.addDays(1));
    QCOMPARE(shownNames().size(), 3);
    m_history->fromDate()->setDate(today.addDays(1));
    QCOMPARE(shownNames(), QStringList{});
    m_history->fromDate()->setDate(today.addDays(-10));
    m_history->toDate()->setDate(today.addDays(-5));
    QCOMPARE(shownNames(), QStringList{});
    m_history->dateFilter()->setChecked(false);
    QCOMPARE(shownNames().size(), 3);
}

void TestHistory::sortsByColumn()
{
    resetFilters();
    QTreeView *view = m_history->view();
    view->sortByColumn(AgentListModel::NameColumn, Qt::DescendingOrder);
    const QAbstractItemModel *m = view->model();
    QCOMPARE(m->index(0, AgentListModel::NameColumn).data().toString(), QStringLiteral("gamma"));
    QCOMPARE(m->index(2, AgentListModel::NameColumn).data().toString(), QStringLiteral("alpha"));
    view->sortByColumn(AgentListModel::RoleColumn, Qt::AscendingOrder);
    QCOMPARE(m->index(0, AgentListModel::RoleColumn).data().toString(), QStringLiteral("builder"));
    QCOMPARE(m->index(2, AgentListModel::RoleColumn).data().toString(),
             QStringLiteral("validator"));
}

void TestHistory::opensTranscriptReadOnly()
{
    resetFilters();
    QVERIFY(!m_history->transcript());
    // A click on the row that is already current (focus made it current, unselected) still
    // opens the transcript.
    QTreeView *view = m_history->view();
    const QModelIndex row = m_history->proxy()->mapFromSource(m_window->agentModel()->index(
        m_window->agentModel()->rowOf(m_stoppedId), AgentListModel::NameColumn));
    view->clearSelection();
    view->selectionModel()->setCurrentIndex(row, QItemSelectionModel::NoUpdate);
    QVERIFY(m_history->currentSessionId().isEmpty());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(row).center());
    QCOMPARE(m_history->currentSessionId(), m_stoppedId);
    QVERIFY(m_history->transcript());
    QCOMPARE(m_history->transcript()->sessionId(), m_stoppedId);
    QVERIFY(m_history->transcript()->isVisible());
    // Choosing another session replaces it.
    const QString alpha = m_client->sessions().first().id;
    m_history->selectSession(alpha);
    QTRY_COMPARE(m_history->transcript()->sessionId(), alpha);
    QTRY_COMPARE(m_history->findChildren<ConsoleWidget *>().size(), 1); // the old one is deleted
}

void TestHistory::resumesAStoppedSession()
{
    resetFilters();
    m_history->selectSession(m_stoppedId);
    QPushButton *resume = m_history->resumeButton();
    QVERIFY(resume->isEnabled());
    QSignalSpy requested(m_history, &HistoryWindow::consoleRequested);
    QTest::mouseClick(resume, Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().first().toString(), m_stoppedId);
    // The main window shows its live console, and the agent runs a new turn.
    QCOMPARE(m_window->consoles()->currentSessionId(), m_stoppedId);
    const int turns = m_client->session(m_stoppedId).turns;
    QTRY_VERIFY_WITH_TIMEOUT(m_client->session(m_stoppedId).turns > turns, 90000);
    QTRY_COMPARE_WITH_TIMEOUT(m_client->session(m_stoppedId).state, SessionState::Idle, 30000);
}

QTEST_MAIN(TestHistory)
#include "tst_history.moc"
