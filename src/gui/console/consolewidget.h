#pragma once

#include "model/liveupdate.h"
#include "model/sessioninfo.h"
#include "model/storedevent.h"
#include "result.h"

#include <QList>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

class QAction;
class QHBoxLayout;
class QLabel;
class QPushButton;

namespace chorus {

class ApprovalBar;
class ConsoleInput;
class EngineClient;
class FindBar;
class TranscriptView;

// One agent's live console: its transcript (structured, not raw JSON), inline approval
// requests, an input box for follow-ups and interrupt / stop / resume buttons.
// readOnly: a finished session opened from History (no input box, no live updates needed).
class ConsoleWidget : public QWidget
{
    Q_OBJECT
public:
    // Events loaded when the console opens (the rest stays in the store).
    static constexpr int kTailEvents = 3000;

    ConsoleWidget(EngineClient *client, const QString &sessionId, QWidget *parent = nullptr,
                  bool readOnly = false);
    ~ConsoleWidget() override;

    QString sessionId() const { return m_sessionId; }
    bool isReadOnly() const { return m_readOnly; }
    TranscriptView *transcript() const { return m_view; }
    // False until the initial tail of the transcript has arrived.
    bool isLoaded() const { return m_loaded; }

    void showFindBar();
    // A button for `action` at the end of the header (the main window's Pin).
    void addHeaderAction(QAction *action);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildHeader(QWidget *header);
    void buildInput(QWidget *box);
    void load();
    void onEvents(const QString &sessionId, const QList<StoredEvent> &events);
    void onSessionChanged(const SessionInfo &info);
    // events.partial: the unfinished message into the transcript, the step into the live line.
    void onLive(const LiveUpdate &update);
    void updateLiveLine();
    void clearLive();
    void updateState();
    void send();
    void resume();
    using Done = std::function<void(const Status &)>;
    void runCommand(QPushButton *button, const std::function<void(Done)> &command);
    void showError(const QString &text);
    // Fetches what was stored after the last event shown, then what arrived meanwhile.
    void catchUp();
    void search(bool backward, bool again);
    void updateEmptyText();
    void applyColours();

    QPointer<EngineClient> m_client;
    QString m_sessionId;
    bool m_readOnly;
    bool m_loaded = false;
    bool m_watching = false;
    QList<StoredEvent> m_early; // live events that came before the tail
    TranscriptView *m_view = nullptr;
    FindBar *m_findBar = nullptr;
    ApprovalBar *m_approvals = nullptr;
    ConsoleInput *m_input = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_interrupt = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_resume = nullptr;
    QHBoxLayout *m_header = nullptr;
    QLabel *m_stateDot = nullptr;
    QLabel *m_stateText = nullptr;
    QLabel *m_error = nullptr;
    bool m_catchingUp = false;        // a fetch fills a gap: live events wait in m_early
    bool m_showingStateError = false; // m_error shows the session's own error (storage, launch)
    LiveStep m_step;                  // what the agent does now (kind empty: nothing live)
    QString m_turnStartedAt;          // when its turn began (UTC)
    QTimer m_liveClock;               // moves the live line's times on, each second while live
};

} // namespace chorus
