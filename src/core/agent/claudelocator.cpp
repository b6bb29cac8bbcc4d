#include "agent/claudelocator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace chorus {

namespace {
QString npmPrefix(const QProcessEnvironment &env, const QString &home)
{
    const QString fromEnv = env.value(QStringLiteral("NPM_CONFIG_PREFIX"),
                                      env.value(QStringLiteral("npm_config_prefix")));
    if (!fromEnv.isEmpty())
        return fromEnv;
    QFile rc(home + QStringLiteral("/.npmrc"));
    if (rc.open(QIODevice::ReadOnly)) {
        static const QRegularExpression re(QStringLiteral("^\\s*prefix\\s*=\\s*(.+?)\\s*$"));
        for (const QByteArray &line : rc.readAll().split('\n')) {
            const auto m = re.match(QString::fromUtf8(line));
            if (m.hasMatch()) {
                QString p = m.captured(1);
                if (p.startsWith(QLatin1String("~/")))
                    p = home + p.mid(1);
                return p;
            }
        }
    }
    return QStringLiteral("/usr/local");
}

bool isExecutableFile(const QString &path)
{
    const QFileInfo fi(path);
    return fi.isFile() && fi.isExecutable();
}
} // namespace

QList<QPair<QString, QString>> claudeCandidates(const QString &configured,
                                                const QProcessEnvironment &env)
{
    QList<QPair<QString, QString>> out;
    if (!configured.isEmpty())
        out.append({QStringLiteral("setting"), configured});
    const QString fromEnv = env.value(QStringLiteral("CHORUS_CLAUDE"));
    if (!fromEnv.isEmpty())
        out.append({QStringLiteral("CHORUS_CLAUDE"), fromEnv});
    const QStringList path = env.value(QStringLiteral("PATH")).split(QLatin1Char(':'), Qt::SkipEmptyParts);
    for (const QString &dir : path)
        out.append({QStringLiteral("PATH"), QDir(dir).filePath(QStringLiteral("claude"))});
    const QString home = env.value(QStringLiteral("HOME"), QDir::homePath());
    out.append({QStringLiteral("~/.claude/local"), home + QStringLiteral("/.claude/local/claude")});
    out.append({QStringLiteral("npm global prefix"),
                npmPrefix(env, home) + QStringLiteral("/bin/claude")});
    out.append({QStringLiteral("~/.local/bin"), home + QStringLiteral("/.local/bin/claude")});
    return out;
}

Result<ClaudeLocation> locateClaude(const QString &configured, const QProcessEnvironment &env)
{
    const auto candidates = claudeCandidates(configured, env);
    QStringList tried;
    for (const auto &[source, path] : candidates) {
        if (isExecutableFile(path))
            return ClaudeLocation{QFileInfo(path).absoluteFilePath(), source};
        // A configured path that is wrong is an error of its own: do not silently use another.
        if (source == QLatin1String("setting") || source == QLatin1String("CHORUS_CLAUDE"))
            return makeError(QCoreApplication::translate("chorus", "the Claude Code CLI set in %1 "
                                                                   "is not an executable file")
                                 .arg(source),
                             path,
                             QCoreApplication::translate("chorus", "Fix the path, or clear it to "
                                                                   "search PATH and the usual places."));
        tried.append(path);
    }
    return makeError(QCoreApplication::translate(
                         "chorus", "the Claude Code CLI (claude) was not found; tried:\n    %1")
                         .arg(tried.join(QStringLiteral("\n    "))),
                     {},
                     QCoreApplication::translate(
                         "chorus", "Install it (npm install -g @anthropic-ai/claude-code) "
                                   "and run `claude` once in a terminal to log in, "
                                   "or set its path in Settings or in CHORUS_CLAUDE."));
}

QString findClaudeTranscript(const QProcessEnvironment &env, const QString &sessionId)
{
    if (sessionId.isEmpty())
        return {};
    QString config = env.value(QStringLiteral("CLAUDE_CONFIG_DIR"));
    if (config.isEmpty())
        config = env.value(QStringLiteral("HOME"), QDir::homePath()) + QStringLiteral("/.claude");
    const QDir projects(config + QStringLiteral("/projects"));
    const QString file = sessionId + QStringLiteral(".jsonl");
    for (const QString &project : projects.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QFileInfo candidate(projects.filePath(project) + QLatin1Char('/') + file);
        if (candidate.isFile() && candidate.size() > 0)
            return candidate.filePath();
    }
    return {};
}

bool transcriptHasUserMessage(const QString &path, const QString &uuid)
{
    if (path.isEmpty() || uuid.isEmpty())
        return false;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly) || f.size() == 0)
        return false;
    // Transcripts grow to hundreds of MB and the message looked for is near the end: mapped,
    // searched backwards, only the lines holding the uuid parsed.
    const qint64 size = f.size();
    uchar *map = f.map(0, size);
    if (!map)
        return false;
    const QByteArray data =
        QByteArray::fromRawData(reinterpret_cast<const char *>(map), qsizetype(size));
    const QByteArray needle = uuid.toUtf8();
    bool found = false;
    qsizetype from = data.size();
    while (!found && from > 0) {
        const qsizetype at = data.lastIndexOf(needle, from - 1);
        if (at < 0)
            break;
        const qsizetype start = data.lastIndexOf('\n', at) + 1;
        qsizetype end = data.indexOf('\n', at);
        if (end < 0)
            end = data.size();
        const QJsonObject o = QJsonDocument::fromJson(data.mid(start, end - start)).object();
        found = o.value(QLatin1String("type")).toString() == QLatin1String("user") &&
                o.value(QLatin1String("uuid")).toString() == uuid;
        from = start;
    }
    f.unmap(map);
    return found;
}

} // namespace chorus
