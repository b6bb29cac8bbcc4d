#pragma once

#include <QStringList>

namespace chorus {

// The user's editor and terminal: argument lists run with an agent's folder as working directory,
// "{dir}" replaced by its path (settings editorCommand / terminalCommand of the [GUI] group, stored
// as lists; never a shell). Empty in the settings: the default found on this system.
namespace toolcommands {

enum class Tool { Editor, Terminal };

// The stored command, else the default (which may be empty: nothing found).
QStringList command(Tool tool);
// What is stored (empty: the default).
QStringList storedCommand(Tool tool);
void setStoredCommand(Tool tool, const QStringList &arguments);

// The defaults, found on PATH: a terminal: x-terminal-emulator, gnome-terminal, konsole,
// xfce4-terminal, kitty, alacritty, xterm (the first found); an editor: VS Code (code), VSCodium,
// Zed or Sublime Text when installed, else $VISUAL or $EDITOR in that terminal.
QStringList defaultCommand(Tool tool);

} // namespace toolcommands
} // namespace chorus
