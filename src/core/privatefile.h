#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace chorus {

// Writes `data` to `path` whole or not at all (a temporary file renamed into place), readable
// by the user alone (0600); a missing parent folder is created private (0700).
Status writePrivateFile(const QString &path, const QByteArray &data);

} // namespace chorus
