#pragma once

#include <QObject>

class QLabel;
class QStatusBar;

namespace chorus {

class EngineClient;
struct Error;

// The main window's status bar: how many agents run, wait in the queue and wait for a
// person or a rate limit; today's cost; and engine errors as transient messages.
class AgentStatusBar : public QObject
{
    Q_OBJECT
public:
    AgentStatusBar(EngineClient *client, QStatusBar *bar);

    // Recount (the client's signals call this; public for the window after a reconnect).
    void update();

    QLabel *runningLabel() const { return m_running; }
    QLabel *queuedLabel() const { return m_queued; }
    QLabel *waitingLabel() const { return m_waiting; }
    QLabel *costLabel() const { return m_cost; }
    QLabel *limitLabel() const { return m_limit; }

Q_SIGNALS:
    // "N waiting" was clicked: go to the next agent that needs the user.
    void waitingClicked();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showError(const Error &error);

    EngineClient *m_client;
    QStatusBar *m_bar;
    QLabel *m_running;
    QLabel *m_queued;
    QLabel *m_waiting;
    QLabel *m_cost;
    QLabel *m_limit; // the 5-hour window's use (hidden until Claude reported one)
    void updateLimits();
};

} // namespace chorus
