#include "util/linesplitter.h"

#include <QTest>

using namespace chorus;

class TestLineSplitter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fragmented_data();
    void fragmented();
    void crlf();
    void remainder();
    void hugeLineWithinLimit();
    void oversizedLineDropped();
};

void TestLineSplitter::fragmented_data()
{
    QTest::addColumn<int>("chunk");
    for (int c : {1, 2, 3, 7, 64, 4096})
        QTest::newRow(qPrintable(QString::number(c))) << c;
}

void TestLineSplitter::fragmented()
{
    QFETCH(int, chunk);
    const QByteArray input = "{\"a\":1}\n{\"b\":\"two\"}\n\n{\"c\":[1,2,3]}\n{\"partial\"";
    LineSplitter s;
    QList<QByteArray> lines;
    for (qsizetype i = 0; i < input.size(); i += chunk)
        lines += s.feed(input.mid(i, chunk));
    QCOMPARE(lines, (QList<QByteArray>{"{\"a\":1}", "{\"b\":\"two\"}", "", "{\"c\":[1,2,3]}"}));
    QCOMPARE(s.takeRemainder(), QByteArray("{\"partial\""));
    QCOMPARE(s.pendingBytes(), 0);
}

void TestLineSplitter::crlf()
{
    LineSplitter s;
    auto lines = s.feed("one\r\ntwo\r");
    lines += s.feed("\nthree\n");
    QCOMPARE(lines, (QList<QByteArray>{"one", "two", "three"}));
}

void TestLineSplitter::remainder()
{
    LineSplitter s;
    QVERIFY(s.feed("abc").isEmpty());
    QCOMPARE(s.takeRemainder(), QByteArray("abc"));
    QCOMPARE(s.takeRemainder(), QByteArray());
}

void TestLineSplitter::hugeLineWithinLimit()
{
    // A 10 MB line (a big tool result) arrives in 64 KiB reads and comes out whole.
    const QByteArray big = "{\"x\":\"" + QByteArray(10 * 1024 * 1024, 'y') + "\"}";
    LineSplitter s;
    QList<QByteArray> lines;
    const QByteArray input = big + "\n{\"after\":1}\n";
    for (qsizetype i = 0; i < input.size(); i += 65536)
        lines += s.feed(input.mid(i, 65536));
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0].size(), big.size());
    QCOMPARE(lines[0], big);
    QCOMPARE(lines[1], QByteArray("{\"after\":1}"));
}

void TestLineSplitter::oversizedLineDropped()
{
    LineSplitter s(1000);
    QList<QByteArray> lines;
    lines += s.feed("ok1\n" + QByteArray(600, 'a'));
    lines += s.feed(QByteArray(600, 'b'));
    QVERIFY(s.pendingBytes() <= 1000);
    lines += s.feed(QByteArray(5000, 'c') + "\nok2\n");
    QCOMPARE(lines, (QList<QByteArray>{"ok1", "ok2"}));
    QCOMPARE(s.oversizedLines(), 1);
    // A long line arriving in one piece is dropped too.
    lines = s.feed(QByteArray(2000, 'd') + "\nok3\n");
    QCOMPARE(lines, (QList<QByteArray>{"ok3"}));
    QCOMPARE(s.oversizedLines(), 2);
}

QTEST_GUILESS_MAIN(TestLineSplitter)
#include "tst_linesplitter.moc"
