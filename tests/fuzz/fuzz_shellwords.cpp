// Fuzzes the shell-words splitter; the words of any accepted command, each quoted again,
// must split back into the same words.
#include "fuzz.h"

#include "util/shellwords.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace chorus;
    const QString command =
        QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<QStringList> words = splitShellWords(command);
    if (!words) {
        FUZZ_CHECK(!words.error().where.isEmpty());
        return 0;
    }
    QStringList quoted;
    for (QString w : *words)
        quoted << QLatin1Char('\'') + w.replace(QLatin1Char('\''), QLatin1String("'\\''")) +
                      QLatin1Char('\'');
    const Result<QStringList> again = splitShellWords(quoted.join(QLatin1Char(' ')));
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(*again == *words);
    return 0;
}
