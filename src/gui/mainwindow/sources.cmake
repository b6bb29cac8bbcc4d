# Main window, agent list, dialogs, history, settings, style: added to chorus-gui-lib.
# The dialogs' Designer forms (forms/newagentdialog.ui, forms/settingsdialog.ui) are found
# by AUTOUIC through CMAKE_AUTOUIC_SEARCH_PATHS from their #include "ui_*.h".
target_sources(chorus-gui-lib PRIVATE
    mainwindow/agentlistmodel.cpp mainwindow/agentlistmodel.h
    mainwindow/agentlistview.cpp mainwindow/agentlistview.h
    mainwindow/agentstatusbar.cpp mainwindow/agentstatusbar.h
    mainwindow/consoletabs.cpp mainwindow/consoletabs.h
    mainwindow/emptystatewidget.cpp mainwindow/emptystatewidget.h
    mainwindow/knownroles.cpp mainwindow/knownroles.h
    mainwindow/mainactions.cpp mainwindow/mainactions.h
    mainwindow/mainwindow.cpp mainwindow/mainwindow.h
    mainwindow/newagentdialog.cpp mainwindow/newagentdialog.h
    mainwindow/sessionfiltermodel.cpp mainwindow/sessionfiltermodel.h
    mainwindow/sessionformat.cpp mainwindow/sessionformat.h
    history/historywindow.cpp history/historywindow.h
    settings/guisettings.cpp settings/guisettings.h
    settings/settingsdialog.cpp settings/settingsdialog.h
    style/icons.cpp style/icons.h
    style/palettecolors.cpp style/palettecolors.h
    style/theme.cpp style/theme.h
    # Icons (AUTORCC); registered with Q_INIT_RESOURCE(gui) in style/icons.cpp.
    ${PROJECT_SOURCE_DIR}/resources/gui.qrc
)
