#pragma once

// One fuzz target = one .cpp defining both entry points below. The same source is linked
// with libFuzzer (CHORUS_FUZZ, ./dev.sh fuzz) and with replay.cpp, a plain main() that runs
// the checked-in corpus and regression inputs as an ordinary test in every build.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv);
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

// A property a target checks on its parser's output; a failure is a finding like a crash.
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond);     \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)
