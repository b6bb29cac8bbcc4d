// TranscriptView: what the user does in it (clicks, keys, context menu, search, copy).
#include "transcriptview.h"

#include "console/textfold.h"
#include "console/textviewerwindow.h"
#include "console/transcriptmodel.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QDateTime>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QScrollBar>
#include <QUrl>

#include <algorithm>

namespace chorus {

namespace {
using Kind = TranscriptItem::Kind;

// What a viewer shows, for its title: "Answer", "Bash result", …
QString partName(const TranscriptEntry &e, const QString &caption)
{
    switch (e.kind) {
    case Kind::Text:
        return TranscriptView::tr("Answer");
    case Kind::Input:
        return TranscriptView::tr("Message");
    case Kind::Thinking:
        return TranscriptView::tr("Thinking");
    case Kind::ToolUse:
        return caption.isEmpty() ? e.title
                                 : TranscriptView::tr("%1 %2").arg(e.title, caption.toLower());
    case Kind::ToolResult:
        return TranscriptView::tr("Tool result");
    case Kind::TurnEnd:
    case Kind::Error:
        return e.title.isEmpty() ? TranscriptView::tr("Error") : e.title;
    default:
        return e.title;
    }
}
} // namespace

void TranscriptView::holdRow(int row)
{
    const QRect r = rowRect(row);
    if (r.bottom() >= 0 && r.top() < viewport()->height()) {
        m_stick = false; // keep the row where it is while it opens or closes
        setAnchor(row, -r.top());
    }
}

void TranscriptView::toggleRow(int row)
{
    if (row < 0 || row >= m_geometry.count() || !m_model->entry(row).isCollapsible())
        return;
    holdRow(row);
    m_model->setExpanded(row, !m_model->entry(row).expanded);
}

bool TranscriptView::isFolded(int row)
{
    if (row < 0 || row >= m_geometry.count() || m_model->entry(row).showAll)
        return false;
    const QList<EntryRenderer::Part> parts = m_renderer.parts(m_model->entry(row), layoutWidth());
    return std::any_of(parts.begin(), parts.end(),
                       [](const EntryRenderer::Part &p) { return p.folded; });
}

QRect TranscriptView::foldLinkRect(int row, EntryRenderer::FoldLink link)
{
    if (row < 0 || row >= m_geometry.count())
        return {};
    return m_renderer.foldLinkRect(m_model->entry(row), rowRect(row), link);
}

void TranscriptView::showAll(int row)
{
    if (row < 0 || row >= m_geometry.count())
        return;
    const TranscriptEntry &e = m_model->entry(row);
    if (!isFolded(row) && !(e.isCollapsible() && !e.expanded && !e.showAll))
        return; // nothing folded (a closed block may hold a long text: opened, whole)
    holdRow(row);
    m_model->setShowAll(row, true);
}

void TranscriptView::openViewer(int row, int part)
{
    if (row < 0 || row >= m_geometry.count())
        return;
    const TranscriptEntry &e = m_model->entry(row);
    const QList<EntryRenderer::Part> parts = m_renderer.parts(e, layoutWidth());
    if (part < 0 || part >= parts.size()) {
        const auto folded = std::find_if(parts.begin(), parts.end(),
                                         [](const EntryRenderer::Part &p) { return p.folded; });
        part = folded != parts.end() ? int(folded - parts.begin()) : int(parts.size()) - 1;
    }
    // A closed block or a one-line row: its whole text.
    const QString text = part >= 0 ? parts.at(part).text : e.plainText();
    QString what = partName(e, part >= 0 ? parts.at(part).caption : QString());
    const QDateTime when = QDateTime::fromString(e.ts, Qt::ISODateWithMs);
    if (when.isValid())
        what = tr("%1 at %2")
                   .arg(what, QLocale().toString(when.toLocalTime().time(), QLocale::ShortFormat));
    const QString title = m_agentName.isEmpty() ? what : tr("%1 — %2").arg(m_agentName, what);
    auto *viewer = new TextViewerWindow(title, text, this);
    viewer->show();
}

void TranscriptView::setHighlight(const QString &text)
{
    if (text == m_highlight)
        return;
    m_highlight = text;
    if (text.isEmpty())
        m_matchRow = -1;
    viewport()->update();
}

bool TranscriptView::findNext(const QString &text, bool backward, bool includeCurrent)
{
    setHighlight(text);
    const int n = m_geometry.count();
    if (text.isEmpty() || n == 0) {
        m_matchRow = -1;
        return false;
    }
    int from = m_matchRow;
    if (from >= 0 && includeCurrent)
        from += backward ? 1 : -1;
    if (from < 0)
        from = m_current >= 0 ? m_current
                              : (backward ? n : m_geometry.rowAt(verticalScrollBar()->value()) - 1);
    const int row = m_model->findRow(text, from, backward);
    m_matchRow = row;
    viewport()->update();
    if (row < 0)
        return false;
    const TranscriptEntry &e = m_model->entry(row);
    if (e.isCollapsible() && !e.expanded && !e.title.contains(text, Qt::CaseInsensitive))
        m_model->setExpanded(row, true);
    // A match in the folded part of a long text: shown whole.
    for (const EntryRenderer::Part &part : m_renderer.parts(e, layoutWidth())) {
        if (part.folded &&
            !QStringView(part.text)
                 .left(qMax<qsizetype>(0, TextFold::cutPoint(part.text)))
                 .contains(text, Qt::CaseInsensitive) &&
            part.text.contains(text, Qt::CaseInsensitive)) {
            m_model->setShowAll(row, true);
            break;
        }
    }
    setCurrentRow(row);
    const QRect r = rowRect(row);
    if (r.top() < 0 || r.top() > viewport()->height() - 2 * m_renderer.style().lineHeight)
        scrollToRow(row);
    return true;
}

void TranscriptView::copyCurrent() const
{
    if (m_current < 0 || m_current >= m_model->rowCount())
        return;
    QGuiApplication::clipboard()->setText(m_model->entry(m_current).plainText());
}

int TranscriptView::rowAtPos(const QPoint &pos)
{
    const qint64 y = verticalScrollBar()->value() + pos.y();
    if (m_geometry.count() == 0 || y < 0 || y >= m_geometry.total())
        return -1;
    return m_geometry.rowAt(y);
}

void TranscriptView::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    const int row = rowAtPos(event->position().toPoint());
    if (row < 0)
        return;
    setCurrentRow(row);
    if (event->button() != Qt::LeftButton)
        return;
    int part = -1;
    switch (m_renderer.foldLinkAt(m_model->entry(row), rowRect(row), event->position().toPoint(),
                                  &part)) {
    case EntryRenderer::FoldLink::ShowAll:
        showAll(row);
        return;
    case EntryRenderer::FoldLink::OpenViewer:
        openViewer(row, part);
        return;
    case EntryRenderer::FoldLink::None:
        break;
    }
    if (toggleRect(row).contains(event->position().toPoint())) {
        toggleRow(row);
        return;
    }
    const QString link =
        m_renderer.linkAt(m_model->entry(row), rowRect(row), event->position().toPoint());
    if (!link.isEmpty())
        openLink(link);
}

void TranscriptView::openLink(const QString &link)
{
    const QUrl url(link);
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https")) {
        QDesktopServices::openUrl(url);
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Open this link?"),
                                tr("An agent's text links to:\n\n%1").arg(link),
                                QMessageBox::Open | QMessageBox::Cancel, this);
    box->setInformativeText(tr("It is not a web (http or https) link: opening it may open a local "
                               "file or start a program. Open it only if you expected it."));
    box->setTextFormat(Qt::PlainText); // the link is the model's text, never markup
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [box, url] {
        if (box->clickedButton() == box->button(QMessageBox::Open))
            QDesktopServices::openUrl(url);
    });
    box->open();
}

void TranscriptView::mouseMoveEvent(QMouseEvent *event)
{
    const int row = rowAtPos(event->position().toPoint());
    bool hand = false;
    if (row >= 0 && event->buttons() == Qt::NoButton)
        hand =
            toggleRect(row).contains(event->position().toPoint()) ||
            m_renderer.foldLinkAt(m_model->entry(row), rowRect(row), event->position().toPoint()) !=
                EntryRenderer::FoldLink::None ||
            !m_renderer.linkAt(m_model->entry(row), rowRect(row), event->position().toPoint())
                 .isEmpty();
    viewport()->setCursor(hand ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

void TranscriptView::mouseReleaseEvent(QMouseEvent *event)
{
    event->accept(); // the press did the work
}

void TranscriptView::keyPressEvent(QKeyEvent *event)
{
    const int n = m_geometry.count();
    if (event->matches(QKeySequence::Copy)) {
        copyCurrent();
        return;
    }
    switch (event->key()) {
    case Qt::Key_Up:
    case Qt::Key_Down: {
        if (n == 0)
            return;
        const int base =
            m_current >= 0 ? m_current : m_geometry.rowAt(verticalScrollBar()->value());
        const int row = qBound(0, base + (event->key() == Qt::Key_Up ? -1 : 1), n - 1);
        setCurrentRow(row);
        const QRect r = rowRect(row);
        if (r.top() < 0 || r.bottom() > viewport()->height())
            scrollToRow(row);
        return;
    }
    case Qt::Key_Space:
    case Qt::Key_Return:
    case Qt::Key_Enter:
        // A tool block or thinking opens and closes; a folded text is shown whole. Shift:
        // shown whole in any row.
        if (m_current >= 0 && m_current < n &&
            ((event->modifiers() & Qt::ShiftModifier) ||
             !m_model->entry(m_current).isCollapsible()))
            showAll(m_current);
        else
            toggleRow(m_current);
        return;
    case Qt::Key_Home:
        verticalScrollBar()->triggerAction(QAbstractSlider::SliderToMinimum);
        return;
    case Qt::Key_End:
        scrollToBottom();
        return;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void TranscriptView::contextMenuEvent(QContextMenuEvent *event)
{
    if (event->reason() == QContextMenuEvent::Mouse) { // from the keyboard: the current row
        const int row = rowAtPos(event->pos());
        if (row >= 0)
            setCurrentRow(row);
    }
    QMenu menu(this);
    QAction *copy = menu.addAction(tr("&Copy"), this, &TranscriptView::copyCurrent);
    copy->setShortcut(QKeySequence::Copy);
    copy->setEnabled(m_current >= 0);
    // The row is read when an action runs: rows may go (the model's cap) while the menu is open,
    // and m_current follows them.
    const int current = m_current;
    QAction *all = menu.addAction(tr("Show &All"), this, [this] { showAll(m_current); });
    all->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Return));
    all->setEnabled(isFolded(current));
    QAction *viewer =
        menu.addAction(tr("Open in &Viewer"), this, [this] { openViewer(m_current); });
    viewer->setEnabled(current >= 0 && !m_model->entry(current).hiddenNote);
    menu.addSeparator();
    menu.addAction(tr("&Expand All Tool Blocks"), this, [this] { m_model->setAllExpanded(true); });
    menu.addAction(tr("C&ollapse All Tool Blocks"), this,
                   [this] { m_model->setAllExpanded(false); });
    menu.addSeparator();
    menu.addAction(tr("Scroll to &Bottom"), this, &TranscriptView::scrollToBottom);
    menu.exec(event->globalPos());
}

} // namespace chorus
