#pragma once

// What the benchmarks read of a process from /proc.
#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

#include <unistd.h>

namespace chorus::bench {

// The first number of a "Name: value ..." line of a /proc file (status: kB; io: bytes);
// -1 when the file or the field is not there.
inline qint64 procField(const QString &file, const char *field)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// A field of this process's /proc/self/status, in kB (VmRSS, VmHWM).
inline long procStatusKb(const char *field)
{
    return long(procField(QStringLiteral("/proc/self/status"), field));
}

// utime + stime of a process, in seconds; -1 when it cannot be read.
inline double cpuSeconds(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ": state is field 0, utime field 11, stime field 12.
    return (fields.value(11).toDouble() + fields.value(12).toDouble()) /
           double(sysconf(_SC_CLK_TCK));
}

} // namespace chorus::bench
