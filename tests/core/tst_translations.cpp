// The English plural forms: every "%n" message has its two forms written (a new one fails
// here until it does), and the CLI's and GUI's texts read "1 file", "2 files" through them.
#include "i18n.h"

#include <QCoreApplication>
#include <QFile>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace chorus;

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyPluralHasItsForms();
    void pluralsReadAsEnglish();
    void otherLocalesFallBackToThem();

private:
    void removeTranslators();
};

void TestTranslations::removeTranslators()
{
    for (QTranslator *t : qApp->findChildren<QTranslator *>()) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
}

void TestTranslations::everyPluralHasItsForms()
{
    QFile ts(QStringLiteral(CHORUS_EN_TS));
    QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
    QXmlStreamReader xml(&ts);
    int messages = 0;
    QString source, context;
    QStringList forms;
    bool unfinished = false;
    QStringList problems;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == QLatin1String("name"))
                context = xml.readElementText();
            else if (xml.name() == QLatin1String("message")) {
                ++messages;
                forms.clear();
                unfinished = false;
                if (xml.attributes().value(QLatin1String("numerus")) != QLatin1String("yes"))
                    problems << QStringLiteral("not a plural message in %1").arg(context);
            } else if (xml.name() == QLatin1String("source"))
                source = xml.readElementText();
            else if (xml.name() == QLatin1String("translation"))
                unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            else if (xml.name() == QLatin1String("numerusform"))
                forms << xml.readElementText();
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            const QString where = context + QStringLiteral(": \"") + source + QLatin1Char('"');
            if (unfinished || forms.size() != 2 || forms.contains(QString()))
                problems << where + QStringLiteral(" has no English forms yet (translations/chorus_en.ts)");
            else if (forms[0].contains(QLatin1String("(s)")) || forms[1].contains(QLatin1String("(s)")))
                problems << where + QStringLiteral(" still says (s)");
            else if (source.contains(QLatin1String("(s)")) && forms[0] == forms[1])
                problems << where + QStringLiteral(" has the same singular and plural");
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages >= 20);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void TestTranslations::pluralsReadAsEnglish()
{
    removeTranslators();
    QCOMPARE(QCoreApplication::translate("Cli", " %n file(s) changed, ", nullptr, 1), QStringLiteral(" 1 file(s) changed, "));
    installTranslations(qApp, QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(QCoreApplication::translate("Cli", " %n file(s) changed, ", nullptr, 1), QStringLiteral(" 1 file changed, "));
    QCOMPARE(QCoreApplication::translate("Cli", " %n file(s) changed, ", nullptr, 2), QStringLiteral(" 2 files changed, "));
    QCOMPARE(QCoreApplication::translate("Cli", " %n file(s) changed, ", nullptr, 0), QStringLiteral(" 0 files changed, "));
    QCOMPARE(QCoreApplication::translate("chorus::ReviewWindow", "Sent %n comment(s) to %1. It works on them in its next "
                                                                  "turn; this diff follows when that turn is saved.",
                                         nullptr, 1)
                 .arg(QStringLiteral("alpha")),
             QStringLiteral("Sent 1 comment to alpha. It works on it in its next turn; this diff follows when that "
                            "turn is saved."));
    // A text without %n is left alone.
    QCOMPARE(QCoreApplication::translate("Cli", "no such text"), QStringLiteral("no such text"));
}

void TestTranslations::otherLocalesFallBackToThem()
{
    removeTranslators();
    installTranslations(qApp, QLocale(QLocale::French, QLocale::France));
    // No French catalogue: the English forms, not "(s)".
    QCOMPARE(QCoreApplication::translate("Cli", "%n insertion(s)(+), ", nullptr, 3), QStringLiteral("3 insertions(+), "));
    removeTranslators();
    installTranslations(qApp, QLocale::c());
    QCOMPARE(QCoreApplication::translate("Cli", "%n insertion(s)(+), ", nullptr, 1), QStringLiteral("1 insertion(+), "));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
