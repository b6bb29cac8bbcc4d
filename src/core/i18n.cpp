#include "i18n.h"

#include <QCoreApplication>
#include <QTranslator>

namespace chorus {

void installTranslations(QCoreApplication *app, const QLocale &locale)
{
    const QString builtIn = QStringLiteral(":/i18n");
    const QString installed = QCoreApplication::applicationDirPath() + QStringLiteral("/../share/chorus/translations");
    // Installed last is asked first: the locale's catalogue, then the English plural forms.
    auto *english = new QTranslator(app);
    if (english->load(QStringLiteral("chorus_en"), builtIn) || english->load(QStringLiteral("chorus_en"), installed))
        QCoreApplication::installTranslator(english);
    else
        delete english;
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return;
    auto *local = new QTranslator(app);
    if (local->load(locale, QStringLiteral("chorus"), QStringLiteral("_"), builtIn) ||
        local->load(locale, QStringLiteral("chorus"), QStringLiteral("_"), installed))
        QCoreApplication::installTranslator(local);
    else
        delete local;
}

} // namespace chorus
