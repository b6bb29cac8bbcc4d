#include "notify/notifykind.h"

namespace chorus {

QList<NotifyKind> allNotifyKinds()
{
    return {NotifyKind::Approval,    NotifyKind::TurnEnded,   NotifyKind::Failed,
            NotifyKind::Conflict,    NotifyKind::CheckFailed, NotifyKind::Limit,
            NotifyKind::WorkflowGate};
}

QString notifyKindKey(NotifyKind kind)
{
    switch (kind) {
    case NotifyKind::Approval:
        return QStringLiteral("approval");
    case NotifyKind::TurnEnded:
        return QStringLiteral("turnEnded");
    case NotifyKind::Failed:
        return QStringLiteral("failed");
    case NotifyKind::Conflict:
        return QStringLiteral("conflict");
    case NotifyKind::CheckFailed:
        return QStringLiteral("checkFailed");
    case NotifyKind::Limit:
        return QStringLiteral("limit");
    case NotifyKind::WorkflowGate:
        return QStringLiteral("workflowGate");
    }
    return {};
}

bool needsUser(NotifyKind kind)
{
    return kind != NotifyKind::Limit;
}

} // namespace chorus
