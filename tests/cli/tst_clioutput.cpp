// What the CLI prints for text it did not write: control characters become visible escapes.
#include "cliio.h"
#include "render.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace chorus;
using namespace chorus::cli;

class TestCliOutput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void visibleControls_data();
    void visibleControls();
    void everyCharacter();
    void jsonStaysExact();
    void statusColumnsLineUp();
};

void TestCliOutput::visibleControls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("shown");
    QTest::newRow("plain") << QStringLiteral("héllo ✓ 世界") << QStringLiteral("héllo ✓ 世界");
    QTest::newRow("newline and tab") << QStringLiteral("a\n\tb\n") << QStringLiteral("a\n\tb\n");
    QTest::newRow("window title") << QStringLiteral("\x1b]0;pwned\x07")
                                  << QStringLiteral("\\x1b]0;pwned\\x07");
    QTest::newRow("clear screen") << QStringLiteral("\x1b[2J\x1b[H")
                                  << QStringLiteral("\\x1b[2J\\x1b[H");
    QTest::newRow("OSC 52") << QStringLiteral("\x1b]52;c;ZXZpbA==\x1b\\")
                            << QStringLiteral("\\x1b]52;c;ZXZpbA==\\x1b\\");
    QTest::newRow("carriage return")
        << QStringLiteral("Read\rBash") << QStringLiteral("Read\\x0dBash");
    QTest::newRow("CRLF ends a line")
        << QStringLiteral("a\r\nb\r") << QStringLiteral("a\r\nb\\x0d");
    QTest::newRow("NUL, BEL, backspace")
        << QString(QChar(0)) + QStringLiteral("\x07\x08") << QStringLiteral("\\x00\\x07\\x08");
    QTest::newRow("DEL") << QStringLiteral("a\x7f") << QStringLiteral("a\\u007f");
    QTest::newRow("C1 CSI") << QStringLiteral("\u009b2J") << QStringLiteral("\\u009b2J");
    QTest::newRow("C1 range ends")
        << QStringLiteral("\u0080\u009f\u00a0") << QStringLiteral("\\u0080\\u009f\u00a0");
    QTest::newRow("bidi override")
        << QStringLiteral("Allow \u202eexe.txt") << QStringLiteral("Allow \\u202eexe.txt");
    QTest::newRow("bidi isolates")
        << QStringLiteral("\u2066x\u2069\u2029") << QStringLiteral("\\u2066x\\u2069\u2029");
    QTest::newRow("embeddings") << QStringLiteral("\u202a\u202b\u202c\u202d")
                                << QStringLiteral("\\u202a\\u202b\\u202c\\u202d");
}

void TestCliOutput::visibleControls()
{
    QFETCH(QString, text);
    QFETCH(QString, shown);
    QCOMPARE(cli::visibleControls(text), shown);
    QCOMPARE(cli::visibleControls(shown), shown); // once is enough: nothing left to escape
}

// Every UTF-16 code unit: exactly the terminal's controls are escaped, all others kept.
void TestCliOutput::everyCharacter()
{
    int escaped = 0;
    for (int u = 0; u <= 0xffff; ++u) {
        const QString c{QChar(char16_t(u))};
        const QString shown = cli::visibleControls(c);
        const bool control = (u < 0x20 && u != '\n' && u != '\t') || (u >= 0x7f && u <= 0x9f) ||
                             (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069);
        QVERIFY2((shown != c) == control, qPrintable(QString::number(u, 16)));
        escaped += control ? 1 : 0;
    }
    QCOMPARE(escaped, 30 + 33 + 5 + 4);
}

// QJsonDocument escapes C0 controls itself but writes DEL, C1 and bidi characters raw: shown
// through visibleControls() the text is still JSON and parses to the very same string.
void TestCliOutput::jsonStaysExact()
{
    QString all;
    for (int u = 1; u < 0x300; ++u)
        all += QChar(char16_t(u));
    all += QStringLiteral("\u202a\u202e\u2066\u2069");
    const QJsonObject o{{QStringLiteral("text"), all}};
    for (const auto format : {QJsonDocument::Compact, QJsonDocument::Indented}) {
        const QString json = QString::fromUtf8(QJsonDocument(o).toJson(format));
        const QString shown = cli::visibleControls(json);
        QVERIFY(shown != json); // DEL, C1 and bidi come out raw from QJsonDocument
        for (const QChar c : shown)
            QVERIFY2(c.unicode() >= 0x20 || c == u'\n',
                     qPrintable(QString::number(c.unicode(), 16)));
        QJsonParseError error;
        const QJsonDocument back = QJsonDocument::fromJson(shown.toUtf8(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(back.object().value(QLatin1String("text")).toString(), all);
    }
}

void TestCliOutput::statusColumnsLineUp()
{
    SessionInfo a;
    a.id = QStringLiteral("aaaaaaaa-1");
    a.name = QStringLiteral("plain");
    a.role = QStringLiteral("builder");
    SessionInfo b = a;
    b.id = QStringLiteral("bbbbbbbb-2");
    b.name = QStringLiteral("x");
    b.role = QStringLiteral("r\x1b[2Jole");
    const QStringList lines =
        renderStatusTable({a, b}).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines[2].contains(QStringLiteral("r\\x1b[2Jole")), qPrintable(lines[2]));
    const qsizetype state = lines[0].indexOf(QStringLiteral("STATE"));
    QVERIFY(state > 0);
    for (const QString &l : lines)
        QVERIFY2(l.mid(state - 2, 2) == QStringLiteral("  ") && l.at(state) != u' ', qPrintable(l));
}

QTEST_GUILESS_MAIN(TestCliOutput)
#include "tst_clioutput.moc"
