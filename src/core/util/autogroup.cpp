#include "util/autogroup.h"

#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace chorus::autogroup {

bool leadsSession()
{
    return ::getsid(0) == ::getpid();
}

int setNice(int nice, const QString &file)
{
    // Decimal without a leading zero: the kernel reads "08" as octal and refuses it.
    const QByteArray text = QByteArray::number(qBound(0, nice, 19)) + '\n';
    const QByteArray path = QFile::encodeName(file);
    const int fd = ::open(path.constData(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    errno = 0;
    const ssize_t written = ::write(fd, text.constData(), size_t(text.size()));
    const int error = written == text.size() ? 0 : (errno ? errno : EIO);
    ::close(fd);
    return error;
}

int nice(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = f.readAll().trimmed();
    const qsizetype at = line.lastIndexOf(" nice ");
    bool ok = false;
    const int value = at < 0 ? -1 : line.mid(at + 6).toInt(&ok);
    return ok ? value : -1;
}

} // namespace chorus::autogroup
