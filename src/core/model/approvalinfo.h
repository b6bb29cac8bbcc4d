#pragma once

#include <QJsonObject>
#include <QString>

namespace chorus {

// One tool permission request from an agent, as the approval broker keeps it.
struct ApprovalInfo
{
    qint64 id = 0;
    QString sessionId;
    QString requestId; // the CLI's control request id
    QString toolName;
    QJsonObject input;
    QString description;
    QString state = QStringLiteral("pending"); // pending | allowed | denied | cancelled
    bool forSession = false;
    QString message;
    QString createdAt;
    QString answeredAt;

    QJsonObject toJson() const
    {
        return QJsonObject{{QStringLiteral("id"), id},
                           {QStringLiteral("sessionId"), sessionId},
                           {QStringLiteral("requestId"), requestId},
                           {QStringLiteral("toolName"), toolName},
                           {QStringLiteral("input"), input},
                           {QStringLiteral("description"), description},
                           {QStringLiteral("state"), state},
                           {QStringLiteral("forSession"), forSession},
                           {QStringLiteral("message"), message},
                           {QStringLiteral("createdAt"), createdAt},
                           {QStringLiteral("answeredAt"), answeredAt}};
    }
    static ApprovalInfo fromJson(const QJsonObject &o)
    {
        ApprovalInfo a;
        a.id = o.value(QLatin1String("id")).toInteger();
        a.sessionId = o.value(QLatin1String("sessionId")).toString();
        a.requestId = o.value(QLatin1String("requestId")).toString();
        a.toolName = o.value(QLatin1String("toolName")).toString();
        a.input = o.value(QLatin1String("input")).toObject();
        a.description = o.value(QLatin1String("description")).toString();
        a.state = o.value(QLatin1String("state")).toString();
        a.forSession = o.value(QLatin1String("forSession")).toBool();
        a.message = o.value(QLatin1String("message")).toString();
        a.createdAt = o.value(QLatin1String("createdAt")).toString();
        a.answeredAt = o.value(QLatin1String("answeredAt")).toString();
        return a;
    }
};

} // namespace chorus
