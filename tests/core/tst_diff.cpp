// The diff model (files -> hunks -> lines), checked against the git CLI's own numbers and
// patches on repositories built with the CLI.
#include "git/diff.h"
#include "gitfixture.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace chorus;

namespace {

QString S(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

// "start:length,start:length" for compact expectations.
QString rangesString(const QList<DiffRange> &ranges)
{
    QStringList parts;
    for (const DiffRange &r : ranges)
        parts << QStringLiteral("%1:%2").arg(r.start).arg(r.length);
    return parts.join(QLatin1Char(','));
}

QString rowsString(const QList<SideBySideRow> &rows)
{
    QStringList parts;
    for (const SideBySideRow &r : rows)
        parts << QStringLiteral("%1:%2").arg(r.left).arg(r.right);
    return parts.join(QLatin1Char(' '));
}

// The unified-diff body (from the first "@@") as git prints it, one entry per line.
QStringList render(const FileDiff &f)
{
    QStringList out;
    for (const DiffHunk &h : f.hunks) {
        out << h.header;
        for (const DiffLine &l : h.lines) {
            switch (l.kind) {
            case DiffLine::Context:
                out << QLatin1Char(' ') + l.text;
                break;
            case DiffLine::Added:
                out << QLatin1Char('+') + l.text;
                break;
            case DiffLine::Removed:
                out << QLatin1Char('-') + l.text;
                break;
            case DiffLine::NoNewlineAtEnd:
                out << l.text;
                break;
            }
        }
    }
    return out;
}

struct NumStat
{
    int additions = 0, deletions = 0;
    bool binary = false;
};

} // namespace

class TestDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void countsMatchGitNumstat();
    void statusesAndModes_data();
    void statusesAndModes();
    void renames();
    void binaryFile();
    void typeChangeFile();
    void fromAWorktree();
    void branchBehindTarget();
    void emptyBranch();
    void errors_data();
    void errors();
    void cancelled();
    void patchMatchesGit_data();
    void patchMatchesGit();
    void wholePatchInOnePass();
    void hunkLineNumbers();
    void noNewlineAtEnd();
    void crlfAndNonUtf8();
    void wholeFileContext();
    void renamedFileByEitherPath();
    void intraLineInFile();
    void unchangedPathIsAnError();
    void markIntraLine_data();
    void markIntraLine();
    void sideBySide_data();
    void sideBySide();

private:
    QByteArray gitRaw(const QString &dir, const QStringList &args, int *exitCode = nullptr,
                      const QByteArray &input = {});
    QString git(const QString &dir, const QStringList &args, int *exitCode = nullptr);
    void write(const QString &relPath, const QByteArray &content);
    QString commitAll(const QString &message);
    QMap<QString, NumStat> gitNumstat(const QString &base, const QString &head);
    QStringList gitPatch(const QString &base, const QString &head, const QStringList &paths,
                         int context);

    QTemporaryDir m_tmp;
    QString m_repo;
    QString m_base;    // main when feature branched off
    QString m_feature; // head of feature
    QString m_mainHead;
};

QByteArray TestDiff::gitRaw(const QString &dir, const QStringList &args, int *exitCode,
                            const QByteArray &input)
{
    return chorus::test::GitFixture::runRaw(dir, args, exitCode, input);
}

QString TestDiff::git(const QString &dir, const QStringList &args, int *exitCode)
{
    return QString::fromUtf8(gitRaw(dir, args, exitCode)).trimmed();
}

void TestDiff::write(const QString &relPath, const QByteArray &content)
{
    const QString path = m_repo + QLatin1Char('/') + relPath;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    f.write(content);
}

QString TestDiff::commitAll(const QString &message)
{
    git(m_repo, {S("add"), S("-A")});
    int rc = -1;
    git(m_repo, {S("commit"), S("-q"), S("-m"), message}, &rc);
    if (rc != 0)
        qWarning("git commit failed");
    return git(m_repo, {S("rev-parse"), S("HEAD")});
}

// `git diff --numstat -M -z`: "add\tdel\tpath\0" or, for a rename, "add\tdel\t\0old\0new\0".
QMap<QString, NumStat> TestDiff::gitNumstat(const QString &base, const QString &head)
{
    const QByteArray out =
        gitRaw(m_repo, {S("diff"), S("--numstat"), S("-M"), S("-z"), base, head});
    const QList<QByteArray> fields = out.split('\0');
    QMap<QString, NumStat> stats;
    for (qsizetype i = 0; i + 1 < fields.size(); ++i) {
        const QList<QByteArray> cols = fields[i].split('\t');
        if (cols.size() < 3)
            continue;
        NumStat s;
        s.binary = cols[0] == "-";
        s.additions = cols[0].toInt();
        s.deletions = cols[1].toInt();
        QString path = QString::fromUtf8(cols[2]);
        if (path.isEmpty()) { // rename: old and new path follow
            path = QString::fromUtf8(fields[i + 2]);
            i += 2;
        }
        stats.insert(path, s);
    }
    return stats;
}

QStringList TestDiff::gitPatch(const QString &base, const QString &head, const QStringList &paths,
                               int context)
{
    const QStringList args = QStringList{S("diff"),
                                         S("--no-color"),
                                         S("--no-ext-diff"),
                                         S("-M"),
                                         QStringLiteral("-U%1").arg(context),
                                         base,
                                         head,
                                         S("--")} +
                             paths;
    const QList<QByteArray> lines = gitRaw(m_repo, args).split('\n');
    QStringList out;
    bool body = false;
    for (QByteArray line : lines) {
        body = body || line.startsWith("@@");
        if (!body || line.isEmpty())
            continue;
        if (line.endsWith('\r'))
            line.chop(1);
        out << QString::fromUtf8(line);
    }
    return out;
}

void TestDiff::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_repo = m_tmp.filePath(S("repo"));
    QDir().mkpath(m_repo);
    git(m_repo, {S("init"), S("-q"), S("-b"), S("main")});
    git(m_repo, {S("config"), S("core.autocrlf"), S("false")});

    QByteArray code;
    for (int i = 1; i <= 40; ++i)
        code += i % 10 == 1 ? QByteArray("int function" + QByteArray::number(i) + "(void)\n")
                            : QByteArray("    statement" + QByteArray::number(i) + ";\n");
    QByteArray big;
    for (int i = 1; i <= 300; ++i)
        big += "line " + QByteArray::number(i) + "\n";
    QByteArray twenty, other;
    for (int i = 1; i <= 20; ++i) {
        twenty += "some text that stays the same on line " + QByteArray::number(i) + "\n";
        other += "other text, moved as it is, line " + QByteArray::number(i) + "\n";
    }
    QByteArray binary("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    binary += QByteArray(200, '\1');

    write(S("README.md"), "# project\n");
    write(S("src/modified.c"), code);
    write(S("old/deleted.txt"), "gone\nsoon\n");
    write(S("moved/same.txt"), other);
    write(S("moved/edit.txt"), twenty);
    write(S("assets/blob.bin"), binary);
    write(S("tools/run.sh"), "#!/bin/sh\necho run\n");
    write(S("config.txt"), "key=value\n");
    write(S("nonl.txt"), "a\nb\nc");
    write(S("eol.txt"), "x\ny");
    write(S("crlf.txt"), "one\r\ntwo\r\nthree\r\n");
    write(S("latin1.txt"), "caf\xe9\nna\xefve\n");
    write(S("intra.c"), "int count = 0;\nreturn foo(bar);\n");
    write(S("unchanged.txt"), "same\n");
    write(S("slider.txt"), "1\n2\na\n\nb\n3\n4\n"); // git's indent heuristic places this hunk
    write(S("big.txt"), big);
    QRandomGenerator rng(42);
    for (int f = 0; f < 30; ++f) {
        QByteArray text;
        const int lines = 5 + int(rng.bounded(120));
        for (int l = 0; l < lines; ++l)
            text += "gen " + QByteArray::number(f) + " line " +
                    QByteArray::number(rng.bounded(1000)) + "\n";
        write(QStringLiteral("gen/file%1.txt").arg(f, 2, 10, QLatin1Char('0')), text);
    }
    m_base = commitAll(S("base"));

    git(m_repo, {S("checkout"), S("-q"), S("-b"), S("feature")});
    code.replace("statement5;", "statement5 changed;");
    code.replace("    statement20;\n", "");
    code += "int added(void)\n{\n}\n";
    write(S("src/modified.c"), code);
    write(S("docs/added.md"), "# added\n\ntwo lines\n");
    QVERIFY(QFile::remove(m_repo + S("/old/deleted.txt")));
    QVERIFY(QFile::rename(m_repo + S("/moved/same.txt"), m_repo + S("/moved/renamed-same.txt")));
    QVERIFY(QFile::remove(m_repo + S("/moved/edit.txt")));
    write(S("moved/renamed-edit.txt"), QByteArray(twenty)
                                           .replace("line 3\n", "line three\n")
                                           .replace("line 15\n", "line fifteen\n"));
    binary[40] = '\2';
    write(S("assets/blob.bin"), binary);
    QFile::setPermissions(m_repo + S("/tools/run.sh"),
                          QFile::permissions(m_repo + S("/tools/run.sh")) | QFile::ExeOwner |
                              QFile::ExeGroup | QFile::ExeOther);
    QVERIFY(QFile::link(S("README.md"), m_repo + S("/link-to-readme")));
    QVERIFY(QFile::remove(m_repo + S("/config.txt")));
    QVERIFY(QFile::link(S("README.md"), m_repo + S("/config.txt")));
    write(S("nonl.txt"), "a\nb\nC\nd");
    write(S("eol.txt"), "x\ny\n");
    write(S("slider.txt"), "1\n2\na\n\nb\na\n\nb\n3\n4\n");
    write(S("crlf.txt"), "one\r\n2\r\nthree\r\nfour\r\n");
    write(S("latin1.txt"), "caf\xe9\nna\xefvet\xe9\n");
    write(S("intra.c"), "int counter = 0;\nreturn foo(baz);\n");
    big.replace("line 10\n", "line ten\n")
        .replace("line 150\n", "line 150\ninserted\n")
        .replace("line 290\n", "");
    write(S("big.txt"), big);
    for (int f = 0; f < 30; ++f) {
        const QString path =
            m_repo + QStringLiteral("/gen/file%1.txt").arg(f, 2, 10, QLatin1Char('0'));
        QFile in(path);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = in.readAll().split('\n');
        in.close();
        lines.removeLast();
        for (int e = 0; e < 6; ++e) {
            const int at = int(rng.bounded(quint32(lines.size())));
            switch (rng.bounded(3)) {
            case 0:
                lines[at] = "edited " + QByteArray::number(rng.bounded(1000));
                break;
            case 1:
                lines.insert(at, "new " + QByteArray::number(rng.bounded(1000)));
                break;
            default:
                if (lines.size() > 1)
                    lines.removeAt(at);
                break;
            }
        }
        write(path.mid(m_repo.size() + 1), lines.join('\n') + '\n');
    }
    commitAll(S("feature work"));
    write(S("docs/added.md"), "# added\n\ntwo lines\nand a third in a second commit\n");
    m_feature = commitAll(S("more feature work"));

    // main moves on after the branch: none of this is the branch's change.
    git(m_repo, {S("checkout"), S("-q"), S("main")});
    write(S("unchanged.txt"), "changed on main only\n");
    write(S("main-only.txt"), "main\n");
    m_mainHead = commitAll(S("main work"));
    git(m_repo, {S("branch"), S("same"), S("main")});
    // An unrelated history: a root commit with an empty tree.
    const QString emptyTree =
        QString::fromUtf8(gitRaw(m_repo, {S("mktree")}, nullptr, QByteArray("")).trimmed());
    const QString lonely = git(m_repo, {S("commit-tree"), emptyTree, S("-m"), S("lonely")});
    git(m_repo, {S("branch"), S("lonely"), lonely});
    QCOMPARE(git(m_repo, {S("rev-parse"), S("lonely")}), lonely);
}

void TestDiff::countsMatchGitNumstat()
{
    const Result<DiffSummary> d = diffBranch(m_repo + S("/src"), S("feature"), S("main"));
    QVERIFY2(d.ok(), qPrintable(d.error().toString()));
    QCOMPARE(d->repo, QDir(m_repo).canonicalPath());
    QCOMPARE(d->branch, S("feature"));
    QCOMPARE(d->target, S("main"));
    QCOMPARE(d->headCommit, m_feature);
    QCOMPARE(d->baseCommit, m_base);
    const QMap<QString, NumStat> expected = gitNumstat(m_base, m_feature);
    QVERIFY(expected.size() > 40);
    QStringList paths;
    int additions = 0, deletions = 0;
    for (const FileDiff &f : d->files) {
        paths << f.path();
        QVERIFY2(expected.contains(f.path()), qPrintable(f.path()));
        const NumStat &s = expected[f.path()];
        QCOMPARE(f.binary, s.binary);
        QVERIFY2(f.additions == s.additions && f.deletions == s.deletions,
                 qPrintable(QStringLiteral("%1: +%2 -%3, git says +%4 -%5")
                                .arg(f.path())
                                .arg(f.additions)
                                .arg(f.deletions)
                                .arg(s.additions)
                                .arg(s.deletions)));
        QVERIFY(f.hunks.isEmpty());
        additions += f.additions;
        deletions += f.deletions;
    }
    QCOMPARE(paths.size(), expected.size());
    QStringList sorted = paths;
    sorted.sort();
    QCOMPARE(paths, sorted);
    QCOMPARE(d->additions, additions);
    QCOMPARE(d->deletions, deletions);
}

void TestDiff::statusesAndModes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("oldPath");
    QTest::addColumn<QString>("newPath");
    QTest::addColumn<uint>("oldMode");
    QTest::addColumn<uint>("newMode");
    QTest::newRow("modified") << S("src/modified.c") << int(FileDiff::Modified)
                              << S("src/modified.c") << S("src/modified.c") << 0100644u << 0100644u;
    QTest::newRow("added") << S("docs/added.md") << int(FileDiff::Added) << QString()
                           << S("docs/added.md") << 0u << 0100644u;
    QTest::newRow("deleted") << S("old/deleted.txt") << int(FileDiff::Deleted)
                             << S("old/deleted.txt") << QString() << 0100644u << 0u;
    QTest::newRow("mode change") << S("tools/run.sh") << int(FileDiff::Modified)
                                 << S("tools/run.sh") << S("tools/run.sh") << 0100644u << 0100755u;
    QTest::newRow("symlink added") << S("link-to-readme") << int(FileDiff::Added) << QString()
                                   << S("link-to-readme") << 0u << 0120000u;
    QTest::newRow("file to symlink") << S("config.txt") << int(FileDiff::TypeChanged)
                                     << S("config.txt") << S("config.txt") << 0100644u << 0120000u;
}

void TestDiff::statusesAndModes()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, oldPath);
    QFETCH(QString, newPath);
    QFETCH(uint, oldMode);
    QFETCH(uint, newMode);
    const Result<DiffSummary> d = diffBranch(m_repo, S("feature"), S("main"));
    QVERIFY2(d.ok(), qPrintable(d.error().toString()));
    const auto it = std::find_if(d->files.cbegin(), d->files.cend(),
                                 [&](const FileDiff &f) { return f.path() == path; });
    QVERIFY2(it != d->files.cend(), qPrintable(path));
    QCOMPARE(int(it->status), status);
    QCOMPARE(it->oldPath, oldPath);
    QCOMPARE(it->newPath, newPath);
    QCOMPARE(it->oldMode, quint32(oldMode));
    QCOMPARE(it->newMode, quint32(newMode));
    QCOMPARE(it->modeChanged(), oldMode && newMode && oldMode != newMode);
    // Independently: git's own status letter for the path.
    const QString nameStatus =
        git(m_repo, {S("diff"), S("--name-status"), S("-M"), m_base, m_feature, S("--"), path});
    const QChar letter = QStringLiteral("ADMRCT").at(status);
    QVERIFY2(nameStatus.startsWith(letter), qPrintable(nameStatus));
}

void TestDiff::renames()
{
    const Result<DiffSummary> d = diffBranch(m_repo, S("feature"), S("main"));
    QVERIFY(d.ok());
    QMap<QString, FileDiff> byPath;
    for (const FileDiff &f : d->files)
        byPath.insert(f.path(), f);
    QVERIFY(!byPath.contains(S("moved/same.txt")));
    QVERIFY(!byPath.contains(S("moved/edit.txt")));
    const FileDiff same = byPath.value(S("moved/renamed-same.txt"));
    QCOMPARE(same.status, FileDiff::Renamed);
    QCOMPARE(same.oldPath, S("moved/same.txt"));
    QCOMPARE(same.similarity, 100);
    QCOMPARE(same.additions + same.deletions, 0);
    const FileDiff edit = byPath.value(S("moved/renamed-edit.txt"));
    QCOMPARE(edit.status, FileDiff::Renamed);
    QCOMPARE(edit.oldPath, S("moved/edit.txt"));
    QVERIFY2(edit.similarity >= 50 && edit.similarity < 100,
             qPrintable(QString::number(edit.similarity)));
    QCOMPARE(edit.additions, 2);
    QCOMPARE(edit.deletions, 2);
    const QString status = git(
        m_repo, {S("diff"), S("--name-status"), S("-M"), m_base, m_feature, S("--"), S("moved")});
    QVERIFY2(status.contains(QLatin1String("\tmoved/edit.txt\tmoved/renamed-edit.txt")),
             qPrintable(status));
}

void TestDiff::binaryFile()
{
    const Result<DiffSummary> d = diffBranch(m_repo, S("feature"), S("main"));
    QVERIFY(d.ok());
    const auto it = std::find_if(d->files.cbegin(), d->files.cend(), [](const FileDiff &f) {
        return f.path() == QLatin1String("assets/blob.bin");
    });
    QVERIFY(it != d->files.cend());
    QVERIFY(it->binary);
    QCOMPARE(it->additions, 0);
    QCOMPARE(it->deletions, 0);
    QVERIFY(gitNumstat(m_base, m_feature).value(S("assets/blob.bin")).binary);
    const Result<FileDiff> f = diffFile(m_repo, m_base, m_feature, S("assets/blob.bin"));
    QVERIFY2(f.ok(), qPrintable(f.error().toString()));
    QVERIFY(f->binary);
    QVERIFY(f->hunks.isEmpty());
    // Every text file is not binary.
    for (const FileDiff &other : d->files)
        QCOMPARE(other.binary, other.path() == QLatin1String("assets/blob.bin"));
}

void TestDiff::typeChangeFile()
{
    // libgit2 loads no content for a type change; git shows the old and the new content.
    const Result<FileDiff> f = diffFile(m_repo, m_base, m_feature, S("config.txt"));
    QVERIFY2(f.ok(), qPrintable(f.error().toString()));
    QCOMPARE(f->status, FileDiff::TypeChanged);
    QCOMPARE(f->oldMode, 0100644u);
    QCOMPARE(f->newMode, 0120000u);
    QCOMPARE(f->additions, 1);
    QCOMPARE(f->deletions, 1);
    QCOMPARE(render(*f), (QStringList{S("@@ -1 +1 @@"), S("-key=value"), S("+README.md"),
                                      S("\\ No newline at end of file")}));
}

void TestDiff::fromAWorktree()
{
    // Agents work in linked worktrees; the diff opened from one is the same.
    const QString wt = m_tmp.filePath(S("wt"));
    int rc = -1;
    git(m_repo, {S("worktree"), S("add"), S("-q"), wt, S("feature")}, &rc);
    QCOMPARE(rc, 0);
    const Result<DiffSummary> d = diffBranch(wt, S("feature"), S("main"));
    QVERIFY2(d.ok(), qPrintable(d.error().toString()));
    QCOMPARE(d->repo, QDir(wt).canonicalPath());
    QCOMPARE(d->baseCommit, m_base);
    QCOMPARE(d->files.size(), gitNumstat(m_base, m_feature).size());
    git(m_repo, {S("worktree"), S("remove"), S("--force"), wt});
}

void TestDiff::branchBehindTarget()
{
    const Result<DiffSummary> d = diffBranch(m_repo, S("feature"), S("main"));
    QVERIFY(d.ok());
    QCOMPARE(d->baseCommit, git(m_repo, {S("merge-base"), S("feature"), S("main")}));
    QVERIFY(d->baseCommit != m_mainHead);
    for (const FileDiff &f : d->files) {
        QVERIFY(f.path() != QLatin1String("unchanged.txt"));
        QVERIFY(f.path() != QLatin1String("main-only.txt"));
    }
    // The other way round, main's own changes are all there is.
    const Result<DiffSummary> back = diffBranch(m_repo, S("main"), S("feature"));
    QVERIFY(back.ok());
    QCOMPARE(back->files.size(), 2);
    QCOMPARE(back->files[0].path(), S("main-only.txt"));
    QCOMPARE(back->files[1].path(), S("unchanged.txt"));
}

void TestDiff::emptyBranch()
{
    const Result<DiffSummary> d = diffBranch(m_repo, S("same"), S("main"));
    QVERIFY2(d.ok(), qPrintable(d.error().toString()));
    QCOMPARE(d->files.size(), 0);
    QCOMPARE(d->additions + d->deletions, 0);
    QCOMPARE(d->baseCommit, m_mainHead);
    QCOMPARE(d->headCommit, m_mainHead);
}

void TestDiff::errors_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("branch");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("expect");
    QTest::newRow("unknown branch")
        << S("repo") << S("no-such-branch") << S("main") << S("unknown branch 'no-such-branch'");
    QTest::newRow("unknown target") << S("repo") << S("feature") << S("gone/target")
                                    << S("unknown target branch 'gone/target'");
    QTest::newRow("unrelated histories")
        << S("repo") << S("lonely") << S("main") << S("no common history");
    QTest::newRow("no commits") << S("empty") << S("main") << S("main") << S("no commits yet");
    QTest::newRow("not a repository")
        << S("plain") << S("main") << S("main") << S("not inside a git repository");
}

void TestDiff::errors()
{
    QFETCH(QString, kind);
    QFETCH(QString, branch);
    QFETCH(QString, target);
    QFETCH(QString, expect);
    QString dir = m_repo;
    if (kind != QLatin1String("repo")) {
        dir = m_tmp.filePath(kind);
        QDir().mkpath(dir);
        if (kind == QLatin1String("empty"))
            git(dir, {S("init"), S("-q"), S("-b"), S("main")});
    }
    const Result<DiffSummary> d = diffBranch(dir, branch, target);
    QVERIFY(!d.ok());
    QVERIFY2(d.error().message.contains(expect), qPrintable(d.error().toString()));
    QVERIFY(!d.error().where.isEmpty());
    QVERIFY2(!d.error().hint.isEmpty(), qPrintable(d.error().toString()));
}

void TestDiff::cancelled()
{
    std::atomic_bool cancel{true};
    const Result<DiffSummary> d = diffBranch(m_repo, S("feature"), S("main"), &cancel);
    QVERIFY(!d.ok());
    QCOMPARE(d.error().message, S("cancelled"));
    const Result<FileDiff> f = diffFile(m_repo, m_base, m_feature, S("big.txt"), 3, &cancel);
    QVERIFY(!f.ok());
    QCOMPARE(f.error().message, S("cancelled"));
    cancel = false;
    QVERIFY(diffBranch(m_repo, S("feature"), S("main"), &cancel).ok());
    QVERIFY(diffFile(m_repo, m_base, m_feature, S("big.txt"), 3, &cancel).ok());
}

void TestDiff::patchMatchesGit_data()
{
    QTest::addColumn<QStringList>("paths"); // what to diff; the first is the path asked for
    QTest::addColumn<int>("context");
    const QList<int> contexts = {3, 0, 1, 10};
    for (int context : contexts) {
        const QStringList single = {S("src/modified.c"), S("docs/added.md"), S("old/deleted.txt"),
                                    S("big.txt"),        S("nonl.txt"),      S("eol.txt"),
                                    S("crlf.txt"),       S("latin1.txt"),    S("intra.c"),
                                    S("link-to-readme"), S("slider.txt")};
        for (const QString &p : single)
            QTest::addRow("%s -U%d", qPrintable(p), context) << QStringList{p} << context;
        QTest::addRow("rename -U%d", context)
            << QStringList{S("moved/renamed-edit.txt"), S("moved/edit.txt")} << context;
    }
    for (int f = 0; f < 30; ++f) {
        const QString p = QStringLiteral("gen/file%1.txt").arg(f, 2, 10, QLatin1Char('0'));
        QTest::addRow("%s", qPrintable(p)) << QStringList{p} << 3;
    }
}

void TestDiff::patchMatchesGit()
{
    QFETCH(QStringList, paths);
    QFETCH(int, context);
    const Result<FileDiff> f = diffFile(m_repo, m_base, m_feature, paths.first(), context);
    QVERIFY2(f.ok(), qPrintable(f.error().toString()));
    const QStringList expected = gitPatch(m_base, m_feature, paths, context);
    QVERIFY(!expected.isEmpty());
    QCOMPARE(render(*f), expected);
    const NumStat s = gitNumstat(m_base, m_feature).value(paths.first());
    QCOMPARE(f->additions, s.additions);
    QCOMPARE(f->deletions, s.deletions);
}

// diffBranch(Patch) gives every file's hunks exactly as diffFile() does, and blob ids that
// are git's.
void TestDiff::wholePatchInOnePass()
{
    const Result<DiffSummary> d = diffBranch(m_repo, S("feature"), S("main"), nullptr, DiffDetail::Patch);
    QVERIFY2(d.ok(), qPrintable(d.error().toString()));
    const Result<DiffSummary> summary = diffBranch(m_repo, S("feature"), S("main"));
    QVERIFY(summary.ok());
    QCOMPARE(d->files.size(), summary->files.size());
    int withHunks = 0;
    for (const FileDiff &f : d->files) {
        if (!f.oldPath.isEmpty())
            QCOMPARE(f.oldBlob, git(m_repo, {S("rev-parse"), m_base + S(":") + f.oldPath}));
        else
            QVERIFY(f.oldBlob.isEmpty());
        if (!f.newPath.isEmpty())
            QCOMPARE(f.newBlob, git(m_repo, {S("rev-parse"), m_feature + S(":") + f.newPath}));
        else
            QVERIFY(f.newBlob.isEmpty());
        if (f.binary) {
            QVERIFY(f.hunks.isEmpty());
            continue;
        }
        const Result<FileDiff> one = diffFile(m_repo, m_base, m_feature, f.path());
        QVERIFY2(one.ok(), qPrintable(one.error().toString()));
        QCOMPARE(render(f), render(*one));
        QCOMPARE(f.oldBlob, one->oldBlob);
        QCOMPARE(f.newBlob, one->newBlob);
        withHunks += f.hunks.isEmpty() ? 0 : 1;
    }
    QVERIFY(withHunks > 40);
}

void TestDiff::hunkLineNumbers()
{
    const Result<FileDiff> f = diffFile(m_repo, m_base, m_feature, S("big.txt"));
    QVERIFY2(f.ok(), qPrintable(f.error().toString()));
    QCOMPARE(f->hunks.size(), 3);
    const DiffHunk &h = f->hunks[0];
    QCOMPARE(h.oldStart, 7);
    QCOMPARE(h.oldLines, 7);
    QCOMPARE(h.newStart, 7);
    QCOMPARE(h.newLines, 7);
    QVERIFY(h.header.startsWith(QLatin1String("@@ -7,7 +7,7 @@")));
    for (const DiffHunk &hunk : f->hunks) {
        int oldLine = hunk.oldStart, newLine = hunk.newStart, oldCount = 0, newCount = 0;
        for (const DiffLine &l : hunk.lines) {
            if (l.kind != DiffLine::Added) {
                QCOMPARE(l.oldLine, oldLine++);
                ++oldCount;
            } else {
                QCOMPARE(l.oldLine, 0);
            }
            if (l.kind != DiffLine::Removed) {
                QCOMPARE(l.newLine, newLine++);
                ++newCount;
            } else {
                QCOMPARE(l.newLine, 0);
            }
            // The text is the file's line with that number.
            if (l.kind != DiffLine::Added)
                QCOMPARE(l.text, QStringLiteral("line %1").arg(l.oldLine));
        }
        QCOMPARE(oldCount, hunk.oldLines);
        QCOMPARE(newCount, hunk.newLines);
    }
    QCOMPARE(f->hunks[0].lines[3].kind, DiffLine::Removed);
    QCOMPARE(f->hunks[0].lines[3].text, S("line 10"));
    QCOMPARE(f->hunks[0].lines[4].kind, DiffLine::Added);
    QCOMPARE(f->hunks[0].lines[4].text, S("line ten"));
    QCOMPARE(f->hunks[0].lines[4].newLine, 10);
}

void TestDiff::noNewlineAtEnd()
{
    const Result<FileDiff> f = diffFile(m_repo, m_base, m_feature, S("nonl.txt"));
    QVERIFY2(f.ok(), qPrintable(f.error().toString()));
    QCOMPARE(f->hunks.size(), 1);
    const QList<DiffLine> &lines = f->hunks[0].lines;
    // " a", " b", "-c", "\ old", "+C", "+d", "\ new"
    QCOMPARE(lines.size(), 7);
    QCOMPARE(lines[3].kind, DiffLine::NoNewlineAtEnd);
    QCOMPARE(lines[3].text, S("\\ No newline at end of file"));
    QCOMPARE(lines[3].oldLine, 3);
    QCOMPARE(lines[3].newLine, 0);
    QCOMPARE(lines[6].kind, DiffLine::NoNewlineAtEnd);
    QCOMPARE(lines[6].oldLine, 0);
    QCOMPARE(lines[6].newLine, 4);
    QCOMPARE(rowsString(chorus::sideBySide(f->hunks[0])), S("0:0 1:1 2:4 -1:5 3:-1 -1:6"));
    QCOMPARE(f->additions, 2);
    QCOMPARE(f->deletions, 1);

    const Result<FileDiff> eol = diffFile(m_repo, m_base, m_feature, S("eol.txt"));
    QVERIFY(eol.ok());
    QCOMPARE(render(*eol), (QStringList{S("@@ -1,2 +1,2 @@"), S(" x"), S("-y"),
                                        S("\\ No newline at end of file"), S("+y")}));
    QCOMPARE(rowsString(chorus::sideBySide(eol->hunks[0])), S("0:0 1:3 2:-1"));
}

void TestDiff::crlfAndNonUtf8()
{
    const Result<FileDiff> crlf = diffFile(m_repo, m_base, m_feature, S("crlf.txt"));
    QVERIFY2(crlf.ok(), qPrintable(crlf.error().toString()));
    QCOMPARE(crlf->additions, 2);
    QCOMPARE(crlf->deletions, 1);
    QStringList texts;
    for (const DiffLine &l : crlf->hunks[0].lines) {
        QVERIFY(!l.text.contains(QLatin1Char('\r')));
        texts << l.text;
    }
    QCOMPARE(texts, (QStringList{S("one"), S("two"), S("2"), S("three"), S("four")}));

    const Result<FileDiff> latin1 = diffFile(m_repo, m_base, m_feature, S("latin1.txt"));
    QVERIFY2(latin1.ok(), qPrintable(latin1.error().toString()));
    QVERIFY(!latin1->binary);
    QCOMPARE(latin1->hunks.size(), 1);
    const QList<DiffLine> &lines = latin1->hunks[0].lines;
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0].text, QStringLiteral("caf\uFFFD"));
    QCOMPARE(lines[1].text, QStringLiteral("na\uFFFDve"));
    QCOMPARE(lines[2].text, QStringLiteral("na\uFFFDvet\uFFFD"));
}

void TestDiff::wholeFileContext()
{
    const Result<FileDiff> f = diffFile(m_repo, m_base, m_feature, S("big.txt"), 1000000);
    QVERIFY2(f.ok(), qPrintable(f.error().toString()));
    QCOMPARE(f->hunks.size(), 1);
    const DiffHunk &h = f->hunks[0];
    QCOMPARE(h.oldStart, 1);
    QCOMPARE(h.newStart, 1);
    QCOMPARE(h.oldLines, 300);
    QCOMPARE(h.newLines, 300);
    int old = 0;
    for (const DiffLine &l : h.lines)
        old += l.kind == DiffLine::Context || l.kind == DiffLine::Removed;
    QCOMPARE(old, 300);
    QCOMPARE(h.lines.size(),
             302); // 300 + one replaced line + one inserted; one removed counted in 300
    QCOMPARE(render(*f), gitPatch(m_base, m_feature, {S("big.txt")}, 1000000));
    // INT_MAX must not overflow anywhere.
    const Result<FileDiff> max = diffFile(m_repo, m_base, m_feature, S("big.txt"), INT_MAX);
    QVERIFY(max.ok());
    QCOMPARE(max->hunks.size(), 1);
    QCOMPARE(max->hunks[0].lines.size(), 302);
}

void TestDiff::renamedFileByEitherPath()
{
    for (const QString &path : {S("moved/renamed-edit.txt"), S("moved/edit.txt")}) {
        const Result<FileDiff> f = diffFile(m_repo, m_base, m_feature, path);
        QVERIFY2(f.ok(), qPrintable(f.error().toString()));
        QCOMPARE(f->status, FileDiff::Renamed);
        QCOMPARE(f->oldPath, S("moved/edit.txt"));
        QCOMPARE(f->newPath, S("moved/renamed-edit.txt"));
        QCOMPARE(f->hunks.size(), 2);
        QCOMPARE(f->additions, 2);
    }
    const Result<FileDiff> same = diffFile(m_repo, m_base, m_feature, S("moved/renamed-same.txt"));
    QVERIFY(same.ok());
    QCOMPARE(same->status, FileDiff::Renamed);
    QCOMPARE(same->similarity, 100);
    QVERIFY(same->hunks.isEmpty());
    const Result<FileDiff> added = diffFile(m_repo, m_base, m_feature, S("docs/added.md"));
    QVERIFY(added.ok());
    QCOMPARE(added->status, FileDiff::Added);
    QCOMPARE(added->hunks.size(), 1);
    QCOMPARE(added->hunks[0].oldStart, 0);
    QCOMPARE(added->additions, 4);
}

void TestDiff::intraLineInFile()
{
    const Result<FileDiff> f = diffFile(m_repo, m_base, m_feature, S("intra.c"));
    QVERIFY2(f.ok(), qPrintable(f.error().toString()));
    const QList<DiffLine> &lines = f->hunks[0].lines;
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[0].text, S("int count = 0;"));
    QCOMPARE(lines[2].text, S("int counter = 0;"));
    QCOMPARE(rangesString(lines[0].changed), S("4:5"));
    QCOMPARE(rangesString(lines[2].changed), S("4:7"));
    QCOMPARE(rangesString(lines[1].changed), S("11:3"));
    QCOMPARE(rangesString(lines[3].changed), S("11:3"));
}

void TestDiff::unchangedPathIsAnError()
{
    const Result<FileDiff> f = diffFile(m_repo, m_base, m_feature, S("README.md"));
    QVERIFY(!f.ok());
    QVERIFY2(f.error().where.endsWith(QLatin1String("README.md")),
             qPrintable(f.error().toString()));
    const Result<FileDiff> none = diffFile(m_repo, m_base, m_feature, S("no/such/file"));
    QVERIFY(!none.ok());
    const Result<FileDiff> badRev =
        diffFile(m_repo, S("0123456789abcdef"), m_feature, S("big.txt"));
    QVERIFY(!badRev.ok());
    QVERIFY(badRev.error().message.contains(QLatin1String("0123456789abcdef")));
}

void TestDiff::markIntraLine_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("removedRanges");
    QTest::addColumn<QString>("addedRanges");
    QTest::newRow("identical") << S("same text") << S("same text") << QString() << QString();
    QTest::newRow("one character") << S("x = 1;") << S("x = 2;") << S("4:1") << S("4:1");
    QTest::newRow("grows to the word")
        << S("int count = 0;") << S("int counter = 0;") << S("4:5") << S("4:7");
    QTest::newRow("word in call") << S("return foo(bar);") << S("return foo(baz);") << S("11:3")
                                  << S("11:3");
    QTest::newRow("insertion") << S("foo(a)") << S("foo(a, b)") << QString() << S("5:3");
    QTest::newRow("deletion") << S("foo(a, b)") << S("foo(a)") << S("5:3") << QString();
    QTest::newRow("whitespace") << S("a  b") << S("a b") << S("2:1") << QString();
    QTest::newRow("mostly different")
        << S("alpha beta") << S("gamma delta") << QString() << QString();
    QTest::newRow("all new") << QString() << S("abc") << QString() << QString();
    QTest::newRow("word would be too much") << S("foo") << S("fop") << S("2:1") << S("2:1");
    QTest::newRow("surrogate pair kept whole")
        << QStringLiteral("a\U0001F600b x") << QStringLiteral("a\U0001F601b x") << S("1:2")
        << S("1:2");
    QTest::newRow("two words apart")
        << S("call(first, middle, last)") << S("call(fast, middle, lost)") << S("6:16")
        << S("6:15"); // whole words would be > 70%
    QTest::newRow("identifier middle") << S("fooBar = 1") << S("fuBar = 1") << S("0:6") << S("0:5");
}

void TestDiff::markIntraLine()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(QString, removedRanges);
    QFETCH(QString, addedRanges);
    DiffLine removed{DiffLine::Removed, 1, 0, before, {{0, 1}}}; // stale ranges are replaced
    DiffLine added{DiffLine::Added, 0, 1, after, {}};
    chorus::markIntraLine(removed, added);
    QCOMPARE(rangesString(removed.changed), removedRanges);
    QCOMPARE(rangesString(added.changed), addedRanges);
    for (const DiffRange &r : removed.changed)
        QVERIFY(r.length > 0 && r.start + r.length <= before.size());
    for (const DiffRange &r : added.changed)
        QVERIFY(r.length > 0 && r.start + r.length <= after.size());
}

void TestDiff::sideBySide_data()
{
    // Lines: C context, - removed, + added, o/n/b "no newline" marker of the old/new/both sides.
    QTest::addColumn<QString>("kinds");
    QTest::addColumn<QString>("rows");
    QTest::newRow("one replaced") << S("C-+C") << S("0:0 1:2 3:3");
    QTest::newRow("more removed") << S("C--+C") << S("0:0 1:3 2:-1 4:4");
    QTest::newRow("more added") << S("C-+++") << S("0:0 1:2 -1:3 -1:4");
    QTest::newRow("only removed") << S("--") << S("0:-1 1:-1");
    QTest::newRow("only added") << S("++") << S("-1:0 -1:1");
    QTest::newRow("two blocks") << S("-+-+") << S("0:1 2:3");
    QTest::newRow("added then removed") << S("+-") << S("-1:0 1:-1");
    QTest::newRow("old side marker") << S("-o+") << S("0:2 1:-1");
    QTest::newRow("new side marker") << S("-+n") << S("0:1 -1:2");
    QTest::newRow("both markers") << S("-o+n") << S("0:2 1:-1 -1:3");
    QTest::newRow("context marker") << S("Cb") << S("0:0 1:1");
    QTest::newRow("empty") << QString() << QString();
}

void TestDiff::sideBySide()
{
    QFETCH(QString, kinds);
    QFETCH(QString, rows);
    DiffHunk hunk;
    int oldLine = 1, newLine = 1;
    for (QChar k : kinds) {
        DiffLine l;
        const DiffLine *prev = hunk.lines.isEmpty() ? nullptr : &hunk.lines.constLast();
        switch (k.toLatin1()) {
        case 'C':
            l = {DiffLine::Context, oldLine++, newLine++, S("c"), {}};
            break;
        case '-':
            l = {DiffLine::Removed, oldLine++, 0, S("r"), {}};
            break;
        case '+':
            l = {DiffLine::Added, 0, newLine++, S("a"), {}};
            break;
        case 'o':
            l = {DiffLine::NoNewlineAtEnd, prev->oldLine, 0, S("\\"), {}};
            break;
        case 'n':
            l = {DiffLine::NoNewlineAtEnd, 0, prev->newLine, S("\\"), {}};
            break;
        default:
            l = {DiffLine::NoNewlineAtEnd, prev->oldLine, prev->newLine, S("\\"), {}};
            break;
        }
        hunk.lines.append(l);
    }
    QCOMPARE(rowsString(chorus::sideBySide(hunk)), rows);
    // Markers without line numbers go by the line before them.
    for (DiffLine &l : hunk.lines)
        if (l.kind == DiffLine::NoNewlineAtEnd && !(l.oldLine && l.newLine))
            l.oldLine = l.newLine = 0;
    QCOMPARE(rowsString(chorus::sideBySide(hunk)), rows);
}

QTEST_GUILESS_MAIN(TestDiff)
#include "tst_diff.moc"
