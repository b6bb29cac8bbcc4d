# The main window: its actions, console tabs and status bar: added to chorus-gui-lib.
target_sources(chorus-gui-lib PRIVATE
    mainwindow/agentarchiver.cpp mainwindow/agentarchiver.h
    mainwindow/agentjumper.cpp mainwindow/agentjumper.h
    mainwindow/agentactions.cpp mainwindow/agentactions.h
    mainwindow/agentstatusbar.cpp mainwindow/agentstatusbar.h
    mainwindow/claudebanner.cpp mainwindow/claudebanner.h
    mainwindow/consoletabs.cpp mainwindow/consoletabs.h
    mainwindow/mainactions.cpp mainwindow/mainactions.h
    mainwindow/mainwindow.cpp mainwindow/mainwindow.h
    mainwindow/shortcutsdialog.cpp mainwindow/shortcutsdialog.h
    mainwindow/pullrequestdialog.cpp mainwindow/pullrequestdialog.h
    mainwindow/pushdialog.cpp mainwindow/pushdialog.h
)
