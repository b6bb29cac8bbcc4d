# Main window, dialogs, history tests: the real widgets against the real engine (a daemon
# started by EngineClient in a private EngineFixture world, real Claude Code processes and
# the fake Messages API).
chorus_add_test(tst_mainwindow LIBS chorus-gui-lib chorus-testsupport)
chorus_add_test(tst_history LIBS chorus-gui-lib chorus-testsupport)
set_tests_properties(tst_mainwindow tst_history PROPERTIES TIMEOUT 600 LABELS gui)
chorus_add_test(tst_newagent LIBS chorus-gui-lib chorus-testsupport)
set_tests_properties(tst_newagent PROPERTIES TIMEOUT 600 LABELS gui)
# The agent list at 30+ agents (seeded into the engine's database, one real agent waiting).
chorus_add_test(tst_agentlist LIBS chorus-gui-lib chorus-testsupport)
set_tests_properties(tst_agentlist PROPERTIES TIMEOUT 600 LABELS gui)
# One current agent: selection, pinned consoles, the tab list, Archive, the shortcuts dialog,
# Esc and Ctrl+K (a real git repository: Archive runs the engine's clean).
chorus_add_test(tst_currentagent LIBS chorus-gui-lib chorus-testsupport)
set_tests_properties(tst_currentagent PROPERTIES TIMEOUT 900 LABELS gui)
# The everyday actions on an agent: editor, terminal, copy, push to a bare remote, gh (faked).
chorus_add_test(tst_agentactions LIBS chorus-gui-lib chorus-testsupport LABELS gui)
add_dependencies(tst_agentactions chorus)
set_tests_properties(tst_agentactions PROPERTIES TIMEOUT 600)
