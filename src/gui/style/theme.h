#pragma once

#include <QPalette>
#include <QString>

namespace chorus {

// View → Theme. System keeps the platform's style and palette; Light and Dark use Fusion.
enum class Theme {
    System,
    Light,
    Dark,
};

QString themeKey(Theme theme); // "system", "light", "dark": the QSettings spelling
Theme themeFromKey(const QString &key);

// Applies a theme to the running application. The first call remembers the platform's
// style so that System can return to it later.
void applyTheme(Theme theme);

// A dark palette for Fusion with readable disabled, link and placeholder colours.
QPalette darkPalette();

} // namespace chorus
