# The review window (owned by the review work): added to chorus-gui-lib.
target_sources(chorus-gui-lib PRIVATE
    review/branchdelegate.cpp review/branchdelegate.h
    review/branchlistmodel.cpp review/branchlistmodel.h
    review/changecountdelegate.cpp review/changecountdelegate.h
    review/commenteditor.cpp review/commenteditor.h
    review/diffdocument.cpp review/diffdocument.h
    review/diffstyle.cpp review/diffstyle.h
    review/diffsyntax.cpp review/diffsyntax.h
    review/diffview.cpp review/diffview_comments.cpp review/diffview_input.cpp review/diffview_paint.cpp
    review/diffview.h
    review/diffview_p.h
    review/filetreemodel.cpp review/filetreemodel.h
    review/messagebar.cpp review/messagebar.h
    review/reviewcomment.cpp review/reviewcomment.h
    review/reviewstore.cpp review/reviewstore.h
    review/reviewwindow.cpp review/reviewwindow_actions.cpp review/reviewwindow_context.cpp
    review/reviewwindow_files.cpp
    review/reviewwindow.h
)
