#include "limitcommands.h"

#include "cliio.h"
#include "clitext.h"
#include "paths.h"
#include "rpc/protocol.h"
#include "rpc/rpcclient.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <poll.h>
#include <unistd.h>

namespace chorus::cli {

namespace {

QString windowLabel(const QString &type)
{
    if (type == QLatin1String("five_hour"))
        return Cli::tr("5-hour");
    if (type == QLatin1String("seven_day"))
        return Cli::tr("weekly");
    if (type.startsWith(QLatin1String("seven_day_")))
        return Cli::tr("weekly %1").arg(type.mid(10));
    return type;
}

// "in 1 h 12 m", "in 3 m", "now"
QString countdown(qint64 ms, qint64 nowMs)
{
    const qint64 minutes = (ms - nowMs + 59999) / 60000;
    if (minutes <= 0)
        return Cli::tr("now");
    if (minutes < 60)
        return Cli::tr("in %1 m").arg(minutes);
    if (minutes < 48 * 60)
        return Cli::tr("in %1 h %2 m").arg(minutes / 60).arg(minutes % 60);
    return Cli::tr("in %1 days").arg(minutes / (24 * 60));
}

qint64 msOf(const QJsonValue &iso)
{
    return iso.isString()
               ? QDateTime::fromString(iso.toString(), Qt::ISODateWithMs).toMSecsSinceEpoch()
               : 0;
}

QString localTime(qint64 ms, qint64 nowMs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms);
    const bool today = t.date() == QDateTime::fromMSecsSinceEpoch(nowMs).date();
    return t.toString(today ? QStringLiteral("HH:mm") : QStringLiteral("ddd d MMM HH:mm"));
}

int printLimits(const QJsonObject &report)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool color = stdoutIsTerminal() && qEnvironmentVariableIsEmpty("NO_COLOR");
    for (const QJsonValue &pv : report.value(QLatin1String("profiles")).toArray()) {
        const QJsonObject p = pv.toObject();
        const QString mode = p.value(QLatin1String("mode")).toString();
        const char *sgr = mode == QLatin1String("paused")   ? "31"
                          : mode == QLatin1String("single") ? "33"
                                                            : "32";
        out() << Cli::tr("Profile %1: ").arg(p.value(QLatin1String("name")).toString())
              << Styled{mode, color ? sgr : nullptr};
        if (const qint64 resumes = msOf(p.value(QLatin1String("resumesAt"))); resumes > 0)
            out() << Cli::tr(", resumes at %1 (%2)")
                         .arg(localTime(resumes, now), countdown(resumes, now));
        out() << '\n';
        if (const QString reason = p.value(QLatin1String("reason")).toString(); !reason.isEmpty())
            out() << QStringLiteral("  ") << reason << '\n';
        const QJsonArray windows = p.value(QLatin1String("windows")).toArray();
        if (windows.isEmpty())
            out() << Cli::tr(
                         "  no window reported yet (Claude reports them to subscription logins)")
                  << '\n';
        for (const QJsonValue &wv : windows) {
            const QJsonObject w = wv.toObject();
            const QJsonValue u = w.value(QLatin1String("utilization"));
            const QString used = u.isDouble()
                                     ? QStringLiteral("%1%").arg(qRound(u.toDouble() * 100))
                                     : QStringLiteral("?");
            const qint64 reset = msOf(w.value(QLatin1String("resetsAt")));
            out() << QStringLiteral("  %1 %2  %3  %4  %5\n")
                         .arg(windowLabel(w.value(QLatin1String("type")).toString())
                                  .leftJustified(12),
                              used.rightJustified(4),
                              (reset > 0 ? Cli::tr("resets %1 (%2)")
                                               .arg(localTime(reset, now), countdown(reset, now))
                                         : Cli::tr("reset not known"))
                                  .leftJustified(30),
                              w.value(QLatin1String("status")).toString().leftJustified(15),
                              w.value(QLatin1String("source")).toString());
        }
    }
    const QJsonArray waiting = report.value(QLatin1String("waiting")).toArray();
    out() << Cli::tr("Running: %1   Queued: %2   Waiting on a limit: %3\n")
                 .arg(report.value(QLatin1String("running")).toArray().size())
                 .arg(report.value(QLatin1String("queued")).toArray().size())
                 .arg(waiting.size());
    for (const QJsonValue &a : waiting) {
        const qint64 resumes = msOf(a[QLatin1String("resumesAt")]);
        out() << QStringLiteral("  %1 ").arg(a[QLatin1String("name")].toString())
              << (resumes > 0 ? Cli::tr("resumes at %1 (%2)")
                                    .arg(localTime(resumes, now), countdown(resumes, now))
                              : Cli::tr("resumes when the limit resets"))
              << '\n';
    }
    const QJsonObject wasted = report.value(QLatin1String("wastedLast7Days")).toObject();
    if (const int turns = wasted.value(QLatin1String("turns")).toInt(); turns > 0)
        out() << Cli::tr(
                     "Spent on turns that ended on a limit (7 days): %1 turns, %2 tokens, $%3\n")
                     .arg(turns)
                     .arg(QLocale(QLocale::English)
                              .toString(qint64(wasted.value(QLatin1String("tokens")).toDouble())))
                     .arg(wasted.value(QLatin1String("costUsd")).toDouble(), 0, 'f', 2);
    return 0;
}

// Reads stdin until EOF, at most `maxBytes` and `timeoutMs` in all (Claude Code writes one
// object and closes it; a terminal or a stuck writer must not hold the status line).
QByteArray readStdin(qsizetype maxBytes, int timeoutMs)
{
    QByteArray data;
    const qint64 deadline = QDateTime::currentMSecsSinceEpoch() + timeoutMs;
    char buf[65536];
    while (data.size() < maxBytes) {
        const qint64 left = deadline - QDateTime::currentMSecsSinceEpoch();
        if (left <= 0)
            break;
        pollfd p{STDIN_FILENO, POLLIN, 0};
        if (::poll(&p, 1, int(left)) <= 0)
            break;
        const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
        if (n <= 0)
            break;
        data.append(buf, qsizetype(n));
    }
    return data.left(maxBytes);
}

// The profile a Claude config dir stands for (the default one until profiles name theirs).
QString profileOfTranscript(const QString &)
{
    return QStringLiteral("default");
}

} // namespace

int cmdLimits(const Args &a)
{
    RpcClient client;
    if (!connectEngine(client))
        return 1;
    const QString sub = a.positional.value(0);
    QString method = QString(rpc::method::LimitsGet);
    QJsonObject params;
    if (sub == QLatin1String("resume")) {
        method = QString(rpc::method::LimitsResume);
        params.insert(QStringLiteral("profile"), a.positional.value(1));
    } else if (!sub.isEmpty()) {
        return fail(makeError(Cli::tr("unknown limits command '%1'").arg(sub), {},
                              Cli::tr("Use `chorus limits` or `chorus limits resume [PROFILE]`.")));
    }
    const Result<QJsonValue> r = call(client, method, params);
    if (!r)
        return fail(r.error());
    if (a.has(QStringLiteral("json"))) {
        printJson(*r);
        return 0;
    }
    return printLimits(r->toObject());
}

int cmdStatusline(const Args &)
{
    // Never fails and never waits long: Claude Code runs this on every redraw.
    const QJsonObject input = QJsonDocument::fromJson(readStdin(1 << 20, 1000)).object();
    const QJsonObject limits = input.value(QLatin1String("rate_limits")).toObject();
    QJsonObject windows;
    QStringList parts;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const auto &[key, label] : {std::pair{"five_hour", "5h"}, std::pair{"seven_day", "7d"}}) {
        const QJsonObject w = limits.value(QLatin1String(key)).toObject();
        if (!w.value(QLatin1String("used_percentage")).isDouble())
            continue;
        const double used = w.value(QLatin1String("used_percentage")).toDouble();
        const double reset = w.value(QLatin1String("resets_at")).toDouble();
        windows.insert(QLatin1String(key),
                       QJsonObject{{QStringLiteral("utilization"), used / 100.0},
                                   {QStringLiteral("resetsAt"), reset}});
        QString part = QStringLiteral("%1 %2%").arg(QLatin1String(label)).arg(qRound(used));
        if (reset > 0 && key == std::string_view("five_hour"))
            part += QStringLiteral(" \u00b7 ") +
                    Cli::tr("resets %1")
                        .arg(countdown(qint64(reset * 1000), now).remove(QStringLiteral("in ")));
        parts.append(part);
    }
    // The engine only if it runs: a status line never starts one.
    RpcClient client;
    const Result<QString> socket = paths::socketPath();
    if (socket && client.connectToEngine(*socket, 150)) {
        if (!windows.isEmpty())
            client.callSync(
                QString(rpc::method::LimitsRecord),
                QJsonObject{
                    {QStringLiteral("profile"),
                     profileOfTranscript(input.value(QLatin1String("transcript_path")).toString())},
                    {QStringLiteral("source"), QStringLiteral("statusline")},
                    {QStringLiteral("windows"), windows}},
                500);
        const Result<QJsonValue> report = client.callSync(QString(rpc::method::LimitsGet), {}, 500);
        if (report) {
            const QJsonObject o = report->toObject();
            const int running = o.value(QLatin1String("running")).toArray().size();
            const int queued = o.value(QLatin1String("queued")).toArray().size() +
                               o.value(QLatin1String("waiting")).toArray().size();
            QString mode;
            for (const QJsonValue &p : o.value(QLatin1String("profiles")).toArray()) {
                if (p[QLatin1String("mode")].toString() != QLatin1String("normal"))
                    mode = p[QLatin1String("mode")].toString();
            }
            parts.append(Cli::tr("chorus %1 running, %2 waiting").arg(running).arg(queued) +
                         (mode.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(mode)));
        }
    }
    out() << (parts.isEmpty() ? QStringLiteral("chorus") : parts.join(QStringLiteral(" \u00b7 ")))
          << '\n';
    out().flush();
    return 0;
}

} // namespace chorus::cli
