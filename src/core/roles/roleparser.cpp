// parseRole(): one role file (YAML) into a Role, with file:line:col errors.
// yaml-cpp exceptions are caught here; none leave this file.
#include "roles/role.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <exception>
#include <sstream>
#include <vector>

namespace chorus {

namespace {
// Messages share their translation context with role.cpp.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(chorus::Role)
};

constexpr const char *kFields[] = {
    "name",         "description",     "systemPrompt",   "tools",
    "allowedTools", "disallowedTools", "permissionMode", "model",
    "maxTurns",     "mcpServers",      "color",          "icon",
};

// Counts the documents of a YAML stream without building them. YAML::LoadAll() cannot be
// used: on a stray ',' outside a flow collection, yaml-cpp (0.7, 0.8) reports an empty
// document without consuming the ',' and then the same one again, forever, and LoadAll()
// keeps a node for each until memory runs out (yaml-cpp issue #1040). A document that starts
// where the one before it started is that loop.
class DocumentCounter : public YAML::EventHandler
{
public:
    int count() const { return m_count; }
    bool stuck() const { return m_stuck; }
    YAML::Mark lastStart() const { return m_start; }

    void OnDocumentStart(const YAML::Mark &mark) override
    {
        m_stuck = m_count > 0 && mark.pos == m_start.pos;
        m_start = mark;
        ++m_count;
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark &, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t,
                  const std::string &) override
    {}
    void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t,
                         YAML::EmitterStyle::value) override
    {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t,
                    YAML::EmitterStyle::value) override
    {}
    void OnMapEnd() override {}

private:
    int m_count = 0;
    bool m_stuck = false;
    YAML::Mark m_start = YAML::Mark::null_mark();
};
// More documents than this are not counted further.
constexpr int kMaxDocuments = 100;

// Keys of an MCP server config whose values are always strings (command arguments,
// environment, HTTP headers): `args: [--port, 8080]` must not become a JSON number.
bool isStringOnlyMcpKey(const QString &key)
{
    return key == QLatin1String("args") || key == QLatin1String("env") ||
           key == QLatin1String("headers");
}

// How many YAML nodes an mcpServers block may expand to (aliases can multiply them).
constexpr int kMaxMcpNodes = 10000;

QString text(const YAML::Node &node)
{
    return QString::fromStdString(node.Scalar());
}

QString kindName(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Null:
        return Text::tr("nothing");
    case YAML::NodeType::Scalar:
        return Text::tr("the value '%1'").arg(text(node));
    case YAML::NodeType::Sequence:
        return Text::tr("a list");
    case YAML::NodeType::Map:
        return Text::tr("a mapping");
    case YAML::NodeType::Undefined:
        break;
    }
    return Text::tr("nothing");
}

// Whether a mapping has a text value under key. (operator[] on a missing key gives a node
// that throws when asked anything.)
bool hasScalar(const YAML::Node &map, const char *key)
{
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it->first.IsScalar() && it->first.Scalar() == key)
            return it->second.IsScalar();
    }
    return false;
}

// Lowercase without separators, to suggest `allowedTools` for `allowed_tools`.
QString looseKey(QString s)
{
    s = s.toLower();
    s.remove(QRegularExpression(QStringLiteral("[-_ ]")));
    return s;
}

class RoleParser
{
public:
    explicit RoleParser(const QString &fileName) : m_file(fileName) {}

    Result<Role> parse(const QByteArray &yaml);

private:
    QString where(const YAML::Mark &mark) const;
    Error errorAt(const YAML::Node &node, const QString &message, const QString &hint = {}) const
    {
        return makeError(message, where(node.Mark()), hint);
    }

    std::optional<Error> readField(const QString &key, const YAML::Node &keyNode,
                                   const YAML::Node &value, Role &role);
    std::optional<Error> readString(const QString &key, const YAML::Node &keyNode,
                                    const YAML::Node &value, QString &out);
    std::optional<Error> readList(const QString &key, const YAML::Node &keyNode,
                                  const YAML::Node &value, QStringList &out);
    std::optional<Error> readMcpServers(const YAML::Node &keyNode, const YAML::Node &value,
                                        QJsonObject &out);
    std::optional<Error> toJson(const YAML::Node &node, bool stringsOnly, QJsonValue &out);

    QString m_file;
    int m_nodeBudget = kMaxMcpNodes;
};

// "file:line:col", 1-based (yaml-cpp counts from 0); just the file without a position.
QString location(const QString &file, const YAML::Mark &mark)
{
    if (mark.is_null() || mark.line < 0)
        return file;
    return file + u':' + QString::number(mark.line + 1) + u':' + QString::number(mark.column + 1);
}

QString RoleParser::where(const YAML::Mark &mark) const
{
    return location(m_file, mark);
}

Result<Role> RoleParser::parse(const QByteArray &yaml)
{
    std::vector<YAML::Node> docs;
    try {
        const std::string text = yaml.toStdString();
        // Count the documents before building any (see DocumentCounter).
        std::istringstream in(text);
        YAML::Parser parser(in);
        DocumentCounter counter;
        while (counter.count() <= kMaxDocuments && parser.HandleNextDocument(counter)) {
            if (counter.stuck())
                return makeError(
                    Text::tr("YAML syntax error: %1").arg(QStringLiteral("unexpected ','")),
                    where(counter.lastStart()));
        }
        if (counter.count() > 1)
            return makeError(Text::tr("a role file holds one YAML document, this one has %1")
                                 .arg(counter.count() > kMaxDocuments
                                          ? QStringLiteral("more")
                                          : QString::number(counter.count())),
                             m_file, Text::tr("Put each role in a file of its own."));
        if (counter.count() == 1)
            docs.push_back(YAML::Load(text));
    } catch (const YAML::Exception &e) {
        return makeError(Text::tr("YAML syntax error: %1").arg(QString::fromStdString(e.msg)),
                         where(e.mark));
    }
    if (docs.empty() || docs.front().IsNull())
        return makeError(Text::tr("the role file is empty"), m_file,
                         Text::tr("Write at least a systemPrompt, or delete the file."));
    const YAML::Node root = docs.front();
    if (!root.IsMap())
        return errorAt(root,
                       Text::tr("a role file must be a mapping of fields (name: …, tools: […]); "
                                "found %1")
                           .arg(kindName(root)));

    Role role;
    role.source = m_file;
    QHash<QString, int> seenOnLine;
    bool hasName = false;
    for (auto it = root.begin(); it != root.end(); ++it) {
        const YAML::Node keyNode = it->first;
        const YAML::Node value = it->second;
        if (!keyNode.IsScalar())
            return errorAt(
                keyNode,
                Text::tr("a field name must be plain text, found %1").arg(kindName(keyNode)));
        const QString key = text(keyNode);
        if (const auto first = seenOnLine.constFind(key); first != seenOnLine.cend())
            return errorAt(keyNode,
                           Text::tr("the field '%1' appears twice (first on line %2)")
                               .arg(key, QString::number(*first)),
                           Text::tr("Keep only one of them."));
        seenOnLine.insert(key, keyNode.Mark().line + 1);
        if (key == QLatin1String("name"))
            hasName = true;
        if (auto error = readField(key, keyNode, value, role))
            return *error;
    }

    if (!hasName || role.name.isEmpty()) {
        role.name = QFileInfo(m_file).completeBaseName();
        if (!isValidRoleName(role.name))
            return makeError(
                Text::tr("the file name gives the role name '%1', which is not a valid "
                         "role name")
                    .arg(role.name),
                m_file,
                Text::tr("Add a field such as `name: my-role` (lowercase letters, digits, "
                         "'-' and '_', starting with a letter or digit), or rename the "
                         "file."));
    }
    return role;
}

std::optional<Error> RoleParser::readField(const QString &key, const YAML::Node &keyNode,
                                           const YAML::Node &value, Role &role)
{
    if (key == QLatin1String("name")) {
        if (auto error = readString(key, keyNode, value, role.name))
            return error;
        if (!role.name.isEmpty() && !isValidRoleName(role.name))
            return errorAt(
                keyNode, Text::tr("'%1' is not a valid role name").arg(role.name),
                Text::tr("Use lowercase letters, digits, '-' and '_', starting with a letter "
                         "or digit, at most 64 characters (e.g. `code-reviewer`)."));
        return std::nullopt;
    }
    if (key == QLatin1String("description"))
        return readString(key, keyNode, value, role.description);
    if (key == QLatin1String("systemPrompt"))
        return readString(key, keyNode, value, role.systemPrompt);
    if (key == QLatin1String("model"))
        return readString(key, keyNode, value, role.model);
    if (key == QLatin1String("tools")) {
        if (value.IsNull())
            return errorAt(
                keyNode, Text::tr("'tools' is empty"),
                Text::tr("Write `tools: []` for no built-in tools, or remove the line to get "
                         "the CLI's default set."));
        QStringList tools;
        if (auto error = readList(key, keyNode, value, tools))
            return error;
        role.tools = tools;
        return std::nullopt;
    }
    if (key == QLatin1String("allowedTools"))
        return readList(key, keyNode, value, role.allowedTools);
    if (key == QLatin1String("disallowedTools"))
        return readList(key, keyNode, value, role.disallowedTools);
    if (key == QLatin1String("permissionMode")) {
        QString name;
        if (auto error = readString(key, keyNode, value, name))
            return error;
        const auto mode = permissionModeFromName(name);
        if (!mode)
            return errorAt(
                keyNode,
                Text::tr("unknown permission mode '%1'; allowed: %2")
                    .arg(name, permissionModeNames().join(QStringLiteral(", "))),
                Text::tr("`ask` sends every request that needs approval to Chorus, `deny` "
                         "refuses them without asking."));
        role.permissionMode = *mode;
        return std::nullopt;
    }
    if (key == QLatin1String("maxTurns")) {
        if (value.IsNull())
            return std::nullopt;
        bool ok = false;
        const int n = value.IsScalar() ? text(value).toInt(&ok) : 0;
        if (!ok || n < 1)
            return errorAt(keyNode,
                           Text::tr("'maxTurns' must be a whole number of at least 1, found %1")
                               .arg(kindName(value)),
                           Text::tr("Remove the line for no limit."));
        role.maxTurns = n;
        return std::nullopt;
    }
    if (key == QLatin1String("mcpServers"))
        return readMcpServers(keyNode, value, role.mcpServers);
    if (key == QLatin1String("color")) {
        static const QRegularExpression re(QStringLiteral("\\A#[0-9a-fA-F]{6}\\z"));
        if (value.IsNull())
            return errorAt(
                keyNode, Text::tr("'color' is empty"),
                Text::tr("Quote the colour, as in `color: \"#3b82f6\"`: an unquoted # starts "
                         "a YAML comment."));
        if (auto error = readString(key, keyNode, value, role.color))
            return error;
        if (!re.match(role.color).hasMatch())
            return errorAt(
                keyNode,
                Text::tr("'color' must be #rrggbb (e.g. \"#3b82f6\"), found '%1'").arg(role.color));
        return std::nullopt;
    }
    if (key == QLatin1String("icon")) {
        if (auto error = readString(key, keyNode, value, role.icon))
            return error;
        if (!role.icon.isEmpty() && !isValidRoleName(role.icon))
            return errorAt(keyNode,
                           Text::tr("'icon' must be a short name such as `hammer` (lowercase "
                                    "letters, digits, '-' and '_'), found '%1'")
                               .arg(role.icon));
        return std::nullopt;
    }

    QStringList fields;
    QString suggestion;
    for (const char *f : kFields) {
        fields << QLatin1String(f);
        if (looseKey(key) == looseKey(QLatin1String(f)))
            suggestion = QLatin1String(f);
    }
    return errorAt(keyNode,
                   Text::tr("unknown field '%1'; allowed fields: %2")
                       .arg(key, fields.join(QStringLiteral(", "))),
                   suggestion.isEmpty() ? QString()
                                        : Text::tr("Did you mean '%1'?").arg(suggestion));
}

std::optional<Error> RoleParser::readString(const QString &key, const YAML::Node &keyNode,
                                            const YAML::Node &value, QString &out)
{
    if (value.IsNull()) {
        out.clear();
        return std::nullopt;
    }
    if (!value.IsScalar())
        return errorAt(keyNode, Text::tr("'%1' must be text, found %2").arg(key, kindName(value)),
                       Text::tr("Use `|` for text over several lines."));
    out = text(value).trimmed();
    return std::nullopt;
}

std::optional<Error> RoleParser::readList(const QString &key, const YAML::Node &keyNode,
                                          const YAML::Node &value, QStringList &out)
{
    out.clear();
    if (value.IsNull())
        return std::nullopt;
    if (!value.IsSequence())
        return errorAt(
            keyNode,
            Text::tr("'%1' must be a list of tool names, found %2").arg(key, kindName(value)),
            Text::tr("Write it as `%1: [Read, Grep]` or one `- Name` per line.").arg(key));
    for (const YAML::Node &item : value) {
        const QString name = item.IsScalar() ? text(item).trimmed() : QString();
        if (name.isEmpty())
            return errorAt(item, Text::tr("each entry of '%1' must be a tool name such as Read or "
                                          "\"Bash(git log *)\", found %2")
                                     .arg(key, kindName(item)));
        out << name;
    }
    return std::nullopt;
}

std::optional<Error> RoleParser::readMcpServers(const YAML::Node &keyNode, const YAML::Node &value,
                                                QJsonObject &out)
{
    out = {};
    if (value.IsNull())
        return std::nullopt;
    const QString example = Text::tr("Write it as `mcpServers: {name: {command: …, args: […]}}`.");
    if (!value.IsMap())
        return errorAt(keyNode,
                       Text::tr("'mcpServers' must map server names to server configurations, "
                                "found %1")
                           .arg(kindName(value)),
                       example);
    for (auto it = value.begin(); it != value.end(); ++it) {
        const YAML::Node nameNode = it->first;
        const YAML::Node config = it->second;
        const QString name = nameNode.IsScalar() ? text(nameNode).trimmed() : QString();
        if (name.isEmpty())
            return errorAt(nameNode,
                           Text::tr("an MCP server needs a name, found %1").arg(kindName(nameNode)),
                           example);
        if (!config.IsMap())
            return errorAt(nameNode,
                           Text::tr("the MCP server '%1' must be a mapping, found %2")
                               .arg(name, kindName(config)),
                           example);
        if (!hasScalar(config, "command") && !hasScalar(config, "url"))
            return errorAt(nameNode,
                           Text::tr("the MCP server '%1' needs a 'command' (a local server) "
                                    "or a 'url' (a remote one)")
                               .arg(name),
                           example);
        if (out.contains(name))
            return errorAt(nameNode, Text::tr("the MCP server '%1' appears twice").arg(name));
        QJsonValue json;
        if (auto error = toJson(config, false, json))
            return error;
        out.insert(name, json);
    }
    return std::nullopt;
}

// YAML → JSON with the YAML 1.2 core schema for plain scalars (null, true/false, numbers);
// quoted scalars, and everything under a string-only key, stay strings.
std::optional<Error> RoleParser::toJson(const YAML::Node &node, bool stringsOnly, QJsonValue &out)
{
    if (--m_nodeBudget < 0)
        return errorAt(
            node, Text::tr("'mcpServers' is too large (more than %1 values)").arg(kMaxMcpNodes));
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        out = stringsOnly ? QJsonValue(QString()) : QJsonValue(QJsonValue::Null);
        return std::nullopt;
    case YAML::NodeType::Scalar: {
        const QString s = text(node);
        out = s;
        if (stringsOnly || node.Tag() == "!")
            return std::nullopt;
        static const QRegularExpression intRe(QStringLiteral("\\A[-+]?[0-9]+\\z"));
        static const QRegularExpression floatRe(
            QStringLiteral("\\A[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?\\z"));
        bool ok = false;
        if (s == QLatin1String("true") || s == QLatin1String("True") || s == QLatin1String("TRUE"))
            out = true;
        else if (s == QLatin1String("false") || s == QLatin1String("False") ||
                 s == QLatin1String("FALSE"))
            out = false;
        else if (intRe.match(s).hasMatch()) {
            const qint64 n = s.toLongLong(&ok);
            if (ok)
                out = n;
        } else if (floatRe.match(s).hasMatch()) {
            const double d = s.toDouble(&ok);
            if (ok)
                out = d;
        }
        return std::nullopt;
    }
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const YAML::Node &item : node) {
            QJsonValue v;
            if (auto error = toJson(item, stringsOnly, v))
                return error;
            array.append(v);
        }
        out = array;
        return std::nullopt;
    }
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (!it->first.IsScalar())
                return errorAt(it->first,
                               Text::tr("a key in 'mcpServers' must be plain text, found %1")
                                   .arg(kindName(it->first)));
            const QString key = text(it->first);
            QJsonValue v;
            if (auto error = toJson(it->second, stringsOnly || isStringOnlyMcpKey(key), v))
                return error;
            object.insert(key, v);
        }
        out = object;
        return std::nullopt;
    }
    }
    return std::nullopt;
}
} // namespace

Result<Role> parseRole(const QByteArray &yaml, const QString &fileName)
{
    try {
        return RoleParser(fileName).parse(yaml);
    } catch (const YAML::Exception &e) {
        // Conversions and iteration can throw too; keep the location when there is one.
        return makeError(Text::tr("cannot read the role: %1").arg(QString::fromStdString(e.msg)),
                         location(fileName, e.mark));
    } catch (const std::exception &e) {
        return makeError(Text::tr("cannot read the role: %1").arg(QString::fromLocal8Bit(e.what())),
                         fileName);
    }
}

} // namespace chorus
