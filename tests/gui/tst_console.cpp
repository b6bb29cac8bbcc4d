// The console's transcript (model, view, renderer), the highlighter and the console widget
// without an engine: events in the CLI's recorded shapes are fed directly.
#include "client/engineclient.h"
#include "console/consoleinput.h"
#include "console/consolestyle.h"
#include "console/consolewidget.h"
#include "console/findbar.h"
#include "console/markdownstyle.h"
#include "console/textfold.h"
#include "console/textviewerwindow.h"
#include "console/toolpresentation.h"
#include "console/transcriptmodel.h"
#include "console/transcriptview.h"
#include "style/theme.h"
#include "tst_console_events.h"
#include "widgets/highlighter.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStyle>
#include <QStyleFactory>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QTextTable>

#include <memory>

using namespace chorus;
using chorus::test::ConsoleEvents;
using chorus::test::contrast;
using Kind = TranscriptItem::Kind;

namespace {

int findRow(const TranscriptModel *m, Kind kind, const QString &text = {})
{
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->entry(r).kind == kind && !m->entry(r).hiddenNote &&
            m->entry(r).plainText().contains(text))
            return r;
    return -1;
}

// Pixels in rect (viewport coordinates) that differ from the row's background.
int inkIn(QWidget *viewport, const QRect &rect)
{
    const QImage img = viewport->grab(rect).toImage();
    const QRgb bg = img.pixel(0, 0);
    int ink = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            ink += img.pixel(x, y) != bg ? 1 : 0;
    return ink;
}

QList<StoredEvent> oneTurn(ConsoleEvents &ev)
{
    return {ev.input(QStringLiteral("Fix the failing test")),
            ev.init(),
            ev.thinking(QStringLiteral("The test fails because of a null pointer.\nLet me check.")),
            ev.text(QStringLiteral("I'll run the **tests** first.")),
            ev.toolUse(QStringLiteral("toolu_1"), QStringLiteral("Bash"),
                       {{QStringLiteral("command"), QStringLiteral("echo hi")}}),
            ev.toolResult(QStringLiteral("toolu_1"), QStringLiteral("hi")),
            ev.text(QStringLiteral("All done.")),
            ev.result(false, QStringLiteral("All done."), 1234, 0.0123),
            ev.apiError(QStringLiteral("API Error: Request rejected (429) · rate_limit_error")),
            ev.result(true, QStringLiteral("API Error: Request rejected (429) · rate_limit_error"),
                      50, 0),
            ev.permissionDenied(QStringLiteral("Bash"), QStringLiteral("rm needs approval"))};
}

// Stands in for the desktop: records the links QDesktopServices was asked to open.
class LinkSink : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> opened;
public Q_SLOTS:
    void open(const QUrl &url) { opened << url; }
};

} // namespace

class TestConsole : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    void showsStructuredTranscript();
    void toolResultJoinsAcrossBatches();
    void toolBlockCollapsesAndExpands();
    void capDropsOldItems();
    void tailOpenSaysWhatIsHidden();
    void duplicatesAreSkipped();
    void appendsAreBatched();
    void searchFindsMatches();
    void followsOnlyAtBottom();
    void darkPaletteIsUsed();
    void styleContrast_data();
    void styleContrast();
    void highlighter_data();
    void highlighter();
    void toolPresentation();
    void markdownIsStyled_data();
    void markdownIsStyled();
    void consoleWithoutEngine();
    void findBarFromCtrlF();
    void ctrlEnterSends();
    void onlyWebLinksOpenWithoutAsking();
    void showAllOnLongAnswer();
    void longTextsFoldByKeyAndSearch();

    // Not a test: CHORUS_CONSOLE_SCREENSHOTS=DIR saves a folded answer and its viewer there,
    // light and dark.
    void foldScreenshots();
    // Not a test: CHORUS_CONSOLE_SCREENSHOTS=DIR saves an answer with code, a table and a quote.
    void markdownScreenshots();
};

void TestConsole::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
}

void TestConsole::showsStructuredTranscript()
{
    TranscriptView view;
    view.resize(900, 2000);
    ConsoleEvents ev;
    view.appendEvents(oneTurn(ev));
    view.model()->flush();
    const TranscriptModel *m = view.model();

    const QList<Kind> expected{Kind::Input,   Kind::System,  Kind::Thinking, Kind::Text,
                               Kind::ToolUse, Kind::Text,    Kind::TurnEnd,  Kind::Error,
                               Kind::TurnEnd, Kind::Approval};
    QCOMPARE(m->rowCount(), expected.size());
    for (int r = 0; r < expected.size(); ++r)
        QCOMPARE(m->entry(r).kind, expected.at(r));

    QCOMPARE(m->entry(0).body, QStringLiteral("Fix the failing test"));
    const TranscriptEntry &tool = m->entry(4);
    QCOMPARE(tool.title, QStringLiteral("Bash"));
    QVERIFY(tool.hasResult);
    QCOMPARE(tool.result, QStringLiteral("hi"));
    QVERIFY(!tool.expanded);
    QCOMPARE(m->entry(5).body, QStringLiteral("All done."));
    QVERIFY(m->entry(6).body.contains(QLatin1String("1.2 s")));
    QVERIFY(m->entry(6).body.contains(QLatin1String("$0.0123")));
    QVERIFY(!m->entry(6).isError);
    QVERIFY(m->entry(7).isError);
    QVERIFY(m->entry(7).body.contains(QLatin1String("429")));
    QVERIFY(m->entry(8).isError);
    QVERIFY(!m->entry(8).body.contains(QLatin1String("429"))); // said once, by the error row
    QVERIFY(m->entry(8).body.contains(QLatin1String("0.1 s")));
    QVERIFY(m->entry(9).isError);
    QVERIFY(m->entry(9).title.contains(QLatin1String("Bash")));
    QCOMPARE(m->data(m->index(4), TranscriptModel::ResultRole).toString(), QStringLiteral("hi"));

    // Everything fits: every row is laid out inside the viewport and has ink.
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    for (int r = 0; r < m->rowCount(); ++r) {
        const QRect rect = view.rowRect(r);
        QVERIFY2(view.viewport()->rect().contains(rect), qPrintable(QString::number(r)));
        QVERIFY2(inkIn(view.viewport(), rect) > 20, qPrintable(QString::number(r)));
    }
    // Rows with text are taller than a one-line state row.
    QVERIFY(view.rowRect(3).height() > view.rowRect(1).height());
}

void TestConsole::toolResultJoinsAcrossBatches()
{
    TranscriptModel m;
    ConsoleEvents ev;
    m.appendEvents({ev.toolUse(QStringLiteral("t9"), QStringLiteral("Read"),
                               {{QStringLiteral("file_path"), QStringLiteral("/a/b.py")}})});
    m.flush();
    QCOMPARE(m.rowCount(), 1);
    QVERIFY(!m.entry(0).hasResult);
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    m.appendEvents(
        {ev.toolResult(QStringLiteral("t9"), QStringLiteral("     1\tprint('x')"), true)});
    m.flush();
    QCOMPARE(m.rowCount(), 1); // joined, not a row of its own
    QVERIFY(m.entry(0).hasResult);
    QVERIFY(m.entry(0).resultIsError);
    QCOMPARE(changed.count(), 1);
    // A result whose call is unknown still shows.
    m.appendEvents({ev.toolResult(QStringLiteral("unknown"), QStringLiteral("orphan output"))});
    m.flush();
    QCOMPARE(m.rowCount(), 2);
    QCOMPARE(m.entry(1).kind, Kind::ToolResult);
}

void TestConsole::toolBlockCollapsesAndExpands()
{
    TranscriptView view;
    view.resize(800, 600);
    ConsoleEvents ev;
    view.appendEvents(oneTurn(ev));
    view.model()->flush();
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const int row = findRow(view.model(), Kind::ToolUse);
    QVERIFY(row >= 0);
    const int collapsed = view.rowRect(row).height();
    const QRect header = view.toggleRect(row);
    QVERIFY(!header.isEmpty());
    const int headerTop = view.rowRect(row).top();

    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, header.center());
    QVERIFY(view.model()->entry(row).expanded);
    QVERIFY(view.model()->data(view.model()->index(row), TranscriptModel::ExpandedRole).toBool());
    QVERIFY(view.rowRect(row).height() > collapsed + 20); // input and result are shown
    QCOMPARE(view.rowRect(row).top(), headerTop);         // the header did not move

    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.toggleRect(row).center());
    QVERIFY(!view.model()->entry(row).expanded);
    QCOMPARE(view.rowRect(row).height(), collapsed);

    // Keyboard: Space on the current row.
    view.setFocus();
    view.setCurrentRow(row);
    QTest::keyClick(&view, Qt::Key_Space);
    QVERIFY(view.model()->entry(row).expanded);
    // A click on a row that is not collapsible changes nothing.
    const int text = findRow(view.model(), Kind::Text);
    QVERIFY(view.toggleRect(text).isEmpty());
}

void TestConsole::capDropsOldItems()
{
    TranscriptView view;
    view.resize(600, 400);
    view.show();
    TranscriptModel *m = view.model();
    m->setMaxEntries(50);
    ConsoleEvents ev;
    QList<StoredEvent> events;
    for (int i = 1; i <= 200; ++i)
        events << ev.text(QStringLiteral("message %1").arg(i));
    m->appendEvents(events);
    m->flush();
    QCOMPARE(m->rowCount(), 51);
    QVERIFY(m->entry(0).hiddenNote);
    QCOMPARE(m->hiddenCount(), 150);
    QVERIFY(m->data(m->index(0)).toString().contains(QLatin1String("150")));
    QCOMPARE(m->entry(1).body, QStringLiteral("message 151"));
    QCOMPARE(m->entry(50).body, QStringLiteral("message 200"));

    // Later batches keep the cap; the note counts on.
    for (int batch = 0; batch < 5; ++batch) {
        QList<StoredEvent> more;
        for (int i = 0; i < 7; ++i)
            more << ev.text(QStringLiteral("later %1-%2").arg(batch).arg(i));
        m->appendEvents(more);
        m->flush();
        QCOMPARE(m->rowCount(), 51);
    }
    QCOMPARE(m->hiddenCount(), 185);
    QCOMPARE(m->entry(50).body, QStringLiteral("later 4-6"));
    QVERIFY(m->entry(0).title.contains(QLatin1String("185")));
    QVERIFY(view.isAtBottom());
    QVERIFY(view.rowRect(50).bottom() <= view.viewport()->height());
}

void TestConsole::tailOpenSaysWhatIsHidden()
{
    TranscriptModel m;
    ConsoleEvents ev(QStringLiteral("s"), 101);
    m.appendEvents({ev.text(QStringLiteral("a")), ev.text(QStringLiteral("b"))});
    m.flush();
    QCOMPARE(m.rowCount(), 3);
    QVERIFY(m.entry(0).hiddenNote);
    QCOMPARE(m.hiddenCount(), 100);
    // From the start: no note.
    TranscriptModel fresh;
    ConsoleEvents ev1;
    fresh.appendEvents({ev1.text(QStringLiteral("a"))});
    fresh.flush();
    QCOMPARE(fresh.rowCount(), 1);
    QCOMPARE(fresh.hiddenCount(), 0);
}

void TestConsole::duplicatesAreSkipped()
{
    TranscriptModel m;
    ConsoleEvents ev;
    QList<StoredEvent> all;
    for (int i = 0; i < 8; ++i)
        all << ev.text(QStringLiteral("t%1").arg(i));
    m.appendEvents(all.mid(0, 5));
    m.appendEvents(all.mid(2, 6)); // a tail overlapping live events
    m.flush();
    QCOMPARE(m.rowCount(), 8);
    QCOMPARE(m.lastSeq(), 8);
    QCOMPARE(m.entry(7).body, QStringLiteral("t7"));
}

void TestConsole::appendsAreBatched()
{
    TranscriptModel m;
    QSignalSpy flushed(&m, &TranscriptModel::flushed);
    QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
    ConsoleEvents ev;
    for (int i = 0; i < 100; ++i)
        m.appendEvents({ev.text(QStringLiteral("x%1").arg(i))});
    QCOMPARE(m.rowCount(), 0); // nothing until the timer fires
    QTRY_COMPARE(m.rowCount(), 100);
    QCOMPARE(flushed.count(), 1);
    QCOMPARE(inserted.count(), 1);

    // A backlog bigger than one flush is applied over several turns of the event loop.
    flushed.clear();
    QList<StoredEvent> many;
    for (int i = 0; i < 4000; ++i)
        many << ev.text(QStringLiteral("y%1").arg(i));
    m.appendEvents(many);
    QVERIFY(flushed.wait(2000));
    QCOMPARE(m.rowCount(), 100 + TranscriptModel::kMaxEventsPerFlush);
    QTRY_COMPARE(m.rowCount(), 4100);
    QVERIFY(flushed.count() >= 3);
}

void TestConsole::searchFindsMatches()
{
    TranscriptView view;
    view.resize(700, 300);
    ConsoleEvents ev;
    QList<StoredEvent> events;
    for (int i = 0; i < 40; ++i)
        events << ev.text(QStringLiteral("filler %1").arg(i));
    events << ev.text(QStringLiteral("the needle is here"));
    for (int i = 0; i < 40; ++i)
        events << ev.text(QStringLiteral("more %1").arg(i));
    events << ev.toolUse(QStringLiteral("g"), QStringLiteral("Grep"),
                         {{QStringLiteral("pattern"), QStringLiteral("x")}});
    events << ev.toolResult(QStringLiteral("g"), QStringLiteral("src/a.cpp:3: NEEDLE found"));
    view.appendEvents(events);
    view.model()->flush();
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const TranscriptModel *m = view.model();
    QCOMPARE(m->matchCount(QStringLiteral("needle")), 2);

    view.setCurrentRow(0);
    QVERIFY(view.findNext(QStringLiteral("needle")));
    const int first = view.matchRow();
    QCOMPARE(m->entry(first).body, QStringLiteral("the needle is here"));
    QVERIFY(view.viewport()->rect().intersects(view.rowRect(first))); // scrolled to it
    QVERIFY(!view.isAtBottom());
    QVERIFY(view.findNext(QStringLiteral("needle")));
    const int second = view.matchRow();
    QCOMPARE(m->entry(second).kind, Kind::ToolUse);
    QVERIFY(m->entry(second).expanded); // the match is in the result: opened
    QCOMPARE(m->matchIndex(QStringLiteral("needle"), second), 2);
    QVERIFY(view.findNext(QStringLiteral("needle"))); // wraps
    QCOMPARE(view.matchRow(), first);
    QVERIFY(view.findNext(QStringLiteral("needle"), true)); // backwards wraps too
    QCOMPARE(view.matchRow(), second);
    QVERIFY(!view.findNext(QStringLiteral("no such text")));
    QCOMPARE(view.matchRow(), -1);
}

void TestConsole::followsOnlyAtBottom()
{
    TranscriptView view;
    view.resize(600, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    ConsoleEvents ev;
    view.appendEvents(ev.session(300));
    view.model()->flush();
    QScrollBar *bar = view.verticalScrollBar();
    QVERIFY(bar->maximum() > 0);
    QCOMPARE(bar->value(), bar->maximum());
    QVERIFY(view.isAtBottom());

    view.appendEvents(ev.session(30));
    view.model()->flush();
    QCOMPARE(bar->value(), bar->maximum()); // followed

    bar->setValue(bar->maximum() / 3);
    QVERIFY(!view.isAtBottom());
    const int topRow = view.model()->rowCount() > 0 ? view.rowRect(0).top() : 0;
    const int value = bar->value();
    view.appendEvents(ev.session(30));
    view.model()->flush();
    QCOMPARE(bar->value(), value); // stays where the user reads
    QCOMPARE(view.rowRect(0).top(), topRow);
    QVERIFY(bar->value() < bar->maximum());

    QTest::keyClick(&view, Qt::Key_End);
    QVERIFY(view.isAtBottom());
    QCOMPARE(bar->value(), bar->maximum());
}

void TestConsole::darkPaletteIsUsed()
{
    TranscriptView view;
    view.setPalette(test::darkPalette());
    view.resize(600, 300);
    ConsoleEvents ev;
    view.appendEvents(oneTurn(ev));
    view.model()->flush();
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage img = view.viewport()->grab().toImage();
    QVERIFY(QColor(img.pixel(1, 1)).lightness() < 60);
    QVERIFY(QColor(img.pixel(img.width() - 2, img.height() - 2)).lightness() < 60);
    QVERIFY(inkIn(view.viewport(), view.rowRect(view.model()->rowCount() - 1)) > 20);
}

void TestConsole::styleContrast_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("light") << std::unique_ptr<QStyle>(
                                  QStyleFactory::create(QStringLiteral("Fusion")))
                                  ->standardPalette();
    QTest::newRow("dark") << test::darkPalette();
}

void TestConsole::styleContrast()
{
    QFETCH(QPalette, palette);
    const ConsoleStyle s = ConsoleStyle::fromWidget(QApplication::font(), palette);
    const QColor base = palette.color(QPalette::Base);
    QVERIFY2(contrast(s.text, base) >= 4.5, "text");
    QVERIFY2(contrast(s.text, s.inputBackground) >= 4.5, "user message");
    QVERIFY2(contrast(s.text, s.codeBackground) >= 4.5, "code");
    QVERIFY2(contrast(s.text, s.match) >= 3.0, "search match");
    QVERIFY2(contrast(s.dim, base) >= 2.5, "secondary text");
    QVERIFY2(contrast(s.error, base) >= 3.0, "error");
    QVERIFY2(contrast(s.error, s.errorBackground) >= 3.0, "error card");
    QVERIFY2(contrast(s.success, base) >= 3.0, "success");
    QVERIFY2(contrast(s.warning, base) >= 3.0, "warning");
    QVERIFY(s.lineHeight > 0 && s.margin > 0 && s.gap > 0);
}

void TestConsole::highlighter_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("token");
    QTest::newRow("json number") << "JSON"
                                 << R"({"key": 12345, "b": true})"
                                 << "12345";
    QTest::newRow("json key") << "JSON"
                              << R"({"key": 1})"
                              << "\"key\"";
    QTest::newRow("bash keyword") << "Bash"
                                  << "if true; then echo $HOME; fi"
                                  << "then";
    QTest::newRow("bash variable") << "Bash"
                                   << "echo $HOME"
                                   << "$HOME";
    QTest::newRow("c++ keyword") << "C++"
                                 << "int main() { return 0; }"
                                 << "return";
    QTest::newRow("c++ comment") << "C++"
                                 << "x = 1; // note"
                                 << "// note";
    QTest::newRow("python def") << "Python"
                                << "def f(x):\n    return x"
                                << "def";
    QTest::newRow("python string") << "Python"
                                   << "s = 'text'"
                                   << "'text'";
    QTest::newRow("diff added") << "Diff"
                                << " same\n+added line"
                                << "+added";
}

void TestConsole::highlighter()
{
    QFETCH(QString, language);
    QFETCH(QString, text);
    QFETCH(QString, token);
    QTextDocument doc;
    doc.setPlainText(text);
    QVERIFY(Highlighter::attach(&doc, language, {}, QApplication::palette()));
    // Coloured at once, without an event loop turn.
    const int at = int(text.indexOf(token));
    QVERIFY(at >= 0);
    const QTextBlock block = doc.findBlock(at);
    const int inBlock = at - block.position();
    bool coloured = false;
    for (const QTextLayout::FormatRange &r : block.layout()->formats())
        if (r.start <= inBlock && inBlock < r.start + r.length &&
            r.format.hasProperty(QTextFormat::ForegroundBrush))
            coloured = true;
    QVERIFY2(coloured, qPrintable(token));

    QTextDocument other;
    QVERIFY(!Highlighter::attach(&other, QStringLiteral("NoSuchLanguage"), {},
                                 QApplication::palette()));
    QCOMPARE(Highlighter::languageForFileName(QStringLiteral("src/x/main.py")),
             QStringLiteral("Python"));
    QCOMPARE(Highlighter::languageForFileName(QStringLiteral("a.hpp")), QStringLiteral("C++"));
    QCOMPARE(Highlighter::languageForFileName(QStringLiteral("README")), QString());
    QVERIFY(Highlighter::isDark(test::darkPalette()));
    QVERIFY(!Highlighter::isDark(
        std::unique_ptr<QStyle>(QStyleFactory::create(QStringLiteral("Fusion")))
            ->standardPalette()));
}

namespace {
const char kMarkdownAnswer[] = R"(## What changed

The parser now keeps `ParseError` positions. Run it with:

```python
def parse(text):
    # keep the line
    return Parser(text, strict=True).run()
```

> Note: the old cache is dropped on upgrade.
> Nothing else moves.

| File | Lines | Status |
|------|------:|--------|
| parser.py | 120 | changed |
| cache.py | 40 | removed |

```
plain output, no language
```
)";

// Whether any character of [from, from + length) in doc carries a foreground (a colour
// from the highlighter) different from `plain`.
bool coloured(const QTextDocument &doc, int from, int length, const QColor &plain)
{
    for (int i = from; i < from + length; ++i) {
        QTextCursor c(const_cast<QTextDocument *>(&doc));
        c.setPosition(i + 1);
        const QTextCharFormat f = c.charFormat();
        if (f.hasProperty(QTextFormat::ForegroundBrush) && f.foreground().color() != plain)
            return true;
    }
    return false;
}
} // namespace

void TestConsole::markdownIsStyled_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("light") << std::unique_ptr<QStyle>(
                                  QStyleFactory::create(QStringLiteral("Fusion")))
                                  ->standardPalette();
    QTest::newRow("dark") << test::darkPalette();
}

// The console's Markdown: fenced code coloured by the highlighter Review uses (by the fence's
// language; none for a fence without one), in the mono font on the code tint; inline code on
// the tint; block quotes dimmed with bars; tables with a bold, tinted header and borders.
void TestConsole::markdownIsStyled()
{
    QFETCH(QPalette, palette);
    const ConsoleStyle s = ConsoleStyle::fromWidget(QApplication::font(), palette);
    QTextDocument doc;
    doc.setMarkdown(QString::fromUtf8(kMarkdownAnswer), QTextDocument::MarkdownDialectGitHub);
    QVERIFY(styleMarkdown(&doc, s));

    const QString text = doc.toPlainText();
    // The fenced Python: `def` and the comment are coloured, the block is tinted and mono.
    const int def = int(text.indexOf(QStringLiteral("def parse")));
    QVERIFY(def >= 0);
    QVERIFY(coloured(doc, def, 3, s.text));
    const int comment = int(text.indexOf(QStringLiteral("# keep the line")));
    QVERIFY(coloured(doc, comment, 15, s.text));
    const QTextBlock code = doc.findBlock(def);
    QCOMPARE(code.blockFormat().background().color(), s.codeBackground);
    QVERIFY(!code.blockFormat().nonBreakableLines()); // wraps instead of running off the edge
    QCOMPARE(QTextCursor(code).charFormat().fontFamilies(), s.mono.families());
    // A fence without a language is tinted but not coloured.
    const int plain = int(text.indexOf(QStringLiteral("plain output")));
    QVERIFY(!coloured(doc, plain, 12, s.text));
    QCOMPARE(doc.findBlock(plain).blockFormat().background().color(), s.codeBackground);
    // Inline code on the tint.
    const int inlineCode = int(text.indexOf(QStringLiteral("ParseError")));
    QTextCursor ic(&doc);
    ic.setPosition(inlineCode + 1);
    QCOMPARE(ic.charFormat().background().color(), s.codeBackground);
    // The quote: dimmed.
    const int quote = int(text.indexOf(QStringLiteral("the old cache")));
    QTextCursor qc(&doc);
    qc.setPosition(quote + 1);
    QCOMPARE(qc.charFormat().foreground().color(), s.dim);
    QVERIFY(doc.findBlock(quote).blockFormat().leftMargin() > 0);
    // The table: borders collapsed in the separator colour; a bold, tinted header row.
    QTextTable *table = nullptr;
    for (QTextFrame *f : doc.rootFrame()->childFrames())
        if (auto *t = qobject_cast<QTextTable *>(f))
            table = t;
    QVERIFY(table);
    QCOMPARE(table->rows(), 3);
    QVERIFY(table->format().borderCollapse());
    QCOMPARE(table->format().borderBrush().color(), s.faint);
    const QTextTableCell header = table->cellAt(0, 1);
    QCOMPARE(header.format().background().color(), s.codeBackground);
    QCOMPARE(header.firstCursorPosition().charFormat().fontWeight(), int(QFont::Bold));
    QVERIFY(table->cellAt(1, 0).firstCursorPosition().charFormat().fontWeight() != QFont::Bold);
    // No cell carries a paragraph's margins (the importer gives the first one some).
    QCOMPARE(table->cellAt(0, 0).firstCursorPosition().block().blockFormat().topMargin(), 0.0);
    QCOMPARE(table->cellAt(0, 0).firstCursorPosition().block().text(), QStringLiteral("File"));
    // The header's cells start on one line.
    doc.setTextWidth(600);
    const auto top = [&](int column) {
        return doc.documentLayout()
            ->blockBoundingRect(table->cellAt(0, column).firstCursorPosition().block())
            .top();
    };
    QCOMPARE(top(0), top(1));

    // The fence's info string to a language: words, aliases and extensions.
    QCOMPARE(Highlighter::languageForFence(QStringLiteral("python")), QStringLiteral("Python"));
    QCOMPARE(Highlighter::languageForFence(QStringLiteral("ts")), QStringLiteral("TypeScript"));
    QCOMPARE(Highlighter::languageForFence(QStringLiteral("shell")), QStringLiteral("Bash"));
    QCOMPARE(Highlighter::languageForFence(QStringLiteral("C++ title=a.cc")),
             QStringLiteral("C++"));
    QCOMPARE(Highlighter::languageForFence(QStringLiteral("nosuchlanguage")), QString());
    QCOMPARE(Highlighter::languageForFence(QString()), QString());

    // The quote's bar is painted left of it, in the separator colour, and nowhere else.
    doc.setTextWidth(600);
    QImage image(600, int(doc.size().height()) + 1, QImage::Format_RGB32);
    image.fill(palette.color(QPalette::Base));
    {
        QPainter p(&image);
        paintQuoteBars(&p, &doc, s);
    }
    const QRectF quoteRect = doc.documentLayout()->blockBoundingRect(doc.findBlock(quote));
    QCOMPARE(QColor(image.pixel(int(quoteRect.x()) + 1, int(quoteRect.center().y()))).rgb(),
             s.faint.rgb());
    QCOMPARE(QColor(image.pixel(int(quoteRect.x()) + 1, int(quoteRect.top()) - 4)).rgb(),
             palette.color(QPalette::Base).rgb());

    // A console row shows it whole.
    TranscriptView view;
    view.setPalette(palette);
    view.resize(700, 600);
    ConsoleEvents ev;
    view.appendEvents({ev.text(QString::fromUtf8(kMarkdownAnswer))});
    view.model()->flush();
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(inkIn(view.viewport(), view.rowRect(0)) > 200);
}

void TestConsole::toolPresentation()
{
    const auto p = [](const char *tool, const QJsonObject &in) {
        return ToolPresentation::forTool(
            QLatin1String(tool),
            QString::fromUtf8(QJsonDocument(in).toJson(QJsonDocument::Indented)));
    };
    ToolPresentation bash = p("Bash", {{QStringLiteral("command"), QStringLiteral("echo hi\nls")}});
    QCOMPARE(bash.summary, QStringLiteral("echo hi …"));
    QCOMPARE(bash.code, QStringLiteral("echo hi\nls"));
    QCOMPARE(bash.codeLanguage, QStringLiteral("Bash"));
    ToolPresentation write = p("Write", {{QStringLiteral("file_path"), QStringLiteral("/w/a.py")},
                                         {QStringLiteral("content"), QStringLiteral("print(1)")}});
    QCOMPARE(write.summary, QStringLiteral("/w/a.py"));
    QCOMPARE(write.code, QStringLiteral("print(1)"));
    QCOMPARE(write.codeFileName, QStringLiteral("/w/a.py"));
    ToolPresentation edit = p("Edit", {{QStringLiteral("file_path"), QStringLiteral("/w/a.c")},
                                       {QStringLiteral("old_string"), QStringLiteral("a")},
                                       {QStringLiteral("new_string"), QStringLiteral("b")}});
    QCOMPARE(edit.code, QStringLiteral("-a\n+b"));
    QCOMPARE(edit.codeLanguage, QStringLiteral("Diff"));
    ToolPresentation other =
        p("mcp__x__y", {{QStringLiteral("n"), 3}, {QStringLiteral("q"), QStringLiteral("what")}});
    QCOMPARE(other.summary, QStringLiteral("what"));
    QCOMPARE(other.codeLanguage, QStringLiteral("JSON"));
}

void TestConsole::consoleWithoutEngine()
{
    EngineClient client; // never connected: commands fail, the console still works
    ConsoleWidget console(&client, QStringLiteral("s-test"));
    console.resize(900, 700);
    console.show();
    QVERIFY(QTest::qWaitForWindowExposed(&console));
    QVERIFY(console.isLoaded());
    TranscriptView *view = console.transcript();
    QCOMPARE(view->model()->rowCount(), 0);
    QVERIFY(console.findChild<ConsoleInput *>() != nullptr);
    // An unknown session: nothing to interrupt, stop or resume.
    QVERIFY(!console.findChild<QPushButton *>(QStringLiteral("interruptButton"))->isEnabled());
    QVERIFY(!console.findChild<QPushButton *>(QStringLiteral("stopButton"))->isEnabled());
    QVERIFY(!console.findChild<QPushButton *>(QStringLiteral("resumeButton"))->isEnabled());
    // The empty state says something.
    QVERIFY(inkIn(view->viewport(), view->viewport()->rect()) > 50);

    ConsoleEvents ev;
    ConsoleEvents otherEvents(QStringLiteral("other"));
    Q_EMIT client.eventsArrived(QStringLiteral("other"),
                                {otherEvents.text(QStringLiteral("not mine"))});
    Q_EMIT client.eventsArrived(QStringLiteral("s-test"), oneTurn(ev));
    QTRY_COMPARE(view->model()->rowCount(), 10);
    QCOMPARE(findRow(view->model(), Kind::Text, QStringLiteral("not mine")), -1);

    ConsoleWidget readOnly(&client, QStringLiteral("s-test"), nullptr, true);
    QVERIFY(readOnly.findChild<ConsoleInput *>() == nullptr);
    QVERIFY(!readOnly.findChild<QPushButton *>(QStringLiteral("resumeButton"))->isHidden());
    QVERIFY(readOnly.findChild<QPushButton *>(QStringLiteral("stopButton"))->isHidden());
}

void TestConsole::findBarFromCtrlF()
{
    EngineClient client;
    ConsoleWidget console(&client, QStringLiteral("s-test"));
    console.resize(900, 500);
    console.show();
    QVERIFY(QTest::qWaitForWindowExposed(&console));
    ConsoleEvents ev;
    QList<StoredEvent> events = oneTurn(ev);
    for (int i = 0; i < 50; ++i)
        events << ev.text(QStringLiteral("line %1").arg(i));
    console.transcript()->appendEvents(events);
    console.transcript()->model()->flush();
    console.activateWindow(); // shortcuts need an active window (Xvfb has no window manager)
    QVERIFY(QTest::qWaitForWindowActive(&console));
    console.transcript()->setFocus();

    auto *bar = console.findChild<FindBar *>();
    QVERIFY(bar && bar->isHidden());
    QTest::keyClick(console.transcript(), Qt::Key_F, Qt::ControlModifier);
    QVERIFY(bar->isVisible());
    QLineEdit *edit = bar->lineEdit();
    QVERIFY(edit->hasFocus());
    QTest::keyClicks(edit, QStringLiteral("done"));
    const int row = console.transcript()->matchRow();
    QVERIFY(row >= 0);
    QVERIFY(
        console.transcript()->model()->entry(row).plainText().contains(QLatin1String("All done")));
    auto *status = bar->findChild<QLabel *>(QStringLiteral("findStatus"));
    QCOMPARE(status->text(), QStringLiteral("1 of 2"));
    QTest::keyClick(edit, Qt::Key_Return);
    QVERIFY(console.transcript()->matchRow() != row);
    QCOMPARE(status->text(), QStringLiteral("2 of 2"));
    QTest::keyClick(edit, Qt::Key_Escape);
    QVERIFY(bar->isHidden());
    QVERIFY(console.transcript()->highlight().isEmpty());
}

void TestConsole::ctrlEnterSends()
{
    ConsoleInput input;
    input.show();
    QSignalSpy submitted(&input, &ConsoleInput::submitted);
    QTest::keyClicks(&input, QStringLiteral("hello"));
    QTest::keyClick(&input, Qt::Key_Return);
    QCOMPARE(submitted.count(), 0);
    QCOMPARE(input.toPlainText(), QStringLiteral("hello\n"));
    QTest::keyClick(&input, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(submitted.count(), 1);
    QTest::keyClick(&input, Qt::Key_Enter, Qt::ControlModifier);
    QCOMPARE(submitted.count(), 2);
}

// A link in an agent's Markdown opens at once only when it is http or https; file:, javascript:
// or a custom scheme (a handler that starts a program) asks first, and Cancel opens nothing.
void TestConsole::onlyWebLinksOpenWithoutAsking()
{
    LinkSink sink;
    const QStringList schemes{QStringLiteral("https"), QStringLiteral("http"),
                              QStringLiteral("file"), QStringLiteral("javascript"),
                              QStringLiteral("chorusevil")};
    for (const QString &scheme : schemes)
        QDesktopServices::setUrlHandler(scheme, &sink, "open");
    auto unset = qScopeGuard([&] {
        for (const QString &scheme : schemes)
            QDesktopServices::unsetUrlHandler(scheme);
    });

    TranscriptView view;
    view.resize(900, 600);
    const QStringList links{
        QStringLiteral("https://example.com/docs"), QStringLiteral("file:///etc/passwd"),
        QStringLiteral("chorusevil://run?cmd=rm"), QStringLiteral("javascript:alert(1)")};
    ConsoleEvents ev;
    QList<StoredEvent> events;
    for (const QString &link : links) // one link per row, its text wide enough to click
        events << ev.text(QStringLiteral("[%1](%2)").arg(QString(60, QLatin1Char('W')), link));
    view.appendEvents(events);
    view.model()->flush();
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.model()->rowCount(), links.size());

    auto click = [&](int row) {
        const QRect r = view.rowRect(row);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
                          QPoint(r.x() + r.width() / 4, r.center().y()));
    };
    auto questionBox = [&] { return view.findChild<QMessageBox *>(); };

    click(0); // https: opened, nothing asked
    QTRY_COMPARE(sink.opened, QList<QUrl>{QUrl(links[0])});
    QVERIFY(!questionBox());

    for (int row = 1; row < links.size(); ++row) {
        click(row);
        QTRY_VERIFY2(questionBox(), qPrintable(links[row]));
        QVERIFY2(questionBox()->text().contains(links[row]), qPrintable(questionBox()->text()));
        QCOMPARE(questionBox()->textFormat(), Qt::PlainText);
        QCOMPARE(sink.opened.size(), 1); // not before the answer
        questionBox()->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!questionBox());
        QCOMPARE(sink.opened.size(), 1); // cancelled: nothing opened
    }

    click(2); // asked again, and opened when the user agrees
    QTRY_VERIFY(questionBox());
    questionBox()->button(QMessageBox::Open)->click();
    QTRY_COMPARE(sink.opened.size(), 2);
    QCOMPARE(sink.opened.last(), QUrl(links[2]));
}

// A 200 KB answer is kept whole, shown folded with its size and two links; "Open in viewer"
// opens a read-only window with all of it; "Show all" lays all of it out in place.
void TestConsole::showAllOnLongAnswer()
{
    const QString last = QStringLiteral("THE-LAST-LINE-OF-THE-ANSWER");
    const QString answer = test::longAnswer(200 * 1024, last);
    TranscriptView view;
    view.setAgentName(QStringLiteral("builder"));
    view.resize(900, 700);
    ConsoleEvents ev;
    view.appendEvents({ev.input(QStringLiteral("Explain everything")), ev.text(answer)});
    view.model()->flush();
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const TranscriptModel *m = view.model();
    const int row = findRow(m, Kind::Text);
    QVERIFY(row >= 0);
    QCOMPARE(m->entry(row).body, answer); // no cut
    QCOMPARE(m->entry(row).plainText(), answer);

    // Folded: its first lines, then "… N more lines (200 KB in all) — Show all · Open in viewer".
    QVERIFY(view.isFolded(row));
    const TextFold fold = TextFold::of(answer);
    QVERIFY(fold.isFolded());
    QCOMPARE(fold.totalBytes, answer.toUtf8().size());
    QCOMPARE(fold.hiddenLines, answer.mid(fold.shownChars + 1).count(QLatin1Char('\n')) + 1);
    const QString label = EntryRenderer::foldLabel(fold);
    QVERIFY2(label.contains(QLatin1String("200 KB"), Qt::CaseInsensitive), qPrintable(label));
    QVERIFY2(label.contains(formatTextSize(fold.totalBytes)), qPrintable(label));
    QVERIFY2(label.contains(QLocale().toString(qlonglong(fold.hiddenLines))), qPrintable(label));
    const int lineHeight = view.fontMetrics().lineSpacing();
    const int foldedHeight = view.rowRect(row).height();
    QVERIFY(foldedHeight < 2 * TextFold::kFoldLines * lineHeight);
    const QRect show = view.foldLinkRect(row, EntryRenderer::FoldLink::ShowAll);
    const QRect open = view.foldLinkRect(row, EntryRenderer::FoldLink::OpenViewer);
    QVERIFY(view.viewport()->rect().contains(show)); // the view follows the end: in sight
    QVERIFY(view.viewport()->rect().contains(open));
    QCOMPARE(open.top(), show.top());
    QVERIFY(open.left() > show.right());
    const QRect row0 = view.rowRect(row);
    QVERIFY(row0.contains(show) && row0.contains(open));
    QVERIFY(inkIn(view.viewport(), show) > 10);
    QVERIFY(inkIn(view.viewport(), open) > 10);
    QVERIFY(inkIn(view.viewport(), QRect(row0.left(), show.top(), show.left() - row0.left(),
                                         show.height())) > 50); // the label
    QTest::mouseMove(view.viewport(), show.center());
    QTRY_COMPARE(view.viewport()->cursor().shape(), Qt::PointingHandCursor);

    // Open in viewer: the whole text, read-only, titled with the agent and the message.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, open.center());
    QPointer<TextViewerWindow> viewer = view.findChild<TextViewerWindow *>();
    QVERIFY(viewer);
    QVERIFY(QTest::qWaitForWindowExposed(viewer));
    QCOMPARE(viewer->editor()->toPlainText(), answer);
    QVERIFY(viewer->editor()->isReadOnly());
    QVERIFY2(viewer->windowTitle().contains(QLatin1String("builder")),
             qPrintable(viewer->windowTitle()));
    QVERIFY2(viewer->windowTitle().contains(QLatin1String("Answer")),
             qPrintable(viewer->windowTitle()));
    QVERIFY(!m->entry(row).showAll);                                 // the console stays folded
    QTest::keyClicks(viewer->findBar()->lineEdit(), last.toLower()); // its find bar
    QCOMPARE(viewer->editor()->textCursor().selectedText(), last);
    QCOMPARE(viewer->findBar()->findChild<QLabel *>(QStringLiteral("findStatus"))->text(),
             QStringLiteral("1 of 1"));
    viewer->close();
    QTRY_VERIFY(viewer.isNull()); // deleted on close

    // Show all: in place (the row's top stays where it is), all of it laid out.
    const int top = view.rowRect(row).top();
    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, show.center());
    view.viewport()->repaint();
    const qint64 ms = clock.elapsed();
    qInfo("Show all on a 200 KB answer: %lld ms to laid out and painted", qlonglong(ms));
    QVERIFY(m->entry(row).showAll);
    QVERIFY(!view.isFolded(row));
    QVERIFY(view.foldLinkRect(row, EntryRenderer::FoldLink::ShowAll).isEmpty());
    QCOMPARE(view.rowRect(row).top(), top);
    const qsizetype paragraphs = answer.count(QLatin1String("\n\n"));
    QVERIFY2(view.rowRect(row).height() > paragraphs * lineHeight,
             qPrintable(QStringLiteral("%1 px for %2 paragraphs")
                            .arg(view.rowRect(row).height())
                            .arg(paragraphs)));
    QVERIFY(!view.isAtBottom());
    QTest::keyClick(&view, Qt::Key_End); // its end is drawn
    QVERIFY(inkIn(view.viewport(), view.rowRect(row).intersected(view.viewport()->rect())) > 100);
}

// The keyboard and search reach folded texts too; a long tool result is kept whole and folds
// in its open block.
void TestConsole::longTextsFoldByKeyAndSearch()
{
    const QString needle = QStringLiteral("NEEDLE-AT-THE-END");
    const QString output = test::longAnswer(100 * 1024, QStringLiteral("exit 0"));
    TranscriptView view;
    view.resize(800, 600);
    ConsoleEvents ev;
    view.appendEvents({ev.text(test::longAnswer(40 * 1024)),
                       ev.toolUse(QStringLiteral("t1"), QStringLiteral("Bash"),
                                  {{QStringLiteral("command"), QStringLiteral("make")}}),
                       ev.toolResult(QStringLiteral("t1"), output),
                       ev.text(test::longAnswer(30 * 1024, needle))});
    view.model()->flush();
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setFocus();
    TranscriptModel *m = view.model();
    QCOMPARE(m->rowCount(), 3);
    QCOMPARE(m->entry(1).result, output); // no cut

    // Enter on a folded answer shows all of it.
    QVERIFY(view.isFolded(0));
    view.setCurrentRow(0);
    QTest::keyClick(&view, Qt::Key_Return);
    QVERIFY(m->entry(0).showAll);
    QVERIFY(!view.isFolded(0));

    // A closed tool block: Enter opens it (its long result folded), Shift+Enter shows all.
    view.setCurrentRow(1);
    QVERIFY(!view.isFolded(1));
    QTest::keyClick(&view, Qt::Key_Return);
    QVERIFY(m->entry(1).expanded);
    QVERIFY(view.isFolded(1));
    QTest::keyClick(&view, Qt::Key_Return, Qt::ShiftModifier);
    QVERIFY(m->entry(1).showAll);
    QVERIFY(m->entry(1).expanded);
    QVERIFY(!view.isFolded(1));

    // A match in the folded part of a text shows it whole.
    QVERIFY(view.isFolded(2));
    view.setCurrentRow(1);
    QVERIFY(view.findNext(needle));
    QCOMPARE(view.matchRow(), 2);
    QVERIFY(m->entry(2).showAll);
    // A short text has nothing to fold: Enter and the menu's Show all do nothing.
    m->setShowAll(2, false);
    view.appendEvents({ev.text(QStringLiteral("short"))});
    m->flush();
    view.setCurrentRow(3);
    QVERIFY(!view.isFolded(3));
    QTest::keyClick(&view, Qt::Key_Return);
    QVERIFY(!m->entry(3).showAll);
}

void TestConsole::foldScreenshots()
{
    const QString out = qEnvironmentVariable("CHORUS_CONSOLE_SCREENSHOTS");
    if (out.isEmpty())
        QSKIP("set CHORUS_CONSOLE_SCREENSHOTS=DIR to save screenshots of a folded answer");
    QDir().mkpath(out);
    const QString answer = test::longAnswer(200 * 1024, QStringLiteral("That is all of it."));
    for (const Theme theme : {Theme::Light, Theme::Dark}) {
        applyTheme(theme);
        const QString name =
            theme == Theme::Light ? QStringLiteral("light") : QStringLiteral("dark");
        TranscriptView view;
        view.setAgentName(QStringLiteral("builder"));
        view.resize(1000, 700);
        ConsoleEvents ev;
        view.appendEvents({ev.input(QStringLiteral("Write down everything about the build.")),
                           ev.text(answer), ev.result(false, QStringLiteral("done"), 81234, 0.4321),
                           ev.state(QStringLiteral("idle"))});
        view.model()->flush();
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.isFolded(1));
        view.grab().save(out + QStringLiteral("/fold-") + name + QStringLiteral(".png"));
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
                          view.foldLinkRect(1, EntryRenderer::FoldLink::OpenViewer).center());
        QPointer<TextViewerWindow> viewer = view.findChild<TextViewerWindow *>();
        QVERIFY(viewer);
        QVERIFY(QTest::qWaitForWindowExposed(viewer));
        QTest::keyClicks(viewer->findBar()->lineEdit(), QStringLiteral("build is"));
        QTest::keyClick(viewer->findBar()->lineEdit(), Qt::Key_Return);
        QTest::qWait(100);
        viewer->grab().save(out + QStringLiteral("/viewer-") + name + QStringLiteral(".png"));
        viewer->close();
        QTRY_VERIFY(viewer.isNull());
    }
    applyTheme(Theme::Light);
}

void TestConsole::markdownScreenshots()
{
    const QString out = qEnvironmentVariable("CHORUS_CONSOLE_SCREENSHOTS");
    if (out.isEmpty())
        QSKIP("set CHORUS_CONSOLE_SCREENSHOTS=DIR to save screenshots of Markdown");
    QDir().mkpath(out);
    for (const Theme theme : {Theme::Light, Theme::Dark}) {
        applyTheme(theme);
        TranscriptView view;
        view.setAgentName(QStringLiteral("builder"));
        view.resize(900, 640);
        ConsoleEvents ev;
        view.appendEvents({ev.input(QStringLiteral("What changed in the parser?")),
                           ev.text(QString::fromUtf8(kMarkdownAnswer)),
                           ev.result(false, QStringLiteral("done"), 4321, 0.0123),
                           ev.state(QStringLiteral("idle"))});
        view.model()->flush();
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.grab().save(
            out + QStringLiteral("/markdown-") +
            (theme == Theme::Light ? QStringLiteral("light") : QStringLiteral("dark")) +
            QStringLiteral(".png"));
    }
    applyTheme(Theme::Light);
}

QTEST_MAIN(TestConsole)
#include "tst_console.moc"
