#include "agent/claudecommand.h"
#include "roles/role.h"
#include "roles/rolecatalog.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <sys/types.h>

using namespace chorus;

namespace {
QStringList list(std::initializer_list<const char *> items)
{
    QStringList l;
    for (const char *s : items)
        l << QString::fromUtf8(s);
    return l;
}

void writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(f.errorString()));
    QCOMPARE(f.write(content), content.size());
}

Role parseOk(const QByteArray &yaml, const QString &file = QStringLiteral("test.yml"))
{
    const Result<Role> r = parseRole(yaml, file);
    if (!r) {
        qWarning("%s", qPrintable(r.error().toString()));
        return Role{};
    }
    return r.value();
}
} // namespace

class TestRoles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void builtIns_data();
    void builtIns();
    void builtInsDistinct();
    void builtInCliArguments();
    void cliArguments_data();
    void cliArguments();
    void mcpConfigJson();
    void defaultNameFromFile();
    void toJson();
    void parseErrors_data();
    void parseErrors();
    void hostileInputDoesNotThrow_data();
    void hostileInputDoesNotThrow();
    void userOverridesBuiltIn();
    void laterDirectoryWins();
    void brokenUserFilesDoNotHideOthers();
    void duplicateNameInOneDirectory();
    void nonRegularFilesAreErrors();
    void oversizedFileIsAnError();
    void standardUserDirectory();
    void bypassAsRoot_data();
    void bypassAsRoot();
    void canEditFiles_data();
    void canEditFiles();
};

void TestRoles::initTestCase()
{
    // The standard user directory must not be the developer's real one.
    QStandardPaths::setTestModeEnabled(true);
    QDir(RoleCatalog::userRolesDir()).removeRecursively();
}

void TestRoles::builtIns_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("tools");
    QTest::addColumn<QStringList>("allowedTools");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("icon");
    QTest::addColumn<QString>("promptWord"); // something the role's job needs said

    QTest::newRow("architect") << QStringLiteral("architect")
                               << list({"Read", "Grep", "Glob", "Write", "WebSearch"})
                               << list({"Read", "Grep", "Glob", "WebSearch"})
                               << int(PermissionMode::Ask) << QStringLiteral("compass")
                               << QStringLiteral("design document");
    QTest::newRow("builder") << QStringLiteral("builder")
                             << list({"Read", "Write", "Edit", "Bash", "Grep", "Glob"})
                             << list({"Bash"}) << int(PermissionMode::AcceptEdits)
                             << QStringLiteral("hammer") << QStringLiteral("run the tests");
    QTest::newRow("validator") << QStringLiteral("validator")
                               << list({"Read", "Grep", "Glob", "Bash", "Write"}) << list({"Bash"})
                               << int(PermissionMode::AcceptEdits) << QStringLiteral("shield-check")
                               << QStringLiteral("Do not rewrite or fix");
    QTest::newRow("scribe") << QStringLiteral("scribe")
                            << list({"Read", "Grep", "Glob", "Write", "Edit"}) << QStringList()
                            << int(PermissionMode::AcceptEdits) << QStringLiteral("feather")
                            << QStringLiteral("Changelog");
    QTest::newRow("resolver") << QStringLiteral("resolver")
                              << list({"Read", "Write", "Edit", "Bash", "Grep", "Glob"}) << list({"Bash"})
                              << int(PermissionMode::AcceptEdits) << QStringLiteral("merge")
                              << QStringLiteral("conflict markers");
}

void TestRoles::builtIns()
{
    QFETCH(QString, name);
    QFETCH(QStringList, tools);
    QFETCH(QStringList, allowedTools);
    QFETCH(int, mode);
    QFETCH(QString, icon);
    QFETCH(QString, promptWord);

    RoleCatalog catalog;
    catalog.load(QStringList());
    QVERIFY2(catalog.errors().isEmpty(), qPrintable(catalog.errors().value(0).toString()));
    QCOMPARE(catalog.names(), list({"architect", "builder", "resolver", "scribe", "validator"}));

    const Role *role = catalog.find(name);
    QVERIFY(role);
    QCOMPARE(role->name, name);
    QCOMPARE(role->source, QStringLiteral(":/roles/%1.yml").arg(name));
    QVERIFY(role->isBuiltIn());
    QVERIFY(role->tools.has_value());
    QCOMPARE(*role->tools, tools);
    QCOMPARE(role->allowedTools, allowedTools);
    QCOMPARE(role->disallowedTools, QStringList());
    QCOMPARE(int(role->permissionMode), mode);
    QVERIFY(role->permissionMode != PermissionMode::BypassPermissions);
    QCOMPARE(role->model, QString());
    QCOMPARE(role->maxTurns, 0);
    QVERIFY(role->mcpServers.isEmpty());
    QCOMPARE(role->icon, icon);
    QVERIFY2(QRegularExpression(QStringLiteral("\\A#[0-9a-f]{6}\\z")).match(role->color).hasMatch(),
             qPrintable(role->color));
    QVERIFY(!role->description.isEmpty());
    QVERIFY(!role->description.endsWith(u'\n'));
    QVERIFY2(role->systemPrompt.contains(promptWord), qPrintable(role->systemPrompt));
    QVERIFY(role->systemPrompt.size() > 300);
}

void TestRoles::builtInsDistinct()
{
    RoleCatalog catalog;
    catalog.load(QStringList());
    QCOMPARE(catalog.roles().size(), 5);
    QSet<QString> colors, icons;
    for (const Role &role : catalog.roles()) {
        colors.insert(role.color);
        icons.insert(role.icon);
    }
    QCOMPARE(colors.size(), 5);
    QCOMPARE(icons.size(), 5);
    QVERIFY(!catalog.find(QStringLiteral("nobody")));
}

void TestRoles::builtInCliArguments()
{
    RoleCatalog catalog;
    catalog.load(QStringList());
    const Role *builder = catalog.find(QStringLiteral("builder"));
    QVERIFY(builder);
    QCOMPARE(
        chorus::cliArguments(*builder, QString()),
        QStringList({QStringLiteral("--tools"), QStringLiteral("Read,Write,Edit,Bash,Grep,Glob"),
                     QStringLiteral("--allowedTools"), QStringLiteral("Bash"),
                     QStringLiteral("--permission-mode"), QStringLiteral("acceptEdits"),
                     QStringLiteral("--permission-prompt-tool"), QStringLiteral("stdio"),
                     QStringLiteral("--append-system-prompt"), builder->systemPrompt}));
}

void TestRoles::cliArguments_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("modelOverride");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("ask") << QByteArray("permissionMode: ask\n") << QString()
                         << list({"--permission-mode", "default", "--permission-prompt-tool",
                                  "stdio"});
    QTest::newRow("no mode = ask")
        << QByteArray("description: d\n") << QString()
        << list({"--permission-mode", "default", "--permission-prompt-tool", "stdio"});
    QTest::newRow("acceptEdits") << QByteArray("permissionMode: acceptEdits\n") << QString()
                                 << list({"--permission-mode", "acceptEdits",
                                          "--permission-prompt-tool", "stdio"});
    QTest::newRow("plan") << QByteArray("permissionMode: plan\n") << QString()
                          << list({"--permission-mode", "plan", "--permission-prompt-tool",
                                   "stdio"});
    QTest::newRow("deny") << QByteArray("permissionMode: deny\n") << QString()
                          << list({"--permission-mode", "dontAsk"});
    QTest::newRow("bypass") << QByteArray("permissionMode: bypassPermissions\n") << QString()
                            << list({"--permission-mode", "bypassPermissions"});
    QTest::newRow("no built-in tools")
        << QByteArray("tools: []\npermissionMode: deny\n") << QString()
        << list({"--tools", "", "--permission-mode", "dontAsk"});
    QTest::newRow("everything")
        << QByteArray("tools: [Read, Bash]\n"
                      "allowedTools: [Read, \"Bash(git log *)\"]\n"
                      "disallowedTools:\n  - \"Bash(rm *)\"\n  - WebFetch\n"
                      "permissionMode: deny\n"
                      "model: sonnet\n"
                      "maxTurns: 12\n"
                      "systemPrompt: |\n  Line one.\n  Line \"two\"; $(not a shell)\n")
        << QString()
        << list({"--tools", "Read,Bash", "--allowedTools", "Read,Bash(git log *)",
                 "--disallowedTools", "Bash(rm *),WebFetch", "--permission-mode", "dontAsk",
                 "--model", "sonnet", "--max-turns", "12", "--append-system-prompt",
                 "Line one.\nLine \"two\"; $(not a shell)"});
    QTest::newRow("model override")
        << QByteArray("model: sonnet\npermissionMode: deny\n") << QStringLiteral("opus")
        << list({"--permission-mode", "dontAsk", "--model", "opus"});
    QTest::newRow("override without role model")
        << QByteArray("permissionMode: plan\n") << QStringLiteral("haiku")
        << list({"--permission-mode", "plan", "--permission-prompt-tool", "stdio", "--model",
                 "haiku"});
    QTest::newRow("mcp")
        << QByteArray("permissionMode: deny\nmcpServers:\n  files:\n    command: fs-server\n")
        << QString()
        << list({"--permission-mode", "dontAsk", "--mcp-config",
                 R"({"mcpServers":{"files":{"command":"fs-server"}}})", "--strict-mcp-config"});
}

void TestRoles::cliArguments()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, modelOverride);
    QFETCH(QStringList, expected);
    const Result<Role> role = parseRole(yaml, QStringLiteral("r.yml"));
    QVERIFY2(role.ok(), qPrintable(role.error().toString()));
    const QStringList args = chorus::cliArguments(*role, modelOverride);
    QCOMPARE(args, expected);
    // Modes that nobody is asked in must not get the prompt tool.
    const bool asks = role->permissionMode != PermissionMode::Deny &&
                      role->permissionMode != PermissionMode::BypassPermissions;
    QCOMPARE(args.contains(QStringLiteral("--permission-prompt-tool")), asks);
}

void TestRoles::mcpConfigJson()
{
    const Role role = parseOk("mcpServers:\n"
                              "  files:\n"
                              "    command: npx\n"
                              "    args: [-y, server, --port, 8080, true]\n"
                              "    env: {DEBUG: 1, EMPTY: }\n"
                              "    timeout: 5000\n"
                              "    enabled: true\n"
                              "    label: \"42\"\n"
                              "  web:\n"
                              "    type: http\n"
                              "    url: https://example.invalid/mcp\n"
                              "    headers: {X-Retry: 3}\n");
    QCOMPARE(role.mcpServers.size(), 2);
    const QStringList args = chorus::cliArguments(role);
    const qsizetype i = args.indexOf(QStringLiteral("--mcp-config"));
    QVERIFY(i >= 0);
    QCOMPARE(args.value(i + 2), QStringLiteral("--strict-mcp-config"));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(args.value(i + 1).toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject expected = QJsonDocument::fromJson(R"({"mcpServers":{
        "files":{"command":"npx","args":["-y","server","--port","8080","true"],
                 "env":{"DEBUG":"1","EMPTY":""},"timeout":5000,"enabled":true,"label":"42"},
        "web":{"type":"http","url":"https://example.invalid/mcp","headers":{"X-Retry":"3"}}}})")
                                     .object();
    QCOMPARE(doc.object(), expected);
}

void TestRoles::defaultNameFromFile()
{
    const Role role = parseOk("description: Reviews code.\n", QStringLiteral("/x/code-review.yml"));
    QCOMPARE(role.name, QStringLiteral("code-review"));
    QCOMPARE(role.source, QStringLiteral("/x/code-review.yml"));
    QCOMPARE(role.description, QStringLiteral("Reviews code."));
    QVERIFY(!role.tools.has_value());
    QCOMPARE(role.permissionMode, PermissionMode::Ask);
    QVERIFY(!role.isBuiltIn());

    // An explicit name wins over the file name.
    QCOMPARE(parseOk("name: other\n", QStringLiteral("/x/code-review.yml")).name,
             QStringLiteral("other"));
}

void TestRoles::toJson()
{
    const Role role = parseOk("name: r\ndescription: d\nsystemPrompt: p\ntools: [Read]\n"
                              "allowedTools: [Read]\ndisallowedTools: [Bash]\n"
                              "permissionMode: plan\nmodel: m\nmaxTurns: 3\n"
                              "mcpServers: {s: {command: c}}\ncolor: \"#A0b1c2\"\nicon: star\n",
                              QStringLiteral("/d/r.yml"));
    const QJsonObject expected = QJsonDocument::fromJson(R"({
        "name":"r","description":"d","systemPrompt":"p","tools":["Read"],
        "allowedTools":["Read"],"disallowedTools":["Bash"],"permissionMode":"plan","model":"m",
        "maxTurns":3,"mcpServers":{"s":{"command":"c"}},"color":"#A0b1c2","icon":"star",
        "source":"/d/r.yml"})")
                                     .object();
    QCOMPARE(role.toJson(), expected);
    // An unset tool set is left out, so "the CLI's default" and "none" stay apart.
    QVERIFY(!parseOk("name: r\n").toJson().contains(QStringLiteral("tools")));
    QCOMPARE(parseOk("tools: []\n").toJson().value(QStringLiteral("tools")), QJsonArray());
}

void TestRoles::parseErrors_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("message"); // a part of the message
    QTest::addColumn<QString>("hint");    // a part of the hint, or empty

    const QString f = QStringLiteral("roles/bad.yml");
    QTest::newRow("syntax: map value")
        << QByteArray("name: x\ndescription: a: b\n") << f << f + QStringLiteral(":2:15")
        << QStringLiteral("YAML syntax error: illegal map value") << QString();
    QTest::newRow("syntax: flow list")
        << QByteArray("name: x\ntools: [Read, Grep\nmodel: m\n") << f << f + QStringLiteral(":3:6")
        << QStringLiteral("YAML syntax error") << QString();
    QTest::newRow("syntax: tab") << QByteArray("name: x\n\ttools: []\n") << f
                                 << f + QStringLiteral(":2:1") << QStringLiteral("tab")
                                 << QString();
    QTest::newRow("syntax: alias")
        << QByteArray("name: x\n\nmodel: *nope\n") << f << f + QStringLiteral(":3:8")
        << QStringLiteral("anchor") << QString();
    QTest::newRow("unknown mode")
        << QByteArray("name: x\ntools: [Read]\n  \npermissionMode: yolo\n") << f
        << f + QStringLiteral(":4:1")
        << QStringLiteral("unknown permission mode 'yolo'; allowed: ask, acceptEdits, plan, deny, "
                          "bypassPermissions")
        << QString();
    QTest::newRow("mode is a list")
        << QByteArray("permissionMode: [ask]\n") << f << f + QStringLiteral(":1:1")
        << QStringLiteral("'permissionMode' must be text, found a list") << QString();
    QTest::newRow("tools is text")
        << QByteArray("name: x\ntools: Read, Grep\n") << f << f + QStringLiteral(":2:1")
        << QStringLiteral("'tools' must be a list of tool names, found "
                          "the value 'Read, Grep'")
        << QStringLiteral("tools: [Read, Grep]");
    QTest::newRow("tools is empty")
        << QByteArray("tools:\n") << f << f + QStringLiteral(":1:1")
        << QStringLiteral("'tools' is empty") << QStringLiteral("tools: []");
    QTest::newRow("tool entry is a map")
        << QByteArray("allowedTools:\n  - Read\n  - {Bash: yes}\n") << f
        << f + QStringLiteral(":3:5") << QStringLiteral("each entry of 'allowedTools'")
        << QString();
    QTest::newRow("description is a map")
        << QByteArray("\n\ndescription:\n  a: b\n") << f << f + QStringLiteral(":3:1")
        << QStringLiteral("'description' must be text") << QString();
    QTest::newRow("maxTurns text")
        << QByteArray("maxTurns: many\n") << f << f + QStringLiteral(":1:1")
        << QStringLiteral("'maxTurns' must be a whole number") << QString();
    QTest::newRow("maxTurns zero")
        << QByteArray("name: x\nmaxTurns: 0\n") << f << f + QStringLiteral(":2:1")
        << QStringLiteral("at least 1") << QString();
    QTest::newRow("unknown field")
        << QByteArray("name: x\nallowed_tools: [Read]\n") << f << f + QStringLiteral(":2:1")
        << QStringLiteral("unknown field 'allowed_tools'; allowed fields: name, description, "
                          "systemPrompt, tools, allowedTools, disallowedTools, permissionMode, "
                          "model, maxTurns, mcpServers, color, icon")
        << QStringLiteral("Did you mean 'allowedTools'?");
    QTest::newRow("duplicate field")
        << QByteArray("model: a\nname: x\nmodel: b\n") << f << f + QStringLiteral(":3:1")
        << QStringLiteral("'model' appears twice (first on line 1)") << QString();
    QTest::newRow("name uppercase")
        << QByteArray("description: d\nname: Builder\n") << f << f + QStringLiteral(":2:1")
        << QStringLiteral("'Builder' is not a valid role name") << QStringLiteral("lowercase");
    QTest::newRow("name with space")
        << QByteArray("name: my role\n") << f << f + QStringLiteral(":1:1")
        << QStringLiteral("'my role' is not a valid role name") << QString();
    QTest::newRow("name starts with dash")
        << QByteArray("name: -x\n") << f << f + QStringLiteral(":1:1")
        << QStringLiteral("'-x' is not a valid role name") << QString();
    QTest::newRow("file name not a role name")
        << QByteArray("description: d\n") << QStringLiteral("/r/My Role.yml")
        << QStringLiteral("/r/My Role.yml") << QStringLiteral("'My Role'")
        << QStringLiteral("name: my-role");
    QTest::newRow("color unquoted")
        << QByteArray("name: x\ncolor: #ff0000\n") << f << f + QStringLiteral(":2:1")
        << QStringLiteral("'color' is empty") << QStringLiteral("unquoted # starts a YAML comment");
    QTest::newRow("color bad") << QByteArray("color: red\n") << f << f + QStringLiteral(":1:1")
                               << QStringLiteral("#rrggbb") << QString();
    QTest::newRow("icon bad") << QByteArray("icon: Big Hammer\n") << f << f + QStringLiteral(":1:1")
                              << QStringLiteral("'icon'") << QString();
    QTest::newRow("mcp not a map")
        << QByteArray("mcpServers: [a]\n") << f << f + QStringLiteral(":1:1")
        << QStringLiteral("'mcpServers' must map server names") << QString();
    QTest::newRow("mcp server without command")
        << QByteArray("mcpServers:\n  good: {command: x}\n  odd:\n    args: [a]\n") << f
        << f + QStringLiteral(":3:3") << QStringLiteral("'odd' needs a 'command'") << QString();
    QTest::newRow("root is a list") << QByteArray("- name: x\n") << f << f + QStringLiteral(":1:1")
                                    << QStringLiteral("must be a mapping") << QString();
    QTest::newRow("empty file") << QByteArray("# nothing\n") << f << f << QStringLiteral("empty")
                                << QString();
    QTest::newRow("two documents") << QByteArray("name: a\n---\nname: b\n") << f << f
                                   << QStringLiteral("one YAML document") << QString();
    // yaml-cpp's LoadAll() looped forever on these, allocating until memory ran out
    // (found by tests/fuzz, fuzz_roleparser).
    QTest::newRow("stray comma") << QByteArray(",name: x\n") << f << f + QStringLiteral(":1:1")
                                 << QStringLiteral("YAML syntax error") << QString();
    QTest::newRow("stray comma after a document")
        << QByteArray("name: x\n---\n  , y\n") << f << f + QStringLiteral(":3:3")
        << QStringLiteral("YAML syntax error") << QString();
}

void TestRoles::parseErrors()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, file);
    QFETCH(QString, where);
    QFETCH(QString, message);
    QFETCH(QString, hint);

    const Result<Role> r = parseRole(yaml, file);
    QVERIFY(!r.ok());
    const Error &e = r.error();
    QCOMPARE(e.where, where);
    QVERIFY2(e.message.contains(message), qPrintable(e.message));
    QVERIFY2(e.hint.contains(hint), qPrintable(e.hint));
    QVERIFY(e.toString().startsWith(where + QStringLiteral(": ")));
}

void TestRoles::hostileInputDoesNotThrow_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::newRow("deep flow nesting") << QByteArray(100000, '[');
    QTest::newRow("binary") << QByteArray("\x00\xff\xfe{[:\x01", 7);
    // Ten to the eighth values by aliases; yaml-cpp shares them, the JSON would not.
    QByteArray bomb =
        "mcpServers:\n  s:\n    command: c\n    x0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 8; ++i) {
        QByteArray items;
        for (int j = 0; j < 10; ++j)
            items += (j ? ", *a" : "*a") + QByteArray::number(i - 1);
        bomb +=
            "    x" + QByteArray::number(i) + ": &a" + QByteArray::number(i) + " [" + items + "]\n";
    }
    QTest::newRow("alias bomb in mcpServers") << bomb;
}

void TestRoles::hostileInputDoesNotThrow()
{
    QFETCH(QByteArray, yaml);
    const Result<Role> r = parseRole(yaml, QStringLiteral("h.yml"));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().where.startsWith(QStringLiteral("h.yml")), qPrintable(r.error().where));
    QVERIFY(!r.error().message.isEmpty());
}

void TestRoles::userOverridesBuiltIn()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Overrides by the name inside, not by the file name.
    writeFile(dir.filePath(QStringLiteral("my-builder.yml")),
              "name: builder\npermissionMode: deny\ntools: [Read]\n");
    writeFile(dir.filePath(QStringLiteral("reviewer.yml")), "description: Reviews.\n");
    writeFile(dir.filePath(QStringLiteral("notes.txt")), "name: [not a role\n");

    RoleCatalog catalog;
    catalog.load({dir.path()});
    QVERIFY2(catalog.errors().isEmpty(), qPrintable(catalog.errors().value(0).toString()));
    QCOMPARE(catalog.names(), list({"architect", "builder", "resolver", "reviewer", "scribe", "validator"}));

    const Role *builder = catalog.find(QStringLiteral("builder"));
    QVERIFY(builder);
    QCOMPARE(builder->source, dir.filePath(QStringLiteral("my-builder.yml")));
    QVERIFY(!builder->isBuiltIn());
    QCOMPARE(builder->permissionMode, PermissionMode::Deny);
    QVERIFY(builder->tools.has_value());
    QCOMPARE(*builder->tools, list({"Read"}));
    QCOMPARE(builder->systemPrompt, QString()); // replaced whole, not merged

    const Role *architect = catalog.find(QStringLiteral("architect"));
    QVERIFY(architect);
    QVERIFY(architect->isBuiltIn());
}

void TestRoles::laterDirectoryWins()
{
    QTemporaryDir first, second;
    QVERIFY(first.isValid() && second.isValid());
    writeFile(first.filePath(QStringLiteral("scribe.yml")), "model: first\n");
    writeFile(second.filePath(QStringLiteral("scribe.yml")), "model: second\n");

    RoleCatalog catalog;
    catalog.load({first.path(), QStringLiteral("/nonexistent/chorus-roles"), second.path()});
    QVERIFY(catalog.errors().isEmpty());
    const Role *scribe = catalog.find(QStringLiteral("scribe"));
    QVERIFY(scribe);
    QCOMPARE(scribe->model, QStringLiteral("second"));
    QCOMPARE(scribe->source, second.filePath(QStringLiteral("scribe.yml")));
    QCOMPARE(catalog.roles().size(), 5);
}

void TestRoles::brokenUserFilesDoNotHideOthers()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeFile(dir.filePath(QStringLiteral("a-syntax.yml")), "name: a\ntools: [Read\n");
    writeFile(dir.filePath(QStringLiteral("builder.yml")), "permissionMode: sometimes\n");
    writeFile(dir.filePath(QStringLiteral("good.yaml")), "systemPrompt: Be good.\n");
    writeFile(dir.filePath(QStringLiteral("z-field.yml")), "name: z\nfoo: 1\n");

    RoleCatalog catalog;
    catalog.load({dir.path()});
    QCOMPARE(catalog.names(), list({"architect", "builder", "good", "resolver", "scribe", "validator"}));
    // The broken override leaves the built-in in place.
    QVERIFY(catalog.find(QStringLiteral("builder"))->isBuiltIn());
    QCOMPARE(catalog.find(QStringLiteral("good"))->systemPrompt, QStringLiteral("Be good."));

    QCOMPARE(catalog.errors().size(), 3);
    QCOMPARE(catalog.errors().at(0).where, dir.filePath(QStringLiteral("a-syntax.yml:3:1")));
    QCOMPARE(catalog.errors().at(1).where, dir.filePath(QStringLiteral("builder.yml:1:1")));
    QVERIFY(catalog.errors().at(1).message.contains(QStringLiteral("sometimes")));
    QCOMPARE(catalog.errors().at(2).where, dir.filePath(QStringLiteral("z-field.yml:2:1")));
}

void TestRoles::duplicateNameInOneDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeFile(dir.filePath(QStringLiteral("one.yml")), "name: twin\nmodel: one\n");
    writeFile(dir.filePath(QStringLiteral("two.yml")), "name: twin\nmodel: two\n");

    RoleCatalog catalog;
    catalog.load({dir.path()});
    const Role *twin = catalog.find(QStringLiteral("twin"));
    QVERIFY(twin);
    QCOMPARE(twin->model, QStringLiteral("one"));
    QCOMPARE(catalog.errors().size(), 1);
    QCOMPARE(catalog.errors().at(0).where, dir.filePath(QStringLiteral("two.yml")));
    QVERIFY(catalog.errors().at(0).message.contains(dir.filePath(QStringLiteral("one.yml"))));
}

// A role file that never ends (a link to /dev/zero, a FIFO with no writer) must neither block the
// engine's start nor fill its memory: it is reported with its path and the other roles load.
void TestRoles::nonRegularFilesAreErrors()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeFile(dir.filePath(QStringLiteral("good.yml")), "systemPrompt: Be good.\n");
    QVERIFY(QFile::link(QStringLiteral("/dev/zero"), dir.filePath(QStringLiteral("a-zero.yml"))));
    const QByteArray fifo = QFile::encodeName(dir.filePath(QStringLiteral("b-fifo.yml")));
    QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
    QVERIFY(QFile::link(dir.filePath(QStringLiteral("b-fifo.yml")),
                        dir.filePath(QStringLiteral("c-fifo-link.yml"))));
    QVERIFY(QFile::link(dir.filePath(QStringLiteral("good.yml")),
                        dir.filePath(QStringLiteral("d-link.yml"))));

    RoleCatalog catalog;
    catalog.load({dir.path()});
    QVERIFY(catalog.find(QStringLiteral("good")));
    QVERIFY(catalog.find(QStringLiteral("d-link"))); // a link to a regular file is fine
    QStringList where;
    for (const Error &e : catalog.errors()) {
        where << e.where;
        QVERIFY2(e.message.contains(QStringLiteral("not a regular file")),
                 qPrintable(e.toString()));
        QVERIFY2(!e.hint.isEmpty(), qPrintable(e.toString()));
    }
    QCOMPARE(where, QStringList({dir.filePath(QStringLiteral("a-zero.yml")),
                                 dir.filePath(QStringLiteral("b-fifo.yml")),
                                 dir.filePath(QStringLiteral("c-fifo-link.yml"))}));
}

// Only the limit + 1 byte is read; a larger file is an error that names the limit.
void TestRoles::oversizedFileIsAnError()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeFile(dir.filePath(QStringLiteral("big.yml")),
              "systemPrompt: " + QByteArray(1024 * 1024, 'x') + '\n');
    writeFile(dir.filePath(QStringLiteral("fits.yml")),
              "systemPrompt: " + QByteArray(1000 * 1000, 'x') + '\n');

    RoleCatalog catalog;
    catalog.load({dir.path()});
    QVERIFY(!catalog.find(QStringLiteral("big")));
    QVERIFY(catalog.find(QStringLiteral("fits")));
    QCOMPARE(catalog.errors().size(), 1);
    QCOMPARE(catalog.errors().at(0).where, dir.filePath(QStringLiteral("big.yml")));
    QVERIFY2(catalog.errors().at(0).message.contains(QStringLiteral("1 MiB")),
             qPrintable(catalog.errors().at(0).message));
}

void TestRoles::standardUserDirectory()
{
    const QString dir = RoleCatalog::userRolesDir();
    QCOMPARE(dir, QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
                      QStringLiteral("/chorus/roles"));
    QVERIFY(QDir().mkpath(dir));
    writeFile(dir + QStringLiteral("/mine.yml"), "permissionMode: plan\n");

    RoleCatalog catalog;
    catalog.load();
    QDir(dir).removeRecursively();
    const Role *mine = catalog.find(QStringLiteral("mine"));
    QVERIFY(mine);
    QCOMPARE(mine->permissionMode, PermissionMode::Plan);
    QCOMPARE(catalog.roles().size(), 6);
}

void TestRoles::bypassAsRoot_data()
{
    QTest::addColumn<QByteArray>("mode");
    QTest::addColumn<bool>("root");
    QTest::addColumn<QString>("isSandbox");
    QTest::addColumn<bool>("ok");
    QTest::newRow("bypass as root")
        << QByteArray("bypassPermissions") << true << QString() << false;
    QTest::newRow("bypass as root, IS_SANDBOX=0")
        << QByteArray("bypassPermissions") << true << QStringLiteral("0") << false;
    QTest::newRow("bypass as root in a sandbox")
        << QByteArray("bypassPermissions") << true << QStringLiteral("1") << true;
    QTest::newRow("bypass as a user")
        << QByteArray("bypassPermissions") << false << QString() << true;
    QTest::newRow("acceptEdits as root") << QByteArray("acceptEdits") << true << QString() << true;
}

void TestRoles::bypassAsRoot()
{
    QFETCH(QByteArray, mode);
    QFETCH(bool, root);
    QFETCH(QString, isSandbox);
    QFETCH(bool, ok);

    const Role role =
        parseOk("name: yolo\npermissionMode: " + mode + '\n', QStringLiteral("/r/yolo.yml"));
    QCOMPARE(role.name, QStringLiteral("yolo"));
    QProcessEnvironment env;
    if (!isSandbox.isNull())
        env.insert(QStringLiteral("IS_SANDBOX"), isSandbox);
    const Status status = checkRoleCanRun(role, env, root);
    QCOMPARE(status.ok(), ok);
    if (!ok) {
        QCOMPARE(status.error().where, QStringLiteral("/r/yolo.yml"));
        QVERIFY(status.error().message.contains(QStringLiteral("root")));
        QVERIFY(status.error().hint.contains(QStringLiteral("IS_SANDBOX=1")));
        QVERIFY(status.error().hint.contains(QStringLiteral("'yolo'")));
    }
    // The role never smuggles the sandbox switch into the command line.
    QVERIFY(!chorus::cliArguments(role).join(u' ').contains(QStringLiteral("IS_SANDBOX")));
}

// Which roles can change files (a warning when they work in place): by permission mode and tools.
void TestRoles::canEditFiles_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<bool>("edits");
    QTest::newRow("acceptEdits, default tools")
        << QByteArray("name: r\npermissionMode: acceptEdits\n") << true;
    QTest::newRow("ask with Write")
        << QByteArray("name: r\npermissionMode: ask\ntools: [Read, Write]\n") << true;
    QTest::newRow("bypass with Bash")
        << QByteArray("name: r\npermissionMode: bypassPermissions\ntools: [Bash]\n") << true;
    QTest::newRow("acceptEdits, NotebookEdit")
        << QByteArray("name: r\npermissionMode: acceptEdits\ntools: [NotebookEdit]\n") << true;
    QTest::newRow("plan") << QByteArray("name: r\npermissionMode: plan\n") << false;
    QTest::newRow("deny") << QByteArray("name: r\npermissionMode: deny\ntools: [Write, Edit]\n")
                          << false;
    QTest::newRow("read-only tools")
        << QByteArray("name: r\npermissionMode: acceptEdits\ntools: [Read, Grep, Glob]\n") << false;
    QTest::newRow("no tools") << QByteArray("name: r\npermissionMode: acceptEdits\ntools: []\n")
                              << false;
}

void TestRoles::canEditFiles()
{
    QFETCH(QByteArray, yaml);
    QFETCH(bool, edits);
    const Result<Role> role = parseRole(yaml, QStringLiteral("r.yml"));
    QVERIFY2(role.ok(), qPrintable(role.error().toString()));
    QCOMPARE(chorus::canEditFiles(*role), edits);
}

QTEST_GUILESS_MAIN(TestRoles)
#include "tst_roles.moc"
