#include "paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <sys/stat.h>
#include <unistd.h>

namespace chorus::paths {

QString dataDir()
{
    const QString env = qEnvironmentVariable("CHORUS_DATA_DIR");
    if (!env.isEmpty())
        return QDir(env).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/chorus");
}

QString databasePath()
{
    return dataDir() + QStringLiteral("/chorus.db");
}

QString configDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/chorus");
}

QString settingsFile()
{
    return configDir() + QStringLiteral("/chorus.conf");
}

Result<QString> runtimeDir()
{
    QString base = qEnvironmentVariable("XDG_RUNTIME_DIR");
    QString dir = base.isEmpty() ? QStringLiteral("/tmp/chorus-%1").arg(::getuid())
                                 : base + QStringLiteral("/chorus");
    const QByteArray native = QFile::encodeName(dir);
    if (::mkdir(native.constData(), 0700) != 0 && errno != EEXIST)
        return makeError(QCoreApplication::translate("chorus", "cannot create the runtime directory: %1")
                             .arg(QString::fromLocal8Bit(strerror(errno))),
                         dir, QCoreApplication::translate("chorus", "Check XDG_RUNTIME_DIR."));
    struct stat st;
    if (::lstat(native.constData(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::getuid())
        return makeError(QCoreApplication::translate("chorus", "the runtime directory is not a "
                                                               "directory owned by you"),
                         dir,
                         QCoreApplication::translate("chorus", "Remove it, or set XDG_RUNTIME_DIR."));
    if ((st.st_mode & 0077) != 0 && ::chmod(native.constData(), 0700) != 0)
        return makeError(QCoreApplication::translate("chorus", "cannot make the runtime directory "
                                                               "private (0700)"),
                         dir);
    return dir;
}

Result<QString> socketPath()
{
    Result<QString> dir = runtimeDir();
    if (!dir)
        return dir;
    return QString(*dir + QStringLiteral("/engine.sock"));
}

QString daemonLogPath()
{
    return dataDir() + QStringLiteral("/daemon.log");
}

} // namespace chorus::paths
