#pragma once

// Helpers shared by the DiffView's source files.

#include <QList>
#include <QString>

namespace chorus::diffview {

constexpr int kTabWidth = 4;

// The text with tabs expanded to the next multiple of kTabWidth. With `map`, map[i] is where
// source position i lands in the result (map has text.size() + 1 entries).
inline QString expandTabs(const QString &text, QList<int> *map = nullptr)
{
    if (!text.contains(QLatin1Char('\t'))) {
        if (map) {
            map->resize(text.size() + 1);
            for (qsizetype i = 0; i <= text.size(); ++i)
                (*map)[i] = int(i);
        }
        return text;
    }
    QString out;
    out.reserve(text.size() + 16);
    if (map)
        map->resize(text.size() + 1);
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (map)
            (*map)[i] = int(out.size());
        if (text[i] == QLatin1Char('\t'))
            out += QString(kTabWidth - out.size() % kTabWidth, QLatin1Char(' '));
        else
            out += text[i];
    }
    if (map)
        (*map)[text.size()] = int(out.size());
    return out;
}

inline int displayLength(const QString &text)
{
    if (!text.contains(QLatin1Char('\t')))
        return int(text.size());
    int n = 0;
    for (const QChar c : text)
        n = c == QLatin1Char('\t') ? n + kTabWidth - n % kTabWidth : n + 1;
    return n;
}

// The source position shown at display column `col` (the last one at or before it).
inline int sourceIndex(const QList<int> &map, int col)
{
    int i = 0;
    while (i + 1 < map.size() && map[i + 1] <= col)
        ++i;
    return i;
}

// Where each visual line of a display text starts when it wraps at `perLine` columns: after a
// space in the last third of the line, else after punctuation there, else at the edge.
inline QList<int> wrapStarts(const QString &display, int perLine)
{
    QList<int> starts{0};
    const int length = int(display.size());
    int start = 0;
    while (length - start > perLine) {
        const int edge = start + perLine;
        const int least = start + perLine * 2 / 3;
        int cut = edge;
        auto lastBreak = [&](auto isBreak) {
            for (int i = edge; i > least; --i)
                if (isBreak(display[i - 1]))
                    return i;
            return 0;
        };
        if (const int space = lastBreak([](QChar c) { return c.isSpace(); }))
            cut = space;
        else if (const int punct = lastBreak([](QChar c) { return c.isPunct() || c.isSymbol(); }))
            cut = punct;
        starts.append(cut);
        start = cut;
    }
    return starts;
}

} // namespace chorus::diffview
