#pragma once

#include "result.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace chorus::usage {

// USD per token, by kind.
struct Rates
{
    double input = 0;
    double output = 0;
    double cacheWrite5m = 0;
    double cacheWrite1h = 0;
    double cacheRead = 0;
};

struct ModelPrice
{
    QString name;
    QStringList aliases;
    Rates base;
    std::optional<Rates> above200k; // the rates for the tokens of a kind past 200k in one message
    double fastMultiplier = 1;      // for entries with speed "fast"
};

// Tokens of one entry, by kind.
struct TokenKinds
{
    quint64 input = 0;
    quint64 output = 0;
    quint64 cache5m = 0;
    quint64 cache1h = 0;
    quint64 cacheRead = 0;
};

// The price table: resources/pricing/anthropic.json, with the user's pricing.json laid over
// it model by model. Files are JSON (see docs/usage.md): {"version": 1, "models": {NAME:
// {"aliases": [...], "input": USD per million tokens, "output", "cacheWrite5m", "cacheWrite1h",
// "cacheRead", "above200k": {the same five}, "fastMultiplier"}}}.
class PriceTable
{
public:
    // The built-in table.
    static const PriceTable &builtIn();
    // The built-in table with `userFile` laid over it when that file exists; a file that does
    // not parse is an error naming file:line:column.
    static Result<PriceTable> withUserFile(const QString &userFile);
    // Reads one table file on its own (an error names file:line:column).
    static Result<PriceTable> fromFile(const QString &path);
    static Result<PriceTable> fromJson(const QByteArray &json, const QString &where);

    // The price of `model`: its exact name, an alias, then the longest known name it contains
    // at word boundaries ("claude-sonnet-4-20250514-v1" is priced as claude-sonnet-4-20250514,
    // "claude-opus-4-5" never as claude-opus-4). nullptr: unpriced, which callers flag.
    const ModelPrice *find(const QString &model) const;

    // The cost of one entry: each kind on its own, the tokens past 200k of a kind at the
    // higher rate, times the fast multiplier.
    static double cost(const ModelPrice &price, const TokenKinds &tokens, bool fast);

    int size() const { return int(m_models.size()); }

private:
    // Adds `price`, or lays it over the model of that name: the fields in `given` replace its own.
    void lay(const ModelPrice &price, const QStringList &fieldsGiven);
    void reindex();

    std::vector<ModelPrice> m_models;
    QHash<QString, QStringList> m_given; // per model, the fields its file gave
    QHash<QString, int> m_byName;        // names and aliases
    mutable QHash<QString, int> m_found; // lookups already made (-1: unpriced)
};

// $XDG_CONFIG_HOME/chorus/pricing.json
QString userPricingFile();

} // namespace chorus::usage
