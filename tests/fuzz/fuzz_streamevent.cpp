// Fuzzes the decoding of one stream-json line from the Claude CLI and the readers of the
// lines the engine acts on (result, can_use_tool).
#include "fuzz.h"

#include "agent/streamevent.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace chorus;
    const QByteArray line(reinterpret_cast<const char *>(data), qsizetype(size));
    const StreamEvent ev = decodeStreamLine(line);
    FUZZ_CHECK(ev.raw == line);
    FUZZ_CHECK((ev.kind == EventKind::Invalid) == !ev.error.isEmpty());
    FUZZ_CHECK(!eventKindName(ev.kind).isEmpty());
    // The engine calls these on result and control_request lines; any object must do.
    const ResultInfo r = parseResult(ev.json);
    FUZZ_CHECK(r.model.isEmpty() ||
               ev.json.contains(QLatin1String("model_usage_since_last_result")));
    ToolPermissionRequest req;
    if (parseToolPermissionRequest(ev.json, &req))
        FUZZ_CHECK(!req.requestId.isEmpty());
    return 0;
}
