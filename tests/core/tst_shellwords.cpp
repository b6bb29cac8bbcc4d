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
    void joins_data();
    void joins();
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

void TestShellWords::joins_data()
{
    QTest::addColumn<QStringList>("words");
    QTest::addColumn<QString>("line");
    auto s = [](const char *t) { return QString::fromUtf8(t); };
    QTest::newRow("plain") << QStringList{s("code"), s("{dir}")} << s("code {dir}");
    QTest::newRow("option with placeholder")
        << QStringList{s("gnome-terminal"), s("--working-directory={dir}")}
        << s("gnome-terminal --working-directory={dir}");
    QTest::newRow("blank") << QStringList{s("/opt/My Editor/bin/ed"), s("{dir}")}
                           << s("'/opt/My Editor/bin/ed' {dir}");
    QTest::newRow("quote") << QStringList{s("it's")} << s("'it'\\''s'");
    QTest::newRow("empty word") << QStringList{s("a"), QString()} << s("a ''");
    QTest::newRow("shell characters") << QStringList{s("$HOME;*"), s("~")} << s("'$HOME;*' '~'");
    QTest::newRow("unicode") << QStringList{s("héllo")} << s("'héllo'");
}

// The line shown in Settings reads back to the same list.
void TestShellWords::joins()
{
    QFETCH(QStringList, words);
    QFETCH(QString, line);
    QCOMPARE(joinShellWords(words), line);
    const Result<QStringList> back = splitShellWords(line);
    QVERIFY(back.ok());
    QCOMPARE(*back, words);
}

QTEST_GUILESS_MAIN(TestShellWords)
#include "tst_shellwords.moc"
