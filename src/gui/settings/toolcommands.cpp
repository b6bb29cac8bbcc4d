#include "settings/toolcommands.h"

#include "paths.h"
#include "util/shellwords.h"

#include <QSettings>
#include <QStandardPaths>

namespace chorus::toolcommands {

namespace {
QString key(Tool tool)
{
    return tool == Tool::Editor ? QStringLiteral("editorCommand")
                                : QStringLiteral("terminalCommand");
}

struct Terminal
{
    const char *program;
    QStringList open; // arguments to open a shell in {dir}
    QStringList run;  // arguments before a command to run in {dir}
};

QList<Terminal> terminals()
{
    const QString dir = QStringLiteral("{dir}");
    return {
        {"x-terminal-emulator", {}, {QStringLiteral("-e")}},
        {"gnome-terminal",
         {QStringLiteral("--working-directory=") + dir},
         {QStringLiteral("--working-directory=") + dir, QStringLiteral("--")}},
        {"konsole",
         {QStringLiteral("--workdir"), dir},
         {QStringLiteral("--workdir"), dir, QStringLiteral("-e")}},
        {"xfce4-terminal",
         {QStringLiteral("--working-directory=") + dir},
         {QStringLiteral("--working-directory=") + dir, QStringLiteral("-x")}},
        {"kitty", {QStringLiteral("--directory"), dir}, {QStringLiteral("--directory"), dir}},
        {"alacritty",
         {QStringLiteral("--working-directory"), dir},
         {QStringLiteral("--working-directory"), dir, QStringLiteral("-e")}},
        {"xterm", {}, {QStringLiteral("-e")}},
    };
}

const Terminal *findTerminal()
{
    static const QList<Terminal> all = terminals();
    for (const Terminal &t : all)
        if (!QStandardPaths::findExecutable(QLatin1String(t.program)).isEmpty())
            return &t;
    return nullptr;
}
} // namespace

QStringList storedCommand(Tool tool)
{
    QSettings s(paths::settingsFile(), QSettings::IniFormat);
    s.beginGroup(QStringLiteral("GUI"));
    return s.value(key(tool)).toStringList();
}

void setStoredCommand(Tool tool, const QStringList &arguments)
{
    QSettings s(paths::settingsFile(), QSettings::IniFormat);
    s.beginGroup(QStringLiteral("GUI"));
    if (arguments.isEmpty())
        s.remove(key(tool));
    else
        s.setValue(key(tool), arguments);
}

QStringList command(Tool tool)
{
    const QStringList stored = storedCommand(tool);
    return stored.isEmpty() ? defaultCommand(tool) : stored;
}

QStringList defaultCommand(Tool tool)
{
    const Terminal *terminal = findTerminal();
    if (tool == Tool::Terminal)
        return terminal ? QStringList{QLatin1String(terminal->program)} + terminal->open
                        : QStringList{};
    for (const char *editor : {"code", "codium", "zed", "subl"})
        if (!QStandardPaths::findExecutable(QLatin1String(editor)).isEmpty())
            return {QLatin1String(editor), QStringLiteral("{dir}")};
    QString console = qEnvironmentVariable("VISUAL");
    if (console.isEmpty())
        console = qEnvironmentVariable("EDITOR");
    const Result<QStringList> words = splitShellWords(console);
    if (!terminal || !words || words->isEmpty())
        return {};
    return QStringList{QLatin1String(terminal->program)} + terminal->run + *words +
           QStringList{QStringLiteral("{dir}")};
}

} // namespace chorus::toolcommands
