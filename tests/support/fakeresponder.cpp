#include "fakeresponder.h"

#include "fakestate.h"
#include "fakesteps.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QRegularExpression>

#include <climits>

namespace chorus::test {

namespace {

const QLatin1String kMarker("@@fake");

QString textOf(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    QStringList parts;
    const QJsonArray blocks = content.toArray();
    for (const QJsonValue &b : blocks) {
        const QJsonObject o = b.toObject();
        if (o.value(QLatin1String("type")).toString() == QLatin1String("text"))
            parts.append(o.value(QLatin1String("text")).toString());
    }
    return parts.join(u'\n');
}

QJsonArray toolResultsOf(const QJsonValue &content)
{
    QJsonArray out;
    const QJsonArray blocks = content.toArray();
    for (const QJsonValue &b : blocks) {
        const QJsonObject o = b.toObject();
        if (o.value(QLatin1String("type")).toString() != QLatin1String("tool_result"))
            continue;
        const QJsonValue c = o.value(QLatin1String("content"));
        out.append(QJsonObject{
            {QLatin1String("tool_use_id"), o.value(QLatin1String("tool_use_id"))},
            {QLatin1String("is_error"), o.value(QLatin1String("is_error")).toBool()},
            {QLatin1String("content"), (c.isString() ? c.toString() : textOf(c)).left(4000)}});
    }
    return out;
}

// The CLI also sends `"role":"system"` messages (environment, reminders) between turns.
bool hasRole(const QJsonObject &message, QLatin1String role)
{
    return message.value(QLatin1String("role")).toString() == role;
}

bool isUser(const QJsonObject &message)
{
    return hasRole(message, QLatin1String("user"));
}

// The latest message that is not a system message, or {}.
QJsonObject lastConversational(const QJsonArray &messages)
{
    for (qsizetype i = messages.size() - 1; i >= 0; --i) {
        const QJsonObject m = messages.at(i).toObject();
        if (!hasRole(m, QLatin1String("system")))
            return m;
    }
    return {};
}

// Index of the latest user message whose text contains `needle`, or -1.
qsizetype latestUserTextWith(const QJsonArray &messages, QLatin1String needle)
{
    for (qsizetype i = messages.size() - 1; i >= 0; --i) {
        const QJsonObject m = messages.at(i).toObject();
        if (isUser(m) && textOf(m.value(QLatin1String("content"))).contains(needle))
            return i;
    }
    return -1;
}

// Model calls answered after message `index`: runs of consecutive assistant messages.
int assistantTurnsAfter(const QJsonArray &messages, qsizetype index)
{
    int turns = 0;
    bool inRun = false;
    for (qsizetype i = index + 1; i < messages.size(); ++i) {
        const QJsonObject m = messages.at(i).toObject();
        if (hasRole(m, QLatin1String("system")))
            continue;
        const bool assistant = hasRole(m, QLatin1String("assistant"));
        if (assistant && !inRun)
            ++turns;
        inRun = assistant;
    }
    return turns;
}

QString systemText(const QJsonObject &body)
{
    const QJsonValue s = body.value(QLatin1String("system"));
    return s.isString() ? s.toString() : textOf(s);
}

// The CLI tells the model its cwd in a system message ("# Environment … - Primary working
// directory: /path"); older versions put it in the system prompt.
QString workingDirectory(const QJsonObject &body)
{
    static const QRegularExpression re(QStringLiteral("[Ww]orking directory: *([^\\n]+)"));
    QString haystack = systemText(body);
    const QJsonArray messages = body.value(QLatin1String("messages")).toArray();
    for (const QJsonValue &m : messages) {
        if (hasRole(m.toObject(), QLatin1String("system")))
            haystack += u'\n' + textOf(m.toObject().value(QLatin1String("content")));
    }
    const QRegularExpressionMatch m = re.match(haystack);
    return m.hasMatch() ? m.captured(1).trimmed() : QString();
}

// The step to use after it answered `served` requests at its position, or {} if exhausted.
QJsonObject resolveRepeat(QJsonObject step, int served, bool foreverByDefault)
{
    for (;;) {
        const QJsonValue t = step.value(QLatin1String("times"));
        const int times = t.isDouble() ? t.toInt() : (foreverByDefault ? INT_MAX : 1);
        if (served < times)
            return step;
        if (!step.contains(QLatin1String("then")))
            return {};
        served -= times;
        step = step.value(QLatin1String("then")).toObject();
    }
}

QJsonObject textStep(const QString &text)
{
    return {{QLatin1String("text"), text}};
}

QJsonObject slowTextStep()
{
    QStringList words;
    for (int i = 0; i < 40; ++i)
        words.append(QLatin1String("word") + QString::number(i));
    return {{QLatin1String("text"), words.join(u' ')},
            {QLatin1String("chunks"), 20},
            {QLatin1String("delay"), 0.5}};
}

QJsonObject writeFileStep(const QString &cwd)
{
    const QString path = cwd.isEmpty() ? QStringLiteral("fake-output.txt")
                                       : QDir(cwd).filePath(QStringLiteral("fake-output.txt"));
    return {{QLatin1String("tool"), QLatin1String("Write")},
            {QLatin1String("input"), QJsonObject{{QLatin1String("file_path"), path},
                                                 {QLatin1String("content"),
                                                  QLatin1String("written by the fake model\n")}}}};
}

// Why a /v1/messages request is not a main model call (so it must not consume steps), or "".
// Observed with 2.1.328: main and subagent calls always carry the tool list; compaction
// (/compact, auto-compact) sends the same tools but ends with a fixed summary instruction.
// No auxiliary call (title, classifier…) showed up in -p or stream-json runs with
// CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1; the binary knows an x-claude-code-request-class
// header (main, subagent, workflow, compaction, auxiliary, side_reply), honoured if present,
// and a call without tools cannot be an agent turn.
QString sideRequestReason(const HttpRequest &request, const QJsonObject &body)
{
    const QByteArray requestClass = request.header("x-claude-code-request-class");
    if (!requestClass.isEmpty() && requestClass != "main" && requestClass != "subagent" &&
        requestClass != "workflow")
        return QString::fromLatin1(requestClass);
    if (body.value(QLatin1String("tools")).toArray().isEmpty())
        return QStringLiteral("no_tools");
    const QJsonObject last = lastConversational(body.value(QLatin1String("messages")).toArray());
    if (isUser(last)) {
        const QString text = textOf(last.value(QLatin1String("content")));
        if (text.contains(QLatin1String("CRITICAL: Respond with TEXT ONLY")) &&
            text.contains(QLatin1String("<summary>")))
            return QStringLiteral("compaction");
    }
    return {};
}

struct Decision
{
    QJsonObject step;
    QString source; // queue, prompt, keyword, default, side
    int position = -1;
};

// Takes the next step of the queue (state locked).
bool takeQueued(FakeState &state, Decision *d)
{
    while (!state.queue.isEmpty()) {
        const QJsonObject head = state.queue.first();
        const QJsonObject step = resolveRepeat(head, state.queueHeadServed, false);
        if (step.isEmpty()) {
            state.queue.removeFirst();
            state.queueHeadServed = 0;
            continue;
        }
        if (resolveRepeat(head, ++state.queueHeadServed, false).isEmpty()) {
            state.queue.removeFirst();
            state.queueHeadServed = 0;
        }
        *d = Decision{step, QStringLiteral("queue"), -1};
        return true;
    }
    return false;
}

// A main request the queue did not answer: @@fake script, keywords, or the defaults
// (state locked).
Decision decideFromPrompt(FakeState &state, const QJsonObject &body, const QString &session)
{
    const QJsonArray messages = body.value(QLatin1String("messages")).toArray();
    const qsizetype scripted = latestUserTextWith(messages, kMarker);
    const qsizetype writeFile = latestUserTextWith(messages, QLatin1String("WRITEFILE"));
    const qsizetype slowText = latestUserTextWith(messages, QLatin1String("SLOWTEXT"));
    if (scripted >= 0) {
        const QString text =
            textOf(messages.at(scripted).toObject().value(QLatin1String("content")));
        const QString script = text.mid(text.indexOf(kMarker) + kMarker.size());
        const int k = assistantTurnsAfter(messages, scripted);
        QString error;
        const QJsonArray steps = FakeResponder::parseScript(script, &error);
        if (!error.isEmpty())
            return Decision{textStep(QLatin1String("[fake] ") + error), QStringLiteral("prompt"),
                            k};
        if (k < steps.size()) {
            // Error steps are answered again on retries: count per session, script and position.
            const QByteArray hash =
                QCryptographicHash::hash(script.toUtf8(), QCryptographicHash::Sha1).toHex();
            const QString key =
                session + u'|' + QString::fromLatin1(hash) + u'|' + QString::number(k);
            const int served = state.scriptServed.value(key);
            state.scriptServed.insert(key, served + 1);
            const QJsonObject step = resolveRepeat(steps.at(k).toObject(), served, true);
            if (!step.isEmpty())
                return Decision{step, QStringLiteral("prompt"), k};
        }
    } else if (writeFile >= 0 && assistantTurnsAfter(messages, writeFile) == 0) {
        return Decision{writeFileStep(workingDirectory(body)), QStringLiteral("keyword"), 0};
    } else if (slowText >= 0 && assistantTurnsAfter(messages, slowText) == 0) {
        return Decision{slowTextStep(), QStringLiteral("keyword"), 0};
    }
    const QJsonObject last = lastConversational(messages);
    const bool afterTools =
        isUser(last) && !toolResultsOf(last.value(QLatin1String("content"))).isEmpty();
    return Decision{textStep(afterTools ? QStringLiteral("Done.")
                                        : QStringLiteral("Hello from the fake model.")),
                    QStringLiteral("default"), -1};
}

} // namespace

QJsonArray FakeResponder::parseScript(const QString &text, QString *error)
{
    QByteArray json = text.trimmed().toUtf8();
    QJsonParseError pe;
    QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error == QJsonParseError::GarbageAtEnd) // the script may be followed by prose
        doc = QJsonDocument::fromJson(json.left(pe.offset), &pe);
    if (pe.error != QJsonParseError::NoError) {
        if (error)
            *error = QLatin1String("cannot parse the @@fake script at offset ") +
                     QString::number(pe.offset) + QLatin1String(": ") + pe.errorString();
        return {};
    }
    if (doc.isObject())
        return QJsonArray{doc.object()};
    return doc.array();
}

HttpResponse FakeResponder::respond(const HttpRequest &request, QJsonObject *logEntry)
{
    logEntry->insert(QLatin1String("method"), QString::fromLatin1(request.method));
    logEntry->insert(QLatin1String("path"), request.path);
    const qsizetype query = request.target.indexOf('?');
    if (query >= 0)
        logEntry->insert(QLatin1String("query"), QString::fromUtf8(request.target.mid(query + 1)));
    logEntry->insert(QLatin1String("time"),
                     QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    HttpResponse r;
    if (request.path.startsWith(QLatin1String("/__fake/"))) {
        logEntry->insert(QLatin1String("kind"), QLatin1String("control"));
        r = control(request, logEntry);
    } else if (request.path == QLatin1String("/v1/messages") ||
               request.path == QLatin1String("/v1/messages/count_tokens")) {
        if (request.method != "POST")
            r = errorResponse(405, QStringLiteral("invalid_request_error"),
                              QStringLiteral("fake: use POST"), {});
        else
            r = messages(request, logEntry);
    } else if (request.path == QLatin1String("/api/hello")) { // the CLI's connectivity probe
        logEntry->insert(QLatin1String("kind"), QLatin1String("probe"));
        r = HttpResponse::json(200, {{QLatin1String("message"), QLatin1String("hello")}});
    } else {
        logEntry->insert(QLatin1String("kind"), QLatin1String("unknown"));
        r = errorResponse(404, QStringLiteral("not_found_error"),
                          QLatin1String("fake: no route for ") +
                              QString::fromLatin1(request.method) + u' ' + request.path,
                          {});
    }
    logEntry->insert(QLatin1String("status"), r.sendHead ? r.status : 0);
    return r;
}

HttpResponse FakeResponder::control(const HttpRequest &request, QJsonObject *logEntry)
{
    Q_UNUSED(logEntry);
    const QString what = request.path.mid(8);
    QMutexLocker lock(&m_state.mutex);
    if (what == QLatin1String("enqueue") && request.method == "POST") {
        QString error;
        const QJsonArray steps = parseScript(QString::fromUtf8(request.body), &error);
        if (!error.isEmpty())
            return errorResponse(400, QStringLiteral("invalid_request_error"), error, {});
        for (const QJsonValue &s : steps)
            m_state.queue.append(s.toObject());
        return HttpResponse::json(200, {{QLatin1String("ok"), true},
                                        {QLatin1String("queued"), int(m_state.queue.size())}});
    }
    if (what == QLatin1String("reset") && request.method == "POST") {
        m_state.resetLocked();
        return HttpResponse::json(200, {{QLatin1String("ok"), true}});
    }
    if (what == QLatin1String("queue") && request.method == "GET") {
        QJsonArray queue;
        for (const QJsonObject &s : std::as_const(m_state.queue))
            queue.append(s);
        return HttpResponse::json(200, {{QLatin1String("queue"), queue},
                                        {QLatin1String("head_served"), m_state.queueHeadServed}});
    }
    if (what == QLatin1String("log") && request.method == "GET") {
        return HttpResponse::json(200,
                                  {{QLatin1String("log"), m_state.log},
                                   {QLatin1String("message_requests"), m_state.messageRequests},
                                   {QLatin1String("main_requests"), m_state.mainRequests}});
    }
    return errorResponse(404, QStringLiteral("not_found_error"),
                         QLatin1String("fake: no control endpoint ") +
                             QString::fromLatin1(request.method) + u' ' + request.path,
                         {});
}

HttpResponse FakeResponder::messages(const HttpRequest &request, QJsonObject *logEntry)
{
    QJsonParseError pe;
    const QJsonObject body = QJsonDocument::fromJson(request.body, &pe).object();
    const bool countTokens = request.path.endsWith(QLatin1String("/count_tokens"));
    const QJsonArray messages = body.value(QLatin1String("messages")).toArray();
    const QJsonArray tools = body.value(QLatin1String("tools")).toArray();
    const QString model = body.value(QLatin1String("model")).toString();
    const bool stream = body.value(QLatin1String("stream")).toBool();
    const QString sideReason = countTokens ? QString() : sideRequestReason(request, body);
    const bool main = !countTokens && sideReason.isEmpty();
    const QString session = QString::fromUtf8(request.header("x-claude-code-session-id"));

    QJsonObject summary{{QLatin1String("model"), model},
                        {QLatin1String("stream"), stream},
                        {QLatin1String("max_tokens"), body.value(QLatin1String("max_tokens"))},
                        {QLatin1String("messages"), int(messages.size())},
                        {QLatin1String("tools"), int(tools.size())},
                        {QLatin1String("system_chars"), int(systemText(body).size())},
                        {QLatin1String("session_id"), session},
                        {QLatin1String("retry_count"),
                         QString::fromLatin1(request.header("x-stainless-retry-count"))}};
    const QJsonObject last = lastConversational(messages);
    const QJsonArray lastToolResults = toolResultsOf(last.value(QLatin1String("content")));
    QString roles;
    for (const QJsonValue &m : messages)
        roles += m.toObject().value(QLatin1String("role")).toString().left(1);
    summary.insert(QLatin1String("roles"), roles); // e.g. "usaua": user, system, assistant…
    summary.insert(QLatin1String("last_role"), last.value(QLatin1String("role")));
    summary.insert(QLatin1String("last_text"),
                   textOf(last.value(QLatin1String("content"))).left(4000));
    summary.insert(QLatin1String("tool_results"), lastToolResults);
    if (pe.error != QJsonParseError::NoError)
        summary.insert(QLatin1String("parse_error"), pe.errorString());
    logEntry->insert(QLatin1String("kind"),
                     countTokens ? QLatin1String("count_tokens")
                                 : (main ? QLatin1String("main") : QLatin1String("side")));
    if (!sideReason.isEmpty())
        logEntry->insert(QLatin1String("side_reason"), sideReason);
    logEntry->insert(QLatin1String("body"), summary);

    QMutexLocker lock(&m_state.mutex);
    const int n = ++m_state.nextMessage;
    StepContext ctx;
    ctx.model = model;
    ctx.stream = stream;
    ctx.messageId = "msg_fake_" + QByteArray::number(m_state.port) + '_' + QByteArray::number(n);
    ctx.requestId = "req_fake_" + QByteArray::number(m_state.port) + '_' + QByteArray::number(n);
    if (!m_state.dumpDir.isEmpty()) {
        QFile dump(QDir(m_state.dumpDir)
                       .filePath(QString::number(n) + u'-' +
                                 logEntry->value(QLatin1String("kind")).toString() +
                                 QLatin1String(".json")));
        if (dump.open(QIODevice::WriteOnly))
            dump.write(request.body);
    }
    if (countTokens) {
        const int tokens = std::max(1, int(request.body.size() / 4));
        return HttpResponse::json(200, {{QLatin1String("input_tokens"), tokens}});
    }
    ++m_state.messageRequests;
    if (pe.error != QJsonParseError::NoError)
        return errorResponse(400, QStringLiteral("invalid_request_error"),
                             QLatin1String("fake: request body is not JSON: ") + pe.errorString(),
                             ctx.requestId);

    Decision d;
    if (!main) {
        d = Decision{
            textStep(sideReason == QLatin1String("compaction")
                         ? QStringLiteral("<analysis>Fake analysis.</analysis>\n"
                                          "<summary>Fake summary of the conversation.</summary>")
                         : QStringLiteral("Fake side answer.")),
            QStringLiteral("side"), -1};
    } else if (!takeQueued(m_state, &d)) {
        d = decideFromPrompt(m_state, body, session);
    }
    if (main)
        ++m_state.mainRequests;
    logEntry->insert(QLatin1String("source"), d.source);
    if (d.position >= 0)
        logEntry->insert(QLatin1String("position"), d.position);
    logEntry->insert(QLatin1String("step"), d.step);
    logEntry->insert(QLatin1String("message_id"), QString::fromLatin1(ctx.messageId));
    return renderStep(d.step, ctx);
}

} // namespace chorus::test
