// The conflict resolution window: the three-way merge (pure), the marker handling, the
// resolutions a ConflictSet produces, the window on a real repository (git CLI), and one
// merge through the real engine (daemon + Claude Code CLI + fake Messages API).
#include "client/engineclient.h"
#include "conflict/choiceview.h"
#include "conflict/conflictset.h"
#include "conflict/conflictwindow.h"
#include "conflict/textmergeview.h"
#include "enginefixture.h"
#include "git/conflictmarkers.h"
#include "git/threeway.h"
#include "gitfixture.h"
#include "style/theme.h"
#include "widgets/emptystatewidget.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <memory>

using namespace chorus;
using chorus::test::GitFixture;

namespace {

QString S(const char *s)
{
    return QString::fromUtf8(s);
}

// Every side's ranges follow each other without gap or overlap and cover the whole side.
bool chunksCover(const ThreeWayMerge &m, QString *why)
{
    int next[3] = {0, 0, 0};
    for (const MergeChunk &c : m.chunks()) {
        const LineRange r[3] = {c.base, c.ours, c.theirs};
        for (int s = 0; s < 3; ++s) {
            if (r[s].start != next[s] || r[s].count < 0) {
                *why = QStringLiteral("side %1: chunk starts at %2, expected %3").arg(s).arg(r[s].start).arg(next[s]);
                return false;
            }
            next[s] = r[s].end();
        }
    }
    const MergeSide sides[3] = {MergeSide::Base, MergeSide::Ours, MergeSide::Theirs};
    for (int s = 0; s < 3; ++s) {
        if (next[s] != m.lines(sides[s]).size()) {
            *why = QStringLiteral("side %1 covered up to %2 of %3").arg(s).arg(next[s]).arg(m.lines(sides[s]).size());
            return false;
        }
    }
    return true;
}

QString applyHunks(const QStringList &a, const QStringList &b, const QList<LineHunk> &hunks)
{
    QString out;
    int pos = 0;
    for (const LineHunk &h : hunks) {
        for (int i = pos; i < h.aStart; ++i)
            out += a.at(i);
        for (int i = h.bStart; i < h.bEnd; ++i)
            out += b.at(i);
        pos = h.aEnd;
    }
    for (int i = pos; i < a.size(); ++i)
        out += a.at(i);
    return out;
}

const MarkerLabels kLabels{S("main (target)"), S("chorus/x (agent)")};

// A content conflict entry as ConflictEntry::fromVersions makes it, from texts.
ConflictEntry textEntry(const QString &path, const QString &base, const QString &ours, const QString &theirs,
                        const QString &theirsBlob = S("t1"))
{
    ConflictEntry e;
    e.file.path = path;
    e.file.kind = S("content");
    e.file.ancestorBlob = S("a1");
    e.file.oursBlob = S("o1");
    e.file.theirsBlob = theirsBlob;
    e.base = base.toUtf8();
    e.ours = ours.toUtf8();
    e.theirs = theirs.toUtf8();
    e.isText = true;
    e.merge = ThreeWayMerge::compute(base, ours, theirs);
    e.labels = kLabels;
    e.ownMarkers = markerLikeLines(base) + markerLikeLines(ours) + markerLikeLines(theirs);
    e.result = e.initialResult();
    e.markersLeft = int(findMarkerBlocks(e.result, e.ownMarkers).size());
    e.hasMarkers = hasConflictMarkers(e.result, e.ownMarkers);
    return e;
}

QToolButton *buttonFor(QWidget *root, QAction *action)
{
    for (QToolButton *b : root->findChildren<QToolButton *>())
        if (b->defaultAction() == action)
            return b;
    return nullptr;
}

// On the indicator: a radio button's label does not span its whole width.
void clickRadio(QRadioButton *b)
{
    QTest::mouseClick(b, Qt::LeftButton, {}, QPoint(b->height() / 2, b->height() / 2));
}

QMessageBox *outcomeBox(QWidget *window)
{
    return window->findChild<QMessageBox *>(S("conflictOutcome"));
}

} // namespace

class TestConflict : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    // threeway
    void splitLinesKeepsTerminators();
    void diffLinesRebuildsTheOtherSide();
    void threeWay_data();
    void threeWay();
    void takeBothEndsUnterminatedLines_data();
    void takeBothEndsUnterminatedLines();
    void oneSidedEditsAlwaysMerge();
    void mapLineFollowsChunks();

    // markers and resolutions
    void markersRenderAndParse();
    void markersTheFileHasAreNotConflicts();
    void resolutionIsExactUnlessEdited();
    void choicesResolveOtherFiles();
    void mergeWithoutOverlapNeedsAcceptance();
    void savedWorkComesBackOnlyForTheSameConflict();
    void renameKeepsEitherName();

    // the window on a repository
    void windowListsAndResolves();
    void windowKeepsWorkAcrossClose();
    void windowNavigatesConflicts();
    void windowShowsCleanMerge();

    // the whole way through the engine
    void mergeThroughEngine();
    void renameMergedUnderTheAgentsName();

    // Not a test: CHORUS_CONFLICT_SCREENSHOTS=DIR saves the window in light and dark there.
    void screenshots();

private:
    QString makeConflictRepo(const QString &root);

    QTemporaryDir m_tmp;
};

void TestConflict::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    // Saved resolutions and window geometry go to a private world.
    qputenv("XDG_DATA_HOME", (m_tmp.path() + S("/data")).toUtf8());
    qputenv("XDG_CONFIG_HOME", (m_tmp.path() + S("/config")).toUtf8());
    qunsetenv("CHORUS_DATA_DIR");
}

// ---- threeway ----

void TestConflict::splitLinesKeepsTerminators()
{
    QCOMPARE(splitLines(S("a\nb\r\nc")), (QStringList{S("a\n"), S("b\r\n"), S("c")}));
    QCOMPARE(splitLines(S("a\n")), QStringList{S("a\n")});
    QCOMPARE(splitLines(QString()), QStringList());
    QCOMPARE(splitLines(S("\n\n")), (QStringList{S("\n"), S("\n")}));
}

void TestConflict::diffLinesRebuildsTheOtherSide()
{
    const QStringList a = splitLines(S("a\nb\nc\nd\ne\nf\n"));
    const QStringList b = splitLines(S("a\nc\nd\nX\ne\nf\nY\n"));
    const QList<LineHunk> h = diffLines(a, b);
    QCOMPARE(applyHunks(a, b, h), b.join(QString()));
    // Minimal: b deleted, X inserted, Y appended.
    QCOMPARE(h.size(), 3);
    QCOMPARE(h.at(0).aStart, 1);
    QCOMPARE(h.at(0).aEnd, 2);
    QCOMPARE(h.at(0).bEnd - h.at(0).bStart, 0);
    QVERIFY(diffLines(a, a).isEmpty());
}

void TestConflict::threeWay_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("ours");
    QTest::addColumn<QString>("theirs");
    QTest::addColumn<int>("conflicts");
    QTest::addColumn<QString>("takingOurs");   // every conflict resolved with the target's lines
    QTest::addColumn<QString>("takingTheirs"); // ... with the agent's

    const QString abc = S("a\nb\nc\n");
    QTest::newRow("target only") << abc << S("a\nB\nc\n") << abc << 0 << S("a\nB\nc\n") << S("a\nB\nc\n");
    QTest::newRow("agent only") << abc << abc << S("a\nb\nC\n") << 0 << S("a\nb\nC\n") << S("a\nb\nC\n");
    QTest::newRow("both, apart") << S("a\nb\nc\nd\ne\n") << S("a\nB\nc\nd\ne\n") << S("a\nb\nc\nD\ne\n") << 0
                                 << S("a\nB\nc\nD\ne\n") << S("a\nB\nc\nD\ne\n");
    QTest::newRow("same change") << abc << S("a\nX\nc\n") << S("a\nX\nc\n") << 0 << S("a\nX\nc\n") << S("a\nX\nc\n");
    QTest::newRow("true conflict") << abc << S("a\nO\nc\n") << S("a\nT\nc\n") << 1 << S("a\nO\nc\n") << S("a\nT\nc\n");
    QTest::newRow("two conflicts") << S("a\nb\nc\nd\ne\n") << S("a\nB1\nc\nD1\ne\n") << S("a\nB2\nc\nD2\ne\n") << 2
                                   << S("a\nB1\nc\nD1\ne\n") << S("a\nB2\nc\nD2\ne\n");
    // Changes to neighbouring lines conflict, as in git.
    QTest::newRow("adjacent changes") << S("a\nb\nc\nd\n") << S("a\nB\nc\nd\n") << S("a\nb\nC\nd\n") << 1
                                      << S("a\nB\nc\nd\n") << S("a\nb\nC\nd\n");
    QTest::newRow("insert at start, change at end") << abc << S("x\na\nb\nc\n") << S("a\nb\nC\n") << 0
                                                    << S("x\na\nb\nC\n") << S("x\na\nb\nC\n");
    QTest::newRow("both insert at start") << S("a\nb\n") << S("x\na\nb\n") << S("y\na\nb\n") << 1 << S("x\na\nb\n")
                                          << S("y\na\nb\n");
    QTest::newRow("both append at end") << S("a\nb\n") << S("a\nb\nx\n") << S("a\nb\ny\n") << 1 << S("a\nb\nx\n")
                                        << S("a\nb\ny\n");
    QTest::newRow("append and insert at start") << S("a\nb\n") << S("a\nb\nx\n") << S("y\na\nb\n") << 0
                                                << S("y\na\nb\nx\n") << S("y\na\nb\nx\n");
    QTest::newRow("deletion on one side") << S("a\nb\nc\nd\ne\n") << S("a\nc\nd\ne\n") << S("a\nb\nc\nd\nE\n") << 0
                                          << S("a\nc\nd\nE\n") << S("a\nc\nd\nE\n");
    QTest::newRow("deletion against change") << abc << S("a\nc\n") << S("a\nB\nc\n") << 1 << S("a\nc\n")
                                             << S("a\nB\nc\n");
    QTest::newRow("same deletion") << abc << S("a\nc\n") << S("a\nc\n") << 0 << S("a\nc\n") << S("a\nc\n");
    QTest::newRow("everything deleted on one side") << abc << QString() << abc << 0 << QString() << QString();
    QTest::newRow("no final newline, kept") << S("a\nb") << S("A\nb") << S("a\nb") << 0 << S("A\nb") << S("A\nb");
    QTest::newRow("no final newline, appended to") << S("a\nm\nb") << S("A\nm\nb") << S("a\nm\nb\nc") << 0
                                                   << S("A\nm\nb\nc") << S("A\nm\nb\nc");
    QTest::newRow("final newline added") << S("a\nm\nb") << S("A\nm\nb") << S("a\nm\nb\n") << 0 << S("A\nm\nb\n")
                                         << S("A\nm\nb\n");
    QTest::newRow("final newline against change") << S("a\nb") << S("a\nb\n") << S("a\nB") << 1 << S("a\nb\n")
                                                  << S("a\nB");
    QTest::newRow("CRLF kept") << S("a\r\nb\r\nc\r\nd\r\n") << S("a\r\nB\r\nc\r\nd\r\n") << S("a\r\nb\r\nc\r\nD\r\n")
                               << 0 << S("a\r\nB\r\nc\r\nD\r\n") << S("a\r\nB\r\nc\r\nD\r\n");
    QTest::newRow("CRLF conflict") << S("a\r\nb\r\n") << S("a\r\nO\r\n") << S("a\r\nT\r\n") << 1 << S("a\r\nO\r\n")
                                   << S("a\r\nT\r\n");
    // add/add: no base; the common lines are not part of the conflict.
    QTest::newRow("added on both, narrowed") << QString() << S("h\nx\nf\n") << S("h\ny\nf\n") << 1 << S("h\nx\nf\n")
                                             << S("h\ny\nf\n");
    QTest::newRow("added on both, identical") << QString() << S("h\n") << S("h\n") << 0 << S("h\n") << S("h\n");
    QTest::newRow("empty") << QString() << QString() << QString() << 0 << QString() << QString();
}

void TestConflict::threeWay()
{
    QFETCH(QString, base);
    QFETCH(QString, ours);
    QFETCH(QString, theirs);
    QFETCH(int, conflicts);
    QFETCH(QString, takingOurs);
    QFETCH(QString, takingTheirs);
    const ThreeWayMerge m = ThreeWayMerge::compute(base, ours, theirs);
    QString why;
    QVERIFY2(chunksCover(m, &why), qPrintable(why));
    QCOMPARE(m.conflictCount(), conflicts);
    for (int c : m.conflicts()) {
        const MergeChunk &chunk = m.chunks().at(c);
        QVERIFY(m.text(MergeSide::Ours, chunk.ours) != m.text(MergeSide::Theirs, chunk.theirs));
    }
    QCOMPARE(m.mergedText(Take::Ours), takingOurs);
    QCOMPARE(m.mergedText(Take::Theirs), takingTheirs);
}

void TestConflict::takeBothEndsUnterminatedLines_data()
{
    QTest::addColumn<QString>("eol");
    QTest::newRow("LF") << S("\n");
    QTest::newRow("CRLF") << S("\r\n");
}

void TestConflict::takeBothEndsUnterminatedLines()
{
    QFETCH(QString, eol);
    // Both sides add a last line without a newline: putting both in must not glue them.
    const ThreeWayMerge m = ThreeWayMerge::compute(S("a") + eol, S("a") + eol + S("x"), S("a") + eol + S("y"));
    QCOMPARE(m.conflictCount(), 1);
    QCOMPARE(m.lineEnding(), eol);
    QCOMPARE(m.mergedText(Take::OursThenTheirs), S("a") + eol + S("x") + eol + S("y"));
    QCOMPARE(m.mergedText(Take::TheirsThenOurs), S("a") + eol + S("y") + eol + S("x"));
}

void TestConflict::oneSidedEditsAlwaysMerge()
{
    // Random bases with repeated lines (which make diffs ambiguous) and random edits on one
    // side: that side's version is the merge, with no conflict, whichever side it is.
    QRandomGenerator rng(20240611);
    const QStringList alphabet{S("x\n"), S("y\n"), S("z\n"), S("{\n"), S("}\n"), S("\n")};
    auto randomText = [&](int lines) {
        QString t;
        for (int i = 0; i < lines; ++i)
            t += alphabet.at(int(rng.bounded(qsizetype(alphabet.size()))));
        return t;
    };
    auto edit = [&](const QString &text) {
        QStringList lines = splitLines(text);
        const int edits = int(rng.bounded(1, 6));
        for (int e = 0; e < edits; ++e) {
            const int at = lines.isEmpty() ? 0 : int(rng.bounded(qsizetype(lines.size())));
            switch (rng.bounded(3)) {
            case 0:
                lines.insert(at, S("new %1\n").arg(e));
                break;
            case 1:
                if (!lines.isEmpty())
                    lines.removeAt(at);
                break;
            default:
                if (!lines.isEmpty())
                    lines[at] = S("changed %1\n").arg(e);
                break;
            }
        }
        return lines.join(QString());
    };
    for (int round = 0; round < 300; ++round) {
        const QString base = randomText(int(rng.bounded(0, 25)));
        const QString changed = edit(base);
        QString why;
        const ThreeWayMerge ours = ThreeWayMerge::compute(base, changed, base);
        QVERIFY2(chunksCover(ours, &why), qPrintable(why));
        QCOMPARE(ours.conflictCount(), 0);
        QCOMPARE(ours.mergedText(Take::Ours), changed);
        const ThreeWayMerge theirs = ThreeWayMerge::compute(base, base, changed);
        QCOMPARE(theirs.conflictCount(), 0);
        QCOMPARE(theirs.mergedText(Take::Ours), changed);
        const ThreeWayMerge same = ThreeWayMerge::compute(base, changed, changed);
        QCOMPARE(same.conflictCount(), 0);
        QCOMPARE(same.mergedText(Take::Theirs), changed);
        const QString other = edit(base);
        const ThreeWayMerge both = ThreeWayMerge::compute(base, changed, other);
        QVERIFY2(chunksCover(both, &why), qPrintable(why));
        QCOMPARE(applyHunks(splitLines(base), splitLines(changed), diffLines(splitLines(base), splitLines(changed))),
                 changed);
    }
}

void TestConflict::mapLineFollowsChunks()
{
    // The target inserted two lines at the top; the agent deleted line c.
    const ThreeWayMerge m = ThreeWayMerge::compute(S("a\nb\nc\nd\n"), S("1\n2\na\nb\nc\nd\n"), S("a\nb\nd\n"));
    QCOMPARE(m.mapLine(MergeSide::Base, 0, MergeSide::Ours), 2);
    QCOMPARE(m.mapLine(MergeSide::Ours, 5, MergeSide::Base), 3);
    QCOMPARE(m.mapLine(MergeSide::Base, 3, MergeSide::Theirs), 2);
    QCOMPARE(m.mapLine(MergeSide::Base, 2, MergeSide::Theirs), 2); // deleted: where it was
    QCOMPARE(m.mapLine(MergeSide::Ours, 0, MergeSide::Base), 0);
    QCOMPARE(m.mapLine(MergeSide::Base, 99, MergeSide::Ours), 6);
}

// ---- markers and resolutions ----

void TestConflict::markersRenderAndParse()
{
    const ThreeWayMerge m = ThreeWayMerge::compute(S("a\nb\nc\n"), S("a\nO\nc\n"), S("a\nT\nc\n"));
    const QString text = renderWithMarkers(m, {}, kLabels);
    QCOMPARE(text, S("a\n<<<<<<< main (target) #1\nO\n=======\nT\n>>>>>>> chorus/x (agent) #1\nc\n"));
    QVERIFY(hasConflictMarkers(text));
    const QList<MarkerBlock> blocks = findMarkerBlocks(text);
    QCOMPARE(blocks.size(), 1);
    QCOMPARE(blocks.first().number, 1);
    QCOMPARE(blocks.first().ours, S("O\n"));
    QCOMPARE(blocks.first().theirs, S("T\n"));
    QVERIFY(blocks.first().closed);
    QCOMPARE(blocks.first().start, qsizetype(2));
    QCOMPARE(text.mid(blocks.first().end), S("c\n"));

    const QString taken = renderWithMarkers(m, {{m.conflicts().first(), Take::Theirs}}, kLabels);
    QCOMPARE(taken, S("a\nT\nc\n"));
    QVERIFY(!hasConflictMarkers(taken));
    QVERIFY(findMarkerBlocks(taken).isEmpty());

    // A conflict in a last line without newline still gets markers on lines of their own.
    const ThreeWayMerge end = ThreeWayMerge::compute(S("a\n"), S("a\nx"), S("a\ny"));
    const QString endText = renderWithMarkers(end, {}, kLabels);
    QCOMPARE(endText, S("a\n<<<<<<< main (target) #1\nx\n=======\ny\n>>>>>>> chorus/x (agent) #1\n"));

    // A block whose closing marker was deleted by hand is still a block, and still unresolved.
    const QString broken = S("a\n<<<<<<< mine\nO\n=======\nT\nc\n");
    QCOMPARE(findMarkerBlocks(broken).size(), 1);
    QVERIFY(!findMarkerBlocks(broken).first().closed);
    QCOMPARE(findMarkerBlocks(broken).first().number, 0);
    QVERIFY(hasConflictMarkers(broken));
    // A stray closing marker alone is no block but still blocks saving.
    QVERIFY(findMarkerBlocks(S("a\n>>>>>>> x\n")).isEmpty());
    QVERIFY(hasConflictMarkers(S("a\n>>>>>>> x\n")));
}

void TestConflict::markersTheFileHasAreNotConflicts()
{
    // A test fixture that contains marker lines in every version: not a conflict.
    const QString base = S("doc\n<<<<<<< example\nline\n>>>>>>> example\n");
    const QSet<QString> own = markerLikeLines(base);
    QCOMPARE(own.size(), 2);
    QVERIFY(!hasConflictMarkers(base, own));
    QVERIFY(findMarkerBlocks(base, own).isEmpty());
    QVERIFY(hasConflictMarkers(base)); // without knowing the file's own lines it would be one
    QVERIFY(hasConflictMarkers(base + S("<<<<<<< main (target) #1\n"), own));
}

void TestConflict::resolutionIsExactUnlessEdited()
{
    // Mostly CRLF, one LF line, a last line without newline that only the target changed.
    const QString base = S("a\r\nb\nc\r\nd");
    const QString ours = S("a\r\nO\nc\r\nD");
    const QString theirs = S("a\r\nT\nc\r\nd");
    ConflictSet set;
    set.reset({textEntry(S("f.txt"), base, ours, theirs)});
    const ConflictEntry &e = set.at(0);
    QVERIFY(e.usesTextMerge());
    QCOMPARE(e.markersLeft, 1);
    QVERIFY(!e.isResolved());
    QVERIFY(set.resolutions().isEmpty());
    QVERIFY(!set.allResolved());
    QVERIFY(!e.result.contains(QLatin1Char('\r'))); // the editor's form

    // A quick choice: byte for byte, line endings and the missing final newline included.
    const int chunk = e.merge.conflicts().first();
    QSignalSpy changed(&set, &ConflictSet::entryChanged);
    set.setTake(0, chunk, Take::Theirs);
    set.setResult(0, toEditorText(renderWithMarkers(e.merge, {{chunk, Take::Theirs}}, kLabels)));
    QVERIFY(changed.count() >= 2);
    QVERIFY(set.at(0).isResolved());
    QCOMPARE(set.resolutions().value(S("f.txt")), std::optional<QByteArray>("a\r\nT\nc\r\nD"));

    // Edited by hand: the editor's text with the file's line ending.
    set.setResult(0, S("a\nmine\nc\nD"));
    QCOMPARE(set.resolutions().value(S("f.txt")), std::optional<QByteArray>("a\r\nmine\r\nc\r\nD"));

    // A marker left behind: not resolved, not in the resolutions.
    set.setResult(0, S("a\n<<<<<<< main (target) #1\nc\nD"));
    QVERIFY(!set.at(0).isResolved());
    QVERIFY(!set.resolutions().contains(S("f.txt")));
}

void TestConflict::choicesResolveOtherFiles()
{
    ConflictEntry gone; // the target changed it, the agent deleted it
    gone.file.path = S("old.txt");
    gone.file.kind = S("modify/delete");
    gone.file.ancestorBlob = S("a");
    gone.file.oursBlob = S("o");
    gone.ours = "target's\n";
    ConflictEntry binary;
    binary.file.path = S("logo.png");
    binary.file.kind = S("content");
    binary.file.ancestorBlob = S("a2");
    binary.file.oursBlob = S("o2");
    binary.file.theirsBlob = S("t2");
    binary.ours = QByteArray("\x89PNG\0ours", 9);
    binary.theirs = QByteArray("\x89PNG\0theirs", 11);
    ConflictSet set;
    set.reset({gone, binary});
    QVERIFY(!set.at(0).usesTextMerge());
    QVERIFY(!set.at(1).usesTextMerge());
    QVERIFY(!set.at(0).canChoose(ConflictEntry::Choice::Theirs)); // nothing to keep
    QVERIFY(set.at(0).canChoose(ConflictEntry::Choice::Ours));
    QCOMPARE(set.resolvedCount(), 0);

    set.setChoice(0, ConflictEntry::Choice::Delete);
    set.setChoice(1, ConflictEntry::Choice::Theirs);
    QVERIFY(set.allResolved());
    const auto r = set.resolutions();
    QCOMPARE(r.size(), 2);
    QVERIFY(r.contains(S("old.txt")));
    QVERIFY(!r.value(S("old.txt")).has_value());
    QCOMPARE(r.value(S("logo.png")), std::optional<QByteArray>(binary.theirs));
    set.setChoice(0, ConflictEntry::Choice::Ours);
    QCOMPARE(set.resolutions().value(S("old.txt")), std::optional<QByteArray>("target's\n"));
}

void TestConflict::mergeWithoutOverlapNeedsAcceptance()
{
    // git reported a conflict the line merge does not see: nothing is taken unseen.
    ConflictSet set;
    set.reset({textEntry(S("apart.txt"), S("a\nb\nc\nd\n"), S("A\nb\nc\nd\n"), S("a\nb\nc\nD\n"))});
    QCOMPARE(set.at(0).merge.conflictCount(), 0);
    QVERIFY(!set.at(0).hasMarkers);
    QVERIFY(!set.at(0).isResolved());
    QVERIFY(set.resolutions().isEmpty());
    TextMergeView view(&set);
    view.resize(900, 600);
    view.show();
    view.showEntry(0);
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.acceptButton()->isVisible());
    QCOMPARE(view.resultEditor()->toPlainText(), S("A\nb\nc\nD\n"));
    QTest::mouseClick(view.acceptButton(), Qt::LeftButton);
    QVERIFY(set.at(0).isResolved());
    QVERIFY(!view.acceptButton()->isVisible());
    QCOMPARE(set.resolutions().value(S("apart.txt")), std::optional<QByteArray>("A\nb\nc\nD\n"));
}

void TestConflict::savedWorkComesBackOnlyForTheSameConflict()
{
    const QString base = S("a\nb\nc\n");
    ConflictSet set;
    set.reset({textEntry(S("one.txt"), base, S("a\nO\nc\n"), S("a\nT\nc\n")),
               textEntry(S("two.txt"), base, S("a\nO2\nc\n"), S("a\nT2\nc\n"))});
    const int chunk = set.at(0).merge.conflicts().first();
    set.setTake(0, chunk, Take::Ours);
    set.setResult(0, S("a\nO\nc\n"));
    QVERIFY(set.hasWork());
    const QJsonObject saved = set.saveState();
    QCOMPARE(saved.value(S("files")).toArray().size(), 1); // only what the user touched

    // The same conflicts: the work comes back, with its quick choice (exact bytes again).
    ConflictSet again;
    again.reset({textEntry(S("one.txt"), base, S("a\nO\nc\n"), S("a\nT\nc\n")),
                 textEntry(S("two.txt"), base, S("a\nO2\nc\n"), S("a\nT2\nc\n"))});
    QCOMPARE(again.restoreState(saved), 1);
    QVERIFY(again.at(0).isResolved());
    QVERIFY(!again.at(1).isResolved());
    QCOMPARE(again.at(0).takes.value(chunk), Take::Ours);
    QCOMPARE(again.resolutions().value(S("one.txt")), std::optional<QByteArray>("a\nO\nc\n"));

    // The agent's version changed since: what was typed no longer applies.
    ConflictSet moved;
    moved.reset({textEntry(S("one.txt"), base, S("a\nO\nc\n"), S("a\nT3\nc\n"), S("t-other"))});
    QCOMPARE(moved.restoreState(saved), 0);
    QVERIFY(!moved.at(0).isResolved());
}

void TestConflict::renameKeepsEitherName()
{
    ConflictEntry renamed; // a.txt: the target named it target.txt, the agent agent.txt
    renamed.file.path = S("target.txt");
    renamed.file.kind = S("rename");
    renamed.file.ancestorPath = S("a.txt");
    renamed.file.oursPath = S("target.txt");
    renamed.file.theirsPath = S("agent.txt");
    renamed.file.ancestorBlob = S("a");
    renamed.file.oursBlob = S("o");
    renamed.file.theirsBlob = S("t");
    renamed.ours = "target's\n";
    renamed.theirs = "agent's\n";
    ConflictEntry oneName = renamed; // only one side has a name for it: nothing to choose
    oneName.file.path = S("b.txt");
    oneName.file.oursPath = S("b.txt");
    oneName.file.theirsPath = S("b.txt");
    ConflictSet set;
    set.reset({renamed, oneName});
    QVERIFY(set.at(0).hasNameChoice());
    QVERIFY(!set.at(1).hasNameChoice());

    // The target's name unless the agent's is chosen; the version is a choice of its own.
    set.setChoice(0, ConflictEntry::Choice::Theirs);
    using Resolutions = QHash<QString, std::optional<QByteArray>>;
    QCOMPARE(set.resolutions(), (Resolutions{{S("target.txt"), QByteArray("agent's\n")}}));
    set.setName(0, ConflictEntry::Name::Agent);
    QCOMPARE(set.resolutions(), (Resolutions{{S("agent.txt"), QByteArray("agent's\n")}}));
    set.setChoice(0, ConflictEntry::Choice::Ours);
    QCOMPARE(set.resolutions(), (Resolutions{{S("agent.txt"), QByteArray("target's\n")}}));
    set.setName(1, ConflictEntry::Name::Agent); // ignored: the file has one name
    QCOMPARE(set.at(1).name, ConflictEntry::Name::Target);
    set.setChoice(1, ConflictEntry::Choice::Theirs);
    QCOMPARE(set.resolutions().value(S("b.txt")), std::optional<QByteArray>("agent's\n"));

    // The name survives a save; a file saved before names could be chosen has the target's.
    const QJsonObject saved = set.saveState();
    ConflictSet again;
    again.reset({renamed, oneName});
    QCOMPARE(again.restoreState(saved), 2);
    QCOMPARE(again.at(0).name, ConflictEntry::Name::Agent);
    QCOMPARE(again.resolutions(), set.resolutions());
    QJsonObject old = saved;
    QJsonArray files = old.value(S("files")).toArray();
    QJsonObject first = files.at(0).toObject();
    QCOMPARE(first.value(S("name")).toString(), S("agent"));
    first.remove(S("name"));
    files.replace(0, first);
    old.insert(S("files"), files);
    ConflictSet before;
    before.reset({renamed, oneName});
    QCOMPARE(before.restoreState(old), 2);
    QCOMPARE(before.at(0).name, ConflictEntry::Name::Target);
    QCOMPARE(before.resolutions().value(S("target.txt")), std::optional<QByteArray>("target's\n"));
}

// ---- the window ----

// A repository on main whose branch chorus/agent conflicts with it: notes.txt (both changed
// line two; the target also line five), old.txt (the target changed it, the agent deleted it),
// and agent.txt (only the agent added it: no conflict).
QString TestConflict::makeConflictRepo(const QString &root)
{
    GitFixture fx(root);
    const QString repo = fx.makeRepo(S("repo"));
    GitFixture::commit(repo, S("notes"),
                       {{S("notes.txt"), "one\ntwo\nthree\nfour\nfive\n"}, {S("old.txt"), "keep me\n"}});
    GitFixture::git(repo, {S("checkout"), S("-q"), S("-b"), S("chorus/agent")});
    GitFixture::git(repo, {S("rm"), S("-q"), S("old.txt")});
    GitFixture::commit(repo, S("agent work"),
                       {{S("notes.txt"), "one\ntwo (agent)\nthree\nfour\nfive\n"}, {S("agent.txt"), "new\n"}});
    GitFixture::git(repo, {S("checkout"), S("-q"), S("main")});
    GitFixture::commit(repo, S("target work"),
                       {{S("notes.txt"), "one\ntwo (target)\nthree\nfour\nfive (target)\n"},
                        {S("old.txt"), "keep me, target\n"}});
    return repo;
}

void TestConflict::windowListsAndResolves()
{
    QTemporaryDir dir;
    const QString repo = makeConflictRepo(dir.path());
    SessionInfo agent;
    agent.id = S("session-lists");
    agent.name = S("agent");
    agent.repo = repo;
    agent.branch = S("chorus/agent");
    EngineClient client; // not connected: nothing here talks to the engine
    ConflictWindow w(&client, agent, S("main"));
    QSignalSpy loaded(&w, &ConflictWindow::loaded);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
    QCOMPARE(loaded.count(), 1);

    ConflictSet *set = w.conflicts();
    QCOMPARE(set->size(), 2);
    QCOMPARE(w.fileList()->model()->rowCount(), 2);
    const int notes = set->indexOf(S("notes.txt"));
    const int old = set->indexOf(S("old.txt"));
    QVERIFY(notes >= 0 && old >= 0);
    QCOMPARE(set->at(notes).file.kind, S("content"));
    QCOMPARE(set->at(old).file.kind, S("modify/delete"));
    QVERIFY(!w.mergeButton()->isEnabled());
    QVERIFY(w.resolverButton()->isEnabled());
    QCOMPARE(w.statusLabel()->text(), S("Files resolved: 0 of 2."));

    // notes.txt: one conflict (line two); line five came from the target by itself.
    w.selectFile(notes);
    TextMergeView *view = w.textView();
    QVERIFY(view->isVisible());
    QCOMPARE(view->blocks().size(), 1);
    QVERIFY(view->resultEditor()->toPlainText().contains(S("five (target)")));
    QCOMPARE(view->pane(MergeSide::Theirs)->toPlainText(), S("one\ntwo (agent)\nthree\nfour\nfive\n"));
    QVERIFY(view->conflictLabel()->text().contains(S("1")));
    QToolButton *takeAgent = buttonFor(view, view->takeAction(Take::Theirs));
    QVERIFY(takeAgent);
    QTest::mouseClick(takeAgent, Qt::LeftButton);
    QVERIFY(view->blocks().isEmpty());
    QVERIFY(set->at(notes).isResolved());
    QVERIFY(!view->takeAction(Take::Theirs)->isEnabled());
    QVERIFY(!w.mergeButton()->isEnabled()); // old.txt is still open

    // old.txt: a choice, not a text merge; the agent's side has nothing to keep.
    w.selectFile(old);
    ChoiceView *choice = w.choiceView();
    QVERIFY(choice->isVisible());
    QVERIFY(!view->isVisible());
    QVERIFY(!choice->button(ConflictEntry::Choice::Theirs)->isVisible());
    QVERIFY(choice->button(ConflictEntry::Choice::Ours)->isVisible());
    QVERIFY(choice->preview()->toPlainText().contains(S("keep me, target")));
    clickRadio(choice->button(ConflictEntry::Choice::Delete));
    QVERIFY(set->at(old).isResolved());

    QTRY_VERIFY(w.mergeButton()->isEnabled());
    QCOMPARE(w.statusLabel()->text(), S("Every file is resolved."));
    const auto r = set->resolutions();
    QCOMPARE(r.size(), 2);
    QCOMPARE(r.value(S("notes.txt")), std::optional<QByteArray>("one\ntwo (agent)\nthree\nfour\nfive (target)\n"));
    QVERIFY(r.contains(S("old.txt")));
    QVERIFY(!r.value(S("old.txt")).has_value());
    QCOMPARE(w.fileList()->model()->index(notes, 2).data().toString(), w.fileList()->model()->index(old, 2).data().toString());

    // Typing a marker back in makes the file unresolved again and the merge impossible.
    w.selectFile(notes);
    QTextCursor c = view->resultEditor()->textCursor();
    c.movePosition(QTextCursor::End);
    view->resultEditor()->setTextCursor(c);
    QTest::keyClicks(view->resultEditor(), S(">>>>>>> oops"));
    view->flush();
    QVERIFY(!set->at(notes).isResolved());
    QVERIFY(!w.mergeButton()->isEnabled());
    QVERIFY(!set->resolutions().contains(S("notes.txt")));
}

void TestConflict::windowKeepsWorkAcrossClose()
{
    QTemporaryDir dir;
    const QString repo = makeConflictRepo(dir.path());
    SessionInfo agent;
    agent.id = S("session-keeps");
    agent.name = S("agent");
    agent.repo = repo;
    agent.branch = S("chorus/agent");
    EngineClient client;
    const QString statePath = ConflictWindow::stateFilePath(agent.id, S("main"));
    QVERIFY(statePath.startsWith(m_tmp.path()));
    QVERIFY(!QFile::exists(statePath));
    {
        ConflictWindow w(&client, agent, QString()); // the default target: main
        w.show();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
        QCOMPARE(w.target(), S("main"));
        w.selectFile(w.conflicts()->indexOf(S("notes.txt")));
        w.textView()->take(Take::OursThenTheirs);
        w.selectFile(w.conflicts()->indexOf(S("old.txt")));
        clickRadio(w.choiceView()->button(ConflictEntry::Choice::Ours));
        w.close();
    }
    QVERIFY(QFile::exists(statePath));
    const QByteArray expected = "one\ntwo (target)\ntwo (agent)\nthree\nfour\nfive (target)\n";
    {
        ConflictWindow w(&client, agent, S("main"));
        w.show();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
        QVERIFY(w.conflicts()->allResolved());
        QCOMPARE(w.conflicts()->resolutions().value(S("notes.txt")), std::optional<QByteArray>(expected));
        QCOMPARE(w.conflicts()->resolutions().value(S("old.txt")), std::optional<QByteArray>("keep me, target\n"));
        QVERIFY(w.mergeButton()->isEnabled());
        w.close();
    }
    // The agent changes notes.txt again: that file starts afresh, old.txt keeps its choice.
    GitFixture::git(repo, {S("checkout"), S("-q"), S("chorus/agent")});
    GitFixture::commit(repo, S("more agent work"), {{S("notes.txt"), "one\ntwo (agent, again)\nthree\nfour\nfive\n"}});
    GitFixture::git(repo, {S("checkout"), S("-q"), S("main")});
    {
        ConflictWindow w(&client, agent, S("main"));
        w.show();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
        QVERIFY(!w.conflicts()->at(w.conflicts()->indexOf(S("notes.txt"))).isResolved());
        QVERIFY(w.conflicts()->at(w.conflicts()->indexOf(S("old.txt"))).isResolved());
        QVERIFY(!w.mergeButton()->isEnabled());
    }
}

void TestConflict::windowNavigatesConflicts()
{
    QTemporaryDir dir;
    GitFixture fx(dir.path());
    const QString repo = fx.makeRepo(S("repo"));
    GitFixture::commit(repo, S("base"), {{S("a.py"), "a\nb\nc\nd\ne\nf\ng\n"}});
    GitFixture::git(repo, {S("checkout"), S("-q"), S("-b"), S("chorus/nav")});
    GitFixture::commit(repo, S("agent"), {{S("a.py"), "a\nB1\nc\nD1\ne\nF1\ng\n"}});
    GitFixture::git(repo, {S("checkout"), S("-q"), S("main")});
    GitFixture::commit(repo, S("target"), {{S("a.py"), "a\nB2\nc\nD2\ne\nF2\ng\n"}});
    SessionInfo agent;
    agent.id = S("session-nav");
    agent.repo = repo;
    agent.branch = S("chorus/nav");
    EngineClient client;
    ConflictWindow w(&client, agent, S("main"));
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
    TextMergeView *view = w.textView();
    QCOMPARE(view->blocks().size(), 3);
    QCOMPARE(view->currentBlock(), 0);
    QTRY_COMPARE(view->conflictLabel()->text(), S("Conflict 1 of 3"));
    // F8 / Shift+F8 move between conflicts; Ctrl+2 takes the agent's lines for the current one.
    QTest::keyClick(view->resultEditor(), Qt::Key_F8);
    QCOMPARE(view->currentBlock(), 1);
    QTest::keyClick(view->resultEditor(), Qt::Key_F8);
    QCOMPARE(view->currentBlock(), 2);
    QTest::keyClick(view->resultEditor(), Qt::Key_F8, Qt::ShiftModifier);
    QCOMPARE(view->currentBlock(), 1);
    // The target pane shows the current conflict's lines.
    QTRY_COMPARE(view->pane(MergeSide::Ours)->textCursor().blockNumber(), 3);
    QTest::keyClick(view->resultEditor(), Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(view->blocks().size(), 2);
    QCOMPARE(view->currentBlock(), 1); // moved on to the one that was third
    QTest::keyClick(view->resultEditor(), Qt::Key_1, Qt::ControlModifier); // the last one...
    QCOMPARE(view->currentBlock(), 0);                                   // ...then back to the first
    QTest::keyClick(view->resultEditor(), Qt::Key_3, Qt::ControlModifier);
    QVERIFY(view->blocks().isEmpty());
    QTRY_COMPARE(view->conflictLabel()->text(), S("All conflicts resolved"));
    QCOMPARE(w.conflicts()->resolutions().value(S("a.py")), std::optional<QByteArray>("a\nB2\nB1\nc\nD1\ne\nF2\ng\n"));
    // Undo brings the conflict back (and with it the unresolved state).
    QTest::keyClick(view->resultEditor(), Qt::Key_Z, Qt::ControlModifier);
    view->flush();
    QCOMPARE(view->blocks().size(), 1);
    QVERIFY(!w.mergeButton()->isEnabled());
}

void TestConflict::windowShowsCleanMerge()
{
    QTemporaryDir dir;
    GitFixture fx(dir.path());
    const QString repo = fx.makeRepo(S("repo"));
    GitFixture::git(repo, {S("checkout"), S("-q"), S("-b"), S("chorus/clean")});
    GitFixture::commit(repo, S("agent"), {{S("new.txt"), "new\n"}});
    GitFixture::git(repo, {S("checkout"), S("-q"), S("main")});
    SessionInfo agent;
    agent.id = S("session-clean");
    agent.repo = repo;
    agent.branch = S("chorus/clean");
    EngineClient client;
    ConflictWindow w(&client, agent, S("main"));
    w.show();
    QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
    QCOMPARE(w.currentPage(), static_cast<QWidget *>(w.messagePage()));
    QCOMPARE(w.messagePage()->title(), S("No conflicts: it merges cleanly"));
    QCOMPARE(w.conflicts()->size(), 0);
    QVERIFY(w.mergeButton()->isEnabled());
    QVERIFY(!w.resolverButton()->isEnabled());

    // A branch that does not exist: the reason, and a way to try again.
    agent.branch = S("chorus/nobody");
    ConflictWindow missing(&client, agent, S("main"));
    QTRY_VERIFY_WITH_TIMEOUT(!missing.isLoading(), 20000);
    QCOMPARE(missing.messagePage()->title(), S("Cannot compute the conflicts"));
    QVERIFY(!missing.messagePage()->text().isEmpty());
    QVERIFY(!missing.mergeButton()->isEnabled());
}

// ---- through the engine ----

void TestConflict::mergeThroughEngine()
{
    chorus::test::EngineFixture fx;
    QString error;
    QVERIFY2(fx.setUp(&error), qPrintable(error));
    GitFixture git(fx.workDir());
    const QString repo = git.makeRepo(S("repo"));
    GitFixture::commit(repo, S("notes"), {{S("notes.txt"), "one\ntwo\nthree\nfour\nfive\n"}, {S("old.txt"), "keep me\n"}});

    // An agent changes line two of notes.txt and deletes old.txt (its checkpoint commits it).
    const QString command = S("printf 'one\\ntwo (agent)\\nthree\\nfour\\nfive\\n' > notes.txt && rm old.txt");
    const QJsonArray steps{QJsonObject{{S("tool"), S("Bash")}, {S("input"), QJsonObject{{S("command"), command}}}},
                           QJsonObject{{S("text"), S("Done.")}}};
    const QString task = S("Change the notes. @@fake ") + QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact));
    const auto spawned = fx.chorus({S("spawn"), S("builder"), S("--repo=") + repo, S("--task=") + task,
                                    S("--name=fixer"), S("--wait"), S("--json")},
                                   120000);
    QVERIFY2(spawned.exitCode == 0, qPrintable(spawned.describe()));
    QCOMPARE(GitFixture::git(repo, {S("show"), S("chorus/fixer:notes.txt")}), S("one\ntwo (agent)\nthree\nfour\nfive"));
    // Meanwhile the target moves on.
    GitFixture::commit(repo, S("target work"),
                       {{S("notes.txt"), "one\ntwo (target)\nthree\nfour\nfive (target)\n"}, {S("old.txt"), "keep me!\n"}});
    const QString mainBefore = GitFixture::git(repo, {S("rev-parse"), S("main")});

    qputenv("CHORUS_PROGRAM", fx.chorusProgram().toUtf8());
    EngineClient client;
    QVERIFY2(client.connectToEngine().ok(), "cannot connect to the engine");
    SessionInfo agent;
    for (const SessionInfo &s : client.sessions())
        if (s.name == S("fixer"))
            agent = s;
    QCOMPARE(agent.branch, S("chorus/fixer"));

    auto w = std::make_unique<ConflictWindow>(&client, agent, S("main"));
    QSignalSpy merged(w.get(), &ConflictWindow::merged);
    w->show();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isLoading(), 20000);
    ConflictSet *set = w->conflicts();
    QCOMPARE(set->size(), 2);
    w->selectFile(set->indexOf(S("notes.txt")));
    QTest::mouseClick(buttonFor(w->textView(), w->textView()->takeAction(Take::Theirs)), Qt::LeftButton);
    w->selectFile(set->indexOf(S("old.txt")));
    clickRadio(w->choiceView()->button(ConflictEntry::Choice::Delete));
    QTRY_VERIFY(w->mergeButton()->isEnabled());
    QVERIFY(QFile::exists(ConflictWindow::stateFilePath(agent.id, S("main"))) || set->hasWork());

    QTest::mouseClick(w->mergeButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(outcomeBox(w.get()) != nullptr, 120000);
    QMessageBox *box = outcomeBox(w.get());
    QVERIFY2(box->text().contains(S("was merged")), qPrintable(box->text() + S("\n") + box->detailedText()));
    QCOMPARE(merged.count(), 1);
    QVERIFY(!QFile::exists(ConflictWindow::stateFilePath(agent.id, S("main"))));
    // The target has the merge: the agent's line two, the target's line five, no old.txt.
    QCOMPARE(GitFixture::git(repo, {S("show"), S("main:notes.txt")}), S("one\ntwo (agent)\nthree\nfour\nfive (target)"));
    int code = 0;
    GitFixture::git(repo, {S("cat-file"), S("-e"), S("main:old.txt")}, &code);
    QVERIFY(code != 0);
    QCOMPARE(GitFixture::git(repo, {S("rev-parse"), S("main^1")}), mainBefore);
    QCOMPARE(GitFixture::git(repo, {S("rev-parse"), S("main^2")}), GitFixture::git(repo, {S("rev-parse"), S("chorus/fixer")}));
    // OK closes the window.
    QTest::mouseClick(box->button(QMessageBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!w->isVisible());
    w.reset();
    fx.tearDown();
}

// The target and the agent renamed a file differently: the window keeps it under the agent's
// name, with the target's version, across closing it, and the engine merges it so.
void TestConflict::renameMergedUnderTheAgentsName()
{
    chorus::test::EngineFixture fx;
    QString error;
    QVERIFY2(fx.setUp(&error), qPrintable(error));
    GitFixture git(fx.workDir());
    const QString repo = git.makeRepo(S("repo"));
    const QByteArray base = "one\ntwo\nthree\nfour\nfive\nsix\n";
    GitFixture::commit(repo, S("notes"), {{S("notes.txt"), base}});

    // The agent moves notes.txt to docs/agent-notes.txt and changes its last line.
    const QString command = S("mkdir -p docs && mv notes.txt docs/agent-notes.txt && "
                              "printf 'one\\ntwo\\nthree\\nfour\\nfive\\nsix (agent)\\n' > docs/agent-notes.txt");
    const QJsonArray steps{QJsonObject{{S("tool"), S("Bash")}, {S("input"), QJsonObject{{S("command"), command}}}},
                           QJsonObject{{S("text"), S("Done.")}}};
    const QString task =
        S("Move the notes. @@fake ") + QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact));
    const auto spawned = fx.chorus({S("spawn"), S("builder"), S("--repo=") + repo, S("--task=") + task,
                                    S("--name=mover"), S("--wait"), S("--json")},
                                   120000);
    QVERIFY2(spawned.exitCode == 0, qPrintable(spawned.describe()));
    auto files = [&](const QString &branch) {
        return GitFixture::git(repo, {S("ls-tree"), S("-r"), S("--name-only"), branch}).split(QLatin1Char('\n'));
    };
    QCOMPARE(files(S("chorus/mover")).filter(S("notes")), QStringList{S("docs/agent-notes.txt")});
    // Meanwhile the target renames it too, and changes its first line.
    GitFixture::git(repo, {S("mv"), S("notes.txt"), S("target-notes.txt")});
    const QByteArray targets = "one (target)\ntwo\nthree\nfour\nfive\nsix\n";
    GitFixture::commit(repo, S("target renames"), {{S("target-notes.txt"), targets}});

    qputenv("CHORUS_PROGRAM", fx.chorusProgram().toUtf8());
    EngineClient client;
    QVERIFY2(client.connectToEngine().ok(), "cannot connect to the engine");
    SessionInfo agent;
    for (const SessionInfo &s : client.sessions())
        if (s.name == S("mover"))
            agent = s;
    QCOMPARE(agent.branch, S("chorus/mover"));
    const QHash<QString, std::optional<QByteArray>> expected{{S("docs/agent-notes.txt"), targets}};
    {
        ConflictWindow w(&client, agent, S("main"));
        w.show();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
        ConflictSet *set = w.conflicts();
        QCOMPARE(set->size(), 1);
        const ConflictFile &f = set->at(0).file;
        QCOMPARE(f.kind, S("rename"));
        QCOMPARE(f.path, S("target-notes.txt"));
        QCOMPARE(f.theirsPath, S("docs/agent-notes.txt"));
        w.selectFile(0);
        ChoiceView *choice = w.choiceView();
        QVERIFY(choice->isVisible());
        QRadioButton *agentsName = choice->nameButton(ConflictEntry::Name::Agent);
        QVERIFY(agentsName->isVisible());
        QVERIFY(agentsName->text().startsWith(S("The agent's name: "))); // the path elided if long...
        QCOMPARE(agentsName->toolTip(), S("docs/agent-notes.txt"));         // ...and whole here
        QVERIFY(choice->nameButton(ConflictEntry::Name::Target)->isChecked()); // until the user chooses
        const QString explanation = choice->explanation()->text();
        QVERIFY2(!explanation.contains(S("resolve with an agent")), qPrintable(explanation));
        QVERIFY2(explanation.contains(S("choose its version and its name")), qPrintable(explanation));
        clickRadio(choice->button(ConflictEntry::Choice::Ours));
        QCOMPARE(set->resolutions(), (QHash<QString, std::optional<QByteArray>>{{S("target-notes.txt"), targets}}));
        clickRadio(agentsName);
        QVERIFY(agentsName->isChecked());
        QCOMPARE(set->resolutions(), expected);
        QVERIFY(choice->preview()->toPlainText().contains(S("one (target)")));
        // Deleting leaves nothing to name.
        clickRadio(choice->button(ConflictEntry::Choice::Delete));
        QVERIFY(!agentsName->isEnabled());
        clickRadio(choice->button(ConflictEntry::Choice::Ours));
        QVERIFY(agentsName->isEnabled());
        QTRY_VERIFY(w.mergeButton()->isEnabled());
        w.close();
    }
    QVERIFY(QFile::exists(ConflictWindow::stateFilePath(agent.id, S("main"))));

    auto w = std::make_unique<ConflictWindow>(&client, agent, S("main"));
    QSignalSpy merged(w.get(), &ConflictWindow::merged);
    w->show();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isLoading(), 20000);
    QCOMPARE(w->conflicts()->resolutions(), expected); // the choice came back
    w->selectFile(0);
    QVERIFY(w->choiceView()->nameButton(ConflictEntry::Name::Agent)->isChecked());
    QVERIFY(w->choiceView()->button(ConflictEntry::Choice::Ours)->isChecked());
    QVERIFY(w->mergeButton()->isEnabled());

    QTest::mouseClick(w->mergeButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(outcomeBox(w.get()) != nullptr, 120000);
    QMessageBox *box = outcomeBox(w.get());
    QVERIFY2(box->text().contains(S("was merged")), qPrintable(box->text() + S("\n") + box->detailedText()));
    QCOMPARE(merged.count(), 1);
    // The target has the file under the agent's name only, with the target's version.
    const QStringList tree = files(S("main"));
    QVERIFY2(tree.contains(S("docs/agent-notes.txt")), qPrintable(tree.join(S(", "))));
    QVERIFY2(!tree.contains(S("target-notes.txt")) && !tree.contains(S("notes.txt")), qPrintable(tree.join(S(", "))));
    QCOMPARE(GitFixture::git(repo, {S("show"), S("main:docs/agent-notes.txt")}), QString::fromUtf8(targets).trimmed());
    QVERIFY(QFile::exists(repo + S("/docs/agent-notes.txt"))); // the checkout followed
    QVERIFY(!QFile::exists(repo + S("/target-notes.txt")));
    QTest::mouseClick(box->button(QMessageBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!w->isVisible());
    w.reset();
    fx.tearDown();
}

void TestConflict::screenshots()
{
    const QString out = qEnvironmentVariable("CHORUS_CONFLICT_SCREENSHOTS");
    if (out.isEmpty())
        QSKIP("set CHORUS_CONFLICT_SCREENSHOTS=DIR to save screenshots of the window");
    QTemporaryDir dir;
    GitFixture fx(dir.path());
    const QString repo = fx.makeRepo(S("repo"));
    const QByteArray code = "#include <stdio.h>\n\nint add(int a, int b)\n{\n    return a + b;\n}\n\n"
                            "int main(void)\n{\n    printf(\"%d\\n\", add(1, 2));\n    return 0;\n}\n";
    GitFixture::commit(repo, S("base"),
                       {{S("src/very/long/directory/name/that/goes/on/and/on/calculator.c"), code},
                        {S("docs/old.md"), "# Old\n\nSome text.\n"},
                        {S("a.txt"), "renamed differently\n"},
                        {S("logo.bin"), QByteArray("\x89PNG\0\1\2", 8)}});
    GitFixture::git(repo, {S("checkout"), S("-q"), S("-b"), S("chorus/shot")});
    GitFixture::git(repo, {S("rm"), S("-q"), S("docs/old.md")});
    QDir(repo).mkpath(S("docs/guides/getting-started/renamed-by-the-agent"));
    GitFixture::git(repo, {S("mv"), S("a.txt"), S("docs/guides/getting-started/renamed-by-the-agent/agent-name.txt")});
    QByteArray agentCode = code;
    agentCode.replace("return a + b;", "// overflow-safe\n    return (int)((long)a + b);");
    agentCode.replace("add(1, 2)", "add(40, 2)");
    GitFixture::commit(repo, S("agent"), {{S("src/very/long/directory/name/that/goes/on/and/on/calculator.c"), agentCode},
                                          {S("logo.bin"), QByteArray("\x89PNG\0agent", 10)}});
    GitFixture::git(repo, {S("checkout"), S("-q"), S("main")});
    GitFixture::git(repo, {S("mv"), S("a.txt"), S("target-name.txt")});
    QByteArray targetCode = code;
    targetCode.replace("return a + b;", "return b + a; /* commutative */");
    targetCode.replace("#include <stdio.h>", "#include <stdio.h>\n#include <stdlib.h>");
    GitFixture::commit(repo, S("target"), {{S("src/very/long/directory/name/that/goes/on/and/on/calculator.c"), targetCode},
                                           {S("docs/old.md"), "# Old\n\nSome better text.\n"},
                                           {S("logo.bin"), QByteArray("\x89PNG\0target", 11)}});
    SessionInfo agent;
    agent.id = S("session-shot");
    agent.name = S("shot");
    agent.repo = repo;
    agent.branch = S("chorus/shot");
    EngineClient client;
    for (const Theme theme : {Theme::Light, Theme::Dark}) {
        applyTheme(theme);
        const QString name = theme == Theme::Light ? S("light") : S("dark");
        QFile::remove(ConflictWindow::stateFilePath(agent.id, S("main"))); // from the last round
        ConflictWindow w(&client, agent, S("main"));
        w.resize(1500, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
        for (int i = 0; i < w.conflicts()->size(); ++i) {
            const ConflictFile &f = w.conflicts()->at(i).file;
            qInfo() << f.kind << f.path << f.ancestorPath << f.oursPath << f.theirsPath;
        }
        w.selectFile(w.conflicts()->indexOf(S("src/very/long/directory/name/that/goes/on/and/on/calculator.c")));
        QTest::qWait(200);
        w.grab().save(out + S("/conflict-text-") + name + S(".png"));
        w.textView()->take(Take::OursThenTheirs);
        QTest::qWait(100);
        w.grab().save(out + S("/conflict-text-taken-") + name + S(".png"));
        w.selectFile(w.conflicts()->indexOf(S("docs/old.md")));
        QTest::qWait(100);
        w.grab().save(out + S("/conflict-choice-") + name + S(".png"));
        for (int i = 0; i < w.conflicts()->size(); ++i)
            if (w.conflicts()->at(i).file.kind == QLatin1String("rename"))
                w.selectFile(i);
        QTest::qWait(100);
        w.grab().save(out + S("/conflict-rename-") + name + S(".png"));
        w.selectFile(w.conflicts()->indexOf(S("logo.bin")));
        QTest::qWait(100);
        w.grab().save(out + S("/conflict-binary-") + name + S(".png"));
    }
    applyTheme(Theme::Light);
}

QTEST_MAIN(TestConflict)
#include "tst_conflict.moc"
