#include "transcriptmodel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace chorus {

namespace {
using Kind = TranscriptItem::Kind;

// A long live text: its last lines (from a line start when there is one near), after an
// ellipsis line. The stored message shows it all.
QString liveTail(const QString &text, qsizetype maxChars)
{
    if (text.size() <= maxChars)
        return text;
    qsizetype from = text.size() - maxChars;
    const qsizetype nl = text.indexOf(QLatin1Char('\n'), from);
    if (nl >= 0 && nl - from < maxChars / 4)
        from = nl + 1;
    return QStringLiteral("…\n\n") + text.mid(from);
}
} // namespace

void TranscriptModel::appendLive(const LiveUpdate &u)
{
    if (u.ended) {
        m_liveMessage.clear();
        m_live.clear();
    } else {
        if (u.snapshot || u.messageId != m_liveMessage) {
            m_liveMessage = u.messageId;
            m_live.clear(); // a new message: the last one's blocks are stored or abandoned
        }
        for (const LiveBlock &b : u.blocks) {
            if (b.kind != QLatin1String("text") && b.kind != QLatin1String("thinking"))
                continue;
            auto it = std::find_if(m_live.begin(), m_live.end(),
                                   [&](const LiveText &t) { return t.index == b.index; });
            if (it == m_live.end()) {
                if (b.from != 0)
                    continue; // its start went to a client that was not listening
                LiveText t{b.index, b.kind, b.text};
                const auto pos = std::find_if(m_live.begin(), m_live.end(),
                                              [&](const LiveText &x) { return x.index > b.index; });
                m_live.insert(pos, std::move(t));
                continue;
            }
            if (it->kind != b.kind || b.from > it->text.size())
                continue; // a gap: wait for the stored message
            it->text.truncate(b.from);
            it->text += b.text;
        }
    }
    m_liveDirty = true;
    if (!m_timer.isActive())
        m_timer.start();
}

void TranscriptModel::setLiveLine(const QString &text)
{
    if (text == m_liveLine)
        return;
    m_liveLine = text;
    m_liveDirty = true;
    if (!m_timer.isActive())
        m_timer.start();
}

void TranscriptModel::finishLive(const StoredEvent &e)
{
    if (e.kind == QLatin1String("result")) {
        m_live.clear();
        m_liveMessage.clear();
        m_liveDirty = true;
        return;
    }
    if (e.kind != QLatin1String("assistant"))
        return;
    const QJsonObject message =
        QJsonDocument::fromJson(e.raw).object().value(QLatin1String("message")).toObject();
    if (message.value(QLatin1String("id")).toString() != m_liveMessage)
        return;
    for (const QJsonValue &v : message.value(QLatin1String("content")).toArray()) {
        const QString kind = v.toObject().value(QLatin1String("type")).toString();
        // One stored line per finished block, in order: the first live block of its kind.
        const auto it = std::find_if(m_live.begin(), m_live.end(),
                                     [&](const LiveText &t) { return t.kind == kind; });
        if (it != m_live.end()) {
            m_live.erase(it);
            m_liveDirty = true;
        }
    }
}

bool TranscriptModel::syncLive()
{
    if (!m_liveDirty)
        return false;
    m_liveDirty = false;
    bool changed = false;
    const int base = int(m_entries.size());
    // Rows whose block is gone (stored, abandoned, the turn over) go, from the last.
    for (int k = int(m_liveRows.size()) - 1; k >= 0; --k) {
        const TranscriptEntry &row = m_liveRows[size_t(k)];
        const bool keep = row.liveIndex == kLiveLineIndex
                              ? !m_liveLine.isEmpty()
                              : std::any_of(m_live.begin(), m_live.end(), [&](const LiveText &t) {
                                    return row.liveIndex == t.index &&
                                           row.liveMessage == m_liveMessage && !t.text.isEmpty();
                                });
        if (keep)
            continue;
        beginRemoveRows({}, base + k, base + k);
        m_liveRows.erase(m_liveRows.begin() + k);
        endRemoveRows();
        changed = true;
    }
    // The others change in place; new blocks (higher indexes) are appended.
    for (const LiveText &t : m_live) {
        if (t.text.isEmpty())
            continue;
        const QString body = liveTail(t.text, kLiveTailChars);
        auto it = std::find_if(m_liveRows.begin(), m_liveRows.end(), [&](const TranscriptEntry &r) {
            return r.liveIndex == t.index && r.liveMessage == m_liveMessage;
        });
        if (it != m_liveRows.end()) {
            if (it->body == body)
                continue;
            it->body = body;
            const int row = base + int(it - m_liveRows.begin());
            Q_EMIT dataChanged(index(row), index(row), {BodyRole});
            changed = true;
            continue;
        }
        TranscriptEntry e;
        e.id = m_nextLiveId++;
        e.kind = t.kind == QLatin1String("thinking") ? Kind::Thinking : Kind::Text;
        e.live = true;
        e.expanded = true; // thinking is seen while it is written; stored, it folds to a line
        e.liveIndex = t.index;
        e.liveMessage = m_liveMessage;
        e.body = body;
        e.eventKind = QStringLiteral("partial");
        // Before the live line, when there is one.
        const bool hasLine = !m_liveRows.empty() && m_liveRows.back().liveIndex == kLiveLineIndex;
        const int at = int(m_liveRows.size()) - (hasLine ? 1 : 0);
        beginInsertRows({}, base + at, base + at);
        m_liveRows.insert(m_liveRows.begin() + at, std::move(e));
        endInsertRows();
        changed = true;
    }
    if (!m_liveLine.isEmpty()) {
        if (!m_liveRows.empty() && m_liveRows.back().liveIndex == kLiveLineIndex) {
            TranscriptEntry &line = m_liveRows.back();
            if (line.body != m_liveLine) {
                line.body = m_liveLine;
                const int row = rowCount() - 1;
                Q_EMIT dataChanged(index(row), index(row), {BodyRole});
                changed = true;
            }
        } else {
            TranscriptEntry line;
            line.id = m_nextLiveId++;
            line.kind = Kind::State;
            line.live = true;
            line.liveIndex = kLiveLineIndex;
            line.body = m_liveLine;
            line.eventKind = QStringLiteral("partial");
            const int row = rowCount();
            beginInsertRows({}, row, row);
            m_liveRows.push_back(std::move(line));
            endInsertRows();
            changed = true;
        }
    }
    return changed;
}

} // namespace chorus
