#pragma once

#include <QStackedWidget>

class QTabWidget;

namespace chorus {

class ConsoleWidget;
class EmptyStateWidget;
class EngineClient;
class KnownRoles;
struct SessionInfo;

// The live consoles, one closable tab per agent, or a hint while none is open.
class ConsoleTabs : public QStackedWidget
{
    Q_OBJECT
public:
    ConsoleTabs(EngineClient *client, KnownRoles *roles, QWidget *parent = nullptr);

    // Opens (or brings forward) the agent's console.
    void openConsole(const QString &sessionId);
    void closeConsole(int index);
    void closeCurrent();
    void nextTab();
    void previousTab();

    int count() const;
    QString currentSessionId() const;
    ConsoleWidget *console(const QString &sessionId) const;
    QTabWidget *tabs() const { return m_tabs; }

Q_SIGNALS:
    // The agent whose console is in front, or empty when none is.
    void currentSessionChanged(const QString &sessionId);

private:
    int indexOf(const QString &sessionId) const;
    void updateTab(const SessionInfo &info);
    void updatePage();

    EngineClient *m_client;
    KnownRoles *m_roles;
    QTabWidget *m_tabs;
    EmptyStateWidget *m_hint;
};

} // namespace chorus
