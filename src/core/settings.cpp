#include "settings.h"

#include "paths.h"

#include <QSettings>

namespace chorus {

EngineSettings loadEngineSettings(const QString &file)
{
    QSettings s(file.isEmpty() ? paths::settingsFile() : file, QSettings::IniFormat);
    s.beginGroup(QStringLiteral("engine"));
    QJsonObject o;
    for (const QString &key : s.childKeys()) {
        const QVariant v = s.value(key);
        o.insert(key, QJsonValue::fromVariant(v));
    }
    // INI values come back as strings: convert the typed ones.
    EngineSettings d;
    auto toInt = [&](const char *k, int def) {
        return o.contains(QLatin1String(k)) ? o.value(QLatin1String(k)).toVariant().toInt() : def;
    };
    auto toBool = [&](const char *k, bool def) {
        return o.contains(QLatin1String(k)) ? o.value(QLatin1String(k)).toVariant().toBool() : def;
    };
    d.maxConcurrent = qMax(1, toInt("maxConcurrent", d.maxConcurrent));
    d.stallSeconds = qMax(1, toInt("stallSeconds", d.stallSeconds));
    d.resumeOnRecovery = toBool("resumeOnRecovery", d.resumeOnRecovery);
    d.autoRestarts = qMax(0, toInt("autoRestarts", d.autoRestarts));
    d.idleSeconds = qMax(0, toInt("idleSeconds", d.idleSeconds));
    d.maxLineKiB = qBound(1, toInt("maxLineKiB", d.maxLineKiB), 1024 * 1024);
    d.claudePath = o.value(QLatin1String("claudePath")).toString();
    d.userRolesDir = o.value(QLatin1String("userRolesDir")).toString();
    if (o.contains(QLatin1String("envDeny")))
        d.envDeny = o.value(QLatin1String("envDeny")).toVariant().toStringList();
    return d;
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
