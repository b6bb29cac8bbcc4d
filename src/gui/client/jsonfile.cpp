#include "client/jsonfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

namespace chorus {

bool writeJsonFile(const QString &path, const QJsonObject &object, QString *error)
{
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir)) {
        *error = QCoreApplication::translate("JsonFile", "cannot create the folder %1").arg(dir);
        return false;
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(object).toJson(QJsonDocument::Indented)) < 0 ||
        !f.commit()) {
        *error = f.errorString();
        return false;
    }
    return true;
}

} // namespace chorus
