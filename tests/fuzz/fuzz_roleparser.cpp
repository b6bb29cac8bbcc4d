// Fuzzes the role file parser (YAML) and what is derived from a role it accepts.
#include "fuzz.h"

#include "agent/claudecommand.h"
#include "roles/role.h"

#include <QJsonDocument>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace chorus;
    const QByteArray yaml(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<Role> role = parseRole(yaml, QStringLiteral("/roles/fuzz.yml"));
    if (!role) {
        FUZZ_CHECK(!role.error().message.isEmpty());
        return 0;
    }
    FUZZ_CHECK(isValidRoleName(role->name));
    FUZZ_CHECK(!cliArguments(*role).isEmpty());
    FUZZ_CHECK(!QJsonDocument(role->toJson()).toJson().isEmpty());
    (void)checkRoleCanRun(*role, QProcessEnvironment(), true);
    return 0;
}
