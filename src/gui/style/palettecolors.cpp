#include "style/palettecolors.h"

namespace chorus {

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor toneFor(const QPalette &palette, int hue, int saturation)
{
    // Light text on dark bases, dark text on light ones.
    return QColor::fromHsl(hue, saturation, isDark(palette) ? 170 : 95);
}

QColor errorColor(const QPalette &palette)
{
    return toneFor(palette, 0, 190);
}

QColor warningColor(const QPalette &palette)
{
    return toneFor(palette, 32, 200);
}

QColor successColor(const QPalette &palette)
{
    return toneFor(palette, 130, 140);
}

QColor mutedTextColor(const QPalette &palette)
{
    return palette.color(QPalette::PlaceholderText);
}

QColor stateColor(SessionState state, const QPalette &palette)
{
    switch (state) {
    case SessionState::Starting:
    case SessionState::Running:
        return successColor(palette);
    case SessionState::Waiting:
    case SessionState::Stalled:
        return warningColor(palette);
    case SessionState::Failed:
    case SessionState::Interrupted:
        return errorColor(palette);
    case SessionState::Idle:
        return toneFor(palette, 215, 150);
    case SessionState::Queued:
    case SessionState::Creating:
    case SessionState::Done:
    case SessionState::Stopped:
        break;
    }
    return mutedTextColor(palette);
}

} // namespace chorus
