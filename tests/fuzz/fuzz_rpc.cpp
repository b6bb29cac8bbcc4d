// Fuzzes the engine's side of the JSON-RPC protocol end to end: the input is written, as a
// client would, to a real EngineService (real Engine, temporary database) over its local
// socket; the service splits and decodes the lines and dispatches every method with
// whatever params they hold. A sentinel request after the input tells when all of it has
// been handled; every reply must be a JSON-RPC object.
//
// The engine works in a private temporary world (XDG dirs, HOME, working directory) and
// finds no Claude CLI. Lines with a client environment, or whose paths (dir, repo, claudePath,
// agentShim, userRolesDir) lead out of it are not sent, so no input can make the engine touch a
// real repository or run a program. It works in that world's directory: give libFuzzer absolute
// paths.
#include "fuzz.h"

#include "engine/engine.h"
#include "rpc/engineservice.h"
#include "rpc/rpcconnection.h"
#include "util/linesplitter.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QTimer>

#include <filesystem>
#include <memory>
#include <string>

using namespace chorus;

namespace {
struct World
{
    std::unique_ptr<QCoreApplication> app;
    std::unique_ptr<QTemporaryDir> root;
    std::unique_ptr<Engine> engine;
    std::unique_ptr<EngineService> service;
    std::unique_ptr<QLocalSocket> client;
    std::unique_ptr<QTimer> wakeUp;
    LineSplitter replies{1 << 30};
    qint64 sentinel = 0; // the id of the last sentinel: "fuzz-sentinel-N"
};
World *world = nullptr;

QString sentinelId()
{
    return QStringLiteral("fuzz-sentinel-%1").arg(world->sentinel);
}

bool insideRoot(const QString &path)
{
    if (path.isEmpty())
        return true;
    const QString root = QDir::cleanPath(world->root->path());
    const QString abs = QDir::cleanPath(QDir(QDir::currentPath()).absoluteFilePath(path));
    return abs == root || abs.startsWith(root + QLatin1Char('/'));
}

// Whether a request line is safe to send: its paths stay inside the private world.
bool safeLine(const QByteArray &line)
{
    const QJsonDocument doc = QJsonDocument::fromJson(line);
    if (!doc.isObject())
        return true; // the service answers a parse error
    const QJsonObject params = doc.object().value(QLatin1String("params")).toObject();
    // A client's environment (spawn, resume) could name a real CLI (PATH, HOME, CHORUS_CLAUDE).
    if (params.contains(QLatin1String("environment")))
        return false;
    for (const char *key : {"dir", "repo", "claudePath", "userRolesDir", "agentShim"}) {
        const QJsonValue v = params.value(QLatin1String(key));
        if (v.isString() && !insideRoot(v.toString()))
            return false;
    }
    return true;
}

// Reads replies until the sentinel's; each must be a JSON-RPC 2.0 object.
void drainUntilSentinel()
{
    QElapsedTimer t;
    t.start();
    for (;;) {
        FUZZ_CHECK(world->client->state() == QLocalSocket::ConnectedState);
        for (const QByteArray &line : world->replies.feed(world->client->readAll())) {
            static const bool trace = qEnvironmentVariableIsSet("CHORUS_FUZZ_TRACE");
            if (trace)
                std::fprintf(stderr, "<- %s\n", line.constData());
            const QJsonDocument doc = QJsonDocument::fromJson(line);
            FUZZ_CHECK(doc.isObject());
            const QJsonObject o = doc.object();
            FUZZ_CHECK(o.value(QLatin1String("jsonrpc")).toString() == QLatin1String("2.0"));
            if (o.value(QLatin1String("id")).toString() == sentinelId()) {
                FUZZ_CHECK(o.contains(QLatin1String("result")));
                return;
            }
        }
        FUZZ_CHECK(t.elapsed() < 20000); // the service stopped answering: a hang
        // Client and service share this thread's event loop: wait for the next event of
        // either (the wake-up timer bounds the wait).
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
}
// The engine, its service and the client, on a database of their own. Called again (after
// closeWorld()) when the engine has piled up many agents: each input would then cost more and
// more (agents.list answers every one), until the sentinel's answer looks like a hang.
void openWorld()
{
    const QString root = world->root->path();
    world->engine = std::make_unique<Engine>(root + QStringLiteral("/data/chorus.db"));
    const Status opened = world->engine->open();
    if (!opened) {
        std::fprintf(stderr, "fuzz_rpc: %s\n", qPrintable(opened.error().toString()));
        std::abort();
    }
    world->service = std::make_unique<EngineService>(world->engine.get());
    const QString socket = root + QStringLiteral("/runtime/engine.sock");
    const Status listening = world->service->listen(socket);
    if (!listening) {
        std::fprintf(stderr, "fuzz_rpc: %s\n", qPrintable(listening.error().toString()));
        std::abort();
    }
    world->client = std::make_unique<QLocalSocket>();
    world->client->connectToServer(socket);
    FUZZ_CHECK(world->client->waitForConnected(5000));
    world->replies = LineSplitter(1 << 30);
}

void closeWorld()
{
    world->client.reset();
    world->service.reset();
    world->engine.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    for (const char *file :
         {"/data/chorus/chorus.db", "/data/chorus/chorus.db-wal", "/data/chorus/chorus.db-shm",
          "/data/chorus.db", "/data/chorus.db-wal", "/data/chorus.db-shm"})
        QFile::remove(world->root->path() + QLatin1String(file));
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // The world lives until the process ends (Qt's own statics are gone by the time an
    // atexit handler could delete it); the handler only removes its files.
    world = new World;
    world->root = std::make_unique<QTemporaryDir>(QDir::tempPath() +
                                                  QStringLiteral("/chorus-fuzz-rpc-XXXXXX"));
    FUZZ_CHECK(world->root->isValid());
    const QString root = world->root->path();
    world->root->setAutoRemove(false);
    static std::string rootPath = root.toStdString();
    std::atexit([] { std::filesystem::remove_all(rootPath); });
    for (const char *d : {"data", "config", "runtime", "cache", "home", "work"})
        FUZZ_CHECK(QDir(root).mkpath(QString::fromLatin1(d)));
    QFile::setPermissions(root + QStringLiteral("/runtime"),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const auto set = [&](const char *var, const QString &sub) {
        qputenv(var, (root + sub).toLocal8Bit());
    };
    set("XDG_DATA_HOME", QStringLiteral("/data"));
    set("XDG_CONFIG_HOME", QStringLiteral("/config"));
    set("XDG_RUNTIME_DIR", QStringLiteral("/runtime"));
    set("XDG_CACHE_HOME", QStringLiteral("/cache"));
    set("HOME", QStringLiteral("/home"));
    set("CHORUS_CLAUDE", QStringLiteral("/no-claude"));
    set("PATH", QStringLiteral("/no-bin"));
    qunsetenv("CHORUS_DATA_DIR");
    qunsetenv("CLAUDE_CONFIG_DIR");
    FUZZ_CHECK(QDir::setCurrent(root + QStringLiteral("/work")));

    world->app = std::make_unique<QCoreApplication>(*argc, *argv);
    world->wakeUp = std::make_unique<QTimer>();
    world->wakeUp->start(100);
    openWorld();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    // The lines as the service will see them (same splitter): refuse unsafe ones.
    LineSplitter lines(256 * 1024 * 1024);
    QList<QByteArray> all = lines.feed(input);
    all << lines.takeRemainder();
    for (const QByteArray &line : std::as_const(all))
        if (!safeLine(line))
            return -1; // libFuzzer keeps it out of the corpus

    if (world->engine->sessions().size() > 300) {
        closeWorld();
        openWorld();
    }
    ++world->sentinel;
    QByteArray out = input;
    out += '\n'; // ends a last line without one
    const QJsonObject ping{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                           {QStringLiteral("id"), sentinelId()},
                           {QStringLiteral("method"), QStringLiteral("engine.ping")}};
    out += QJsonDocument(ping).toJson(QJsonDocument::Compact);
    out += '\n';
    FUZZ_CHECK(world->client->write(out) == out.size());
    drainUntilSentinel();
    return 0;
}
