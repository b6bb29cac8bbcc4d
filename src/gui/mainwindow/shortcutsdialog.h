#pragma once

#include <QDialog>
#include <QHash>

class QMenuBar;
class QTreeWidget;

namespace chorus {

// Help → Keyboard Shortcuts: every action of the main window's menus that has a shortcut, read
// from the actions themselves (so the list cannot go stale), one section per menu, then the keys
// of the other windows and the console.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(QMenuBar *menus, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    // "Action name" -> "Shortcut, Other shortcut", for tests.
    QHash<QString, QString> entries() const;

private:
    QTreeWidget *m_list;
};

} // namespace chorus
