// Fuzzes the wire form of merge resolutions: whatever resolutionsFromJson() accepts must
// survive a round trip through resolutionsToJson().
#include "fuzz.h"

#include "git/conflict.h"

#include <QJsonDocument>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace chorus;
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!doc.isObject())
        return 0;
    QString badPath;
    const std::optional<Resolutions> res = resolutionsFromJson(doc.object(), &badPath);
    if (!res) {
        FUZZ_CHECK(doc.object().contains(badPath));
        return 0;
    }
    QString again;
    const std::optional<Resolutions> back = resolutionsFromJson(resolutionsToJson(*res), &again);
    FUZZ_CHECK(back.has_value());
    FUZZ_CHECK(*back == *res);
    return 0;
}
