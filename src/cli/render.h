#pragma once

#include "model/sessioninfo.h"
#include "model/storedevent.h"

#include <QList>
#include <QString>

namespace chorus::cli {

// Human-readable lines for `chorus logs` (prefix: "[name] " or empty).
QString renderEvent(const StoredEvent &event, const QString &prefix);
// The `chorus status` table, each line at most `width` characters (0: no limit): the task
// (the last column) and the branch elide first, then the least useful columns go.
QString renderStatusTable(const QList<SessionInfo> &sessions, int width = 0);
QString formatElapsed(const SessionInfo &s);

} // namespace chorus::cli
