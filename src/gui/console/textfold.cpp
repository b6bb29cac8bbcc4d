#include "textfold.h"

#include <QLocale>

namespace chorus {

qsizetype TextFold::cutPoint(const QString &text)
{
    constexpr int slackLines = kFoldLines + kFoldLines / 4;
    constexpr qsizetype slackChars = kFoldChars + kFoldChars / 4;
    const qsizetype scanEnd = qMin(text.size(), slackChars + 1);
    qsizetype atLines = -1; // the end of line kFoldLines
    int lines = 0;
    bool fold = text.size() > slackChars;
    for (qsizetype i = 0; i < scanEnd; ++i) {
        if (text.at(i) != QLatin1Char('\n'))
            continue;
        if (++lines == kFoldLines)
            atLines = i;
        if (lines > slackLines) {
            fold = true;
            break;
        }
    }
    if (!fold)
        return -1;
    if (atLines >= 0 && atLines <= kFoldChars)
        return atLines;
    // Too much text in the first lines: the last line end in the second half of the limit,
    // else the limit itself (never between the halves of a surrogate pair).
    const qsizetype nl = text.lastIndexOf(QLatin1Char('\n'), kFoldChars - 1);
    if (nl >= kFoldChars / 2)
        return nl;
    return text.at(kFoldChars - 1).isHighSurrogate() ? kFoldChars - 1 : kFoldChars;
}

TextFold TextFold::of(const QString &text)
{
    TextFold f;
    f.shownChars = cutPoint(text);
    if (f.shownChars < 0)
        return f;
    qint64 bytes = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c < 0x80) {
            bytes += 1;
        } else if (c < 0x800) {
            bytes += 2;
        } else if (QChar::isHighSurrogate(c) && i + 1 < text.size() &&
                   QChar::isLowSurrogate(text.at(i + 1).unicode())) {
            bytes += 4;
            ++i;
        } else {
            bytes += 3;
        }
    }
    f.totalBytes = bytes;
    // The rest starts after the line end the cut stands on, or in the middle of a line.
    const QStringView rest = QStringView(text).mid(f.shownChars);
    const QStringView after = rest.startsWith(QLatin1Char('\n')) ? rest.mid(1) : rest;
    qsizetype lines = after.count(QLatin1Char('\n'));
    if (!after.isEmpty() && !after.endsWith(QLatin1Char('\n')))
        ++lines;
    f.hiddenLines = qMax<qsizetype>(1, lines);
    return f;
}

QString formatTextSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, bytes < 1024 * 1024 ? 0 : 1,
                                       QLocale::DataSizeTraditionalFormat);
}

} // namespace chorus
