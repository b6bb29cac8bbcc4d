#include "mainwindow/shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace chorus {

namespace {
QString keysOf(const QAction *a)
{
    QStringList keys;
    for (const QKeySequence &k : a->shortcuts())
        keys << k.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(", "));
}

// The actions of `menu` (and its submenus) that have a shortcut, under `section`.
void addMenu(QTreeWidgetItem *section, const QMenu *menu)
{
    for (QAction *a : menu->actions()) {
        if (a->isSeparator())
            continue;
        if (a->menu()) {
            addMenu(section, a->menu());
            continue;
        }
        if (a->shortcuts().isEmpty())
            continue;
        auto *row = new QTreeWidgetItem(section, {a->text().remove(QLatin1Char('&')), keysOf(a)});
        row->setIcon(0, a->icon());
        row->setToolTip(0, a->toolTip());
    }
}
} // namespace

ShortcutsDialog::ShortcutsDialog(QMenuBar *menus, QWidget *parent)
    : QDialog(parent), m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_list->setObjectName(QStringLiteral("shortcutList"));
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("Action"), tr("Shortcut")});
    m_list->setRootIsDecorated(false);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);

    auto section = [this](const QString &title) {
        auto *item = new QTreeWidgetItem(m_list, {title});
        QFont bold = item->font(0);
        bold.setBold(true);
        item->setFont(0, bold);
        item->setFirstColumnSpanned(true);
        item->setFlags(Qt::ItemIsEnabled);
        return item;
    };
    for (QAction *top : menus->actions()) {
        if (!top->menu())
            continue;
        QTreeWidgetItem *s = section(top->text().remove(QLatin1Char('&')));
        addMenu(s, top->menu());
        if (s->childCount() == 0)
            delete s;
    }
    // Keys that belong to widgets, not to the main window's actions.
    QTreeWidgetItem *other = section(tr("Consoles and other windows"));
    const QList<std::pair<QString, QKeySequence>> keys{
        {tr("Send a follow-up (console)"), QKeySequence(Qt::CTRL | Qt::Key_Enter)},
        {tr("Find in the console"), QKeySequence(QKeySequence::Find)},
        {tr("Start the agent (New Agent dialog)"), QKeySequence(Qt::CTRL | Qt::Key_Enter)},
        {tr("Close Review or History"), QKeySequence(Qt::Key_Escape)},
    };
    for (const auto &[what, key] : keys)
        new QTreeWidgetItem(other, {what, key.toString(QKeySequence::NativeText)});
    m_list->expandAll();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
    // Room for every row without scrolling on a 700-pixel-high screen.
    const int em = fontMetrics().averageCharWidth();
    resize(em * 100, fontMetrics().height() * 40);
}

QHash<QString, QString> ShortcutsDialog::entries() const
{
    QHash<QString, QString> out;
    for (int s = 0; s < m_list->topLevelItemCount(); ++s) {
        const QTreeWidgetItem *section = m_list->topLevelItem(s);
        for (int i = 0; i < section->childCount(); ++i)
            out.insert(section->child(i)->text(0), section->child(i)->text(1));
    }
    return out;
}

} // namespace chorus
