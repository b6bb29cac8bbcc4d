#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace chorus {

class EngineClient;

namespace rpc {
struct ClaudeLocationReply;
}

// A strip above the main window's content that says why agents cannot run: Claude Code not
// found where the engine looks (what was tried, how to install it and log in), or not logged in
// (learned by the engine from a turn that failed for it). The engine launches the agents, so it
// is the engine that is asked (claude.locate with its own setting). Hidden when nothing is wrong.
class ClaudeBanner : public QFrame
{
    Q_OBJECT
public:
    ClaudeBanner(EngineClient *client, QWidget *parent = nullptr);

    // Asks the engine again; an older question's answer is dropped.
    void recheck();
    QString title() const;
    QString message() const;
    QPushButton *settingsButton() const { return m_settings; }
    QPushButton *recheckButton() const { return m_recheck; }

Q_SIGNALS:
    void settingsRequested();
    // The engine answered the latest check (the banner is shown or hidden accordingly).
    void checked();

protected:
    void changeEvent(QEvent *event) override;

private:
    void present(const rpc::ClaudeLocationReply &reply);
    void updateColors();

    EngineClient *m_client;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_text;
    QPushButton *m_settings;
    QPushButton *m_recheck;
    bool m_checking = false; // a question is out
    bool m_again = false;    // asked again meanwhile
};

} // namespace chorus
