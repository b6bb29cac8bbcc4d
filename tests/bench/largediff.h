#pragma once

// The large agent branch the diff and review benchmarks share: 2,000 changed files /
// 100,000 changed lines (modified, added, renamed with edits, binary) over a base of 3,000
// files, built with the git CLI (packed like a cloned repository; the branch's objects loose).

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QStringList>

namespace chorus::bench {

// Runs git in `dir` without user configuration; stdin `input`, stdout into `out`.
bool runGit(const QString &dir, const QStringList &args, const QByteArray &input = {},
            QByteArray *out = nullptr, const QString &indexFile = {});
// Builds the repository in `dir`: branch main (the base) and `branch` (the change).
// `largest` gets the path of the file with the most changed lines.
bool buildLargeDiffRepo(const QString &dir, QString *largest);
double median(QList<double> v);
double msSince(const QElapsedTimer &t);

} // namespace chorus::bench
