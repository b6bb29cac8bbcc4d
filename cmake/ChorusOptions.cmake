# Compile options shared by every Chorus target, in one INTERFACE target.
add_library(chorus_options INTERFACE)
target_compile_definitions(chorus_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_UP_TO=0x060000
    CHORUS_VERSION="${PROJECT_VERSION}")
# QT_NO_CONTEXTLESS_CONNECT exists from Qt 6.7 on.
if(Qt6_VERSION VERSION_GREATER_EQUAL 6.7)
    target_compile_definitions(chorus_options INTERFACE QT_NO_CONTEXTLESS_CONNECT)
endif()
target_compile_options(chorus_options INTERFACE -Wall -Wextra -Wpedantic -Wnon-virtual-dtor
    -Woverloaded-virtual -Wshadow=local -Wno-missing-field-initializers)
if(CHORUS_WERROR)
    target_compile_options(chorus_options INTERFACE -Werror)
endif()
