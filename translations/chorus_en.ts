<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Cli</name>
    <message numerus="yes">
        <location filename="../src/cli/commands.cpp" line="+159"/>
        <source>%1 is %2 after %n turn(s), $%3.</source>
        <translation>
            <numerusform>%1 is %2 after %n turn, $%3.</numerusform>
            <numerusform>%1 is %2 after %n turns, $%3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/gitcommands.cpp" line="+120"/>
        <source> %n file(s) changed, </source>
        <translation>
            <numerusform> %n file changed, </numerusform>
            <numerusform> %n files changed, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n insertion(s)(+), </source>
        <translation>
            <numerusform>%n insertion(+), </numerusform>
            <numerusform>%n insertions(+), </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n deletion(s)(-)</source>
        <translation>
            <numerusform>%n deletion(-)</numerusform>
            <numerusform>%n deletions(-)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+82"/>
        <source>      check output (last %n line(s)):
</source>
        <translation>
            <numerusform>      check output (last %n line):
</numerusform>
            <numerusform>      check output (last %n lines):
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/render.cpp" line="+33"/>
        <source>… (%n more lines)</source>
        <translation>
            <numerusform>… (%n more line)</numerusform>
            <numerusform>… (%n more lines)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/usagecommands.cpp" line="+291"/>
        <source>warning: %n transcript line(s) over 64 MiB were skipped.</source>
        <translation>
            <numerusform>warning: %n transcript line over 64 MiB was skipped.</numerusform>
            <numerusform>warning: %n transcript lines over 64 MiB were skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Git</name>
    <message numerus="yes">
        <location filename="../src/core/git/merge.cpp" line="+123"/>
        <source>, and %n more</source>
        <translation>
            <numerusform>, and %n more</numerusform>
            <numerusform>, and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+216"/>
        <source>the check did not finish in %n s</source>
        <translation>
            <numerusform>the check did not finish in %n s</numerusform>
            <numerusform>the check did not finish in %n s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GitJobs</name>
    <message numerus="yes">
        <location filename="../src/core/integration/mergequeue.cpp" line="+116"/>
        <source>%n commit(s) ahead, </source>
        <translation>
            <numerusform>%n commit ahead, </numerusform>
            <numerusform>%n commits ahead, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n behind %1</source>
        <translation>
            <numerusform>%n behind %1</numerusform>
            <numerusform>%n behind %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message numerus="yes">
        <location filename="../src/core/engine/scheduler.cpp" line="+12"/>
        <source>waiting for a free slot (%n running)</source>
        <translation>
            <numerusform>waiting for a free slot (%n running)</numerusform>
            <numerusform>waiting for a free slot (%n running)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewComment</name>
    <message numerus="yes">
        <location filename="../src/gui/review/reviewcomment.cpp" line="+57"/>
        <source>Review of your branch %1: please address these %n comment(s), then finish your turn.</source>
        <translation>
            <numerusform>Review of your branch %1: please address this comment, then finish your turn.</numerusform>
            <numerusform>Review of your branch %1: please address these %n comments, then finish your turn.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StartupSweep</name>
    <message numerus="yes">
        <location filename="../src/core/engine/startupsweep.cpp" line="+195"/>
        <source>left %n worktree folder(s) under %1 alone: no agent in this database owns them, and it has no agents at all (was it replaced?)</source>
        <translation>
            <numerusform>left %n worktree folder under %1 alone: no agent in this database owns it, and it has no agents at all (was it replaced?)</numerusform>
            <numerusform>left %n worktree folders under %1 alone: no agent in this database owns them, and it has no agents at all (was it replaced?)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+145"/>
        <source>ended %n process(es) left running by %1</source>
        <translation>
            <numerusform>ended %n process left running by %1</numerusform>
            <numerusform>ended %n processes left running by %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chorus::AgentListView</name>
    <message numerus="yes">
        <location filename="../src/gui/agents/agentlistview.cpp" line="+273"/>
        <source>Finished agents and agents idle for more than %n minute(s) are hidden: View → Show Finished Agents shows them.</source>
        <translation>
            <numerusform>Finished agents and agents idle for more than %n minute are hidden: View → Show Finished Agents shows them.</numerusform>
            <numerusform>Finished agents and agents idle for more than %n minutes are hidden: View → Show Finished Agents shows them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chorus::AgentStatusBar</name>
    <message numerus="yes">
        <location filename="../src/gui/mainwindow/agentstatusbar.cpp" line="+61"/>
        <source>%n running</source>
        <translation>
            <numerusform>%n running</numerusform>
            <numerusform>%n running</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n queued</source>
        <translation>
            <numerusform>%n queued</numerusform>
            <numerusform>%n queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chorus::BranchDelegate</name>
    <message numerus="yes">
        <location filename="../src/gui/review/branchdelegate.cpp" line="+141"/>
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chorus::BranchListModel</name>
    <message numerus="yes">
        <location filename="../src/gui/review/branchlistmodel.cpp" line="+130"/>
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chorus::ConflictListModel</name>
    <message numerus="yes">
        <location filename="../src/gui/conflict/conflictlistmodel.cpp" line="+83"/>
        <source>%n to resolve</source>
        <translation>
            <numerusform>%n to resolve</numerusform>
            <numerusform>%n to resolve</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chorus::ConflictWindow</name>
    <message numerus="yes">
        <location filename="../src/gui/conflict/conflictwindow.cpp" line="+386"/>
        <source>Conflicts these resolutions do not cover: %n. The branch or the target probably moved. The conflicts are computed again; what you resolved is kept where it still applies.</source>
        <translation>
            <numerusform>Conflicts these resolutions do not cover: %n. The branch or the target probably moved. The conflicts are computed again; what you resolved is kept where it still applies.</numerusform>
            <numerusform>Conflicts these resolutions do not cover: %n. The branch or the target probably moved. The conflicts are computed again; what you resolved is kept where it still applies.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chorus::ConsoleWidget</name>
    <message numerus="yes">
        <location filename="../src/gui/console/consolewidget.cpp" line="+397"/>
        <source>%n turn(s)</source>
        <translation>
            <numerusform>%n turn</numerusform>
            <numerusform>%n turns</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chorus::DiffView</name>
    <message numerus="yes">
        <location filename="../src/gui/review/diffview_paint.cpp" line="+116"/>
        <source>⋯ %n unchanged line(s)</source>
        <translation>
            <numerusform>⋯ %n unchanged line</numerusform>
            <numerusform>⋯ %n unchanged lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chorus::EntryRenderer</name>
    <message numerus="yes">
        <location filename="../src/gui/console/entryrenderer_fold.cpp" line="+32"/>
        <source>… %Ln more lines (%1 in all)</source>
        <translation>
            <numerusform>… %Ln more line (%1 in all)</numerusform>
            <numerusform>… %Ln more lines (%1 in all)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chorus::FindBar</name>
    <message numerus="yes">
        <location filename="../src/gui/console/findbar.cpp" line="+76"/>
        <source>%1 of %n</source>
        <translation>
            <numerusform>%1 of %n</numerusform>
            <numerusform>%1 of %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chorus::HistoryWindow</name>
    <message numerus="yes">
        <location filename="../src/gui/history/historywindow.cpp" line="+241"/>
        <source>Sessions: %n</source>
        <translation>
            <numerusform>Sessions: %n</numerusform>
            <numerusform>Sessions: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Sessions shown: %1 of %n</source>
        <translation>
            <numerusform>Sessions shown: %1 of %n</numerusform>
            <numerusform>Sessions shown: %1 of %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chorus::MainWindow</name>
    <message numerus="yes">
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="+285"/>
        <source>Engine lost — reconnecting in %n s…</source>
        <translation>
            <numerusform>Engine lost — reconnecting in %n s…</numerusform>
            <numerusform>Engine lost — reconnecting in %n s…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Chorus cannot reach its engine — trying again in %n s…</source>
        <translation>
            <numerusform>Chorus cannot reach its engine — trying again in %n s…</numerusform>
            <numerusform>Chorus cannot reach its engine — trying again in %n s…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chorus::NewAgentDialog</name>
    <message numerus="yes">
        <location filename="../src/gui/agents/newagentdialog.cpp" line="+271"/>
        <source>%n role file(s) could not be read and are not listed; `chorus roles` shows why.</source>
        <translation>
            <numerusform>%n role file could not be read and is not listed; `chorus roles` shows why.</numerusform>
            <numerusform>%n role files could not be read and are not listed; `chorus roles` shows why.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chorus::ReviewWindow</name>
    <message numerus="yes">
        <location filename="../src/gui/review/reviewwindow.cpp" line="+362"/>
        <source>Files · %1 of %n viewed</source>
        <translation>
            <numerusform>Files · %1 of %n viewed</numerusform>
            <numerusform>Files · %1 of %n viewed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/review/reviewwindow_actions.cpp" line="+52"/>
        <source>Sent %n comment(s) to %1. It works on them in its next turn; this diff follows when that turn is saved.</source>
        <translation>
            <numerusform>Sent %n comment to %1. It works on it in its next turn; this diff follows when that turn is saved.</numerusform>
            <numerusform>Sent %n comments to %1. It works on them in its next turn; this diff follows when that turn is saved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+113"/>
        <source>%1 conflicts with %2 in %n file(s): %3. Nothing was merged.</source>
        <translation>
            <numerusform>%1 conflicts with %2 in %n file: %3. Nothing was merged.</numerusform>
            <numerusform>%1 conflicts with %2 in %n files: %3. Nothing was merged.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chorus::SessionFilterModel</name>
    <message numerus="yes">
        <location filename="../src/gui/agents/sessionfiltermodel.cpp" line="+110"/>
        <source>%1 · %n agent(s)</source>
        <comment>a repository&apos;s folder name and its agents listed</comment>
        <translation>
            <numerusform>%1 · %n agent</numerusform>
            <numerusform>%1 · %n agents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chorus::TranscriptModel</name>
    <message numerus="yes">
        <location filename="../src/gui/console/transcriptmodel.cpp" line="+274"/>
        <source>Earlier events not shown — %n hidden</source>
        <translation>
            <numerusform>Earlier events not shown — %n hidden</numerusform>
            <numerusform>Earlier events not shown — %n hidden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chorus::TrayNotifier</name>
    <message numerus="yes">
        <location filename="../src/gui/notify/traynotifier.cpp" line="+48"/>
        <source>Chorus: %n agent(s) need you</source>
        <translation>
            <numerusform>Chorus: %n agent needs you</numerusform>
            <numerusform>Chorus: %n agents need you</numerusform>
        </translation>
    </message>
</context>
</TS>
