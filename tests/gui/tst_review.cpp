// The review window end to end: real agents (the pinned Claude Code CLI against the fake
// Messages API) change files on their branches of a temporary repository; the window lists
// the branches, shows their diffs, keeps viewed marks and comments, sends comments back and
// approves and merges through the real engine.
#include "agents/agentlistmodel.h"
#include "client/engineclient.h"
#include "conflict/conflictset.h"
#include "conflict/conflictwindow.h"
#include "enginefixture.h"
#include "gitfixture.h"
#include "guitest.h"
#include "mainwindow/mainactions.h"
#include "mainwindow/mainwindow.h"
#include "paths.h"
#include "review/branchlistmodel.h"
#include "review/commenteditor.h"
#include "review/diffview.h"
#include "review/filetreemodel.h"
#include "review/messagebar.h"
#include "review/reviewstore.h"
#include "review/reviewwindow.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>

using namespace chorus;
using chorus::test::GitFixture;

namespace {
QString S(const char *s)
{
    return QString::fromUtf8(s);
}

// src/calc.c: 40 numbered functions; the tidy agent changes lines 4 and 30.
QByteArray calcSource()
{
    QByteArray out;
    for (int i = 1; i <= 40; ++i)
        out +=
            "int f" + QByteArray::number(i) + "(void) { return " + QByteArray::number(i) + "; }\n";
    return out;
}

// A task whose one turn runs `command` with Bash, then answers.
QString scriptedTask(const QString &command)
{
    const QJsonArray steps{
        QJsonObject{{S("tool"), S("Bash")}, {S("input"), QJsonObject{{S("command"), command}}}},
        QJsonObject{{S("text"), S("Done.")}}};
    return S("Change the files. @@fake ") +
           QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact));
}

// The rows of a document as short strings: "hunk", "fold:<count>", "ctx:<old>:<new>",
// "del:<old>", "add:<new>", "pair:<old>:<new>" (side by side), "comment", "editor".
QStringList describe(const DiffDocument &doc)
{
    QStringList out;
    auto one = [&doc](int index) -> QString {
        if (index < 0)
            return S("-");
        const DiffLine &l = doc.lines()[index];
        switch (l.kind) {
        case DiffLine::Added:
            return QStringLiteral("add:%1").arg(l.newLine);
        case DiffLine::Removed:
            return QStringLiteral("del:%1").arg(l.oldLine);
        case DiffLine::Context:
            return QStringLiteral("ctx:%1:%2").arg(l.oldLine).arg(l.newLine);
        case DiffLine::NoNewlineAtEnd:
            return S("eof");
        }
        return {};
    };
    for (const DiffRow &r : doc.rows()) {
        switch (r.kind) {
        case DiffRow::Hunk:
            out << S("hunk");
            break;
        case DiffRow::Fold:
            out << QStringLiteral("fold:%1").arg(r.count);
            break;
        case DiffRow::Comment:
            out << S("comment");
            break;
        case DiffRow::Editor:
            out << S("editor");
            break;
        case DiffRow::Line:
            if (doc.mode() == DiffDocument::Mode::Unified)
                out << one(r.left);
            else
                out << one(r.left) + S("|") + one(r.right);
            break;
        }
    }
    return out;
}
} // namespace

class TestReview : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void listsBranchesWithForecast();
    void showsUnifiedAndSideBySideRows();
    void navigatesChangesAndUnfolds();
    void viewedMarkSurvivesReopening();
    void showsTaskAndLatestResult();
    void requestChangesSendsOneMessage();
    void sentCommentsAreThreadsWithRounds();
    void roundsOfOldFilesReadInOrder();
    void fitsAt1024x700();
    void commentsAreEditedDeletedAndKept();
    void approvalSetsTheOption();
    void mergeNowReportsMergeAndConflict();
    void recordedMergeCountsAsMerged();

private:
    SessionInfo spawnWriting(const QString &name, const QString &command);
    ReviewWindow *openReview(const QString &agentId);
    bool showFile(ReviewWindow *w, const QString &path);
    QList<StoredEvent> inputs(const QString &id);

    chorus::test::EngineFixture m_fx;
    std::unique_ptr<EngineClient> m_client;
    std::unique_ptr<MainWindow> m_window;
    QString m_repo;
    QString m_tidy, m_readme; // session ids
};

void TestReview::initTestCase()
{
    QString error;
    QVERIFY2(m_fx.setUp(&error), qPrintable(error));
    qputenv("CHORUS_PROGRAM", m_fx.chorusProgram().toUtf8());
    GitFixture fixture(m_fx.workDir());
    m_repo = fixture.makeRepo(S("repo"));
    QVERIFY(!m_repo.isEmpty());
    QVERIFY(!GitFixture::commit(m_repo, S("calc"), {{S("src/calc.c"), calcSource()}}).isEmpty());

    m_client = std::make_unique<EngineClient>();
    m_window = std::make_unique<MainWindow>(m_client.get());
    m_window->show();
    m_window->connectToEngine();
    QVERIFY(m_client->isConnected());

    const SessionInfo tidy =
        spawnWriting(S("tidy"), S("sed -i 's/return 4;/return 40;/; s/return 30;/return 300;/' "
                                  "src/calc.c && printf 'alpha\\n' > notes.txt"));
    const SessionInfo readme =
        spawnWriting(S("readme"), S("printf '# agent readme\\n' > README.md"));
    QVERIFY(!tidy.id.isEmpty() && !readme.id.isEmpty());
    m_tidy = tidy.id;
    m_readme = readme.id;
    for (const QString &id : {m_tidy, m_readme}) {
        QTRY_VERIFY_WITH_TIMEOUT(m_client->session(id).turns >= 1 &&
                                     m_client->session(id).state == SessionState::Idle,
                                 120000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_client->session(id).head.isEmpty() &&
                                     m_client->session(id).head != m_client->session(id).baseCommit,
                                 30000);
    }
    // Meanwhile main changes README.md too: the readme agent's branch now conflicts.
    QVERIFY(!GitFixture::commit(m_repo, S("main readme"), {{S("README.md"), "# main readme\n"}})
                 .isEmpty());
}

void TestReview::cleanupTestCase()
{
    m_window.reset();
    m_client.reset();
    m_fx.tearDown();
}

SessionInfo TestReview::spawnWriting(const QString &name, const QString &command)
{
    return chorus::test::spawnAgent(*m_client, S("builder"), scriptedTask(command), m_repo, name);
}

ReviewWindow *TestReview::openReview(const QString &agentId)
{
    ReviewWindow *w = m_window->showReview(agentId);
    if (!w || !QTest::qWaitForWindowExposed(w))
        return nullptr;
    return w;
}

bool TestReview::showFile(ReviewWindow *w, const QString &path)
{
    if (!QTest::qWaitFor([&] { return w->fileModel()->file(path) != nullptr; }, 30000))
        return false;
    if (w->currentFile() == path && w->diffView()->hasDocument() &&
        w->diffView()->document().file().path() == path)
        return true;
    QSignalSpy shown(w, &ReviewWindow::fileShown);
    w->selectFile(path);
    return QTest::qWaitFor(
               [&] { return !shown.isEmpty() && shown.constLast().first().toString() == path; },
               30000) &&
           w->diffView()->hasDocument() && w->diffView()->document().file().path() == path;
}

QList<StoredEvent> TestReview::inputs(const QString &id)
{
    std::optional<QList<StoredEvent>> events;
    m_client->fetchEvents(id, 0, 0, [&](const QList<StoredEvent> &e) { events = e; });
    if (!QTest::qWaitFor([&] { return events.has_value(); }, 30000))
        return {};
    QList<StoredEvent> out;
    for (const StoredEvent &e : *events)
        if (e.kind == S("chorus") && e.subtype == S("input"))
            out << e;
    return out;
}

void TestReview::listsBranchesWithForecast()
{
    // Ctrl+R's action opens the window on the current agent.
    QVERIFY(m_window->actions()->review->isEnabled());
    QCOMPARE(m_window->actions()->review->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
    QVERIFY(m_window->actions()->resume->shortcut() != m_window->actions()->review->shortcut());
    ReviewWindow *w = openReview(m_readme);
    QVERIFY(w);
    QCOMPARE(w->currentAgent(), m_readme);
    BranchListModel *model = w->branchModel();
    QCOMPARE(model->rowCount(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(
        model->branch(m_tidy)->statusKnown && model->branch(m_tidy)->summaryKnown, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(
        model->branch(m_readme)->statusKnown && model->branch(m_readme)->summaryKnown, 30000);

    const QModelIndex tidy = model->index(model->rowOf(m_tidy));
    QCOMPARE(tidy.data().toString(), S("tidy"));
    QCOMPARE(tidy.data(BranchListModel::BranchRole).toString(), S("chorus/tidy"));
    QCOMPARE(tidy.data(BranchListModel::TargetRole).toString(), S("main"));
    QCOMPARE(tidy.data(BranchListModel::AheadRole).toInt(), 1);
    QCOMPARE(tidy.data(BranchListModel::BehindRole).toInt(), 1); // main's README commit
    QCOMPARE(tidy.data(BranchListModel::FilesRole).toInt(), 2);
    QCOMPARE(tidy.data(BranchListModel::AdditionsRole).toInt(), 3);
    QCOMPARE(tidy.data(BranchListModel::DeletionsRole).toInt(), 2);
    QCOMPARE(ReviewBranch::Forecast(tidy.data(BranchListModel::ForecastRole).toInt()),
             ReviewBranch::Forecast::Clean);
    QCOMPARE(BranchListModel::forecastText(*model->branch(m_tidy)), S("merges cleanly"));

    const QModelIndex readme = model->index(model->rowOf(m_readme));
    QCOMPARE(readme.data(BranchListModel::AheadRole).toInt(), 1);
    QCOMPARE(readme.data(BranchListModel::FilesRole).toInt(), 1);
    QCOMPARE(readme.data(BranchListModel::AdditionsRole).toInt(), 1);
    QCOMPARE(readme.data(BranchListModel::DeletionsRole).toInt(), 1);
    QCOMPARE(ReviewBranch::Forecast(readme.data(BranchListModel::ForecastRole).toInt()),
             ReviewBranch::Forecast::Conflicts);
    QCOMPARE(readme.data(BranchListModel::ConflictsRole).toInt(), 1);
    QCOMPARE(model->branch(m_readme)->status.conflicts.first().path, S("README.md"));
    QVERIFY(BranchListModel::forecastText(*model->branch(m_readme)).startsWith(S("1 conflict")));
    QVERIFY(readme.data(Qt::ToolTipRole).toString().contains(S("README.md")));

    // The file tree of the selected branch.
    QTRY_COMPARE(w->fileModel()->files().size(), 1);
    QCOMPARE(w->fileModel()->orderedPaths(), QStringList{S("README.md")});
    w->selectAgent(m_tidy);
    QTRY_COMPARE(w->fileModel()->orderedPaths(), (QStringList{S("src/calc.c"), S("notes.txt")}));
    const QModelIndex calc = w->fileModel()->indexOf(S("src/calc.c"), FileTreeModel::StatusColumn);
    QCOMPARE(calc.data().toString(), S("M"));
    QCOMPARE(w->fileModel()->indexOf(S("notes.txt"), FileTreeModel::StatusColumn).data().toString(),
             S("A"));
    QCOMPARE(calc.siblingAtColumn(FileTreeModel::ChangesColumn).data().toString(), S("+2 −2"));
    QCOMPARE(calc.parent().data(FileTreeModel::PathRole).toString(), S("src")); // a folder
}

void TestReview::showsUnifiedAndSideBySideRows()
{
    ReviewWindow *w = openReview(m_tidy);
    QVERIFY(w);
    w->unifiedAction()->trigger();
    QVERIFY(showFile(w, S("src/calc.c")));
    const DiffView *view = w->diffView();
    QCOMPARE(view->mode(), DiffDocument::Mode::Unified);
    const QStringList unified{S("hunk"),      S("ctx:1:1"),   S("ctx:2:2"),   S("ctx:3:3"),
                              S("del:4"),     S("add:4"),     S("ctx:5:5"),   S("ctx:6:6"),
                              S("ctx:7:7"),   S("fold:19"),   S("ctx:27:27"), S("ctx:28:28"),
                              S("ctx:29:29"), S("del:30"),    S("add:30"),    S("ctx:31:31"),
                              S("ctx:32:32"), S("ctx:33:33"), S("fold:0")};
    QCOMPARE(describe(view->document()), unified);
    // The changed line's text and its intra-line change: "4" became "40".
    const DiffLine *removed = view->document().line(4, ReviewComment::Old);
    const DiffLine *added = view->document().line(5, ReviewComment::New);
    QVERIFY(removed && added);
    QCOMPARE(removed->text, S("int f4(void) { return 4; }"));
    QCOMPARE(added->text, S("int f4(void) { return 40; }"));
    QCOMPARE(added->changed.size(), 1);
    QCOMPARE(added->text.mid(added->changed[0].start, added->changed[0].length), S("40"));
    QCOMPARE(removed->text.mid(removed->changed[0].start, removed->changed[0].length), S("4"));

    // Side by side: removed and added lines share a row; the mode is remembered.
    w->sideBySideAction()->trigger();
    QCOMPARE(view->mode(), DiffDocument::Mode::SideBySide);
    QCOMPARE(describe(view->document()),
             (QStringList{S("hunk"), S("ctx:1:1|ctx:1:1"), S("ctx:2:2|ctx:2:2"),
                          S("ctx:3:3|ctx:3:3"), S("del:4|add:4"), S("ctx:5:5|ctx:5:5"),
                          S("ctx:6:6|ctx:6:6"), S("ctx:7:7|ctx:7:7"), S("fold:19"),
                          S("ctx:27:27|ctx:27:27"), S("ctx:28:28|ctx:28:28"),
                          S("ctx:29:29|ctx:29:29"), S("del:30|add:30"), S("ctx:31:31|ctx:31:31"),
                          S("ctx:32:32|ctx:32:32"), S("ctx:33:33|ctx:33:33"), S("fold:0")}));
    QCOMPARE(view->document().rowOfLine(ReviewComment::Old, 30),
             view->document().rowOfLine(ReviewComment::New, 30));
    w->close();
    delete w;
    w = openReview(m_tidy);
    QVERIFY(showFile(w, S("src/calc.c")));
    QCOMPARE(w->diffView()->mode(), DiffDocument::Mode::SideBySide);
    QVERIFY(w->sideBySideAction()->isChecked());
    w->unifiedAction()->trigger();
    QCOMPARE(w->diffView()->mode(), DiffDocument::Mode::Unified);

    // The added file and a copy of the selection.
    QVERIFY(showFile(w, S("notes.txt")));
    QCOMPARE(describe(w->diffView()->document()), (QStringList{S("hunk"), S("add:1")}));
    w->diffView()->selectAll();
    QCOMPARE(w->diffView()->selectedText(), S("alpha"));
}

void TestReview::navigatesChangesAndUnfolds()
{
    ReviewWindow *w = openReview(m_tidy);
    QVERIFY(w);
    QVERIFY(showFile(w, S("src/calc.c")));
    DiffView *view = w->diffView();
    const QList<int> starts = view->document().changeStarts();
    QCOMPARE(starts.size(), 2);
    QCOMPARE(view->currentRow(), -1);
    w->nextChangeAction()->trigger();
    QCOMPARE(view->currentRow(), starts[0]);
    QCOMPARE(view->document().line(view->currentRow(), ReviewComment::Old)->oldLine, 4);
    w->nextChangeAction()->trigger();
    QCOMPARE(view->currentRow(), starts[1]);
    w->nextChangeAction()->trigger(); // no further change: it stays
    QCOMPARE(view->currentRow(), starts[1]);
    w->previousChangeAction()->trigger();
    QCOMPARE(view->currentRow(), starts[0]);
    // F7 reaches the action from inside the diff view.
    w->activateWindow();
    view->setFocus();
    QVERIFY(QTest::qWaitForWindowActive(w));
    QTest::keyClick(view, Qt::Key_F7);
    QCOMPARE(view->currentRow(), starts[1]);
    QTest::keyClick(view, Qt::Key_F7, Qt::ShiftModifier);
    QCOMPARE(view->currentRow(), starts[0]);

    // Next/previous file.
    QSignalSpy shown(w, &ReviewWindow::fileShown);
    w->nextFileAction()->trigger();
    QCOMPARE(w->currentFile(), S("notes.txt"));
    QVERIFY(!w->nextFileAction()->isEnabled());
    w->previousFileAction()->trigger();
    QCOMPARE(w->currentFile(), S("src/calc.c"));
    QTRY_VERIFY(!shown.isEmpty() && shown.constLast().first().toString() == S("src/calc.c"));
    QCOMPARE(view->document().file().path(), S("src/calc.c"));

    // A click on the fold between the hunks shows its 19 lines (the whole text is loaded).
    const int foldRow = int(describe(view->document()).indexOf(S("fold:19")));
    QVERIFY(foldRow > 0);
    view->scrollToRow(foldRow);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->rowRect(foldRow).center());
    QTRY_VERIFY_WITH_TIMEOUT(!describe(view->document()).contains(S("fold:19")), 30000);
    const QStringList rows = describe(view->document());
    for (int line = 8; line <= 26; ++line)
        QVERIFY2(rows.contains(QStringLiteral("ctx:%1:%1").arg(line)), qPrintable(rows.join(u' ')));
    // Now the end of the file is known too: 7 more lines, one click away.
    QVERIFY2(rows.constLast() == S("fold:7"), qPrintable(rows.join(u' ')));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      view->rowRect(view->document().rowCount() - 1).center());
    QTRY_COMPARE(describe(view->document()).constLast(), S("ctx:40:40"));
    QCOMPARE(view->document().changeStarts().size(), 2);
}

void TestReview::viewedMarkSurvivesReopening()
{
    ReviewWindow *w = openReview(m_tidy);
    QVERIFY(w);
    QVERIFY(showFile(w, S("src/calc.c")));
    // The file on screen through the toolbar; another one through its check box.
    w->viewedAction()->trigger();
    QVERIFY(w->fileModel()->isViewed(S("src/calc.c")));
    const QModelIndex notes = w->fileModel()->indexOf(S("notes.txt"));
    QVERIFY(w->fileModel()->setData(notes, Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(notes.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    ReviewStore *store = w->store(m_tidy);
    QVERIFY(!store->viewedFingerprint(S("notes.txt")).isEmpty()); // known with the file list
    QVERIFY(!store->viewedFingerprint(S("src/calc.c")).isEmpty());
    QVERIFY(QFile::exists(paths::dataDir() + S("/review/") + m_tidy + S(".json")));

    w->close();
    delete w;
    w = openReview(m_tidy);
    QVERIFY(w);
    QTRY_VERIFY(w->fileModel()->files().size() == 2);
    QVERIFY(w->fileModel()->isViewed(S("notes.txt"))); // with the list, not after it
    QVERIFY(w->fileModel()->isViewed(S("src/calc.c")));
    QCOMPARE(w->fileModel()->indexOf(S("notes.txt")).data(Qt::CheckStateRole).toInt(),
             int(Qt::Checked));
    // Unticking is kept too.
    QVERIFY(w->fileModel()->setData(w->fileModel()->indexOf(S("notes.txt")), Qt::Unchecked,
                                    Qt::CheckStateRole));
    QVERIFY(w->store(m_tidy)->viewedFingerprint(S("notes.txt")).isEmpty());
    QVERIFY(w->fileModel()->setData(w->fileModel()->indexOf(S("notes.txt")), Qt::Checked,
                                    Qt::CheckStateRole));
    QVERIFY(!w->store(m_tidy)->viewedFingerprint(S("notes.txt")).isEmpty());
}

void TestReview::requestChangesSendsOneMessage()
{
    ReviewWindow *w = openReview(m_tidy);
    QVERIFY(w);
    QVERIFY(showFile(w, S("src/calc.c")));
    DiffView *view = w->diffView();
    w->unifiedAction()->trigger();
    QVERIFY(!w->requestChangesButton()->isEnabled());

    // A click on the added line's number opens the editor under it.
    const int row = view->document().rowOfLine(ReviewComment::New, 30);
    QVERIFY(row > 0);
    QCOMPARE(view->document().line(row, ReviewComment::New)->kind, DiffLine::Added);
    view->scrollToRow(row);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      view->numberRect(row, ReviewComment::New).center());
    QTRY_VERIFY(view->commentEditor() && view->commentEditor()->isVisible());
    QCOMPARE(view->document().row(view->document().editorRow()).kind, DiffRow::Editor);
    QCOMPARE(view->document().editorRow(), row + 1);
    QTest::keyClicks(view->commentEditor()->textEdit(), S("Use a named constant instead of 300."));
    QTest::mouseClick(view->commentEditor()->saveButton(), Qt::LeftButton);
    QTRY_VERIFY(!view->document().hasEditor());
    QCOMPARE(view->document().row(row + 1).kind, DiffRow::Comment);
    ReviewStore *store = w->store(m_tidy);
    QCOMPARE(store->comments().size(), 1);
    QCOMPARE(store->comments().first().line, 30);
    QCOMPARE(store->comments().first().lineText, S("int f30(void) { return 300; }"));
    QVERIFY(w->requestChangesButton()->isEnabled());
    QCOMPARE(w->requestChangesButton()->text(), S("Request Changes (1)"));

    // The agent's next turn adds a line to the file (the fake model's queue answers it).
    const QString before = m_client->session(m_tidy).head;
    const int inputsBefore = int(inputs(m_tidy).size());
    m_fx.fake().enqueue(QJsonArray{
        QJsonObject{{S("tool"), S("Bash")},
                    {S("delay"), 2}, // time to start another comment while the agent works
                    {S("input"),
                     QJsonObject{{S("command"),
                                  S("printf 'int extra(void) { return 7; }\\n' >> src/calc.c")}}}},
        QJsonObject{{S("text"), S("Added it.")}}});
    // The untouched file's viewed mark never goes off while the list follows the agent.
    bool notesUnmarked = false;
    const QMetaObject::Connection watch = connect(w, &ReviewWindow::filesShown, this, [&] {
        notesUnmarked = notesUnmarked || !w->fileModel()->isViewed(S("notes.txt"));
    });
    QTest::mouseClick(w->requestChangesButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(w->messageBar()->text().contains(S("Sent 1 comment")), 30000);
    QVERIFY(store->comments().isEmpty());
    QCOMPARE(store->sentRequests().size(), 1);
    QVERIFY(!w->requestChangesButton()->isEnabled());
    // The sent comment stays under its line, as a read-only record of round 1.
    QCOMPARE(describe(view->document()).count(S("comment")), 1);
    QCOMPARE(view->document().row(row + 1).kind, DiffRow::Comment);
    QVERIFY(view->document().comments().first().isSent());
    QVERIFY(view->commentLinkRect(row + 1, false).isEmpty());
    // A comment being typed when the diff reloads stays open, text and all.
    CommentEditor *typing = view->openCommentEditor(ReviewComment::New, 4);
    QVERIFY(typing);
    QTest::keyClicks(typing->textEdit(), S("Typed while the agent works."));

    // Exactly one follow-up, naming the line, quoting it and carrying the comment.
    QList<StoredEvent> after;
    QTRY_VERIFY_WITH_TIMEOUT((after = inputs(m_tidy)).size() > inputsBefore, 30000);
    QCOMPARE(after.size(), inputsBefore + 1);
    const QString text =
        QJsonDocument::fromJson(after.constLast().raw).object().value(S("text")).toString();
    QVERIFY2(text.contains(S("src/calc.c:30")), qPrintable(text));
    QVERIFY2(text.contains(S("> int f30(void) { return 300; }")), qPrintable(text));
    QVERIFY2(text.contains(S("Use a named constant instead of 300.")), qPrintable(text));

    // When that turn is saved, the diff on screen shows its change, still on the same file.
    QTRY_VERIFY_WITH_TIMEOUT(m_client->session(m_tidy).head != before, 120000);
    auto showsExtra = [view] {
        for (const DiffLine &l : view->document().lines())
            if (l.kind == DiffLine::Added && l.text == S("int extra(void) { return 7; }"))
                return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(showsExtra(), 30000);
    QCOMPARE(w->currentFile(), S("src/calc.c"));
    QVERIFY(view->commentEditor() && view->commentEditor()->isVisible());
    QCOMPARE(view->commentEditor()->text(), S("Typed while the agent works."));
    QCOMPARE(view->document().editorLine(), 4);
    QVERIFY(store->comments().isEmpty()); // not saved behind the user's back
    QTest::mouseClick(view->commentEditor()->cancelButton(), Qt::LeftButton);
    QTRY_VERIFY(!view->document().hasEditor());
    QTRY_COMPARE(w->branchModel()->branch(m_tidy)->summary.additions, 4);
    // The file changed again: its viewed mark no longer applies; the untouched one keeps it.
    QTRY_VERIFY(!w->fileModel()->isViewed(S("src/calc.c")));
    QVERIFY(w->fileModel()->isViewed(S("notes.txt")));
    QVERIFY(!notesUnmarked);
    disconnect(watch);
}

void TestReview::showsTaskAndLatestResult()
{
    ReviewWindow *w = openReview(m_readme);
    QVERIFY(w);
    w->selectAgent(m_readme);
    QVERIFY(w->contextToggle()->isVisible());
    if (!w->contextToggle()->isChecked())
        w->contextToggle()->click();
    // The task at once; the latest result when the engine's events arrive.
    QVERIFY2(w->contextText().contains(S("Change the files.")), qPrintable(w->contextText()));
    QVERIFY(w->contextToggle()->text().startsWith(S("Task: Change the files.")));
    QTRY_VERIFY_WITH_TIMEOUT(!w->contextLoading(), 30000);
    QVERIFY2(w->contextText().contains(S("Latest result\nDone.")), qPrintable(w->contextText()));
    // Another agent shows its own task.
    w->selectAgent(m_tidy);
    QVERIFY(w->contextText().contains(S("sed -i")));
    QTRY_VERIFY_WITH_TIMEOUT(!w->contextLoading(), 30000);
    QVERIFY(w->contextText().contains(S("Done.")));
    // Collapsed, it keeps only its one line.
    w->contextToggle()->click();
    QVERIFY(!w->findChild<QWidget *>(S("reviewContext"))->isVisible());
    w->contextToggle()->click();
    QVERIFY(w->findChild<QWidget *>(S("reviewContext"))->isVisible());
}

void TestReview::sentCommentsAreThreadsWithRounds()
{
    // After requestChangesSendsOneMessage: round 1 was sent on line 30 and its turn ended.
    ReviewWindow *w = openReview(m_tidy);
    QVERIFY(w);
    w->selectAgent(m_tidy);
    QVERIFY(showFile(w, S("src/calc.c")));
    DiffView *view = w->diffView();
    ReviewStore *store = w->store(m_tidy);
    QCOMPARE(store->sentRounds().size(), 1);
    QCOMPARE(store->sentRounds().first().round, 1);

    CommentEditor *editor = view->openCommentEditor(ReviewComment::New, 4);
    QVERIFY(editor);
    QTest::keyClicks(editor->textEdit(), S("Why 40?"));
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QTRY_COMPARE(store->comments().size(), 1);
    const int turns = m_client->session(m_tidy).turns;
    m_fx.fake().enqueue(QJsonArray{QJsonObject{{S("text"), S("Because it reads better.")}}});
    QTest::mouseClick(w->requestChangesButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(store->comments().isEmpty(), 30000);

    const QList<ReviewStore::SentRound> rounds = store->sentRounds();
    QCOMPARE(rounds.size(), 2);
    QCOMPARE(rounds.at(0).round, 1);
    QCOMPARE(rounds.at(1).round, 2);
    QCOMPARE(rounds.at(1).comments.size(), 1);
    QCOMPARE(rounds.at(1).comments.first().text, S("Why 40?"));
    // Both requests are in the diff at their lines, read-only, labelled with their round.
    QList<ReviewComment> shown;
    for (const DiffRow &r : view->document().rows())
        if (r.kind == DiffRow::Comment)
            shown << view->document().comments().at(r.comment);
    QCOMPARE(shown.size(), 2);
    QCOMPARE(shown.at(0).line, 4);
    QVERIFY2(shown.at(0).sentLabel.startsWith(S("Sent with Request changes · round 2 · ")),
             qPrintable(shown.at(0).sentLabel));
    QCOMPARE(shown.at(1).line, 30);
    QVERIFY2(shown.at(1).sentLabel.startsWith(S("Sent with Request changes · round 1 · ")),
             qPrintable(shown.at(1).sentLabel));
    const int row4 = view->document().rowOfLine(ReviewComment::New, 4);
    QCOMPARE(view->document().row(row4 + 1).kind, DiffRow::Comment);
    QVERIFY(view->commentLinkRect(row4 + 1, false).isEmpty()); // no Edit
    QVERIFY(view->commentLinkRect(row4 + 1, true).isEmpty());  // no Delete
    QVERIFY(!w->requestChangesButton()->isEnabled());          // nothing unsent

    // They are kept: a new window shows them again.
    w->close();
    delete w;
    w = openReview(m_tidy);
    QVERIFY(w);
    w->selectAgent(m_tidy);
    QVERIFY(showFile(w, S("src/calc.c")));
    QCOMPARE(describe(w->diffView()->document()).count(S("comment")), 2);

    // The answer to round 2 becomes the latest result beside the diff.
    QTRY_VERIFY_WITH_TIMEOUT(m_client->session(m_tidy).turns > turns &&
                                 m_client->session(m_tidy).state == SessionState::Idle,
                             120000);
    QTRY_VERIFY_WITH_TIMEOUT(w->contextText().contains(S("Because it reads better.")), 30000);
}

void TestReview::roundsOfOldFilesReadInOrder()
{
    // A file written before rounds were numbered: its requests are rounds 1 and 2.
    const QString session = S("old-format-session");
    const QJsonObject comment{
        {S("id"), S("c1")},          {S("path"), S("a.txt")},
        {S("side"), S("new")},       {S("line"), 3},
        {S("text"), S("Fix this.")}, {S("createdAt"), S("2026-01-01T10:00:00.000Z")}};
    QJsonObject second = comment;
    second.insert(S("id"), S("c2"));
    second.insert(S("line"), 5);
    const QJsonObject file{
        {S("version"), 1},
        {S("sessionId"), session},
        {S("viewed"), QJsonObject{}},
        {S("comments"), QJsonArray{}},
        {S("sent"), QJsonArray{QJsonObject{{S("at"), S("2026-01-01T10:00:00.000Z")},
                                           {S("message"), S("first")},
                                           {S("comments"), QJsonArray{comment}}},
                               QJsonObject{{S("at"), S("2026-01-01T11:00:00.000Z")},
                                           {S("message"), S("second")},
                                           {S("comments"), QJsonArray{second}}}}}};
    const QString path = ReviewStore::filePath(session);
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QJsonDocument(file).toJson());
    f.close();

    ReviewStore store(session);
    QVERIFY(store.loadError().message.isEmpty());
    const QList<ReviewStore::SentRound> rounds = store.sentRounds();
    QCOMPARE(rounds.size(), 2);
    QCOMPARE(rounds.at(0).round, 1);
    QCOMPARE(rounds.at(1).round, 2);
    QCOMPARE(rounds.at(1).message, S("second"));
    const QList<ReviewComment> sent = store.sentComments(S("a.txt"));
    QCOMPARE(sent.size(), 2);
    QVERIFY(sent.at(0).sentLabel.contains(S("round 1")));
    QVERIFY(sent.at(1).sentLabel.contains(S("round 2")));
    QVERIFY(store.sentComments(S("b.txt")).isEmpty());
    // The next request is round 3, and is written down with its number.
    ReviewComment more;
    more.path = S("a.txt");
    more.line = 7;
    more.text = S("More.");
    QVERIFY(store.addComment(more));
    QVERIFY(store.markSent({store.comments().first().id}, S("third")));
    QCOMPARE(ReviewStore(session).sentRounds().constLast().round, 3);
    QCOMPARE(ReviewStore(session).sentRequests().last().toObject().value(S("round")).toInt(), 3);
}

void TestReview::fitsAt1024x700()
{
    ReviewWindow *w = openReview(m_tidy);
    QVERIFY(w);
    w->selectAgent(m_tidy);
    QVERIFY(showFile(w, S("src/calc.c")));
    const QString prefix = qEnvironmentVariable("CHORUS_REVIEW_SCREENSHOT");
    for (const QSize size : {QSize(1024, 700), QSize(1600, 1000)}) {
        w->resize(size);
        QTRY_COMPARE(w->size(), size);
        QTest::qWait(50);
        // Not a check: CHORUS_REVIEW_SCREENSHOT=PREFIX saves PREFIX-<size>-light/dark.png.
        if (!prefix.isEmpty()) {
            const QString tag = QStringLiteral("-%1x%2").arg(size.width()).arg(size.height());
            m_window->actions()->themeLight->trigger();
            QTest::qWait(200);
            QVERIFY(w->grab().save(prefix + tag + S("-light.png")));
            m_window->actions()->themeDark->trigger();
            QTest::qWait(200);
            QVERIFY(w->grab().save(prefix + tag + S("-dark.png")));
            m_window->actions()->themeLight->trigger();
            QTest::qWait(50);
        }
        // Every toolbar action has its button on the bar (none in the overflow menu).
        QToolBar *bar = w->toolBar();
        for (QAction *a : bar->actions()) {
            if (a->isSeparator())
                continue;
            QWidget *button = bar->widgetForAction(a);
            QVERIFY2(button && button->isVisible(), qPrintable(a->objectName()));
            QVERIFY2(bar->rect().contains(button->geometry()), qPrintable(a->objectName()));
        }
        // The buttons under the diff and the task line are whole, inside the window.
        for (QWidget *b : {static_cast<QWidget *>(w->requestChangesButton()),
                           static_cast<QWidget *>(w->approveButton()),
                           static_cast<QWidget *>(w->mergeButton())}) {
            QVERIFY2(b->isVisible(), qPrintable(b->objectName()));
            QVERIFY2(b->width() >= b->sizeHint().width(), qPrintable(b->objectName()));
            const QRect r(b->mapTo(w, QPoint(0, 0)), b->size());
            QVERIFY2(w->rect().contains(r), qPrintable(b->objectName()));
        }
        QVERIFY(w->contextToggle()->isVisible());
    }
}

void TestReview::commentsAreEditedDeletedAndKept()
{
    ReviewWindow *w = openReview(m_readme);
    QVERIFY(w);
    QVERIFY(showFile(w, S("README.md")));
    DiffView *view = w->diffView();
    ReviewStore *store = w->store(m_readme);
    QCOMPARE(store->comments().size(), 0);
    CommentEditor *editor = view->openCommentEditor(ReviewComment::New, 1);
    QVERIFY(editor);
    QTest::keyClicks(editor->textEdit(), S("Say what the project is."));
    QTest::keyClick(editor->textEdit(), Qt::Key_Return, Qt::ControlModifier); // Ctrl+Enter saves
    QTRY_COMPARE(store->comments().size(), 1);
    const int row = view->document().rowOfLine(ReviewComment::New, 1) + 1;
    QCOMPARE(view->document().row(row).kind, DiffRow::Comment);

    // Edit: the editor takes the comment's place with its text.
    view->scrollToRow(row);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      view->commentLinkRect(row, false).center());
    QTRY_VERIFY(view->commentEditor() && view->commentEditor()->isVisible());
    QCOMPARE(view->commentEditor()->text(), S("Say what the project is."));
    QCOMPARE(view->document().row(row).kind, DiffRow::Editor);
    view->commentEditor()->textEdit()->selectAll();
    QTest::keyClicks(view->commentEditor()->textEdit(), S("Say what it does."));
    QTest::mouseClick(view->commentEditor()->saveButton(), Qt::LeftButton);
    QTRY_COMPARE(store->comments().size(), 1);
    QCOMPARE(store->comments().first().text, S("Say what it does."));
    QCOMPARE(view->document().row(row).kind, DiffRow::Comment);

    // Delete.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      view->commentLinkRect(row, true).center());
    QTRY_COMPARE(store->comments().size(), 0);
    QVERIFY(!describe(view->document()).contains(S("comment")));

    // What is typed in an open editor is kept when the window closes.
    editor = view->openCommentEditor(ReviewComment::New, 1);
    QTest::keyClicks(editor->textEdit(), S("Draft that must not be lost."));
    w->close();
    delete w;
    ReviewStore again(m_readme); // what is on disk
    QCOMPARE(again.comments().size(), 1);
    QCOMPARE(again.comments().first().text, S("Draft that must not be lost."));
    QCOMPARE(again.comments().first().path, S("README.md"));
    QCOMPARE(again.comments().first().lineText, S("# agent readme"));
    w = openReview(m_readme);
    QVERIFY(showFile(w, S("README.md")));
    QVERIFY(describe(w->diffView()->document()).contains(S("comment")));
    QCOMPARE(w->requestChangesButton()->text(), S("Request Changes (1)"));
}

void TestReview::approvalSetsTheOption()
{
    ReviewWindow *w = openReview(m_readme);
    QVERIFY(w);
    QTRY_COMPARE(w->currentAgent(), m_readme);
    QPushButton *approve = w->approveButton();
    QTRY_VERIFY(approve->isEnabled());
    QCOMPARE(approve->text(), S("Approve for Merge"));
    QTest::mouseClick(approve, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_client->session(m_readme).branchState.mergeApproved, 30000);
    QTRY_COMPARE(approve->text(), S("Withdraw Approval"));
    QTRY_VERIFY(w->branchModel()->branch(m_readme)->approved);
    QTest::mouseClick(approve, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_client->session(m_readme).branchState.mergeApproved, 30000);
    QTRY_COMPARE(approve->text(), S("Approve for Merge"));
}

void TestReview::mergeNowReportsMergeAndConflict()
{
    ReviewWindow *w = openReview(m_readme);
    QVERIFY(w);
    auto merge = [w] {
        QTRY_VERIFY(w->mergeButton()->isEnabled());
        QTest::mouseClick(w->mergeButton(), Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = w->findChild<QMessageBox *>(S("reviewMergeConfirm"))) != nullptr);
        QVERIFY(box->text().contains(S(" into main")));
        QVERIFY(box->informativeText().contains(S("auto")));
        QPushButton *ok = nullptr;
        for (QAbstractButton *b : box->buttons())
            if (box->buttonRole(b) == QMessageBox::AcceptRole)
                ok = qobject_cast<QPushButton *>(b);
        QVERIFY(ok);
        QTest::mouseClick(ok, Qt::LeftButton);
    };
    // The conflicting branch: nothing merges, the message names the file.
    merge();
    QTRY_VERIFY_WITH_TIMEOUT(w->messageBar()->text().contains(S("conflicts with main")), 60000);
    QVERIFY(w->messageBar()->text().contains(S("README.md")));
    QCOMPARE(w->messageBar()->kind(), MessageBar::Kind::Error);
    QCOMPARE(GitFixture::git(m_repo, {S("show"), S("main:README.md")}), S("# main readme"));
    // Its "Resolve Conflicts…" button asks for the three-way window of this agent and target.
    QPushButton *resolve = w->messageBar()->findChild<QPushButton *>(S("reviewMessageAction"));
    QVERIFY(resolve && resolve->isVisible());
    QSignalSpy resolveSpy(w, &ReviewWindow::resolveConflictsRequested);
    QTest::mouseClick(resolve, Qt::LeftButton);
    QCOMPARE(resolveSpy.size(), 1);
    QCOMPARE(resolveSpy.first().at(0).toString(), m_readme);
    QCOMPARE(resolveSpy.first().at(1).toString(), S("main"));
    // ... which the main window opens, with the conflicted file loaded.
    ConflictWindow *conflicts = nullptr;
    QTRY_VERIFY((conflicts = m_window->findChild<ConflictWindow *>()) != nullptr);
    QTRY_VERIFY(conflicts->isVisible());
    QCOMPARE(conflicts->agent().id, m_readme);
    QTRY_VERIFY_WITH_TIMEOUT(!conflicts->isLoading() && conflicts->conflicts()->size() == 1, 30000);
    QCOMPARE(conflicts->conflicts()->at(0).file.path, S("README.md"));
    conflicts->close(); // deletes itself

    // The clean one merges.
    w->selectAgent(m_tidy);
    QTRY_COMPARE(w->currentAgent(), m_tidy);
    merge();
    QTRY_VERIFY_WITH_TIMEOUT(w->messageBar()->text().contains(S("Merged chorus/tidy into main")),
                             60000);
    QCOMPARE(w->messageBar()->kind(), MessageBar::Kind::Success);
    int code = -1;
    GitFixture::git(m_repo, {S("merge-base"), S("--is-ancestor"), S("chorus/tidy"), S("main")},
                    &code);
    QCOMPARE(code, 0);
    QTRY_COMPARE_WITH_TIMEOUT(w->branchModel()->branch(m_tidy)->forecast(),
                              ReviewBranch::Forecast::Merged, 30000);
    QTRY_VERIFY(!w->mergeButton()->isEnabled());
    // The main window's agent list says where each branch stands.
    auto tipOf = [this](const QString &id) {
        AgentListModel *model = m_window->agentModel();
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->index(row, 0).data(AgentListModel::IdRole).toString() == id)
                return model->index(row, 0).data(Qt::ToolTipRole).toString();
        return QString();
    };
    QTRY_VERIFY(tipOf(m_tidy).contains(S("Branch: chorus/tidy (merged)")));
    QVERIFY2(tipOf(m_readme).contains(S("Branch: chorus/readme (conflict)")), qPrintable(tipOf(m_readme)));

    // Back on the conflicting branch, its last merge attempt is recalled (merge.history).
    w->selectAgent(m_readme);
    QTRY_VERIFY_WITH_TIMEOUT(w->messageBar()->text().contains(S("did not happen (conflict)")),
                             30000);
    QVERIFY(w->messageBar()->text().contains(S("README.md")));
}

// A squash-merged branch whose target has since changed the same lines forecasts a conflict,
// yet the engine's record of its merge says it is merged (the rule itself: mergedState, tested
// in tst_merge).
void TestReview::recordedMergeCountsAsMerged()
{
    ReviewBranch b;
    b.statusKnown = true;
    b.head = S("1111111111111111111111111111111111111111");
    b.baseCommit = S("2222222222222222222222222222222222222222");
    b.status.head = b.head;
    b.status.target = S("main");
    b.status.ahead = 1;
    b.status.clean = false;
    QCOMPARE(b.forecast(), ReviewBranch::Forecast::Conflicts);
    b.merged = Merged::ByContent;
    QCOMPARE(b.forecast(), ReviewBranch::Forecast::Merged);

    // What the rule is asked about: the session's last merge, when it went in, field by field.
    SessionInfo info;
    info.id = S("s");
    info.branchState.merge = BranchState::Merge{
        S("conflict"), S("squash"), S("main"), S("target-commit"), S("branch-head"), {}, {}};
    ReviewBranch r;
    r.takeSession(info);
    QVERIFY(r.recordedMerges.isEmpty());
    QCOMPARE(r.mergeState, S("conflict"));
    for (const QString &state : {S("merged"), S("up-to-date")}) {
        info.branchState.merge->state = state;
        r.takeSession(info);
        QCOMPARE(r.recordedMerges.size(), 1);
        QCOMPARE(r.recordedMerges.at(0).target, S("main"));
        QCOMPARE(r.recordedMerges.at(0).branchHead, S("branch-head"));
        QCOMPARE(r.recordedMerges.at(0).targetCommit, S("target-commit"));
    }
    info.branchState.merge.reset();
    r.takeSession(info);
    QVERIFY(r.recordedMerges.isEmpty());
}

QTEST_MAIN(TestReview)
#include "tst_review.moc"
