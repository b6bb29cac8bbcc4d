#include "integration/queueitem.h"

namespace chorus {

QJsonObject QueueItem::toJson() const
{
    QJsonObject o{{QStringLiteral("sessionId"), sessionId}, {QStringLiteral("name"), name},
                  {QStringLiteral("branch"), branch},       {QStringLiteral("repo"), repo},
                  {QStringLiteral("state"), state},         {QStringLiteral("message"), message}};
    if (!checkpoint.isEmpty())
        o.insert(QStringLiteral("checkpoint"), checkpoint);
    if (!warning.isEmpty())
        o.insert(QStringLiteral("warning"), warning);
    if (attempted)
        o.insert(QStringLiteral("outcome"), outcome.toJson());
    return o;
}

QJsonArray toJson(const QList<QueueItem> &items)
{
    QJsonArray a;
    for (const QueueItem &i : items)
        a.append(i.toJson());
    return a;
}

} // namespace chorus
