#pragma once

#include <QString>
#include <QStringList>

namespace chorus::test {

// Builds git repositories for tests with the git CLI, which also checks results
// independently of libgit2. Identities and dates are fixed, so commits are reproducible.
class GitFixture
{
public:
    explicit GitFixture(QString root) : m_root(std::move(root)) {}

    struct Run
    {
        int exitCode = -1;
        QString out; // trimmed
        QString err;
    };
    // Runs `git args...` in `dir`, without any user or system configuration.
    static Run run(const QString &dir, const QStringList &args);
    // The same with stdin `input` (when not null), giving stdout untouched.
    static QByteArray runRaw(const QString &dir, const QStringList &args, int *exitCode = nullptr,
                             const QByteArray &input = {});
    // Runs it and returns trimmed stdout (exit code through `exitCode` when given).
    static QString git(const QString &dir, const QStringList &args, int *exitCode = nullptr);
    static bool write(const QString &path, const QByteArray &content);
    // Writes files (path relative to dir -> content) and commits them all.
    static QString commit(const QString &dir, const QString &message,
                          const QList<QPair<QString, QByteArray>> &files = {});
    // A repository `name` under the root, on branch main, with one commit (README.md,
    // src/main.c, .gitignore) unless `empty`.
    QString makeRepo(const QString &name, bool empty = false) const;
    QString root() const { return m_root; }

private:
    QString m_root;
};

} // namespace chorus::test
