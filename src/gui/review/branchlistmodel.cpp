#include "review/branchlistmodel.h"

#include "agents/knownroles.h"
#include "client/engineclient.h"
#include "review/reviewsource.h"

#include <QPointer>

namespace chorus {

namespace {

bool isCleaned(const SessionInfo &info)
{
    return info.branchState.isCleaned();
}

} // namespace

void ReviewBranch::takeSession(const SessionInfo &info)
{
    sessionId = info.id;
    name = info.name;
    role = info.role;
    repo = info.repo;
    branch = info.branch;
    head = info.head;
    baseCommit = info.baseCommit;
    note = info.branchState.note();
    const BranchState::Merge merge = info.branchState.merge.value_or(BranchState::Merge{});
    mergeState = merge.state;
    recordedMerges.clear();
    if (merge.state == QLatin1String("merged") || merge.state == QLatin1String("up-to-date"))
        recordedMerges << RecordedMerge{merge.target, merge.branchHead, merge.commit};
    approved = info.branchState.mergeApproved;
    working = isActive(info.state);
}

ReviewBranch::Forecast ReviewBranch::forecast() const
{
    if (!error.isEmpty())
        return Forecast::Error;
    if (!statusKnown)
        return Forecast::Unknown;
    // By history, by content, or by the engine's record of its merge (a squash or rebase, and
    // the target has since changed the same lines): the one rule, mergedState.
    if (merged != Merged::No) // nothing of it is missing from the target, or nothing done yet
        return status.ahead == 0 && (head.isEmpty() || head == baseCommit) ? Forecast::NoChanges
                                                                           : Forecast::Merged;
    return status.clean ? Forecast::Clean : Forecast::Conflicts;
}

BranchListModel::BranchListModel(EngineClient *client, KnownRoles *roles, ReviewSource *source,
                                 QObject *parent)
    : QAbstractListModel(parent), m_client(client), m_roles(roles), m_source(source)
{
    connect(source, &ReviewSource::branchDiffLoaded, this,
            [this](const QString &sessionId, quint64, const Result<DiffSummary> &summary) {
                onSummaryLoaded(sessionId, summary);
            });
    connect(source, &ReviewSource::branchStatusLoaded, this,
            [this](const QString &sessionId, quint64, const Result<BranchStanding> &standing) {
                onStatusLoaded(sessionId, standing);
            });
    connect(client, &EngineClient::sessionAdded, this, &BranchListModel::onSessionChanged);
    connect(client, &EngineClient::sessionChanged, this, &BranchListModel::onSessionChanged);
    connect(client, &EngineClient::connectedChanged, this, [this](bool connected) {
        if (connected)
            sync();
    });
    if (roles)
        connect(roles, &KnownRoles::changed, this, [this] {
            if (!m_rows.isEmpty())
                Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1),
                                   {RoleColorRole, Qt::DecorationRole});
        });
    sync();
}

BranchListModel::~BranchListModel()
{
    if (m_source) // running diffs stop early; their results are dropped
        for (const ReviewBranch &b : std::as_const(m_rows))
            m_source->cancel(b.sessionId);
}

bool BranchListModel::reviewable(const SessionInfo &info)
{
    return !info.branch.isEmpty() && !info.repo.isEmpty() && !isCleaned(info);
}

void BranchListModel::sync()
{
    for (const SessionInfo &s : m_client->sessions())
        onSessionChanged(s);
}

int BranchListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BranchListModel::rowOf(const QString &sessionId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].sessionId == sessionId)
            return i;
    return -1;
}

const ReviewBranch *BranchListModel::branch(const QString &sessionId) const
{
    const int row = rowOf(sessionId);
    return row < 0 ? nullptr : &m_rows[row];
}

const ReviewBranch *BranchListModel::branchAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

QString BranchListModel::forecastText(const ReviewBranch &b)
{
    switch (b.forecast()) {
    case ReviewBranch::Forecast::Unknown:
        return tr("checking…");
    case ReviewBranch::Forecast::Clean:
        return tr("merges cleanly");
    case ReviewBranch::Forecast::Conflicts:
        return tr("%n conflict(s)", nullptr, int(b.status.conflicts.size()));
    case ReviewBranch::Forecast::Merged:
        return tr("merged");
    case ReviewBranch::Forecast::NoChanges:
        return tr("no changes");
    case ReviewBranch::Forecast::Error:
        return tr("unreadable");
    }
    return {};
}

QVariant BranchListModel::data(const QModelIndex &index, int role) const
{
    const ReviewBranch *b = branchAt(index.row());
    if (!b || index.column() != 0)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return b->name;
    case Qt::DecorationRole:
        return m_roles ? m_roles->icon(b->role) : QIcon();
    case Qt::ToolTipRole: {
        QString tip = tr("%1 (%2)\n%3 into %4").arg(b->name, b->role, b->branch, b->target);
        if (!b->error.isEmpty())
            tip += QLatin1Char('\n') + b->error;
        if (b->statusKnown && !b->status.conflicts.isEmpty()) {
            tip += QLatin1Char('\n') + tr("Conflicts with %1:").arg(b->target);
            for (const ConflictFile &c : b->status.conflicts)
                tip += QStringLiteral("\n  ") + c.path + QStringLiteral(" (") + c.kind +
                       QLatin1Char(')');
        }
        return tip;
    }
    case IdRole:
        return b->sessionId;
    case BranchRole:
        return b->branch;
    case TargetRole:
        return b->target;
    case RoleColorRole:
        return m_roles ? m_roles->color(b->role) : QColor();
    case AheadRole:
        return b->statusKnown ? QVariant(b->status.ahead) : QVariant();
    case BehindRole:
        return b->statusKnown ? QVariant(b->status.behind) : QVariant();
    case FilesRole:
        return b->summaryKnown ? QVariant(int(b->summary.files.size())) : QVariant();
    case AdditionsRole:
        return b->summaryKnown ? QVariant(b->summary.additions) : QVariant();
    case DeletionsRole:
        return b->summaryKnown ? QVariant(b->summary.deletions) : QVariant();
    case ForecastRole:
        return int(b->forecast());
    case ConflictsRole:
        return b->statusKnown ? int(b->status.conflicts.size()) : 0;
    case ApprovedRole:
        return b->approved;
    case WorkingRole:
        return b->working;
    case ErrorRole:
        return b->error;
    default:
        return {};
    }
}

void BranchListModel::onSessionChanged(const SessionInfo &info)
{
    const int row = rowOf(info.id);
    if (!reviewable(info)) {
        if (row >= 0) {
            m_source->cancel(info.id);
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
        return;
    }
    if (row < 0) {
        ReviewBranch b;
        b.takeSession(info);
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
        m_rows.append(b);
        endInsertRows();
        compute(info.id);
        return;
    }
    ReviewBranch &b = m_rows[row];
    const ReviewBranch before = b;
    b.takeSession(info);
    const bool headMoved = before.head != b.head;
    const bool mergeStateChanged = before.mergeState != b.mergeState;
    const bool justMerged = mergeStateChanged && b.mergeState == QLatin1String("merged");
    const bool changed = headMoved || before.note != b.note || before.approved != b.approved ||
                         before.working != b.working;
    if (changed)
        emitChanged(info.id);
    if (justMerged) // its target moved: every forecast changes
        refreshAll();
    else if (headMoved || mergeStateChanged)
        refresh(info.id);
}

void BranchListModel::setPriority(const QString &sessionId)
{
    m_priority = sessionId;
}

void BranchListModel::refresh(const QString &sessionId)
{
    compute(sessionId);
}

void BranchListModel::refreshAll()
{
    // The prioritised branch first, so its answer comes back first.
    if (rowOf(m_priority) >= 0)
        compute(m_priority);
    for (const ReviewBranch &b : std::as_const(m_rows))
        if (b.sessionId != m_priority)
            compute(b.sessionId);
}

void BranchListModel::emitChanged(const QString &sessionId)
{
    const int row = rowOf(sessionId);
    if (row >= 0)
        Q_EMIT dataChanged(index(row), index(row));
}

void BranchListModel::compute(const QString &sessionId)
{
    const int row = rowOf(sessionId);
    if (row < 0)
        return;
    const int generation = ++m_rows[row].generation;
    m_source->cancel(sessionId); // what is still being read for it is out of date
    m_client->reviewTarget(sessionId, {},
                           [self = QPointer<BranchListModel>(this), sessionId,
                            generation](const Result<QJsonObject> &r) {
                               if (self)
                                   self->startJobs(sessionId, generation, r);
                           });
}

ReviewBranch *BranchListModel::current(const QString &sessionId, int generation)
{
    const int row = rowOf(sessionId);
    return row >= 0 && m_rows[row].generation == generation ? &m_rows[row] : nullptr;
}

void BranchListModel::startJobs(const QString &sessionId, int generation,
                                const Result<QJsonObject> &target)
{
    ReviewBranch *b = current(sessionId, generation);
    if (!b)
        return;
    if (!target) {
        b->error = target.error().toString();
        emitChanged(sessionId);
        return;
    }
    b->error.clear();
    b->readRepo = target->value(QLatin1String("repo")).toString();
    b->readBranch = target->value(QLatin1String("branch")).toString();
    b->target = target->value(QLatin1String("target")).toString();
    // The file list first; the forecast (an in-memory merge) after it, so that on a small
    // machine it does not slow the list down.
    m_source->requestBranchDiff(sessionId, b->readRepo, b->readBranch, b->target,
                                sessionId == m_priority ? ReviewSource::Priority::Foreground
                                                        : ReviewSource::Priority::Normal);
}

void BranchListModel::onSummaryLoaded(const QString &sessionId, const Result<DiffSummary> &summary)
{
    const int row = rowOf(sessionId);
    if (row < 0)
        return;
    ReviewBranch &b = m_rows[row];
    if (summary) {
        b.summary = *summary;
        b.summaryKnown = true;
    } else {
        b.error = summary.error().toString();
    }
    emitChanged(sessionId);
    Q_EMIT summaryChanged(sessionId);
    if (const ReviewBranch *now = branch(sessionId))
        m_source->requestBranchStatus(sessionId, now->readRepo, now->readBranch, now->target,
                                      now->recordedMerges, ReviewSource::Priority::Background);
}

void BranchListModel::onStatusLoaded(const QString &sessionId,
                                     const Result<BranchStanding> &standing)
{
    const int row = rowOf(sessionId);
    if (row < 0)
        return;
    ReviewBranch &b = m_rows[row];
    b.merged = standing ? standing->merged : Merged::No;
    if (standing) {
        b.status = standing->status;
        b.statusKnown = true;
    } else {
        b.error = standing.error().toString();
    }
    emitChanged(sessionId);
}

} // namespace chorus
