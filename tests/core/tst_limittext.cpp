// The subscription-limit texts a Claude Code turn ends with (CLAUDE-CLI.md §6.3, and older
// forms reported in anthropics/claude-code issues), read with fixed "now" values: resets in UTC
// and in named zones, across DST changes, at year ends, and texts that are not limits.

#include "usage/limittext.h"

#include <QElapsedTimer>
#include <QTest>
#include <QTimeZone>

using namespace chorus::usage;

namespace {

QDateTime utc(const char *iso)
{
    QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    return t.toTimeZone(QTimeZone::utc());
}

// "Z" ISO text of a reset, "" for none: failures then show both sides readably.
QString iso(qint64 ms)
{
    if (ms == 0)
        return QString();
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODateWithMs);
}

QString expect(const char *isoUtc)
{
    return isoUtc[0] ? utc(isoUtc).toString(Qt::ISODateWithMs) : QString();
}

} // namespace

class TestLimitText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void notLimits_data();
    void notLimits();
    void invalidNow();
    void hugeInputs();
};

void TestLimitText::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QString>("window");
    QTest::addColumn<QString>("reset"); // UTC, "" for none
    QTest::addColumn<QString>("zone");
    QTest::addColumn<bool>("zoneUnknown");

    const QTimeZone newYork("America/New_York");
    const QTimeZone berlin("Europe/Berlin");
    QVERIFY(newYork.isValid());
    QVERIFY(berlin.isValid());
    const QString Utc = QStringLiteral("UTC");
    auto row = [](const char *name, const QString &text, const QDateTime &now, const char *window,
                  const char *reset, const QString &zone, bool unknown = false) {
        QTest::newRow(name) << text << now << QString::fromLatin1(window) << expect(reset) << zone
                            << unknown;
    };
    auto s = [](const char16_t *t) { return QString::fromUtf16(t); };

    // The tested v2.1.328 text, and the skew rule around it.
    const QString fiveHour = s(u"You've hit your 5-hour limit · resets 11:28am (UTC)");
    row("doc 5-hour", fiveHour, utc("2026-11-24T08:24:10Z"), "five_hour", "2026-11-24T11:28:00Z",
        Utc);
    row("a minute past is today", fiveHour, utc("2026-11-24T11:29:00Z"), "five_hour",
        "2026-11-24T11:28:00Z", Utc);
    row("5 minutes past is today", fiveHour, utc("2026-11-24T11:33:00Z"), "five_hour",
        "2026-11-24T11:28:00Z", Utc);
    row("more than 5 minutes past is tomorrow", fiveHour, utc("2026-11-24T11:33:01Z"), "five_hour",
        "2026-11-25T11:28:00Z", Utc);
    row("weekly with date",
        s(u"You've hit your weekly limit · resets Nov 27, 10:29am (Europe/Berlin)"),
        utc("2026-11-24T08:00:00Z"), "seven_day", "2026-11-27T09:29:00Z",
        QStringLiteral("Europe/Berlin"));
    row("progress saved", s(u"You've hit your 5-hour limit · resets 3pm (UTC) · progress saved"),
        utc("2026-05-01T10:00:00Z"), "five_hour", "2026-05-01T15:00:00Z", Utc);
    row("curly apostrophe", s(u"You\u2019ve hit your Opus limit · resets 3pm (UTC)"),
        utc("2026-05-01T10:00:00Z"), "seven_day_opus", "2026-05-01T15:00:00Z", Utc);
    row("sonnet", s(u"You've hit your Sonnet limit · resets 4pm (UTC)"),
        utc("2026-05-01T10:00:00Z"), "seven_day_sonnet", "2026-05-01T16:00:00Z", Utc);
    row("fable", s(u"You've hit your Fable limit · resets May 5, 9am (UTC)"),
        utc("2026-05-01T10:00:00Z"), "seven_day_fable", "2026-05-05T09:00:00Z", Utc);
    row("usage credit limit", s(u"You've hit your usage credit limit · resets 9am (UTC)"),
        utc("2026-05-01T10:00:00Z"), "credits", "2026-05-02T09:00:00Z", Utc);
    row("usage limit", s(u"You've hit your usage limit · resets 9am (UTC)"),
        utc("2026-05-01T08:00:00Z"), "", "2026-05-01T09:00:00Z", Utc);
    row("session limit (v2.1.2xx)",
        s(u"You've hit your session limit · resets 12:50am (America/Los_Angeles)"),
        utc("2026-07-04T05:00:00Z"), "five_hour", "2026-07-04T07:50:00Z",
        QStringLiteral("America/Los_Angeles"));
    row("org variant", s(u"You've hit your org's monthly usage limit · resets Jun 1 (UTC)"),
        utc("2026-05-20T10:00:00Z"), "", "2026-06-01T00:00:00Z", Utc);

    // v2.1.37–2.1.117.
    row("older dot", s(u"You've hit your limit · resets 3:30am (Asia/Calcutta)"),
        utc("2026-04-23T12:00:00Z"), "", "2026-04-23T22:00:00Z", QStringLiteral("Asia/Calcutta"));
    row("older dash with date", s(u"You've hit your limit - resets Feb 7, 11am (Asia/Seoul)"),
        utc("2026-02-05T00:00:00Z"), "", "2026-02-07T02:00:00Z", QStringLiteral("Asia/Seoul"));
    row("date a day past stays", s(u"You've hit your limit - resets Feb 7, 11am (Asia/Seoul)"),
        utc("2026-02-08T12:00:00Z"), "", "2026-02-07T02:00:00Z", QStringLiteral("Asia/Seoul"));
    row("date 3 days past is next year",
        s(u"You've hit your limit - resets Feb 7, 11am (Asia/Seoul)"), utc("2026-02-10T02:00:00Z"),
        "", "2027-02-07T02:00:00Z", QStringLiteral("Asia/Seoul"));
    row("no zone: now's zone", s(u"You've hit your weekly limit · resets Sep 15 at 7pm"),
        QDateTime(QDate(2026, 9, 8), QTime(10, 0), newYork), "seven_day", "2026-09-15T23:00:00Z",
        QString());
    row("unknown zone: now's zone", s(u"You've hit your limit · resets 3pm (Mars/Olympus_Mons)"),
        utc("2026-05-01T10:00:00Z"), "", "2026-05-01T15:00:00Z",
        QStringLiteral("Mars/Olympus_Mons"), true);
    row("line in a longer text",
        s(u"Working on it…\nYou've hit your limit · resets 3pm (UTC)\n(stopped)"),
        utc("2026-05-01T10:00:00Z"), "", "2026-05-01T15:00:00Z", Utc);
    row("narrow space before AM", s(u"You've hit your limit · resets 11:28\u202FAM (UTC)"),
        utc("2026-05-01T10:00:00Z"), "", "2026-05-01T11:28:00Z", Utc);

    // Year ends.
    row("Dec 31 seen Jan 1", s(u"You've hit your weekly limit · resets Dec 31, 11pm (UTC)"),
        utc("2027-01-01T00:30:00Z"), "seven_day", "2026-12-31T23:00:00Z", Utc);
    row("Jan 2 seen Dec 30", s(u"You've hit your weekly limit · resets Jan 2, 3am (UTC)"),
        utc("2026-12-30T10:00:00Z"), "seven_day", "2027-01-02T03:00:00Z", Utc);
    row("explicit year", s(u"You've hit your weekly limit · resets Jan 2, 2027, 3am (UTC)"),
        utc("2026-12-30T10:00:00Z"), "seven_day", "2027-01-02T03:00:00Z", Utc);
    row("Feb 29 next leap year", s(u"You've hit your weekly limit · resets Feb 29, 9am (UTC)"),
        utc("2027-02-20T10:00:00Z"), "seven_day", "2028-02-29T09:00:00Z", Utc);
    row("far ahead returned as read",
        s(u"You've hit your weekly limit · resets Dec 25, 2030, 9am (UTC)"),
        utc("2026-05-01T10:00:00Z"), "seven_day", "2030-12-25T09:00:00Z", Utc);
    row("impossible date: no reset", s(u"You've hit your weekly limit · resets Feb 30, 9am (UTC)"),
        utc("2026-05-01T10:00:00Z"), "seven_day", "", Utc);

    // America/New_York springs forward on 2026-03-08: 2:00 EST becomes 3:00 EDT (07:00Z).
    const QString ny = QStringLiteral("America/New_York");
    row("NY skipped 2:30am moves to 3:30 EDT",
        s(u"You've hit your 5-hour limit · resets 2:30am (America/New_York)"),
        utc("2026-03-08T05:00:00Z"), "five_hour", "2026-03-08T07:30:00Z", ny);
    row("NY 1am before the change",
        s(u"You've hit your 5-hour limit · resets 1am (America/New_York)"),
        utc("2026-03-08T05:00:00Z"), "five_hour", "2026-03-08T06:00:00Z", ny);
    row("NY 11am after the change",
        s(u"You've hit your 5-hour limit · resets 11am (America/New_York)"),
        utc("2026-03-08T05:00:00Z"), "five_hour", "2026-03-08T15:00:00Z", ny);
    row("NY date across the change",
        s(u"You've hit your weekly limit · resets Mar 9, 9am (America/New_York)"),
        utc("2026-03-06T12:00:00Z"), "seven_day", "2026-03-09T13:00:00Z", ny);

    // Europe/Berlin falls back on 2026-10-25: 3:00 CEST becomes 2:00 CET (01:00Z); 2:30 twice.
    const QString be = QStringLiteral("Europe/Berlin");
    const QString twoThirty = s(u"You've hit your 5-hour limit · resets 2:30am (Europe/Berlin)");
    row("Berlin repeated 2:30: the first", twoThirty, utc("2026-10-24T22:00:00Z"), "five_hour",
        "2026-10-25T00:30:00Z", be);
    row("Berlin repeated 2:30: the second once the first is past", twoThirty,
        utc("2026-10-25T00:40:00Z"), "five_hour", "2026-10-25T01:30:00Z", be);
    row("Berlin 5pm after the change",
        s(u"You've hit your 5-hour limit · resets 5pm (Europe/Berlin)"),
        QDateTime(QDate(2026, 10, 25), QTime(8, 0), berlin), "five_hour", "2026-10-25T16:00:00Z",
        be);

    // Clock forms.
    const QDateTime may1 = utc("2026-05-01T10:00:00Z");
    row("12am is midnight", s(u"You've hit your limit · resets 12am (UTC)"), may1, "",
        "2026-05-02T00:00:00Z", Utc);
    row("12pm is noon", s(u"You've hit your limit · resets 12pm (UTC)"), may1, "",
        "2026-05-01T12:00:00Z", Utc);
    row("12:30am", s(u"You've hit your limit · resets 12:30am (UTC)"), may1, "",
        "2026-05-02T00:30:00Z", Utc);
    row("24-hour 15:00", s(u"You've hit your limit · resets 15:00 (UTC)"), may1, "",
        "2026-05-01T15:00:00Z", Utc);
    row("24-hour 00:15", s(u"You've hit your limit · resets 00:15 (UTC)"), may1, "",
        "2026-05-02T00:15:00Z", Utc);
    row("13pm: limit, no reset", s(u"You've hit your limit · resets 13pm (UTC)"), may1, "", "",
        Utc);
    row("0am: limit, no reset", s(u"You've hit your limit · resets 0am (UTC)"), may1, "", "", Utc);
    row("11:60am: limit, no reset", s(u"You've hit your limit · resets 11:60am (UTC)"), may1, "",
        "", Utc);
    row("24:00: limit, no reset", s(u"You've hit your limit · resets 24:00 (UTC)"), may1, "", "",
        Utc);
    row("no reset part", s(u"You've hit your 5-hour limit"), may1, "five_hour", "", QString());

    // v1.0.x and v2.0.x.
    row("epoch", s(u"Claude AI usage limit reached|1750708800"), may1, "", "2025-06-23T20:00:00Z",
        QString());
    row("epoch missing", s(u"Claude AI usage limit reached|"), may1, "", "", QString());
    row("v1 display form",
        s(u"Claude usage limit reached. Your limit will reset at 3pm (America/Bogota)."),
        utc("2025-06-23T16:24:50Z"), "", "2025-06-23T20:00:00Z", QStringLiteral("America/Bogota"));
    row("v2.0 weekly reached",
        s(u"Weekly limit reached · resets 10am (Asia/Seoul) · /upgrade to Max or turn on "
          u"/extra-usage"),
        utc("2025-12-01T04:32:07Z"), "seven_day", "2025-12-02T01:00:00Z",
        QStringLiteral("Asia/Seoul"));
    row("v2.0 opus weekly reached", s(u"Opus weekly limit reached ∙ resets Oct 9, 10:30am (UTC)"),
        utc("2025-10-05T10:00:00Z"), "seven_day_opus", "2025-10-09T10:30:00Z", Utc);
    row("v2.0 bare limit reached", s(u"  ⎿  Limit reached · resets 3pm (UTC)"), may1, "",
        "2026-05-01T15:00:00Z", Utc);

    // No reset at all.
    row("out of credits", s(u"You're out of usage credits"), may1, "credits", "", QString());
    row("out of credits, resets", s(u"You're out of usage credits · resets Jun 1, 12am (UTC)"),
        may1, "credits", "2026-06-01T00:00:00Z", Utc);
    row("monthly spend", s(u"You've hit your monthly spend limit."), may1, "monthly_spend", "",
        QString());
    row("org monthly spend",
        s(u"You've hit your org's monthly spend limit · contact your admin to increase it"), may1,
        "monthly_spend", "", QString());
}

void TestLimitText::parse()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, now);
    QFETCH(QString, window);
    QFETCH(QString, reset);
    QFETCH(QString, zone);
    QFETCH(bool, zoneUnknown);

    const auto got = parseLimitText(text, now);
    QVERIFY(got.has_value());
    QCOMPARE(got->window, window);
    QCOMPARE(iso(got->resetsAtMs), reset);
    QCOMPARE(got->zone, zone);
    QCOMPARE(got->zoneUnknown, zoneUnknown);
}

void TestLimitText::notLimits_data()
{
    QTest::addColumn<QString>("text");
    auto row = [](const char *name, const char16_t *text) {
        QTest::newRow(name) << QString::fromUtf16(text);
    };
    row("empty", u"");
    row("429 rate limited", u"API Error: Request rejected (429) · rate limited");
    row("429 fake", u"API Error: Request rejected (429) · fake 429 rate_limit_error");
    row("429 rate limit reached", u"API Error: Request rejected (429) · Rate limit reached");
    row("api usage warning", u"You've used 90% of your 5-hour limit · resets 3pm (UTC)");
    row("approaching", u"Approaching weekly limit · resets 3pm (UTC)");
    row("now using credits", u"Now using usage credits · Your 5-hour limit resets 3pm (UTC)");
    row("hit your stride", u"You've hit your stride · resets nothing");
    row("hit your without you've", u"We hit your limit · resets 3pm (UTC)");
    row("bare resets", u"resets 3pm (UTC)");
    row("invalid key", u"Invalid API key · Fix external API key");
    row("overloaded", u"API Error: Repeated 529 Overloaded errors. The API is at capacity.");
    row("separators only", u" · - · ∙ - · ");
    row("punctuation", u"|||(((())))··..,,::");
    row("control chars", u"\x01\x02\x7f\xfffd\xd800");
    row("limit reached inside a word", u"Speedlimit reached|1750708800");
}

void TestLimitText::notLimits()
{
    QFETCH(QString, text);
    const auto got = parseLimitText(text, utc("2026-05-01T10:00:00Z"));
    QVERIFY2(!got.has_value(), qPrintable(got ? got->window : QString()));
}

void TestLimitText::invalidNow()
{
    // An epoch needs no "now"; a clock time cannot be placed without one.
    const auto epoch =
        parseLimitText(QStringLiteral("Claude AI usage limit reached|1750708800"), QDateTime());
    QVERIFY(epoch.has_value());
    QCOMPARE(epoch->resetsAtMs, 1750708800000LL);
    const auto clock = parseLimitText(
        QString::fromUtf16(u"You've hit your 5-hour limit · resets 3pm (UTC)"), QDateTime());
    QVERIFY(clock.has_value());
    QCOMPARE(clock->window, QStringLiteral("five_hour"));
    QCOMPARE(clock->resetsAtMs, 0);
}

void TestLimitText::hugeInputs()
{
    const QDateTime now = utc("2026-05-01T10:00:00Z");
    const QString message = QString::fromUtf16(u"You've hit your limit · resets 3pm (UTC)");
    constexpr qsizetype Mb = 1024 * 1024;
    QElapsedTimer timer;
    timer.start();

    // A message after a megabyte of filler is still found.
    const auto late = parseLimitText(QString(Mb, QLatin1Char('x')) + message, now);
    QVERIFY(late.has_value());
    QCOMPARE(iso(late->resetsAtMs), expect("2026-05-01T15:00:00Z"));

    // Heads that almost match, a megabyte of them: no match, and no quadratic scan.
    const QString nearHeads[] = {
        QStringLiteral("Rate limit reached ").repeated(Mb / 19),
        QStringLiteral("We hit your ").repeated(Mb / 12),
        QStringLiteral("out of usage credits ").repeated(Mb / 21),
        QString(Mb, QChar(0x00B7)),
    };
    for (const QString &text : nearHeads)
        QVERIFY(!parseLimitText(text, now).has_value());

    // The first real head decides, however many follow.
    const auto repeated =
        parseLimitText(QStringLiteral("You've hit your ").repeated(Mb / 16) + message, now);
    QVERIFY(!repeated.has_value());
    const auto many = parseLimitText(QString(message + QLatin1Char('\n')).repeated(Mb / 40), now);
    QVERIFY(many.has_value());
    QCOMPARE(iso(many->resetsAtMs), expect("2026-05-01T15:00:00Z"));

    // Reported, never asserted: timing does not gate a test.
    qInfo("six 1 MB inputs parsed in %lld ms", qint64(timer.elapsed()));
}

QTEST_GUILESS_MAIN(TestLimitText)
#include "tst_limittext.moc"
