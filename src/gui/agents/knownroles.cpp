#include "agents/knownroles.h"

#include "client/engineclient.h"
#include "roles/role.h"
#include "style/icons.h"

#include <QJsonArray>
#include <QPointer>

namespace chorus {

KnownRoles::KnownRoles(EngineClient *client, QObject *parent) : QObject(parent), m_client(client)
{
    connect(client, &EngineClient::connectedChanged, this, [this](bool connected) {
        if (connected)
            refresh();
    });
}

void KnownRoles::refresh()
{
    QPointer<KnownRoles> self(this);
    m_client->roles([self](const Result<QJsonObject> &r) {
        if (!self)
            return;
        self->m_loaded = true;
        if (!r) {
            self->m_loadError = r.error().toString();
            Q_EMIT self->changed();
            return;
        }
        self->m_loadError.clear();
        self->m_roles.clear();
        for (const QJsonValue &v : r->value(QLatin1String("roles")).toArray()) {
            const QJsonObject o = v.toObject();
            self->m_roles.insert(o.value(QLatin1String("name")).toString(), o);
        }
        self->m_errors.clear();
        for (const QJsonValue &v : r->value(QLatin1String("errors")).toArray())
            self->m_errors.append(v.toString());
        Q_EMIT self->changed();
    });
}

QStringList KnownRoles::names() const
{
    QStringList out = m_roles.keys();
    out.sort();
    return out;
}

QString KnownRoles::description(const QString &role) const
{
    return m_roles.value(role).value(QLatin1String("description")).toString();
}

QColor KnownRoles::color(const QString &role) const
{
    const QColor c(m_roles.value(role).value(QLatin1String("color")).toString());
    if (c.isValid())
        return c;
    // No colour in the role file: a stable hue from the name.
    return QColor::fromHsl(int(qHash(role) % 360), 150, 110);
}

QIcon KnownRoles::icon(const QString &role) const
{
    return icons::role(m_roles.value(role).value(QLatin1String("icon")).toString(), role,
                       color(role));
}

bool KnownRoles::canEdit(const QString &role) const
{
    const auto it = m_roles.constFind(role);
    if (it == m_roles.constEnd())
        return false;
    const std::optional<PermissionMode> mode =
        permissionModeFromName(it->value(QLatin1String("permissionMode")).toString());
    if (mode != PermissionMode::AcceptEdits && mode != PermissionMode::BypassPermissions)
        return false;
    // No tools list: the CLI's default set, which writes.
    const QJsonValue tools = it->value(QLatin1String("tools"));
    if (!tools.isArray())
        return true;
    for (const QJsonValue &t : tools.toArray())
        if (const QString name = t.toString();
            name == QLatin1String("Write") || name == QLatin1String("Edit") ||
            name == QLatin1String("MultiEdit") || name == QLatin1String("NotebookEdit") ||
            name == QLatin1String("Bash"))
            return true;
    return false;
}

} // namespace chorus
