#pragma once

#include <QtGlobal>

namespace chorus {

// Token counts of a turn or a model.
struct TokenCounts
{
    qint64 input = 0;
    qint64 output = 0;
    qint64 cacheRead = 0;
    qint64 cacheWrite = 0;

    TokenCounts &operator+=(const TokenCounts &o)
    {
        input += o.input;
        output += o.output;
        cacheRead += o.cacheRead;
        cacheWrite += o.cacheWrite;
        return *this;
    }
    qint64 total() const { return input + output + cacheRead + cacheWrite; }
};

} // namespace chorus
