#pragma once

#include "fakehttp.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>

#include <memory>

class QTcpServer;
class QTcpSocket;

namespace chorus::test {

struct FakeState;

// The HTTP/1.1 side of the fake; lives in the FakeApi's server thread.
class FakeServer : public QObject
{
    Q_OBJECT
public:
    explicit FakeServer(std::shared_ptr<FakeState> state);

    bool listen(quint16 port, QString *error);
    void shutdown(); // closes the listener and every connection

Q_SIGNALS:
    void logged(const QJsonObject &entry);

private:
    void acceptConnections();

    std::shared_ptr<FakeState> m_state;
    QTcpServer *m_tcp = nullptr;
};

// One client connection: parses requests (keep-alive, Content-Length or chunked bodies) and
// plays the responses, with their delays, one request at a time.
class FakeConnection : public QObject
{
    Q_OBJECT
public:
    FakeConnection(QTcpSocket *socket, std::shared_ptr<FakeState> state, FakeServer *server);

private:
    struct Op
    {
        enum class Kind { Head, Data, Finish };
        Kind kind;
        int delayMs = 0;
        QByteArray data;
    };

    void readRequests();
    bool parseHead(qsizetype end);
    bool takeBody(QByteArray *body); // false while the body is incomplete
    void dispatch(HttpRequest request);
    void play();
    void finishExchange();
    void drop(bool abort);

    std::shared_ptr<FakeState> m_state;
    FakeServer *m_server;
    QTcpSocket *m_socket;
    QByteArray m_in;
    bool m_haveHead = false;
    HttpRequest m_request;
    bool m_busy = false; // a response is being played
    bool m_closeAfter = false;
    bool m_headOnly = false; // answering a HEAD request
    HttpResponse m_response;
    QList<Op> m_ops;
    qsizetype m_op = 0;
    bool m_waited = false;
    bool m_dropped = false;
};

} // namespace chorus::test
