#include "transcriptmodel.h"

namespace chorus {

namespace {
using Kind = TranscriptItem::Kind;
} // namespace

TranscriptModel::TranscriptModel(QObject *parent) : QAbstractListModel(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kDefaultFlushIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &TranscriptModel::flushSome);
}

TranscriptModel::~TranscriptModel() = default;

void TranscriptModel::setMaxEntries(int max)
{
    m_maxEntries = qMax(10, max);
    const qsizetype overflow = qsizetype(m_entries.size()) - firstEntryRow() - m_maxEntries;
    if (overflow > 0) {
        dropFront(overflow);
        updateHiddenNote();
    }
}

void TranscriptModel::appendEvents(const QList<StoredEvent> &events)
{
    for (const StoredEvent &e : events) {
        if (e.seq > 0) {
            if (e.seq <= m_lastSeq)
                continue; // already have it (a tail fetch overlapping live events)
            m_lastSeq = e.seq;
        }
        m_queue.append(e);
    }
    if (!m_queue.isEmpty() && !m_timer.isActive())
        m_timer.start();
}

void TranscriptModel::flushSome()
{
    if (m_queue.isEmpty()) {
        if (syncLive())
            Q_EMIT flushed();
        return;
    }
    // A backlog far beyond what is kept: skip its oldest part without decoding it.
    const qsizetype keep = qsizetype(m_maxEntries) * 4;
    if (m_queue.size() > keep) {
        m_queue.remove(0, m_queue.size() - keep);
        m_truncated = true;
    }
    const qsizetype take = qMin<qsizetype>(m_queue.size(), kMaxEventsPerFlush);
    apply(m_queue, 0, take);
    m_queue.remove(0, take);
    syncLive(); // in the same change: a stored message and the live row it replaces
    Q_EMIT flushed();
    if (!m_queue.isEmpty()) {
        const int interval = m_timer.interval();
        m_timer.start(0); // the rest on the next turn of the event loop
        m_timer.setInterval(interval);
    }
}

void TranscriptModel::flush()
{
    m_timer.stop();
    if (m_queue.isEmpty()) {
        if (syncLive())
            Q_EMIT flushed();
        return;
    }
    apply(m_queue, 0, m_queue.size());
    m_queue.clear();
    syncLive();
    Q_EMIT flushed();
}

void TranscriptModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_hasNote = false;
    m_truncated = false;
    m_droppedWithoutSeq = 0;
    m_toolIds.clear();
    m_queue.clear();
    m_lastSeq = 0;
    m_seenAny = false;
    m_timer.stop();
    m_liveMessage.clear();
    m_live.clear();
    m_liveRows.clear();
    m_liveLine.clear();
    m_liveDirty = false;
    endResetModel();
}

TranscriptEntry TranscriptModel::makeEntry(const TranscriptItem &item)
{
    TranscriptEntry e;
    e.id = m_nextId++;
    e.kind = item.kind;
    e.isError = item.isError;
    e.stoppedByUser = item.stoppedByUser;
    e.details = item.details;
    e.seq = item.seq;
    e.ts = item.ts;
    e.title = item.title;
    e.body = item.body;
    e.toolUseId = item.toolUseId;
    return e;
}

// Decodes events[begin, end) from the newest backwards until maxEntries rows are certain,
// so a huge backlog costs only what is shown; then appends, joining tool results to
// their calls, and drops the oldest rows beyond the cap.
void TranscriptModel::apply(const QList<StoredEvent> &events, qsizetype begin, qsizetype end)
{
    if (begin >= end)
        return;
    if (!m_seenAny) {
        m_seenAny = true;
        if (events.at(begin).seq > 1)
            m_truncated = true; // opened on the tail of a longer session
    }
    const qsizetype n = end - begin;
    std::vector<QList<TranscriptItem>> decoded(static_cast<size_t>(n));
    qsizetype start = 0;
    qsizetype rows = 0;
    for (qsizetype i = n - 1; i >= 0; --i) {
        decoded[size_t(i)] = transcriptItems(events.at(begin + i));
        for (const TranscriptItem &item : std::as_const(decoded[size_t(i)]))
            rows += item.kind == Kind::ToolResult ? 0 : 1;
        if (rows >= m_maxEntries) {
            start = i;
            break;
        }
    }
    if (start > 0)
        m_truncated = true;

    std::vector<TranscriptEntry> fresh;
    QList<quint64> changed;
    const quint64 firstFreshId = m_nextId;
    for (qsizetype i = start; i < n; ++i) {
        for (const TranscriptItem &item : std::as_const(decoded[size_t(i)])) {
            if (item.kind == Kind::ToolResult && !item.toolUseId.isEmpty()) {
                const auto it = m_toolIds.constFind(item.toolUseId);
                TranscriptEntry *target = nullptr;
                if (it != m_toolIds.constEnd()) {
                    if (*it >= firstFreshId) {
                        target = &fresh[size_t(*it - firstFreshId)];
                    } else if (const int row = rowOfId(*it); row >= 0) {
                        target = &m_entries[size_t(row)];
                        changed.append(*it);
                    }
                }
                if (target) {
                    target->hasResult = true;
                    target->resultIsError = item.isError;
                    target->result = item.body;
                    continue;
                }
            }
            TranscriptEntry e = makeEntry(item);
            e.eventKind = events.at(begin + i).kind;
            if (e.kind == Kind::TurnEnd && e.isError) {
                // Say a failure once: not again in the footer when the error row says it.
                const TranscriptEntry *prev = !fresh.empty()      ? &fresh.back()
                                              : m_entries.empty() ? nullptr
                                                                  : &m_entries.back();
                const qsizetype nl = e.body.lastIndexOf(QLatin1Char('\n'));
                if (prev && prev->kind == Kind::Error && nl > 0 &&
                    prev->body.contains(e.body.left(nl).trimmed()))
                    e.body = e.body.mid(nl + 1);
            }
            if (e.kind == Kind::ToolUse && !e.toolUseId.isEmpty())
                m_toolIds.insert(e.toolUseId, e.id);
            fresh.push_back(std::move(e));
        }
    }

    const qsizetype existing = qsizetype(m_entries.size()) - firstEntryRow();
    const qsizetype overflow = existing + qsizetype(fresh.size()) - m_maxEntries;
    if (overflow > 0) {
        const qsizetype fromExisting = qMin(overflow, existing);
        dropFront(fromExisting);
        const qsizetype fromFresh = overflow - fromExisting;
        if (fromFresh > 0) {
            for (qsizetype k = 0; k < fromFresh; ++k) {
                const TranscriptEntry &e = fresh[size_t(k)];
                if (e.kind == Kind::ToolUse)
                    m_toolIds.remove(e.toolUseId);
                if (e.seq <= 0)
                    ++m_droppedWithoutSeq;
            }
            fresh.erase(fresh.begin(), fresh.begin() + fromFresh);
            m_truncated = true;
        }
    }
    if (!m_live.empty()) {
        for (qsizetype i = begin; i < end; ++i)
            finishLive(events.at(i));
    }
    if (!fresh.empty()) {
        const int first = int(m_entries.size()); // before the live rows
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        for (TranscriptEntry &e : fresh)
            m_entries.push_back(std::move(e));
        endInsertRows();
    }
    updateHiddenNote();
    for (const quint64 id : std::as_const(changed)) {
        if (const int row = rowOfId(id); row >= 0)
            Q_EMIT dataChanged(index(row), index(row), {ResultRole, HasResultRole});
    }
}

void TranscriptModel::dropFront(qsizetype count)
{
    if (count <= 0)
        return;
    const int first = firstEntryRow();
    beginRemoveRows({}, first, first + int(count) - 1);
    const auto from = m_entries.begin() + first;
    for (auto it = from; it != from + count; ++it) {
        if (it->kind == Kind::ToolUse) {
            const auto tool = m_toolIds.find(it->toolUseId);
            if (tool != m_toolIds.end() && *tool == it->id)
                m_toolIds.erase(tool);
        }
        if (it->seq <= 0)
            ++m_droppedWithoutSeq;
    }
    m_entries.erase(from, from + count);
    endRemoveRows();
    m_truncated = true;
}

void TranscriptModel::updateHiddenNote()
{
    if (!m_truncated || hiddenCount() <= 0)
        return;
    if (m_hasNote) {
        m_entries.front().title = hiddenText();
        Q_EMIT dataChanged(index(0), index(0));
        return;
    }
    beginInsertRows({}, 0, 0);
    TranscriptEntry note;
    note.hiddenNote = true;
    note.kind = Kind::System;
    note.title = hiddenText();
    m_entries.push_front(note);
    m_hasNote = true;
    endInsertRows();
}

qint64 TranscriptModel::hiddenCount() const
{
    if (!m_truncated)
        return 0;
    const size_t first = size_t(firstEntryRow());
    if (first < m_entries.size() && m_entries[first].seq > 0)
        return m_entries[first].seq - 1;
    return m_droppedWithoutSeq;
}

QString TranscriptModel::hiddenText() const
{
    return tr("Earlier events not shown — %n hidden", nullptr,
              int(qMin<qint64>(hiddenCount(), INT_MAX)));
}

int TranscriptModel::rowOfId(quint64 id) const
{
    if (id >= kLiveIdBase) {
        for (size_t k = 0; k < m_liveRows.size(); ++k)
            if (m_liveRows[k].id == id)
                return int(m_entries.size() + k);
        return -1;
    }
    const size_t first = size_t(firstEntryRow());
    if (first >= m_entries.size() || id < m_entries[first].id)
        return -1;
    const quint64 row = first + (id - m_entries[first].id);
    return row < m_entries.size() ? int(row) : -1;
}

int TranscriptModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size() + m_liveRows.size());
}

QVariant TranscriptModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const TranscriptEntry &e = entry(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return e.hiddenNote ? hiddenText() : e.plainText();
    case KindRole:
        return int(e.kind);
    case TitleRole:
        return e.title;
    case BodyRole:
        return e.body;
    case ResultRole:
        return e.result;
    case IsErrorRole:
        return e.isError || e.resultIsError;
    case ExpandedRole:
        return e.expanded;
    case HasResultRole:
        return e.hasResult;
    case SeqRole:
        return e.seq;
    case ToolUseIdRole:
        return e.toolUseId;
    case HiddenNoteRole:
        return e.hiddenNote;
    case ShowAllRole:
        return e.showAll;
    default:
        break;
    }
    return {};
}

QHash<int, QByteArray> TranscriptModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(TitleRole, "title");
    names.insert(BodyRole, "body");
    names.insert(ResultRole, "result");
    names.insert(IsErrorRole, "isError");
    names.insert(ExpandedRole, "expanded");
    names.insert(HasResultRole, "hasResult");
    names.insert(SeqRole, "seq");
    names.insert(ToolUseIdRole, "toolUseId");
    names.insert(HiddenNoteRole, "hiddenNote");
    names.insert(ShowAllRole, "showAll");
    return names;
}

bool TranscriptModel::setExpanded(int row, bool expanded)
{
    if (row < 0 || row >= rowCount())
        return false;
    TranscriptEntry &e = mutableEntry(row);
    if (!e.isCollapsible() || e.expanded == expanded)
        return false;
    e.expanded = expanded;
    Q_EMIT dataChanged(index(row), index(row), {ExpandedRole});
    return true;
}

bool TranscriptModel::setShowAll(int row, bool showAll)
{
    if (row < 0 || row >= rowCount())
        return false;
    TranscriptEntry &e = mutableEntry(row);
    const bool open = showAll && e.isCollapsible() && !e.expanded;
    if (e.hiddenNote || (e.showAll == showAll && !open))
        return false;
    e.showAll = showAll;
    e.expanded = e.expanded || open;
    Q_EMIT dataChanged(index(row), index(row), {ShowAllRole, ExpandedRole});
    return true;
}

void TranscriptModel::setAllExpanded(bool expanded)
{
    int first = -1;
    int last = -1;
    for (size_t row = 0; row < m_entries.size(); ++row) {
        TranscriptEntry &e = m_entries[row];
        if (e.kind != Kind::ToolUse && e.kind != Kind::ToolResult)
            continue;
        if (e.expanded == expanded)
            continue;
        e.expanded = expanded;
        if (first < 0)
            first = int(row);
        last = int(row);
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first), index(last), {ExpandedRole});
}

int TranscriptModel::findRow(const QString &needle, int from, bool backward) const
{
    const int n = rowCount();
    if (n == 0 || needle.isEmpty())
        return -1;
    for (int k = 1; k <= n; ++k) {
        const int row = (((backward ? from - k : from + k) % n) + n) % n;
        const TranscriptEntry &e = entry(row);
        if (!e.hiddenNote && e.contains(needle))
            return row;
    }
    return -1;
}

int TranscriptModel::matchCount(const QString &needle) const
{
    if (needle.isEmpty())
        return 0;
    int count = 0;
    for (const TranscriptEntry &e : m_entries)
        count += !e.hiddenNote && e.contains(needle) ? 1 : 0;
    for (const TranscriptEntry &e : m_liveRows)
        count += e.contains(needle) ? 1 : 0;
    return count;
}

} // namespace chorus

namespace chorus {

int TranscriptModel::matchIndex(const QString &needle, int row) const
{
    if (needle.isEmpty() || row < 0 || row >= rowCount() || !entry(row).contains(needle))
        return 0;
    int index = 0;
    for (int r = 0; r <= row; ++r)
        index += !entry(r).hiddenNote && entry(r).contains(needle) ? 1 : 0;
    return index;
}

} // namespace chorus
