#include "linesplitter.h"

namespace chorus {

static QByteArray chomp(QByteArray line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

QList<QByteArray> LineSplitter::feed(const QByteArray &data)
{
    QList<QByteArray> lines;
    qsizetype start = 0;
    while (start < data.size()) {
        const qsizetype nl = data.indexOf('\n', start);
        if (nl < 0) {
            if (m_skipping) {
                m_skipped += data.size() - start;
            } else {
                m_buffer.append(data.constData() + start, data.size() - start);
                if (m_buffer.size() > m_max) {
                    m_skipped = m_buffer.size();
                    m_buffer.clear();
                    m_buffer.squeeze();
                    m_skipping = true;
                    ++m_oversized;
                }
            }
            break;
        }
        if (m_skipping) {
            m_skipping = false;
            m_droppedSizes.append(m_skipped + (nl - start));
            m_skipped = 0;
        } else if (m_buffer.size() + (nl - start) > m_max) {
            m_droppedSizes.append(m_buffer.size() + (nl - start));
            m_buffer.clear();
            ++m_oversized;
        } else if (m_buffer.isEmpty()) {
            lines.append(chomp(data.mid(start, nl - start)));
        } else {
            m_buffer.append(data.constData() + start, nl - start);
            lines.append(chomp(std::exchange(m_buffer, QByteArray())));
        }
        start = nl + 1;
    }
    return lines;
}

QByteArray LineSplitter::takeRemainder()
{
    if (m_skipping)
        m_droppedSizes.append(m_skipped);
    m_skipped = 0;
    m_skipping = false;
    return chomp(std::exchange(m_buffer, QByteArray()));
}

} // namespace chorus
