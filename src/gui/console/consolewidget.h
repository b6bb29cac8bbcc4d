#pragma once

#include <QWidget>

namespace chorus {

class EngineClient;

// One agent's live console: its transcript (structured, not raw JSON), inline approval
// requests, an input box for follow-ups and interrupt / stop / resume buttons.
// readOnly: a finished session opened from History (no input box, no live updates needed).
class ConsoleWidget : public QWidget
{
    Q_OBJECT
public:
    ConsoleWidget(EngineClient *client, const QString &sessionId, QWidget *parent = nullptr,
                  bool readOnly = false);
    ~ConsoleWidget() override;

    QString sessionId() const { return m_sessionId; }

private:
    EngineClient *m_client;
    QString m_sessionId;
    bool m_readOnly;
};

} // namespace chorus
