#include "model/storedevent.h"

#include <QJsonDocument>

namespace chorus {

QJsonObject StoredEvent::toJson() const
{
    QJsonObject o{{QStringLiteral("sessionId"), sessionId},
                  {QStringLiteral("seq"), seq},
                  {QStringLiteral("ts"), ts},
                  {QStringLiteral("kind"), kind},
                  {QStringLiteral("subtype"), subtype}};
    const QJsonDocument doc = QJsonDocument::fromJson(raw);
    if (doc.isObject())
        o.insert(QStringLiteral("event"), doc.object());
    else
        o.insert(QStringLiteral("raw"), QString::fromUtf8(raw));
    return o;
}

StoredEvent StoredEvent::fromJson(const QJsonObject &o)
{
    StoredEvent e;
    e.sessionId = o.value(QLatin1String("sessionId")).toString();
    e.seq = o.value(QLatin1String("seq")).toInteger();
    e.ts = o.value(QLatin1String("ts")).toString();
    e.kind = o.value(QLatin1String("kind")).toString();
    e.subtype = o.value(QLatin1String("subtype")).toString();
    if (o.contains(QLatin1String("event")))
        e.raw = QJsonDocument(o.value(QLatin1String("event")).toObject()).toJson(QJsonDocument::Compact);
    else
        e.raw = o.value(QLatin1String("raw")).toString().toUtf8();
    return e;
}

} // namespace chorus
