#include "util/textlines.h"

namespace chorus {

QString firstLine(const QString &text, int max)
{
    QString line = text.trimmed().section(QLatin1Char('\n'), 0, 0).trimmed();
    if (max > 0 && line.size() > max)
        line = line.left(max - 1) + QChar(0x2026);
    return line;
}

QString summaryLine(const QString &text)
{
    const QString t = text.trimmed();
    const qsizetype nl = t.indexOf(QLatin1Char('\n'));
    return nl < 0 ? t : t.left(nl) + QStringLiteral(" …");
}

} // namespace chorus
