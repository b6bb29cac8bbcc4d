// Fuzzes the line splitter with arbitrary chunkings of arbitrary bytes, and checks that
// the lines it returns do not depend on the chunking: they must equal a one-shot split.
#include "fuzz.h"

#include "util/linesplitter.h"

#include <QList>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace chorus;
    // Layout: [max line bytes][chunk-size seed] then the stream.
    if (size < 2)
        return 0;
    const qsizetype maxLine = data[0] % 64; // small, so oversized lines are exercised
    std::uint32_t seed = data[1] | 1u;
    const QByteArray stream(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));

    LineSplitter splitter(maxLine);
    QList<QByteArray> got;
    for (qsizetype at = 0; at < stream.size();) {
        seed = seed * 1103515245u + 12345u; // chunk sizes 0..16 from the seed
        const qsizetype n = std::min<qsizetype>((seed >> 16) % 17, stream.size() - at);
        got += splitter.feed(stream.mid(at, n));
        at += n;
        FUZZ_CHECK(splitter.pendingBytes() <= maxLine);
    }
    const QByteArray rest = splitter.takeRemainder();

    // The reference: split once, drop lines longer than maxLine, strip one trailing '\r'.
    QList<QByteArray> want;
    int oversized = 0;
    QList<QByteArray> parts = stream.split('\n');
    const QByteArray last = parts.takeLast(); // after the last '\n' (maybe empty)
    auto chomp = [](QByteArray l) {
        if (l.endsWith('\r'))
            l.chop(1);
        return l;
    };
    for (const QByteArray &p : std::as_const(parts)) {
        if (p.size() > maxLine)
            ++oversized;
        else
            want << chomp(p);
    }
    QByteArray wantRest;
    if (last.size() > maxLine)
        ++oversized;
    else
        wantRest = chomp(last);

    FUZZ_CHECK(got == want);
    FUZZ_CHECK(rest == wantRest);
    FUZZ_CHECK(splitter.oversizedLines() == oversized);
    FUZZ_CHECK(splitter.pendingBytes() == 0);
    return 0;
}
