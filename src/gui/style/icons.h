#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace chorus {

// The GUI's SVG icons (resources/gui.qrc). The monochrome ones are drawn in black and
// tinted at runtime, so they follow role colours and the palette.
namespace icons {
QIcon app();
// An action icon (resources/icons/actions/<name>.svg) in the palette's button text colour.
QIcon action(const QString &name);
// A role icon: the role file's `icon` name, else the role's own name, else a generic one.
QIcon role(const QString &iconName, const QString &roleName, const QColor &color);
// A small filled dot, e.g. for an agent's state.
QIcon dot(const QColor &color);
// Forget cached tinted icons (after a palette change).
void clearCache();
} // namespace icons

} // namespace chorus
