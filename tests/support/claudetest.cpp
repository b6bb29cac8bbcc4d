#include "claudetest.h"

#include <QFileInfo>
#include <QJsonDocument>

namespace chorus::test {

QString testClaudePath(QString *message)
{
    const QString path = qEnvironmentVariable("CHORUS_TEST_CLAUDE");
    QString why;
    if (path.isEmpty())
        why =
            QStringLiteral("CHORUS_TEST_CLAUDE is not set: run the tests through `./dev.sh test`, "
                           "or export CHORUS_TEST_CLAUDE=<path to the claude binary>");
    else if (!QFileInfo(path).isExecutable())
        why = QLatin1String("CHORUS_TEST_CLAUDE=") + path +
              QLatin1String(" is not an executable file");
    if (why.isEmpty())
        return path;
    if (message)
        *message = why;
    return {};
}

QJsonObject ClaudeRun::result() const
{
    for (qsizetype i = lines.size() - 1; i >= 0; --i) {
        if (lines.at(i).value(QLatin1String("type")).toString() == QLatin1String("result"))
            return lines.at(i);
    }
    return {};
}

QList<QJsonObject> ClaudeRun::ofType(const QString &type) const
{
    QList<QJsonObject> out;
    for (const QJsonObject &line : lines) {
        if (line.value(QLatin1String("type")).toString() == type)
            out.append(line);
    }
    return out;
}

QString ClaudeRun::describe() const
{
    QString s =
        QLatin1String("started=") + (started ? QLatin1String("yes") : QLatin1String("no")) +
        QLatin1String(" timedOut=") + (timedOut ? QLatin1String("yes") : QLatin1String("no")) +
        QLatin1String(" exit=") + QString::number(exitCode) +
        (exitStatus == QProcess::CrashExit ? QLatin1String(" (crash)") : QLatin1String("")) +
        QLatin1String("\nstderr: ") + QString::fromUtf8(stdErr.right(2000)) +
        QLatin1String("\nstdout tail: ") + QString::fromUtf8(stdOut.right(3000));
    return s;
}

ClaudeRun runClaude(const QString &program, const QStringList &args, const QString &workDir,
                    const QProcessEnvironment &env, int timeoutMs)
{
    ClaudeRun run;
    QProcess p;
    p.setProgram(program);
    p.setArguments(args);
    p.setWorkingDirectory(workDir);
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.setStandardInputFile(QProcess::nullDevice());
    p.start();
    run.started = p.waitForStarted(30000);
    if (!run.started) {
        run.stdErr = p.errorString().toUtf8();
        return run;
    }
    if (!p.waitForFinished(timeoutMs)) {
        run.timedOut = true;
        p.kill();
        p.waitForFinished(5000);
    }
    run.exitCode = p.exitCode();
    run.exitStatus = p.exitStatus();
    run.stdOut = p.readAllStandardOutput();
    run.stdErr = p.readAllStandardError();
    const QList<QByteArray> lines = run.stdOut.split('\n');
    for (const QByteArray &line : lines) {
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (doc.isObject())
            run.lines.append(doc.object());
    }
    return run;
}

} // namespace chorus::test
