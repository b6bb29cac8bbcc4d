#include "mainwindow/agentjumper.h"

#include "agents/agentlistmodel.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

namespace chorus {

namespace {
// The agents whose name holds the typed text (plain text, not a pattern), archived ones left out.
class NameFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex i = sourceModel()->index(row, AgentListModel::NameColumn, parent);
        if (i.data(AgentListModel::ArchivedRole).toBool())
            return false;
        return QSortFilterProxyModel::filterAcceptsRow(row, parent);
    }
};
} // namespace

AgentJumper::AgentJumper(AgentListModel *model, QWidget *parent)
    : QFrame(parent, Qt::Popup), m_proxy(new NameFilter(this)), m_search(new QLineEdit(this)),
      m_list(new QListView(this))
{
    setObjectName(QStringLiteral("agentJumper"));
    setFrameShape(QFrame::StyledPanel);
    m_proxy->setSourceModel(model);
    m_proxy->setFilterKeyColumn(AgentListModel::NameColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_search->setObjectName(QStringLiteral("jumpSearch"));
    m_search->setPlaceholderText(tr("Jump to agent: type part of its name, Enter to show it"));
    m_search->setClearButtonEnabled(true);
    m_list->setObjectName(QStringLiteral("jumpMatches"));
    m_list->setModel(m_proxy);
    m_list->setModelColumn(AgentListModel::NameColumn);
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setFocusPolicy(Qt::NoFocus); // typing stays in the search box
    auto *layout = new QVBoxLayout(this);
    const int m = fontMetrics().height() / 3;
    layout->setContentsMargins(m, m, m, m);
    layout->setSpacing(m);
    layout->addWidget(m_search);
    layout->addWidget(m_list);
    m_search->installEventFilter(this);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text.trimmed());
        m_list->setCurrentIndex(m_proxy->index(0, AgentListModel::NameColumn));
    });
    connect(m_list, &QListView::clicked, this, [this](const QModelIndex &i) {
        m_list->setCurrentIndex(i);
        choose();
    });
}

void AgentJumper::popup(QWidget *over)
{
    m_search->clear();
    m_proxy->setFilterFixedString(QString());
    m_list->setCurrentIndex(m_proxy->index(0, AgentListModel::NameColumn));
    const int width = qMin(over->width() - 40, fontMetrics().averageCharWidth() * 60);
    const int rows = qMin(10, qMax(3, m_proxy->rowCount()));
    resize(width, m_search->sizeHint().height() + rows * (fontMetrics().height() + 6) + 24);
    const QPoint top = over->mapToGlobal(QPoint((over->width() - width) / 2, over->height() / 8));
    move(top);
    show();
    m_search->setFocus();
}

bool AgentJumper::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        switch (static_cast<QKeyEvent *>(event)->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
            choose();
            return true;
        case Qt::Key_Escape:
            close();
            return true;
        case Qt::Key_Down:
            moveCurrent(1);
            return true;
        case Qt::Key_Up:
            moveCurrent(-1);
            return true;
        default:
            break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

void AgentJumper::moveCurrent(int step)
{
    const int rows = m_proxy->rowCount();
    if (rows == 0)
        return;
    const int row = (qMax(0, m_list->currentIndex().row()) + step + rows) % rows;
    m_list->setCurrentIndex(m_proxy->index(row, AgentListModel::NameColumn));
}

void AgentJumper::choose()
{
    QModelIndex i = m_list->currentIndex();
    if (!i.isValid())
        i = m_proxy->index(0, AgentListModel::NameColumn);
    if (!i.isValid())
        return; // nothing matches: the popup stays for another try
    const QString id = i.data(AgentListModel::IdRole).toString();
    close();
    Q_EMIT agentChosen(id);
}

} // namespace chorus
