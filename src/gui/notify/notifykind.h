#pragma once

#include <QList>
#include <QString>

namespace chorus {

// Why an agent asks for the user: each kind has its own on/off setting (guisettings).
enum class NotifyKind {
    Approval,     // a tool waits for the user's permission
    TurnEnded,    // a turn ended: the agent waits for what comes next
    Failed,       // the agent's turn or process failed
    Conflict,     // a merge (or sync) of its branch conflicts
    CheckFailed,  // the merge's check failed
    Limit,        // a rate limit paused it (the CLI retries by itself)
    WorkflowGate, // a workflow gate waits for the user (no workflows yet: never raised)
};

// Every kind, in the order Settings lists them.
QList<NotifyKind> allNotifyKinds();
// The settings key ("approval", "turnEnded", ...).
QString notifyKindKey(NotifyKind kind);
// Whether an agent in this state needs the user (the title's count, "Next Agent Needing
// Attention"): all but a rate limit, which ends by itself.
bool needsUser(NotifyKind kind);

} // namespace chorus
