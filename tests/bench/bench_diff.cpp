// Speed of the diff model on a large agent branch: 2,000 changed files / 100,000 changed lines
// (modified, added, renamed with edits, binary) against a base of 3,000 files.
// Prints the time to the file list (diffBranch, with `git diff --stat` for scale) and per file
// (diffFile: the largest file, and the median / max over 50 random files).
// Targets: file list well under 1 s, any single file under 200 ms, on a 2-core machine.
#include "git/diff.h"
#include "largediff.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <numeric>

using namespace chorus;

using namespace chorus::bench;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTemporaryDir tmp;
    const QString repo = tmp.filePath(QStringLiteral("repo"));
    QDir().mkpath(repo);
    QString largest;
    QElapsedTimer build;
    build.start();
    if (!buildLargeDiffRepo(repo, &largest))
        return 1;
    out << "fixture built in " << build.elapsed() << " ms\n";
    out.flush();

    QList<double> gitTimes, listTimes;
    QByteArray stat;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer t;
        t.start();
        runGit(repo,
               {QStringLiteral("diff"), QStringLiteral("--stat"), QStringLiteral("main...branch")},
               {}, &stat);
        gitTimes << msSince(t);
    }
    Result<DiffSummary> summary = makeError(QStringLiteral("not run"));
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer t;
        t.start();
        summary = diffBranch(repo, QStringLiteral("branch"), QStringLiteral("main"));
        listTimes << msSince(t);
        if (!summary) {
            out << "diffBranch failed: " << summary.error().toString() << "\n";
            return 1;
        }
    }
    const QList<FileDiff> &files = summary->files;
    int renamed = 0, added = 0, binary = 0, largestLines = 0;
    for (const FileDiff &f : files) {
        renamed += f.status == FileDiff::Renamed;
        added += f.status == FileDiff::Added;
        binary += f.binary;
        if (f.path() == largest)
            largestLines = f.additions + f.deletions;
    }
    out << "fixture: " << files.size() << " files (" << added << " added, " << renamed
        << " renamed, " << binary << " binary), +" << summary->additions << " -"
        << summary->deletions << "\n";
    out << "git diff --stat: " << stat.trimmed().split('\n').constLast() << "\n";

    auto timeFile = [&](const QString &path, int context, double *ms) {
        QElapsedTimer t;
        t.start();
        const Result<FileDiff> f =
            diffFile(repo, summary->baseCommit, summary->headCommit, path, context);
        *ms = msSince(t);
        if (!f)
            out << "diffFile " << path << " failed: " << f.error().toString() << "\n";
        return f.ok();
    };
    QList<double> largestTimes;
    for (int i = 0; i < 5; ++i) {
        double ms = 0;
        if (!timeFile(largest, 3, &ms))
            return 1;
        largestTimes << ms;
    }
    double wholeLargest = 0;
    timeFile(largest, 1000000, &wholeLargest);
    QRandomGenerator rng(11);
    QList<double> perFile;
    double maxMs = 0;
    QString maxPath;
    for (int i = 0; i < 50; ++i) {
        const QString &p = files[qsizetype(rng.bounded(quint32(files.size())))].path();
        double ms = 0;
        if (!timeFile(p, 3, &ms))
            return 1;
        perFile << ms;
        if (ms > maxMs) {
            maxMs = ms;
            maxPath = p;
        }
    }
    // Added and renamed files take the rename-detection path of diffFile().
    QList<double> renameTimes;
    for (const FileDiff &f : files) {
        if (f.status != FileDiff::Renamed && f.status != FileDiff::Added)
            continue;
        double ms = 0;
        if (!timeFile(f.path(), 3, &ms))
            return 1;
        renameTimes << ms;
        if (renameTimes.size() == 10)
            break;
    }

    out << QStringLiteral("diff %1 files / %2 lines: file list %3 ms (git diff --stat %4 ms); "
                          "per file median %5 ms, max %6 ms (%7) over 50 random files; "
                          "largest file (%8 changed lines) %9 ms, whole-file context %10 ms; "
                          "added/renamed file median %11 ms\n")
               .arg(files.size())
               .arg(summary->additions + summary->deletions)
               .arg(median(listTimes), 0, 'f', 0)
               .arg(median(gitTimes), 0, 'f', 0)
               .arg(median(perFile), 0, 'f', 1)
               .arg(maxMs, 0, 'f', 1)
               .arg(maxPath)
               .arg(largestLines)
               .arg(median(largestTimes), 0, 'f', 1)
               .arg(wholeLargest, 0, 'f', 1)
               .arg(median(renameTimes), 0, 'f', 1);
    return 0;
}
