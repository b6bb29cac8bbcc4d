# Notifications: the main window and the real engine with a fake Notifier; the D-Bus notifier
# against a fake notification service on a private session bus (skipped without dbus-daemon).
chorus_add_test(tst_notifications LIBS chorus-gui-lib chorus-testsupport)
set_tests_properties(tst_notifications PROPERTIES TIMEOUT 600 LABELS gui)
if(TARGET Qt6::DBus)
    chorus_add_test(tst_dbusnotifier LIBS chorus-gui-lib LABELS gui)
endif()
