#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace chorus {

// One engine per data directory, whatever the runtime directory (ssh, su and cron sessions
// have none, or another): an exclusive flock() on <dataDir>/engine.lock, held for the
// engine's life and released by the kernel when it dies, even by kill -9. The file says which
// process holds it and on which socket it listens, so a client whose runtime directory differs
// still finds that engine.
class EngineLock
{
    Q_DECLARE_TR_FUNCTIONS(EngineLock)
public:
    EngineLock() = default;
    ~EngineLock();
    EngineLock(const EngineLock &) = delete;
    EngineLock &operator=(const EngineLock &) = delete;

    struct Holder
    {
        qint64 pid = 0;
        QString socket; // empty until the engine listens
    };

    // Takes the lock of dataDir (created if missing). Fails, naming the holder's pid and
    // socket, when another live engine holds it.
    Status acquire(const QString &dataDir);
    bool isHeld() const { return m_fd >= 0; }
    // Records the control socket the engine listens on, for clients to find.
    void setSocket(const QString &socket);

    // Who holds dataDir's lock now; nullopt when nobody does.
    static std::optional<Holder> holder(const QString &dataDir);
    static QString lockPath(const QString &dataDir);

private:
    void write();

    int m_fd = -1;
    QString m_socket;
};

} // namespace chorus
