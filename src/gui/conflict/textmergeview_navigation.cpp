// TextMergeView: the conflict under the cursor, the quick choices, moving between conflicts.
#include "conflict/conflictset.h"
#include "conflict/textmergeview.h"

#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTextDocument>

namespace chorus {

QList<MarkerBlock> TextMergeView::blocks() const
{
    if (m_index < 0)
        return {};
    return findMarkerBlocks(editorText(), m_set->at(m_index).ownMarkers);
}

int TextMergeView::currentBlock() const
{
    return blockAt(blocks());
}

int TextMergeView::blockAt(const QList<MarkerBlock> &b) const
{
    if (b.isEmpty())
        return -1;
    const int pos = m_result->textCursor().position();
    for (int i = 0; i < b.size(); ++i)
        if (pos < b.at(i).end || (pos == b.at(i).end && !b.at(i).closed))
            return i;
    return int(b.size()) - 1;
}

void TextMergeView::take(Take take)
{
    const QList<MarkerBlock> b = blocks();
    const int current = blockAt(b);
    if (current < 0)
        return;
    const MarkerBlock &block = b.at(current);
    const ConflictEntry &e = m_set->at(m_index);
    const QList<int> conflicts = e.merge.conflicts();
    const int chunk = block.number >= 1 && block.number <= conflicts.size() ? conflicts.at(block.number - 1) : -1;
    QString replacement;
    if (chunk >= 0) {
        replacement = toEditorText(e.merge.mergedText(chunk, take));
    } else { // a block the user made or renumbered: its own sections
        const QString first = take == Take::Theirs || take == Take::TheirsThenOurs ? block.theirs : block.ours;
        const QString second = take == Take::OursThenTheirs ? block.theirs : take == Take::TheirsThenOurs ? block.ours : QString();
        appendLines(&replacement, first, QStringLiteral("\n"));
        appendLines(&replacement, second, QStringLiteral("\n"));
    }
    const QString text = editorText();
    if (!replacement.isEmpty() && !replacement.endsWith(QLatin1Char('\n')) && block.end < text.size())
        replacement += QLatin1Char('\n');
    QTextCursor c(m_result->document());
    c.beginEditBlock();
    c.setPosition(int(block.start));
    c.setPosition(int(block.end), QTextCursor::KeepAnchor);
    c.insertText(replacement);
    c.endEditBlock();
    flush(); // first: the set must hold the new text when setTake() tells the world
    if (chunk >= 0)
        m_set->setTake(m_index, chunk, take);
    // On to the next conflict after this one, else the first one left.
    const int after = int(block.start + replacement.size());
    const QList<MarkerBlock> left = blocks();
    for (const MarkerBlock &next : left) {
        if (next.start >= after) {
            goToBlock(next);
            return;
        }
    }
    if (!left.isEmpty()) {
        goToBlock(left.first());
    } else {
        QTextCursor end(m_result->document());
        end.setPosition(std::min(after, m_result->document()->characterCount() - 1));
        m_result->setTextCursor(end);
        updateCurrent();
    }
}

bool TextMergeView::otherFileUnresolved() const
{
    for (int i = 0; i < m_set->size(); ++i)
        if (i != m_index && !m_set->at(i).isResolved())
            return true;
    return false;
}

bool TextMergeView::nextConflict()
{
    const QList<MarkerBlock> b = blocks();
    const int pos = m_result->textCursor().position();
    for (const MarkerBlock &block : b) {
        if (block.start > pos) {
            goToBlock(block);
            return true;
        }
    }
    if (otherFileUnresolved()) {
        Q_EMIT nextFileRequested();
        return true;
    }
    if (b.isEmpty())
        return false;
    goToBlock(b.first()); // wrap around
    return true;
}

bool TextMergeView::previousConflict()
{
    const QList<MarkerBlock> b = blocks();
    const int pos = m_result->textCursor().position();
    int target = -1; // the last block before the one the cursor is in (or at)
    for (int i = 0; i < b.size(); ++i) {
        if (b.at(i).start < pos && pos < b.at(i).end) {
            target = i - 1;
            break;
        }
        if (b.at(i).start < pos)
            target = i;
    }
    if (target >= 0) {
        goToBlock(b.at(target));
        return true;
    }
    if (otherFileUnresolved()) {
        Q_EMIT previousFileRequested();
        return true;
    }
    if (b.isEmpty())
        return false;
    goToBlock(b.last()); // wrap around
    return true;
}

void TextMergeView::goToBlock(const MarkerBlock &block)
{
    QTextCursor c(m_result->document());
    c.setPosition(int(block.start));
    m_result->setTextCursor(c);
    m_result->centerCursor();
    scrollPanesTo(block.number);
    updateCurrent();
}

void TextMergeView::goToFirstConflict(bool last)
{
    const QList<MarkerBlock> b = blocks();
    if (!b.isEmpty())
        goToBlock(last ? b.last() : b.first());
}

void TextMergeView::scrollPanesTo(int number)
{
    if (m_index < 0 || number < 1)
        return;
    const ThreeWayMerge &m = m_set->at(m_index).merge;
    const QList<int> conflicts = m.conflicts();
    if (number > conflicts.size())
        return;
    const MergeChunk &chunk = m.chunks().at(conflicts.at(number - 1));
    const LineRange ranges[3] = {chunk.base, chunk.ours, chunk.theirs};
    m_syncingScroll = true;
    for (int i = 0; i < 3; ++i) {
        QTextCursor c(m_panes[i]->document()->findBlockByNumber(ranges[i].start));
        m_panes[i]->setTextCursor(c);
        m_panes[i]->centerCursor();
    }
    m_syncingScroll = false;
}

} // namespace chorus
