#include "agentexec.h"
#include "commands.h"
#include "i18n.h"
#include "rpc/rpcclient.h"

#include <QCoreApplication>

#include <cstring>

#include <unistd.h>

int main(int argc, char **argv)
{
    // The agent shim execs its program: nothing of an application is set up for it.
    if (argc == 2 && std::strcmp(argv[1], "agent-exec") == 0)
        return chorus::cli::agentExec(STDIN_FILENO);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chorus"));
    QCoreApplication::setOrganizationName(QStringLiteral("chorus"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHORUS_VERSION));
    chorus::installTranslations(&app);
    chorus::RpcClient::setDefaultCaller({QStringLiteral("cli"), QStringLiteral("chorus")});
    return chorus::cli::run(QCoreApplication::arguments().mid(1));
}
