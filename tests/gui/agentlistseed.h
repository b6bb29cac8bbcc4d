#pragma once

// Sessions written straight into a fresh engine's database before the engine starts: the
// agent list test and benchmark need many agents in known states (idle for minutes or hours,
// finished, merged, in conflict) that real runs would take long to reach. The engine loads
// them as it loads any session it finds; agents that are not active have no process to
// recover. Header-only: tst_agentlist and bench_agentlist share it.
#include "model/sessioninfo.h"
#include "store/database.h"
#include "store/sessionstore.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QStringList>
#include <QUuid>

namespace chorus::test {

// `count` agents spread over `repos` (folders made under `root`), with long names, several
// roles, multi-line tasks, branches, merge states and a mix of idle (recent and old), done,
// failed and stopped states. Deterministic: agent i is the same every time.
inline QList<SessionInfo> makeAgents(int count, const QString &root, const QStringList &repos)
{
    static const char *const kRoles[] = {"builder", "architect", "reviewer", "scribe", "validator"};
    static const char *const kTopics[] = {"session-store-migrations", "console-markdown-tables",
                                          "merge-queue-retries",      "notification-actions",
                                          "review-thread-rounds",     "worktree-cleanup-safety",
                                          "daemon-idle-exit",         "status-terminal-width"};
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-6 * 3600);
    QList<SessionInfo> agents;
    for (int i = 0; i < count; ++i) {
        SessionInfo s;
        s.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        s.role = QLatin1String(kRoles[i % 5]);
        const QString topic = QLatin1String(kTopics[i % 8]);
        s.name = QStringLiteral("%1-%2-%3").arg(s.role, topic).arg(i + 1);
        s.task = QStringLiteral("Work on %1 (part %2).\nKeep the tests green and say what "
                                "changed.")
                     .arg(topic)
                     .arg(i + 1);
        s.repo = QDir(root).filePath(repos.at(i % repos.size()));
        QDir().mkpath(s.repo);
        s.dir = s.repo;
        s.branch = QStringLiteral("chorus/") + s.name;
        s.model = QStringLiteral("haiku");
        s.createdAt = start.addSecs(i * 60).toString(Qt::ISODateWithMs);
        s.startedAt = start.addSecs(i * 60 + 2).toString(Qt::ISODateWithMs);
        s.tokens.input = 1000 + i * 137;
        s.tokens.output = 200 + i * 31;
        s.costUsd = 0.002 * (i + 1);
        s.turns = 1 + i % 3;
        switch (i % 6) {
        case 0: // idle for minutes
        case 3:
            s.state = SessionState::Idle;
            s.endedAt = QDateTime::currentDateTimeUtc().addSecs(-300).toString(Qt::ISODateWithMs);
            break;
        case 1: // idle for hours
            s.state = SessionState::Idle;
            s.endedAt =
                QDateTime::currentDateTimeUtc().addSecs(-3 * 3600).toString(Qt::ISODateWithMs);
            break;
        case 2:
            s.state = SessionState::Done;
            s.endedAt = start.addSecs(i * 60 + 90).toString(Qt::ISODateWithMs);
            break;
        case 4:
            s.state = SessionState::Failed;
            s.error = QStringLiteral("the check failed");
            s.endedAt = start.addSecs(i * 60 + 90).toString(Qt::ISODateWithMs);
            break;
        default:
            s.state = SessionState::Stopped;
            s.endedAt = start.addSecs(i * 60 + 90).toString(Qt::ISODateWithMs);
            break;
        }
        if (i % 4 == 1) {
            BranchState::Merge merge;
            merge.state = QStringLiteral("merged");
            s.branchState.merge = merge;
        } else if (i % 7 == 2) {
            BranchState::Merge merge;
            merge.state = QStringLiteral("conflict");
            s.branchState.merge = merge;
        }
        agents.append(s);
    }
    return agents;
}

// Writes the sessions into the database at `path` (created and migrated when new).
inline bool seedAgents(const QString &path, const QList<SessionInfo> &agents, QString *error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    Database db;
    if (Status s = db.open(path); !s) {
        *error = s.error().toString();
        return false;
    }
    SessionStore store(&db);
    for (const SessionInfo &s : agents) {
        if (Status st = store.insertSession(s); !st) {
            *error = st.error().toString();
            return false;
        }
    }
    return true;
}

} // namespace chorus::test
