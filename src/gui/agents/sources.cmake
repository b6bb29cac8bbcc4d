# The agent list (model, view, filter, formatting) and the New Agent dialog, shared by the main
# window and the other windows that show agents: added to chorus-gui-lib. The dialog's Designer
# form (forms/newagentdialog.ui) is found by AUTOUIC through CMAKE_AUTOUIC_SEARCH_PATHS.
target_sources(chorus-gui-lib PRIVATE
    agents/agentcommands.cpp agents/agentcommands.h
    agents/agentlistmodel.cpp agents/agentlistmodel.h
    agents/agentlistview.cpp agents/agentlistview.h
    agents/knownroles.cpp agents/knownroles.h
    agents/newagentdialog.cpp agents/newagentdialog.h
    agents/repositorygroupmodel.cpp agents/repositorygroupmodel.h
    agents/sessionfiltermodel.cpp agents/sessionfiltermodel.h
    agents/sessionformat.cpp agents/sessionformat.h
    agents/stopconfirmation.cpp agents/stopconfirmation.h
)
