#pragma once

#include "git/diff.h"

#include <QAbstractItemModel>
#include <QSet>

#include <memory>
#include <vector>

namespace chorus {

// The files of a branch's change as a tree of folders (a folder with a single sub-folder
// shows as "a/b"), with per-file status (A/M/D/R/C/T with the old path), binary and mode
// marks, +/- counts summed up the folders, and a "viewed" check box per file.
class FileTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, StatusColumn, ChangesColumn, ColumnCount };
    // NoCountsRole: nothing to count (a binary file, or no lines changed).
    enum Role {
        PathRole = Qt::UserRole + 1,
        IsDirectoryRole,
        AdditionsRole,
        DeletionsRole,
        NoCountsRole
    };

    explicit FileTreeModel(QObject *parent = nullptr);
    ~FileTreeModel() override;

    // The files (a DiffSummary's) and which of them are viewed.
    void setFiles(const QList<FileDiff> &files, const QSet<QString> &viewed);
    void clear();
    const QList<FileDiff> &files() const { return m_files; }
    const FileDiff *file(const QString &path) const;

    bool isViewed(const QString &path) const { return m_viewed.contains(path); }
    void setViewed(const QString &path, bool viewed);
    int viewedCount() const { return int(m_viewed.size()); }

    QModelIndex indexOf(const QString &path, int column = NameColumn) const;
    // Files in the order the tree shows them (for next/previous file).
    QStringList orderedPaths() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // "M", "A", "D", "R", "C" or "T".
    static QString statusLetter(const FileDiff &f);

Q_SIGNALS:
    // The user ticked or cleared a file's check box.
    void viewedToggled(const QString &path, bool viewed);

private:
    struct Node
    {
        QString name;
        QString path;  // the file's path, or the folder's
        int file = -1; // index into m_files; -1 for folders
        int row = 0;
        int additions = 0, deletions = 0;
        Node *parent = nullptr;
        std::vector<std::unique_ptr<Node>> children;
    };
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOfNode(const Node *node, int column) const;
    static void compact(Node *node);
    static void finish(Node *node);

    QList<FileDiff> m_files;
    QSet<QString> m_viewed;
    std::unique_ptr<Node> m_root;
    QHash<QString, Node *> m_byPath; // files only
};

} // namespace chorus
