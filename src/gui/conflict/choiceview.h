#pragma once

#include "conflict/conflictset.h"

#include <QWidget>

class QButtonGroup;
class QLabel;
class QPlainTextEdit;
class QRadioButton;
class QVBoxLayout;

namespace chorus {

// A file that is not merged line by line (binary, deleted on one side, renamed differently,
// unreadable): the user keeps the target's version, the agent's, or deletes the file. A file
// the target and the agent renamed differently is kept under the name the user chooses, the
// target's or the agent's. A preview shows the version chosen.
class ChoiceView : public QWidget
{
    Q_OBJECT
public:
    explicit ChoiceView(ConflictSet *set, QWidget *parent = nullptr);

    void setNames(const QString &branch, const QString &target);
    void showEntry(int index);

    QRadioButton *button(ConflictEntry::Choice choice) const;
    QRadioButton *nameButton(ConflictEntry::Name name) const;
    QLabel *explanation() const { return m_explanation; }
    QPlainTextEdit *preview() const { return m_preview; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateFromEntry();
    void elideNames();
    void showPreview(ConflictEntry::Choice choice);

    ConflictSet *m_set;
    int m_index = -1;
    QString m_branch, m_target;
    QLabel *m_title;
    QLabel *m_explanation;
    QButtonGroup *m_group;
    QRadioButton *m_ours;
    QRadioButton *m_theirs;
    QRadioButton *m_delete;
    QWidget *m_names; // rename conflicts: the name the kept version gets
    QButtonGroup *m_nameGroup;
    QRadioButton *m_targetName;
    QRadioButton *m_agentName;
    QLabel *m_previewLabel;
    QPlainTextEdit *m_preview;
    QVBoxLayout *m_layout = nullptr;
};

} // namespace chorus
