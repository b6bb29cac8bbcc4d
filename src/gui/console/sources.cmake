# The console (owned by the console work): added to chorus-gui-lib.
target_sources(chorus-gui-lib PRIVATE
    console/approvalbar.cpp console/approvalbar.h
    console/consoleinput.cpp console/consoleinput.h
    console/consolestyle.cpp console/consolestyle.h
    console/consolewidget.cpp console/consolewidget.h
    console/entryrenderer.cpp console/entryrenderer_fold.cpp console/entryrenderer_paint.cpp
    console/entryrenderer.h
    console/findbar.cpp console/findbar.h
    console/livestep.cpp console/livestep.h
    console/markdownstyle.cpp console/markdownstyle.h
    console/rowgeometry.cpp console/rowgeometry.h
    console/textfold.cpp console/textfold.h
    console/textviewerwindow.cpp console/textviewerwindow.h
    console/toolpresentation.cpp console/toolpresentation.h
    console/transcriptentry.h
    console/transcriptmodel.cpp console/transcriptmodel.h console/transcriptmodel_live.cpp
    console/transcriptview.cpp console/transcriptview_input.cpp console/transcriptview.h
)
