#include "commands.h"
#include "i18n.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chorus"));
    QCoreApplication::setOrganizationName(QStringLiteral("chorus"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHORUS_VERSION));
    chorus::installTranslations(&app);
    return chorus::cli::run(QCoreApplication::arguments().mid(1));
}
