#include "review/diffstyle.h"

#include "style/palettecolors.h"

#include <QFontDatabase>
#include <QFontMetrics>

namespace chorus {

DiffStyle DiffStyle::fromWidget(const QFont &font, const QPalette &palette)
{
    DiffStyle s;
    s.font = font;
    s.bold = font;
    s.bold.setBold(true);
    s.mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (font.pointSizeF() > 0)
        s.mono.setPointSizeF(font.pointSizeF() * 0.95);
    const QFontMetrics mono(s.mono);
    s.lineHeight = mono.lineSpacing() + 2;
    s.charWidth = qMax(1, mono.horizontalAdvance(QLatin1Char('M')));
    s.textHeight = QFontMetrics(font).lineSpacing();
    s.pad = qMax(4, s.textHeight / 3);

    const bool dark = isDark(palette);
    s.base = palette.color(QPalette::Base);
    s.text = palette.color(QPalette::Text);
    s.dim = mix(s.text, s.base, 0.45);
    s.faint = mix(s.text, s.base, 0.82);
    s.gutter = mix(s.base, s.text, dark ? 0.05 : 0.035);
    // Green and red at the palette's contrast, then washed into the base for backgrounds.
    s.added = successColor(palette);
    s.removed = errorColor(palette);
    const QColor green = toneFor(palette, 130, 160);
    const QColor red = toneFor(palette, 355, 170);
    s.addedBackground = mix(s.base, green, dark ? 0.16 : 0.13);
    s.addedGutter = mix(s.base, green, dark ? 0.24 : 0.22);
    s.addedWord = mix(s.base, green, dark ? 0.38 : 0.36);
    s.removedBackground = mix(s.base, red, dark ? 0.16 : 0.11);
    s.removedGutter = mix(s.base, red, dark ? 0.24 : 0.19);
    s.removedWord = mix(s.base, red, dark ? 0.38 : 0.30);
    s.filler = mix(s.base, s.text, dark ? 0.025 : 0.02);
    s.accent = palette.color(QPalette::Highlight);
    s.hunkBackground = mix(s.base, s.accent, dark ? 0.13 : 0.07);
    s.hunkText = mix(s.text, s.base, 0.35);
    s.foldText = palette.color(QPalette::Link);
    if (dark && s.foldText.lightness() < 120)
        s.foldText = s.foldText.lighter(170);
    s.commentBackground = mix(s.base, palette.color(QPalette::Window), 0.6);
    s.commentBackground = mix(s.commentBackground, s.accent, dark ? 0.06 : 0.04);
    s.commentBorder = mix(s.base, s.text, 0.25);
    s.selection = palette.color(QPalette::Highlight);
    s.selection.setAlphaF(dark ? 0.45f : 0.35f);
    return s;
}

} // namespace chorus
