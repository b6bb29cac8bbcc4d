#pragma once

#include "console/transcriptentry.h"
#include "model/storedevent.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QTimer>

#include <deque>
#include <vector>

namespace chorus {

// A console's transcript as a bounded list of display entries. Stored events are queued by
// appendEvents() and decoded (transcriptItems()) in batches on a short timer, so a burst
// of events costs one model update per flush. At most maxEntries() rows are kept: older
// ones are dropped and a first row says how many earlier events are not shown. Texts are
// kept whole, however long: the view folds long ones (TextFold) until shown in full.
class TranscriptModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        KindRole = Qt::UserRole + 1, // int(TranscriptItem::Kind)
        TitleRole,
        BodyRole,
        ResultRole,
        IsErrorRole,
        ExpandedRole,
        HasResultRole,
        SeqRole,
        ToolUseIdRole,
        HiddenNoteRole,
        ShowAllRole,
    };
    static constexpr int kDefaultMaxEntries = 20000;
    static constexpr int kDefaultFlushIntervalMs = 40;
    static constexpr int kMaxEventsPerFlush = 1500; // per timer tick; the rest on the next tick

    explicit TranscriptModel(QObject *parent = nullptr);
    ~TranscriptModel() override;

    void setMaxEntries(int max);
    int maxEntries() const { return m_maxEntries; }
    void setFlushInterval(int ms) { m_timer.setInterval(ms); }

    // Queues events (already-seen sequence numbers are skipped); a timer applies them.
    void appendEvents(const QList<StoredEvent> &events);
    // Applies everything queued now, decoding only the events whose entries stay.
    void flush();
    qsizetype pendingEvents() const { return m_queue.size(); }
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    const TranscriptEntry &entry(int row) const { return m_entries[size_t(row)]; }
    int rowOfId(quint64 id) const; // -1 when dropped
    bool setExpanded(int row, bool expanded);
    void setAllExpanded(bool expanded);
    // Shows a folded long text whole (and opens its block when it is a closed tool block).
    bool setShowAll(int row, bool showAll);

    // Earlier events of the session that are not in the model (not loaded or dropped).
    qint64 hiddenCount() const;
    QString hiddenText() const;
    qint64 lastSeq() const { return m_lastSeq; }

    // The next row (after `from`, or before it when backward; wrapping) whose text contains
    // needle (case-insensitive), or -1.
    int findRow(const QString &needle, int from, bool backward) const;
    int matchCount(const QString &needle) const;
    // 1-based position of `row` among the matching rows (0 when it does not match).
    int matchIndex(const QString &needle, int row) const;

Q_SIGNALS:
    // A batch was applied (rows inserted / removed / changed).
    void flushed();

private:
    void flushSome();
    void apply(const QList<StoredEvent> &events, qsizetype begin, qsizetype end);
    TranscriptEntry makeEntry(const TranscriptItem &item);
    void dropFront(qsizetype count);
    void updateHiddenNote();
    int firstEntryRow() const { return m_hasNote ? 1 : 0; }

    std::deque<TranscriptEntry> m_entries; // the hidden note (when present) first
    bool m_hasNote = false;
    bool m_truncated = false; // something earlier is not shown
    qint64 m_droppedWithoutSeq = 0;
    QHash<QString, quint64> m_toolIds; // toolUseId -> entry id of its ToolUse
    quint64 m_nextId = 1;
    int m_maxEntries = kDefaultMaxEntries;
    QList<StoredEvent> m_queue;
    qint64 m_lastSeq = 0; // highest sequence number queued
    bool m_seenAny = false;
    QTimer m_timer;
};

} // namespace chorus
