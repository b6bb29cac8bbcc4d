// diff, merge (queue, strategies, check), approve-merge, sync and clean through the real CLI,
// the daemon and real Claude Code agents (fake API) in a real repository, with the git CLI
// checking every result.
#include "enginefixture.h"
#include "gitfixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <csignal>

using chorus::test::EngineFixture;
using chorus::test::GitFixture;

namespace {
QString S(const char *s)
{
    return QString::fromUtf8(s);
}
} // namespace

class TestGitCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void twoAgentsAreReviewedMergedAndCleaned();
    void sameLinesConflictAndTheTargetStays();
    void failingCheckRejectsTheCandidate();
    void reviewStrategyWaitsForApproval();
    void syncBringsTheTargetIn();
    void resolverAgentMergesTheConflict();
    void squashMergedBranchIsCleanedAsMerged();
    void brokenWorktreeIsShownMergedAndSaved();
    void brokenWorktreeGoesWithForce();
    void killedEngineLeavesNoCheckNorHalfSpawn();
    void badInput();
    void cleanedAgentRefusesSendAndResume();
    void inPlaceIsWarnedMarkedAndMeant();

private:
    // Spawns an agent in the repo whose one turn runs `command` with Bash, and waits for it.
    void spawnWriting(const QString &name, const QString &command);
    QJsonObject runJson(const QStringList &args, int *exitCode = nullptr);
    QString git(const QStringList &args) { return GitFixture::git(m_repo, args); }
    QJsonObject agentJson(const QString &name);

    EngineFixture m_fx;
    QString m_repo;
};

void TestGitCli::init()
{
    QString error;
    QVERIFY2(m_fx.setUp(&error), qPrintable(error));
    m_repo = m_fx.workDir() + S("/repo");
    GitFixture fixture(m_fx.workDir());
    QCOMPARE(fixture.makeRepo(S("repo")), m_repo);
}

void TestGitCli::cleanup()
{
    m_fx.tearDown();
}

void TestGitCli::spawnWriting(const QString &name, const QString &command)
{
    const QJsonObject input{{S("command"), command}};
    const QJsonObject tool{{S("tool"), S("Bash")}, {S("input"), input}};
    const QJsonObject answer{{S("text"), QString(S("Done: ") + command)}};
    const QJsonArray steps{tool, answer};
    const QString task = S("Change the files. @@fake ") + QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact));
    const auto r = m_fx.chorus({S("spawn"), S("builder"), S("--repo=") + m_repo, S("--task=") + task, S("--name=") + name,
                                S("--wait"), S("--json")},
                               120000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
}

QJsonObject TestGitCli::runJson(const QStringList &args, int *exitCode)
{
    const auto r = m_fx.chorus(args, 120000);
    if (exitCode)
        *exitCode = r.exitCode;
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    if (o.isEmpty())
        qWarning("%s", qPrintable(r.describe()));
    return o;
}

void TestGitCli::twoAgentsAreReviewedMergedAndCleaned()
{
    spawnWriting(S("alpha"), S("printf 'alpha\\n' > alpha.txt && printf 'int a;\\n' >> src/main.c"));
    spawnWriting(S("beta"), S("mkdir -p docs && printf 'beta\\n' > docs/beta.md"));
    const QString mainBefore = git({S("rev-parse"), S("main")});

    // diff: the agent's changes against main, in all three forms.
    auto stat = m_fx.chorus({S("diff"), S("alpha"), S("--stat")});
    QVERIFY2(stat.exitCode == 0, qPrintable(stat.describe()));
    QVERIFY(stat.out.contains(S("alpha.txt")) && stat.out.contains(S("src/main.c")));
    QVERIFY2(stat.out.contains(S(" 2 file")), qPrintable(stat.out));
    auto patch = m_fx.chorus({S("diff"), S("alpha")});
    QVERIFY(patch.out.contains(S("+int a;")) && patch.out.contains(S("+++ b/alpha.txt")));
    // git's own headers, so that any patch tool takes it: git apply and patch, on main as it
    // is (the agent's changes are not there yet).
    QVERIFY2(patch.out.contains(S("diff --git a/alpha.txt b/alpha.txt\nnew file mode 100644\n")),
             qPrintable(patch.out));
    QVERIFY(patch.out.contains(S("diff --git a/src/main.c b/src/main.c\n")));
    QVERIFY(!patch.out.contains(S("diff --chorus")));
    const QString patchFile = m_fx.workDir() + S("/alpha.patch");
    {
        QFile f(patchFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(patch.out.toUtf8());
    }
    int applies = -1;
    const QString applyOut =
        GitFixture::git(m_repo, {S("apply"), S("--check"), S("-v"), patchFile}, &applies);
    QVERIFY2(applies == 0, qPrintable(applyOut));
    QProcess patchTool;
    patchTool.setWorkingDirectory(m_repo);
    patchTool.start(S("patch"), {S("--dry-run"), S("-p1"), S("-i"), patchFile});
    QVERIFY(patchTool.waitForFinished(30000));
    QVERIFY2(patchTool.exitStatus() == QProcess::NormalExit && patchTool.exitCode() == 0,
             patchTool.readAll().constData());
    QCOMPARE(git({S("status"), S("--porcelain")}), QString()); // checked only
    const QJsonObject dj = runJson({S("diff"), S("beta"), S("--json")});
    QCOMPARE(dj.value(S("files")).toArray().size(), 1);
    QCOMPARE(dj.value(S("files")).toArray().first().toObject().value(S("path")).toString(), S("docs/beta.md"));
    QCOMPARE(dj.value(S("mergeBase")).toString(), mainBefore);

    // The queue merges both, one after the other; the user's clean checkout follows.
    int code = -1;
    const QJsonObject m = runJson({S("merge"), S("--yes"), S("--json"), S("--repo=") + m_repo}, &code);
    QCOMPARE(code, 0);
    const QJsonArray items = m.value(S("items")).toArray();
    QCOMPARE(items.size(), 2);
    for (const QJsonValue &v : items)
        QCOMPARE(v.toObject().value(S("state")).toString(), S("merged"));
    QCOMPARE(git({S("rev-list"), S("--merges"), S("--count"), mainBefore + S("..main")}), S("2"));
    QCOMPARE(git({S("merge-base"), S("--is-ancestor"), S("chorus/alpha"), S("main")}), QString());
    QVERIFY(QFile::exists(m_repo + S("/alpha.txt")) && QFile::exists(m_repo + S("/docs/beta.md")));
    QCOMPARE(git({S("status"), S("--porcelain")}), QString());
    int fsck = -1;
    GitFixture::git(m_repo, {S("fsck"), S("--no-progress")}, &fsck);
    QCOMPARE(fsck, 0);
    // status shows the merge; a second run has nothing left to do.
    const QJsonObject st = runJson({S("status"), S("--json")});
    QCOMPARE(st.value(S("agents")).toArray().size(), 2);
    for (const QJsonValue &v : st.value(S("agents")).toArray())
        QCOMPARE(v.toObject().value(S("options")).toObject().value(S("merge")).toObject().value(S("state")).toString(),
                 S("merged"));
    const QJsonObject again = runJson({S("merge"), S("--yes"), S("--json"), S("--repo=") + m_repo});
    QCOMPARE(again.value(S("items")).toArray().size(), 2);
    for (const QJsonValue &v : again.value(S("items")).toArray())
        QCOMPARE(v.toObject().value(S("state")).toString(), S("up-to-date"));

    // clean --merged removes both worktrees and branches and says how much it freed.
    const QJsonObject c = runJson({S("clean"), S("--json")});
    QVERIFY(c.contains(S("bytesFreed")));
    QCOMPARE(c.value(S("items")).toArray().size(), 2);
    for (const QJsonValue &v : c.value(S("items")).toArray()) {
        const QJsonObject i = v.toObject();
        QCOMPARE(i.value(S("state")).toString(), S("removed"));
        QVERIFY(i.value(S("branchDeleted")).toBool());
        QVERIFY(!QFileInfo::exists(i.value(S("worktree")).toString()));
    }
    QVERIFY(c.value(S("bytesFreed")).toInteger() > 0);
    QCOMPARE(git({S("branch"), S("--list"), S("chorus/*")}), QString());
    QCOMPARE(git({S("worktree"), S("list"), S("--porcelain")}).count(S("worktree ")), 1);
}

void TestGitCli::sameLinesConflictAndTheTargetStays()
{
    spawnWriting(S("left"), S("printf '# left\\n' > README.md"));
    spawnWriting(S("right"), S("printf '# right\\n' > README.md"));
    int code = -1;
    const QJsonObject m = runJson({S("merge"), S("left"), S("right"), S("--yes"), S("--json")}, &code);
    QCOMPARE(code, 1);
    const QJsonArray items = m.value(S("items")).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items[0].toObject().value(S("state")).toString(), S("merged"));
    const QJsonObject right = items[1].toObject();
    QCOMPARE(right.value(S("state")).toString(), S("conflict"));
    const QJsonObject outcome = right.value(S("outcome")).toObject();
    const QJsonObject conflict = outcome.value(S("conflicts")).toArray().first().toObject();
    QCOMPARE(conflict.value(S("path")).toString(), S("README.md"));
    QVERIFY(!conflict.value(S("theirs")).toObject().value(S("blob")).toString().isEmpty());
    // The target is where the first merge left it; the conflicting branch is intact.
    QCOMPARE(git({S("rev-parse"), S("main")}), outcome.value(S("targetBefore")).toString());
    QCOMPARE(git({S("show"), S("main:README.md")}), S("# left"));
    QCOMPARE(git({S("show"), S("chorus/right:README.md")}), S("# right"));
    // The human-readable report names the conflict.
    const auto text = m_fx.chorus({S("merge"), S("right"), S("--yes")});
    QCOMPARE(text.exitCode, 1);
    QVERIFY2(text.out.contains(S("conflict")) && text.out.contains(S("README.md")), qPrintable(text.describe()));
    // ... and the next step: a resolver agent, or the GUI's Review.
    QVERIFY2(text.out.contains(S("next: `chorus resolve right` starts a resolver agent")),
             qPrintable(text.out));
    QVERIFY2(text.out.contains(S("Review")), qPrintable(text.out));
    const auto into = m_fx.chorus({S("merge"), S("right"), S("--into=main"), S("--yes")});
    QCOMPARE(into.exitCode, 1);
    QVERIFY2(into.out.contains(S("`chorus resolve right --into=main`")), qPrintable(into.out));
}

void TestGitCli::failingCheckRejectsTheCandidate()
{
    spawnWriting(S("checked"), S("printf 'x\\n' > feature.txt"));
    const QString before = git({S("rev-parse"), S("main")});
    int code = -1;
    QJsonObject m = runJson({S("merge"), S("checked"), S("--yes"), S("--json"),
                             S("--check=sh -c 'test -f feature.txt && echo \"suite: 1 failure\" && exit 1'")},
                            &code);
    QCOMPARE(code, 1);
    QJsonObject item = m.value(S("items")).toArray().first().toObject();
    QCOMPARE(item.value(S("state")).toString(), S("check-failed"));
    QVERIFY(item.value(S("outcome")).toObject().value(S("checkOutput")).toString().contains(S("suite: 1 failure")));
    QCOMPARE(git({S("rev-parse"), S("main")}), before);
    QVERIFY(!QFile::exists(m_repo + S("/feature.txt")));
    // A passing check lets it through.
    m = runJson({S("merge"), S("checked"), S("--yes"), S("--json"), S("--check=test -f feature.txt")}, &code);
    QCOMPARE(code, 0);
    QCOMPARE(m.value(S("items")).toArray().first().toObject().value(S("state")).toString(), S("merged"));
    // A check that cannot start, or cannot be read, is a clear error and nothing moves.
    const QString merged = git({S("rev-parse"), S("main")});
    auto bad = m_fx.chorus({S("merge"), S("checked"), S("--yes"), S("--check=make 'oops")});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains(S("quote")), qPrintable(bad.describe()));
    QCOMPARE(git({S("rev-parse"), S("main")}), merged);
}

void TestGitCli::reviewStrategyWaitsForApproval()
{
    spawnWriting(S("reviewed"), S("printf 'r\\n' > r.txt"));
    const QString before = git({S("rev-parse"), S("main")});
    int code = -1;
    QJsonObject m = runJson({S("merge"), S("--strategy=review"), S("--yes"), S("--json"), S("--repo=") + m_repo}, &code);
    QCOMPARE(code, 1);
    QCOMPARE(m.value(S("items")).toArray().first().toObject().value(S("state")).toString(), S("waiting-review"));
    QCOMPARE(git({S("rev-parse"), S("main")}), before);
    QCOMPARE(m_fx.chorus({S("approve-merge"), S("reviewed")}).exitCode, 0);
    m = runJson({S("merge"), S("--strategy=review"), S("--yes"), S("--json"), S("--repo=") + m_repo}, &code);
    QCOMPARE(code, 0);
    QCOMPARE(m.value(S("items")).toArray().first().toObject().value(S("state")).toString(), S("merged"));
}

void TestGitCli::syncBringsTheTargetIn()
{
    spawnWriting(S("syncer"), S("printf 's\\n' > s.txt"));
    GitFixture::commit(m_repo, S("the user moves on"), {{S("user.txt"), "mine\n"}});
    int code = -1;
    const QJsonObject s = runJson({S("sync"), S("--repo=") + m_repo, S("--json")}, &code);
    QCOMPARE(code, 0);
    const QJsonObject item = s.value(S("items")).toArray().first().toObject();
    QCOMPARE(item.value(S("state")).toString(), S("merged"));
    QCOMPARE(git({S("merge-base"), S("--is-ancestor"), S("main"), S("chorus/syncer")}), QString());
    const QJsonObject agent = runJson({S("status"), S("--json")}).value(S("agents")).toArray().first().toObject();
    QVERIFY(QFile::exists(agent.value(S("worktree")).toString() + S("/user.txt")));
    QCOMPARE(agent.value(S("head")).toString(), git({S("rev-parse"), S("chorus/syncer")}));
    QCOMPARE(agent.value(S("options")).toObject().value(S("sync")).toObject().value(S("state")).toString(), S("merged"));
}

void TestGitCli::resolverAgentMergesTheConflict()
{
    spawnWriting(S("left"), S("printf '# left\\n' > README.md"));
    spawnWriting(S("right"), S("printf '# right\\n' > README.md"));
    int code = -1;
    runJson({S("merge"), S("left"), S("--yes"), S("--json")}, &code);
    QCOMPARE(code, 0);
    const QString mainAfterLeft = git({S("rev-parse"), S("main")});
    auto r = m_fx.chorus({S("resolve"), S("left")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(S("already merged")), qPrintable(r.describe()));

    // The resolver finds the markers in its worktree and writes a version with both sides.
    const QJsonObject input{{S("command"), S("grep -q '^<<<<<<< ' README.md && grep -q '# right' README.md && "
                                             "printf '# left and right\\n' > README.md")}};
    m_fx.fake().enqueue(QJsonArray{QJsonObject{{S("tool"), S("Bash")}, {S("input"), input}},
                                   QJsonObject{{S("text"), S("Resolved README.md: kept both headings.")}}});
    const QJsonObject resolver = runJson({S("resolve"), S("right"), S("--wait"), S("--json")}, &code);
    QCOMPARE(code, 0);
    QCOMPARE(resolver.value(S("role")).toString(), S("resolver"));
    const QString branch = resolver.value(S("branch")).toString();
    QCOMPARE(branch, S("chorus/right-resolver"));
    // Its checkpoint is the merge: target and agent as parents, no markers, no merge state left.
    QCOMPARE(git({S("rev-parse"), branch + S("^1")}), mainAfterLeft);
    QCOMPARE(git({S("rev-parse"), branch + S("^2")}), git({S("rev-parse"), S("chorus/right")}));
    QCOMPARE(git({S("show"), branch + S(":README.md")}), S("# left and right"));
    int merging = -1;
    GitFixture::git(resolver.value(S("worktree")).toString(), {S("rev-parse"), S("-q"), S("--verify"), S("MERGE_HEAD")}, &merging);
    QVERIFY(merging != 0);
    // Reviewed and merged like any branch; the original agent's work is then in too.
    const QJsonObject m = runJson({S("merge"), S("right-resolver"), S("--yes"), S("--json")}, &code);
    QCOMPARE(code, 0);
    QCOMPARE(m.value(S("items")).toArray().first().toObject().value(S("state")).toString(), S("merged"));
    QCOMPARE(git({S("show"), S("main:README.md")}), S("# left and right"));
    int ancestor = -1;
    GitFixture::git(m_repo, {S("merge-base"), S("--is-ancestor"), S("chorus/right"), S("main")}, &ancestor);
    QCOMPARE(ancestor, 0);
}

// A squash keeps the agent's commits out of the target's history; `clean --merged` still knows
// the branch is merged: by content, and by the merge record once the target has changed the
// same lines since.
void TestGitCli::squashMergedBranchIsCleanedAsMerged()
{
    spawnWriting(S("squashed"), S("printf '# squashed\\n' > README.md"));
    spawnWriting(S("pending"), S("printf 'p\\n' > pending.txt"));
    spawnWriting(S("undone"), S("printf 'u\\n' > undone.txt"));
    int code = -1;
    // "undone" is squashed, then the user resets main to before it: its record no longer counts.
    const QString beforeUndone = git({S("rev-parse"), S("main")});
    QJsonObject m = runJson({S("merge"), S("undone"), S("--strategy=squash"), S("--yes"), S("--json")}, &code);
    QCOMPARE(code, 0);
    git({S("reset"), S("-q"), S("--hard"), beforeUndone});
    m = runJson({S("merge"), S("squashed"), S("--strategy=squash"), S("--yes"), S("--json")}, &code);
    QCOMPARE(code, 0);
    QCOMPARE(m.value(S("items")).toArray().first().toObject().value(S("state")).toString(), S("merged"));
    QCOMPARE(git({S("rev-list"), S("--merges"), S("--count"), S("main")}), S("0"));
    // The user rewrites the same line: the branch no longer merges cleanly into main.
    GitFixture::commit(m_repo, S("the user edits the heading"), {{S("README.md"), "# the user's\n"}});
    const QJsonObject c = runJson({S("clean"), S("--json")}, &code);
    QCOMPARE(code, 0);
    const QJsonArray items = c.value(S("items")).toArray();
    QCOMPARE(items.size(), 3);
    QHash<QString, QJsonObject> byName;
    for (const QJsonValue &v : items)
        byName.insert(v.toObject().value(S("name")).toString(), v.toObject());
    const QJsonObject squashed = byName.value(S("squashed"));
    QCOMPARE(squashed.value(S("state")).toString(), S("removed"));
    QVERIFY(squashed.value(S("merged")).toBool());
    QVERIFY(squashed.value(S("branchDeleted")).toBool());
    // Its commits are not in main's history: they stay reachable from an archive ref.
    const QString archive = squashed.value(S("archiveRef")).toString();
    QVERIFY2(archive.startsWith(S("refs/chorus/archive/chorus/squashed/")), qPrintable(archive));
    QCOMPARE(git({S("show"), archive + S(":README.md")}), S("# squashed"));
    for (const QString &name : {S("pending"), S("undone")}) {
        QCOMPARE(byName.value(name).value(S("state")).toString(), S("kept"));
        QVERIFY(!byName.value(name).value(S("merged")).toBool());
        QVERIFY(QFileInfo::exists(byName.value(name).value(S("worktree")).toString()));
    }
    QCOMPARE(git({S("branch"), S("--list"), S("chorus/*"), S("--format=%(refname:short)")}),
             S("chorus/pending\nchorus/undone"));
}

QJsonObject TestGitCli::agentJson(const QString &name)
{
    for (const QJsonValue &v : runJson({S("status"), S("--json")}).value(S("agents")).toArray())
        if (v.toObject().value(S("name")).toString() == name)
            return v.toObject();
    return {};
}

// A worktree folder git no longer knows (its record deleted: a `clean` killed half-way, or the
// user) where the agent goes on working: the failed checkpoint shows in `status`, `merge`
// merges what was committed with a warning, and `clean` saves the folder's files under an
// archive ref before removing it; then `status` is clear again.
void TestGitCli::brokenWorktreeIsShownMergedAndSaved()
{
    spawnWriting(S("broken"), S("printf 'one\\n' > one.txt"));
    const QString worktree = agentJson(S("broken")).value(S("worktree")).toString();
    QVERIFY(QFileInfo(worktree + S("/one.txt")).isFile());
    QVERIFY(
        QDir(m_repo + S("/.git/worktrees/") + QFileInfo(worktree).fileName()).removeRecursively());

    const QJsonObject input{{S("command"), S("printf 'late\\n' > late.txt")}};
    const QJsonArray steps{QJsonObject{{S("tool"), S("Bash")}, {S("input"), input}},
                           QJsonObject{{S("text"), S("Done.")}}};
    auto r =
        m_fx.chorus({S("send"), S("broken"),
                     S("More. @@fake ") +
                         QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact))});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QTRY_VERIFY_WITH_TIMEOUT(agentJson(S("broken")).value(S("turns")).toInt() >= 2, 120000);
    QVERIFY(QFileInfo(worktree + S("/late.txt")).isFile());
    QTRY_VERIFY_WITH_TIMEOUT(agentJson(S("broken")).value(S("state")).toString() == S("idle"),
                             20000);
    QVERIFY2(agentJson(S("broken")).value(S("options")).toObject().contains(S("checkpoint")),
             "no checkpoint failure shown");
    const QJsonObject failure =
        agentJson(S("broken")).value(S("options")).toObject().value(S("checkpoint")).toObject();
    QVERIFY(!failure.value(S("error")).toString().isEmpty());
    QVERIFY(!failure.value(S("at")).toString().isEmpty());
    auto status = m_fx.chorus({S("status")});
    QVERIFY2(status.out.contains(S("checkpoint failed")) &&
                 status.out.contains(S("error: broken could not commit")),
             qPrintable(status.describe()));

    int code = -1;
    const QJsonObject m = runJson({S("merge"), S("broken"), S("--yes"), S("--json")}, &code);
    QCOMPARE(code, 0);
    const QJsonObject item = m.value(S("items")).toArray().first().toObject();
    QCOMPARE(item.value(S("state")).toString(), S("merged"));
    QVERIFY2(item.value(S("warning")).toString().contains(S("no longer a git worktree")),
             qPrintable(item.value(S("message")).toString()));
    QVERIFY(QFile::exists(m_repo + S("/one.txt")));
    QVERIFY(!QFile::exists(m_repo + S("/late.txt")));

    const QJsonObject c = runJson({S("clean"), S("--json")}, &code);
    QCOMPARE(code, 0);
    const QJsonObject cleaned = c.value(S("items")).toArray().first().toObject();
    QCOMPARE(cleaned.value(S("state")).toString(), S("removed"));
    const QString saved = cleaned.value(S("savedRef")).toString();
    QVERIFY2(saved.startsWith(S("refs/chorus/archive/chorus/broken/")),
             QJsonDocument(cleaned).toJson().constData());
    QCOMPARE(git({S("show"), saved + S(":late.txt")}), S("late"));
    QCOMPARE(git({S("show"), saved + S(":one.txt")}), S("one"));
    QVERIFY(!QFileInfo::exists(worktree));
    const QString list = git({S("worktree"), S("list"), S("--porcelain")});
    QCOMPARE(list.count(S("worktree ")), 1);
    QVERIFY(!list.contains(S("prunable")));
    QCOMPARE(git({S("status"), S("--porcelain")}), QString());
    status = m_fx.chorus({S("status")});
    QVERIFY2(!status.out.contains(S("could not commit")), qPrintable(status.describe()));
}

// A folder whose .git file is gone (a removal cut short) and whose branch is not merged: the
// default clean keeps it and says how to remove it; --force removes it without saving.
void TestGitCli::brokenWorktreeGoesWithForce()
{
    spawnWriting(S("cut"), S("printf 'cut\\n' > cut.txt"));
    const QString worktree = agentJson(S("cut")).value(S("worktree")).toString();
    QVERIFY(QFile::remove(worktree + S("/.git")));
    int code = -1;
    QJsonObject c = runJson({S("clean"), S("--json")}, &code);
    QJsonObject item = c.value(S("items")).toArray().first().toObject();
    QCOMPARE(item.value(S("state")).toString(), S("kept"));
    QVERIFY2(item.value(S("message")).toString().contains(S("no longer a git worktree")),
             qPrintable(item.value(S("message")).toString()));
    QVERIFY(QFileInfo::exists(worktree));
    c = runJson({S("clean"), S("cut"), S("--all"), S("--force"), S("--json")}, &code);
    QCOMPARE(code, 0);
    item = c.value(S("items")).toArray().first().toObject();
    QCOMPARE(item.value(S("state")).toString(), S("removed"));
    QVERIFY(!item.contains(S("savedRef")));
    QVERIFY(!QFileInfo::exists(worktree));
    QVERIFY(
        item.value(S("archiveRef")).toString().startsWith(S("refs/chorus/archive/chorus/cut/")));
    const QString list = git({S("worktree"), S("list"), S("--porcelain")});
    QCOMPARE(list.count(S("worktree ")), 1);
    QVERIFY(!list.contains(S("prunable")));
    QCOMPARE(git({S("branch"), S("--list"), S("chorus/*")}), QString());
}

namespace {
bool alive(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    return pid > 0 && status.open(QIODevice::ReadOnly) && !status.readAll().contains("State:\tZ");
}

qint64 pidIn(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toLongLong() : 0;
}
} // namespace

// An engine killed with -9 while a merge check runs (which started something in a session
// of its own) and after a spawn was cut short: the check and all it started end with the
// engine, and the next engine removes the check's branch and worktree and the worktree no
// agent owns (keeping what was in it under refs/chorus/archive/), and says so in its log.
void TestGitCli::killedEngineLeavesNoCheckNorHalfSpawn()
{
    spawnWriting(S("checked"), S("printf 'x\\n' > feature.txt"));
    const QString agentWorktree = agentJson(S("checked")).value(S("worktree")).toString();
    QVERIFY(!agentWorktree.isEmpty());
    // A spawn cut short between its worktree and its database row, with a file in it.
    const QString ghost = QFileInfo(agentWorktree).absolutePath() + S("/ghost");
    int code = -1;
    GitFixture::git(m_repo, {S("worktree"), S("add"), S("-q"), S("-b"), S("chorus/ghost"), ghost},
                    &code);
    QCOMPARE(code, 0);
    QVERIFY(GitFixture::write(ghost + S("/unsaved.txt"), "keep me\n"));
    git({S("branch"),
         S("chorus/users-own")}); // a chorus/ branch with no worktree of ours: never touched

    const QString dir = m_fx.workDir();
    const QString checkScript = dir + S("/check.sh");
    QVERIFY(GitFixture::write(checkScript, QStringLiteral("echo $$ > %1/check.pid\n"
                                                          "setsid sleep 1000 &\n"
                                                          "echo $! > %1/escaped.pid\n"
                                                          "sleep 1000\n")
                                               .arg(dir)
                                               .toUtf8()));
    QProcess merge;
    merge.setProgram(m_fx.chorusProgram());
    merge.setArguments({S("merge"), S("checked"), S("--yes"), S("--check=sh ") + checkScript});
    merge.setWorkingDirectory(dir);
    merge.start();
    QTRY_VERIFY_WITH_TIMEOUT(pidIn(dir + S("/escaped.pid")) > 0 && pidIn(dir + S("/check.pid")) > 0,
                             60000);
    const qint64 check = pidIn(dir + S("/check.pid")), escaped = pidIn(dir + S("/escaped.pid"));
    QVERIFY(alive(check) && alive(escaped));
    QVERIFY(!git({S("branch"), S("--list"), S("chorus-check/*")}).isEmpty());

    const qint64 daemon = m_fx.daemonPid();
    QVERIFY(daemon > 0);
    QCOMPARE(::kill(pid_t(daemon), SIGKILL), 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_fx.daemonPid(), 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!alive(check) && !alive(escaped), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(merge.state(), QProcess::NotRunning, 30000); // its engine is gone
    QVERIFY(merge.exitCode() != 0);

    // The next engine sweeps up.
    const auto status = m_fx.chorus({S("status")});
    QCOMPARE(status.exitCode, 0);
    QCOMPARE(git({S("branch"), S("--list"), S("chorus-check/*")}), QString());
    QVERIFY(QDir(m_fx.dataDir() + S("/checks")).isEmpty());
    QVERIFY(!QFileInfo::exists(ghost));
    QVERIFY(git({S("branch"), S("--list"), S("chorus/ghost")}).isEmpty());
    const QString archived =
        git({S("for-each-ref"), S("--format=%(refname)"), S("refs/chorus/archive/chorus/ghost/")});
    QVERIFY2(!archived.isEmpty(), "the cut-short worktree's file was not kept");
    QCOMPARE(git({S("show"), archived.section(QLatin1Char('\n'), 0, 0) + S(":unsaved.txt")}),
             S("keep me"));
    QCOMPARE(git({S("branch"), S("--list"), S("chorus/users-own"), S("--format=%(refname:short)")}),
             S("chorus/users-own"));
    const QString list = git({S("worktree"), S("list"), S("--porcelain")});
    QCOMPARE(list.count(S("worktree ")), 2); // the repository's own and the agent's
    QVERIFY2(!list.contains(S("prunable")), qPrintable(list));
    QVERIFY(QFileInfo::exists(agentWorktree));
    QFile log(m_fx.dataDir() + S("/daemon.log"));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(log.readAll());
    QVERIFY2(text.contains(S("start-up sweep")) && text.contains(S("merge check")) &&
                 text.contains(ghost),
             qPrintable(text.right(3000)));
    // ... and `chorus daemon status` says it too.
    const auto daemonStatus = m_fx.chorus({S("daemon"), S("status")});
    QCOMPARE(daemonStatus.exitCode, 0);
    QVERIFY2(daemonStatus.out.contains(S("At start-up")) &&
                 daemonStatus.out.contains(S("merge check")) && daemonStatus.out.contains(ghost),
             qPrintable(daemonStatus.describe()));
}

void TestGitCli::badInput()
{
    auto r = m_fx.chorus({S("merge"), S("nobody"), S("--yes")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(S("nobody")), qPrintable(r.describe()));
    r = m_fx.chorus({S("merge"), S("--strategy=yolo"), S("--yes"), S("--repo=") + m_repo});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(S("yolo")) && r.err.contains(S("review")));
    r = m_fx.chorus({S("merge"), S("--yes"), S("--repo=") + m_repo});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(S("no agent works in this repository")), qPrintable(r.describe()));
    r = m_fx.chorus({S("merge"), S("--yes"), S("--repo=") + m_fx.workDir()});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(S("not inside a git repository")));
    r = m_fx.chorus({S("merge"), S("--into=bad..branch"), S("--yes"), S("--repo=") + m_repo});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(S("not a valid branch name")));
    r = m_fx.chorus({S("merge")}); // no --yes and no terminal to ask on
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(S("--yes")));
    r = m_fx.chorus({S("clean"), S("--merged"), S("--all")});
    QCOMPARE(r.exitCode, 2);
    r = m_fx.chorus({S("diff"), S("nobody")});
    QCOMPARE(r.exitCode, 1);
    // An agent that works in place has nothing to diff or merge.
    const QString plain = m_fx.workDir() + S("/plain");
    QDir().mkpath(plain);
    r = m_fx.chorus({S("spawn"), S("builder"), S("--dir=") + plain, S("--task=hi"), S("--name=inplace"), S("--wait")}, 120000);
    QCOMPARE(r.exitCode, 0);
    r = m_fx.chorus({S("diff"), S("inplace")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(S("works in place")), qPrintable(r.describe()));
    r = m_fx.chorus({S("merge"), S("inplace"), S("--yes")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(S("works in place")));
}

// send / resume to an agent whose worktree was cleaned: refused at once (exit 1), saying how to
// go on from its work; nothing is queued for it.
void TestGitCli::cleanedAgentRefusesSendAndResume()
{
    spawnWriting(S("gone"), S("printf 'gone\\n' > gone.txt"));
    auto r = m_fx.chorus({S("clean"), S("gone"), S("--all")}, 120000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY(agentJson(S("gone")).value(S("options")).toObject().contains(S("cleaned")));
    const int turns = agentJson(S("gone")).value(S("turns")).toInt();

    r = m_fx.chorus({S("send"), S("gone"), S("More, please.")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(
                 S("gone: its worktree was cleaned up; it cannot take messages or be resumed")),
             qPrintable(r.describe()));
    // The next step, ready to paste: a new agent from its kept branch.
    QVERIFY2(r.err.contains(S("chorus spawn builder --repo=") + QDir(m_repo).canonicalPath() +
                            S(" --base=chorus/gone")),
             qPrintable(r.describe()));
    QVERIFY(!r.out.contains(S("Sent.")));
    r = m_fx.chorus({S("resume"), S("gone"), S("--task=Go on.")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(S("cleaned up")) && r.err.contains(S("--base=chorus/gone")),
             qPrintable(r.describe()));
    QVERIFY(!r.out.contains(S("Resuming.")));
    // Nothing started: still the same turns, no process.
    const QJsonObject after = agentJson(S("gone"));
    QCOMPARE(after.value(S("turns")).toInt(), turns);
    QCOMPARE(after.value(S("pid")).toInteger(), 0);

    // The hint works: an agent spawned from the branch has the work.
    r = m_fx.chorus({S("spawn"), S("builder"), S("--repo=") + m_repo, S("--base=chorus/gone"),
                     S("--task=hi"), S("--name=again"), S("--json")},
                    120000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QString worktree =
        QJsonDocument::fromJson(r.out.toUtf8()).object().value(S("worktree")).toString();
    QVERIFY(QFile::exists(worktree + S("/gone.txt")));
}

// A builder outside a repository (or with --no-worktree) works in place: the spawn warns on
// stderr and says how to avoid it; --in-place says it is meant and silences it; `status` marks
// both "in place", and --json says inPlace.
void TestGitCli::inPlaceIsWarnedMarkedAndMeant()
{
    const QString plain = m_fx.workDir() + S("/plain");
    QDir().mkpath(plain);
    auto r = m_fx.chorus(
        {S("spawn"), S("builder"), S("--dir=") + plain, S("--task=hi"), S("--name=loose")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(
        r.err.contains(S("warning: loose works in place: it edits ") + QDir(plain).canonicalPath()),
        qPrintable(r.describe()));
    QVERIFY2(r.err.contains(S("--in-place")) && r.err.contains(S("git repository")),
             qPrintable(r.describe()));
    QVERIFY(r.out.contains(S("Spawned loose")));

    r = m_fx.chorus({S("spawn"), S("builder"), S("--repo=") + m_repo, S("--no-worktree"),
                     S("--task=hi"), S("--name=nowt"), S("--dir=") + m_repo});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(S("warning: nowt works in place")), qPrintable(r.describe()));

    r = m_fx.chorus({S("spawn"), S("builder"), S("--dir=") + plain, S("--task=hi"),
                     S("--name=meant"), S("--in-place")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(!r.err.contains(S("warning")), qPrintable(r.describe()));
    // --in-place in a repository: no worktree of its own, and no warning either.
    r = m_fx.chorus({S("spawn"), S("builder"), S("--dir=") + m_repo, S("--task=hi"),
                     S("--name=here"), S("--in-place"), S("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(!r.err.contains(S("warning")), qPrintable(r.describe()));
    QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(S("branch")),
             QJsonValue(QJsonValue::Null));
    QVERIFY(!git({S("branch")}).contains(S("chorus/here")));
    // --in-place with --base: refused, nothing spawned.
    r = m_fx.chorus({S("spawn"), S("builder"), S("--dir=") + m_repo, S("--task=hi"),
                     S("--name=based"), S("--in-place"), S("--base=main")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(S("--base needs a worktree")) && r.err.contains(S("--in-place")),
             qPrintable(r.describe()));
    QVERIFY(agentJson(S("based")).isEmpty());

    // status: every one of them marked in place; only the unasked ones carry the warning.
    const auto status = m_fx.chorus({S("status")});
    QCOMPARE(status.exitCode, 0);
    for (const QString &name : {S("loose"), S("nowt"), S("meant"), S("here")}) {
        const QStringList lines = status.out.split(QLatin1Char('\n'));
        const auto row = std::find_if(lines.begin(), lines.end(), [&](const QString &l) {
            return l.startsWith(name + QLatin1Char(' '));
        });
        QVERIFY2(row != lines.end(), qPrintable(status.out));
        QVERIFY2(row->contains(S("(in place)")), qPrintable(*row));
        QCOMPARE(agentJson(name).value(S("inPlace")).toBool(), true);
    }
    QVERIFY2(status.out.contains(S("warning: loose works in place")), qPrintable(status.out));
    QVERIFY(!status.out.contains(S("warning: meant")));
    QCOMPARE(agentJson(S("meant")).value(S("warning")), QJsonValue(QJsonValue::Null));
    // An isolated agent is not in place.
    spawnWriting(S("iso"), S("true"));
    QCOMPARE(agentJson(S("iso")).value(S("inPlace")).toBool(), false);
}

QTEST_GUILESS_MAIN(TestGitCli)
#include "tst_gitcli.moc"
