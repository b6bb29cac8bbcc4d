#include "conflict/conflictlistmodel.h"

#include "conflict/conflictset.h"
#include "style/palettecolors.h"

#include <QApplication>
#include <QPalette>

namespace chorus {

ConflictListModel::ConflictListModel(ConflictSet *set, QObject *parent) : QAbstractTableModel(parent), m_set(set)
{
    connect(set, &ConflictSet::entriesReset, this, [this] {
        beginResetModel();
        endResetModel();
    });
    connect(set, &ConflictSet::entryChanged, this, [this](int row) {
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    });
}

int ConflictListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_set->size();
}

int ConflictListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ConflictListModel::kindLabel(const QString &kind)
{
    if (kind == QLatin1String("content"))
        return tr("both changed");
    if (kind == QLatin1String("add/add"))
        return tr("both added");
    if (kind == QLatin1String("modify/delete"))
        return tr("agent deleted");
    if (kind == QLatin1String("delete/modify"))
        return tr("target deleted");
    if (kind == QLatin1String("rename"))
        return tr("renamed");
    return kind;
}

QString ConflictListModel::kindExplanation(const QString &kind)
{
    if (kind == QLatin1String("content"))
        return tr("The target and the agent both changed this file.");
    if (kind == QLatin1String("add/add"))
        return tr("The target and the agent both added a file at this path.");
    if (kind == QLatin1String("modify/delete"))
        return tr("The target changed this file; the agent deleted it.");
    if (kind == QLatin1String("delete/modify"))
        return tr("The target deleted this file; the agent changed it.");
    if (kind == QLatin1String("rename"))
        return tr("The target and the agent renamed or moved this file differently.");
    return kind;
}

QVariant ConflictListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_set->size())
        return {};
    const ConflictEntry &e = m_set->at(index.row());
    if (role == Qt::ToolTipRole)
        return QStringLiteral("%1\n%2").arg(e.file.path, kindExplanation(e.file.kind));
    switch (index.column()) {
    case PathColumn:
        if (role == Qt::DisplayRole)
            return e.file.path;
        break;
    case KindColumn:
        if (role == Qt::DisplayRole)
            return kindLabel(e.file.kind);
        break;
    case StateColumn:
        if (role == Qt::DisplayRole) {
            if (e.isResolved())
                return tr("✓ resolved");
            if (e.usesTextMerge() && e.markersLeft > 0)
                return tr("%n to resolve", nullptr, e.markersLeft);
            return e.usesTextMerge() ? tr("markers left") : tr("choose");
        }
        if (role == Qt::ForegroundRole) {
            const QPalette palette = QApplication::palette();
            return e.isResolved() ? successColor(palette) : warningColor(palette);
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant ConflictListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PathColumn:
        return tr("File");
    case KindColumn:
        return tr("Conflict");
    case StateColumn:
        return tr("State");
    default:
        break;
    }
    return {};
}

} // namespace chorus
