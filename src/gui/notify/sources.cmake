# Notifications: what needs the user (NotificationCenter) and where it is told (a Notifier:
# the desktop's notification service over D-Bus, a tray icon, or nothing): added to
# chorus-gui-lib.
target_sources(chorus-gui-lib PRIVATE
    notify/desktopnotifier.cpp notify/desktopnotifier.h
    notify/notificationcenter.cpp notify/notificationcenter.h
    notify/notifier.h
    notify/notifykind.cpp notify/notifykind.h
    notify/traynotifier.cpp notify/traynotifier.h
)
# Qt D-Bus is optional: without it, notifications go to the tray (or nowhere).
if(TARGET Qt6::DBus)
    target_sources(chorus-gui-lib PRIVATE notify/dbusnotifier.cpp notify/dbusnotifier.h)
    target_link_libraries(chorus-gui-lib PUBLIC Qt6::DBus)
    target_compile_definitions(chorus-gui-lib PUBLIC CHORUS_HAVE_QTDBUS)
endif()
