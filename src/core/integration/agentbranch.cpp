#include "integration/agentbranch.h"

#include "git/branchstatus.h"

namespace chorus {

Result<Merged> isMerged(const AgentBranch &a, const QString &target)
{
    const Result<BranchStatus> st = branchStatus(a.repo, a.branch, target);
    if (!st)
        return st.error();
    if (st->merged)
        return st->contained ? Merged::ByContent : Merged::ByHistory;
    for (auto it = a.mergedHeads.constFind(target); it != a.mergedHeads.constEnd() && it.key() == target; ++it)
        if (it->first == st->head)
            if (const Result<bool> kept = reachableFrom(a.repo, it->second, target); kept && *kept)
                return Merged::ByContent;
    return Merged::No;
}

} // namespace chorus
