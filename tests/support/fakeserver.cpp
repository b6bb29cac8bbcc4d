#include "fakeserver.h"

#include "fakeresponder.h"
#include "fakestate.h"

#include <QMutexLocker>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

namespace chorus::test {

namespace {

constexpr qsizetype kMaxHeadBytes = 256 * 1024;
constexpr qsizetype kMaxBodyBytes = 512 * 1024 * 1024;
constexpr qsizetype kMaxLogEntries = 20000;

enum class BodyState { Incomplete, Complete, Bad };

// Decodes a complete chunked body at the start of `in`; removes it from `in`.
BodyState takeChunked(QByteArray &in, QByteArray *body)
{
    QByteArray out;
    qsizetype pos = 0;
    for (;;) {
        const qsizetype eol = in.indexOf("\r\n", pos);
        if (eol < 0)
            return in.size() - pos > 1024 ? BodyState::Bad : BodyState::Incomplete;
        QByteArray sizeLine = in.mid(pos, eol - pos);
        const qsizetype semicolon = sizeLine.indexOf(';');
        if (semicolon >= 0)
            sizeLine.truncate(semicolon);
        bool ok = false;
        const qlonglong size = sizeLine.trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0 || size > kMaxBodyBytes || out.size() + size > kMaxBodyBytes)
            return BodyState::Bad;
        pos = eol + 2;
        if (size == 0) { // optional trailers, then an empty line
            for (;;) {
                const qsizetype end = in.indexOf("\r\n", pos);
                if (end < 0)
                    return BodyState::Incomplete;
                const bool empty = end == pos;
                pos = end + 2;
                if (empty)
                    break;
            }
            in.remove(0, pos);
            *body = out;
            return BodyState::Complete;
        }
        if (in.size() < pos + size + 2)
            return BodyState::Incomplete;
        out += in.mid(pos, size);
        pos += size + 2;
    }
}

QByteArray chunk(const QByteArray &data)
{
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

} // namespace

FakeServer::FakeServer(std::shared_ptr<FakeState> state) : m_state(std::move(state)) {}

bool FakeServer::listen(quint16 port, QString *error)
{
    if (!m_tcp) {
        m_tcp = new QTcpServer(this);
        connect(m_tcp, &QTcpServer::newConnection, this, &FakeServer::acceptConnections);
    }
    if (!m_tcp->listen(QHostAddress::LocalHost, port)) {
        if (error)
            *error = QLatin1String("fake API: cannot listen on 127.0.0.1:") +
                     QString::number(port) + QLatin1String(": ") + m_tcp->errorString();
        return false;
    }
    QMutexLocker lock(&m_state->mutex);
    m_state->port = m_tcp->serverPort();
    return true;
}

void FakeServer::shutdown()
{
    if (m_tcp)
        m_tcp->close();
    qDeleteAll(findChildren<FakeConnection *>(Qt::FindDirectChildrenOnly));
}

void FakeServer::acceptConnections()
{
    while (QTcpSocket *socket = m_tcp->nextPendingConnection())
        new FakeConnection(socket, m_state, this);
}

FakeConnection::FakeConnection(QTcpSocket *socket, std::shared_ptr<FakeState> state,
                               FakeServer *server)
    : QObject(server), m_state(std::move(state)), m_server(server), m_socket(socket)
{
    socket->setParent(this);
    connect(socket, &QTcpSocket::readyRead, this, &FakeConnection::readRequests);
    connect(socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    if (socket->state() != QAbstractSocket::ConnectedState)
        deleteLater();
    else
        readRequests();
}

void FakeConnection::readRequests()
{
    m_in += m_socket->readAll();
    while (!m_busy && !m_dropped) {
        if (!m_haveHead) {
            const qsizetype end = m_in.indexOf("\r\n\r\n");
            if (end < 0) {
                if (m_in.size() > kMaxHeadBytes)
                    drop(true);
                return;
            }
            if (!parseHead(end))
                return;
        }
        QByteArray body;
        const bool chunked = m_request.header("transfer-encoding").toLower().contains("chunked");
        if (chunked) {
            const BodyState s = takeChunked(m_in, &body);
            if (s == BodyState::Incomplete)
                return;
            if (s == BodyState::Bad) {
                drop(true);
                return;
            }
        } else {
            bool ok = true;
            const QByteArray lengthHeader = m_request.header("content-length");
            const qlonglong length =
                lengthHeader.isEmpty() ? 0 : lengthHeader.trimmed().toLongLong(&ok);
            if (!ok || length < 0 || length > kMaxBodyBytes) {
                drop(true);
                return;
            }
            if (m_in.size() < length)
                return;
            body = m_in.left(length);
            m_in.remove(0, length);
        }
        HttpRequest request = std::move(m_request);
        request.body = std::move(body);
        m_request = HttpRequest();
        m_haveHead = false;
        dispatch(std::move(request));
    }
}

bool FakeConnection::parseHead(qsizetype end)
{
    const QList<QByteArray> lines = m_in.left(end).split('\n');
    m_in.remove(0, end + 4);
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
        drop(true);
        return false;
    }
    m_request = HttpRequest();
    m_request.method = requestLine.at(0);
    m_request.target = requestLine.at(1);
    const qsizetype query = m_request.target.indexOf('?');
    m_request.path = QString::fromUtf8(query < 0 ? m_request.target : m_request.target.left(query));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        m_request.headers.insert(line.left(colon).trimmed().toLower(),
                                 line.mid(colon + 1).trimmed());
    }
    const QByteArray connection = m_request.header("connection").toLower();
    m_closeAfter = connection.contains("close") ||
                   (requestLine.at(2) == "HTTP/1.0" && !connection.contains("keep-alive"));
    if (m_request.header("expect").toLower() == "100-continue")
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    m_haveHead = true;
    return true;
}

void FakeConnection::dispatch(HttpRequest request)
{
    QJsonObject entry;
    FakeResponder responder(*m_state);
    m_response = responder.respond(request, &entry);
    QJsonObject headers;
    for (auto it = request.headers.cbegin(); it != request.headers.cend(); ++it) {
        if (it.key() != "authorization" && it.key() != "x-api-key")
            headers.insert(QString::fromLatin1(it.key()), QString::fromLatin1(it.value()));
    }
    entry.insert(QLatin1String("headers"), headers);
    // How the client authenticated, without the secret: "x-api-key", "bearer" or "none".
    const char *auth = request.headers.contains("x-api-key") ? "x-api-key"
                       : request.header("authorization").toLower().startsWith("bearer ") ? "bearer"
                                                                                         : "none";
    entry.insert(QLatin1String("auth"), QLatin1String(auth));
    {
        QMutexLocker lock(&m_state->mutex);
        m_state->log.append(entry);
        while (m_state->log.size() > kMaxLogEntries)
            m_state->log.removeFirst();
    }
    Q_EMIT m_server->logged(entry);

    const HttpResponse &r = m_response;
    const bool headOnly = request.method == "HEAD";
    m_headOnly = headOnly;
    m_ops.clear();
    m_op = 0;
    m_waited = false;
    if (r.sendHead) {
        QByteArray head = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' +
                          HttpResponse::reasonPhrase(r.status) + "\r\n";
        for (const auto &h : r.headers)
            head += h.first + ": " + h.second + "\r\n";
        bool closing = m_closeAfter;
        switch (r.framing) {
        case HttpResponse::Framing::ContentLength: {
            qsizetype total = r.contentLength;
            if (total < 0) {
                total = 0;
                for (const auto &p : r.parts)
                    total += p.data.size();
            }
            head += "content-length: " + QByteArray::number(total) + "\r\n";
            break;
        }
        case HttpResponse::Framing::Chunked:
            head += "transfer-encoding: chunked\r\n";
            break;
        case HttpResponse::Framing::UntilClose:
            closing = true;
            break;
        }
        head += closing ? "connection: close\r\n\r\n" : "connection: keep-alive\r\n\r\n";
        m_ops.append(Op{Op::Kind::Head, r.headDelayMs, head});
        for (const auto &p : r.parts) {
            if (headOnly) // HEAD: announce the length, send no body
                break;
            if (p.data.isEmpty())
                continue;
            m_ops.append(Op{Op::Kind::Data, p.delayMs,
                            r.framing == HttpResponse::Framing::Chunked ? chunk(p.data) : p.data});
        }
        m_ops.append(Op{Op::Kind::Finish, r.endDelayMs, {}});
    } else {
        m_ops.append(Op{Op::Kind::Finish, r.headDelayMs + r.endDelayMs, {}});
    }
    m_busy = true;
    play();
}

void FakeConnection::play()
{
    while (m_op < m_ops.size() && !m_dropped) {
        const Op op = m_ops.at(m_op);
        if (op.delayMs > 0 && !m_waited) {
            m_waited = true;
            QTimer::singleShot(op.delayMs, this, &FakeConnection::play);
            return;
        }
        m_waited = false;
        ++m_op;
        if (op.kind == Op::Kind::Finish) {
            finishExchange();
            return;
        }
        m_socket->write(op.data);
    }
}

void FakeConnection::finishExchange()
{
    const HttpResponse &r = m_response;
    switch (r.ending) {
    case HttpResponse::Ending::Complete:
        if (r.framing == HttpResponse::Framing::Chunked && r.sendHead && !m_headOnly)
            m_socket->write("0\r\n\r\n");
        if (!r.sendHead || m_closeAfter || r.framing == HttpResponse::Framing::UntilClose) {
            drop(false);
            return;
        }
        break;
    case HttpResponse::Ending::Close:
        drop(false);
        return;
    case HttpResponse::Ending::Abort:
        drop(true);
        return;
    }
    m_busy = false;
    m_response = HttpResponse();
    // Let the next request (pipelined or keep-alive) run from the event loop, not recursively.
    QTimer::singleShot(0, this, &FakeConnection::readRequests);
}

void FakeConnection::drop(bool abort)
{
    if (m_dropped)
        return;
    m_dropped = true;
    if (abort) {
        // SO_LINGER 0 turns the close into a TCP reset, like a crashed proxy.
        const struct linger lingerOption
        {
            1, 0
        };
        ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &lingerOption,
                     sizeof lingerOption);
        m_socket->abort();
        deleteLater();
        return;
    }
    m_socket->disconnectFromHost();
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        deleteLater();
}

} // namespace chorus::test
