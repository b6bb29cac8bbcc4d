#include "engine/enginesettings.h"

#include "paths.h"

#include <QJsonArray>
#include <QSettings>

namespace chorus {

EngineSettings EngineSettings::fromJson(const QJsonObject &o)
{
    EngineSettings s;
    s.maxConcurrent = qMax(1, o.value(QLatin1String("maxConcurrent")).toInt(s.maxConcurrent));
    s.stallSeconds = qMax(1, o.value(QLatin1String("stallSeconds")).toInt(s.stallSeconds));
    s.resumeOnRecovery = o.value(QLatin1String("resumeOnRecovery")).toBool(s.resumeOnRecovery);
    s.autoRestarts = qMax(0, o.value(QLatin1String("autoRestarts")).toInt(s.autoRestarts));
    s.idleSeconds = qMax(0, o.value(QLatin1String("idleSeconds")).toInt(s.idleSeconds));
    s.idleExitMinutes =
        qBound(0, o.value(QLatin1String("idleExitMinutes")).toInt(s.idleExitMinutes), 7 * 24 * 60);
    s.maxLineKiB = qBound(1, o.value(QLatin1String("maxLineKiB")).toInt(s.maxLineKiB), 1024 * 1024);
    s.agentNice = qBound(0, o.value(QLatin1String("agentNice")).toInt(s.agentNice), 19);
    s.admitThreshold =
        qBound(50, o.value(QLatin1String("admitThreshold")).toInt(s.admitThreshold), 100);
    s.cliMaxRetries = qBound(0, o.value(QLatin1String("cliMaxRetries")).toInt(s.cliMaxRetries), 10);
    s.claudePath = o.value(QLatin1String("claudePath")).toString();
    s.userRolesDir = o.value(QLatin1String("userRolesDir")).toString();
    const QString transport = o.value(QLatin1String("agentTransport")).toString();
    if (transport == QLatin1String("process") || transport == QLatin1String("shim"))
        s.agentTransport = transport;
    s.agentShim = o.value(QLatin1String("agentShim")).toString();
    const QJsonValue deny = o.value(QLatin1String("envDeny"));
    s.envDeny = deny.isArray() ? deny.toVariant().toStringList()
                               : deny.toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    return s;
}

QJsonObject EngineSettings::toJson() const
{
    return {{QStringLiteral("maxConcurrent"), maxConcurrent},
            {QStringLiteral("stallSeconds"), stallSeconds},
            {QStringLiteral("resumeOnRecovery"), resumeOnRecovery},
            {QStringLiteral("autoRestarts"), autoRestarts},
            {QStringLiteral("idleSeconds"), idleSeconds},
            {QStringLiteral("idleExitMinutes"), idleExitMinutes},
            {QStringLiteral("maxLineKiB"), maxLineKiB},
            {QStringLiteral("agentNice"), agentNice},
            {QStringLiteral("admitThreshold"), admitThreshold},
            {QStringLiteral("cliMaxRetries"), cliMaxRetries},
            {QStringLiteral("claudePath"), claudePath},
            {QStringLiteral("userRolesDir"), userRolesDir},
            {QStringLiteral("agentTransport"), agentTransport},
            {QStringLiteral("agentShim"), agentShim},
            {QStringLiteral("envDeny"), QJsonArray::fromStringList(envDeny)}};
}

EngineSettings loadEngineSettings(const QString &file)
{
    QSettings s(file.isEmpty() ? paths::settingsFile() : file, QSettings::IniFormat);
    s.beginGroup(QStringLiteral("engine"));
    // INI values come back as strings: each is read as the type of its default, then
    // fromJson() applies the limits (one place for them).
    const QJsonObject defaults = EngineSettings().toJson();
    QJsonObject typed;
    for (const QString &key : s.childKeys()) {
        const QVariant v = s.value(key);
        switch (defaults.value(key).type()) {
        case QJsonValue::Bool:
            typed.insert(key, v.toBool());
            break;
        case QJsonValue::Double:
            typed.insert(key, v.toInt());
            break;
        case QJsonValue::Array:
            typed.insert(key, QJsonArray::fromStringList(v.toStringList()));
            break;
        default:
            typed.insert(key, v.toString());
            break;
        }
    }
    return EngineSettings::fromJson(typed);
}

bool saveEngineSettings(const EngineSettings &settings, const QString &file)
{
    QSettings s(file.isEmpty() ? paths::settingsFile() : file, QSettings::IniFormat);
    s.beginGroup(QStringLiteral("engine"));
    const QJsonObject o = settings.toJson();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it)
        s.setValue(it.key(), it.value().toVariant());
    s.endGroup();
    s.sync();
    return s.status() == QSettings::NoError;
}

} // namespace chorus
