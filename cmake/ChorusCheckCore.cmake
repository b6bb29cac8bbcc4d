# The walls between Chorus's layers, checked at configure time.
#
# chorus-core is the product's brain, and the CLI (the chorus-cli library and the chorus
# executable) runs where there is no display: none of them may link Qt Gui, Widgets, OpenGL or
# Svg, or any KF6 library. chorus_check_no_gui(<target>) walks the whole link closure of a target
# (LINK_LIBRARIES and INTERFACE_LINK_LIBRARIES of every target it reaches) and fails the
# configure naming the target, the library, the chain of links that brings it in and what to do.
#
# Generator expressions are not evaluated: every name written inside one counts, whatever its
# condition. $<$<BOOL:${X}>:Qt6::Widgets> and $<LINK_ONLY:Qt6::Gui> both fail, on purpose: a wall
# that holds only for today's options does not hold.
#
# The checks run at the end of the directory that includes this module (the top level), so links
# added after the include are seen too. tests/cmake/walls.cmake (ctest cmake_walls) proves that
# each check fails when its wall is broken.
include_guard(GLOBAL)

# Target names that are Gui: Qt6::Gui, Qt::Widgets, Qt6::GuiPrivate, KF6::anything.
set(CHORUS_GUI_TARGET_REGEX
    "^Qt6?::(Gui|Widgets|OpenGL|OpenGLWidgets|Svg|SvgWidgets)(Private)?$|^KF6::")
# Library files and flags that are Gui: /usr/lib/.../libQt6Widgets.so.6, -lQt6Gui, libKF6Foo.so.
set(CHORUS_GUI_FILE_REGEX
    "(^|/|^-l)(lib)?(Qt6(Gui|Widgets|OpenGL|OpenGLWidgets|Svg|SvgWidgets)|KF6[A-Za-z]+)([.]|$)")

# _chorus_link_names(<item> <out>): the names a link item stands for. A plain item is itself; the
# text of a generator expression gives every name-like word in it.
function(_chorus_link_names item out)
    if(item MATCHES "[$<>]")
        string(REGEX MATCHALL "[A-Za-z0-9_.+/-]+(::[A-Za-z0-9_.+/-]+)*" names "${item}")
    else()
        set(names "${item}")
    endif()
    set(${out} "${names}" PARENT_SCOPE)
endfunction()

# _chorus_no_gui_walk(<target> <chain>): walks the links of <target> (reached through <chain>),
# adding what it visits to the list _chorus_seen and a line per library that breaks the wall to
# the text _chorus_offences.
function(_chorus_no_gui_walk target chain)
    foreach(property IN ITEMS LINK_LIBRARIES INTERFACE_LINK_LIBRARIES
                              INTERFACE_LINK_LIBRARIES_DIRECT)
        get_target_property(pieces ${target} ${property})
        if(NOT pieces)
            continue()
        endif()
        set(item "")
        foreach(piece IN LISTS pieces)
            # A ';' inside $<...> splits the expression when the property is read as a list:
            # put it back together before reading it.
            if(item STREQUAL "")
                set(item "${piece}")
            else()
                string(APPEND item ";${piece}")
            endif()
            string(REGEX MATCHALL "[$]<" opened "${item}")
            string(REGEX MATCHALL ">" closed "${item}")
            list(LENGTH opened opened)
            list(LENGTH closed closed)
            if(opened GREATER closed)
                continue()
            endif()
            _chorus_link_names("${item}" names)
            foreach(name IN LISTS names)
                if(name IN_LIST _chorus_seen)
                    continue()
                endif()
                list(APPEND _chorus_seen "${name}")
                if(name MATCHES "${CHORUS_GUI_TARGET_REGEX}"
                   OR name MATCHES "${CHORUS_GUI_FILE_REGEX}")
                    string(APPEND _chorus_offences "\n  ${name}: ${chain} -> ${name}")
                    if(NOT item STREQUAL name)
                        string(APPEND _chorus_offences
                            " (written ${item} in ${property} of ${target})")
                    endif()
                elseif(TARGET "${name}")
                    _chorus_no_gui_walk("${name}" "${chain} -> ${name}")
                endif()
            endforeach()
            set(item "")
        endforeach()
    endforeach()
    set(_chorus_seen "${_chorus_seen}" PARENT_SCOPE)
    set(_chorus_offences "${_chorus_offences}" PARENT_SCOPE)
endfunction()

# chorus_check_no_gui(<target> [WHY <text>...]): fails the configure (SEND_ERROR, so
# every broken wall is reported in one run) if the link closure of <target> holds Qt
# Gui/Widgets/OpenGL/Svg or KF6.
function(chorus_check_no_gui target)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "WHY")
    string(CONCAT why ${arg_WHY})
    if(NOT TARGET "${target}")
        message(SEND_ERROR
            "Layer wall: '${target}' is no target, so nothing checks that it stays free of Qt Gui. "
            "If it was renamed, rename it in ${CMAKE_CURRENT_FUNCTION_LIST_FILE} too.")
        return()
    endif()
    set(_chorus_seen "")
    set(_chorus_offences "")
    _chorus_no_gui_walk("${target}" "${target}")
    if(_chorus_offences)
        message(SEND_ERROR
            "Layer wall broken: '${target}' must not link Qt Gui/Widgets/OpenGL/Svg or KF6, "
            "but its link closure holds:${_chorus_offences}\n"
            "Remove that link (the chain shows which target adds it). "
            "${why}")
    endif()
endfunction()

# The walls of Chorus (docs/architecture.md, "Layers").
function(chorus_check_walls)
    chorus_check_no_gui(chorus-core WHY
        "The core is shared by the CLI, the daemon, the GUI and every test: code that needs Gui "
        "belongs in src/gui/ (a widget that observes a core object), not in src/core/.")
    foreach(cli IN ITEMS chorus-cli chorus)
        chorus_check_no_gui(${cli} WHY
            "The CLI runs where there is no display (servers, CI, ssh): code that needs Gui "
            "belongs in src/gui/; what the CLI shares with the GUI belongs in chorus-core.")
    endforeach()
endfunction()

cmake_language(DEFER CALL chorus_check_walls)
