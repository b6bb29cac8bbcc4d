# The three-way conflict resolution window: added to chorus-gui-lib. Its model of a conflict
# (git/threeway, git/conflictmarkers) is in chorus-core.
target_sources(chorus-gui-lib PRIVATE
    conflict/choiceview.cpp conflict/choiceview.h
    conflict/conflictlistmodel.cpp conflict/conflictlistmodel.h
    conflict/conflictset.cpp conflict/conflictset.h
    conflict/conflictwindow.cpp conflict/conflictwindow.h
    conflict/mergetints.cpp conflict/mergetints.h
    conflict/textmergeview.cpp conflict/textmergeview.h conflict/textmergeview_navigation.cpp
)
