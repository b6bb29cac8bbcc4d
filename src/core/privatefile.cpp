#include "privatefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace chorus {

Status writePrivateFile(const QString &path, const QByteArray &data)
{
    const QString dir = QFileInfo(path).absolutePath();
    if (!QFileInfo(dir).isDir()) {
        if (!QDir().mkpath(dir))
            return makeError(
                QCoreApplication::translate("chorus", "cannot create the folder"), dir,
                QCoreApplication::translate("chorus", "Check its permissions and free space."));
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                       QFileDevice::ExeOwner);
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) ||
        !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        f.write(data) != data.size() || !f.commit())
        return makeError(
            QCoreApplication::translate("chorus", "cannot write the file: %1").arg(f.errorString()),
            path,
            QCoreApplication::translate("chorus",
                                        "Check the folder's permissions and free space."));
    return Ok{};
}

} // namespace chorus
