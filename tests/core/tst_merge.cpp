// Merge, squash, rebase, sync, check and archive on temporary repositories, with every result
// checked independently through the git CLI (log, rev-parse, status, fsck).
#include "git/agentworkspace.h"
#include "git/branchstatus.h"
#include "git/conflict.h"
#include "git/merge.h"
#include "gitfixture.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace chorus;
using chorus::test::GitFixture;

using Files = QList<QPair<QString, QByteArray>>;

namespace {
QString S(const char *s)
{
    return QString::fromUtf8(s);
}
} // namespace

class TestMerge : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void mergeCommitUpdatesTheCleanCheckout();
    void squashMakesOneCommit();
    void rebaseReplaysOnTheTarget();
    void rebaseFastForwardsWhenTargetDidNotMove();
    void conflictsLeaveEverythingAsItWas_data();
    void conflictsLeaveEverythingAsItWas();
    void binaryFilesMergeAndConflict();
    void resolutionsFinishTheMerge();
    void renameConflictResolvedUnderTheAgentsName();
    void dirtyCheckoutIsRefused();
    void untrackedFileInTheWayIsRefused();
    void lockedIndexIsRefused();
    void targetCheckedOutInAnotherWorktree();
    void targetNotCheckedOutAnywhere();
    void emptyBranchIsUpToDate();
    void detachedHeadNeedsATarget();
    void repositoryWithoutCommits();
    void notARepository();
    void badInput_data();
    void badInput();
    void passingCheckMerges();
    void checkLeavesNothingRunning();
    void checkInASessionOfItsOwnEndsToo();
    void failingCheckKeepsTheTarget();
    void checkThatCannotStart();
    void branchStatusForecasts();
    void squashedOrRebasedBranchCountsAsMerged_data();
    void squashedOrRebasedBranchCountsAsMerged();
    void notMergedWhileTheMergeWouldChangeSomething();
    void resolutionsKeepingTheTargetStillMerge();
    void reachableFromTellsHistory();
    void mergedStateIsTheOneRule();
    void syncMergesTargetIntoAgentWorktree();
    void syncRebase();
    void syncConflictKeepsTheBranch();
    void archiveKeepsCommitsReachable();
    void mergeInProgressFinishesOnlyWithoutMarkers();

private:
    QString git(const QString &dir, const QStringList &args, int *code = nullptr)
    {
        return GitFixture::git(dir, args, code);
    }
    QString rev(const QString &dir, const QString &r) { return git(dir, {S("rev-parse"), r}); }
    QString status(const QString &dir) { return git(dir, {S("status"), S("--porcelain")}); }
    bool fsck(const QString &dir)
    {
        int code = -1;
        git(dir, {S("fsck"), S("--no-progress")}, &code);
        return code == 0;
    }
    // A repo on main with an agent branch that changed `agentFiles` and main that changed
    // `mainFiles`, both since "first".
    QString forked(const QList<QPair<QString, QByteArray>> &agentFiles,
                   const QList<QPair<QString, QByteArray>> &mainFiles);
    MergeRequest request(const QString &repo, MergeStrategy s = MergeStrategy::Merge)
    {
        MergeRequest r;
        r.repo = repo;
        r.branch = S("chorus/agent");
        r.strategy = s;
        r.message = S("Merge chorus/agent");
        r.checkRoot = m_tmp->filePath(S("checks"));
        return r;
    }

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<GitFixture> m_git;
};

void TestMerge::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    m_git = std::make_unique<GitFixture>(m_tmp->path());
}

QString TestMerge::forked(const QList<QPair<QString, QByteArray>> &agentFiles,
                          const QList<QPair<QString, QByteArray>> &mainFiles)
{
    const QString repo = m_git->makeRepo(S("proj"));
    git(repo, {S("checkout"), S("-q"), S("-b"), S("chorus/agent")});
    if (!agentFiles.isEmpty())
        GitFixture::commit(repo, S("agent work"), agentFiles);
    git(repo, {S("checkout"), S("-q"), S("main")});
    if (!mainFiles.isEmpty())
        GitFixture::commit(repo, S("main work"), mainFiles);
    return repo;
}

void TestMerge::mergeCommitUpdatesTheCleanCheckout()
{
    const QString repo = forked({{S("agent.txt"), "from the agent\n"}}, {{S("main.txt"), "from main\n"}});
    const QString mainBefore = rev(repo, S("main"));
    const QString agentHead = rev(repo, S("chorus/agent"));
    const Result<MergeOutcome> r = mergeBranch(request(repo));
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    QCOMPARE(r->stateName(), S("merged"));
    QCOMPARE(r->target, S("main"));
    QCOMPARE(r->targetBefore, mainBefore);
    QCOMPARE(rev(repo, S("main")), r->targetAfter);
    QCOMPARE(git(repo, {S("rev-parse"), S("main^1")}), mainBefore);
    QCOMPARE(git(repo, {S("rev-parse"), S("main^2")}), agentHead);
    QCOMPARE(git(repo, {S("log"), S("-1"), S("--format=%s"), S("main")}), S("Merge chorus/agent"));
    // main is checked out in the repo, which was clean: it now has the agent's file.
    QCOMPARE(r->updatedWorkTree, QDir(repo).canonicalPath());
    QVERIFY(QFile::exists(repo + S("/agent.txt")));
    QCOMPARE(status(repo), QString());
    QCOMPARE(rev(repo, S("chorus/agent")), agentHead); // the agent's branch is kept
    QVERIFY(fsck(repo));
}

void TestMerge::squashMakesOneCommit()
{
    const QString repo = forked({{S("a.txt"), "a\n"}}, {{S("m.txt"), "m\n"}});
    GitFixture::commit(repo, S("noop")); // main gets another (empty) commit
    git(repo, {S("checkout"), S("-q"), S("chorus/agent")});
    GitFixture::commit(repo, S("agent second"), {{S("b.txt"), "b\n"}});
    git(repo, {S("checkout"), S("-q"), S("main")});
    const QString before = rev(repo, S("main"));
    MergeRequest req = request(repo, MergeStrategy::Squash);
    req.message = S("builder agent: add a and b\n\nTask: make files");
    const Result<MergeOutcome> r = mergeBranch(req);
    QVERIFY(r.ok());
    QCOMPARE(r->stateName(), S("merged"));
    QCOMPARE(git(repo, {S("rev-list"), S("--count"), before + S("..main")}), S("1"));
    QCOMPARE(git(repo, {S("rev-parse"), S("main^")}), before);
    QCOMPARE(git(repo, {S("log"), S("-1"), S("--format=%B"), S("main")}), req.message);
    QCOMPARE(git(repo, {S("show"), S("main:b.txt")}), S("b"));
    QCOMPARE(git(repo, {S("show"), S("main:a.txt")}), S("a"));
    QVERIFY(fsck(repo));
}

void TestMerge::rebaseReplaysOnTheTarget()
{
    const QString repo = forked({{S("a.txt"), "a\n"}}, {{S("m.txt"), "m\n"}});
    git(repo, {S("checkout"), S("-q"), S("chorus/agent")});
    GitFixture::commit(repo, S("agent second"), {{S("a.txt"), "a2\n"}});
    git(repo, {S("checkout"), S("-q"), S("main")});
    const QString before = rev(repo, S("main"));
    const Result<MergeOutcome> r = mergeBranch(request(repo, MergeStrategy::Rebase));
    QVERIFY(r.ok());
    QCOMPARE(r->stateName(), S("merged"));
    // Linear: two replayed commits on top of the old main, subjects and authors kept.
    QCOMPARE(git(repo, {S("rev-list"), S("--count"), before + S("..main")}), S("2"));
    QCOMPARE(git(repo, {S("rev-list"), S("--merges"), S("--count"), before + S("..main")}), S("0"));
    QCOMPARE(git(repo, {S("log"), S("--format=%s|%an"), before + S("..main")}),
             S("agent second|Test User\nagent work|Test User"));
    QCOMPARE(git(repo, {S("show"), S("main:a.txt")}), S("a2"));
    QCOMPARE(git(repo, {S("show"), S("main:m.txt")}), S("m"));
    QVERIFY(fsck(repo));
}

void TestMerge::rebaseFastForwardsWhenTargetDidNotMove()
{
    const QString repo = forked({{S("a.txt"), "a\n"}}, {});
    const Result<MergeOutcome> r = mergeBranch(request(repo, MergeStrategy::Rebase));
    QVERIFY(r.ok());
    QCOMPARE(r->stateName(), S("merged"));
    QCOMPARE(rev(repo, S("main")), rev(repo, S("chorus/agent"))); // the same commits, not copies
}

void TestMerge::conflictsLeaveEverythingAsItWas_data()
{
    QTest::addColumn<Files>("agent");
    QTest::addColumn<Files>("main");
    QTest::addColumn<QStringList>("agentGit"); // extra git command on the agent branch
    QTest::addColumn<QStringList>("mainGit");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("path");
    QTest::newRow("content") << Files{{S("README.md"), "# agent\n"}} << Files{{S("README.md"), "# main\n"}}
                             << QStringList{} << QStringList{} << S("content") << S("README.md");
    QTest::newRow("add/add") << Files{{S("new.txt"), "agent\n"}} << Files{{S("new.txt"), "main\n"}}
                             << QStringList{} << QStringList{} << S("add/add") << S("new.txt");
    QTest::newRow("delete/modify") << Files{{S("README.md"), "# agent edit\n"}} << Files{}
                                   << QStringList{} << QStringList{S("rm"), S("-q"), S("README.md")}
                                   << S("delete/modify") << S("README.md");
    QTest::newRow("modify/delete") << Files{} << Files{{S("README.md"), "# main edit\n"}}
                                   << QStringList{S("rm"), S("-q"), S("README.md")} << QStringList{}
                                   << S("modify/delete") << S("README.md");
    QTest::newRow("rename/rename") << Files{} << Files{}
                                   << QStringList{S("mv"), S("src/main.c"), S("src/agent.c")}
                                   << QStringList{S("mv"), S("src/main.c"), S("src/main-renamed.c")}
                                   << S("rename") << S("src/main-renamed.c");
}

void TestMerge::conflictsLeaveEverythingAsItWas()
{
    QFETCH(Files, agent);
    QFETCH(Files, main);
    QFETCH(QStringList, agentGit);
    QFETCH(QStringList, mainGit);
    QFETCH(QString, kind);
    QFETCH(QString, path);
    const QString repo = m_git->makeRepo(S("proj"));
    git(repo, {S("checkout"), S("-q"), S("-b"), S("chorus/agent")});
    if (!agentGit.isEmpty())
        git(repo, agentGit);
    GitFixture::commit(repo, S("agent"), agent);
    git(repo, {S("checkout"), S("-q"), S("main")});
    if (!mainGit.isEmpty())
        git(repo, mainGit);
    GitFixture::commit(repo, S("main"), main);
    const QString mainBefore = rev(repo, S("main")), agentBefore = rev(repo, S("chorus/agent"));

    for (MergeStrategy s : {MergeStrategy::Merge, MergeStrategy::Squash, MergeStrategy::Rebase}) {
        const Result<MergeOutcome> r = mergeBranch(request(repo, s));
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
        QCOMPARE(r->stateName(), S("conflict"));
        QVERIFY(!r->conflicts.isEmpty());
        const ConflictFile &c = r->conflicts.first();
        QCOMPARE(c.kind, kind);
        QVERIFY2(c.path == path || c.oursPath == path || c.theirsPath == path, qPrintable(c.path));
        QCOMPARE(r->targetAfter, mainBefore);
        QCOMPARE(rev(repo, S("main")), mainBefore);
        QCOMPARE(rev(repo, S("chorus/agent")), agentBefore);
        QCOMPARE(status(repo), QString());
        // The three versions are readable, and are what each side has.
        if (!c.oursBlob.isEmpty())
            QCOMPARE(readBlob(repo, c.oursBlob).value(),
                     git(repo, {S("show"), S("main:") + c.oursPath}).toUtf8() + '\n');
        if (!c.theirsBlob.isEmpty())
            QCOMPARE(readBlob(repo, c.theirsBlob).value(),
                     git(repo, {S("show"), S("chorus/agent:") + c.theirsPath}).toUtf8() + '\n');
        if (s == MergeStrategy::Rebase)
            QCOMPARE(r->conflictCommit, agentBefore);
    }
    QCOMPARE(git(repo, {S("branch"), S("--list"), S("chorus-check/*")}), QString());
    QVERIFY(fsck(repo));
}

void TestMerge::binaryFilesMergeAndConflict()
{
    static const char pngBytes[] = "\x89PNG\r\n\x1a\n\0\0\0binary";
    const QByteArray png(pngBytes, sizeof(pngBytes) - 1); // 17 bytes, three of them NUL
    const QString repo = forked({{S("img.png"), png}}, {{S("other.bin"), QByteArray(64, '\0')}});
    Result<MergeOutcome> r = mergeBranch(request(repo));
    QVERIFY(r.ok());
    QCOMPARE(r->stateName(), S("merged"));
    QCOMPARE(QFile(repo + S("/img.png")).size(), png.size());
    // Both change the same binary file: a conflict, with both versions kept as blobs.
    git(repo, {S("checkout"), S("-q"), S("chorus/agent")});
    GitFixture::commit(repo, S("agent png"), {{S("img.png"), png + "agent"}});
    git(repo, {S("checkout"), S("-q"), S("main")});
    GitFixture::commit(repo, S("main png"), {{S("img.png"), png + "main"}});
    const QString before = rev(repo, S("main"));
    r = mergeBranch(request(repo));
    QVERIFY(r.ok());
    QCOMPARE(r->stateName(), S("conflict"));
    QCOMPARE(readBlob(repo, r->conflicts.first().theirsBlob).value(), png + "agent");
    QCOMPARE(rev(repo, S("main")), before);
}

void TestMerge::resolutionsFinishTheMerge()
{
    const QString repo = forked({{S("README.md"), "# agent\n"}, {S("new.txt"), "agent\n"}, {S("a.txt"), "a\n"}},
                                {{S("README.md"), "# main\n"}, {S("new.txt"), "main\n"}});
    const QString before = rev(repo, S("main"));
    MergeRequest req = request(repo);
    // One of two conflicts resolved: still a conflict, naming only the other; nothing moves.
    req.resolutions.insert(S("README.md"), QByteArray("# agent and main\n"));
    Result<MergeOutcome> r = mergeBranch(req);
    QVERIFY(r.ok());
    QCOMPARE(r->stateName(), S("conflict"));
    QCOMPARE(r->conflicts.size(), 1);
    QCOMPARE(r->conflicts.first().path, S("new.txt"));
    QCOMPARE(rev(repo, S("main")), before);
    // A path that is not in conflict is refused.
    MergeRequest wrong = req;
    wrong.resolutions.insert(S("a.txt"), QByteArray("x"));
    QVERIFY(!mergeBranch(wrong).ok());
    // A rebase takes no resolutions.
    MergeRequest rebase = req;
    rebase.strategy = MergeStrategy::Rebase;
    QVERIFY(!mergeBranch(rebase).ok());
    // Both resolved (one by deleting the file): a merge commit with exactly that content.
    req.resolutions.insert(S("new.txt"), std::nullopt);
    r = mergeBranch(req);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    QCOMPARE(r->stateName(), S("merged"));
    QCOMPARE(git(repo, {S("show"), S("main:README.md")}), S("# agent and main"));
    QCOMPARE(git(repo, {S("show"), S("main:a.txt")}), S("a"));
    int code = -1;
    git(repo, {S("cat-file"), S("-e"), S("main:new.txt")}, &code);
    QVERIFY(code != 0);
    QCOMPARE(git(repo, {S("rev-parse"), S("main^2")}), rev(repo, S("chorus/agent")));
    QVERIFY(!QFile::exists(repo + S("/new.txt")));
    QCOMPARE(status(repo), QString());
    QVERIFY(fsck(repo));
}

void TestMerge::renameConflictResolvedUnderTheAgentsName()
{
    const QString repo = m_git->makeRepo(S("proj"));
    git(repo, {S("checkout"), S("-q"), S("-b"), S("chorus/agent")});
    git(repo, {S("mv"), S("src/main.c"), S("src/agent.c")});
    GitFixture::commit(repo, S("agent renames"));
    git(repo, {S("checkout"), S("-q"), S("main")});
    git(repo, {S("mv"), S("src/main.c"), S("src/target.c")});
    GitFixture::commit(repo, S("main renames"));
    MergeRequest req = request(repo);
    req.resolutions.insert(S("src/agent.c"), QByteArray("int main(void) { return 1; }\n"));
    const Result<MergeOutcome> r = mergeBranch(req);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    QCOMPARE(r->stateName(), S("merged"));
    QCOMPARE(git(repo, {S("ls-tree"), S("-r"), S("--name-only"), S("main"), S("src")}), S("src/agent.c"));
    QCOMPARE(git(repo, {S("show"), S("main:src/agent.c")}), S("int main(void) { return 1; }"));
}

void TestMerge::dirtyCheckoutIsRefused()
{
    const QString repo = forked({{S("agent.txt"), "x\n"}}, {});
    GitFixture::write(repo + S("/README.md"), "# my unsaved edit\n");
    const QString before = rev(repo, S("main"));
    const Result<MergeOutcome> r = mergeBranch(request(repo));
    QVERIFY(r.ok());
    QCOMPARE(r->stateName(), S("refused"));
    QVERIFY2(r->reason.contains(S("README.md")) && r->reason.contains(S("uncommitted")), qPrintable(r->reason));
    QCOMPARE(rev(repo, S("main")), before);
    QVERIFY(!QFile::exists(repo + S("/agent.txt")));
    QFile f(repo + S("/README.md"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("# my unsaved edit\n")); // the user's edit is untouched
    // An untracked file of the user's that is not in the way does not block a merge.
    GitFixture::write(repo + S("/README.md"), "# project\n");
    GitFixture::write(repo + S("/notes.txt"), "mine\n");
    const Result<MergeOutcome> again = mergeBranch(request(repo));
    QVERIFY(again.ok());
    QCOMPARE(again->stateName(), S("merged"));
    QVERIFY(QFile::exists(repo + S("/agent.txt")) && QFile::exists(repo + S("/notes.txt")));
}

void TestMerge::untrackedFileInTheWayIsRefused()
{
    const QString repo = forked({{S("agent.txt"), "agent\n"}}, {});
    GitFixture::write(repo + S("/agent.txt"), "the user's own, untracked\n");
    const QString before = rev(repo, S("main"));
    const Result<MergeOutcome> r = mergeBranch(request(repo));
    QVERIFY(r.ok());
    QCOMPARE(r->stateName(), S("refused"));
    QCOMPARE(rev(repo, S("main")), before);
    QFile f(repo + S("/agent.txt"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("the user's own, untracked\n"));
}

void TestMerge::lockedIndexIsRefused()
{
    const QString repo = forked({{S("agent.txt"), "agent\n"}}, {});
    GitFixture::write(repo + S("/.git/index.lock"), "");
    const QString before = rev(repo, S("main"));
    const Result<MergeOutcome> r = mergeBranch(request(repo));
    QVERIFY(!r.ok() || r->state == MergeOutcome::Refused);
    if (r.ok())
        QVERIFY2(r->reason.contains(S("lock")), qPrintable(r->reason));
    QCOMPARE(rev(repo, S("main")), before);
    QVERIFY(!QFile::exists(repo + S("/agent.txt")));
    QFile::remove(repo + S("/.git/index.lock"));
    QCOMPARE(status(repo), QString());
}

void TestMerge::targetCheckedOutInAnotherWorktree()
{
    const QString repo = forked({{S("agent.txt"), "agent\n"}}, {});
    const QString other = m_tmp->filePath(S("release-wt"));
    git(repo, {S("branch"), S("release"), S("main")});
    int code = -1;
    git(repo, {S("worktree"), S("add"), S("-q"), other, S("release")}, &code);
    QCOMPARE(code, 0);
    MergeRequest req = request(repo);
    req.target = S("release");
    const Result<MergeOutcome> r = mergeBranch(req);
    QVERIFY(r.ok());
    QCOMPARE(r->stateName(), S("merged"));
    QCOMPARE(r->updatedWorkTree, QDir(other).canonicalPath());
    QVERIFY(QFile::exists(other + S("/agent.txt")));
    QCOMPARE(status(other), QString());
    QVERIFY(!QFile::exists(repo + S("/agent.txt"))); // the user's main checkout is untouched
    QCOMPARE(rev(repo, S("release")), r->targetAfter);
    QCOMPARE(rev(other, S("HEAD")), r->targetAfter);
}

void TestMerge::targetNotCheckedOutAnywhere()
{
    const QString repo = forked({{S("agent.txt"), "agent\n"}}, {});
    git(repo, {S("branch"), S("integration"), S("main")});
    MergeRequest req = request(repo);
    req.target = S("integration");
    const Result<MergeOutcome> r = mergeBranch(req);
    QVERIFY(r.ok());
    QCOMPARE(r->stateName(), S("merged"));
    QVERIFY(r->updatedWorkTree.isEmpty());
    QCOMPARE(rev(repo, S("integration")), r->targetAfter);
    QCOMPARE(status(repo), QString());
}

void TestMerge::emptyBranchIsUpToDate()
{
    const QString repo = forked({}, {{S("m.txt"), "m\n"}});
    const QString before = rev(repo, S("main"));
    for (MergeStrategy s : {MergeStrategy::Merge, MergeStrategy::Squash, MergeStrategy::Rebase}) {
        const Result<MergeOutcome> r = mergeBranch(request(repo, s));
        QVERIFY(r.ok());
        QCOMPARE(r->stateName(), S("up-to-date"));
        QCOMPARE(rev(repo, S("main")), before);
    }
}

void TestMerge::detachedHeadNeedsATarget()
{
    const QString repo = forked({{S("a.txt"), "a\n"}}, {});
    git(repo, {S("checkout"), S("-q"), S("--detach"), S("main")});
    const Result<MergeOutcome> r = mergeBranch(request(repo));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(S("detached")), qPrintable(r.error().toString()));
    QVERIFY(r.error().hint.contains(S("--into")));
    MergeRequest req = request(repo);
    req.target = S("main");
    const Result<MergeOutcome> into = mergeBranch(req);
    QVERIFY(into.ok());
    QCOMPARE(into->stateName(), S("merged"));
    QVERIFY(into->updatedWorkTree.isEmpty()); // a detached checkout is not main's
}

void TestMerge::repositoryWithoutCommits()
{
    const QString repo = m_git->makeRepo(S("empty"), true);
    const Result<MergeOutcome> r = mergeBranch(request(repo));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(S("no commits")) || r.error().message.contains(S("chorus/agent")),
             qPrintable(r.error().toString()));
}

void TestMerge::notARepository()
{
    const QString dir = m_tmp->filePath(S("plain"));
    QDir().mkpath(dir);
    const Result<MergeOutcome> r = mergeBranch(request(dir));
    QVERIFY(!r.ok());
    QVERIFY(r.error().message.contains(S("git repository")));
    QVERIFY(!branchStatus(dir, S("a"), S("b")).ok());
    QVERIFY(!syncBranch(dir, S("a"), S("b"), false).ok());
}

void TestMerge::badInput_data()
{
    QTest::addColumn<QString>("branch");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("expect");
    QTest::newRow("unknown branch") << S("chorus/nobody") << S("main") << S("chorus/nobody");
    QTest::newRow("unknown target") << S("chorus/agent") << S("nowhere") << S("nowhere");
    QTest::newRow("invalid target") << S("chorus/agent") << S("bad..name") << S("not a valid branch name");
    QTest::newRow("target is a tag") << S("chorus/agent") << S("v1") << S("v1");
}

void TestMerge::badInput()
{
    QFETCH(QString, branch);
    QFETCH(QString, target);
    QFETCH(QString, expect);
    const QString repo = forked({{S("a.txt"), "a\n"}}, {});
    git(repo, {S("tag"), S("v1")});
    const QString refsBefore = git(repo, {S("show-ref")});
    MergeRequest req = request(repo);
    req.branch = branch;
    req.target = target;
    const Result<MergeOutcome> r = mergeBranch(req);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().toString().contains(expect), qPrintable(r.error().toString()));
    QCOMPARE(git(repo, {S("show-ref")}), refsBefore);
    QCOMPARE(status(repo), QString());
}

void TestMerge::passingCheckMerges()
{
    const QString repo = forked({{S("agent.txt"), "agent\n"}}, {{S("main.txt"), "main\n"}});
    MergeRequest req = request(repo);
    // The candidate (both sides' files) is what the check sees.
    req.check = {S("sh"), S("-c"), S("test -f agent.txt && test -f main.txt && echo CHECK-OK")};
    const Result<MergeOutcome> r = mergeBranch(req);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    QCOMPARE(r->stateName(), S("merged"));
    QVERIFY(r->checkRan);
    QCOMPARE(r->checkExitCode, 0);
    QVERIFY(r->checkOutput.contains(S("CHECK-OK")));
    QCOMPARE(git(repo, {S("worktree"), S("list"), S("--porcelain")}).count(S("worktree ")), 1);
    QCOMPARE(git(repo, {S("branch"), S("--list"), S("chorus-check/*")}), QString());
}

void TestMerge::checkLeavesNothingRunning()
{
    const QString repo = forked({{S("agent.txt"), "agent\n"}}, {});
    const QString marker = m_tmp->filePath(S("background.pid"));
    MergeRequest req = request(repo);
    // The check starts something in the background and returns at once.
    req.check = {S("sh"), S("-c"), S("sleep 300 & echo $! > ") + marker};
    const Result<MergeOutcome> r = mergeBranch(req);
    QVERIFY(r.ok());
    QCOMPARE(r->stateName(), S("merged"));
    QFile f(marker);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray pid = f.readAll().trimmed();
    QVERIFY(!pid.isEmpty());
    // Ended with the check (a zombie nobody reaped counts as ended).
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        QFile status(S("/proc/%1/status").arg(QString::fromLatin1(pid)));
        return !status.open(QIODevice::ReadOnly) || status.readAll().contains("State:\tZ");
    }(), 5000);
}

// What the check starts in a session of its own (setsid), out of its process group, ends with it.
void TestMerge::checkInASessionOfItsOwnEndsToo()
{
    const QString repo = forked({{S("agent.txt"), "agent\n"}}, {});
    const QString marker = m_tmp->filePath(S("escaped.pid"));
    MergeRequest req = request(repo);
    req.check = {S("sh"), S("-c"), S("setsid sleep 300 & echo $! > ") + marker + S("; sleep 0.2")};
    const Result<MergeOutcome> r = mergeBranch(req);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    QCOMPARE(r->stateName(), S("merged"));
    QFile f(marker);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray pid = f.readAll().trimmed();
    QVERIFY(!pid.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QFile status(S("/proc/%1/status").arg(QString::fromLatin1(pid)));
            return !status.open(QIODevice::ReadOnly) || status.readAll().contains("State:\tZ");
        }(),
        5000);
}

void TestMerge::failingCheckKeepsTheTarget()
{
    const QString repo = forked({{S("agent.txt"), "agent\n"}}, {});
    const QString before = rev(repo, S("main"));
    MergeRequest req = request(repo);
    req.check = {S("sh"), S("-c"), S("echo tests failed: 3; exit 3")};
    const Result<MergeOutcome> r = mergeBranch(req);
    QVERIFY(r.ok());
    QCOMPARE(r->stateName(), S("check-failed"));
    QCOMPARE(r->checkExitCode, 3);
    QVERIFY(r->checkOutput.contains(S("tests failed: 3")));
    QVERIFY(!r->candidate.isEmpty());
    QCOMPARE(rev(repo, S("main")), before);
    QVERIFY(!QFile::exists(repo + S("/agent.txt")));
    QCOMPARE(git(repo, {S("worktree"), S("list"), S("--porcelain")}).count(S("worktree ")), 1);
    QCOMPARE(git(repo, {S("branch"), S("--list"), S("chorus-check/*")}), QString());
    QVERIFY(fsck(repo));
}

void TestMerge::checkThatCannotStart()
{
    const QString repo = forked({{S("agent.txt"), "agent\n"}}, {});
    const QString before = rev(repo, S("main"));
    MergeRequest req = request(repo);
    req.check = {S("/no/such/make"), S("test")};
    const Result<MergeOutcome> r = mergeBranch(req);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(S("cannot start")), qPrintable(r.error().toString()));
    QCOMPARE(rev(repo, S("main")), before);
    QCOMPARE(git(repo, {S("worktree"), S("list"), S("--porcelain")}).count(S("worktree ")), 1);
    QCOMPARE(git(repo, {S("branch"), S("--list"), S("chorus-check/*")}), QString());
}

void TestMerge::branchStatusForecasts()
{
    const QString repo = forked({{S("a.txt"), "a\n"}, {S("README.md"), "# agent\n"}}, {{S("m.txt"), "m\n"}});
    Result<BranchStatus> st = branchStatus(repo, S("chorus/agent"), S("main"));
    QVERIFY(st.ok());
    QCOMPARE(st->ahead, 1);
    QCOMPARE(st->behind, 1);
    QVERIFY(st->clean && !st->merged);
    QCOMPARE(st->mergeBase, rev(repo, S("main~1")));
    const QString objects = git(repo, {S("count-objects")});
    GitFixture::commit(repo, S("conflicting"), {{S("README.md"), "# main\n"}});
    st = branchStatus(repo, S("chorus/agent"), S("main"));
    QVERIFY(st.ok());
    QCOMPARE(st->behind, 2);
    QVERIFY(!st->clean);
    QCOMPARE(st->conflicts.size(), 1);
    QCOMPARE(st->conflicts.first().path, S("README.md"));
    git(repo, {S("merge"), S("-q"), S("-X"), S("ours"), S("chorus/agent")});
    st = branchStatus(repo, S("chorus/agent"), S("main"));
    QVERIFY(st.ok() && st->merged && st->ahead == 0);
}

void TestMerge::squashedOrRebasedBranchCountsAsMerged_data()
{
    QTest::addColumn<int>("strategy");
    QTest::newRow("squash") << int(MergeStrategy::Squash);
    QTest::newRow("rebase") << int(MergeStrategy::Rebase);
}

// After a squash or rebase, the agent's commits are not in the target's history, but all of
// their changes are: the branch is merged (so `clean --merged` removes it), and merging it
// again changes nothing, with any strategy.
void TestMerge::squashedOrRebasedBranchCountsAsMerged()
{
    QFETCH(int, strategy);
    const QString repo = forked({{S("a.txt"), "a\n"}}, {{S("m.txt"), "m\n"}});
    git(repo, {S("checkout"), S("-q"), S("chorus/agent")});
    GitFixture::commit(repo, S("agent second"), {{S("b.txt"), "b\n"}});
    git(repo, {S("checkout"), S("-q"), S("main")});
    Result<BranchStatus> st = branchStatus(repo, S("chorus/agent"), S("main"));
    QVERIFY(st.ok() && !st->merged && !st->contained);
    const QString agentHead = rev(repo, S("chorus/agent"));
    const Result<MergeOutcome> r = mergeBranch(request(repo, MergeStrategy(strategy)));
    QVERIFY(r.ok());
    QCOMPARE(r->stateName(), S("merged"));
    QCOMPARE(r->branchHead, agentHead);
    int code = 0;
    git(repo, {S("merge-base"), S("--is-ancestor"), S("chorus/agent"), S("main")}, &code);
    QCOMPARE(code, 1); // not by history
    const QString objects = git(repo, {S("count-objects")});
    st = branchStatus(repo, S("chorus/agent"), S("main"));
    QVERIFY(st.ok());
    QVERIFY(st->merged && st->contained && st->clean);
    QCOMPARE(st->ahead, 2);
    QCOMPARE(git(repo, {S("count-objects")}), objects); // a forecast writes no tree or commit
    const QString mainNow = rev(repo, S("main"));
    for (MergeStrategy again : {MergeStrategy::Merge, MergeStrategy::Squash, MergeStrategy::Rebase}) {
        const Result<MergeOutcome> r2 = mergeBranch(request(repo, again));
        QVERIFY(r2.ok());
        QCOMPARE(r2->stateName(), S("up-to-date"));
        QCOMPARE(rev(repo, S("main")), mainNow);
    }
    // New work on the branch: merged no more.
    git(repo, {S("checkout"), S("-q"), S("chorus/agent")});
    GitFixture::commit(repo, S("agent third"), {{S("c.txt"), "c\n"}});
    git(repo, {S("checkout"), S("-q"), S("main")});
    st = branchStatus(repo, S("chorus/agent"), S("main"));
    QVERIFY(st.ok() && !st->merged && !st->contained && st->clean);
    QVERIFY(fsck(repo));
}

// `contained` is only ever "merging it would change nothing": a change the target reverted, a
// file the branch deletes and the target still has, a conflicting edit are all unmerged.
void TestMerge::notMergedWhileTheMergeWouldChangeSomething()
{
    // The target took the agent's change, then reverted it: merging the branch brings it back.
    QString repo = forked({{S("a.txt"), "agent\n"}}, {{S("a.txt"), "agent\n"}});
    GitFixture::commit(repo, S("revert"), {{S("a.txt"), "reverted\n"}});
    Result<BranchStatus> st = branchStatus(repo, S("chorus/agent"), S("main"));
    QVERIFY(st.ok());
    QVERIFY(!st->merged && !st->contained);
    QVERIFY(!st->clean); // both changed a.txt since the base
    m_tmp = std::make_unique<QTemporaryDir>();
    m_git = std::make_unique<GitFixture>(m_tmp->path());
    // The branch deletes a file the target still has.
    repo = forked({}, {{S("m.txt"), "m\n"}});
    git(repo, {S("checkout"), S("-q"), S("chorus/agent")});
    git(repo, {S("rm"), S("-q"), S("src/main.c")});
    git(repo, {S("commit"), S("-q"), S("-m"), S("delete")});
    git(repo, {S("checkout"), S("-q"), S("main")});
    st = branchStatus(repo, S("chorus/agent"), S("main"));
    QVERIFY(st.ok());
    QVERIFY(!st->merged && !st->contained && st->clean);
    // ... and once the target deleted it too, there is nothing left to bring in.
    git(repo, {S("rm"), S("-q"), S("src/main.c")});
    git(repo, {S("commit"), S("-q"), S("-m"), S("main deletes it too")});
    st = branchStatus(repo, S("chorus/agent"), S("main"));
    QVERIFY(st.ok());
    QVERIFY(st->merged && st->contained);
}

// Resolving every conflict with the target's side still makes the merge commit: the agent's
// branch is then in the target's history (nothing of it can be lost by a later clean).
void TestMerge::resolutionsKeepingTheTargetStillMerge()
{
    const QString repo = forked({{S("README.md"), "# agent\n"}}, {{S("README.md"), "# main\n"}});
    const QString before = rev(repo, S("main"));
    MergeRequest req = request(repo);
    req.resolutions.insert(S("README.md"), QByteArray("# main\n"));
    const Result<MergeOutcome> r = mergeBranch(req);
    QVERIFY(r.ok());
    QCOMPARE(r->stateName(), S("merged"));
    QCOMPARE(git(repo, {S("rev-parse"), S("main^1")}), before);
    QCOMPARE(git(repo, {S("rev-parse"), S("main^2")}), rev(repo, S("chorus/agent")));
    QCOMPARE(git(repo, {S("show"), S("main:README.md")}), S("# main"));
}

void TestMerge::reachableFromTellsHistory()
{
    const QString repo = forked({{S("a.txt"), "a\n"}}, {{S("m.txt"), "m\n"}});
    const QString first = rev(repo, S("main~1")), head = rev(repo, S("main")), agent = rev(repo, S("chorus/agent"));
    QCOMPARE(*reachableFrom(repo, head, S("main")), true);
    QCOMPARE(*reachableFrom(repo, first, S("main")), true);
    QCOMPARE(*reachableFrom(repo, agent, S("main")), false);
    QCOMPARE(*reachableFrom(repo, S("0123456789012345678901234567890123456789"), S("main")), false);
    QVERIFY(!reachableFrom(repo, S("nonsense"), S("main")).ok());
    QVERIFY(!reachableFrom(repo, head, S("no-such-branch")).ok());
}

// The one rule for "merged" (the engine's clean --merged and Review's forecast): by history, by
// content, or by a recorded merge of the branch's current head into that target whose commit
// the target still holds.
void TestMerge::mergedStateIsTheOneRule()
{
    const QString repo = forked({{S("a.txt"), "a\n"}}, {{S("m.txt"), "m\n"}});
    const QString agent = rev(repo, S("chorus/agent")), main = rev(repo, S("main"));
    const Result<BranchStatus> st = branchStatus(repo, S("chorus/agent"), S("main"));
    QVERIFY2(st, qPrintable(st.error().toString()));
    QVERIFY(!st->merged);
    QCOMPARE(mergedState(repo, *st, {}), Merged::No);
    QCOMPARE(mergedState(repo, *st, {{S("other"), agent, main}}), Merged::No); // merged elsewhere
    QCOMPARE(mergedState(repo, *st, {{S("main"), agent, agent}}), Merged::No); // main lacks it
    QCOMPARE(mergedState(repo, *st, {{S("main"), main, main}}), Merged::No);   // another head
    QCOMPARE(mergedState(repo, *st, {{S("main"), agent, S("not a commit")}}), Merged::No);
    QCOMPARE(mergedState(repo, *st, {{S("main"), agent, main}}), Merged::ByContent);
    QCOMPARE(mergedState(repo, *st,
                         {{S("main"), main, main}, {S("main"), agent, rev(repo, S("main~1"))}}),
             Merged::ByContent); // any of its records
    // Its head in main's history.
    git(repo, {S("branch"), S("old"), S("main~1")});
    const Result<BranchStatus> old = branchStatus(repo, S("old"), S("main"));
    QVERIFY(old && old->merged);
    QCOMPARE(mergedState(repo, *old, {}), Merged::ByHistory);
}

void TestMerge::syncMergesTargetIntoAgentWorktree()
{
    const QString repo = m_git->makeRepo(S("proj"));
    Result<AgentWorkspace> ws = createAgentWorkspace(repo, S("agent"), {}, m_tmp->filePath(S("wt")));
    QVERIFY(ws.ok());
    GitFixture::write(ws->worktree + S("/agent.txt"), "agent\n");
    QVERIFY(checkpointWorkspace(ws->worktree, S("builder"), S("agent"), S("work")).ok());
    GitFixture::commit(repo, S("main moves"), {{S("main.txt"), "main\n"}});
    const QString agentBefore = rev(repo, S("chorus/agent"));
    const Result<MergeOutcome> r = syncBranch(repo, S("chorus/agent"), S("main"), false);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    QCOMPARE(r->stateName(), S("merged"));
    QCOMPARE(r->updatedWorkTree, QDir(ws->worktree).canonicalPath());
    QVERIFY(QFile::exists(ws->worktree + S("/main.txt")));
    QCOMPARE(status(ws->worktree), QString());
    QCOMPARE(git(repo, {S("rev-parse"), S("chorus/agent^1")}), agentBefore);
    QCOMPARE(git(repo, {S("rev-parse"), S("chorus/agent^2")}), rev(repo, S("main")));
    // Once in, a second sync has nothing to do.
    QCOMPARE(syncBranch(repo, S("chorus/agent"), S("main"), false)->stateName(), S("up-to-date"));
    // An agent with no commits of its own is fast-forwarded.
    Result<AgentWorkspace> idle = createAgentWorkspace(repo, S("idle"), {}, m_tmp->filePath(S("wt")));
    QVERIFY(idle.ok());
    GitFixture::commit(repo, S("main again"), {{S("main2.txt"), "2\n"}});
    const Result<MergeOutcome> ff = syncBranch(repo, S("chorus/idle"), S("main"), false);
    QCOMPARE(ff->stateName(), S("merged"));
    QCOMPARE(rev(repo, S("chorus/idle")), rev(repo, S("main")));
    QVERIFY(QFile::exists(idle->worktree + S("/main2.txt")));
    QVERIFY(fsck(repo));
}

void TestMerge::syncRebase()
{
    const QString repo = m_git->makeRepo(S("proj"));
    Result<AgentWorkspace> ws = createAgentWorkspace(repo, S("agent"), {}, m_tmp->filePath(S("wt")));
    QVERIFY(ws.ok());
    GitFixture::write(ws->worktree + S("/agent.txt"), "agent\n");
    QVERIFY(checkpointWorkspace(ws->worktree, S("builder"), S("agent"), S("work")).ok());
    GitFixture::commit(repo, S("main moves"), {{S("main.txt"), "main\n"}});
    const Result<MergeOutcome> r = syncBranch(repo, S("chorus/agent"), S("main"), true);
    QVERIFY(r.ok());
    QCOMPARE(r->stateName(), S("merged"));
    QCOMPARE(git(repo, {S("rev-parse"), S("chorus/agent^")}), rev(repo, S("main")));
    QCOMPARE(git(repo, {S("rev-list"), S("--merges"), S("--count"), S("chorus/agent")}), S("0"));
    QVERIFY(QFile::exists(ws->worktree + S("/main.txt")) && QFile::exists(ws->worktree + S("/agent.txt")));
    QCOMPARE(status(ws->worktree), QString());
}

void TestMerge::syncConflictKeepsTheBranch()
{
    const QString repo = m_git->makeRepo(S("proj"));
    Result<AgentWorkspace> ws = createAgentWorkspace(repo, S("agent"), {}, m_tmp->filePath(S("wt")));
    QVERIFY(ws.ok());
    GitFixture::write(ws->worktree + S("/README.md"), "# agent\n");
    QVERIFY(checkpointWorkspace(ws->worktree, S("builder"), S("agent"), S("work")).ok());
    GitFixture::commit(repo, S("main edits"), {{S("README.md"), "# main\n"}});
    const QString before = rev(repo, S("chorus/agent"));
    for (bool rebase : {false, true}) {
        const Result<MergeOutcome> r = syncBranch(repo, S("chorus/agent"), S("main"), rebase);
        QVERIFY(r.ok());
        QCOMPARE(r->stateName(), S("conflict"));
        QCOMPARE(r->conflicts.first().path, S("README.md"));
        QCOMPARE(rev(repo, S("chorus/agent")), before);
        QCOMPARE(status(ws->worktree), QString());
    }
}

void TestMerge::archiveKeepsCommitsReachable()
{
    const QString repo = forked({{S("a.txt"), "a\n"}}, {});
    const QString head = rev(repo, S("chorus/agent"));
    const Result<QString> ref = archiveBranch(repo, S("chorus/agent"));
    QVERIFY(ref.ok());
    QVERIFY(ref->startsWith(S("refs/chorus/archive/chorus/agent/")));
    git(repo, {S("branch"), S("-D"), S("chorus/agent")});
    QCOMPARE(rev(repo, *ref), head);
    git(repo, {S("gc"), S("-q"), S("--prune=now")});
    int code = -1;
    git(repo, {S("cat-file"), S("-e"), head}, &code);
    QCOMPARE(code, 0);
    QVERIFY(!archiveBranch(repo, S("chorus/agent")).ok()); // gone now: a clear error
}

void TestMerge::mergeInProgressFinishesOnlyWithoutMarkers()
{
    const QString repo = forked({{S("README.md"), "# agent\n"}}, {{S("README.md"), "# main\n"}});
    Result<AgentWorkspace> ws = createAgentWorkspace(repo, S("fixer"), S("main"), m_tmp->filePath(S("wt")));
    QVERIFY(ws.ok());
    const Result<QList<ConflictFile>> conflicts = beginMerge(ws->worktree, S("chorus/agent"));
    QVERIFY(conflicts.ok());
    QCOMPARE(conflicts->size(), 1);
    auto parents = [&] { return git(ws->worktree, {S("rev-list"), S("--parents"), S("-n1"), S("HEAD")}).split(u' ').size() - 1; };
    // A turn that leaves the markers: an ordinary commit, the merge still open.
    QVERIFY(checkpointWorkspace(ws->worktree, S("resolver"), S("fixer"), S("half")).ok());
    QCOMPARE(parents(), 1);
    // The next turn changes something else only: the committed markers still hold the merge.
    GitFixture::write(ws->worktree + S("/notes.txt"), "thinking\n");
    QVERIFY(checkpointWorkspace(ws->worktree, S("resolver"), S("fixer"), S("other")).ok());
    QCOMPARE(parents(), 1);
    int code = -1;
    git(ws->worktree, {S("rev-parse"), S("-q"), S("--verify"), S("MERGE_HEAD")}, &code);
    QCOMPARE(code, 0);
    // Resolved: the checkpoint is the merge, and the merge state is gone.
    GitFixture::write(ws->worktree + S("/README.md"), "# agent and main\n");
    const Result<QString> done = checkpointWorkspace(ws->worktree, S("resolver"), S("fixer"), S("resolved"));
    QVERIFY(done.ok() && !done->isEmpty());
    QCOMPARE(parents(), 2);
    QCOMPARE(git(ws->worktree, {S("rev-parse"), S("HEAD^2")}), rev(repo, S("chorus/agent")));
    git(ws->worktree, {S("rev-parse"), S("-q"), S("--verify"), S("MERGE_HEAD")}, &code);
    QVERIFY(code != 0);
    QVERIFY(fsck(repo));
    // A rebase would drop the resolution: refused; a merge takes it.
    MergeRequest req = request(repo, MergeStrategy::Rebase);
    req.branch = S("chorus/fixer");
    GitFixture::commit(repo, S("main moves on"), {{S("late.txt"), "late\n"}});
    const Result<MergeOutcome> rebased = mergeBranch(req);
    QVERIFY(!rebased.ok());
    QVERIFY2(rebased.error().message.contains(S("merge commit")), qPrintable(rebased.error().toString()));
    req.strategy = MergeStrategy::Merge;
    const Result<MergeOutcome> merged = mergeBranch(req);
    QVERIFY(merged.ok());
    QCOMPARE(merged->stateName(), S("merged"));
    QCOMPARE(git(repo, {S("show"), S("main:README.md")}), S("# agent and main"));
}

QTEST_GUILESS_MAIN(TestMerge)
#include "tst_merge.moc"
