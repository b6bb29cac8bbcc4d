#include "gitcommands.h"

#include "cliio.h"
#include "clitext.h"
#include "git/diff.h"
#include "rpc/protocol.h"
#include "rpc/rpcclient.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QLocale>
#include <QTextStream>

namespace chorus::cli {

namespace {

QString repoParam(const Args &a)
{
    return QDir(a.value(QStringLiteral("repo"), QDir::currentPath())).absolutePath();
}

QString statusWord(FileDiff::Status s)
{
    switch (s) {
    case FileDiff::Added: return QStringLiteral("added");
    case FileDiff::Deleted: return QStringLiteral("deleted");
    case FileDiff::Modified: return QStringLiteral("modified");
    case FileDiff::Renamed: return QStringLiteral("renamed");
    case FileDiff::Copied: return QStringLiteral("copied");
    case FileDiff::TypeChanged: return QStringLiteral("typechange");
    }
    return {};
}

QJsonObject fileJson(const FileDiff &f)
{
    QJsonObject o{{QStringLiteral("path"), f.path()},
                  {QStringLiteral("status"), statusWord(f.status)},
                  {QStringLiteral("additions"), f.additions},
                  {QStringLiteral("deletions"), f.deletions},
                  {QStringLiteral("binary"), f.binary}};
    if (f.status == FileDiff::Renamed || f.status == FileDiff::Copied) {
        o.insert(QStringLiteral("oldPath"), f.oldPath);
        o.insert(QStringLiteral("similarity"), f.similarity);
    }
    if (!f.oldBlob.isEmpty())
        o.insert(QStringLiteral("oldBlob"), f.oldBlob);
    if (!f.newBlob.isEmpty())
        o.insert(QStringLiteral("newBlob"), f.newBlob);
    if (f.modeChanged()) {
        o.insert(QStringLiteral("oldMode"), QString::number(f.oldMode, 8));
        o.insert(QStringLiteral("newMode"), QString::number(f.newMode, 8));
    }
    if (!f.hunks.isEmpty()) {
        QJsonArray hunks;
        for (const DiffHunk &h : f.hunks) {
            QJsonArray lines;
            for (const DiffLine &l : h.lines) {
                static const char *const kinds[] = {" ", "+", "-", "\\"};
                QJsonObject line{{QStringLiteral("kind"), QLatin1String(kinds[l.kind])},
                                 {QStringLiteral("text"), l.text}};
                if (l.oldLine)
                    line.insert(QStringLiteral("old"), l.oldLine);
                if (l.newLine)
                    line.insert(QStringLiteral("new"), l.newLine);
                if (!l.changed.isEmpty()) {
                    QJsonArray ranges;
                    for (const DiffRange &r : l.changed)
                        ranges.append(QJsonArray{r.start, r.length});
                    line.insert(QStringLiteral("changed"), ranges);
                }
                lines.append(line);
            }
            hunks.append(QJsonObject{{QStringLiteral("header"), h.header},
                                     {QStringLiteral("oldStart"), h.oldStart},
                                     {QStringLiteral("oldLines"), h.oldLines},
                                     {QStringLiteral("newStart"), h.newStart},
                                     {QStringLiteral("newLines"), h.newLines},
                                     {QStringLiteral("lines"), lines}});
        }
        o.insert(QStringLiteral("hunks"), hunks);
    }
    return o;
}

Styled colored(const QString &text, const char *sgr, bool color)
{
    return Styled{text, color ? sgr : nullptr};
}

void printStat(const DiffSummary &d, bool color)
{
    int width = 0;
    auto label = [](const FileDiff &f) {
        return f.status == FileDiff::Renamed ? QStringLiteral("%1 => %2").arg(f.oldPath, f.newPath) : f.path();
    };
    for (const FileDiff &f : d.files)
        width = qMax(width, int(visibleControls(label(f)).size()));
    width = qMin(width, 70);
    for (const FileDiff &f : d.files) {
        QString l = visibleControls(label(f)); // as wide as it is shown
        if (l.size() > width)
            l = QChar(0x2026) + l.right(width - 1);
        QString extra;
        if (f.modeChanged())
            extra = QStringLiteral("  (mode %1 -> %2)").arg(QString::number(f.oldMode, 8), QString::number(f.newMode, 8));
        else if (f.status == FileDiff::Added || f.status == FileDiff::Deleted)
            extra = QStringLiteral("  (%1)").arg(statusWord(f.status));
        out() << QLatin1Char(' ') << l.leftJustified(width) << QStringLiteral(" | ");
        if (f.binary)
            out() << QStringLiteral("Bin");
        else
            out() << colored(QStringLiteral("+%1").arg(f.additions), "32", color)
                  << QLatin1Char(' ')
                  << colored(QStringLiteral("-%1").arg(f.deletions), "31", color);
        out() << extra << '\n';
    }
    out() << Cli::tr(" %n file(s) changed, ", nullptr, int(d.files.size()))
          << Cli::tr("%n insertion(s)(+), ", nullptr, d.additions) << Cli::tr("%n deletion(s)(-)", nullptr, d.deletions)
          << Qt::endl;
}

void printPatch(const FileDiff &f, bool color)
{
    const QString a = f.status == FileDiff::Added ? QStringLiteral("/dev/null") : QStringLiteral("a/") + f.oldPath;
    const QString b = f.status == FileDiff::Deleted ? QStringLiteral("/dev/null") : QStringLiteral("b/") + f.newPath;
    // git's own extended header, so that `git apply`, `patch` and every patch viewer take it:
    // a new or deleted file says so with its mode (an empty new file has no hunk to say it).
    out() << colored(QStringLiteral("diff --git a/%1 b/%2")
                         .arg(f.oldPath.isEmpty() ? f.newPath : f.oldPath,
                              f.newPath.isEmpty() ? f.oldPath : f.newPath),
                     "1", color)
          << '\n';
    if (f.status == FileDiff::Added)
        out() << QStringLiteral("new file mode %1\n")
                     .arg(QString::number(f.newMode ? f.newMode : 0100644, 8));
    else if (f.status == FileDiff::Deleted)
        out() << QStringLiteral("deleted file mode %1\n")
                     .arg(QString::number(f.oldMode ? f.oldMode : 0100644, 8));
    if (f.status == FileDiff::Renamed)
        out() << QStringLiteral("similarity index %1%\nrename from %2\nrename to %3\n").arg(f.similarity).arg(f.oldPath, f.newPath);
    else if (f.status == FileDiff::Copied)
        out() << QStringLiteral("similarity index %1%\ncopy from %2\ncopy to %3\n")
                     .arg(f.similarity)
                     .arg(f.oldPath, f.newPath);
    if (f.modeChanged())
        out() << QStringLiteral("old mode %1\nnew mode %2\n").arg(QString::number(f.oldMode, 8), QString::number(f.newMode, 8));
    if (f.binary) {
        out() << QStringLiteral("Binary files %1 and %2 differ\n").arg(a, b);
        return;
    }
    if (f.hunks.isEmpty())
        return;
    out() << colored(QStringLiteral("--- ") + a, "1", color) << '\n' << colored(QStringLiteral("+++ ") + b, "1", color) << '\n';
    for (const DiffHunk &h : f.hunks) {
        out() << colored(h.header, "36", color) << '\n';
        for (const DiffLine &l : h.lines) {
            switch (l.kind) {
            case DiffLine::Context: out() << QLatin1Char(' ') << l.text << '\n'; break;
            case DiffLine::Added: out() << colored(QLatin1Char('+') + l.text, "32", color) << '\n'; break;
            case DiffLine::Removed: out() << colored(QLatin1Char('-') + l.text, "31", color) << '\n'; break;
            case DiffLine::NoNewlineAtEnd: out() << QStringLiteral("\\ ") << l.text << '\n'; break;
            }
        }
    }
}

// What to do about an agent whose branch conflicts with `into` (empty: the default target).
QString conflictNextStep(const QString &name, const QString &into)
{
    const QString resolve = into.isEmpty()
                                ? QStringLiteral("chorus resolve %1").arg(name)
                                : QStringLiteral("chorus resolve %1 --into=%2").arg(name, into);
    return Cli::tr("      next: `%1` starts a resolver agent on it, or resolve it by hand in "
                   "chorus-gui (Review, then Resolve Conflicts)\n")
        .arg(resolve);
}

// Prints one line per agent of a merge/sync report (with the next step for a conflict);
// returns whether all went well.
bool printItems(const QJsonArray &items, const QStringList &goodStates, const QString &into = {})
{
    bool allGood = true;
    for (const QJsonValue &v : items) {
        const QJsonObject i = v.toObject();
        const QString state = i.value(QLatin1String("state")).toString();
        allGood = allGood && goodStates.contains(state);
        out() << QStringLiteral("  %1 %2  %3\n")
                     .arg(i.value(QLatin1String("name")).toString().leftJustified(20), state.leftJustified(14),
                          i.value(QLatin1String("message")).toString());
        const QJsonObject outcome = i.value(QLatin1String("outcome")).toObject();
        for (const QJsonValue &c : outcome.value(QLatin1String("conflicts")).toArray()) {
            const QJsonObject cf = c.toObject();
            out() << QStringLiteral("      %1 %2\n").arg(cf.value(QLatin1String("kind")).toString().leftJustified(14),
                                                        cf.value(QLatin1String("path")).toString());
        }
        if (state == QLatin1String("conflict"))
            out() << conflictNextStep(i.value(QLatin1String("name")).toString(), into);
        if (outcome.contains(QLatin1String("checkOutput")) && state != QLatin1String("merged")) {
            const QStringList lines = outcome.value(QLatin1String("checkOutput")).toString().trimmed().split(QLatin1Char('\n'));
            out() << Cli::tr("      check output (last %n line(s)):\n", nullptr, int(qMin<qsizetype>(lines.size(), 20)));
            for (const QString &l : lines.mid(qMax<qsizetype>(0, lines.size() - 20)))
                out() << QStringLiteral("      | ") << l << '\n';
        }
    }
    out().flush();
    return allGood;
}
} // namespace

int cmdDiff(const Args &a)
{
    RpcClient client;
    if (!connectEngine(client))
        return 1;
    const Result<QJsonValue> t = call(
        client, rpc::method::ReviewTarget,
        rpc::toParams(rpc::TargetRequest{a.positional.value(0), a.value(QStringLiteral("into"))}));
    if (!t)
        return fail(t.error());
    const QJsonObject target = t->toObject();
    const QString repo = target.value(QLatin1String("repo")).toString();
    const bool stat = a.has(QStringLiteral("stat"));
    const bool json = a.has(QStringLiteral("json"));
    const bool color = !json && stdoutIsTerminal() && qEnvironmentVariableIsEmpty("NO_COLOR");
    const Result<DiffSummary> d = diffBranch(repo, target.value(QLatin1String("branch")).toString(),
                                             target.value(QLatin1String("target")).toString(), nullptr,
                                             stat ? DiffDetail::Summary : DiffDetail::Patch);
    if (!d)
        return fail(d.error());
    const QList<FileDiff> &files = d->files;
    if (json) {
        QJsonArray arr;
        for (const FileDiff &f : files)
            arr.append(fileJson(f));
        printJson(QJsonObject{{QStringLiteral("repo"), repo},
                              {QStringLiteral("branch"), d->branch},
                              {QStringLiteral("target"), d->target},
                              {QStringLiteral("head"), d->headCommit},
                              {QStringLiteral("mergeBase"), d->baseCommit},
                              {QStringLiteral("additions"), d->additions},
                              {QStringLiteral("deletions"), d->deletions},
                              {QStringLiteral("files"), arr}});
        return 0;
    }
    if (files.isEmpty()) {
        out() << Cli::tr("%1 has no changes since it left %2.").arg(d->branch, d->target) << Qt::endl;
        return 0;
    }
    if (stat) {
        printStat(*d, color);
        return 0;
    }
    for (const FileDiff &f : files)
        printPatch(f, color);
    out().flush();
    return 0;
}

int cmdSync(const Args &a)
{
    RpcClient client;
    if (!connectEngine(client))
        return 1;
    const bool rebase = a.has(QStringLiteral("rebase"));
    const rpc::SyncRequest request{a.positional, repoParam(a), a.value(QStringLiteral("into")),
                                   rebase};
    const Result<QJsonValue> r =
        call(client, rpc::method::RepoSync, rpc::toParams(request), kLongCall);
    if (!r)
        return fail(r.error());
    if (a.has(QStringLiteral("json"))) {
        printJson(*r);
        return 0;
    }
    out() << (rebase ? Cli::tr("Rebased agent branches on their target:") : Cli::tr("Merged the target into agent branches:"))
          << '\n';
    const bool ok =
        printItems(r->toObject().value(QLatin1String("items")).toArray(),
                   {QStringLiteral("merged"), QStringLiteral("up-to-date")}, request.into);
    return ok ? 0 : 1;
}

int cmdMerge(const Args &a)
{
    RpcClient client;
    if (!connectEngine(client))
        return 1;
    MergeQueueOptions options;
    options.agents = a.positional;
    options.repo = repoParam(a);
    options.strategy = a.value(QStringLiteral("strategy"), QStringLiteral("auto"));
    options.into = a.value(QStringLiteral("into"));
    options.check = a.value(QStringLiteral("check"));
    const bool json = a.has(QStringLiteral("json"));
    if (!a.has(QStringLiteral("yes"))) {
        if (!stdinIsTerminal()) {
            err() << Cli::tr("chorus merge: add --yes to merge without being asked (stdin is not a terminal)") << Qt::endl;
            return 2;
        }
        MergeQueueOptions plan = options;
        plan.dryRun = true;
        const Result<QJsonValue> p =
            call(client, rpc::method::MergeRun, rpc::toParams(plan), kLongCall);
        if (!p)
            return fail(p.error());
        out() << Cli::tr("The merge queue (%1):").arg(options.strategy) << '\n';
        printItems(p->toObject().value(QLatin1String("items")).toArray(), {}, options.into);
        out() << Cli::tr("Merge these now? [y/N] ");
        out().flush();
        QTextStream in(stdin);
        const QString answer = in.readLine().trimmed().toLower();
        if (answer != QLatin1String("y") && answer != QLatin1String("yes")) {
            out() << Cli::tr("Nothing merged.") << Qt::endl;
            return 1;
        }
    }
    const Result<QJsonValue> r =
        call(client, rpc::method::MergeRun, rpc::toParams(options), kLongCall);
    if (!r)
        return fail(r.error());
    if (json) {
        printJson(*r);
    } else {
        out() << Cli::tr("Merge queue (%1):").arg(r->toObject().value(QLatin1String("strategy")).toString()) << '\n';
    }
    const QJsonArray items = r->toObject().value(QLatin1String("items")).toArray();
    bool ok = true;
    if (json) {
        for (const QJsonValue &v : items) {
            const QString s = v.toObject().value(QLatin1String("state")).toString();
            ok = ok && (s == QLatin1String("merged") || s == QLatin1String("up-to-date"));
        }
    } else {
        ok = printItems(items, {QStringLiteral("merged"), QStringLiteral("up-to-date")},
                        options.into);
    }
    return ok ? 0 : 1;
}

int cmdApproveMerge(const Args &a)
{
    const bool revoke = a.has(QStringLiteral("revoke"));
    return simpleCall(rpc::method::MergeApprove,
                      rpc::toParams(rpc::MergeApproveRequest{a.positional.value(0), !revoke}),
                      revoke ? Cli::tr("Approval withdrawn.")
                             : Cli::tr("Approved for merge (`chorus merge --strategy=review`)."));
}

int cmdClean(const Args &a)
{
    if (a.has(QStringLiteral("merged")) && a.has(QStringLiteral("all"))) {
        err() << Cli::tr("chorus clean: give --merged or --all, not both") << Qt::endl;
        return 2;
    }
    RpcClient client;
    if (!connectEngine(client))
        return 1;
    const rpc::CleanRequest request{a.positional, a.has(QStringLiteral("all")),
                                    a.has(QStringLiteral("force"))};
    const Result<QJsonValue> r =
        call(client, rpc::method::AgentsClean, rpc::toParams(request), kLongCall);
    if (!r)
        return fail(r.error());
    if (a.has(QStringLiteral("json"))) {
        printJson(*r);
        return 0;
    }
    const QJsonObject o = r->toObject();
    const QJsonArray items = o.value(QLatin1String("items")).toArray();
    if (items.isEmpty()) {
        out() << Cli::tr("No agent worktrees to clean.") << Qt::endl;
        return 0;
    }
    bool ok = true;
    for (const QJsonValue &v : items) {
        const QJsonObject i = v.toObject();
        const QString state = i.value(QLatin1String("state")).toString();
        ok = ok && state != QLatin1String("error");
        QString what = i.value(QLatin1String("message")).toString();
        if (state == QLatin1String("removed")) {
            QStringList parts{Cli::tr("worktree removed (%1)").arg(QLocale().formattedDataSize(i.value(QLatin1String("bytesFreed")).toInteger()))};
            if (i.value(QLatin1String("branchDeleted")).toBool())
                parts << Cli::tr("branch deleted");
            if (i.contains(QLatin1String("archiveRef")))
                parts << Cli::tr("commits kept under %1").arg(i.value(QLatin1String("archiveRef")).toString());
            what = parts.join(QStringLiteral(", ")) + (what.isEmpty() ? QString() : QStringLiteral("; ") + what);
        }
        out() << QStringLiteral("  %1 %2  %3\n").arg(i.value(QLatin1String("name")).toString().leftJustified(20),
                                                     state.leftJustified(8), what);
    }
    out() << Cli::tr("Freed %1.").arg(QLocale().formattedDataSize(o.value(QLatin1String("bytesFreed")).toInteger())) << Qt::endl;
    return ok ? 0 : 1;
}

} // namespace chorus::cli
