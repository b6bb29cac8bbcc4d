#include "environment.h"

namespace chorus {

const QStringList kDefaultEnvDeny = {
    QStringLiteral("SSH_AUTH_SOCK"),
    QStringLiteral("SSH_AGENT_PID"),
    QStringLiteral("GPG_AGENT_INFO"),
    QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
    QStringLiteral("XDG_SESSION_*"),
    QStringLiteral("LD_PRELOAD"),
    QStringLiteral("LD_AUDIT"),
    QStringLiteral("BASH_ENV"),
    QStringLiteral("ENV"),
    QStringLiteral("PROMPT_COMMAND"),
    QStringLiteral("CHORUS_*"),
};

QProcessEnvironment filterEnvironment(const QProcessEnvironment &env, const QStringList &deny)
{
    QProcessEnvironment out = env;
    for (const QString &name : env.keys()) {
        for (const QString &d : deny) {
            const QString pattern = d.trimmed();
            if (pattern.isEmpty())
                continue;
            const bool match = pattern.endsWith(QLatin1Char('*'))
                                   ? name.startsWith(pattern.chopped(1))
                                   : name == pattern;
            if (match) {
                out.remove(name);
                break;
            }
        }
    }
    return out;
}

QJsonObject environmentToJson(const QProcessEnvironment &env)
{
    QJsonObject o;
    for (const QString &name : env.keys())
        o.insert(name, env.value(name));
    return o;
}

QProcessEnvironment environmentFromJson(const QJsonObject &o)
{
    QProcessEnvironment env;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it)
        if (!it.key().isEmpty() && !it.key().contains(QLatin1Char('=')) && it.value().isString())
            env.insert(it.key(), it.value().toString());
    return env;
}

} // namespace chorus
