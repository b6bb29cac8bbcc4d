#include "mainwindow/mainactions.h"

#include "style/icons.h"

#include <QAction>
#include <QActionGroup>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>

namespace chorus {

MainActions::MainActions(QMainWindow *window)
    : QObject(window), m_themes(new QActionGroup(this)), m_window(window)
{
    newAgent = make(tr("&New Agent…"), QStringLiteral("actionNewAgent"));
    newAgent->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    newAgent->setToolTip(tr("Start an agent on a task (%1)")
                             .arg(newAgent->shortcut().toString(QKeySequence::NativeText)));
    newAgent->setIconText(tr("New Agent"));

    openConsole = make(tr("&Open Console"), QStringLiteral("actionOpenConsole"));
    interrupt = make(tr("&Interrupt"), QStringLiteral("actionInterrupt"));
    interrupt->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    interrupt->setToolTip(tr("Interrupt the agent's current turn; it keeps its session (%1)")
                              .arg(interrupt->shortcut().toString(QKeySequence::NativeText)));
    stop = make(tr("&Stop"), QStringLiteral("actionStop"));
    stop->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
    stop->setToolTip(tr("Stop the agent's process; Resume continues it later (%1)")
                         .arg(stop->shortcut().toString(QKeySequence::NativeText)));
    resume = make(tr("&Resume"), QStringLiteral("actionResume"));
    resume->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)); // Ctrl+R: review
    resume->setToolTip(tr("Continue a stopped, interrupted or idle agent where it left off (%1)")
                           .arg(resume->shortcut().toString(QKeySequence::NativeText)));
    m_resumeToolTip = resume->toolTip();
    copyId = make(tr("&Copy Session Id"), QStringLiteral("actionCopyId"));

    history = make(tr("&History"), QStringLiteral("actionHistory"));
    history->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    history->setToolTip(tr("Every session, finished or not: filter, read, resume (%1)")
                            .arg(history->shortcut().toString(QKeySequence::NativeText)));
    settings = make(tr("&Settings…"), QStringLiteral("actionSettings"));
    settings->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Comma)});
    settings->setMenuRole(QAction::PreferencesRole);
    settings->setIconText(tr("Settings"));
    quit = make(tr("&Quit"), QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);
    quit->setToolTip(tr("Quit Chorus; the agents keep running in the engine"));

    nextAttention =
        make(tr("Next Agent &Needing Attention"), QStringLiteral("actionNextAttention"));
    nextAttention->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    nextAttention->setToolTip(
        tr("Open the console of the next agent that waits for you: an approval, a finished "
           "turn, a failure, a conflict (%1)")
            .arg(nextAttention->shortcut().toString(QKeySequence::NativeText)));
    nextTab = make(tr("Ne&xt Console"), QStringLiteral("actionNextTab"));
    nextTab->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_PageDown), QKeySequence(Qt::CTRL | Qt::Key_Tab)});
    previousTab = make(tr("Pre&vious Console"), QStringLiteral("actionPreviousTab"));
    previousTab->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_PageUp),
                               QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab)});
    closeTab = make(tr("&Close Console"), QStringLiteral("actionCloseTab"));
    closeTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    showFinished = make(tr("Show &Finished Agents"), QStringLiteral("actionShowFinished"));
    showFinished->setCheckable(true);
    about = make(tr("&About Chorus"), QStringLiteral("actionAbout"));
    about->setMenuRole(QAction::AboutRole);

    // Review (src/gui/review).
    review = make(tr("&Review Changes…"), QStringLiteral("actionReview"));
    review->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    review->setToolTip(tr("Review the agents' branches: diffs, comments, approval and merge (%1)")
                           .arg(review->shortcut().toString(QKeySequence::NativeText)));
    review->setIconText(tr("Review"));
    reviewAgent = make(tr("Re&view Changes"), QStringLiteral("actionReviewAgent"));
    reviewAgent->setToolTip(tr("Review this agent's branch"));
    resolveConflicts = make(tr("Resolve &Conflicts…"), QStringLiteral("actionResolveConflicts"));
    resolveConflicts->setToolTip(tr("Resolve this agent's merge conflicts with its target, by hand or with a resolver agent"));

    pinConsole = make(tr("&Pin Console"), QStringLiteral("actionPinConsole"));
    pinConsole->setCheckable(true);
    pinConsole->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    pinConsole->setToolTip(tr("Keep this console as a tab while you select other agents (%1)")
                               .arg(pinConsole->shortcut().toString(QKeySequence::NativeText)));
    archive = make(tr("&Archive…"), QStringLiteral("actionArchive"));
    archive->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    archive->setToolTip(tr("Stop the agent, remove its worktree (an unmerged branch is kept) and "
                           "leave it to History (%1)")
                            .arg(archive->shortcut().toString(QKeySequence::NativeText)));
    m_archiveToolTip = archive->toolTip();
    jumpToAgent = make(tr("&Jump to Agent…"), QStringLiteral("actionJumpToAgent"));
    jumpToAgent->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    jumpToAgent->setToolTip(tr("Type part of an agent's name to show its console (%1)")
                                .arg(jumpToAgent->shortcut().toString(QKeySequence::NativeText)));
    shortcuts = make(tr("&Keyboard Shortcuts"), QStringLiteral("actionShortcuts"));
    shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));

    themeSystem = make(tr("&System"), QStringLiteral("actionThemeSystem"));
    themeLight = make(tr("&Light"), QStringLiteral("actionThemeLight"));
    themeDark = make(tr("&Dark"), QStringLiteral("actionThemeDark"));
    for (auto [action, theme] :
         {std::pair{themeSystem, Theme::System}, std::pair{themeLight, Theme::Light},
          std::pair{themeDark, Theme::Dark}}) {
        action->setCheckable(true);
        m_themes->addAction(action);
        const Theme t = theme;
        connect(action, &QAction::triggered, this, [this, t] { Q_EMIT themeRequested(t); });
    }
    updateIcons();
}

QAction *MainActions::make(const QString &text, const QString &objectName)
{
    auto *a = new QAction(text, m_window);
    a->setObjectName(objectName);
    // Shortcuts work anywhere in the main window, including inside a console.
    a->setShortcutContext(Qt::WindowShortcut);
    m_window->addAction(a);
    return a;
}

void MainActions::updateIcons()
{
    newAgent->setIcon(icons::action(QStringLiteral("new")));
    openConsole->setIcon(icons::action(QStringLiteral("console")));
    interrupt->setIcon(icons::action(QStringLiteral("interrupt")));
    stop->setIcon(icons::action(QStringLiteral("stop")));
    resume->setIcon(icons::action(QStringLiteral("resume")));
    copyId->setIcon(icons::action(QStringLiteral("copy")));
    history->setIcon(icons::action(QStringLiteral("history")));
    review->setIcon(icons::action(QStringLiteral("review")));
    reviewAgent->setIcon(icons::action(QStringLiteral("review")));
    pinConsole->setIcon(icons::action(QStringLiteral("pin")));
    archive->setIcon(icons::action(QStringLiteral("archive")));
    settings->setIcon(icons::action(QStringLiteral("settings")));
}

void MainActions::setTheme(Theme theme)
{
    switch (theme) {
    case Theme::System:
        themeSystem->setChecked(true);
        break;
    case Theme::Light:
        themeLight->setChecked(true);
        break;
    case Theme::Dark:
        themeDark->setChecked(true);
        break;
    }
}

void MainActions::buildMenus(QMainWindow *window)
{
    QMenuBar *bar = window->menuBar();
    QMenu *file = bar->addMenu(tr("&File"));
    file->addAction(newAgent);
    file->addSeparator();
    file->addAction(settings);
    file->addSeparator();
    file->addAction(quit);

    QMenu *agent = bar->addMenu(tr("&Agent"));
    agent->addAction(jumpToAgent);
    agent->setObjectName(QStringLiteral("agentMenu"));
    agent->addAction(openConsole);
    agent->addAction(pinConsole);
    agent->addAction(nextAttention);
    agent->addSeparator();
    agent->addAction(interrupt);
    agent->addAction(stop);
    agent->addAction(resume);
    agent->addSeparator();
    agent->addAction(reviewAgent);
    agent->addAction(resolveConflicts);
    agent->addAction(copyId);
    agent->addSeparator();
    agent->addAction(archive);

    QMenu *view = bar->addMenu(tr("&View"));
    view->addAction(review);
    view->addAction(history);
    view->addAction(showFinished);
    view->addSeparator();
    view->addAction(nextTab);
    view->addAction(previousTab);
    view->addAction(closeTab);
    view->addSeparator();
    QMenu *theme = view->addMenu(tr("&Theme"));
    theme->addActions(m_themes->actions());

    QMenu *help = bar->addMenu(tr("&Help"));
    help->addAction(shortcuts);
    help->addSeparator();
    help->addAction(about);
}

QToolBar *MainActions::buildToolBar(QMainWindow *window)
{
    QToolBar *tb = window->addToolBar(tr("Main"));
    tb->setObjectName(QStringLiteral("mainToolBar"));
    tb->setMovable(false);
    tb->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tb->addAction(newAgent);
    tb->addSeparator();
    tb->addAction(interrupt);
    tb->addAction(stop);
    tb->addAction(resume);
    tb->addSeparator();
    tb->addAction(review);
    tb->addAction(history);
    tb->addAction(settings);
    return tb;
}

QList<QAction *> MainActions::agentContextActions() const
{
    return {openConsole, pinConsole, reviewAgent, resolveConflicts, nullptr, interrupt,
            stop,        resume,     nullptr,     copyId,           nullptr, archive};
}

void MainActions::setArchiveBlockedReason(const QString &why)
{
    archive->setToolTip(why.isEmpty() ? m_archiveToolTip : why);
}

void MainActions::setResumeBlockedReason(const QString &why)
{
    resume->setToolTip(why.isEmpty() ? m_resumeToolTip : why);
}

} // namespace chorus
