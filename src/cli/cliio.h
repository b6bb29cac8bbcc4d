#pragma once

#include "result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QTextStream>

namespace chorus {
class RpcClient;
}

namespace chorus::cli {

// Output and engine access shared by the CLI's commands.
QTextStream &out();
QTextStream &err();
// Prints "chorus: <error>" (with its place and next step) and returns exit status 1.
int fail(const Error &e);
void printJson(const QJsonValue &v);
void printJsonLine(const QJsonObject &o);
// Connects to the engine, starting it when needed; prints the error when it cannot.
bool connectEngine(RpcClient &client);
Result<QJsonValue> call(RpcClient &client, const QString &method, const QJsonObject &params = {},
                        int timeoutMs = 30000);
// A command that needs only one RPC call and prints `done` after it.
int simpleCall(const QString &method, const QJsonObject &params, const QString &done);
// Whether stdin/stdout are terminals.
bool stdinIsTerminal();
bool stdoutIsTerminal();

} // namespace chorus::cli
