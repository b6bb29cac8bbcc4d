#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

namespace chorus {

// Splits a byte stream into '\n'-terminated lines, carrying a partial last line
// over between reads. A trailing '\r' is removed. Lines longer than maxLineBytes
// are dropped whole (reported through oversizedLines()) so memory stays bounded.
class LineSplitter
{
public:
    explicit LineSplitter(qsizetype maxLineBytes = 64 * 1024 * 1024) : m_max(maxLineBytes) {}

    // Appends data and returns the complete lines it finished (without terminator).
    QList<QByteArray> feed(const QByteArray &data);
    // The rest when the stream ends (a last line without '\n'); empty if none.
    QByteArray takeRemainder();

    qsizetype pendingBytes() const { return m_buffer.size(); }
    int oversizedLines() const { return m_oversized; }
    // The sizes (bytes, without terminator) of the lines dropped since the last call; a line
    // being dropped counts once its end is seen (or at takeRemainder()).
    QList<qsizetype> takeDroppedSizes() { return std::exchange(m_droppedSizes, {}); }

private:
    QByteArray m_buffer;
    qsizetype m_max;
    bool m_skipping = false; // inside an oversized line, dropping until '\n'
    qsizetype m_skipped = 0; // bytes of the line being dropped so far
    int m_oversized = 0;
    QList<qsizetype> m_droppedSizes;
};

} // namespace chorus
