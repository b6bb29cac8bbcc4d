// core/util/launcher: the user's editor or terminal started detached from an argument list,
// "{dir}" filled in, a quick failure caught with its exit code and what it wrote.
#include "util/launcher.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFutureWatcher>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <unistd.h>

using namespace chorus;

class TestLauncher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void expandsDir();
    void startsInTheFolderWithTheArguments();
    void quickFailureIsAnError();
    void killedBySignal();
    void stillRunningSucceeds();
    void notFound();
    void folderGone();
    void emptyCommand();

private:
    QString script(const QString &name, const QByteArray &body);
    Result<LaunchOutcome> run(const LaunchRequest &request);

    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestLauncher::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

QString TestLauncher::script(const QString &name, const QByteArray &body)
{
    const QString path = m_tmp->filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write("#!/bin/sh\n" + body);
    f.close();
    f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    return path;
}

Result<LaunchOutcome> TestLauncher::run(const LaunchRequest &request)
{
    QFuture<Result<LaunchOutcome>> f = launchDetached(request);
    QElapsedTimer t;
    t.start();
    while (!f.isFinished() && t.elapsed() < 20000)
        QTest::qWait(10);
    if (!f.isFinished())
        return makeError(QStringLiteral("no answer in time"));
    return f.result();
}

void TestLauncher::expandsDir()
{
    QCOMPARE(
        expandDirPlaceholder({QStringLiteral("gnome-terminal"),
                              QStringLiteral("--working-directory={dir}"), QStringLiteral("{dir}"),
                              QStringLiteral("-x")},
                             QStringLiteral("/w/a b")),
        (QStringList{QStringLiteral("gnome-terminal"), QStringLiteral("--working-directory=/w/a b"),
                     QStringLiteral("/w/a b"), QStringLiteral("-x")}));
}

void TestLauncher::startsInTheFolderWithTheArguments()
{
    const QString dir = m_tmp->filePath(QStringLiteral("work tree"));
    QVERIFY(QDir().mkpath(dir));
    const QString out = m_tmp->filePath(QStringLiteral("seen"));
    const QString editor =
        script(QStringLiteral("editor"), "{ pwd; for a in \"$@\"; do echo \"[$a]\"; done; "
                                         "cut -d' ' -f6 /proc/$$/stat; } > \"$OUT\"\n");
    qputenv("OUT", QFile::encodeName(out));
    LaunchRequest r;
    r.arguments = expandDirPlaceholder(
        {editor, QStringLiteral("--dir={dir}"), QStringLiteral("$HOME;*")}, dir);
    r.workingDir = dir;
    const Result<LaunchOutcome> o = run(r);
    QVERIFY2(o.ok(), qPrintable(o.error().toString()));
    QVERIFY(!o->stillRunning);
    QFile seen(out);
    QVERIFY(seen.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(seen.readAll()).trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines.at(0), dir);
    QCOMPARE(lines.at(1), QStringLiteral("[--dir=") + dir + QLatin1Char(']'));
    QCOMPARE(lines.at(2), QStringLiteral("[$HOME;*]")); // no shell expanded it
    // A session of its own: it outlives Chorus and no terminal of ours holds it.
    QVERIFY2(lines.at(3).toLongLong() != qint64(::getsid(0)), qPrintable(lines.at(3)));
}

void TestLauncher::quickFailureIsAnError()
{
    const QString editor = script(QStringLiteral("bad-editor"),
                                  "echo 'bad-editor: unknown option --wat' >&2\nexit 3\n");
    LaunchRequest r;
    r.arguments = {editor, QStringLiteral("--wat")};
    r.workingDir = m_tmp->path();
    const Result<LaunchOutcome> o = run(r);
    QVERIFY(!o.ok());
    QVERIFY2(o.error().message.contains(QStringLiteral("exited with code 3")),
             qPrintable(o.error().message));
    QVERIFY2(o.error().message.contains(QStringLiteral("unknown option --wat")),
             qPrintable(o.error().message));
    QVERIFY(o.error().message.contains(editor));
    QCOMPARE(o.error().where, editor + QStringLiteral(" --wat"));
}

void TestLauncher::killedBySignal()
{
    LaunchRequest r;
    r.arguments = {script(QStringLiteral("dies"), "kill -9 $$\n")};
    r.workingDir = m_tmp->path();
    const Result<LaunchOutcome> o = run(r);
    QVERIFY(!o.ok());
    QVERIFY2(o.error().message.contains(QStringLiteral("signal 9")), qPrintable(o.error().message));
}

void TestLauncher::stillRunningSucceeds()
{
    const QString pidFile = m_tmp->filePath(QStringLiteral("pid"));
    qputenv("PIDFILE", QFile::encodeName(pidFile));
    LaunchRequest r;
    r.arguments = {script(QStringLiteral("terminal"),
                          "echo $$ > \"$PIDFILE\"\necho 'terminal up'\nexec sleep 30\n")};
    r.workingDir = m_tmp->path();
    r.watchMs = 300;
    QElapsedTimer t;
    t.start();
    const Result<LaunchOutcome> o = run(r);
    QVERIFY2(o.ok(), qPrintable(o.error().toString()));
    QVERIFY(o->stillRunning);
    QCOMPARE(o->output, QStringLiteral("terminal up"));
    QVERIFY(t.elapsed() < 10000);
    QFile f(pidFile);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const pid_t pid = pid_t(f.readAll().trimmed().toLongLong());
    QVERIFY(pid > 0);
    QCOMPARE(::kill(pid, 0), 0); // still there
    ::kill(pid, SIGTERM);
    // It is reaped by the launcher's thread: no zombie stays.
    QTRY_VERIFY(::kill(pid, 0) != 0);
}

void TestLauncher::notFound()
{
    LaunchRequest r;
    r.arguments = {QStringLiteral("chorus-test-no-such-editor"), QStringLiteral("{dir}")};
    r.workingDir = m_tmp->path();
    const Result<LaunchOutcome> o = run(r);
    QVERIFY(!o.ok());
    QVERIFY2(o.error().message.contains(QStringLiteral("chorus-test-no-such-editor was not found")),
             qPrintable(o.error().message));
    const QString notExecutable = m_tmp->filePath(QStringLiteral("plain.txt"));
    QFile(notExecutable).open(QIODevice::WriteOnly);
    r.arguments = {notExecutable};
    const Result<LaunchOutcome> o2 = run(r);
    QVERIFY(!o2.ok());
    QVERIFY2(o2.error().message.contains(QStringLiteral("not an executable")),
             qPrintable(o2.error().message));
}

void TestLauncher::folderGone()
{
    LaunchRequest r;
    r.arguments = {QStringLiteral("true")};
    r.workingDir = m_tmp->filePath(QStringLiteral("cleaned"));
    const Result<LaunchOutcome> o = run(r);
    QVERIFY(!o.ok());
    QVERIFY2(o.error().message.contains(QStringLiteral("does not exist")),
             qPrintable(o.error().message));
}

void TestLauncher::emptyCommand()
{
    LaunchRequest r;
    r.workingDir = m_tmp->path();
    const Result<LaunchOutcome> o = run(r);
    QVERIFY(!o.ok());
    QVERIFY(o.error().hint.contains(QStringLiteral("Settings")));
}

QTEST_GUILESS_MAIN(TestLauncher)
#include "tst_launcher.moc"
