#include "conflict/textmergeview.h"

#include "conflict/conflictset.h"
#include "conflict/mergetints.h"
#include "style/palettecolors.h"
#include "widgets/highlighter.h"

#include <QAction>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextDocumentLayout>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBlock>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace chorus {

namespace {

constexpr MergeSide kSides[3] = {MergeSide::Base, MergeSide::Ours, MergeSide::Theirs};
constexpr Take kTakes[4] = {Take::Ours, Take::Theirs, Take::OursThenTheirs, Take::TheirsThenOurs};

QString rawText(const QTextDocument *doc)
{
    QString text = doc->toRawText();
    text.replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
    return text;
}

QPlainTextEdit *makeEditor(QWidget *parent, bool readOnly)
{
    auto *e = new QPlainTextEdit(parent);
    e->setReadOnly(readOnly);
    e->setLineWrapMode(QPlainTextEdit::NoWrap);
    e->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    e->setTabStopDistance(e->fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 4);
    if (readOnly)
        e->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return e;
}

} // namespace

TextMergeView::TextMergeView(ConflictSet *set, QWidget *parent)
    : QWidget(parent), m_set(set), m_flushTimer(new QTimer(this)), m_highlightTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("textMergeView"));
    m_previous = makeAction(tr("Previous Conflict"), {QKeySequence(Qt::ALT | Qt::Key_Up), QKeySequence(Qt::SHIFT | Qt::Key_F8)},
                            tr("Go to the previous conflict"));
    m_next = makeAction(tr("Next Conflict"), {QKeySequence(Qt::ALT | Qt::Key_Down), QKeySequence(Qt::Key_F8)},
                        tr("Go to the next conflict"));
    m_takes[0] = makeAction(tr("Take Target"), {QKeySequence(Qt::CTRL | Qt::Key_1)},
                            tr("Use the target's lines for this conflict"));
    m_takes[1] = makeAction(tr("Take Agent"), {QKeySequence(Qt::CTRL | Qt::Key_2)},
                            tr("Use the agent's lines for this conflict"));
    m_takes[2] = makeAction(tr("Take Both (Target First)"), {QKeySequence(Qt::CTRL | Qt::Key_3)},
                            tr("Keep both: the target's lines, then the agent's"));
    m_takes[3] = makeAction(tr("Take Both (Agent First)"), {QKeySequence(Qt::CTRL | Qt::Key_4)},
                            tr("Keep both: the agent's lines, then the target's"));
    connect(m_previous, &QAction::triggered, this, [this] { previousConflict(); });
    connect(m_next, &QAction::triggered, this, [this] { nextConflict(); });
    for (int i = 0; i < 4; ++i)
        connect(m_takes[i], &QAction::triggered, this, [this, i] { take(kTakes[i]); });

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(buildPanes());
    m_splitter->addWidget(buildResult());
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(250);
    connect(m_flushTimer, &QTimer::timeout, this, &TextMergeView::flush);
    m_highlightTimer->setSingleShot(true);
    m_highlightTimer->setInterval(60);
    connect(m_highlightTimer, &QTimer::timeout, this, &TextMergeView::updateCurrent);
    connect(m_result, &QPlainTextEdit::cursorPositionChanged, m_highlightTimer, qOverload<>(&QTimer::start));
    connect(m_set, &ConflictSet::entriesReset, this, &TextMergeView::clearDocs);
    connect(m_set, &ConflictSet::entryChanged, this, &TextMergeView::onEntryChanged);
    updateCurrent();
}

TextMergeView::~TextMergeView() = default;

QAction *TextMergeView::makeAction(const QString &text, const QList<QKeySequence> &keys, const QString &tip)
{
    auto *a = new QAction(text, this);
    a->setShortcuts(keys);
    a->setShortcutContext(Qt::WindowShortcut);
    a->setToolTip(QStringLiteral("%1 (%2)").arg(tip, keys.first().toString(QKeySequence::NativeText)));
    addAction(a);
    return a;
}

QWidget *TextMergeView::buildPanes()
{
    auto *panes = new QSplitter(Qt::Horizontal, this);
    panes->setChildrenCollapsible(false);
    const QString names[3] = {QStringLiteral("paneBase"), QStringLiteral("paneTarget"), QStringLiteral("paneAgent")};
    for (int i = 0; i < 3; ++i) {
        auto *column = new QWidget(panes);
        auto *layout = new QVBoxLayout(column);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(2);
        m_paneTitles[i] = new QLabel(column);
        m_paneTitles[i]->setTextFormat(Qt::PlainText);
        QFont f = m_paneTitles[i]->font();
        f.setBold(true);
        m_paneTitles[i]->setFont(f);
        m_panes[i] = makeEditor(column, true);
        m_panes[i]->setObjectName(names[i]);
        layout->addWidget(m_paneTitles[i]);
        layout->addWidget(m_panes[i], 1);
        panes->addWidget(column);
        connect(m_panes[i]->verticalScrollBar(), &QScrollBar::valueChanged, this,
                [this, i](int value) { syncScroll(i, value); });
    }
    return panes;
}

QWidget *TextMergeView::buildResult()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *bar = new QHBoxLayout;
    m_conflictLabel = new QLabel(box);
    m_conflictLabel->setObjectName(QStringLiteral("conflictLabel"));
    bar->addWidget(m_conflictLabel);
    m_accept = new QToolButton(box);
    m_accept->setObjectName(QStringLiteral("acceptResult"));
    m_accept->setText(tr("Accept Result"));
    m_accept->setToolTip(tr("The two sides' changes do not overlap here: take the result as it is"));
    connect(m_accept, &QToolButton::clicked, this, [this] {
        flush();
        if (m_index >= 0)
            m_set->accept(m_index);
    });
    bar->addWidget(m_accept);
    auto addButton = [&](QAction *a) {
        auto *b = new QToolButton(box);
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        bar->addWidget(b);
    };
    addButton(m_previous);
    addButton(m_next);
    bar->addSpacing(12);
    for (QAction *a : m_takes)
        addButton(a);
    bar->addStretch(1);
    layout->addLayout(bar);
    m_resultTitle = new QLabel(box);
    m_resultTitle->setTextFormat(Qt::PlainText);
    QFont f = m_resultTitle->font();
    f.setBold(true);
    m_resultTitle->setFont(f);
    layout->addWidget(m_resultTitle);
    m_result = makeEditor(box, false);
    m_result->setObjectName(QStringLiteral("resultEditor"));
    layout->addWidget(m_result, 1);
    return box;
}

void TextMergeView::setNames(const QString &branch, const QString &target)
{
    m_paneTitles[0]->setText(tr("Base (common ancestor)"));
    m_paneTitles[1]->setText(tr("Target: %1").arg(target));
    m_paneTitles[2]->setText(tr("Agent: %1").arg(branch));
}

TextMergeView::FileDocs &TextMergeView::docsFor(int index)
{
    FileDocs &d = m_docs[index];
    if (d.result)
        return d;
    const ConflictEntry &e = m_set->at(index);
    auto makeDoc = [&](const QString &text) {
        auto *doc = new QTextDocument(this);
        doc->setDocumentLayout(new QPlainTextDocumentLayout(doc));
        doc->setDefaultFont(m_result->font());
        doc->setPlainText(text);
        Highlighter::attach(doc, {}, e.file.path, palette());
        return doc;
    };
    for (int i = 0; i < 3; ++i)
        d.panes[i] = makeDoc(toEditorText(e.merge.lines(kSides[i]).join(QString())));
    d.result = makeDoc(e.result);
    connect(d.result.data(), &QTextDocument::contentsChanged, this, [this, index] {
        if (index == m_index && !m_flushing)
            m_flushTimer->start();
    });
    return d;
}

void TextMergeView::clearDocs()
{
    m_flushTimer->stop();
    for (QPlainTextEdit *p : m_panes)
        p->setDocument(nullptr);
    m_result->setDocument(nullptr);
    for (FileDocs &d : m_docs) {
        for (auto &p : d.panes)
            delete p.data();
        delete d.result.data();
    }
    m_docs.clear();
    m_index = -1;
    updateCurrent();
}

void TextMergeView::showEntry(int index)
{
    if (index == m_index)
        return;
    flush();
    if (m_index >= 0 && m_docs.contains(m_index))
        m_docs[m_index].cursor = m_result->textCursor().position();
    m_index = index;
    if (index < 0 || index >= m_set->size() || !m_set->at(index).usesTextMerge()) {
        m_index = -1;
        updateCurrent();
        return;
    }
    FileDocs &d = docsFor(index);
    for (int i = 0; i < 3; ++i)
        m_panes[i]->setDocument(d.panes[i]);
    m_tinted = {}; // new pane documents: tint them again
    m_result->setDocument(d.result);
    m_resultTitle->setText(tr("Result: %1").arg(m_set->at(index).file.path));
    m_resultTitle->setToolTip(m_set->at(index).file.path);
    if (d.cursor < 0) {
        const QList<MarkerBlock> b = blocks();
        if (!b.isEmpty())
            goToBlock(b.first());
    } else {
        QTextCursor c(d.result);
        c.setPosition(std::min(d.cursor, d.result->characterCount() - 1));
        m_result->setTextCursor(c);
        m_result->centerCursor();
    }
    d.cursor = 0;
    updateCurrent();
}

QString TextMergeView::editorText() const
{
    return m_index >= 0 ? rawText(m_result->document()) : QString();
}

void TextMergeView::flush()
{
    m_flushTimer->stop();
    if (m_index < 0)
        return;
    m_flushing = true;
    m_set->setResult(m_index, editorText());
    m_flushing = false;
}

void TextMergeView::onEntryChanged(int index)
{
    // A change from outside (restored state): the document follows.
    if (m_flushing || !m_docs.contains(index) || !m_docs[index].result)
        return;
    QTextDocument *doc = m_docs[index].result;
    const QString text = m_set->at(index).result;
    if (rawText(doc) != text) {
        m_flushing = true;
        doc->setPlainText(text);
        m_flushing = false;
    }
    if (index == m_index)
        updateCurrent();
}

void TextMergeView::syncScroll(int fromPane, int value)
{
    if (m_syncingScroll || m_index < 0)
        return;
    const ThreeWayMerge &m = m_set->at(m_index).merge;
    m_syncingScroll = true;
    for (int i = 0; i < 3; ++i)
        if (i != fromPane)
            m_panes[i]->verticalScrollBar()->setValue(m.mapLine(kSides[fromPane], value, kSides[i]));
    m_syncingScroll = false;
}

void TextMergeView::updateCurrent()
{
    const bool active = m_index >= 0;
    const QList<MarkerBlock> b = blocks();
    const int current = blockAt(b);
    const int number = current >= 0 ? b.at(current).number : 0;
    if (number != m_currentNumber && number > 0)
        scrollPanesTo(number); // the panes follow the cursor into another conflict
    m_currentNumber = number;
    for (QAction *a : m_takes)
        a->setEnabled(current >= 0);
    m_previous->setEnabled(active);
    m_next->setEnabled(active);
    QString label;
    QColor color = palette().color(QPalette::WindowText);
    if (!active) {
        label.clear();
    } else if (!b.isEmpty()) {
        label = tr("Conflict %1 of %2").arg(current + 1).arg(b.size());
        color = warningColor(palette());
    } else if (m_set->at(m_index).hasMarkers) {
        label = tr("A conflict marker line is left");
        color = errorColor(palette());
    } else if (!m_set->at(m_index).isResolved()) {
        label = tr("No overlapping changes: check the result, then accept it");
        color = warningColor(palette());
    } else {
        label = tr("All conflicts resolved");
        color = successColor(palette());
    }
    m_accept->setVisible(active && b.isEmpty() && !m_set->at(m_index).isResolved() &&
                         !m_set->at(m_index).hasMarkers);
    m_conflictLabel->setText(label);
    QPalette p = m_conflictLabel->palette();
    p.setColor(QPalette::WindowText, color);
    m_conflictLabel->setPalette(p);
    updateHighlights(b, current);
}

void TextMergeView::updateHighlights(const QList<MarkerBlock> &blocks, int current)
{
    if (m_index < 0) {
        for (QPlainTextEdit *e : m_panes)
            e->setExtraSelections({});
        m_result->setExtraSelections({});
        m_tinted = {};
        return;
    }
    // The panes never change while a file is shown: their tints only follow the current
    // conflict and the palette.
    const PaneTintKey key{m_index, m_currentNumber, palette().cacheKey()};
    if (!(key == m_tinted)) {
        QTextDocument *docs[3] = {m_panes[0]->document(), m_panes[1]->document(), m_panes[2]->document()};
        QList<QTextEdit::ExtraSelection> panes[3];
        mergetints::paneTints(m_set->at(m_index).merge, m_currentNumber, docs, palette(), panes);
        for (int i = 0; i < 3; ++i)
            m_panes[i]->setExtraSelections(panes[i]);
        m_tinted = key;
    }
    m_result->setExtraSelections(mergetints::resultTints(m_result->document(), blocks, current, palette()));
}

QPlainTextEdit *TextMergeView::pane(MergeSide side) const
{
    return m_panes[side == MergeSide::Base ? 0 : side == MergeSide::Ours ? 1 : 2];
}

QAction *TextMergeView::takeAction(Take take) const
{
    for (int i = 0; i < 4; ++i)
        if (kTakes[i] == take)
            return m_takes[i];
    return nullptr;
}

void TextMergeView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateCurrent();
}

} // namespace chorus
