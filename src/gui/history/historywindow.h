#pragma once

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTreeView;

namespace chorus {

class AgentListModel;
class ConsoleWidget;
class EmptyStateWidget;
class EngineClient;
class KnownRoles;
class SessionFilterModel;

// Every session the engine has ever run: filter by role, state, text (name or task) and
// creation date; read a session's transcript (a read-only console); resume it.
class HistoryWindow : public QWidget
{
    Q_OBJECT
public:
    HistoryWindow(EngineClient *client, AgentListModel *model, KnownRoles *roles,
                  QWidget *parent = nullptr);
    ~HistoryWindow() override;

    // The selected session, or empty.
    QString currentSessionId() const;
    void selectSession(const QString &sessionId);

    // The parts, for tests.
    QTreeView *view() const { return m_view; }
    SessionFilterModel *proxy() const { return m_proxy; }
    QLineEdit *textFilter() const { return m_text; }
    QComboBox *roleFilter() const { return m_role; }
    QComboBox *stateFilter() const { return m_state; }
    QCheckBox *dateFilter() const { return m_dateEnabled; }
    QDateEdit *fromDate() const { return m_from; }
    QDateEdit *toDate() const { return m_to; }
    QPushButton *resumeButton() const { return m_resume; }
    ConsoleWidget *transcript() const { return m_transcript; }

Q_SIGNALS:
    // Show this session's live console in the main window.
    void consoleRequested(const QString &sessionId);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QWidget *buildFilterBar();
    QWidget *buildDetails();
    void fillRoles();
    void applyFilters();
    void showTranscript(const QString &sessionId);
    void updateDetails();
    void updateCount();
    void resumeCurrent();

    EngineClient *m_client;
    AgentListModel *m_model;
    KnownRoles *m_roles;
    SessionFilterModel *m_proxy;
    QLineEdit *m_text = nullptr;
    QComboBox *m_role = nullptr;
    QComboBox *m_state = nullptr;
    QCheckBox *m_dateEnabled = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QTreeView *m_view;
    QSplitter *m_splitter;
    QLabel *m_count;
    QLabel *m_title = nullptr;
    QPushButton *m_resume = nullptr;
    QPushButton *m_openLive = nullptr;
    QStackedWidget *m_transcriptPages = nullptr;
    EmptyStateWidget *m_transcriptHint = nullptr;
    QPointer<ConsoleWidget> m_transcript;
};

} // namespace chorus
