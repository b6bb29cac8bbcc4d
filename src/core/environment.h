#pragma once

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStringList>

namespace chorus {

// What agents never get from a client's environment, whatever the settings add: an SSH or GPG
// agent (keys to push or sign with), the desktop session's bus, shell start-up hooks and
// preloads that would run in every Bash tool call, and Chorus's own variables.
extern const QStringList kDefaultEnvDeny;
// The environment with every variable matching a deny entry (a name, or a prefix ending in '*')
// removed.
QProcessEnvironment filterEnvironment(const QProcessEnvironment &env, const QStringList &deny);
// A client's environment as JSON-RPC carries it ({"NAME": "value"}) and back.
QJsonObject environmentToJson(const QProcessEnvironment &env);
QProcessEnvironment environmentFromJson(const QJsonObject &o);

} // namespace chorus
