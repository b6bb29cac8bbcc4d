#include "agentexec.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <unistd.h>

namespace chorus::cli {

namespace {

constexpr qsizetype kMaxLaunchLine = 4 * 1024 * 1024;

// Plain stderr: the shim runs before (and instead of) anything Qt would set up.
int fail(int code, const QString &message, const QString &hint = {})
{
    QByteArray text = "chorus agent-exec: " + message.toUtf8() + '\n';
    if (!hint.isEmpty())
        text += "  " + hint.toUtf8() + '\n';
    ssize_t ignored = ::write(STDERR_FILENO, text.constData(), size_t(text.size()));
    (void)ignored;
    return code;
}

const char *const kUsageHint =
    "The first line must be one JSON object: {\"program\": \"/path\", \"arguments\": [\"...\"], "
    "\"environment\": {\"NAME\": \"value\"}, \"workingDirectory\": \"/dir\"} (only program is "
    "required).";

// Reads up to the first newline, one byte at a time: what follows is the program's.
int readLaunchLine(int fd, QByteArray *line)
{
    char c = 0;
    for (;;) {
        const ssize_t n = ::read(fd, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail(2, QStringLiteral("cannot read stdin: %1")
                               .arg(QString::fromLocal8Bit(std::strerror(errno))));
        if (n == 0)
            return fail(2,
                        line->isEmpty()
                            ? QStringLiteral("stdin ended before the launch line")
                            : QStringLiteral(
                                  "stdin ended inside the launch line (no newline after %1 bytes)")
                                  .arg(line->size()),
                        QString::fromLatin1(kUsageHint));
        if (c == '\n')
            return 0;
        if (line->size() >= kMaxLaunchLine)
            return fail(
                2, QStringLiteral("the launch line is longer than %1 bytes").arg(kMaxLaunchLine),
                QStringLiteral(
                    "Pass a long system prompt as a file (--append-system-prompt-file)."));
        line->append(c);
    }
}

bool stringList(const QJsonValue &v, QStringList *out)
{
    if (!v.isArray())
        return false;
    for (const QJsonValue &item : v.toArray()) {
        if (!item.isString())
            return false;
        out->append(item.toString());
    }
    return true;
}

} // namespace

int agentExec(int inputFd)
{
    QByteArray line;
    if (int r = readLaunchLine(inputFd, &line); r != 0)
        return r;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(
            2,
            QStringLiteral("line 1, column %1: %2").arg(error.offset + 1).arg(error.errorString()),
            QString::fromLatin1(kUsageHint));
    if (!doc.isObject())
        return fail(2, QStringLiteral("line 1: the launch is not a JSON object"),
                    QString::fromLatin1(kUsageHint));
    const QJsonObject launch = doc.object();
    static const QStringList known{QStringLiteral("program"), QStringLiteral("arguments"),
                                   QStringLiteral("environment"),
                                   QStringLiteral("workingDirectory")};
    for (auto it = launch.begin(); it != launch.end(); ++it)
        if (!known.contains(it.key()))
            return fail(2, QStringLiteral("line 1: unknown field '%1'").arg(it.key()),
                        QString::fromLatin1(kUsageHint));
    const QString program = launch.value(QLatin1String("program")).toString();
    if (program.isEmpty())
        return fail(2, QStringLiteral("line 1: 'program' is missing or not a non-empty string"),
                    QString::fromLatin1(kUsageHint));
    QStringList arguments;
    if (launch.contains(QLatin1String("arguments")) &&
        !stringList(launch.value(QLatin1String("arguments")), &arguments))
        return fail(2, QStringLiteral("line 1: 'arguments' must be an array of strings"),
                    QString::fromLatin1(kUsageHint));
    const QJsonValue env = launch.value(QLatin1String("environment"));
    if (!env.isUndefined() && !env.isObject())
        return fail(2, QStringLiteral("line 1: 'environment' must be an object of strings"),
                    QString::fromLatin1(kUsageHint));
    const QJsonObject environment = env.toObject();
    for (auto it = environment.begin(); it != environment.end(); ++it) {
        if (!it.value().isString() || it.key().isEmpty() || it.key().contains(QLatin1Char('=')))
            return fail(
                2,
                QStringLiteral("line 1: environment variable '%1' must have a name without '=' "
                               "and a string value")
                    .arg(it.key()),
                QString::fromLatin1(kUsageHint));
    }
    const QJsonValue dir = launch.value(QLatin1String("workingDirectory"));
    if (!dir.isUndefined() && !dir.isString())
        return fail(2, QStringLiteral("line 1: 'workingDirectory' must be a string"),
                    QString::fromLatin1(kUsageHint));

    const QByteArray directory = dir.toString().toLocal8Bit();
    if (!directory.isEmpty() && ::chdir(directory.constData()) != 0)
        return fail(126, QStringLiteral("cannot enter %1: %2")
                             .arg(dir.toString(), QString::fromLocal8Bit(std::strerror(errno))));
    for (auto it = environment.begin(); it != environment.end(); ++it)
        ::setenv(it.key().toLocal8Bit().constData(),
                 it.value().toString().toLocal8Bit().constData(), 1);

    // The argument list as given: no shell ever sees it.
    std::vector<std::string> storage;
    storage.push_back(program.toLocal8Bit().toStdString());
    for (const QString &a : std::as_const(arguments))
        storage.push_back(a.toLocal8Bit().toStdString());
    std::vector<char *> argv;
    for (std::string &s : storage)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    // A name without '/' is looked up in PATH (of the environment just set). execv, never execvp:
    // execvp hands a file without a #! line to /bin/sh, and no shell ever runs here.
    int e = ENOENT;
    if (program.contains(QLatin1Char('/'))) {
        ::execv(argv[0], argv.data());
        e = errno;
    } else {
        const QByteArray path = qgetenv("PATH");
        for (const QByteArray &entry : path.split(':')) {
            const QByteArray candidate =
                (entry.isEmpty() ? QByteArray(".") : entry) + '/' + program.toLocal8Bit();
            ::execv(candidate.constData(), argv.data());
            if (errno != ENOENT && errno != ENOTDIR)
                e = errno; // found but refused (EACCES, ENOEXEC...): say that rather than "not
                           // found"
        }
    }
    return fail(
        e == ENOENT ? 127 : 126,
        QStringLiteral("cannot run %1: %2").arg(program, QString::fromLocal8Bit(std::strerror(e))),
        e == ENOENT
            ? QStringLiteral("Check the path of the program (is Claude Code installed there?).")
            : QString());
}

} // namespace chorus::cli
