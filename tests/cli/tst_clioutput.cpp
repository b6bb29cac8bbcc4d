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
    void statusFitsWidth_data();
    void statusFitsWidth();
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

void TestCliOutput::statusFitsWidth_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<QStringList>("absent");
    QTest::newRow("unlimited") << 0
                               << QStringList{QStringLiteral("TOKENS"), QStringLiteral("ID"),
                                              QStringLiteral("ELAPSED"), QStringLiteral("TASK")}
                               << QStringList{};
    QTest::newRow("200") << 200
                         << QStringList{QStringLiteral("TOKENS"), QStringLiteral("ID"),
                                        QStringLiteral("TASK")}
                         << QStringList{};
    QTest::newRow("80") << 80
                        << QStringList{QStringLiteral("NAME"), QStringLiteral("STATE"),
                                       QStringLiteral("TASK")}
                        << QStringList{QStringLiteral("TOKENS")};
    QTest::newRow("60") << 60
                        << QStringList{QStringLiteral("NAME"), QStringLiteral("STATE"),
                                       QStringLiteral("TASK")}
                        << QStringList{QStringLiteral("TOKENS"), QStringLiteral("ELAPSED"),
                                       QStringLiteral("ID")};
    QTest::newRow("20") << 20 << QStringList{QStringLiteral("NAME"), QStringLiteral("STATE")}
                        << QStringList{QStringLiteral("ROLE"), QStringLiteral("TASK")};
}

// Every line fits; the task stays last; what cannot fit is elided with "…" or its column goes,
// the name and the state last of all.
void TestCliOutput::statusFitsWidth()
{
    QFETCH(int, width);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);
    SessionInfo a;
    a.id = QStringLiteral("aaaaaaaa-1");
    a.name = QStringLiteral("storage-rewriter");
    a.role = QStringLiteral("builder");
    a.state = SessionState::Running;
    a.branch = QStringLiteral("chorus/storage-rewriter");
    a.worktree = QStringLiteral("/home/someone/.local/share/chorus/worktrees/storage-rewriter");
    a.task = QStringLiteral("Rewrite the storage layer so that every event is kept in a ring "
                            "buffer and nothing is ever lost\nSecond line");
    SessionInfo b = a;
    b.id = QStringLiteral("bbbbbbbb-2");
    b.name = QStringLiteral("b");
    b.task = QStringLiteral("Short");
    const QStringList lines =
        renderStatusTable({a, b}, width).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    for (const QString &l : lines)
        QVERIFY2(width == 0 || l.size() <= width, qPrintable(l));
    for (const QString &column : present)
        QVERIFY2(lines[0].contains(column), qPrintable(column + QStringLiteral(": ") + lines[0]));
    for (const QString &column : absent)
        QVERIFY2(!lines[0].split(QLatin1Char(' '), Qt::SkipEmptyParts).contains(column),
                 qPrintable(column + QStringLiteral(": ") + lines[0]));
    if (present.contains(QStringLiteral("TASK"))) {
        QVERIFY(lines[0].endsWith(QStringLiteral("TASK")));
        QVERIFY(lines[2].endsWith(QStringLiteral("Short")));
    }
    QVERIFY(!lines[1].contains(QStringLiteral("Second line")));
    if (width == 0)
        QVERIFY(lines[1].endsWith(QStringLiteral("nothing is ever lost")));
    else if (width < 150)
        QVERIFY2(lines[1].contains(QChar(0x2026)), qPrintable(lines[1]));
    // The name and state columns keep lining up.
    const qsizetype state = lines[0].indexOf(QStringLiteral("STATE"));
    QVERIFY(lines[1].mid(state).startsWith(QStringLiteral("running")) ||
            lines[1].mid(state).startsWith(QStringLiteral("runn")));
}

QTEST_GUILESS_MAIN(TestCliOutput)
#include "tst_clioutput.moc"
