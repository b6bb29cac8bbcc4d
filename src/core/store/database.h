#pragma once

#include "result.h"

#include <QSqlDatabase>
#include <QString>

namespace chorus {

// The Chorus SQLite database: WAL, one writer (the daemon), a schema version in
// PRAGMA user_version and ordered migrations, each applied in one transaction.
// All SQL of Chorus lives in src/core/store.
class Database
{
public:
    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (creating if needed) and migrates. A file that is not a Chorus/SQLite
    // database, or one from a newer Chorus, is reported and never overwritten.
    Status open(const QString &path, bool readOnly = false);
    void close();
    bool isOpen() const;

    QSqlDatabase &db() { return m_db; }
    QString path() const { return m_path; }
    int schemaVersion() const;
    // PRAGMA quick_check: empty when the file is sound, else what SQLite found (first lines).
    QString quickCheck();

    static int currentSchemaVersion();
    // Migrates an open connection from its version to the current one.
    static Status migrate(QSqlDatabase &db, const QString &path);

    Status transaction();
    Status commit();
    void rollback();

private:
    QSqlDatabase m_db;
    QString m_connection;
    QString m_path;
};

// Formats "now" as ISO 8601 UTC with milliseconds, the storage format.
QString nowUtc();

} // namespace chorus
