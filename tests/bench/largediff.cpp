#include "largediff.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <numeric>

namespace chorus::bench {

constexpr int kBaseFiles = 3000;
constexpr int kModified = 1879; // plus the largest file
constexpr int kAdded = 100;
constexpr int kRenamed = 15;
constexpr int kBinary = 5;
constexpr int kLargestChanged = 5000;
constexpr int kTotalChanged = 100000;

QProcessEnvironment gitEnv(const QString &home, const QString &indexFile)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    env.insert(QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("Bench"));
    env.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("bench@example.invalid"));
    env.insert(QStringLiteral("GIT_COMMITTER_NAME"), QStringLiteral("Bench"));
    env.insert(QStringLiteral("GIT_COMMITTER_EMAIL"), QStringLiteral("bench@example.invalid"));
    if (!indexFile.isEmpty())
        env.insert(QStringLiteral("GIT_INDEX_FILE"), indexFile);
    return env;
}

bool runGit(const QString &dir, const QStringList &args, const QByteArray &input, QByteArray *out,
            const QString &indexFile)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessEnvironment(gitEnv(dir, indexFile));
    p.start(QStringLiteral("git"), args);
    if (!p.waitForStarted())
        return false;
    qsizetype written = 0;
    while (written < input.size()) { // feed in chunks so a big stream cannot fill the pipe
        const qint64 n = p.write(input.constData() + written,
                                 std::min<qsizetype>(input.size() - written, 1 << 20));
        if (n < 0)
            return false;
        written += n;
        p.waitForBytesWritten(-1);
    }
    p.closeWriteChannel();
    p.waitForFinished(-1);
    const QByteArray stdOut = p.readAllStandardOutput();
    if (out)
        *out = stdOut;
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("git %s failed: %s", qPrintable(args.join(QLatin1Char(' '))),
                 p.readAllStandardError().constData());
        return false;
    }
    return true;
}

QByteArray codeLine(QRandomGenerator &rng, int file, int line)
{
    static const char *const words[] = {"value",  "count",   "result", "index",  "buffer",
                                        "config", "session", "branch", "update", "render",
                                        "parse",  "token",   "offset", "length"};
    QByteArray s = "    ";
    s += words[rng.bounded(14)];
    s += " = compute_";
    s += words[rng.bounded(14)];
    s += "(f" + QByteArray::number(file) + ", l" + QByteArray::number(line) + ", " +
         QByteArray::number(rng.bounded(100000)) + ");\n";
    return s;
}

QList<QByteArray> makeLines(QRandomGenerator &rng, int file, int count)
{
    QList<QByteArray> lines;
    lines.reserve(count);
    for (int l = 0; l < count; ++l)
        lines << codeLine(rng, file, l);
    return lines;
}

// Replaces `count` distinct lines with new unique ones: exactly count removed + count added.
void replaceLines(QRandomGenerator &rng, QList<QByteArray> &lines, int file, int count)
{
    QList<int> idx(lines.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::shuffle(idx.begin(), idx.end(), rng);
    for (int k = 0; k < count; ++k)
        lines[idx[k]] = "    changed(" + QByteArray::number(file) + ", " + QByteArray::number(k) +
                        ", " + QByteArray::number(rng.bounded(1000000)) + ");\n";
}

QByteArray binaryContent(QRandomGenerator &rng, int size)
{
    QByteArray b(size, '\0');
    for (int i = 0; i < size; i += 4)
        b[i] = char(rng.bounded(256));
    return b;
}

// Builds the repository (not timed) the way an agent's branch looks: the base history packed
// by `git repack -adf` (as after a clone or gc), the branch's commit as loose objects.
// (A pack written by fast-import itself chains unrelated blobs 50 deep, which libgit2 reads
// ten times slower than git; real packs do not look like that.) Returns the largest file.
bool buildLargeDiffRepo(const QString &dir, QString *largest)
{
    QRandomGenerator rng(7);
    if (!runGit(dir, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"),
                      QStringLiteral("main")}))
        return false;
    auto path = [](int f) -> QByteArray {
        return "src/mod" + QByteArray::number(f % 40) + "/file" + QByteArray::number(f) + ".c";
    };
    auto binaryPath = [](int f) -> QByteArray {
        return "assets/image" + QByteArray::number(f) + ".bin";
    };
    auto renamedPath = [](const char *folder, int f) -> QByteArray {
        return folder + QByteArray::number(f) + ".c";
    };
    QList<QList<QByteArray>> files(kBaseFiles);
    QByteArray stream;
    stream.reserve(64 << 20);
    stream += "commit refs/heads/main\ncommitter Bench <bench@example.invalid> 1700000000 "
              "+0000\ndata 4\nbase\n";
    auto inlineFile = [&stream](const QByteArray &p, const QByteArray &content) {
        stream += "M 100644 inline " + p + "\ndata " + QByteArray::number(content.size()) + "\n" +
                  content + "\n";
    };
    // File 0 is the largest; 1..kBinary are binary; then the renamed ones; the rest modified or
    // unchanged.
    const int firstModified = kBinary + kRenamed + 1;
    for (int f = 0; f < kBaseFiles; ++f) {
        if (f >= 1 && f < firstModified - kRenamed) {
            inlineFile(binaryPath(f), binaryContent(rng, 20000));
            continue;
        }
        files[f] = makeLines(rng, f, f == 0 ? 3000 : 60 + int(rng.bounded(240)));
        inlineFile(f >= firstModified - kRenamed && f < firstModified
                       ? renamedPath("old/renamed", f)
                       : path(f),
                   files[f].join());
    }
    stream += "done\n";
    if (!runGit(
            dir,
            {QStringLiteral("fast-import"), QStringLiteral("--quiet"), QStringLiteral("--done")},
            stream) ||
        !runGit(dir, {QStringLiteral("repack"), QStringLiteral("-a"), QStringLiteral("-d"),
                      QStringLiteral("-f"), QStringLiteral("-q")}))
        return false;

    // The branch: new contents written to a scratch folder, hashed into loose objects, then
    // an index from main's tree with those entries, a tree and a commit.
    QList<QPair<QByteArray, QByteArray>> changed; // path -> content
    replaceLines(rng, files[0], 0, kLargestChanged / 2);
    changed.append({path(0), files[0].join()});
    for (int f = 1; f < firstModified - kRenamed; ++f)
        changed.append({binaryPath(f), binaryContent(rng, 20000)});
    QByteArray removals;
    for (int f = firstModified - kRenamed; f < firstModified; ++f) {
        replaceLines(rng, files[f], f, 2);
        changed.append({renamedPath("new/renamed", f), files[f].join()});
        removals +=
            "0 0000000000000000000000000000000000000000\t" + renamedPath("old/renamed", f) + "\n";
    }
    for (int a = 0; a < kAdded; ++a)
        changed.append(
            {"added/new" + QByteArray::number(a) + ".c", makeLines(rng, 100000 + a, 40).join()});
    // What is left, as replaced line pairs over the modified files; the swings cancel pairwise.
    const int pairsLeft = (kTotalChanged - kLargestChanged - 4 * kRenamed - 40 * kAdded) / 2;
    int swing = 0;
    for (int i = 0; i < kModified; ++i) {
        const int f = firstModified + i;
        int r = pairsLeft / kModified + (i < pairsLeft % kModified ? 1 : 0);
        if (i % 2 == 0)
            swing = i + 1 < kModified ? int(rng.bounded(18)) : 0;
        r += i % 2 == 0 ? swing : -swing;
        replaceLines(rng, files[f], f, r);
        changed.append({path(f), files[f].join()});
    }

    QTemporaryDir scratch;
    QByteArray paths;
    for (qsizetype i = 0; i < changed.size(); ++i) {
        const QString file = scratch.filePath(QString::number(i));
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly) || f.write(changed[i].second) != changed[i].second.size())
            return false;
        paths += QFile::encodeName(file) + "\n";
    }
    QByteArray ids;
    if (!runGit(
            dir,
            {QStringLiteral("hash-object"), QStringLiteral("-w"), QStringLiteral("--stdin-paths")},
            paths, &ids))
        return false;
    const QList<QByteArray> idList = ids.trimmed().split('\n');
    if (idList.size() != changed.size())
        return false;
    QByteArray indexInfo = removals;
    for (qsizetype i = 0; i < changed.size(); ++i)
        indexInfo += "100644 " + idList[i] + "\t" + changed[i].first + "\n";
    const QString index = scratch.filePath(QStringLiteral("index"));
    QByteArray tree, commit;
    if (!runGit(dir, {QStringLiteral("read-tree"), QStringLiteral("main")}, {}, nullptr, index) ||
        !runGit(dir, {QStringLiteral("update-index"), QStringLiteral("--index-info")}, indexInfo,
                nullptr, index) ||
        !runGit(dir, {QStringLiteral("write-tree")}, {}, &tree, index) ||
        !runGit(dir,
                {QStringLiteral("commit-tree"), QString::fromLatin1(tree.trimmed()),
                 QStringLiteral("-p"), QStringLiteral("main"), QStringLiteral("-m"),
                 QStringLiteral("branch")},
                {}, &commit) ||
        !runGit(dir, {QStringLiteral("update-ref"), QStringLiteral("refs/heads/branch"),
                      QString::fromLatin1(commit.trimmed())}))
        return false;
    *largest = QString::fromLatin1(path(0));
    return true;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

double msSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace chorus::bench
