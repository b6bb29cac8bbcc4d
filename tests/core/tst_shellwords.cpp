#include "util/shellwords.h"

#include <QTest>

using namespace chorus;

class TestShellWords : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void splits_data();
    void splits();
    void errors_data();
    void errors();
};

void TestShellWords::splits_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("words");
    auto s = [](const char *t) { return QString::fromUtf8(t); };
    QTest::newRow("plain") << s("make -j2 test") << QStringList{s("make"), s("-j2"), s("test")};
    QTest::newRow("blanks") << s("  a \t b\n c  ") << QStringList{s("a"), s("b"), s("c")};
    QTest::newRow("empty") << s("   ") << QStringList{};
    QTest::newRow("single quotes") << s("sh -c 'echo $HOME; exit 1'") << QStringList{s("sh"), s("-c"), s("echo $HOME; exit 1")};
    QTest::newRow("double quotes") << s("echo \"a \\\"b\\\" \\\\ \\n\"") << QStringList{s("echo"), s("a \"b\" \\ \\n")};
    QTest::newRow("backslash") << s("a\\ b c\\'d") << QStringList{s("a b"), s("c'd")};
    QTest::newRow("adjacent parts") << s("--name='x y'\"z\"") << QStringList{s("--name=x yz")};
    QTest::newRow("empty quotes") << s("a '' \"\"") << QStringList{s("a"), QString(), QString()};
    QTest::newRow("no expansion") << s("ls *.c ~ $PATH") << QStringList{s("ls"), s("*.c"), s("~"), s("$PATH")};
    QTest::newRow("unicode") << s("echo 'héllo wörld'") << QStringList{s("echo"), s("héllo wörld")};
}

void TestShellWords::splits()
{
    QFETCH(QString, command);
    QFETCH(QStringList, words);
    const Result<QStringList> r = splitShellWords(command);
    QVERIFY(r.ok());
    QCOMPARE(*r, words);
}

void TestShellWords::errors_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("where");
    QTest::newRow("single") << QStringLiteral("echo 'oops") << QStringLiteral("column 6");
    QTest::newRow("double") << QStringLiteral("a \"b") << QStringLiteral("column 3");
    QTest::newRow("backslash") << QStringLiteral("a b\\") << QStringLiteral("column 4");
}

void TestShellWords::errors()
{
    QFETCH(QString, command);
    QFETCH(QString, where);
    const Result<QStringList> r = splitShellWords(command);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().where, where);
    QVERIFY(!r.error().hint.isEmpty());
}

QTEST_GUILESS_MAIN(TestShellWords)
#include "tst_shellwords.moc"
