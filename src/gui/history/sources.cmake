# The history window (past sessions, read-only from the database): added to chorus-gui-lib.
target_sources(chorus-gui-lib PRIVATE
    history/historywindow.cpp history/historywindow.h
)
