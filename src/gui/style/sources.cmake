# Theme, palette colours and icons: added to chorus-gui-lib.
target_sources(chorus-gui-lib PRIVATE
    style/icons.cpp style/icons.h
    style/palettecolors.cpp style/palettecolors.h
    style/theme.cpp style/theme.h
    # Icons (AUTORCC); registered with Q_INIT_RESOURCE(gui) in style/icons.cpp.
    ${PROJECT_SOURCE_DIR}/resources/gui.qrc
)
