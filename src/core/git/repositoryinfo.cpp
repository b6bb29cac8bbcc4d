#include "git/repositoryinfo.h"

#include "git/gitrepository.h"

#include <QFileInfo>

#include <algorithm>

namespace chorus {

RepositoryInfo readRepositoryInfo(const QString &path)
{
    RepositoryInfo info;
    info.path = path;
    if (path.isEmpty() || !QFileInfo(path).isDir())
        return info;
    Result<GitRepository> repo = GitRepository::discover(path);
    if (!repo) {
        info.error = repo.error().message;
        return info;
    }
    info.isRepository = true;
    info.workDir = repo->workDir();
    info.currentBranch = repo->currentBranch();
    info.headUnborn = repo->isHeadUnborn();
    if (!info.headUnborn)
        if (const Result<QString> head = repo->headCommit())
            info.headCommit = head->left(7);
    QStringList others = repo->branches({});
    others.removeAll(info.currentBranch);
    // Agents' own branches after the user's: a base is most often one of these.
    std::stable_sort(others.begin(), others.end(), [](const QString &a, const QString &b) {
        const bool agentA = a.startsWith(QLatin1String("chorus/"));
        const bool agentB = b.startsWith(QLatin1String("chorus/"));
        return agentA != agentB ? agentB : a < b;
    });
    if (!info.currentBranch.isEmpty())
        info.branches << info.currentBranch;
    info.branches << others;
    return info;
}

} // namespace chorus
