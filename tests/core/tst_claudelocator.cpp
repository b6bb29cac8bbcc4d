#include "agent/claudelocator.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace chorus;

class TestClaudeLocator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void settingWins();
    void wrongSettingIsAnError();
    void environmentVariable();
    void searchesPath();
    void usualPlaces_data();
    void usualPlaces();
    void npmrcPrefix();
    void nothingFoundNamesEveryPlace();

private:
    QString makeExe(const QString &relPath);
    QProcessEnvironment env();
    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestClaudeLocator::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QDir(m_tmp->path()).mkpath(QStringLiteral("home"));
}

QString TestClaudeLocator::makeExe(const QString &relPath)
{
    const QString path = m_tmp->filePath(relPath);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write("#!/bin/sh\n");
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return path;
}

QProcessEnvironment TestClaudeLocator::env()
{
    QProcessEnvironment e;
    e.insert(QStringLiteral("HOME"), m_tmp->filePath(QStringLiteral("home")));
    e.insert(QStringLiteral("PATH"), m_tmp->filePath(QStringLiteral("bin1")) + QLatin1Char(':') +
                                         m_tmp->filePath(QStringLiteral("bin2")));
    e.insert(QStringLiteral("NPM_CONFIG_PREFIX"), m_tmp->filePath(QStringLiteral("npm")));
    return e;
}

void TestClaudeLocator::settingWins()
{
    const QString configured = makeExe(QStringLiteral("custom/claude-x"));
    makeExe(QStringLiteral("bin1/claude"));
    QProcessEnvironment e = env();
    e.insert(QStringLiteral("CHORUS_CLAUDE"), makeExe(QStringLiteral("envclaude")));
    const auto r = locateClaude(configured, e);
    QVERIFY(r.ok());
    QCOMPARE(r->path, configured);
    QCOMPARE(r->source, QStringLiteral("setting"));
}

void TestClaudeLocator::wrongSettingIsAnError()
{
    makeExe(QStringLiteral("bin1/claude"));
    const auto r = locateClaude(m_tmp->filePath(QStringLiteral("nope")), env());
    QVERIFY(!r.ok()); // never silently another binary than the one configured
    QCOMPARE(r.error().where, m_tmp->filePath(QStringLiteral("nope")));
    QVERIFY(r.error().message.contains(QLatin1String("setting")));
}

void TestClaudeLocator::environmentVariable()
{
    makeExe(QStringLiteral("bin1/claude"));
    QProcessEnvironment e = env();
    const QString fromEnv = makeExe(QStringLiteral("envclaude"));
    e.insert(QStringLiteral("CHORUS_CLAUDE"), fromEnv);
    const auto r = locateClaude({}, e);
    QVERIFY(r.ok());
    QCOMPARE(r->source, QStringLiteral("CHORUS_CLAUDE"));
    QCOMPARE(r->path, fromEnv);
}

void TestClaudeLocator::searchesPath()
{
    const QString second = makeExe(QStringLiteral("bin2/claude"));
    const auto r = locateClaude({}, env());
    QVERIFY(r.ok());
    QCOMPARE(r->path, second);
    QCOMPARE(r->source, QStringLiteral("PATH"));
    // A non-executable file named claude earlier on PATH is skipped.
    QFile plain(m_tmp->filePath(QStringLiteral("bin1/claude")));
    QDir().mkpath(m_tmp->filePath(QStringLiteral("bin1")));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.close();
    QCOMPARE(locateClaude({}, env())->path, second);
}

void TestClaudeLocator::usualPlaces_data()
{
    QTest::addColumn<QString>("place");
    QTest::addColumn<QString>("source");
    QTest::newRow("claude local") << QStringLiteral("home/.claude/local/claude") << QStringLiteral("~/.claude/local");
    QTest::newRow("npm prefix") << QStringLiteral("npm/bin/claude") << QStringLiteral("npm global prefix");
    QTest::newRow("local bin") << QStringLiteral("home/.local/bin/claude") << QStringLiteral("~/.local/bin");
}

void TestClaudeLocator::usualPlaces()
{
    QFETCH(QString, place);
    QFETCH(QString, source);
    const QString path = makeExe(place);
    const auto r = locateClaude({}, env());
    QVERIFY(r.ok());
    QCOMPARE(r->path, path);
    QCOMPARE(r->source, source);
}

void TestClaudeLocator::npmrcPrefix()
{
    QProcessEnvironment e = env();
    e.remove(QStringLiteral("NPM_CONFIG_PREFIX"));
    QFile rc(m_tmp->filePath(QStringLiteral("home/.npmrc")));
    QVERIFY(rc.open(QIODevice::WriteOnly));
    rc.write("fund=false\nprefix = ~/.npm-global\n");
    rc.close();
    const QString path = makeExe(QStringLiteral("home/.npm-global/bin/claude"));
    const auto r = locateClaude({}, e);
    QVERIFY(r.ok());
    QCOMPARE(r->path, path);
}

void TestClaudeLocator::nothingFoundNamesEveryPlace()
{
    const auto r = locateClaude({}, env());
    QVERIFY(!r.ok());
    const QString msg = r.error().message;
    QVERIFY2(msg.contains(m_tmp->filePath(QStringLiteral("bin1/claude"))), qPrintable(msg));
    QVERIFY(msg.contains(m_tmp->filePath(QStringLiteral("bin2/claude"))));
    QVERIFY(msg.contains(QLatin1String("/.claude/local/claude")));
    QVERIFY(msg.contains(QLatin1String("/.local/bin/claude")));
    QVERIFY(msg.contains(m_tmp->filePath(QStringLiteral("npm/bin/claude"))));
    QVERIFY(r.error().hint.contains(QLatin1String("npm install")));
}

QTEST_GUILESS_MAIN(TestClaudeLocator)
#include "tst_claudelocator.moc"
