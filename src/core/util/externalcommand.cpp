#include "util/externalcommand.h"

#include "util/shellwords.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTimer>

#include <unistd.h>

namespace chorus {

namespace {
void keepEnd(QString &text, const QString &more)
{
    text += more;
    if (text.size() > ExternalCommand::kMaxOutput)
        text.remove(0, text.size() - ExternalCommand::kMaxOutput);
}
} // namespace

ExternalCommand::ExternalCommand(QObject *parent) : QObject(parent) {}

ExternalCommand::~ExternalCommand()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(3000);
    }
}

bool ExternalCommand::isRunning() const
{
    return m_process != nullptr;
}

void ExternalCommand::start(const QString &program, const QStringList &arguments,
                            const QString &workingDir, const QStringList &environment)
{
    Q_ASSERT(!m_process);
    m_command = joinShellWords(QStringList{program} + arguments);
    m_stdout.clear();
    m_stderr.clear();
    m_partial.clear();
    m_cancelled = false;

    const QString path = program.contains(QLatin1Char('/'))
                             ? (QFileInfo(program).isExecutable() ? program : QString())
                             : QStandardPaths::findExecutable(program);
    if (path.isEmpty()) {
        const Result<CommandOutcome> error = makeError(
            tr("%1 was not found or is not an executable program").arg(program), m_command,
            program.contains(QLatin1Char('/'))
                ? tr("Check the path.")
                : tr("Install it, or make sure it is on the PATH Chorus was started with (%1).")
                      .arg(qEnvironmentVariable("PATH")));
        QTimer::singleShot(0, this, [this, error] { Q_EMIT finished(error); });
        return;
    }
    if (!QFileInfo(workingDir).isDir()) {
        const Result<CommandOutcome> error =
            makeError(tr("the folder to run %1 in does not exist").arg(program), workingDir,
                      tr("Its worktree may have been cleaned up."));
        QTimer::singleShot(0, this, [this, error] { Q_EMIT finished(error); });
        return;
    }

    m_process = new QProcess(this);
    m_process->setProgram(path);
    m_process->setArguments(arguments);
    m_process->setWorkingDirectory(workingDir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &entry : environment) {
        const qsizetype eq = entry.indexOf(QLatin1Char('='));
        if (eq > 0)
            env.insert(entry.left(eq), entry.mid(eq + 1));
    }
    m_process->setProcessEnvironment(env);
    m_process->setStandardInputFile(QProcess::nullDevice());
    // A session of its own: no controlling terminal, so ssh or a credential helper cannot wait
    // on /dev/tty for an answer nobody sees (when Chorus was started from a terminal).
    m_process->setChildProcessModifier([] { ::setsid(); });
    connect(m_process, &QProcess::readyReadStandardError, this, &ExternalCommand::readError);
    connect(m_process, &QProcess::readyReadStandardOutput, this,
            [this] { keepEnd(m_stdout, QString::fromUtf8(m_process->readAllStandardOutput())); });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart)
            return; // a crash ends in finished()
        done(makeError(
            tr("%1 could not start: %2").arg(m_process->program(), m_process->errorString()),
            m_command, tr("Check that it is an executable program.")));
    });
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        keepEnd(m_stdout, QString::fromUtf8(m_process->readAllStandardOutput()));
        readError();
        if (!m_partial.isEmpty()) {
            const QString last = QString::fromUtf8(m_partial);
            m_partial.clear();
            Q_EMIT progress(last);
        }
        if (m_cancelled)
            done(makeError(tr("cancelled"), m_command));
        else if (status == QProcess::CrashExit)
            done(makeError(tr("%1 ended abnormally (signal or crash)").arg(m_process->program()),
                           m_command, m_stderr.trimmed()));
        else
            done(CommandOutcome{code, m_stdout, m_stderr});
    });
    m_process->start();
}

void ExternalCommand::readError()
{
    const QByteArray bytes = m_process->readAllStandardError();
    keepEnd(m_stderr, QString::fromUtf8(bytes));
    m_partial += bytes;
    qsizetype from = 0;
    for (qsizetype i = 0; i < m_partial.size(); ++i) {
        const char c = m_partial.at(i);
        if (c != '\n' && c != '\r')
            continue;
        const QString line = QString::fromUtf8(m_partial.mid(from, i - from)).trimmed();
        if (!line.isEmpty())
            Q_EMIT progress(line);
        from = i + 1;
    }
    m_partial.remove(0, from);
    if (m_partial.size() > kMaxOutput) // a "line" that never ends: keep its end
        m_partial.remove(0, m_partial.size() - kMaxOutput);
}

void ExternalCommand::cancel()
{
    if (!m_process || m_cancelled)
        return;
    m_cancelled = true;
    m_process->terminate();
    QTimer::singleShot(3000, m_process, [p = m_process] { p->kill(); });
}

void ExternalCommand::done(const Result<CommandOutcome> &outcome)
{
    if (!m_process)
        return;
    m_process->disconnect(this);
    m_process->deleteLater();
    m_process = nullptr;
    Q_EMIT finished(outcome);
}

} // namespace chorus
