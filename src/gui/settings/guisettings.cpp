#include "settings/guisettings.h"

#include "paths.h"

#include <QDir>
#include <QSettings>

namespace chorus::guisettings {

namespace {
const QString kGroup = QStringLiteral("GUI");

QVariant value(const QString &key, const QVariant &fallback = {})
{
    QSettings s(paths::settingsFile(), QSettings::IniFormat);
    s.beginGroup(kGroup);
    return s.value(key, fallback);
}

void setValue(const QString &key, const QVariant &v)
{
    QSettings s(paths::settingsFile(), QSettings::IniFormat);
    s.beginGroup(kGroup);
    s.setValue(key, v);
}
} // namespace

Theme theme()
{
    return themeFromKey(value(QStringLiteral("theme")).toString());
}

void setTheme(Theme t)
{
    setValue(QStringLiteral("theme"), themeKey(t));
}

QString defaultModel()
{
    return value(QStringLiteral("defaultModel")).toString();
}

void setDefaultModel(const QString &model)
{
    setValue(QStringLiteral("defaultModel"), model);
}

QString lastDirectory()
{
    const QString dir = value(QStringLiteral("lastDirectory")).toString();
    return dir.isEmpty() || !QDir(dir).exists() ? QString() : dir;
}

void setLastDirectory(const QString &dir)
{
    setValue(QStringLiteral("lastDirectory"), dir);
}

QString dataDirOverride()
{
    return value(QStringLiteral("dataDir")).toString();
}

void setDataDirOverride(const QString &dir)
{
    setValue(QStringLiteral("dataDir"), dir);
}

void applyDataDirOverride()
{
    const QString dir = dataDirOverride();
    if (!dir.isEmpty() && qEnvironmentVariableIsEmpty("CHORUS_DATA_DIR"))
        qputenv("CHORUS_DATA_DIR", QFile::encodeName(dir));
}

bool confirmStop()
{
    return value(QStringLiteral("confirmStop"), true).toBool();
}

void setConfirmStop(bool confirm)
{
    setValue(QStringLiteral("confirmStop"), confirm);
}

bool notifyEnabled(NotifyKind kind)
{
    return value(QStringLiteral("notify/") + notifyKindKey(kind), true).toBool();
}

void setNotifyEnabled(NotifyKind kind, bool enabled)
{
    setValue(QStringLiteral("notify/") + notifyKindKey(kind), enabled);
}

bool showFinishedAgents()
{
    return value(QStringLiteral("showFinishedAgents"), true).toBool();
}

void setShowFinishedAgents(bool show)
{
    setValue(QStringLiteral("showFinishedAgents"), show);
}

bool groupAgentsByRepository()
{
    return value(QStringLiteral("groupAgentsByRepository"), true).toBool();
}

void setGroupAgentsByRepository(bool group)
{
    setValue(QStringLiteral("groupAgentsByRepository"), group);
}

bool waitingAgentsFirst()
{
    return value(QStringLiteral("waitingAgentsFirst"), true).toBool();
}

void setWaitingAgentsFirst(bool first)
{
    setValue(QStringLiteral("waitingAgentsFirst"), first);
}

int idleAgentHideMinutes()
{
    bool ok = false;
    const int minutes = value(QStringLiteral("idleAgentHideMinutes"), 60).toInt(&ok);
    return ok ? qMax(0, minutes) : 60;
}

void setIdleAgentHideMinutes(int minutes)
{
    setValue(QStringLiteral("idleAgentHideMinutes"), qMax(0, minutes));
}

QByteArray state(const QString &key)
{
    return value(key).toByteArray();
}

void setState(const QString &key, const QByteArray &v)
{
    setValue(key, v);
}

} // namespace chorus::guisettings
