// Fuzzes the transcript line reader (ccusage's rules, usage/transcriptline). A line it counts
// must be a JSON object Qt's own parser reads too, with the same output token count.
#include "fuzz.h"

#include "usage/transcriptline.h"

#include <QJsonDocument>
#include <QJsonObject>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace chorus::usage;
    const std::string_view line(reinterpret_cast<const char *>(data), size);
    std::vector<LineUsage> out;
    ParseScratch scratch;
    const int n = parseTranscriptLine(line, &out, &scratch);
    FUZZ_CHECK(n == int(out.size()));
    if (n == 0)
        return 0;
    QJsonParseError error{};
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray(line.data(), qsizetype(line.size())), &error);
    FUZZ_CHECK(error.error == QJsonParseError::NoError && doc.isObject());
    const QJsonObject top = doc.object();
    QJsonObject message = top.value(QLatin1String("message")).toObject();
    if (!message.value(QLatin1String("usage")).isObject())
        message =
            top.value(QLatin1String("data"))[QLatin1String("message")][QLatin1String("message")]
                .toObject();
    const QJsonValue output = message.value(QLatin1String("usage"))[QLatin1String("output_tokens")];
    FUZZ_CHECK(output.isDouble());
    if (output.toDouble() < 9007199254740992.0)
        FUZZ_CHECK(quint64(output.toDouble()) == out.front().output);
    return 0;
}
