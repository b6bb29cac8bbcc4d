#include "paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
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

namespace {
struct PathText
{
    Q_DECLARE_TR_FUNCTIONS(chorus::paths)
};
} // namespace

Status makePrivateDir(const QString &dir, const QStringList &files, bool tightenDir)
{
    const QByteArray native = QFile::encodeName(dir);
    auto reason = [] { return QString::fromLocal8Bit(std::strerror(errno)); };
    if (!QFileInfo(dir).isDir()) {
        const QString parent = QFileInfo(dir).absolutePath();
        if (!QDir().mkpath(parent) || (::mkdir(native.constData(), 0700) != 0 && errno != EEXIST)) {
            QString why = reason();
            QFileInfo ancestor(dir); // mkpath's errno says little when a file is in the way
            while (!ancestor.exists() && !ancestor.isRoot())
                ancestor.setFile(ancestor.absolutePath());
            if (ancestor.exists() && !ancestor.isDir())
                why = PathText::tr("%1 is a file, not a folder").arg(ancestor.filePath());
            return makeError(
                PathText::tr("cannot create the folder: %1").arg(why), dir,
                PathText::tr("Check that %1 is a folder you can write to, or set CHORUS_DATA_DIR "
                             "to another folder.")
                    .arg(parent));
        }
    }
    struct stat st;
    if (::stat(native.constData(), &st) != 0 || !S_ISDIR(st.st_mode))
        return makeError(PathText::tr("this is not a folder"), dir,
                         PathText::tr("Move it aside, or set CHORUS_DATA_DIR to another folder."));
    if (tightenDir && (st.st_mode & 0077) != 0 && st.st_uid == ::geteuid() &&
        ::chmod(native.constData(), 0700) != 0) {
        const QString why = reason();
        return makeError(PathText::tr("cannot make the folder private (0700): %1").arg(why), dir,
                         PathText::tr("Run chmod 700 on it."));
    }
    for (const QString &name : files) {
        const QByteArray file = QFile::encodeName(dir + QLatin1Char('/') + name);
        if (::lstat(file.constData(), &st) == 0 && S_ISREG(st.st_mode) &&
            (st.st_mode & 0077) != 0 && st.st_uid == ::geteuid() &&
            ::chmod(file.constData(), 0600) != 0) {
            const QString why = reason();
            return makeError(PathText::tr("cannot make the file private (0600): %1").arg(why),
                             QFile::decodeName(file), PathText::tr("Run chmod 600 on it."));
        }
    }
    return Ok{};
}

Status makeDataDirPrivate()
{
    return makePrivateDir(dataDir(),
                          {QStringLiteral("chorus.db"), QStringLiteral("chorus.db-wal"),
                           QStringLiteral("chorus.db-shm"), QStringLiteral("daemon.log")});
}

} // namespace chorus::paths
