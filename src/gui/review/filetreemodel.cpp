#include "review/filetreemodel.h"

#include "style/palettecolors.h"

#include <QApplication>
#include <QFont>
#include <QStyle>

#include <algorithm>
#include <functional>

namespace chorus {

FileTreeModel::FileTreeModel(QObject *parent)
    : QAbstractItemModel(parent), m_root(std::make_unique<Node>())
{}

FileTreeModel::~FileTreeModel() = default;

QString FileTreeModel::statusLetter(const FileDiff &f)
{
    switch (f.status) {
    case FileDiff::Added:
        return QStringLiteral("A");
    case FileDiff::Deleted:
        return QStringLiteral("D");
    case FileDiff::Modified:
        return QStringLiteral("M");
    case FileDiff::Renamed:
        return QStringLiteral("R");
    case FileDiff::Copied:
        return QStringLiteral("C");
    case FileDiff::TypeChanged:
        return QStringLiteral("T");
    }
    return {};
}

void FileTreeModel::clear()
{
    setFiles({}, {});
}

void FileTreeModel::setFiles(const QList<FileDiff> &files, const QSet<QString> &viewed)
{
    beginResetModel();
    m_files = files;
    m_viewed.clear();
    m_byPath.clear();
    m_root = std::make_unique<Node>();
    QHash<QString, Node *> folders;
    folders.insert(QString(), m_root.get());
    for (int i = 0; i < m_files.size(); ++i) {
        const QString path = m_files[i].path();
        const QStringList parts = path.split(QLatin1Char('/'));
        Node *parent = m_root.get();
        QString folder;
        for (qsizetype k = 0; k + 1 < parts.size(); ++k) {
            folder = folder.isEmpty() ? parts[k] : folder + QLatin1Char('/') + parts[k];
            Node *&f = folders[folder];
            if (!f) {
                auto node = std::make_unique<Node>();
                node->name = parts[k];
                node->path = folder;
                node->parent = parent;
                f = node.get();
                parent->children.push_back(std::move(node));
            }
            parent = f;
        }
        auto leaf = std::make_unique<Node>();
        leaf->name = parts.constLast();
        leaf->path = path;
        leaf->file = i;
        leaf->parent = parent;
        leaf->additions = m_files[i].additions;
        leaf->deletions = m_files[i].deletions;
        m_byPath.insert(path, leaf.get());
        parent->children.push_back(std::move(leaf));
        if (viewed.contains(path))
            m_viewed.insert(path);
    }
    for (auto &child : m_root->children)
        compact(child.get());
    finish(m_root.get());
    endResetModel();
}

// A folder whose only child is a folder becomes one node "a/b".
void FileTreeModel::compact(Node *node)
{
    while (node->file < 0 && node->children.size() == 1 && node->children.front()->file < 0) {
        std::unique_ptr<Node> only = std::move(node->children.front());
        node->name += QLatin1Char('/') + only->name;
        node->path = only->path;
        node->children = std::move(only->children);
        for (auto &c : node->children)
            c->parent = node;
    }
    for (auto &c : node->children)
        compact(c.get());
}

// Folders first, then files, by name; rows and folder totals.
void FileTreeModel::finish(Node *node)
{
    std::sort(node->children.begin(), node->children.end(), [](const auto &a, const auto &b) {
        if ((a->file < 0) != (b->file < 0))
            return a->file < 0;
        return QString::compare(a->name, b->name, Qt::CaseInsensitive) < 0;
    });
    if (node->file < 0) {
        node->additions = node->deletions = 0;
    }
    for (size_t i = 0; i < node->children.size(); ++i) {
        Node *c = node->children[i].get();
        c->row = int(i);
        finish(c);
        node->additions += c->additions;
        node->deletions += c->deletions;
    }
}

const FileDiff *FileTreeModel::file(const QString &path) const
{
    const Node *n = m_byPath.value(path);
    return n ? &m_files[n->file] : nullptr;
}

void FileTreeModel::setViewed(const QString &path, bool viewed)
{
    if (!m_byPath.contains(path) || viewed == m_viewed.contains(path))
        return;
    if (viewed)
        m_viewed.insert(path);
    else
        m_viewed.remove(path);
    const QModelIndex i = indexOf(path);
    Q_EMIT dataChanged(i, i.siblingAtColumn(ColumnCount - 1));
}

FileTreeModel::Node *FileTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex FileTreeModel::indexOfNode(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

QModelIndex FileTreeModel::indexOf(const QString &path, int column) const
{
    return indexOfNode(m_byPath.value(path), column);
}

QStringList FileTreeModel::orderedPaths() const
{
    QStringList out;
    std::function<void(const Node *)> walk = [&](const Node *n) {
        if (n->file >= 0)
            out << n->path;
        for (const auto &c : n->children)
            walk(c.get());
    };
    walk(m_root.get());
    return out;
}

QModelIndex FileTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *p = nodeOf(parent);
    if (row < 0 || column < 0 || column >= ColumnCount || size_t(row) >= p->children.size())
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex FileTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOfNode(nodeOf(child)->parent, 0);
}

int FileTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int FileTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

Qt::ItemFlags FileTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == NameColumn && nodeOf(index)->file >= 0)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant FileTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("File");
    case StatusColumn:
        return tr("Status");
    case ChangesColumn:
        return tr("Lines");
    default:
        return {};
    }
}

QVariant FileTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *n = nodeOf(index);
    const FileDiff *f = n->file >= 0 ? &m_files[n->file] : nullptr;
    switch (role) {
    case PathRole:
        return n->path;
    case IsDirectoryRole:
        return !f;
    case AdditionsRole:
        return n->additions;
    case DeletionsRole:
        return n->deletions;
    case NoCountsRole: // nothing to count
        return (f && f->binary) || (n->additions == 0 && n->deletions == 0);
    case Qt::ToolTipRole: {
        if (!f)
            return n->path;
        QString tip = f->path();
        if (f->status == FileDiff::Renamed || f->status == FileDiff::Copied)
            tip += QLatin1Char('\n') + (f->status == FileDiff::Renamed
                                            ? tr("renamed from %1 (%2% similar)")
                                            : tr("copied from %1 (%2% similar)"))
                                           .arg(f->oldPath)
                                           .arg(f->similarity);
        if (f->status == FileDiff::Added)
            tip += QLatin1Char('\n') + tr("new file");
        if (f->status == FileDiff::Deleted)
            tip += QLatin1Char('\n') + tr("deleted");
        if (f->modeChanged())
            tip +=
                QLatin1Char('\n') + tr("mode %1 → %2").arg(f->oldMode, 0, 8).arg(f->newMode, 0, 8);
        if (f->binary)
            tip += QLatin1Char('\n') + tr("binary file");
        return tip;
    }
    default:
        break;
    }
    switch (index.column()) {
    case NameColumn:
        if (role == Qt::DisplayRole) {
            if (f && (f->status == FileDiff::Renamed || f->status == FileDiff::Copied)) {
                const auto folder = [](const QString &p) {
                    return p.left(std::max<qsizetype>(0, p.lastIndexOf(u'/')));
                };
                const bool sameFolder = folder(f->oldPath) == folder(f->newPath);
                return QString(
                    n->name + QStringLiteral("  ← ") +
                    (sameFolder ? f->oldPath.mid(f->oldPath.lastIndexOf(u'/') + 1) : f->oldPath));
            }
            return n->name;
        }
        if (role == Qt::CheckStateRole && f)
            return m_viewed.contains(n->path) ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::ForegroundRole && f && m_viewed.contains(n->path))
            return mutedTextColor(QGuiApplication::palette());
        if (role == Qt::DecorationRole && !f)
            return QApplication::style()->standardIcon(QStyle::SP_DirIcon);
        return {};
    case StatusColumn:
        if (!f)
            return {};
        if (role == Qt::DisplayRole) {
            QString s = statusLetter(*f);
            if (f->binary)
                s += QLatin1Char(' ') + tr("bin");
            if (f->modeChanged())
                s += QLatin1Char(' ') + (f->newMode == 0100755   ? tr("+x")
                                         : f->oldMode == 0100755 ? tr("−x")
                                                                 : tr("mode"));
            return s;
        }
        if (role == Qt::ForegroundRole) {
            const QPalette palette = QGuiApplication::palette();
            if (f->status == FileDiff::Added)
                return successColor(palette);
            if (f->status == FileDiff::Deleted)
                return errorColor(palette);
            if (f->status == FileDiff::Renamed || f->status == FileDiff::Copied)
                return toneFor(palette, 210, 150);
            return warningColor(palette);
        }
        if (role == Qt::FontRole) {
            QFont bold = QGuiApplication::font();
            bold.setBold(true);
            return bold;
        }
        return {};
    case ChangesColumn:
        if (role == Qt::DisplayRole)
            return (f && f->binary) || (n->additions == 0 && n->deletions == 0)
                       ? QString()
                       : QStringLiteral("+%1 −%2").arg(n->additions).arg(n->deletions);
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

bool FileTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const Node *n = nodeOf(index);
    if (!index.isValid() || role != Qt::CheckStateRole || n->file < 0)
        return false;
    const bool viewed = value.toInt() == Qt::Checked;
    if (viewed == m_viewed.contains(n->path))
        return true;
    setViewed(n->path, viewed);
    Q_EMIT viewedToggled(n->path, viewed);
    return true;
}

} // namespace chorus
