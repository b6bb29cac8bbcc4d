# Review window tests: real agents (daemon + pinned Claude Code CLI + fake Messages API) in a
# temporary git repository, reviewed in the real window.
chorus_add_test(tst_review LIBS chorus-gui-lib chorus-testsupport LABELS gui)
add_dependencies(tst_review chorus)
set_tests_properties(tst_review PROPERTIES TIMEOUT 600)
