#pragma once

#include <QList>
#include <QStringList>

namespace chorus {

// migrations[i] holds the statements that move the schema from version i to i+1.
const QList<QStringList> &schemaMigrations();

} // namespace chorus
