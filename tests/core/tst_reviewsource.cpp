// ReviewSource: a newer request for the same kind and key wins, whatever finishes first;
// cancel(), cancelAll() and destruction stop delivery. LocalReviewSource: the typed results of
// every read on repositories built with the git CLI, and the same rules on a real thread pool.
#include "review/localreviewsource.h"
#include "review/reviewsource.h"

#include "gitfixture.h"

#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <limits>

using namespace chorus;
using chorus::test::GitFixture;

namespace {

QString S(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

// A source whose reads finish when the test says so, in the order it says.
class ManualSource : public ReviewSource
{
public:
    using ReviewSource::ReviewSource;
    using ReviewSource::Ticket;

    QList<Ticket> started;

    void finish(int i, const Result<DiffSummary> &r) { deliver(started.at(i), r); }
    void finish(int i, const Result<BranchStanding> &r) { deliver(started.at(i), r); }
    void finish(int i, const Result<FileDiff> &r) { deliver(started.at(i), r); }
    void finish(int i, const Result<BranchConflicts> &r) { deliver(started.at(i), r); }

protected:
    void startBranchDiff(const Ticket &t, const QString &, const QString &, const QString &,
                         Priority) override
    {
        started << t;
    }
    void startBranchStatus(const Ticket &t, const QString &, const QString &, const QString &,
                           const QList<RecordedMerge> &, Priority) override
    {
        started << t;
    }
    void startFileDiff(const Ticket &t, const QString &, const QString &, const QString &,
                       const QString &, int, Priority) override
    {
        started << t;
    }
    void startConflicts(const Ticket &t, const QString &, const QString &, const QString &,
                        Priority) override
    {
        started << t;
    }
};

DiffSummary summaryOf(const QString &branch)
{
    DiffSummary s;
    s.branch = branch;
    return s;
}

FileDiff fileOf(const QString &path)
{
    FileDiff f;
    f.newPath = path;
    return f;
}

// Every result a source delivered, in order: kind, key, request id and what it said.
struct Delivery
{
    ReviewSource::Kind kind;
    QString key;
    quint64 request = 0;
    QString what; // a branch or path, or the error's message
};

class Recorder
{
public:
    Recorder(ReviewSource *source, QObject *context)
    {
        using Kind = ReviewSource::Kind;
        QObject::connect(
            source, &ReviewSource::branchDiffLoaded, context,
            [this](const QString &key, quint64 id, const Result<DiffSummary> &r) {
                diffs << r;
                all << Delivery{Kind::BranchDiff, key, id, r ? r->branch : r.error().message};
            });
        QObject::connect(source, &ReviewSource::branchStatusLoaded, context,
                         [this](const QString &key, quint64 id, const Result<BranchStanding> &r) {
                             standings << r;
                             all << Delivery{Kind::BranchStatus, key, id,
                                             r ? r->status.branch : r.error().message};
                         });
        QObject::connect(
            source, &ReviewSource::fileDiffLoaded, context,
            [this](const QString &key, quint64 id, const Result<FileDiff> &r) {
                files << r;
                all << Delivery{Kind::FileDiff, key, id, r ? r->path() : r.error().message};
            });
        QObject::connect(
            source, &ReviewSource::conflictsLoaded, context,
            [this](const QString &key, quint64 id, const Result<BranchConflicts> &r) {
                conflicts << r;
                all << Delivery{Kind::Conflicts, key, id, r ? r->target : r.error().message};
            });
    }
    QList<quint64> ids() const
    {
        QList<quint64> out;
        for (const Delivery &d : all)
            out << d.request;
        return out;
    }

    QList<Delivery> all;
    QList<Result<DiffSummary>> diffs;
    QList<Result<BranchStanding>> standings;
    QList<Result<FileDiff>> files;
    QList<Result<BranchConflicts>> conflicts;
};

// A pool with one thread, held until release(): what is requested meanwhile queues up and
// then runs in priority order.
class HeldPool
{
public:
    HeldPool()
    {
        m_pool.setMaxThreadCount(1);
        m_pool.start([this] { m_gate.acquire(); });
    }
    ~HeldPool() { release(); }
    QThreadPool *pool() { return &m_pool; }
    void release()
    {
        if (!m_released) {
            m_released = true;
            m_gate.release();
        }
        m_pool.waitForDone();
    }

private:
    QThreadPool m_pool;
    QSemaphore m_gate;
    bool m_released = false;
};

} // namespace

class TestReviewSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    // The rules, with reads that finish when the test says.
    void newerRequestWins_data();
    void newerRequestWins();
    void keysAndKindsAreIndependent();
    void cancelDropsOneKey();
    void cancelAllDropsEverything();
    void destructionCancels();

    // LocalReviewSource on real repositories.
    void localReadsABranch();
    void localReadsAFile();
    void localReadsConflicts();
    void localReportsErrors();
    void localSupersededLoadFinishingLaterIsDropped();
    void localCancelAllStopsDelivery();
    void localDestructionStopsDelivery();

private:
    QTemporaryDir m_dir;
    // main; chorus/a (2 commits ahead, 1 behind, merges cleanly); chorus/b (conflicts in
    // README.md). Both branch off m_base.
    QString m_repo;
    QString m_firstCommit, m_base, m_aHead, m_mainHead;
};

void TestReviewSource::initTestCase()
{
    QVERIFY(m_dir.isValid());
    GitFixture fx(m_dir.path());
    m_repo = fx.makeRepo(S("repo"));
    m_firstCommit = GitFixture::git(m_repo, {S("rev-parse"), S("HEAD")});
    QByteArray twenty;
    for (int i = 1; i <= 20; ++i)
        twenty += "line " + QByteArray::number(i) + '\n';
    m_base = GitFixture::commit(m_repo, S("long"), {{S("long.txt"), twenty}});
    GitFixture::git(m_repo, {S("checkout"), S("-q"), S("-b"), S("chorus/a")});
    GitFixture::commit(m_repo, S("a: notes"), {{S("notes.txt"), "one\ntwo\n"}});
    m_aHead = GitFixture::commit(
        m_repo, S("a: main.c, long.txt"),
        {{S("src/main.c"), "#include <stdio.h>\nint main(void) { return 0; }\n"},
         {S("long.txt"), QByteArray(twenty).replace("line 10\n", "line 10 (agent)\n")}});
    GitFixture::git(m_repo, {S("checkout"), S("-q"), S("main")});
    GitFixture::git(m_repo, {S("checkout"), S("-q"), S("-b"), S("chorus/b")});
    GitFixture::commit(m_repo, S("b: readme"), {{S("README.md"), "# project (agent)\n"}});
    GitFixture::git(m_repo, {S("checkout"), S("-q"), S("main")});
    m_mainHead =
        GitFixture::commit(m_repo, S("main: readme"), {{S("README.md"), "# project (target)\n"}});
    QVERIFY(!m_mainHead.isEmpty() && !m_aHead.isEmpty() && m_base != m_firstCommit);
}

void TestReviewSource::newerRequestWins_data()
{
    QTest::addColumn<bool>("olderFinishesLast");
    QTest::newRow("the older one finishes first") << false;
    QTest::newRow("the older one finishes last") << true;
}

void TestReviewSource::newerRequestWins()
{
    QFETCH(bool, olderFinishesLast);
    ManualSource source;
    Recorder got(&source, this);
    const auto P = ReviewSource::Priority::Normal;
    const quint64 older = source.requestBranchDiff(S("agent"), S("/r"), S("old"), S("main"), P);
    QCOMPARE(source.pending(ReviewSource::Kind::BranchDiff, S("agent")), older);
    QVERIFY(!source.started.at(0).cancel->load());
    const quint64 newer = source.requestBranchDiff(S("agent"), S("/r"), S("new"), S("main"), P);
    QVERIFY(newer != older);
    QCOMPARE(source.pending(ReviewSource::Kind::BranchDiff, S("agent")), newer);
    QVERIFY(source.started.at(0).cancel->load()); // the older read is told to stop
    QVERIFY(!source.started.at(1).cancel->load());

    if (olderFinishesLast) {
        source.finish(1, Result<DiffSummary>(summaryOf(S("new"))));
        source.finish(0, Result<DiffSummary>(summaryOf(S("old"))));
    } else {
        source.finish(0, Result<DiffSummary>(summaryOf(S("old"))));
        QVERIFY(got.all.isEmpty());
        source.finish(1, Result<DiffSummary>(summaryOf(S("new"))));
    }
    QCOMPARE(got.all.size(), 1);
    QCOMPARE(got.all.at(0).key, S("agent"));
    QCOMPARE(got.all.at(0).request, newer);
    QCOMPARE(got.diffs.at(0)->branch, S("new"));
    QCOMPARE(source.pending(ReviewSource::Kind::BranchDiff, S("agent")), quint64(0));
    // A result is delivered once.
    source.finish(1, Result<DiffSummary>(summaryOf(S("new"))));
    QCOMPARE(got.all.size(), 1);
}

void TestReviewSource::keysAndKindsAreIndependent()
{
    ManualSource source;
    Recorder got(&source, this);
    const auto P = ReviewSource::Priority::Normal;
    const quint64 a = source.requestBranchDiff(S("a"), S("/r"), S("a"), S("main"), P);
    const quint64 b = source.requestBranchDiff(S("b"), S("/r"), S("b"), S("main"), P);
    const quint64 file = source.requestFileDiff(S("a"), S("/r"), S("1"), S("2"), S("x.c"), 3, P);
    QCOMPARE(source.started.size(), 3);
    for (const ManualSource::Ticket &t : std::as_const(source.started))
        QVERIFY(!t.cancel->load());
    source.finish(2, Result<FileDiff>(fileOf(S("x.c"))));
    source.finish(1, Result<DiffSummary>(summaryOf(S("b"))));
    source.finish(0, Result<DiffSummary>(summaryOf(S("a"))));
    QCOMPARE(got.ids(), (QList<quint64>{file, b, a}));
    QCOMPARE(got.all.at(0).kind, ReviewSource::Kind::FileDiff);
    QCOMPARE(got.files.at(0)->path(), S("x.c"));
    QCOMPARE(got.all.at(1).key, S("b"));
    QCOMPARE(got.all.at(2).what, S("a"));
}

void TestReviewSource::cancelDropsOneKey()
{
    ManualSource source;
    Recorder got(&source, this);
    const auto P = ReviewSource::Priority::Normal;
    source.requestBranchDiff(S("a"), S("/r"), S("a"), S("main"), P);
    source.requestBranchStatus(S("a"), S("/r"), S("a"), S("main"), {}, P);
    const quint64 kept = source.requestBranchDiff(S("b"), S("/r"), S("b"), S("main"), P);
    source.cancel(S("a"));
    QCOMPARE(source.pending(ReviewSource::Kind::BranchDiff, S("a")), quint64(0));
    QCOMPARE(source.pending(ReviewSource::Kind::BranchStatus, S("a")), quint64(0));
    QCOMPARE(source.pending(ReviewSource::Kind::BranchDiff, S("b")), kept);
    QVERIFY(source.started.at(0).cancel->load());
    QVERIFY(source.started.at(1).cancel->load());
    QVERIFY(!source.started.at(2).cancel->load());
    source.finish(0, Result<DiffSummary>(summaryOf(S("a"))));
    source.finish(1, Result<BranchStanding>(BranchStanding{}));
    source.finish(2, Result<DiffSummary>(summaryOf(S("b"))));
    QCOMPARE(got.ids(), QList<quint64>{kept});

    // A request after the cancel is delivered again.
    const quint64 again = source.requestBranchDiff(S("a"), S("/r"), S("a"), S("main"), P);
    source.finish(3, Result<DiffSummary>(makeError(S("no such branch"))));
    QCOMPARE(got.ids(), (QList<quint64>{kept, again}));
    QVERIFY(!got.diffs.at(1));
    QCOMPARE(got.diffs.at(1).error().message, S("no such branch"));
}

void TestReviewSource::cancelAllDropsEverything()
{
    ManualSource source;
    Recorder got(&source, this);
    const auto P = ReviewSource::Priority::Normal;
    source.requestBranchDiff(S("a"), S("/r"), S("a"), S("main"), P);
    source.requestBranchStatus(S("b"), S("/r"), S("b"), S("main"), {}, P);
    source.requestFileDiff(S("c"), S("/r"), S("1"), S("2"), S("x.c"), 3, P);
    source.requestConflicts(S("d"), S("/r"), S("d"), {}, P);
    source.cancelAll();
    for (const ManualSource::Ticket &t : std::as_const(source.started)) {
        QVERIFY(t.cancel->load());
        QCOMPARE(source.pending(t.kind, t.key), quint64(0));
    }
    source.finish(0, Result<DiffSummary>(summaryOf(S("a"))));
    source.finish(1, Result<BranchStanding>(BranchStanding{}));
    source.finish(2, Result<FileDiff>(fileOf(S("x.c"))));
    source.finish(3, Result<BranchConflicts>(BranchConflicts{}));
    QVERIFY(got.all.isEmpty());
}

void TestReviewSource::destructionCancels()
{
    QList<ManualSource::Ticket> tickets;
    {
        ManualSource source;
        const auto P = ReviewSource::Priority::Normal;
        source.requestBranchDiff(S("a"), S("/r"), S("a"), S("main"), P);
        source.requestConflicts(S("a"), S("/r"), S("a"), {}, P);
        tickets = source.started;
        QVERIFY(!tickets.at(0).cancel->load());
    }
    QCOMPARE(tickets.size(), 2);
    for (const ManualSource::Ticket &t : std::as_const(tickets))
        QVERIFY(t.cancel->load()); // what still runs stops early
}

void TestReviewSource::localReadsABranch()
{
    LocalReviewSource source;
    Recorder got(&source, this);
    const quint64 diff = source.requestBranchDiff(S("a"), m_repo, S("chorus/a"), S("main"),
                                                  ReviewSource::Priority::Normal);
    QTRY_COMPARE(got.diffs.size(), 1);
    QCOMPARE(got.all.at(0).request, diff);
    const Result<DiffSummary> &summary = got.diffs.at(0);
    QVERIFY2(summary, qPrintable(summary.error().toString()));
    QCOMPARE(summary->headCommit, m_aHead);
    QCOMPARE(summary->baseCommit, m_base);
    QStringList paths;
    for (const FileDiff &f : summary->files)
        paths << f.path();
    // What the git CLI says the branch changed since the merge base.
    QCOMPARE(paths.join(QLatin1Char('\n')),
             GitFixture::git(m_repo, {S("diff"), S("--name-only"), S("main...chorus/a")}));
    QCOMPARE(summary->files.at(1).status, FileDiff::Added); // notes.txt
    QCOMPARE(summary->additions, 4);
    QCOMPARE(summary->deletions, 1);
    QVERIFY(summary->files.at(0).hunks.isEmpty()); // a list of files, without their lines

    // Where it stands, with a recorded merge of its head whose commit main holds: merged by
    // content; then one whose commit main does not hold, and one of another head: not merged.
    source.requestBranchStatus(S("a"), m_repo, S("chorus/a"), S("main"),
                               {RecordedMerge{S("main"), m_aHead, m_firstCommit}},
                               ReviewSource::Priority::Background);
    QTRY_COMPARE(got.standings.size(), 1);
    const Result<BranchStanding> &standing = got.standings.at(0);
    QVERIFY2(standing, qPrintable(standing.error().toString()));
    QCOMPARE(standing->status.ahead,
             GitFixture::git(m_repo, {S("rev-list"), S("--count"), S("main..chorus/a")}).toInt());
    QCOMPARE(standing->status.ahead, 2);
    QCOMPARE(standing->status.behind, 1);
    QVERIFY(standing->status.clean);
    QVERIFY(!standing->status.merged);
    QCOMPARE(standing->status.targetHead, m_mainHead);
    QCOMPARE(standing->merged, Merged::ByContent);
    source.requestBranchStatus(S("a"), m_repo, S("chorus/a"), S("main"),
                               {RecordedMerge{S("main"), m_aHead, m_aHead}},
                               ReviewSource::Priority::Background);
    QTRY_COMPARE(got.standings.size(), 2);
    QVERIFY(got.standings.at(1));
    QCOMPARE(got.standings.at(1)->merged, Merged::No);
    source.requestBranchStatus(S("a"), m_repo, S("chorus/a"), S("main"),
                               {RecordedMerge{S("main"), m_firstCommit, m_firstCommit}},
                               ReviewSource::Priority::Background);
    QTRY_COMPARE(got.standings.size(), 3);
    QVERIFY(got.standings.at(2));
    QCOMPARE(got.standings.at(2)->merged, Merged::No);
}

void TestReviewSource::localReadsAFile()
{
    LocalReviewSource source;
    Recorder got(&source, this);
    const auto P = ReviewSource::Priority::Interactive;
    source.requestFileDiff(S("file"), m_repo, m_base, m_aHead, S("long.txt"), 3, P);
    QTRY_COMPARE(got.files.size(), 1);
    const Result<FileDiff> &file = got.files.at(0);
    QVERIFY2(file, qPrintable(file.error().toString()));
    QCOMPARE(file->path(), S("long.txt"));
    QCOMPARE(file->status, FileDiff::Modified);
    QCOMPARE(file->additions, 1);
    QCOMPARE(file->deletions, 1);
    QCOMPARE(file->hunks.size(), 1);
    const DiffHunk &hunk = file->hunks.at(0);
    QCOMPARE(hunk.newStart, 7); // three lines of context
    QCOMPARE(hunk.newLines, 7);
    QCOMPARE(hunk.lines.at(3).kind, DiffLine::Removed);
    QCOMPARE(hunk.lines.at(3).text, S("line 10"));
    QCOMPARE(hunk.lines.at(4).kind, DiffLine::Added);
    QCOMPARE(hunk.lines.at(4).text, S("line 10 (agent)"));

    // The whole file (unfolding), under another key: both arrive.
    source.requestFileDiff(S("whole"), m_repo, m_base, m_aHead, S("long.txt"),
                           std::numeric_limits<int>::max(), P);
    QTRY_COMPARE(got.files.size(), 2);
    QCOMPARE(got.all.at(1).key, S("whole"));
    QVERIFY(got.files.at(1));
    QCOMPARE(got.files.at(1)->hunks.at(0).newStart, 1);
    QCOMPARE(got.files.at(1)->hunks.at(0).newLines, 20);
}

void TestReviewSource::localReadsConflicts()
{
    LocalReviewSource source;
    Recorder got(&source, this);
    // No target: the repository's default (its current branch).
    source.requestConflicts(S("b"), m_repo, S("chorus/b"), {}, ReviewSource::Priority::Background);
    QTRY_COMPARE(got.conflicts.size(), 1);
    const Result<BranchConflicts> &c = got.conflicts.at(0);
    QVERIFY2(c, qPrintable(c.error().toString()));
    QCOMPARE(c->target, S("main"));
    QVERIFY(!c->status.clean);
    QCOMPARE(c->entries.size(), 1);
    const ConflictEntry &e = c->entries.at(0);
    QCOMPARE(e.file.path, S("README.md"));
    QCOMPARE(e.file.kind, S("content"));
    QVERIFY(e.readError.isEmpty());
    QCOMPARE(e.base, GitFixture::runRaw(m_repo, {S("show"), m_base + S(":README.md")}));
    QCOMPARE(e.ours, GitFixture::runRaw(m_repo, {S("show"), S("main:README.md")}));
    QCOMPARE(e.theirs, GitFixture::runRaw(m_repo, {S("show"), S("chorus/b:README.md")}));
    QVERIFY(e.isText);
    QVERIFY(e.usesTextMerge());
    QCOMPARE(e.merge.conflictCount(), 1);
    QCOMPARE(e.markersLeft, 1);
    QVERIFY(e.result.contains(S("main (target)")));
    QVERIFY(e.result.contains(S("chorus/b (agent)")));

    // chorus/a merges cleanly: no entries.
    source.requestConflicts(S("a"), m_repo, S("chorus/a"), S("main"),
                            ReviewSource::Priority::Background);
    QTRY_COMPARE(got.conflicts.size(), 2);
    QVERIFY(got.conflicts.at(1));
    QVERIFY(got.conflicts.at(1)->status.clean);
    QVERIFY(got.conflicts.at(1)->entries.isEmpty());
}

void TestReviewSource::localReportsErrors()
{
    LocalReviewSource source;
    Recorder got(&source, this);
    const auto P = ReviewSource::Priority::Normal;
    source.requestBranchDiff(S("x"), m_repo, S("chorus/none"), S("main"), P);
    source.requestBranchStatus(S("x"), m_repo, S("chorus/none"), S("main"), {}, P);
    source.requestConflicts(S("x"), m_dir.path() + S("/nowhere"), S("chorus/a"), {}, P);
    QTRY_COMPARE(got.all.size(), 3);
    QCOMPARE(got.diffs.size(), 1);
    QVERIFY(!got.diffs.at(0));
    QVERIFY2(got.diffs.at(0).error().toString().contains(S("chorus/none")),
             qPrintable(got.diffs.at(0).error().toString()));
    QCOMPARE(got.standings.size(), 1);
    QVERIFY(!got.standings.at(0));
    QCOMPARE(got.conflicts.size(), 1);
    QVERIFY(!got.conflicts.at(0));
    QVERIFY(!got.conflicts.at(0).error().message.isEmpty());
}

void TestReviewSource::localSupersededLoadFinishingLaterIsDropped()
{
    HeldPool held;
    LocalReviewSource source(nullptr, held.pool());
    Recorder got(&source, this);
    // The older read has the lower priority: once the pool runs, it finishes after the newer.
    const quint64 older = source.requestFileDiff(S("file"), m_repo, m_base, m_aHead, S("notes.txt"),
                                                 3, ReviewSource::Priority::Background);
    const quint64 newer =
        source.requestFileDiff(S("file"), m_repo, m_base, m_aHead, S("src/main.c"), 3,
                               ReviewSource::Priority::Interactive);
    // Queued after the older read at the same priority: when it arrives, so has the older.
    const quint64 last = source.requestBranchDiff(S("last"), m_repo, S("chorus/a"), S("main"),
                                                  ReviewSource::Priority::Background);
    QVERIFY(older != newer);
    held.release();
    QTRY_COMPARE(got.diffs.size(), 1);
    QCOMPARE(got.ids(), (QList<quint64>{newer, last}));
    QVERIFY(got.files.at(0));
    QCOMPARE(got.files.at(0)->path(), S("src/main.c"));
}

void TestReviewSource::localCancelAllStopsDelivery()
{
    HeldPool held;
    LocalReviewSource source(nullptr, held.pool());
    Recorder got(&source, this);
    const auto P = ReviewSource::Priority::Interactive;
    source.requestBranchDiff(S("a"), m_repo, S("chorus/a"), S("main"), P);
    source.requestBranchStatus(S("a"), m_repo, S("chorus/a"), S("main"), {}, P);
    source.requestFileDiff(S("f"), m_repo, m_base, m_aHead, S("src/main.c"), 3, P);
    source.requestConflicts(S("b"), m_repo, S("chorus/b"), {}, P);
    source.cancelAll();
    const quint64 after = source.requestBranchDiff(S("after"), m_repo, S("chorus/a"), S("main"),
                                                   ReviewSource::Priority::Background);
    held.release();
    QTRY_COMPARE(got.all.size(), 1);
    QCOMPARE(got.ids(), QList<quint64>{after}); // it ran last: the others had their turn
    QVERIFY(got.diffs.at(0));
}

void TestReviewSource::localDestructionStopsDelivery()
{
    HeldPool held;
    int delivered = 0;
    {
        LocalReviewSource source(nullptr, held.pool());
        connect(&source, &ReviewSource::branchDiffLoaded, this, [&] { ++delivered; });
        connect(&source, &ReviewSource::conflictsLoaded, this, [&] { ++delivered; });
        source.requestBranchDiff(S("a"), m_repo, S("chorus/a"), S("main"),
                                 ReviewSource::Priority::Normal);
        source.requestConflicts(S("b"), m_repo, S("chorus/b"), {}, ReviewSource::Priority::Normal);
    }
    // The reads run after their source is gone, and nothing arrives (nor crashes).
    LocalReviewSource next(nullptr, held.pool());
    Recorder got(&next, this);
    next.requestBranchDiff(S("a"), m_repo, S("chorus/a"), S("main"),
                           ReviewSource::Priority::Background);
    held.release();
    QTRY_COMPARE(got.all.size(), 1);
    QCOMPARE(delivered, 0);
}

QTEST_GUILESS_MAIN(TestReviewSource)
#include "tst_reviewsource.moc"
