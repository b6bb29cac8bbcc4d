#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace chorus::cli {

// What a subcommand accepts, and its help text.
struct CommandSpec
{
    QString name;
    QString synopsis;    // "ROLE --task=TEXT [--dir=DIR] ..."
    QString description; // one paragraph
    QStringList valueOptions; // take a value: --name=V or --name V
    QStringList flags;        // no value
    int minPositional = 0;
    int maxPositional = 0; // -1: any number
    QString optionHelp;    // pre-formatted lines
};

struct Args
{
    QStringList positional;
    QHash<QString, QString> values;
    QSet<QString> flags;

    bool has(const QString &flag) const { return flags.contains(flag); }
    QString value(const QString &name, const QString &def = {}) const { return values.value(name, def); }
};

// Parses the arguments after the subcommand name. On bad usage returns false and sets
// *error to a message naming the problem.
bool parseArgs(const QStringList &argv, const CommandSpec &spec, Args *out, QString *error);

QString helpText(const CommandSpec &spec);

} // namespace chorus::cli
