// chorus-fake-api: the tests' fake Anthropic Messages API as a standalone server, for manual
// runs and benchmarks. Point the CLI at it with ANTHROPIC_BASE_URL=http://127.0.0.1:<port>.
#include "fakeapi.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>

using chorus::test::FakeApi;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chorus-fake-api"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Fake Anthropic Messages API on 127.0.0.1 (script it with @@fake in prompts "
                       "or POST /__fake/enqueue)."));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("TCP port, 0 = a free one (default)."),
                                        QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption dumpOption(QStringLiteral("dump-dir"),
                                        QStringLiteral("Write every /v1/messages body to <dir>."),
                                        QStringLiteral("dir"));
    const QCommandLineOption verboseOption(
        QStringLiteral("verbose"), QStringLiteral("Print one JSON line per request on stderr."));
    parser.addOptions({portOption, dumpOption, verboseOption});
    parser.process(app);

    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535) {
        std::fprintf(stderr, "chorus-fake-api: invalid --port %s\n",
                     qPrintable(parser.value(portOption)));
        return 2;
    }

    FakeApi api;
    if (parser.isSet(dumpOption))
        api.setDumpDirectory(parser.value(dumpOption));
    if (parser.isSet(verboseOption)) {
        QObject::connect(&api, &FakeApi::requestLogged, &app, [](const QJsonObject &entry) {
            std::fprintf(stderr, "%s\n",
                         QJsonDocument(entry).toJson(QJsonDocument::Compact).constData());
            std::fflush(stderr);
        });
    }
    QString error;
    if (!api.start(&error, quint16(port))) {
        std::fprintf(stderr, "chorus-fake-api: %s\n", qPrintable(error));
        return 1;
    }
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    std::printf("listening on %s\n", qPrintable(api.baseUrl()));
    std::fflush(stdout);
    return app.exec();
}
