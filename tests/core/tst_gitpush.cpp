// The two places the product runs the user's own tools: `git push` (core/git/gitpush) against
// local bare remotes, and `gh pr create` (core/git/pullrequest) checked by its exact argument
// list through a fake gh that records what it was given.
#include "git/gitpush.h"
#include "git/pullrequest.h"

#include "gitfixture.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <optional>

using namespace chorus;
using chorus::test::GitFixture;

namespace {
// Waits for `signal` of `sender` (carrying a Result<QString>) and returns what it carried, or an
// error when it never came. (Result has no default constructor, so it cannot go through a
// QSignalSpy's QVariant.)
template<typename Sender, typename Signal>
Result<QString> waitForResult(Sender *sender, Signal signal, int timeoutMs)
{
    std::optional<Result<QString>> got;
    QEventLoop loop;
    QObject::connect(sender, signal, &loop, [&](const Result<QString> &r) {
        got = r;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return got ? *got : Result<QString>(makeError(QStringLiteral("no answer in time")));
}
} // namespace

class TestGitPush : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void remotes();
    void pushesToBareRemote();
    void rejectedPushChangesNothing();
    void remoteThatIsNotThere();
    void noRemote();
    void gitNotFound();
    void draft_data();
    void draft();
    void ghArgumentList();
    void ghFailureCarriesItsMessage();
    void ghNotInstalled();

private:
    // A repository with a branch chorus/a one commit ahead of main, and a bare remote `origin`.
    void makeRepoWithRemote();
    Result<QString> push(const QString &remote, const QString &branch = QStringLiteral("chorus/a"),
                         QStringList *progress = nullptr);
    Result<QString> createPr(const PullRequestRequest &r);
    QString writeFakeGh(const QString &body);

    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_repo;
    QString m_bare;
};

void TestGitPush::initTestCase()
{
    // The pushes run the real git with this process's environment: none of the user's settings.
    qputenv("GIT_CONFIG_NOSYSTEM", "1");
    qputenv("GIT_CONFIG_GLOBAL", "/dev/null");
    qputenv("GIT_AUTHOR_NAME", "Test User");
    qputenv("GIT_AUTHOR_EMAIL", "test@example.invalid");
    qputenv("GIT_COMMITTER_NAME", "Test User");
    qputenv("GIT_COMMITTER_EMAIL", "test@example.invalid");
}

void TestGitPush::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

void TestGitPush::makeRepoWithRemote()
{
    GitFixture fx(m_tmp->path());
    m_repo = fx.makeRepo(QStringLiteral("repo"));
    QCOMPARE(GitFixture::run(m_repo, {QStringLiteral("checkout"), QStringLiteral("-q"),
                                      QStringLiteral("-b"), QStringLiteral("chorus/a")})
                 .exitCode,
             0);
    GitFixture::commit(m_repo, QStringLiteral("agent work"),
                       {{QStringLiteral("feature.txt"), QByteArray("new\n")}});
    m_bare = m_tmp->filePath(QStringLiteral("remote.git"));
    QCOMPARE(GitFixture::run(m_tmp->path(), {QStringLiteral("init"), QStringLiteral("-q"),
                                             QStringLiteral("--bare"), m_bare})
                 .exitCode,
             0);
    QCOMPARE(GitFixture::run(m_repo, {QStringLiteral("remote"), QStringLiteral("add"),
                                      QStringLiteral("origin"), m_bare})
                 .exitCode,
             0);
}

Result<QString> TestGitPush::push(const QString &remote, const QString &branch,
                                  QStringList *progress)
{
    BranchPush pusher;
    if (progress)
        connect(&pusher, &BranchPush::progress, this,
                [progress](const QString &line) { progress->append(line); });
    QTimer::singleShot(0, &pusher, [&] {
        pusher.start(PushRequest{QStringLiteral("git"), m_repo, remote, branch});
    });
    return waitForResult(&pusher, &BranchPush::finished, 60000);
}

void TestGitPush::remotes()
{
    makeRepoWithRemote();
    for (const char *name : {"zeta", "alpha"})
        QCOMPARE(GitFixture::run(m_repo, {QStringLiteral("remote"), QStringLiteral("add"),
                                          QLatin1String(name), m_bare})
                     .exitCode,
                 0);
    const Result<QStringList> names = listRemotes(m_repo + QStringLiteral("/src"));
    QVERIFY2(names.ok(), qPrintable(names.error().toString()));
    QCOMPARE(*names, (QStringList{QStringLiteral("alpha"), QStringLiteral("origin"),
                                  QStringLiteral("zeta")}));
    QCOMPARE(defaultRemote(*names), QStringLiteral("origin"));
    QCOMPARE(defaultRemote({QStringLiteral("b"), QStringLiteral("c")}), QStringLiteral("b"));
    QVERIFY(defaultRemote({}).isEmpty());
    QVERIFY(!listRemotes(m_tmp->filePath(QStringLiteral("nowhere"))).ok());
}

void TestGitPush::pushesToBareRemote()
{
    makeRepoWithRemote();
    const QString head =
        GitFixture::git(m_repo, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")});
    QStringList progress;
    const Result<QString> r = push(QStringLiteral("origin"), QStringLiteral("chorus/a"), &progress);
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    // The remote has the branch at the agent's head, and the branch tracks it.
    QCOMPARE(GitFixture::git(m_bare,
                             {QStringLiteral("rev-parse"), QStringLiteral("refs/heads/chorus/a")}),
             head);
    QCOMPARE(GitFixture::git(m_repo,
                             {QStringLiteral("config"), QStringLiteral("branch.chorus/a.remote")}),
             QStringLiteral("origin"));
    QCOMPARE(GitFixture::git(m_repo,
                             {QStringLiteral("config"), QStringLiteral("branch.chorus/a.merge")}),
             QStringLiteral("refs/heads/chorus/a"));
    // What git said is carried, its progress lines left to progress().
    QVERIFY2(r->contains(QStringLiteral("chorus/a")), qPrintable(*r));
    QVERIFY(!r->contains(QStringLiteral("Writing objects")));
    QVERIFY2(!progress.isEmpty(), "git's progress lines come as they are written");
}

void TestGitPush::rejectedPushChangesNothing()
{
    makeRepoWithRemote();
    QVERIFY(push(QStringLiteral("origin")).ok());
    // Someone else pushes to the branch; the agent's branch moves on its own way.
    const QString other = m_tmp->filePath(QStringLiteral("other"));
    QCOMPARE(GitFixture::run(m_tmp->path(),
                             {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("-b"),
                              QStringLiteral("chorus/a"), m_bare, other})
                 .exitCode,
             0);
    GitFixture::commit(other, QStringLiteral("theirs"),
                       {{QStringLiteral("theirs.txt"), QByteArray("x\n")}});
    QCOMPARE(GitFixture::run(other, {QStringLiteral("push"), QStringLiteral("-q"),
                                     QStringLiteral("origin"), QStringLiteral("chorus/a")})
                 .exitCode,
             0);
    const QString theirs =
        GitFixture::git(other, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")});
    GitFixture::commit(m_repo, QStringLiteral("ours"),
                       {{QStringLiteral("ours.txt"), QByteArray("y\n")}});
    const QString ours =
        GitFixture::git(m_repo, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")});
    const QString tracking = GitFixture::git(
        m_repo, {QStringLiteral("rev-parse"), QStringLiteral("refs/remotes/origin/chorus/a")});
    const QString status =
        GitFixture::git(m_repo, {QStringLiteral("status"), QStringLiteral("--porcelain")});

    const Result<QString> r = push(QStringLiteral("origin"));
    QVERIFY(!r.ok());
    // The remote's own words, the exit code, and what to do.
    const QString message = r.error().message;
    QVERIFY2(message.contains(QStringLiteral("rejected")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("exit code 1")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("chorus/a")), qPrintable(message));
    QVERIFY(r.error().hint.contains(QStringLiteral("Nothing changed")));
    QCOMPARE(r.error().where, m_repo);
    // Nothing changed on either side.
    QCOMPARE(GitFixture::git(m_repo, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")}), ours);
    QCOMPARE(GitFixture::git(m_repo, {QStringLiteral("rev-parse"),
                                      QStringLiteral("refs/remotes/origin/chorus/a")}),
             tracking);
    QCOMPARE(GitFixture::git(m_repo, {QStringLiteral("status"), QStringLiteral("--porcelain")}),
             status);
    QCOMPARE(GitFixture::git(m_bare,
                             {QStringLiteral("rev-parse"), QStringLiteral("refs/heads/chorus/a")}),
             theirs);
}

void TestGitPush::remoteThatIsNotThere()
{
    makeRepoWithRemote();
    const QString gone = m_tmp->filePath(QStringLiteral("gone.git"));
    QCOMPARE(GitFixture::run(m_repo, {QStringLiteral("remote"), QStringLiteral("add"),
                                      QStringLiteral("gone"), gone})
                 .exitCode,
             0);
    const Result<QString> r = push(QStringLiteral("gone"));
    QVERIFY(!r.ok());
    // git's message names the missing repository; no upstream was set.
    QVERIFY2(r.error().message.contains(gone), qPrintable(r.error().message));
    QCOMPARE(GitFixture::run(m_repo,
                             {QStringLiteral("config"), QStringLiteral("branch.chorus/a.remote")})
                 .exitCode,
             1);
}

void TestGitPush::noRemote()
{
    GitFixture fx(m_tmp->path());
    m_repo = fx.makeRepo(QStringLiteral("lonely"));
    const Result<QStringList> names = listRemotes(m_repo);
    QVERIFY(names.ok());
    QVERIFY(names->isEmpty());
    QVERIFY(defaultRemote(*names).isEmpty());
    const Result<QString> r = push(QString(), QStringLiteral("main"));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(QStringLiteral("no remote")),
             qPrintable(r.error().message));
    QVERIFY(r.error().hint.contains(QStringLiteral("git remote add")));
}

void TestGitPush::gitNotFound()
{
    makeRepoWithRemote();
    BranchPush pusher;
    const QString missing = m_tmp->filePath(QStringLiteral("no-such-git"));
    QTimer::singleShot(0, &pusher, [&] {
        pusher.start(
            PushRequest{missing, m_repo, QStringLiteral("origin"), QStringLiteral("chorus/a")});
    });
    const Result<QString> r = waitForResult(&pusher, &BranchPush::finished, 5000);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(missing), qPrintable(r.error().message));
    QVERIFY(GitFixture::run(m_bare,
                            {QStringLiteral("rev-parse"), QStringLiteral("refs/heads/chorus/a")})
                .exitCode != 0);
}

void TestGitPush::draft_data()
{
    QTest::addColumn<QString>("task");
    QTest::addColumn<QStringList>("results");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QStringList>("inBody");
    QTest::addColumn<QStringList>("notInBody");
    const auto s = [](const char *t) { return QString::fromUtf8(t); };
    QTest::newRow("task and results")
        << s("Fix the parser\n\nIt drops the last line.")
        << QStringList{s("first try"), s("Fixed: the last line is kept."), s("  ")}
        << s("Fix the parser")
        << QStringList{s("## Task\n\nFix the parser\n\nIt drops the last line."),
                       s("## Result\n\nFixed: the last line is kept."), s("`chorus/a`"),
                       s("agent ann")}
        << QStringList{s("first try")};
    QTest::newRow("long title") << QString(100, QLatin1Char('x')) << QStringList{}
                                << QString(71, QLatin1Char('x')) + QChar(0x2026)
                                << QStringList{s("## Task")} << QStringList{s("## Result")};
    QTest::newRow("no task") << QString() << QStringList{s("done")} << s("chorus/a")
                             << QStringList{s("## Result\n\ndone")} << QStringList{s("## Task")};
}

void TestGitPush::draft()
{
    QFETCH(QString, task);
    QFETCH(QStringList, results);
    QFETCH(QString, title);
    QFETCH(QStringList, inBody);
    QFETCH(QStringList, notInBody);
    const PullRequestDraft d =
        draftPullRequest(QStringLiteral("ann"), QStringLiteral("chorus/a"), task, results);
    QCOMPARE(d.title, title);
    for (const QString &part : inBody)
        QVERIFY2(d.body.contains(part), qPrintable(d.body));
    for (const QString &part : notInBody)
        QVERIFY2(!d.body.contains(part), qPrintable(d.body));
}

// A gh that writes its arguments (NUL-separated), the body file's text, its working directory
// and the prompt switches next to itself, then prints what gh prints.
QString TestGitPush::writeFakeGh(const QString &body)
{
    const QString path = m_tmp->filePath(QStringLiteral("fake-gh"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(R"SH(#!/bin/sh
out="$(dirname "$0")"
: > "$out/argv"
prev=
for a in "$@"; do
    printf '%s\0' "$a" >> "$out/argv"
    if [ "$prev" = "--body-file" ]; then cat "$a" > "$out/body"; fi
    prev="$a"
done
pwd > "$out/cwd"
echo "GH_PROMPT_DISABLED=$GH_PROMPT_DISABLED GIT_TERMINAL_PROMPT=$GIT_TERMINAL_PROMPT" > "$out/env"
)SH");
    f.write(body.toUtf8());
    f.close();
    f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    return path;
}

Result<QString> TestGitPush::createPr(const PullRequestRequest &r)
{
    PullRequestCreator creator;
    QTimer::singleShot(0, &creator, [&] { creator.start(r); });
    return waitForResult(&creator, &PullRequestCreator::finished, 30000);
}

void TestGitPush::ghArgumentList()
{
    GitFixture fx(m_tmp->path());
    m_repo = fx.makeRepo(QStringLiteral("repo"));
    PullRequestRequest r;
    r.gh = writeFakeGh(
        QStringLiteral("echo 'Creating pull request for chorus/a into main in o/r' >&2\n"
                       "echo\necho https://github.com/o/r/pull/7\n"));
    r.repoDir = m_repo;
    r.head = QStringLiteral("chorus/a");
    r.base = QStringLiteral("main");
    // Shell characters and quotes reach gh as they are: no shell in between.
    r.title = QStringLiteral("Fix the \"parser\"; rm -rf $HOME `x`");
    r.body = QStringLiteral("## Task\n\nIt's *done*.\n");
    const Result<QString> url = createPr(r);
    QVERIFY2(url.ok(), qPrintable(url.error().toString()));
    QCOMPARE(*url, QStringLiteral("https://github.com/o/r/pull/7"));

    QFile argv(m_tmp->filePath(QStringLiteral("argv")));
    QVERIFY(argv.open(QIODevice::ReadOnly));
    QStringList args = QString::fromUtf8(argv.readAll()).split(QChar(0));
    QCOMPARE(args.takeLast(), QString()); // after the last NUL
    QCOMPARE(args.size(), 7);
    const QString bodyFile = args.at(6);
    QCOMPARE(args, (QStringList{QStringLiteral("pr"), QStringLiteral("create"),
                                QStringLiteral("--head=chorus/a"), QStringLiteral("--base=main"),
                                QStringLiteral("--title=") + r.title, QStringLiteral("--body-file"),
                                bodyFile}));
    QCOMPARE(ghPrCreateArguments(r, bodyFile), args);
    QVERIFY2(bodyFile.startsWith(QDir::tempPath() + QStringLiteral("/chorus-pr-")),
             qPrintable(bodyFile));
    QFile body(m_tmp->filePath(QStringLiteral("body")));
    QVERIFY(body.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(body.readAll()), r.body);
    QTRY_VERIFY(!QFile::exists(bodyFile)); // the temporary file goes once gh is done
    QFile cwd(m_tmp->filePath(QStringLiteral("cwd")));
    QVERIFY(cwd.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(cwd.readAll()).trimmed(), QDir(m_repo).canonicalPath());
    QFile env(m_tmp->filePath(QStringLiteral("env")));
    QVERIFY(env.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(env.readAll()).trimmed(),
             QStringLiteral("GH_PROMPT_DISABLED=1 GIT_TERMINAL_PROMPT=0"));
}

void TestGitPush::ghFailureCarriesItsMessage()
{
    GitFixture fx(m_tmp->path());
    m_repo = fx.makeRepo(QStringLiteral("repo"));
    PullRequestRequest r;
    r.gh = writeFakeGh(QStringLiteral(
        "echo 'pull request create failed: GraphQL: No commits between main and chorus/a' >&2\n"
        "exit 1\n"));
    r.repoDir = m_repo;
    r.head = QStringLiteral("chorus/a");
    r.base = QStringLiteral("main");
    r.title = QStringLiteral("t");
    const Result<QString> url = createPr(r);
    QVERIFY(!url.ok());
    QVERIFY2(url.error().message.contains(QStringLiteral("No commits between main and chorus/a")),
             qPrintable(url.error().message));
    QVERIFY(url.error().message.contains(QStringLiteral("exit code 1")));
    QVERIFY(!url.error().hint.isEmpty());
}

void TestGitPush::ghNotInstalled()
{
    PullRequestRequest r;
    r.gh = QStringLiteral("chorus-test-no-such-gh");
    r.repoDir = m_tmp->path();
    const Result<QString> url = createPr(r);
    QVERIFY(!url.ok());
    QVERIFY2(url.error().message.contains(QStringLiteral("chorus-test-no-such-gh")),
             qPrintable(url.error().message));
}

QTEST_GUILESS_MAIN(TestGitPush)
#include "tst_gitpush.moc"
