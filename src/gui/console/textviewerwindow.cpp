#include "textviewerwindow.h"

#include "console/consolestyle.h"
#include "console/findbar.h"

#include <QFontDatabase>
#include <QGuiApplication>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScreen>
#include <QShortcut>
#include <QTextBlock>
#include <QVBoxLayout>

namespace chorus {

namespace {
constexpr int kMaxMarked = 1000; // matches marked at once; the count covers them all
}

TextViewerWindow::TextViewerWindow(const QString &title, const QString &text, QWidget *parent)
    : QWidget(parent, Qt::Window), m_edit(new QPlainTextEdit(this)), m_findBar(new FindBar(this))
{
    setObjectName(QStringLiteral("textViewer"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(title);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_findBar->lineEdit()->setPlaceholderText(tr("Find in this text"));
    layout->addWidget(m_findBar);
    layout->addWidget(m_edit, 1);

    m_edit->setObjectName(QStringLiteral("viewerText"));
    m_edit->setReadOnly(true);
    m_edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_edit->setFrameShape(QFrame::NoFrame);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_edit->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_edit->document()->setUndoRedoEnabled(false);
    m_edit->document()->setDocumentMargin(qMax(4, m_edit->fontMetrics().height() / 2));
    m_edit->setPlainText(text);
    m_text = m_edit->document()->toPlainText();
    m_edit->setAccessibleName(title);

    new QShortcut(QKeySequence::Find, this, m_findBar, &FindBar::activate,
                  Qt::WidgetWithChildrenShortcut);
    new QShortcut(QKeySequence::Close, this, this, &QWidget::close, Qt::WidgetWithChildrenShortcut);
    new QShortcut(Qt::Key_Escape, m_edit, this, &QWidget::close, Qt::WidgetShortcut);
    m_findBar->drive(this, [this](bool backwards, bool move) { search(backwards, move); });
    connect(m_findBar, &FindBar::closed, this, [this] {
        markMatches({});
        m_edit->setFocus();
    });

    const QFontMetrics fm(m_edit->font());
    QSize size(fm.horizontalAdvance(QLatin1Char('M')) * 120, fm.lineSpacing() * 45);
    if (const QScreen *screen = parent ? parent->screen() : QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableSize() * 9 / 10);
    resize(size);
    m_edit->setFocus();
}

bool TextViewerWindow::findNext(const QString &needle, bool backward, bool includeCurrent)
{
    if (needle.isEmpty())
        return false;
    QTextCursor from = m_edit->textCursor();
    if (includeCurrent) // typing: the match may grow where it is
        from.setPosition(backward ? from.selectionEnd() : from.selectionStart());
    else
        from.setPosition(backward ? from.selectionStart() : from.selectionEnd());
    const QTextDocument::FindFlags flags =
        backward ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    QTextDocument *doc = m_edit->document();
    QTextCursor found = doc->find(needle, from, flags);
    if (found.isNull()) { // wrap around
        QTextCursor edge(doc);
        edge.movePosition(backward ? QTextCursor::End : QTextCursor::Start);
        found = doc->find(needle, edge, flags);
    }
    if (found.isNull())
        return false;
    m_edit->setTextCursor(found);
    m_edit->centerCursor();
    return true;
}

void TextViewerWindow::search(bool backward, bool again)
{
    const QString needle = m_findBar->text();
    if (again && m_findBar->isHidden())
        m_findBar->show();
    const bool found = findNext(needle, backward, !again);
    markMatches(needle);
    const int total = needle.isEmpty() ? 0 : int(m_text.count(needle, Qt::CaseInsensitive));
    const int current = found ? int(QStringView(m_text)
                                        .left(m_edit->textCursor().selectionStart())
                                        .count(needle, Qt::CaseInsensitive)) +
                                    1
                              : 0;
    m_findBar->setResult(current, total);
}

void TextViewerWindow::markMatches(const QString &needle)
{
    QList<QTextEdit::ExtraSelection> marks;
    if (!needle.isEmpty()) {
        const ConsoleStyle style = ConsoleStyle::fromWidget(font(), m_edit->palette());
        QTextEdit::ExtraSelection mark; // as the console marks them
        mark.format.setBackground(style.match);
        mark.format.setForeground(style.text);
        for (qsizetype at = m_text.indexOf(needle, 0, Qt::CaseInsensitive);
             at >= 0 && marks.size() < kMaxMarked;
             at = m_text.indexOf(needle, at + needle.size(), Qt::CaseInsensitive)) {
            mark.cursor = QTextCursor(m_edit->document());
            mark.cursor.setPosition(int(at));
            mark.cursor.setPosition(int(at + needle.size()), QTextCursor::KeepAnchor);
            marks.append(mark);
        }
    }
    m_edit->setExtraSelections(marks);
}

} // namespace chorus
