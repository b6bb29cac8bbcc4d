#include "toolpresentation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace chorus {

namespace {
QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

QString prefixLines(const QString &text, QChar prefix)
{
    QString out;
    out.reserve(text.size() + text.size() / 16 + 2);
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i > 0)
            out += QLatin1Char('\n');
        out += prefix + lines.at(i);
    }
    return out;
}

QString firstLine(const QString &text)
{
    const qsizetype nl = text.indexOf(QLatin1Char('\n'));
    return (nl < 0 ? text : text.left(nl) + QStringLiteral(" …")).trimmed();
}
} // namespace

ToolPresentation ToolPresentation::forTool(const QString &toolName, const QString &inputJson)
{
    ToolPresentation p;
    p.code = inputJson;
    p.codeLanguage = QStringLiteral("JSON");
    const QJsonObject in = QJsonDocument::fromJson(inputJson.toUtf8()).object();
    const QString path =
        str(in, "file_path").isEmpty() ? str(in, "notebook_path") : str(in, "file_path");

    if (toolName == QLatin1String("Bash")) {
        p.summary = firstLine(str(in, "command"));
        p.code = str(in, "command");
        p.codeLanguage = QStringLiteral("Bash");
    } else if (toolName == QLatin1String("Write")) {
        p.summary = path;
        p.code = str(in, "content");
        p.codeLanguage.clear();
        p.codeFileName = path;
    } else if (toolName == QLatin1String("Edit")) {
        p.summary = path;
        p.code = prefixLines(str(in, "old_string"), QLatin1Char('-')) + QLatin1Char('\n') +
                 prefixLines(str(in, "new_string"), QLatin1Char('+'));
        p.codeLanguage = QStringLiteral("Diff");
    } else if (toolName == QLatin1String("MultiEdit")) {
        p.summary = path;
        QStringList parts;
        for (const QJsonValue &v : in.value(QLatin1String("edits")).toArray()) {
            const QJsonObject e = v.toObject();
            parts << prefixLines(str(e, "old_string"), QLatin1Char('-')) + QLatin1Char('\n') +
                         prefixLines(str(e, "new_string"), QLatin1Char('+'));
        }
        p.code = parts.join(QStringLiteral("\n@@\n"));
        p.codeLanguage = QStringLiteral("Diff");
    } else if (toolName == QLatin1String("Read") || toolName == QLatin1String("NotebookRead")) {
        p.summary = path;
        p.resultFileName = path;
    } else if (toolName == QLatin1String("Grep") || toolName == QLatin1String("Glob")) {
        p.summary = str(in, "pattern");
        if (const QString where = str(in, "path"); !where.isEmpty())
            p.summary += QStringLiteral("  ·  ") + where;
    } else if (toolName == QLatin1String("WebFetch")) {
        p.summary = str(in, "url");
    } else if (toolName == QLatin1String("WebSearch")) {
        p.summary = str(in, "query");
    } else if (toolName == QLatin1String("Task") || toolName == QLatin1String("Agent")) {
        p.summary = str(in, "description");
    } else if (toolName == QLatin1String("TodoWrite")) {
        QStringList todos;
        for (const QJsonValue &v : in.value(QLatin1String("todos")).toArray())
            todos << str(v.toObject(), "content");
        p.summary = todos.join(QStringLiteral(" · "));
    }
    if (p.summary.isEmpty()) {
        // The first short string in the input says most about an unknown tool.
        for (auto it = in.begin(); it != in.end(); ++it) {
            if (it.value().isString()) {
                p.summary = firstLine(it.value().toString());
                break;
            }
        }
    }
    if (p.summary.size() > 300)
        p.summary = p.summary.left(300) + QStringLiteral("…");
    return p;
}

} // namespace chorus
