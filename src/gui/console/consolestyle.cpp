#include "consolestyle.h"
#include "style/palettecolors.h"

#include "widgets/highlighter.h"

#include <QFontDatabase>
#include <QFontMetrics>

namespace chorus {

ConsoleStyle ConsoleStyle::fromWidget(const QFont &font, const QPalette &palette)
{
    ConsoleStyle s;
    s.palette = palette;
    s.font = font;
    s.bold = font;
    s.bold.setBold(true);
    s.italic = font;
    s.italic.setItalic(true);
    s.small = font;
    if (font.pointSizeF() > 0)
        s.small.setPointSizeF(font.pointSizeF() * 0.88);
    else
        s.small.setPixelSize(qMax(8, font.pixelSize() * 88 / 100));
    s.mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (font.pointSizeF() > 0)
        s.mono.setPointSizeF(font.pointSizeF() * 0.95);

    const QFontMetrics fm(s.font);
    s.lineHeight = fm.lineSpacing();
    s.smallHeight = QFontMetrics(s.small).lineSpacing();
    s.charWidth = qMax(1, fm.averageCharWidth());
    s.monoCharWidth = qMax(1, QFontMetrics(s.mono).horizontalAdvance(QLatin1Char('M')));
    s.margin = qMax(6, s.lineHeight * 3 / 4);
    s.gap = qMax(3, s.lineHeight * 3 / 10);
    s.pad = qMax(4, s.lineHeight / 2);
    s.bar = qMax(2, s.lineHeight / 6);
    s.radius = qMax(2, s.lineHeight / 4);

    const bool dark = Highlighter::isDark(palette);
    const QColor base = palette.color(QPalette::Base);
    s.text = palette.color(QPalette::Text);
    s.dim = mix(s.text, base, 0.42);
    s.faint = mix(s.text, base, 0.80);
    s.cardBackground = mix(base, s.text, dark ? 0.05 : 0.03);
    s.codeBackground = mix(base, s.text, dark ? 0.09 : 0.06);
    s.accent = palette.color(QPalette::Highlight);
    s.link = palette.color(QPalette::Link);
    s.inputBackground = mix(base, s.accent, dark ? 0.20 : 0.10);
    // Hues that read on either background: lighter on dark palettes.
    s.error = QColor(QLatin1String(dark ? "#ff7b72" : "#c62828"));
    s.errorBackground = mix(base, s.error, dark ? 0.14 : 0.08);
    s.success = QColor(QLatin1String(dark ? "#7ee787" : "#2e7d32"));
    s.warning = QColor(QLatin1String(dark ? "#e3b341" : "#9a6700"));
    s.match = mix(base, QColor(QLatin1String("#ffd33d")), dark ? 0.45 : 0.65);
    s.currentMatch = mix(base, s.accent, dark ? 0.22 : 0.14);
    s.currentRow = mix(base, s.accent, dark ? 0.10 : 0.06);
    return s;
}

} // namespace chorus
