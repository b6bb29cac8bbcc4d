# Safe by default (issue 9): cleaned agents refuse follow-ups, stopping a running turn asks
# first, "stopped by you". The real widgets against the real engine (daemon + pinned Claude
# Code CLI + fake Messages API).
chorus_add_test(tst_safety LIBS chorus-gui-lib chorus-testsupport LABELS gui)
add_dependencies(tst_safety chorus)
set_tests_properties(tst_safety PROPERTIES TIMEOUT 600)
