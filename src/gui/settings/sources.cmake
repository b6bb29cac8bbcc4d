# The Settings dialog and the GUI's own settings: added to chorus-gui-lib. The dialog's Designer
# form (forms/settingsdialog.ui) is found by AUTOUIC through CMAKE_AUTOUIC_SEARCH_PATHS.
target_sources(chorus-gui-lib PRIVATE
    settings/guisettings.cpp settings/guisettings.h
    settings/settingsdialog.cpp settings/settingsdialog.h
    settings/toolcommands.cpp settings/toolcommands.h
)
