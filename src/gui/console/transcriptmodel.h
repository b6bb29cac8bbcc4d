#pragma once

#include "console/transcriptentry.h"
#include "model/liveupdate.h"
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

    const TranscriptEntry &entry(int row) const
    {
        return size_t(row) < m_entries.size() ? m_entries[size_t(row)]
                                              : m_liveRows[size_t(row) - m_entries.size()];
    }
    int rowOfId(quint64 id) const; // -1 when dropped
    bool setExpanded(int row, bool expanded);
    void setAllExpanded(bool expanded);
    // Shows a folded long text whole (and opens its block when it is a closed tool block).
    bool setShowAll(int row, bool showAll);

    // Earlier events of the session that are not in the model (not loaded or dropped).
    qint64 hiddenCount() const;
    QString hiddenText() const;
    qint64 lastSeq() const { return m_lastSeq; }

    // What the agent writes now (events.partial): rows after the stored ones (live entries),
    // their text and thinking as they arrive, replaced by the stored message when it comes and
    // cleared when the turn ends. Applied on the flush timer, after the stored events queued
    // before them, so a block never shows twice. A long live text shows its last
    // kLiveTailChars characters (the stored message has it all, folded): a live row is laid out
    // again on each update, so its cost stays small.
    void appendLive(const LiveUpdate &update);
    // The live line, the last row while a turn runs (LiveStepText); empty: none.
    void setLiveLine(const QString &text);
    QString liveLine() const { return m_liveLine; }
    int liveRowCount() const { return int(m_liveRows.size()); }
    static constexpr qsizetype kLiveTailChars = 2 * 1024;

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
    struct LiveText
    {
        int index = 0;
        QString kind; // "text", "thinking"
        QString text;
    };
    static constexpr quint64 kLiveIdBase = quint64(1) << 62;
    static constexpr int kLiveLineIndex = -2; // TranscriptEntry::liveIndex of the live line
    TranscriptEntry &mutableEntry(int row)
    {
        return size_t(row) < m_entries.size() ? m_entries[size_t(row)]
                                              : m_liveRows[size_t(row) - m_entries.size()];
    }
    // A stored event that finishes a live block (assistant) or the turn (result).
    void finishLive(const StoredEvent &e);
    // Makes the live rows match m_live (insert, update, remove); true when a row changed.
    bool syncLive();
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
    QString m_liveMessage;
    std::vector<LiveText> m_live; // unfinished blocks of m_liveMessage, by index
    bool m_liveDirty = false;
    QString m_liveLine;
    std::vector<TranscriptEntry> m_liveRows;
    quint64 m_nextLiveId = kLiveIdBase;
};

} // namespace chorus
