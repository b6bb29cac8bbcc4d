#pragma once

#include <QWidget>

class QPlainTextEdit;

namespace chorus {

class FindBar;

// A read-only window with the whole of one long text from a transcript ("Open in viewer"):
// monospace, wrapped, with the console's find bar (Ctrl+F, Enter / Shift+Enter, F3).
// Escape in the text or Ctrl+W closes it; it deletes itself when closed.
class TextViewerWindow : public QWidget
{
    Q_OBJECT
public:
    TextViewerWindow(const QString &title, const QString &text, QWidget *parent = nullptr);

    QString text() const { return m_text; }
    QPlainTextEdit *editor() const { return m_edit; }
    FindBar *findBar() const { return m_findBar; }

    // Selects the next (or previous) match after the selection, wrapping; false when none.
    bool findNext(const QString &needle, bool backward = false, bool includeCurrent = false);

private:
    void search(bool backward, bool again);
    void markMatches(const QString &needle);

    QString m_text; // as the document holds it: positions match
    QPlainTextEdit *m_edit;
    FindBar *m_findBar;
};

} // namespace chorus
