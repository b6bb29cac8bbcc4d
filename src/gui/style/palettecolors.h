#pragma once

#include "model/sessioninfo.h"

#include <QColor>
#include <QPalette>

namespace chorus {

// Colours for meaning (errors, agent states) derived from a palette, so that they read
// well on light and dark themes alike.
bool isDark(const QPalette &palette);
// `a` moved a fraction `t` (0..1) of the way towards `b`.
QColor mix(const QColor &a, const QColor &b, double t);
// A hue at a lightness that contrasts with the palette's base.
QColor toneFor(const QPalette &palette, int hue, int saturation = 170);
QColor errorColor(const QPalette &palette);
QColor warningColor(const QPalette &palette);
QColor successColor(const QPalette &palette);
// Secondary text: hints, explanations.
QColor mutedTextColor(const QPalette &palette);
// The dot beside an agent's state.
QColor stateColor(SessionState state, const QPalette &palette);

} // namespace chorus
