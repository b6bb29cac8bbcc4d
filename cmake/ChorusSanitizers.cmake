# Sanitizer and fuzzing builds, each in a build directory of its own (see dev.sh asan / fuzz).
#   CHORUS_SANITIZE=ON  everything is built with AddressSanitizer + UndefinedBehaviorSanitizer
#                       (any compiler); the test suite then runs under them.
#   CHORUS_FUZZ=ON      clang only: everything is instrumented for libFuzzer (coverage) plus
#                       ASan + UBSan, and tests/fuzz builds one libFuzzer binary per parser.
# Undefined behaviour aborts (no recovery) so that a finding fails the test or the fuzz run.
option(CHORUS_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(CHORUS_FUZZ "Build the libFuzzer targets in tests/fuzz (clang; implies the sanitizers)" OFF)

if(CHORUS_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "CHORUS_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
    endif()
    set(CHORUS_SANITIZE ON)
    add_compile_options(-fsanitize=fuzzer-no-link)
    # ChorusOptions' GCC-only -Wshadow=local would be an unknown-option error with -Werror.
    add_compile_options(-Wno-unknown-warning-option)
endif()

if(CHORUS_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                        -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined)
    # Suppressions for third-party code (Qt, fontconfig, libgit2): the test environment
    # points LSAN_OPTIONS / UBSAN_OPTIONS at these files (dev.sh does).
    set(CHORUS_LSAN_SUPPRESSIONS ${PROJECT_SOURCE_DIR}/tests/sanitizers/lsan.supp)
    set(CHORUS_UBSAN_SUPPRESSIONS ${PROJECT_SOURCE_DIR}/tests/sanitizers/ubsan.supp)
endif()
