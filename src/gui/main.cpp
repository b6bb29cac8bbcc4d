// chorus-gui: wires the application together; the windows live in chorus-gui-lib.
#include "client/engineclient.h"
#include "i18n.h"
#include "mainwindow/mainwindow.h"
#include "notify/desktopnotifier.h"
#include "rpc/rpcclient.h"
#include "settings/guisettings.h"
#include "style/icons.h"
#include "style/theme.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

namespace {
// Chorus's catalogues (see chorus::installTranslations) and Qt's own for the dialogs.
void loadTranslations(QApplication &app)
{
    chorus::installTranslations(&app);
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    chorus::RpcClient::setDefaultCaller({QStringLiteral("gui"), QStringLiteral("chorus-gui")});
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
    chorus::MainWindow window(&client, nullptr, new chorus::DesktopNotifier);
    window.show();
    QTimer::singleShot(0, &window, &chorus::MainWindow::connectToEngine);
    return app.exec();
}
