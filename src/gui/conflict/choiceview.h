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
// unreadable): the user keeps the target's version, the agent's, or deletes the file. A
// preview shows the version chosen.
class ChoiceView : public QWidget
{
    Q_OBJECT
public:
    explicit ChoiceView(ConflictSet *set, QWidget *parent = nullptr);

    void setNames(const QString &branch, const QString &target);
    void showEntry(int index);
    int entryIndex() const { return m_index; }

    QRadioButton *button(ConflictEntry::Choice choice) const;
    QPlainTextEdit *preview() const { return m_preview; }

private:
    void updateFromEntry();
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
    QLabel *m_previewLabel;
    QPlainTextEdit *m_preview;
    QVBoxLayout *m_layout = nullptr;
};

} // namespace chorus
