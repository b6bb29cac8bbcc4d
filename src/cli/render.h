#pragma once

#include "model/sessioninfo.h"
#include "model/storedevent.h"

#include <QList>
#include <QString>

namespace chorus::cli {

// Human-readable lines for `chorus logs` (prefix: "[name] " or empty).
QString renderEvent(const StoredEvent &event, const QString &prefix);
// The `chorus status` table.
QString renderStatusTable(const QList<SessionInfo> &sessions);
QString formatElapsed(const SessionInfo &s);

} // namespace chorus::cli
