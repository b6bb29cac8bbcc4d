#include "store/database.h"
#include "store/migrations.h"
#include "store/sessionstore.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace chorus;

class TestDatabase : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createsCurrentSchema();
    void migratesFromEveryEarlierVersion_data();
    void migratesFromEveryEarlierVersion();
    void refusesNewerSchema();
    void refusesNonDatabaseFileAndLeavesIt();
    void refusesForeignSqliteDatabase();
    void readOnlyNeedsAnExistingFile();
    void eventsKeepTheirOrderAcrossReopen();
    void sessionRoundTrip();
    void branchStateKeepsItsJsonShape();
    void filesArePrivate();

private:
    QTemporaryDir m_tmp;
};

void TestDatabase::createsCurrentSchema()
{
    Database db;
    const QString path = m_tmp.filePath(QStringLiteral("new/chorus.db"));
    const Status s = db.open(path);
    QVERIFY2(s.ok(), qPrintable(s.error().toString()));
    QCOMPARE(db.schemaVersion(), Database::currentSchemaVersion());
    QVERIFY(Database::currentSchemaVersion() >= 1);
    QSqlQuery q(db.db());
    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    for (const char *table : {"sessions", "events", "usage", "approvals", "inputs"}) {
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM ") + QLatin1String(table)));
        QVERIFY2(q.next(), table);
    }
}

void TestDatabase::migratesFromEveryEarlierVersion_data()
{
    QTest::addColumn<int>("from");
    for (int v = 0; v < Database::currentSchemaVersion(); ++v)
        QTest::newRow(qPrintable(QStringLiteral("v%1").arg(v))) << v;
}

void TestDatabase::migratesFromEveryEarlierVersion()
{
    QFETCH(int, from);
    const QString path = m_tmp.filePath(QStringLiteral("from%1.db").arg(from));
    {
        // Build a database exactly as Chorus at version `from` left it, with a marker table.
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        raw.setDatabaseName(path);
        QVERIFY(raw.open());
        QSqlQuery q(raw);
        for (int v = 0; v < from; ++v)
            for (const QString &stmt : schemaMigrations()[v])
                QVERIFY2(q.exec(stmt), qPrintable(stmt));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version=%1").arg(from)));
        if (from > 0)
            QVERIFY(q.exec(QStringLiteral("PRAGMA application_id=%1").arg(0x43484f52)));
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE marker (x INTEGER)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO marker VALUES (42)")));
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    if (from == 0) {
        // A version-0 file with foreign tables is not ours: refused, untouched.
        Database db;
        QVERIFY(!db.open(path).ok());
        return;
    }
    Database db;
    const Status s = db.open(path);
    QVERIFY2(s.ok(), qPrintable(s.error().toString()));
    QCOMPARE(db.schemaVersion(), Database::currentSchemaVersion());
    QSqlQuery q(db.db());
    QVERIFY(q.exec(QStringLiteral("SELECT x FROM marker")) && q.next());
    QCOMPARE(q.value(0).toInt(), 42); // the data survived
}

void TestDatabase::refusesNewerSchema()
{
    const QString path = m_tmp.filePath(QStringLiteral("newer.db"));
    {
        Database db;
        QVERIFY(db.open(path).ok());
        QSqlQuery q(db.db());
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version=999")));
    }
    Database db;
    const Status s = db.open(path);
    QVERIFY(!s.ok());
    QVERIFY2(s.error().message.contains(QLatin1String("newer Chorus")), qPrintable(s.error().toString()));
    QCOMPARE(s.error().where, path);
    QVERIFY(!s.error().hint.isEmpty());
}

void TestDatabase::refusesNonDatabaseFileAndLeavesIt()
{
    const QString path = m_tmp.filePath(QStringLiteral("junk.db"));
    const QByteArray junk = QByteArray("definitely not sqlite\n").repeated(500);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(junk);
    }
    Database db;
    const Status s = db.open(path);
    QVERIFY(!s.ok());
    QVERIFY2(s.error().message.contains(QLatin1String("not a Chorus database")), qPrintable(s.error().toString()));
    QVERIFY(s.error().hint.contains(QLatin1String("untouched")));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), junk);
}

void TestDatabase::refusesForeignSqliteDatabase()
{
    const QString path = m_tmp.filePath(QStringLiteral("foreign.db"));
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
        raw.setDatabaseName(path);
        QVERIFY(raw.open());
        QSqlQuery q(raw);
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE recipes (name TEXT)")));
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
    Database db;
    const Status s = db.open(path);
    QVERIFY(!s.ok());
    QVERIFY(s.error().message.contains(QLatin1String("does not belong to Chorus")));
}

void TestDatabase::readOnlyNeedsAnExistingFile()
{
    Database db;
    const Status s = db.open(m_tmp.filePath(QStringLiteral("missing.db")), true);
    QVERIFY(!s.ok());
    QVERIFY(!QFile::exists(m_tmp.filePath(QStringLiteral("missing.db"))));
}

void TestDatabase::eventsKeepTheirOrderAcrossReopen()
{
    const QString path = m_tmp.filePath(QStringLiteral("events.db"));
    {
        Database db;
        QVERIFY(db.open(path).ok());
        SessionStore store(&db);
        QList<StoredEvent> batch;
        for (int i = 0; i < 100; ++i)
            batch.append(StoredEvent{QStringLiteral("s1"), 0, {}, QStringLiteral("assistant"), {},
                                     QByteArray("{\"n\":") + QByteArray::number(i) + '}'});
        QVERIFY(store.appendEvents(batch).ok());
        QCOMPARE(batch.last().seq, 100);
    }
    Database db;
    QVERIFY(db.open(path).ok());
    SessionStore store(&db);
    QCOMPARE(store.lastSeq(QStringLiteral("s1")), 100);
    QList<StoredEvent> more{StoredEvent{QStringLiteral("s1"), 0, {}, QStringLiteral("result"), {}, "{}"}};
    QVERIFY(store.appendEvents(more).ok());
    QCOMPARE(more.first().seq, 101);
    const QList<StoredEvent> all = store.events(QStringLiteral("s1"));
    QCOMPARE(all.size(), 101);
    QCOMPARE(all[37].raw, QByteArray("{\"n\":37}"));
    const QList<StoredEvent> tail = store.tailEvents(QStringLiteral("s1"), 10);
    QCOMPARE(tail.size(), 10);
    QCOMPARE(tail.first().seq, 92);
    QCOMPARE(store.eventCount(QStringLiteral("s1")), 101);
}

void TestDatabase::sessionRoundTrip()
{
    Database db;
    QVERIFY(db.open(m_tmp.filePath(QStringLiteral("sessions.db"))).ok());
    SessionStore store(&db);
    SessionInfo s;
    s.id = QStringLiteral("abc");
    s.name = QStringLiteral("builder-1");
    s.role = QStringLiteral("builder");
    s.task = QStringLiteral("Build ünïcode ✓");
    s.dir = QStringLiteral("/tmp");
    s.state = SessionState::Waiting;
    s.stateDetail = QStringLiteral("approval");
    s.claudeSessionId = QStringLiteral("uuid");
    s.createdAt = nowUtc();
    s.tokens.cacheRead = 7;
    s.costUsd = 0.25;
    QVERIFY(store.insertSession(s).ok());
    QVERIFY(!store.insertSession(s).ok()); // same id twice
    s.turns = 3;
    QVERIFY(store.updateSession(s).ok());
    const SessionInfo back = *store.session(QStringLiteral("abc"));
    QCOMPARE(back.task, s.task);
    QCOMPARE(back.state, SessionState::Waiting);
    QCOMPARE(back.turns, 3);
    QCOMPARE(back.tokens.cacheRead, 7);
    QCOMPARE(back.toJson(), s.toJson());
    QVERIFY(!store.session(QStringLiteral("nope")).ok());
}

// The branch state is typed in memory but kept as it always was: keys of the session's options,
// on the wire and in the database. A row written before it was typed reads into the types, and
// writes back the same JSON.
void TestDatabase::branchStateKeepsItsJsonShape()
{
    const QJsonObject options = QJsonDocument::fromJson(R"({
        "requestedModel": "sonnet",
        "merge": {"state": "conflict", "strategy": "squash", "target": "main", "commit": "c1",
                  "branchHead": "b1", "message": "2 files conflict", "at": "2026-01-01T00:00:00Z"},
        "sync": {"state": "merged", "with": "main", "conflicts": ["a.txt", "b.txt"],
                 "message": "", "at": "2026-01-02T00:00:00Z"},
        "cleaned": {"at": "2026-01-03T00:00:00Z", "branchDeleted": false,
                    "archiveRef": "refs/chorus/archive/x"},
        "checkpoint": {"error": "disk full", "at": "2026-01-04T00:00:00Z"},
        "resolving": {"branch": "chorus/x", "conflicts": [{"path": "a.txt", "kind": "content"}]},
        "mergeApproved": true})")
                                    .object();
    Database db;
    QVERIFY(db.open(m_tmp.filePath(QStringLiteral("branchstate.db"))).ok());
    SessionStore store(&db);
    SessionInfo s;
    s.id = QStringLiteral("bs");
    s.name = QStringLiteral("bs");
    s.createdAt = nowUtc();
    QVERIFY(store.insertSession(s).ok());
    QSqlQuery q(db.db());
    q.prepare(QStringLiteral("UPDATE sessions SET options = ? WHERE id = 'bs'"));
    q.addBindValue(QString::fromUtf8(QJsonDocument(options).toJson(QJsonDocument::Compact)));
    QVERIFY(q.exec());

    SessionInfo back = *store.session(QStringLiteral("bs"));
    const BranchState &b = back.branchState;
    QVERIFY(b.merge && b.sync && b.cleaned && b.checkpointFailure && b.resolving);
    QCOMPARE(b.merge->state, QStringLiteral("conflict"));
    QCOMPARE(b.merge->branchHead, QStringLiteral("b1"));
    QCOMPARE(b.sync->conflicts, (QStringList{QStringLiteral("a.txt"), QStringLiteral("b.txt")}));
    QCOMPARE(b.cleaned->archiveRef, QStringLiteral("refs/chorus/archive/x"));
    QCOMPARE(b.checkpointFailure->error, QStringLiteral("disk full"));
    QCOMPARE(b.resolving->branch, QStringLiteral("chorus/x"));
    QVERIFY(b.mergeApproved);
    QCOMPARE(b.note(), QStringLiteral("cleaned"));
    // Only what is not branch state stays in options; the wire sees the same object as before.
    QCOMPARE(back.options,
             (QJsonObject{{QStringLiteral("requestedModel"), QStringLiteral("sonnet")}}));
    QCOMPARE(back.toJson().value(QLatin1String("options")).toObject(), options);
    QCOMPARE(SessionInfo::fromJson(back.toJson()).optionsWithBranchState(), options);

    // Changed and written back: the same shape in the row, parts that are gone removed.
    back.branchState.cleaned.reset();
    back.branchState.checkpointFailure.reset();
    back.branchState.mergeApproved = false;
    QVERIFY(store.updateSession(back).ok());
    q.prepare(QStringLiteral("SELECT options FROM sessions WHERE id = 'bs'"));
    QVERIFY(q.exec() && q.next());
    QJsonObject expected = options;
    expected.remove(QStringLiteral("cleaned"));
    expected.remove(QStringLiteral("checkpoint"));
    expected.remove(QStringLiteral("mergeApproved"));
    QCOMPARE(QJsonDocument::fromJson(q.value(0).toByteArray()).object(), expected);
    QCOMPARE(store.session(QStringLiteral("bs"))->branchState.note(), QStringLiteral("conflict"));
}

// Stored tool output holds secrets: whatever the umask, the database, its WAL and SHM are 0600
// and a new folder 0700; a database left 0644 is tightened when opened.
void TestDatabase::filesArePrivate()
{
    auto mode = [](const QString &path) {
        struct stat st;
        return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
    };
    const mode_t oldMask = ::umask(022);
    const QString dir = m_tmp.filePath(QStringLiteral("private"));
    const QString path = dir + QStringLiteral("/chorus.db");
    {
        Database db;
        const Status s = db.open(path);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        // The migrations wrote, so the WAL and SHM exist while the database is open.
        QCOMPARE(mode(dir), 0700);
        for (const QString &f :
             QStringList{path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")})
            QVERIFY2(mode(f) == 0600,
                     qPrintable(QStringLiteral("%1: %2").arg(f).arg(mode(f), 0, 8)));
    }
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                            QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QCOMPARE(mode(path), 0644);
    Database again;
    const Status s = again.open(path);
    ::umask(oldMask);
    QVERIFY2(s.ok(), qPrintable(s.error().toString()));
    QCOMPARE(mode(path), 0600);
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
