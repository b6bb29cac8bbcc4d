#pragma once

#include <QHash>
#include <QWidget>

class QVBoxLayout;

namespace chorus {

class EngineClient;
struct ApprovalInfo;

// The agent's pending permission requests, one card each with Allow / Allow for session /
// Deny. Answers go through EngineClient::answer(); a card goes away when the engine says
// the request is no longer pending (answered here, elsewhere, or cancelled by the CLI).
class ApprovalBar : public QWidget
{
    Q_OBJECT
public:
    ApprovalBar(EngineClient *client, const QString &sessionId, QWidget *parent = nullptr);

    int count() const { return int(m_cards.size()); }
    // Re-reads EngineClient::pendingApprovals() for the session.
    void refresh();

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *makeCard(const ApprovalInfo &a);
    void applyColours(QWidget *card);
    void answer(QWidget *card, qint64 id, bool allow, bool forSession);

    EngineClient *m_client;
    QString m_sessionId;
    QVBoxLayout *m_layout;
    QHash<qint64, QWidget *> m_cards;
};

} // namespace chorus
