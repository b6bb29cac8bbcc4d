// Branch + worktree per agent and checkpoint commits, checked independently with the git CLI.
#include "git/agentworkspace.h"
#include "git/gitrepository.h"
#include "gitfixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace chorus;

class TestAgentWorkspace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void createsBranchAndWorktree();
    void copiesWorktreeInclude();
    void checkpointCommitsEverything();
    void startsFromAnotherAgentsBranch();
    void nameClashesGetASuffix();
    void failedCreationLeavesNoRecord();
    void staleRecordsAndGitNamesDoNotBlock();
    void removeWorktreeFindsItByPath();
    void checkoutAppliesAttributes_data();
    void checkoutAppliesAttributes();
    void badInputLeavesNothing_data();
    void badInputLeavesNothing();

private:
    QString git(const QString &dir, const QStringList &args, int *exitCode = nullptr);
    void write(const QString &path, const QByteArray &content);
    QString makeRepo(const QString &name);
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_root; // worktrees root
};

QString TestAgentWorkspace::git(const QString &dir, const QStringList &args, int *exitCode)
{
    return chorus::test::GitFixture::git(dir, args, exitCode);
}

void TestAgentWorkspace::write(const QString &path, const QByteArray &content)
{
    QVERIFY(chorus::test::GitFixture::write(path, content));
}

QString TestAgentWorkspace::makeRepo(const QString &name)
{
    return chorus::test::GitFixture(m_tmp->path()).makeRepo(name);
}

void TestAgentWorkspace::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    m_root = m_tmp->filePath(QStringLiteral("worktrees"));
}

void TestAgentWorkspace::createsBranchAndWorktree()
{
    const QString repo = makeRepo(QStringLiteral("proj"));
    const QString head = git(repo, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")});
    const Result<AgentWorkspace> ws = createAgentWorkspace(repo + QStringLiteral("/src"), QStringLiteral("builder-1"), {}, m_root);
    QVERIFY2(ws.ok(), qPrintable(ws.error().toString()));
    QCOMPARE(ws->branch, QStringLiteral("chorus/builder-1"));
    QCOMPARE(ws->repo, QDir(repo).canonicalPath());
    QCOMPARE(ws->baseCommit, head);
    QVERIFY(ws->worktree.startsWith(m_root + QLatin1Char('/') + ws->repoId));
    QVERIFY(QFile::exists(ws->worktree + QStringLiteral("/src/main.c")));
    QCOMPARE(git(ws->worktree, {QStringLiteral("rev-parse"), QStringLiteral("--abbrev-ref"), QStringLiteral("HEAD")}),
             QStringLiteral("chorus/builder-1"));
    QVERIFY(git(repo, {QStringLiteral("worktree"), QStringLiteral("list")}).contains(ws->worktree));
    // The user's own tree is untouched.
    QCOMPARE(git(repo, {QStringLiteral("rev-parse"), QStringLiteral("--abbrev-ref"), QStringLiteral("HEAD")}), QStringLiteral("main"));
    QCOMPARE(git(repo, {QStringLiteral("status"), QStringLiteral("--porcelain")}), QString());
}

void TestAgentWorkspace::copiesWorktreeInclude()
{
    const QString repo = makeRepo(QStringLiteral("inc"));
    write(repo + QStringLiteral("/.env"), "SECRET_FOR_TESTS=1\n");
    write(repo + QStringLiteral("/config/local.json"), "{}\n");
    write(repo + QStringLiteral("/config/other.txt"), "x\n");
    write(repo + QStringLiteral("/.worktreeinclude"), "# files agents need\n.env\nconfig/*.json\nmissing.txt\n");
    const Result<AgentWorkspace> ws = createAgentWorkspace(repo, QStringLiteral("a1"), {}, m_root);
    QVERIFY2(ws.ok(), qPrintable(ws.error().toString()));
    QFile env(ws->worktree + QStringLiteral("/.env"));
    QVERIFY(env.open(QIODevice::ReadOnly));
    QCOMPARE(env.readAll(), QByteArray("SECRET_FOR_TESTS=1\n"));
    QVERIFY(QFile::exists(ws->worktree + QStringLiteral("/config/local.json")));
    QVERIFY(!QFile::exists(ws->worktree + QStringLiteral("/config/other.txt")));

    write(repo + QStringLiteral("/.worktreeinclude"), "../outside\n");
    const Result<AgentWorkspace> bad = createAgentWorkspace(repo, QStringLiteral("a2"), {}, m_root);
    QVERIFY(!bad.ok());
    QVERIFY2(bad.error().where.endsWith(QLatin1String(".worktreeinclude:1")), qPrintable(bad.error().toString()));
    QVERIFY(!git(repo, {QStringLiteral("branch")}).contains(QLatin1String("chorus/a2"))); // rolled back
    QCOMPARE(git(repo, {QStringLiteral("worktree"), QStringLiteral("list")}).split(QLatin1Char('\n')).size(), 2);
}

void TestAgentWorkspace::checkpointCommitsEverything()
{
    const QString repo = makeRepo(QStringLiteral("ckpt"));
    const Result<AgentWorkspace> ws = createAgentWorkspace(repo, QStringLiteral("builder-1"), {}, m_root);
    QVERIFY(ws.ok());
    // Nothing changed: no commit.
    Result<QString> c = checkpointWorkspace(ws->worktree, QStringLiteral("builder"), QStringLiteral("builder-1"), QStringLiteral("nothing"));
    QVERIFY(c.ok());
    QVERIFY(c->isEmpty());
    write(ws->worktree + QStringLiteral("/src/new.c"), "void f(void) {}\n");
    write(ws->worktree + QStringLiteral("/README.md"), "# project\n\nchanged\n");
    QVERIFY(QFile::remove(ws->worktree + QStringLiteral("/src/main.c")));
    write(ws->worktree + QStringLiteral("/build/out.o"), "ignored"); // .gitignore'd
    c = checkpointWorkspace(ws->worktree, QStringLiteral("builder"), QStringLiteral("builder-1"),
                            QStringLiteral("Added new.c and removed main.c\nmore detail"));
    QVERIFY2(c.ok(), qPrintable(c.error().toString()));
    QCOMPARE(c->size(), 40);
    QCOMPARE(git(repo, {QStringLiteral("rev-parse"), QStringLiteral("chorus/builder-1")}), *c);
    QCOMPARE(git(repo, {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%an|%s"), QStringLiteral("chorus/builder-1")}),
             QStringLiteral("Chorus builder agent|builder builder-1: Added new.c and removed main.c"));
    const QString files = git(repo, {QStringLiteral("show"), QStringLiteral("--name-status"), QStringLiteral("--format="), *c});
    QVERIFY2(files.contains(QLatin1String("A\tsrc/new.c")), qPrintable(files));
    QVERIFY(files.contains(QLatin1String("D\tsrc/main.c")));
    QVERIFY(files.contains(QLatin1String("M\tREADME.md")));
    QVERIFY(!files.contains(QLatin1String("build/")));
    QCOMPARE(git(ws->worktree, {QStringLiteral("status"), QStringLiteral("--porcelain")}), QStringLiteral("")); // clean after
    int rc = -1;
    git(repo, {QStringLiteral("fsck"), QStringLiteral("--strict")}, &rc);
    QCOMPARE(rc, 0);
    QCOMPARE(git(repo, {QStringLiteral("rev-parse"), QStringLiteral("main")}),
             git(repo, {QStringLiteral("rev-parse"), QStringLiteral("chorus/builder-1~1")})); // main unmoved
}

void TestAgentWorkspace::startsFromAnotherAgentsBranch()
{
    const QString repo = makeRepo(QStringLiteral("chain"));
    const Result<AgentWorkspace> arch = createAgentWorkspace(repo, QStringLiteral("architect-1"), {}, m_root);
    QVERIFY(arch.ok());
    write(arch->worktree + QStringLiteral("/DESIGN.md"), "# Design\n");
    const Result<QString> c = checkpointWorkspace(arch->worktree, QStringLiteral("architect"), QStringLiteral("architect-1"), QStringLiteral("design"));
    QVERIFY(c.ok() && !c->isEmpty());
    const Result<AgentWorkspace> builder = createAgentWorkspace(repo, QStringLiteral("builder-1"), QStringLiteral("chorus/architect-1"), m_root);
    QVERIFY2(builder.ok(), qPrintable(builder.error().toString()));
    QCOMPARE(builder->baseCommit, *c);
    QVERIFY(QFile::exists(builder->worktree + QStringLiteral("/DESIGN.md")));
}

void TestAgentWorkspace::nameClashesGetASuffix()
{
    const QString repo = makeRepo(QStringLiteral("clash"));
    git(repo, {QStringLiteral("branch"), QStringLiteral("chorus/dup")});
    const Result<AgentWorkspace> ws = createAgentWorkspace(repo, QStringLiteral("dup"), {}, m_root);
    QVERIFY(ws.ok());
    QCOMPARE(ws->branch, QStringLiteral("chorus/dup-2"));
}

// A creation that fails half-way (here the checkout: a file name longer than the file system
// allows) leaves no record in .git/worktrees, so the same agent name works next time.
void TestAgentWorkspace::failedCreationLeavesNoRecord()
{
    const QString repo = makeRepo(QStringLiteral("proj"));
    int code = -1;
    const QString blob = QString::fromUtf8(
        chorus::test::GitFixture::runRaw(
            repo, {QStringLiteral("hash-object"), QStringLiteral("-w"), QStringLiteral("--stdin")},
            &code, "x\n")
            .trimmed());
    QCOMPARE(code, 0);
    const QByteArray entry = "100644 blob " + blob.toLatin1() + '\t' + QByteArray(300, 'a') + '\n';
    const QString tree = QString::fromUtf8(
        chorus::test::GitFixture::runRaw(repo, {QStringLiteral("mktree")}, &code, entry).trimmed());
    QCOMPARE(code, 0);
    const QString commit = git(
        repo, {QStringLiteral("commit-tree"), tree, QStringLiteral("-m"), QStringLiteral("long")});
    git(repo, {QStringLiteral("branch"), QStringLiteral("long"), commit});

    const Result<AgentWorkspace> bad =
        createAgentWorkspace(repo, QStringLiteral("agent"), QStringLiteral("long"), m_root);
    QVERIFY(!bad.ok());
    QVERIFY2(!QFileInfo::exists(repo + QStringLiteral("/.git/worktrees/agent")),
             "the failed creation left its record");
    const QString list = git(
        repo, {QStringLiteral("worktree"), QStringLiteral("list"), QStringLiteral("--porcelain")});
    QCOMPARE(list.count(QStringLiteral("worktree ")), 1);
    QCOMPARE(
        git(repo, {QStringLiteral("branch"), QStringLiteral("--list"), QStringLiteral("chorus/*")}),
        QString());

    const Result<AgentWorkspace> ws =
        createAgentWorkspace(repo, QStringLiteral("agent"), {}, m_root);
    QVERIFY2(ws.ok(), ws.ok() ? "" : qPrintable(ws.error().toString()));
    QCOMPARE(ws->branch, QStringLiteral("chorus/agent"));
    QCOMPARE(QFileInfo(ws->worktree).fileName(), QStringLiteral("agent"));
}

// A record git calls prunable (its folder under the worktrees root deleted, by hand or by a
// kill) is pruned before a name is chosen; a name git uses for someone else's live worktree
// is skipped (that worktree is left alone).
void TestAgentWorkspace::staleRecordsAndGitNamesDoNotBlock()
{
    const QString repo = makeRepo(QStringLiteral("proj"));
    const Result<GitRepository> r = GitRepository::open(repo);
    QVERIFY(r.ok());
    const QString staleDir = m_root + QLatin1Char('/') + r->id() + QStringLiteral("/stale");
    int code = -1;
    git(repo,
        {QStringLiteral("worktree"), QStringLiteral("add"), QStringLiteral("-q"),
         QStringLiteral("-b"), QStringLiteral("old-stale"), staleDir},
        &code);
    QCOMPARE(code, 0);
    QVERIFY(QDir(staleDir).removeRecursively());
    QVERIFY(git(repo,
                {QStringLiteral("worktree"), QStringLiteral("list"), QStringLiteral("--porcelain")})
                .contains(QStringLiteral("prunable")));
    const QString userDir = m_tmp->filePath(QStringLiteral("elsewhere/taken"));
    git(repo,
        {QStringLiteral("worktree"), QStringLiteral("add"), QStringLiteral("-q"),
         QStringLiteral("-b"), QStringLiteral("user-taken"), userDir},
        &code);
    QCOMPARE(code, 0);

    const Result<AgentWorkspace> stale =
        createAgentWorkspace(repo, QStringLiteral("stale"), {}, m_root);
    QVERIFY2(stale.ok(), stale.ok() ? "" : qPrintable(stale.error().toString()));
    QCOMPARE(stale->worktree, staleDir);
    QCOMPARE(git(stale->worktree, {QStringLiteral("rev-parse"), QStringLiteral("--abbrev-ref"),
                                   QStringLiteral("HEAD")}),
             QStringLiteral("chorus/stale"));

    const Result<AgentWorkspace> taken =
        createAgentWorkspace(repo, QStringLiteral("taken"), {}, m_root);
    QVERIFY2(taken.ok(), taken.ok() ? "" : qPrintable(taken.error().toString()));
    QCOMPARE(QFileInfo(taken->worktree).fileName(), QStringLiteral("taken-2"));
    QCOMPARE(git(userDir, {QStringLiteral("rev-parse"), QStringLiteral("--abbrev-ref"),
                           QStringLiteral("HEAD")}),
             QStringLiteral("user-taken"));
    const QString list = git(
        repo, {QStringLiteral("worktree"), QStringLiteral("list"), QStringLiteral("--porcelain")});
    QVERIFY2(!list.contains(QStringLiteral("prunable")), qPrintable(list));
    QCOMPARE(list.count(QStringLiteral("worktree ")), 4);
}

// A worktree is removed by its path, whatever git calls it; a folder git forgot is deleted
// alone, and a record whose folder is gone is pruned (`git worktree list` shows neither).
void TestAgentWorkspace::removeWorktreeFindsItByPath()
{
    const QString repo = makeRepo(QStringLiteral("proj"));
    auto listed = [&] {
        return git(repo, {QStringLiteral("worktree"), QStringLiteral("list"), QStringLiteral("--porcelain")})
            .count(QStringLiteral("worktree "));
    };
    const Result<AgentWorkspace> a = createAgentWorkspace(repo, QStringLiteral("a"), {}, m_root);
    const Result<AgentWorkspace> b = createAgentWorkspace(repo, QStringLiteral("b"), {}, m_root);
    const Result<AgentWorkspace> c = createAgentWorkspace(repo, QStringLiteral("c"), {}, m_root);
    QVERIFY(a.ok() && b.ok() && c.ok());
    QCOMPARE(listed(), 4);
    // Renamed admin entry: found by path all the same.
    QVERIFY(QDir(repo + QStringLiteral("/.git/worktrees")).rename(QStringLiteral("a"), QStringLiteral("renamed")));
    Result<GitRepository> r = GitRepository::open(repo);
    QVERIFY(r.ok());
    QVERIFY(r->removeWorktree(a->worktree + QStringLiteral("/")).ok());
    QVERIFY(!QFileInfo::exists(a->worktree));
    QVERIFY(!QFileInfo::exists(repo + QStringLiteral("/.git/worktrees/renamed")));
    // The folder deleted by hand: the record goes.
    QVERIFY(QDir(b->worktree).removeRecursively());
    QVERIFY(r->removeWorktree(b->worktree).ok());
    QVERIFY(!QFileInfo::exists(repo + QStringLiteral("/.git/worktrees/b")));
    // The record deleted by hand: the folder goes.
    QVERIFY(QDir(repo + QStringLiteral("/.git/worktrees/c")).removeRecursively());
    QVERIFY(r->removeWorktree(c->worktree).ok());
    QVERIFY(!QFileInfo::exists(c->worktree));
    QCOMPARE(listed(), 1);
    int code = -1;
    git(repo, {QStringLiteral("fsck"), QStringLiteral("--no-progress")}, &code);
    QCOMPARE(code, 0);
}

void TestAgentWorkspace::checkoutAppliesAttributes_data()
{
    QTest::addColumn<QString>("where"); // where the eol attribute is set, or how CRLF is asked for
    QTest::addColumn<bool>("crlf");     // whether the worktree's file gets CRLF line endings
    QTest::newRow("none") << QString() << false;
    QTest::newRow("nested .gitattributes") << QStringLiteral("docs/.gitattributes") << true;
    QTest::newRow("info/attributes") << QStringLiteral(".git/info/attributes") << true;
    QTest::newRow("core.autocrlf") << QStringLiteral("autocrlf") << true;
    QTest::newRow("core.attributesFile") << QStringLiteral("attributesFile") << true;
}

// A checkout without attributes or autocrlf skips the filters (for speed); with any of them,
// the worktree's files are converted exactly as git would, and `git status` is clean.
void TestAgentWorkspace::checkoutAppliesAttributes()
{
    QFETCH(QString, where);
    QFETCH(bool, crlf);
    const QString repo = makeRepo(QStringLiteral("proj"));
    write(repo + QStringLiteral("/docs/notes.txt"), "one\ntwo\n");
    write(repo + QStringLiteral("/docs/raw.bin"), "a\r\nb\n"); // stored as it is, always
    if (where == QLatin1String("autocrlf")) {
        git(repo, {QStringLiteral("config"), QStringLiteral("core.autocrlf"), QStringLiteral("true")});
    } else if (where == QLatin1String("attributesFile")) { // the user's own attributes, outside the repo
        const QString file = m_tmp->filePath(QStringLiteral("my-attributes"));
        write(file, "*.txt text eol=crlf\n*.bin -text\n");
        git(repo, {QStringLiteral("config"), QStringLiteral("core.attributesFile"), file});
    } else if (where.endsWith(QLatin1String(".gitattributes"))) {
        write(repo + QLatin1Char('/') + where, "*.txt text eol=crlf\n*.bin -text\n");
    }
    git(repo, {QStringLiteral("add"), QStringLiteral("-A")});
    git(repo, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("files")});
    if (where.startsWith(QLatin1String(".git/")))
        write(repo + QLatin1Char('/') + where, "*.txt text eol=crlf\n*.bin -text\n");
    const Result<AgentWorkspace> ws = createAgentWorkspace(repo, QStringLiteral("eol"), {}, m_root);
    QVERIFY2(ws.ok(), ws.ok() ? "" : qPrintable(ws.error().toString()));
    QFile notes(ws->worktree + QStringLiteral("/docs/notes.txt"));
    QVERIFY(notes.open(QIODevice::ReadOnly));
    QCOMPARE(notes.readAll(), crlf ? QByteArray("one\r\ntwo\r\n") : QByteArray("one\ntwo\n"));
    QFile raw(ws->worktree + QStringLiteral("/docs/raw.bin"));
    QVERIFY(raw.open(QIODevice::ReadOnly));
    const QByteArray rawBytes = raw.readAll();
    if (where != QLatin1String("autocrlf")) // autocrlf converts what git thinks is text
        QCOMPARE(rawBytes, QByteArray("a\r\nb\n"));
    QCOMPARE(git(ws->worktree, {QStringLiteral("status"), QStringLiteral("--porcelain")}), QString());
}

void TestAgentWorkspace::badInputLeavesNothing_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expect");
    QTest::newRow("not a repository") << QStringLiteral("plain") << QStringLiteral("not inside a git repository");
    QTest::newRow("no commits") << QStringLiteral("empty") << QStringLiteral("no commits yet");
    QTest::newRow("unknown base") << QStringLiteral("badbase") << QStringLiteral("unknown revision");
    QTest::newRow("bad ref name") << QStringLiteral("badname") << QStringLiteral("valid branch name");
}

void TestAgentWorkspace::badInputLeavesNothing()
{
    QFETCH(QString, kind);
    QFETCH(QString, expect);
    QString dir = m_tmp->filePath(kind);
    QString name = QStringLiteral("agent");
    QString base;
    if (kind == QLatin1String("plain")) {
        QDir().mkpath(dir);
    } else if (kind == QLatin1String("empty")) {
        QDir().mkpath(dir);
        git(dir, {QStringLiteral("init"), QStringLiteral("-q")});
    } else {
        dir = makeRepo(kind);
        if (kind == QLatin1String("badbase"))
            base = QStringLiteral("no-such-branch");
        else
            name = QStringLiteral("bad..name");
    }
    const Result<AgentWorkspace> ws = createAgentWorkspace(dir, name, base, m_root);
    QVERIFY(!ws.ok());
    QVERIFY2(ws.error().toString().contains(expect), qPrintable(ws.error().toString()));
    QVERIFY(!QDir(m_root).exists() || QDir(m_root).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size() <= 1);
    if (kind != QLatin1String("plain") && kind != QLatin1String("empty"))
        QCOMPARE(git(dir, {QStringLiteral("branch"), QStringLiteral("--list"), QStringLiteral("chorus/*")}), QString());
}

QTEST_GUILESS_MAIN(TestAgentWorkspace)
#include "tst_agentworkspace.moc"
