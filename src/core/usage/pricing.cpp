#include "pricing.h"

#include "paths.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

static void initChorusPricingResources()
{
    Q_INIT_RESOURCE(pricing);
}

namespace chorus::usage {

namespace {

constexpr quint64 TierThreshold = 200'000;
constexpr double PerMillion = 1'000'000.0;

// "file:line:column" of byte `offset` in `json`.
QString whereInFile(const QString &file, const QByteArray &json, qsizetype offset)
{
    offset = qBound<qsizetype>(0, offset, json.size());
    const QByteArray head = json.left(offset);
    const qsizetype line = head.count('\n') + 1;
    const qsizetype column = offset - (head.lastIndexOf('\n') + 1) + 1;
    return QStringLiteral("%1:%2:%3").arg(file).arg(line).arg(column);
}

// The line of `"name"` as a key in `json` (for errors about a value, which QJsonDocument does
// not locate); 1 when not found.
QString whereKey(const QString &file, const QByteArray &json, const QString &name)
{
    const qsizetype at = json.indexOf(QByteArray('"' + name.toUtf8() + '"'));
    return whereInFile(file, json, at < 0 ? 0 : at);
}

const char *const RateKeys[] = {"input", "output", "cacheWrite5m", "cacheWrite1h", "cacheRead"};

double *rateField(Rates &r, int i)
{
    double *fields[] = {&r.input, &r.output, &r.cacheWrite5m, &r.cacheWrite1h, &r.cacheRead};
    return fields[i];
}

double rateOf(const Rates &r, int i)
{
    return *rateField(const_cast<Rates &>(r), i);
}

// Reads the five rates of `o` into *r; the names it had go to *given (prefixed).
Status readRates(const QJsonObject &o, Rates *r, QStringList *given, const QString &prefix,
                 const std::function<QString()> &where)
{
    for (int i = 0; i < 5; ++i) {
        const QString key = QLatin1String(RateKeys[i]);
        if (!o.contains(key))
            continue;
        const QJsonValue v = o.value(key);
        if (!v.isDouble() || v.toDouble() < 0)
            return makeError(
                QCoreApplication::translate(
                    "Usage", "%1 must be a price in USD per million tokens (a number ≥ 0)")
                    .arg(prefix + key),
                where());
        *rateField(*r, i) = v.toDouble() / PerMillion;
        given->append(prefix + key);
    }
    return Ok{};
}

double tiered(quint64 tokens, double base, double above, bool hasAbove)
{
    if (!hasAbove || tokens <= TierThreshold)
        return double(tokens) * base;
    return double(TierThreshold) * base + double(tokens - TierThreshold) * above;
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber();
}

// Whether a known name that ends at `at` in `model` ends there as a word: nothing follows, or
// something that is not a letter or digit and not a version: "-<digit>" or ".<digit>" goes on
// the name (claude-opus-4 does not price claude-opus-4-5), except an 8-digit date
// (claude-sonnet-4 prices claude-sonnet-4-20250514).
bool endsWord(const QString &model, qsizetype at)
{
    if (at == model.size())
        return true;
    const QChar c = model.at(at);
    if (isWordChar(c))
        return false;
    if ((c != QLatin1Char('-') && c != QLatin1Char('.')) || at + 1 >= model.size() ||
        !model.at(at + 1).isDigit())
        return true;
    qsizetype digits = 0;
    while (at + 1 + digits < model.size() && model.at(at + 1 + digits).isDigit())
        ++digits;
    return digits == 8;
}

} // namespace

QString userPricingFile()
{
    return paths::configDir() + QStringLiteral("/pricing.json");
}

const PriceTable &PriceTable::builtIn()
{
    static const PriceTable table = [] {
        initChorusPricingResources();
        Result<PriceTable> t = fromFile(QStringLiteral(":/pricing/anthropic.json"));
        // The file is ours and tested (tst_pricing); an empty table would flag every model.
        Q_ASSERT(t.ok());
        return t.ok() ? std::move(t).value() : PriceTable();
    }();
    return table;
}

Result<PriceTable> PriceTable::withUserFile(const QString &userFile)
{
    PriceTable table = builtIn();
    if (userFile.isEmpty() || !QFileInfo::exists(userFile))
        return table;
    Result<PriceTable> user = fromFile(userFile);
    if (!user)
        return user.error();
    for (const ModelPrice &p : user->m_models)
        table.lay(p, user->m_given.value(p.name));
    table.reindex();
    return table;
}

Result<PriceTable> PriceTable::fromFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QCoreApplication::translate("Usage", "cannot read the price file: %1")
                             .arg(f.errorString()),
                         path);
    return fromJson(f.readAll(), path);
}

Result<PriceTable> PriceTable::fromJson(const QByteArray &json, const QString &where)
{
    const QString hint = QCoreApplication::translate(
        "Usage", "Fix the file (see the price file format in docs/usage.md).");
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return makeError(error.errorString(), whereInFile(where, json, error.offset), hint);
    if (!doc.isObject() || !doc.object().value(QLatin1String("models")).isObject())
        return makeError(QCoreApplication::translate(
                             "Usage", "a price file is an object with a \"models\" object"),
                         whereInFile(where, json, 0), hint);
    PriceTable table;
    const QJsonObject models = doc.object().value(QLatin1String("models")).toObject();
    for (auto it = models.begin(); it != models.end(); ++it) {
        const auto at = [&] { return whereKey(where, json, it.key()); };
        if (!it.value().isObject())
            return makeError(
                QCoreApplication::translate("Usage", "the price of %1 must be an object")
                    .arg(it.key()),
                at(), hint);
        const QJsonObject o = it.value().toObject();
        ModelPrice p;
        p.name = it.key();
        QStringList given;
        if (Status s = readRates(o, &p.base, &given, QString(), at); !s)
            return Error{s.error().message, s.error().where, hint};
        if (o.contains(QLatin1String("above200k"))) {
            if (!o.value(QLatin1String("above200k")).isObject())
                return makeError(
                    QCoreApplication::translate("Usage", "above200k of %1 must be an object")
                        .arg(p.name),
                    at(), hint);
            Rates above = p.base;
            if (Status s = readRates(o.value(QLatin1String("above200k")).toObject(), &above, &given,
                                     QStringLiteral("above200k."), at);
                !s)
                return Error{s.error().message, s.error().where, hint};
            p.above200k = above;
        }
        const QJsonValue fast = o.value(QLatin1String("fastMultiplier"));
        if (!fast.isUndefined()) {
            if (!fast.isDouble() || fast.toDouble() <= 0)
                return makeError(QCoreApplication::translate(
                                     "Usage", "fastMultiplier of %1 must be a number > 0")
                                     .arg(p.name),
                                 at(), hint);
            p.fastMultiplier = fast.toDouble();
        }
        const QJsonValue aliases = o.value(QLatin1String("aliases"));
        if (!aliases.isUndefined() && !aliases.isArray())
            return makeError(
                QCoreApplication::translate("Usage", "aliases of %1 must be a list of names")
                    .arg(p.name),
                at(), hint);
        for (const QJsonValue &a : aliases.toArray())
            p.aliases.append(a.toString());
        p.aliases.removeAll(QString());
        for (const QString &k : {QStringLiteral("fastMultiplier"), QStringLiteral("aliases")}) {
            if (o.contains(k))
                given.append(k);
        }
        table.m_models.push_back(p);
        table.m_given.insert(p.name, given);
    }
    table.reindex();
    return table;
}

void PriceTable::lay(const ModelPrice &price, const QStringList &given)

{
    const auto it = m_byName.constFind(price.name);
    if (it == m_byName.cend() || m_models[size_t(*it)].name != price.name) {
        m_models.push_back(price);
        return;
    }
    ModelPrice &mine = m_models[size_t(*it)];
    for (int i = 0; i < 5; ++i) {
        const QString key = QLatin1String(RateKeys[i]);
        if (given.contains(key))
            *rateField(mine.base, i) = rateOf(price.base, i);
        if (given.contains(QStringLiteral("above200k.") + key) && price.above200k) {
            if (!mine.above200k)
                mine.above200k = mine.base;
            *rateField(*mine.above200k, i) = rateOf(*price.above200k, i);
        }
    }
    if (given.contains(QStringLiteral("fastMultiplier")))
        mine.fastMultiplier = price.fastMultiplier;
    if (given.contains(QStringLiteral("aliases")))
        mine.aliases = price.aliases;
}

void PriceTable::reindex()
{
    m_byName.clear();
    m_found.clear();
    for (int i = 0; i < int(m_models.size()); ++i) {
        for (const QString &alias : m_models[size_t(i)].aliases)
            m_byName.insert(alias, i);
    }
    // Names win over another model's alias.
    for (int i = 0; i < int(m_models.size()); ++i)
        m_byName.insert(m_models[size_t(i)].name, i);
}

const ModelPrice *PriceTable::find(const QString &model) const
{
    if (const auto it = m_found.constFind(model); it != m_found.cend())
        return *it < 0 ? nullptr : &m_models[size_t(*it)];
    int found = m_byName.value(model, -1);
    if (found < 0) {
        // The longest known name inside `model` that stands as a whole word (ccusage's rule).
        qsizetype best = 0;
        for (auto it = m_byName.cbegin(); it != m_byName.cend(); ++it) {
            const QString &name = it.key();
            if (name.size() <= best)
                continue;
            for (qsizetype at = model.indexOf(name); at >= 0; at = model.indexOf(name, at + 1)) {
                if ((at == 0 || !isWordChar(model.at(at - 1))) &&
                    endsWord(model, at + name.size())) {
                    best = name.size();
                    found = it.value();
                    break;
                }
            }
        }
    }
    m_found.insert(model, found);
    return found < 0 ? nullptr : &m_models[size_t(found)];
}

double PriceTable::cost(const ModelPrice &p, const TokenKinds &t, bool fast)
{
    const bool hasAbove = p.above200k.has_value();
    const Rates above = hasAbove ? *p.above200k : p.base;
    const double sum = tiered(t.input, p.base.input, above.input, hasAbove) +
                       tiered(t.output, p.base.output, above.output, hasAbove) +
                       tiered(t.cache5m, p.base.cacheWrite5m, above.cacheWrite5m, hasAbove) +
                       tiered(t.cache1h, p.base.cacheWrite1h, above.cacheWrite1h, hasAbove) +
                       tiered(t.cacheRead, p.base.cacheRead, above.cacheRead, hasAbove);
    return fast ? sum * p.fastMultiplier : sum;
}

} // namespace chorus::usage
