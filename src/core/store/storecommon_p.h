#pragma once

// Shared by the stores of src/core/store (one per table family over the one Database): the
// error of a failed query and how strings are bound. Private to chorus-core (never included
// outside src/core/store).

#include "result.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace chorus {

inline Error queryError(const QSqlQuery &q, const QString &where)
{
    return makeError(QCoreApplication::translate("chorus::SessionStore", "database error: %1")
                         .arg(q.lastError().text()),
                     where);
}

// For nullable text columns: an empty string is stored as SQL NULL.
inline QVariant nullable(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

// For NOT NULL text columns: a null QString would bind as SQL NULL.
inline QString notNull(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

} // namespace chorus
