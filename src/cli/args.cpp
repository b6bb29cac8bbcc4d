#include "clitext.h"
#include "args.h"

#include <QCoreApplication>

namespace chorus::cli {


bool parseArgs(const QStringList &argv, const CommandSpec &spec, Args *out, QString *error)
{
    bool onlyPositional = false;
    for (qsizetype i = 0; i < argv.size(); ++i) {
        const QString &a = argv[i];
        if (onlyPositional || !a.startsWith(QLatin1String("--")) || a == QLatin1String("--")) {
            if (a == QLatin1String("--") && !onlyPositional) {
                onlyPositional = true;
                continue;
            }
            out->positional << a;
            continue;
        }
        QString name = a.mid(2);
        QString value;
        bool hasValue = false;
        if (const qsizetype eq = name.indexOf(QLatin1Char('=')); eq >= 0) {
            value = name.mid(eq + 1);
            name = name.left(eq);
            hasValue = true;
        }
        if (name == QLatin1String("help")) {
            out->flags.insert(name);
            continue;
        }
        if (spec.valueOptions.contains(name)) {
            if (!hasValue) {
                if (i + 1 >= argv.size()) {
                    *error = Cli::tr("--%1 needs a value (--%1=VALUE)").arg(name);
                    return false;
                }
                value = argv[++i];
            }
            out->values.insert(name, value);
        } else if (spec.flags.contains(name)) {
            if (hasValue) {
                *error = Cli::tr("--%1 takes no value").arg(name);
                return false;
            }
            out->flags.insert(name);
        } else {
            *error = Cli::tr("unknown option --%1 for '%2'").arg(name, spec.name);
            return false;
        }
    }
    if (out->has(QStringLiteral("help")))
        return true;
    if (out->positional.size() < spec.minPositional) {
        *error = Cli::tr("'%1' needs more arguments").arg(spec.name);
        return false;
    }
    if (spec.maxPositional >= 0 && out->positional.size() > spec.maxPositional) {
        *error = Cli::tr("'%1' got too many arguments: %2")
                     .arg(spec.name, out->positional.mid(spec.maxPositional).join(QLatin1Char(' ')));
        return false;
    }
    return true;
}

QString helpText(const CommandSpec &spec)
{
    QString s = Cli::tr("usage: chorus %1 %2\n\n%3\n").arg(spec.name, spec.synopsis, spec.description);
    if (!spec.optionHelp.isEmpty())
        s += QLatin1Char('\n') + spec.optionHelp + QLatin1Char('\n');
    return s;
}

} // namespace chorus::cli
