#include "gitfixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

namespace chorus::test {

namespace {
QProcessEnvironment gitEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("Test User"));
    env.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("test@example.invalid"));
    env.insert(QStringLiteral("GIT_COMMITTER_NAME"), QStringLiteral("Test User"));
    env.insert(QStringLiteral("GIT_COMMITTER_EMAIL"), QStringLiteral("test@example.invalid"));
    env.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    env.insert(QStringLiteral("GIT_CONFIG_GLOBAL"), QStringLiteral("/dev/null")); // no diff.noprefix, colours...
    return env;
}

// Runs git; false when it did not finish.
bool runGit(QProcess &p, const QString &dir, const QStringList &args, const QByteArray &input)
{
    p.setWorkingDirectory(dir);
    p.setProcessEnvironment(gitEnvironment());
    if (input.isNull())
        p.setStandardInputFile(QProcess::nullDevice());
    p.start(QStringLiteral("git"), args);
    if (!input.isNull()) {
        p.write(input);
        p.closeWriteChannel();
    }
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished(2000);
        return false;
    }
    return true;
}
} // namespace

GitFixture::Run GitFixture::run(const QString &dir, const QStringList &args)
{
    QProcess p;
    Run r;
    if (!runGit(p, dir, args, {})) {
        r.err = QStringLiteral("git did not finish");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QByteArray GitFixture::runRaw(const QString &dir, const QStringList &args, int *exitCode, const QByteArray &input)
{
    QProcess p;
    const bool finished = runGit(p, dir, args, input);
    if (exitCode)
        *exitCode = finished && p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return p.readAllStandardOutput();
}

QString GitFixture::git(const QString &dir, const QStringList &args, int *exitCode)
{
    const Run r = run(dir, args);
    if (exitCode)
        *exitCode = r.exitCode;
    return r.out;
}

bool GitFixture::write(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    return f.write(content) == content.size();
}

QString GitFixture::commit(const QString &dir, const QString &message, const QList<QPair<QString, QByteArray>> &files)
{
    for (const auto &[path, content] : files)
        write(dir + QLatin1Char('/') + path, content);
    git(dir, {QStringLiteral("add"), QStringLiteral("-A")});
    git(dir, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("--allow-empty"), QStringLiteral("-m"), message});
    return git(dir, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")});
}

QString GitFixture::makeRepo(const QString &name, bool empty) const
{
    const QString dir = m_root + QLatin1Char('/') + name;
    QDir().mkpath(dir);
    git(dir, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
    if (!empty)
        commit(dir, QStringLiteral("first"),
               {{QStringLiteral("README.md"), "# project\n"},
                {QStringLiteral("src/main.c"), "int main(void) { return 0; }\n"},
                {QStringLiteral(".gitignore"), ".env\nbuild/\n"}});
    return dir;
}

} // namespace chorus::test
