#pragma once

#include "result.h"
#include "rpc/protocol.h"

#include <QFuture>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>

#include <functional>
#include <optional>

namespace chorus {

class RpcConnection;

// An answer that comes later (git work, a spawn's worktree): the reply's value or its error.
using LaterReply = QFuture<Result<QJsonValue>>;

// Who asked, on which connection.
struct RequestContext
{
    RpcConnection *connection = nullptr;
    rpc::Caller caller;
};

// What a method answers: a value or error now, an answer later (git work), or bad params.
struct MethodReply
{
    Result<QJsonValue> now = QJsonValue();
    std::optional<LaterReply> later;
    bool invalidParams = false; // `now` holds the error naming the field (JSON-RPC -32602)
};

// The methods the engine answers: each feature registers its own (agents, approvals, git,
// settings; later workflows, usage, messages). A method not in the table is JSON-RPC -32601.
class MethodTable
{
public:
    using Handler = std::function<MethodReply(const RequestContext &, const QJsonObject &params)>;

    void add(QLatin1String method, Handler handler)
    {
        m_methods.insert(QString(method), std::move(handler));
    }

    // A method whose params decode to Req (fromParams in protocol.h) before `fn` sees them.
    template<class Req>
    void add(QLatin1String method,
             std::function<Result<QJsonValue>(const Req &, const RequestContext &)> fn)
    {
        add(method, [method, fn = std::move(fn)](const RequestContext &ctx, const QJsonObject &p) {
            Req req;
            if (Status s = rpc::fromParams(p, method, &req); !s)
                return MethodReply{s.error(), std::nullopt, true};
            return MethodReply{fn(req, ctx), std::nullopt, false};
        });
    }
    // The same, answered when the returned future is done.
    template<class Req>
    void addLater(QLatin1String method, std::function<LaterReply(const Req &)> fn)
    {
        add(method, [method, fn = std::move(fn)](const RequestContext &, const QJsonObject &p) {
            Req req;
            if (Status s = rpc::fromParams(p, method, &req); !s)
                return MethodReply{s.error(), std::nullopt, true};
            return MethodReply{QJsonValue(), fn(req), false};
        });
    }

    const Handler *find(const QString &method) const
    {
        auto it = m_methods.constFind(method);
        return it == m_methods.constEnd() ? nullptr : &*it;
    }
    QStringList methods() const { return m_methods.keys(); }

private:
    QHash<QString, Handler> m_methods;
};

class Engine;

// The features' methods (rpc/enginemethods.cpp).
void registerAgentMethods(MethodTable &table, Engine *engine);
void registerApprovalMethods(MethodTable &table, Engine *engine);
void registerGitMethods(MethodTable &table, Engine *engine);
void registerSettingsMethods(MethodTable &table, Engine *engine);
void registerLimitMethods(MethodTable &table, Engine *engine);

} // namespace chorus
