# Widgets and helpers more than one window uses (syntax highlighting: KSyntaxHighlighting when
# found, else the built-in one; the empty-state page): added to chorus-gui-lib.
target_sources(chorus-gui-lib PRIVATE
    widgets/builtinhighlighter.cpp widgets/builtinhighlighter.h
    widgets/emptystatewidget.cpp widgets/emptystatewidget.h
    widgets/highlighter.cpp widgets/highlighter.h
)
