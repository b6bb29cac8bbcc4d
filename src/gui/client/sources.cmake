# How the GUI reaches its data: the engine client (JSON-RPC over the control socket) and the
# small JSON files of its own (review comments, conflict resolutions): added to chorus-gui-lib.
target_sources(chorus-gui-lib PRIVATE
    client/engineclient.cpp client/engineclient.h
    client/enginereconnect.cpp client/enginereconnect.h
    client/jsonfile.cpp client/jsonfile.h
)
