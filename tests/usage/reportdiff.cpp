#include "reportdiff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSet>

#include <cmath>

namespace chorus::test::usagediff {

namespace {

struct Shape
{
    QString array; // where the rows are
    QString key;   // what names a row
};

Shape shapeOf(const QString &kind)
{
    if (kind == QLatin1String("daily"))
        return {QStringLiteral("daily"), QStringLiteral("date")};
    if (kind == QLatin1String("weekly"))
        return {QStringLiteral("weekly"), QStringLiteral("week")};
    if (kind == QLatin1String("monthly"))
        return {QStringLiteral("monthly"), QStringLiteral("month")};
    if (kind == QLatin1String("session"))
        return {QStringLiteral("sessions"), QStringLiteral("sessionId")};
    return {QStringLiteral("blocks"), QStringLiteral("id")};
}

QString show(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Undefined:
        return QStringLiteral("(missing)");
    case QJsonValue::Double:
        return QString::number(v.toDouble(), 'g', 15);
    case QJsonValue::String:
        return QLatin1Char('"') + v.toString() + QLatin1Char('"');
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    default:
        return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact))
            .mid(1)
            .chopped(1);
    }
}

QSet<QString> stringSet(const QJsonValue &v)
{
    QSet<QString> set;
    for (const QJsonValue &item : v.toArray())
        set.insert(item.toString());
    return set;
}

// Rows of a report by key, and the keys in report order.
QMap<QString, QJsonObject> rowsByKey(const QJsonObject &report, const Shape &shape,
                                     QStringList *order)
{
    QMap<QString, QJsonObject> rows;
    for (const QJsonValue &v : report.value(shape.array).toArray()) {
        const QJsonObject row = v.toObject();
        const QString key = row.value(shape.key).toString();
        order->append(key);
        rows.insert(key, row);
    }
    return rows;
}

class Differ
{
public:
    QStringList found;

    void note(const QString &where, const QString &field, const QJsonValue &theirs,
              const QJsonValue &ours)
    {
        found.append(where + QLatin1String(": ") + field + QLatin1String(": ccusage ") +
                     show(theirs) + QLatin1String(", chorus ") + show(ours));
    }
    // Exactly equal (tokens, counts, flags, times, names).
    void same(const QString &where, const QString &field, const QJsonObject &theirs,
              const QJsonObject &ours)
    {
        if (theirs.value(field) != ours.value(field))
            note(where, field, theirs.value(field), ours.value(field));
    }
    void sameAll(const QString &where, const QStringList &fields, const QJsonObject &theirs,
                 const QJsonObject &ours)
    {
        for (const QString &f : fields)
            same(where, f, theirs, ours);
    }
    void cost(const QString &where, const QString &field, const QJsonObject &theirs,
              const QJsonObject &ours)
    {
        const QJsonValue a = theirs.value(field), b = ours.value(field);
        if (!a.isDouble() || !b.isDouble() ||
            std::fabs(a.toDouble() - b.toDouble()) >= kCostTolerance)
            note(where, field, a, b);
    }
    // Model lists: their order follows first use (or cost), so only the set counts.
    void sameSet(const QString &where, const QString &field, const QJsonObject &theirs,
                 const QJsonObject &ours)
    {
        if (stringSet(theirs.value(field)) != stringSet(ours.value(field)))
            note(where, field, theirs.value(field), ours.value(field));
    }
    void flag(const QString &where, const QString &field, const QJsonObject &theirs,
              const QJsonObject &ours)
    {
        // An absent flag means false in both reports.
        if (theirs.value(field).toBool() != ours.value(field).toBool())
            note(where, field, theirs.value(field), ours.value(field));
    }

    void breakdowns(const QString &where, const QJsonObject &theirs, const QJsonObject &ours)
    {
        const auto byModel = [](const QJsonObject &row) {
            QMap<QString, QJsonObject> m;
            for (const QJsonValue &v : row.value(QLatin1String("modelBreakdowns")).toArray())
                m.insert(v.toObject().value(QLatin1String("modelName")).toString(), v.toObject());
            return m;
        };
        const QMap<QString, QJsonObject> a = byModel(theirs), b = byModel(ours);
        QSet<QString> models(a.keyBegin(), a.keyEnd());
        models.unite(QSet<QString>(b.keyBegin(), b.keyEnd()));
        for (const QString &model : std::as_const(models)) {
            const QString at =
                where + QLatin1String(": modelBreakdowns[") + model + QLatin1Char(']');
            if (!a.contains(model) || !b.contains(model)) {
                found.append(at + (a.contains(model) ? QLatin1String(": missing from chorus")
                                                     : QLatin1String(": only in chorus")));
                continue;
            }
            const QJsonObject x = a.value(model), y = b.value(model);
            sameAll(at,
                    {QStringLiteral("inputTokens"), QStringLiteral("outputTokens"),
                     QStringLiteral("cacheCreationTokens"), QStringLiteral("cacheReadTokens")},
                    x, y);
            cost(at, QStringLiteral("cost"), x, y);
            flag(at, QStringLiteral("missingPricing"), x, y);
        }
    }

    // A daily, weekly, monthly or session row, or the totals.
    void row(const QString &where, const QJsonObject &theirs, const QJsonObject &ours)
    {
        sameAll(where,
                {QStringLiteral("inputTokens"), QStringLiteral("outputTokens"),
                 QStringLiteral("cacheCreationTokens"), QStringLiteral("cacheReadTokens"),
                 QStringLiteral("totalTokens")},
                theirs, ours);
        cost(where, QStringLiteral("totalCost"), theirs, ours);
    }

    void block(const QString &where, const QJsonObject &theirs, const QJsonObject &ours)
    {
        sameAll(where,
                {QStringLiteral("isGap"), QStringLiteral("entries"), QStringLiteral("totalTokens"),
                 QStringLiteral("startTime"), QStringLiteral("endTime"),
                 QStringLiteral("actualEndTime"), QStringLiteral("isActive"),
                 QStringLiteral("usageLimitResetTime")},
                theirs, ours);
        const QJsonObject a = theirs.value(QLatin1String("tokenCounts")).toObject();
        const QJsonObject b = ours.value(QLatin1String("tokenCounts")).toObject();
        sameAll(where + QLatin1String(": tokenCounts"),
                {QStringLiteral("inputTokens"), QStringLiteral("outputTokens"),
                 QStringLiteral("cacheCreationInputTokens"),
                 QStringLiteral("cacheReadInputTokens")},
                a, b);
        cost(where, QStringLiteral("costUSD"), theirs, ours);
        sameSet(where, QStringLiteral("models"), theirs, ours);
    }
};

} // namespace

QStringList diff(const QString &kind, const QJsonObject &ccusage, const QJsonObject &chorus)
{
    const Shape shape = shapeOf(kind);
    Differ d;
    if (!chorus.value(shape.array).isArray())
        d.note(QStringLiteral("report"), shape.array, ccusage.value(shape.array),
               chorus.value(shape.array));
    QStringList theirOrder, ourOrder;
    const QMap<QString, QJsonObject> theirs = rowsByKey(ccusage, shape, &theirOrder);
    const QMap<QString, QJsonObject> ours = rowsByKey(chorus, shape, &ourOrder);
    for (auto it = theirs.cbegin(); it != theirs.cend(); ++it) {
        if (!ours.contains(it.key())) {
            d.found.append(it.key() + QLatin1String(": missing from chorus"));
            continue;
        }
        const QJsonObject &a = it.value();
        const QJsonObject b = ours.value(it.key());
        if (kind == QLatin1String("blocks")) {
            d.block(it.key(), a, b);
            continue;
        }
        d.row(it.key(), a, b);
        d.sameSet(it.key(), QStringLiteral("modelsUsed"), a, b);
        d.breakdowns(it.key(), a, b);
        if (kind == QLatin1String("session"))
            d.sameAll(it.key(),
                      {QStringLiteral("projectPath"), QStringLiteral("firstActivity"),
                       QStringLiteral("lastActivity")},
                      a, b);
    }
    for (auto it = ours.cbegin(); it != ours.cend(); ++it) {
        if (!theirs.contains(it.key()))
            d.found.append(it.key() + QLatin1String(": only in chorus"));
    }
    // Periods come in date order and blocks by start time (ccusage lists a gap that begins inside
    // the next block after that block); sessions are sorted by cost, where ties may fall either
    // way.
    if (kind != QLatin1String("session") && d.found.isEmpty() && theirOrder != ourOrder) {
        qsizetype i = 0;
        while (theirOrder.at(i) == ourOrder.at(i))
            ++i;
        d.note(QStringLiteral("report"), QLatin1String("row order, position ") + QString::number(i),
               theirOrder.at(i), ourOrder.at(i));
    }
    if (kind != QLatin1String("blocks")) { // blocks have no totals
        const QJsonObject a = ccusage.value(QLatin1String("totals")).toObject();
        const QJsonObject b = chorus.value(QLatin1String("totals")).toObject();
        d.row(QStringLiteral("totals"), a, b);
        d.sameSet(QStringLiteral("totals"), QStringLiteral("unpricedModels"), a, b);
    }
    return d.found;
}

int rowCount(const QString &kind, const QJsonObject &report)
{
    return int(report.value(shapeOf(kind).array).toArray().size());
}

} // namespace chorus::test::usagediff
