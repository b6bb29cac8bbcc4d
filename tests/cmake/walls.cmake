# The layer walls of cmake/ChorusCheckCore.cmake, each broken once (ctest cmake_walls).
#
#   cmake -DCHORUS_MODULE_DIR=<source>/cmake -DWALLS_WORK_DIR=<scratch dir>
#         [-DWALLS_GENERATOR=<generator>] [-DWALLS_MAKE_PROGRAM=<path>]
#         [-DWALLS_CXX_COMPILER=<path>] -P walls.cmake
#
# Every case writes a tiny project shaped like Chorus (chorus-core, chorus-cli, chorus, and a GUI
# library that may link Widgets) on fake INTERFACE IMPORTED targets named like Qt's (no real Qt is
# needed), includes the module as the top-level CMakeLists.txt does, then breaks one wall (or
# none) with links written *after* the include, and configures it under WALLS_WORK_DIR/<case>.
# The clean project must configure. A broken one must fail, name as broken exactly the wall
# targets the break reaches, and print the offending library with the chain of links to it.
cmake_minimum_required(VERSION 3.21)
foreach(var IN ITEMS CHORUS_MODULE_DIR WALLS_WORK_DIR)
    if(NOT ${var})
        message(FATAL_ERROR "walls.cmake: -D${var}=... is required")
    endif()
endforeach()

set(walls_targets chorus-core chorus-cli chorus)

set(walls_prelude [=[
cmake_minimum_required(VERSION 3.21)
project(walls_case LANGUAGES CXX)
list(APPEND CMAKE_MODULE_PATH "${WALLS_MODULE_DIR}")

# Fake Qt, KF6 and libgit2: INTERFACE IMPORTED targets that link each other like the real ones.
foreach(module IN ITEMS Core Network Sql Concurrent Gui Widgets Svg PrintSupport)
    add_library(Qt6::${module} INTERFACE IMPORTED)
endforeach()
target_link_libraries(Qt6::Gui INTERFACE Qt6::Core)
target_link_libraries(Qt6::Widgets INTERFACE Qt6::Gui)
target_link_libraries(Qt6::PrintSupport INTERFACE Qt6::Widgets)
add_library(KF6::SyntaxHighlighting INTERFACE IMPORTED)
add_library(PkgConfig::LIBGIT2 INTERFACE IMPORTED)
add_library(chorus_options INTERFACE)

# Shaped like src/core, src/cli and src/gui. The PRIVATE links of a static library come back in
# its INTERFACE_LINK_LIBRARIES as $<LINK_ONLY:...>, and a harmless conditional link: the clean
# project has generator expressions the check must read without failing.
add_library(chorus-core STATIC core.cpp)
target_link_libraries(chorus-core
    PUBLIC Qt6::Core Qt6::Network Qt6::Sql Qt6::Concurrent chorus_options
    PRIVATE PkgConfig::LIBGIT2 $<$<CONFIG:Debug>:Qt6::Core>)
add_library(chorus-cli STATIC cli.cpp)
target_link_libraries(chorus-cli PUBLIC chorus-core)
add_executable(chorus main.cpp)
target_link_libraries(chorus PRIVATE chorus-cli)
add_library(chorus-gui-lib STATIC gui.cpp)
target_link_libraries(chorus-gui-lib
    PUBLIC chorus-core Qt6::Widgets Qt6::Svg KF6::SyntaxHighlighting)
add_executable(chorus-gui guimain.cpp)
target_link_libraries(chorus-gui PRIVATE chorus-gui-lib)

include(ChorusCheckCore)
]=])

set(walls_failures "")

# walls_case(<name> [SNIPPET <cmake code>] [REPLACE <from> <to>] [PASS]
#            [BROKEN <wall target>...] [MESSAGE <text>...])
# PASS: the configure must succeed. Otherwise it must fail, name as broken exactly the BROKEN
# targets (none: some other error), and print every MESSAGE text. Texts are compared literally,
# with runs of white space made one space (CMake wraps long error lines).
function(walls_case name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "PASS" "SNIPPET" "REPLACE;BROKEN;MESSAGE")
    set(dir "${WALLS_WORK_DIR}/${name}")
    file(REMOVE_RECURSE "${dir}")
    set(text "${walls_prelude}")
    if(arg_REPLACE)
        list(GET arg_REPLACE 0 from)
        list(GET arg_REPLACE 1 to)
        string(REPLACE "${from}" "${to}" text "${text}")
    endif()
    file(WRITE "${dir}/src/CMakeLists.txt" "${text}\n# The case: ${name}\n${arg_SNIPPET}\n")
    foreach(source IN ITEMS core cli main gui guimain helper)
        file(WRITE "${dir}/src/${source}.cpp" "")
    endforeach()

    set(command "${CMAKE_COMMAND}" -S "${dir}/src" -B "${dir}/build"
                "-DWALLS_MODULE_DIR=${CHORUS_MODULE_DIR}")
    if(WALLS_GENERATOR)
        list(APPEND command -G "${WALLS_GENERATOR}")
    endif()
    if(WALLS_MAKE_PROGRAM)
        list(APPEND command "-DCMAKE_MAKE_PROGRAM=${WALLS_MAKE_PROGRAM}")
    endif()
    if(WALLS_CXX_COMPILER)
        list(APPEND command "-DCMAKE_CXX_COMPILER=${WALLS_CXX_COMPILER}")
    endif()
    execute_process(COMMAND ${command} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    string(REGEX REPLACE "[ \t\r\n]+" " " flat "${out}")

    set(problems "")
    if(arg_PASS)
        if(NOT rc EQUAL 0)
            string(APPEND problems "\n  the configure failed (${rc}), it must pass")
        endif()
    else()
        if(rc EQUAL 0)
            string(APPEND problems "\n  the configure passed, it must fail")
        endif()
        foreach(target IN LISTS walls_targets)
            string(FIND "${flat}" "'${target}' must not link" at)
            if(target IN_LIST arg_BROKEN AND at EQUAL -1)
                string(APPEND problems "\n  '${target}' is not named as broken")
            elseif(NOT target IN_LIST arg_BROKEN AND NOT at EQUAL -1)
                string(APPEND problems "\n  '${target}' is named as broken, it is not")
            endif()
        endforeach()
    endif()
    foreach(expected IN LISTS arg_MESSAGE)
        string(FIND "${flat}" "${expected}" at)
        if(at EQUAL -1)
            string(APPEND problems "\n  the output lacks: ${expected}")
        endif()
    endforeach()

    if(problems)
        message("FAIL ${name}:${problems}\n--- cmake output (${dir}) ---\n${out}---")
        set(walls_failures ${walls_failures} ${name} PARENT_SCOPE)
    else()
        message("ok   ${name}")
    endif()
endfunction()

# (a) The project as it is: the core, the CLI library and the executable stay free of Gui while
# the GUI library links Widgets, Svg and KF6.
walls_case(clean PASS)

# (b) The core links Widgets directly: every wall above it breaks too.
walls_case(core_links_widgets
    SNIPPET [=[target_link_libraries(chorus-core PRIVATE Qt6::Widgets)]=]
    BROKEN chorus-core chorus-cli chorus
    MESSAGE "Qt6::Widgets: chorus-core -> Qt6::Widgets"
            "Qt6::Widgets: chorus-cli -> chorus-core -> Qt6::Widgets"
            "belongs in src/gui/")

# (c) The CLI library links Gui: the core stays clean.
walls_case(cli_links_gui
    SNIPPET [=[target_link_libraries(chorus-cli PRIVATE Qt6::Gui)]=]
    BROKEN chorus-cli chorus
    MESSAGE "Qt6::Gui: chorus-cli -> Qt6::Gui")

# (d) The chorus executable links Gui itself.
walls_case(cli_executable_links_gui
    SNIPPET [=[target_link_libraries(chorus PRIVATE Qt6::Gui)]=]
    BROKEN chorus
    MESSAGE "Qt6::Gui: chorus -> Qt6::Gui")

# (e) Links behind generator expressions count whatever their condition: a false one...
walls_case(genex_condition
    SNIPPET [=[
option(CHORUS_FANCY_OUTPUT "Render tables with Qt Gui" OFF)
target_link_libraries(chorus-cli PRIVATE $<$<BOOL:${CHORUS_FANCY_OUTPUT}>:Qt6::Widgets>)]=]
    BROKEN chorus-cli chorus
    MESSAGE "Qt6::Widgets: chorus-cli -> Qt6::Widgets"
            "(written $<$<BOOL:OFF>:Qt6::Widgets> in LINK_LIBRARIES of chorus-cli)")
# ... $<LINK_ONLY:...> in the usage requirements only ...
walls_case(genex_link_only
    SNIPPET [=[target_link_libraries(chorus-core INTERFACE $<LINK_ONLY:Qt6::Gui>)]=]
    BROKEN chorus-core chorus-cli chorus
    MESSAGE "Qt6::Gui: chorus-core -> Qt6::Gui"
            "(written $<LINK_ONLY:Qt6::Gui> in INTERFACE_LINK_LIBRARIES of chorus-core)")
# ... and a list inside one (the property, read as a list, splits it in two pieces).
walls_case(genex_list
    SNIPPET [=[target_link_libraries(chorus PRIVATE "$<$<CONFIG:Debug>:Qt6::Core;Qt6::Svg>")]=]
    BROKEN chorus
    MESSAGE "Qt6::Svg: chorus -> Qt6::Svg"
            "(written $<$<CONFIG:Debug>:Qt6::Core;Qt6::Svg> in LINK_LIBRARIES of chorus)")

# (f) Transitive links: through libraries of our own, and through an imported Qt module.
walls_case(transitive_own_libraries
    SNIPPET [=[
add_library(chorus-render STATIC helper.cpp)
add_library(chorus-theme INTERFACE)
target_link_libraries(chorus-theme INTERFACE Qt6::Widgets)
target_link_libraries(chorus-render PUBLIC chorus-theme)
target_link_libraries(chorus-cli PRIVATE chorus-render)]=]
    BROKEN chorus-cli chorus
    MESSAGE "Qt6::Widgets: chorus-cli -> chorus-render -> chorus-theme -> Qt6::Widgets")
walls_case(transitive_imported
    SNIPPET [=[target_link_libraries(chorus-core PUBLIC Qt6::PrintSupport)]=]
    BROKEN chorus-core chorus-cli chorus
    MESSAGE "Qt6::Widgets: chorus-core -> Qt6::PrintSupport -> Qt6::Widgets")

# A KF6 library, and a Qt Gui library linked by its file instead of its target.
walls_case(cli_links_kf6
    SNIPPET [=[target_link_libraries(chorus-cli PRIVATE KF6::SyntaxHighlighting)]=]
    BROKEN chorus-cli chorus
    MESSAGE "KF6::SyntaxHighlighting: chorus-cli -> KF6::SyntaxHighlighting")
walls_case(core_links_library_file
    SNIPPET [=[
target_link_libraries(chorus-core PRIVATE /usr/lib/x86_64-linux-gnu/libQt6Gui.so.6)]=]
    BROKEN chorus-core chorus-cli chorus
    MESSAGE "/usr/lib/x86_64-linux-gnu/libQt6Gui.so.6: chorus-core -> ")

# A wall target renamed without the check: the check must not pass by checking nothing.
walls_case(cli_renamed
    REPLACE chorus-cli chorus-commands
    MESSAGE "'chorus-cli' is no target")

if(walls_failures)
    message(FATAL_ERROR "cmake_walls: failed: ${walls_failures}")
endif()
