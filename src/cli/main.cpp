#include "commands.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chorus"));
    QCoreApplication::setOrganizationName(QStringLiteral("chorus"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHORUS_VERSION));
    return chorus::cli::run(QCoreApplication::arguments().mid(1));
}
