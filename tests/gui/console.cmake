# Console tests.
# Transcript model/view, highlighter and the console widget fed with recorded-shape events.
chorus_add_test(tst_console SOURCES tst_console_events.h LIBS chorus-gui-lib LABELS gui)
# The console while an agent writes: live rows, the live line (fed directly).
chorus_add_test(tst_console_live SOURCES tst_console_events.h LIBS chorus-gui-lib LABELS gui)
# The console on a real agent (daemon + pinned Claude Code CLI + fake Messages API).
chorus_add_test(tst_console_e2e LIBS chorus-gui-lib chorus-testsupport LABELS gui)
add_dependencies(tst_console_e2e chorus)
set_tests_properties(tst_console_e2e PROPERTIES TIMEOUT 600)
