// chorus-gui: wires the application together; the windows live in chorus-gui-lib.
#include "common/engineclient.h"
#include "mainwindow/mainwindow.h"
#include "settings/guisettings.h"
#include "style/icons.h"
#include "style/theme.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

namespace {
// chorus_<locale>.qm from the resources or the installed share/chorus/translations, and
// Qt's own; a missing translation just leaves the English text.
void loadTranslations(QApplication &app)
{
    const QLocale locale;
    auto *chorus = new QTranslator(&app);
    const QString installed =
        QApplication::applicationDirPath() + QStringLiteral("/../share/chorus/translations");
    if (chorus->load(locale, QStringLiteral("chorus"), QStringLiteral("_"),
                     QStringLiteral(":/i18n")) ||
        chorus->load(locale, QStringLiteral("chorus"), QStringLiteral("_"), installed))
        QApplication::installTranslator(chorus);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("chorus"));
    QApplication::setApplicationName(QStringLiteral("chorus-gui"));
    QApplication::setApplicationDisplayName(QStringLiteral("Chorus"));
    QApplication::setApplicationVersion(QStringLiteral(CHORUS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("chorus"));
    loadTranslations(app);
    QApplication::setWindowIcon(chorus::icons::app());
    chorus::applyTheme(chorus::guisettings::theme());
    chorus::guisettings::applyDataDirOverride();

    chorus::EngineClient client;
    chorus::MainWindow window(&client);
    window.show();
    QTimer::singleShot(0, &window, &chorus::MainWindow::connectToEngine);
    return app.exec();
}
