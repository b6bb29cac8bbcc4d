#pragma once

#include "model/sessioninfo.h"

#include <functional>

class QWidget;

namespace chorus {

// Stop and Interrupt cut a running turn short: they ask first, unless the user turned that off
// (Settings, or "Do not ask again" in the question). `go` runs when the command may go: at once
// when the agent runs no turn or the question is off, else when the user says Stop (the
// question, a QMessageBox named "stopConfirmation", is not modal to the application: the GUI
// goes on meanwhile). `interrupt`: the question is about Interrupt (the agent stays).
void confirmStop(QWidget *parent, const SessionInfo &agent, bool interrupt,
                 std::function<void()> go);

// Whether stopping the agent now cuts a turn short.
bool stopCutsTurn(const SessionInfo &agent);

} // namespace chorus
