# The three-way conflict resolution window: added to chorus-gui-lib. threeway and
# conflictmarkers are pure (no widgets) and unit-tested on their own in tst_conflict.
target_sources(chorus-gui-lib PRIVATE
    conflict/choiceview.cpp conflict/choiceview.h
    conflict/conflictlistmodel.cpp conflict/conflictlistmodel.h
    conflict/conflictmarkers.cpp conflict/conflictmarkers.h
    conflict/conflictset.cpp conflict/conflictset.h
    conflict/conflictwindow.cpp conflict/conflictwindow.h
    conflict/mergetints.cpp conflict/mergetints.h
    conflict/textmergeview.cpp conflict/textmergeview.h conflict/textmergeview_navigation.cpp
    conflict/threeway.cpp conflict/threeway.h
)
