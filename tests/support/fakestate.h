#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QString>

namespace chorus::test {

// State shared by the FakeApi facade (test thread) and the server thread. Every field is
// guarded by `mutex`.
struct FakeState
{
    mutable QMutex mutex;
    quint16 port = 0;

    QList<QJsonObject> queue;         // enqueued steps; the head may repeat ("times")
    int queueHeadServed = 0;          // how many requests the head has answered so far
    QHash<QString, int> scriptServed; // "<session>|<prompt hash>|<k>" -> times answered

    QJsonArray log;
    int messageRequests = 0;
    int mainRequests = 0;
    int nextMessage = 0;
    int nextRequest = 0;
    QString dumpDir;

    void resetLocked()
    {
        queue.clear();
        queueHeadServed = 0;
        scriptServed.clear();
        log = QJsonArray();
        messageRequests = 0;
        mainRequests = 0;
    }
};

} // namespace chorus::test
