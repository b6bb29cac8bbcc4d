#include "integration/agentbranch.h"

#include "git/branchstatus.h"

namespace chorus {

Result<Merged> isMerged(const AgentBranch &a, const QString &target)
{
    const Result<BranchStatus> st = branchStatus(a.repo, a.branch, target);
    if (!st)
        return st.error();
    return mergedState(a.repo, *st, a.recordedMerges);
}

} // namespace chorus
