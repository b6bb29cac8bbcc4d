#include "store/migrations.h"

namespace chorus {

// Each entry moves the schema from version i to i+1. Never edit a released
// migration: add a new one. Tests migrate from every earlier version.
const QList<QStringList> &schemaMigrations()
{
    static const QList<QStringList> migrations = {
        // 0 -> 1: sessions, events, usage, approvals, inputs
        {
            QStringLiteral("CREATE TABLE sessions ("
                           " id TEXT PRIMARY KEY,"
                           " name TEXT NOT NULL UNIQUE,"
                           " role TEXT NOT NULL,"
                           " task TEXT NOT NULL,"
                           " dir TEXT NOT NULL,"
                           " model TEXT NOT NULL DEFAULT '',"
                           " state TEXT NOT NULL,"
                           " state_detail TEXT NOT NULL DEFAULT '',"
                           " claude_session_id TEXT NOT NULL,"
                           " pid INTEGER NOT NULL DEFAULT 0,"
                           " turns INTEGER NOT NULL DEFAULT 0,"
                           " input_tokens INTEGER NOT NULL DEFAULT 0,"
                           " output_tokens INTEGER NOT NULL DEFAULT 0,"
                           " cache_read_tokens INTEGER NOT NULL DEFAULT 0,"
                           " cache_write_tokens INTEGER NOT NULL DEFAULT 0,"
                           " cost_usd REAL NOT NULL DEFAULT 0,"
                           " created_at TEXT NOT NULL,"
                           " started_at TEXT,"
                           " ended_at TEXT,"
                           " error TEXT NOT NULL DEFAULT '',"
                           " restarts INTEGER NOT NULL DEFAULT 0,"
                           " options TEXT NOT NULL DEFAULT '{}')"),
            QStringLiteral("CREATE INDEX sessions_state ON sessions(state)"),
            QStringLiteral("CREATE TABLE events ("
                           " id INTEGER PRIMARY KEY,"
                           " session_id TEXT NOT NULL,"
                           " seq INTEGER NOT NULL,"
                           " ts TEXT NOT NULL,"
                           " kind TEXT NOT NULL,"
                           " subtype TEXT NOT NULL DEFAULT '',"
                           " raw BLOB NOT NULL)"),
            QStringLiteral("CREATE UNIQUE INDEX events_session_seq ON events(session_id, seq)"),
            QStringLiteral("CREATE TABLE usage ("
                           " id INTEGER PRIMARY KEY,"
                           " session_id TEXT NOT NULL,"
                           " ts TEXT NOT NULL,"
                           " role TEXT NOT NULL,"
                           " model TEXT NOT NULL,"
                           " input_tokens INTEGER NOT NULL,"
                           " output_tokens INTEGER NOT NULL,"
                           " cache_read_tokens INTEGER NOT NULL,"
                           " cache_write_tokens INTEGER NOT NULL,"
                           " cost_usd REAL NOT NULL,"
                           " duration_ms INTEGER NOT NULL,"
                           " is_error INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX usage_session ON usage(session_id)"),
            QStringLiteral("CREATE INDEX usage_ts ON usage(ts)"),
            QStringLiteral("CREATE TABLE approvals ("
                           " id INTEGER PRIMARY KEY,"
                           " session_id TEXT NOT NULL,"
                           " request_id TEXT NOT NULL,"
                           " tool_name TEXT NOT NULL,"
                           " input TEXT NOT NULL,"
                           " description TEXT NOT NULL DEFAULT '',"
                           " state TEXT NOT NULL,"
                           " for_session INTEGER NOT NULL DEFAULT 0,"
                           " message TEXT NOT NULL DEFAULT '',"
                           " created_at TEXT NOT NULL,"
                           " answered_at TEXT)"),
            QStringLiteral("CREATE INDEX approvals_session ON approvals(session_id, state)"),
            QStringLiteral("CREATE TABLE inputs ("
                           " id INTEGER PRIMARY KEY,"
                           " session_id TEXT NOT NULL,"
                           " text TEXT NOT NULL,"
                           " state TEXT NOT NULL,"
                           " created_at TEXT NOT NULL,"
                           " sent_at TEXT)"),
            QStringLiteral("CREATE INDEX inputs_session ON inputs(session_id, state)"),
        },
        // 1 -> 2: isolation (a branch and worktree per agent)
        {
            QStringLiteral("ALTER TABLE sessions ADD COLUMN repo TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE sessions ADD COLUMN branch TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE sessions ADD COLUMN worktree TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE sessions ADD COLUMN head TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE sessions ADD COLUMN base_commit TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE sessions ADD COLUMN warning TEXT NOT NULL DEFAULT ''"),
        },
        // 2 -> 3: merges and syncs of agent branches, with their outcome (conflicts and their
        // three versions, check output) as JSON
        {
            QStringLiteral("CREATE TABLE merges ("
                           " id INTEGER PRIMARY KEY,"
                           " session_id TEXT NOT NULL,"
                           " ts TEXT NOT NULL,"
                           " kind TEXT NOT NULL,"
                           " strategy TEXT NOT NULL,"
                           " branch TEXT NOT NULL,"
                           " target TEXT NOT NULL,"
                           " state TEXT NOT NULL,"
                           " target_before TEXT NOT NULL,"
                           " target_after TEXT NOT NULL,"
                           " detail TEXT NOT NULL DEFAULT '{}')"),
            QStringLiteral("CREATE INDEX merges_session ON merges(session_id, id)"),
        },
        // 3 -> 4: rate limits. Every signal Claude gave about a profile's windows (the
        // history), and each profile's current picture and mode (normal, single, paused) as
        // JSON, so a restarted engine keeps a pause and its timer.
        {
            QStringLiteral("CREATE TABLE rate_limit_events ("
                           " id INTEGER PRIMARY KEY,"
                           " ts TEXT NOT NULL,"
                           " profile TEXT NOT NULL,"
                           " source TEXT NOT NULL,"
                           " session_id TEXT NOT NULL DEFAULT '',"
                           " status TEXT NOT NULL,"
                           " window TEXT NOT NULL DEFAULT '',"
                           " resets_at INTEGER NOT NULL DEFAULT 0,"
                           " utilization REAL,"
                           " detail TEXT NOT NULL DEFAULT '{}')"),
            QStringLiteral(
                "CREATE INDEX rate_limit_events_profile ON rate_limit_events(profile, id)"),
            QStringLiteral("CREATE TABLE limit_profiles ("
                           " profile TEXT PRIMARY KEY,"
                           " state TEXT NOT NULL,"
                           " updated_at TEXT NOT NULL)"),
            QStringLiteral("ALTER TABLE usage ADD COLUMN wasted INTEGER NOT NULL DEFAULT 0"),
        },
    };
    return migrations;
}

} // namespace chorus
