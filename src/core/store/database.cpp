#include "store/database.h"

#include "paths.h"
#include "store/migrations.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <fcntl.h>
#include <unistd.h>

namespace chorus {

namespace {
class DatabaseText
{
    Q_DECLARE_TR_FUNCTIONS(Database)
};
} // namespace

namespace {
constexpr int kApplicationId = 0x43484f52; // "CHOR"


Error sqlError(const QString &what, const QSqlError &e, const QString &path)
{
    return makeError(what + QStringLiteral(": ") + e.text(), path);
}
} // namespace

QString nowUtc()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

Database::Database() = default;

Database::~Database()
{
    close();
}

int Database::currentSchemaVersion()
{
    return int(schemaMigrations().size());
}

Status Database::open(const QString &path, bool readOnly)
{
    close();
    m_path = path;
    if (!readOnly) {
        // Stored tool output holds secrets: the database and its WAL and SHM are 0600 (SQLite
        // gives those the database's mode), also when they existed looser; a new folder is 0700.
        // An existing folder is the daemon's to tighten (paths::makeDataDirPrivate): this one
        // may be any folder a caller chose.
        const QFileInfo fi(path);
        const QString name = fi.fileName();
        if (Status s = paths::makePrivateDir(
                fi.absolutePath(),
                {name, name + QStringLiteral("-wal"), name + QStringLiteral("-shm")}, false);
            !s)
            return s;
        const int fd = ::open(QFile::encodeName(path).constData(),
                              O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0)
            ::close(fd); // created empty and private; an existing file is left as it is
    } else if (!QFileInfo::exists(path)) {
        return makeError(DatabaseText::tr("no database yet"), path, DatabaseText::tr("Start Chorus once to create it."));
    }
    m_connection = QStringLiteral("chorus-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    m_db.setDatabaseName(path);
    QString opts = QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000");
    if (readOnly)
        opts += QStringLiteral(";QSQLITE_OPEN_READONLY");
    m_db.setConnectOptions(opts);
    if (!m_db.open()) {
        const Error e = sqlError(DatabaseText::tr("cannot open the database"), m_db.lastError(), path);
        close();
        return e;
    }
    QSqlQuery q(m_db);
    // The first read tells a non-database file apart: SQLite fails with "file is not a database".
    if (!q.exec(QStringLiteral("PRAGMA application_id")) || !q.next()) {
        const Error e = makeError(DatabaseText::tr("this file is not a Chorus database (%1)").arg(q.lastError().text()),
                                  path,
                                  DatabaseText::tr("Chorus leaves it untouched. Move it aside (or restore a backup) "
                                     "and start Chorus again, or set another data directory."));
        close();
        return e;
    }
    const int appId = q.value(0).toInt();
    q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"));
    const int objects = q.next() ? q.value(0).toInt() : 0;
    if (objects > 0 && appId != kApplicationId) {
        close();
        return makeError(DatabaseText::tr("this SQLite database does not belong to Chorus"), path,
                         DatabaseText::tr("Chorus leaves it untouched. Choose another data directory."));
    }
    if (readOnly)
        return Ok{};
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) ||
        !q.exec(QStringLiteral("PRAGMA synchronous=NORMAL")) ||
        !q.exec(QStringLiteral("PRAGMA foreign_keys=ON"))) {
        const Error e = sqlError(DatabaseText::tr("cannot configure the database"), q.lastError(), path);
        close();
        return e;
    }
    if (Status s = migrate(m_db, path); !s) {
        close();
        return s;
    }
    return Ok{};
}

Status Database::migrate(QSqlDatabase &db, const QString &path)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return sqlError(DatabaseText::tr("cannot read the schema version"), q.lastError(), path);
    const int from = q.value(0).toInt();
    const auto &migrations = schemaMigrations();
    if (from > migrations.size())
        return makeError(DatabaseText::tr("the database has schema version %1, made by a newer Chorus (this one "
                            "knows up to %2)")
                             .arg(from)
                             .arg(migrations.size()),
                         path, DatabaseText::tr("Update Chorus, or use another data directory."));
    for (int v = from; v < migrations.size(); ++v) {
        if (!db.transaction())
            return sqlError(DatabaseText::tr("cannot start the migration"), db.lastError(), path);
        for (const QString &stmt : migrations[v]) {
            if (!q.exec(stmt)) {
                const Error e = sqlError(DatabaseText::tr("migration %1 -> %2 failed").arg(v).arg(v + 1),
                                         q.lastError(), path);
                db.rollback();
                return e;
            }
        }
        if (!q.exec(QStringLiteral("PRAGMA user_version=%1").arg(v + 1)) ||
            !q.exec(QStringLiteral("PRAGMA application_id=%1").arg(kApplicationId))) {
            const Error e = sqlError(DatabaseText::tr("cannot record the schema version"), q.lastError(), path);
            db.rollback();
            return e;
        }
        if (!db.commit()) {
            const Error e = sqlError(DatabaseText::tr("cannot commit the migration"), db.lastError(), path);
            db.rollback();
            return e;
        }
    }
    return Ok{};
}

void Database::close()
{
    if (m_connection.isEmpty())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
    m_connection.clear();
}

bool Database::isOpen() const
{
    return m_db.isOpen();
}

int Database::schemaVersion() const
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        return q.value(0).toInt();
    return -1;
}

QString Database::quickCheck()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA quick_check(5)")))
        return q.lastError().text();
    QStringList problems;
    while (q.next())
        problems << q.value(0).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (problems == QStringList{QStringLiteral("ok")})
        return {};
    return problems.join(QStringLiteral("; "));
}

Status Database::transaction()
{
    if (!m_db.transaction())
        return sqlError(DatabaseText::tr("cannot start a transaction"), m_db.lastError(), m_path);
    return Ok{};
}

Status Database::commit()
{
    if (!m_db.commit()) {
        const Error e = sqlError(DatabaseText::tr("cannot commit"), m_db.lastError(), m_path);
        m_db.rollback();
        return e;
    }
    return Ok{};
}

void Database::rollback()
{
    m_db.rollback();
}

} // namespace chorus
