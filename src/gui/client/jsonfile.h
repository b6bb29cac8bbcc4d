#pragma once

#include <QJsonObject>
#include <QString>

namespace chorus {

// Writes `object` to `path` (indented JSON) all at once: a crash mid-write leaves the previous
// file, never half of one. Creates the folder. On failure, `error` says why.
bool writeJsonFile(const QString &path, const QJsonObject &object, QString *error);

} // namespace chorus
