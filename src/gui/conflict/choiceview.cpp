#include "conflict/choiceview.h"

#include "common/highlighter.h"
#include "conflict/conflictlistmodel.h"
#include "style/palettecolors.h"

#include <QButtonGroup>
#include <QFontDatabase>
#include <QLabel>
#include <QLocale>
#include <QPlainTextDocumentLayout>
#include <QPlainTextEdit>
#include <QPointer>
#include <QRadioButton>
#include <QTextDocument>
#include <QVBoxLayout>

namespace chorus {

namespace {
constexpr qsizetype kMaxPreviewBytes = 1024 * 1024;
}

ChoiceView::ChoiceView(ConflictSet *set, QWidget *parent)
    : QWidget(parent), m_set(set), m_title(new QLabel(this)), m_explanation(new QLabel(this)),
      m_group(new QButtonGroup(this)), m_ours(new QRadioButton(this)), m_theirs(new QRadioButton(this)),
      m_delete(new QRadioButton(this)), m_previewLabel(new QLabel(this)), m_preview(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("conflictChoiceView"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_ours->setObjectName(QStringLiteral("choiceOurs"));
    m_theirs->setObjectName(QStringLiteral("choiceTheirs"));
    m_delete->setObjectName(QStringLiteral("choiceDelete"));
    m_group->addButton(m_ours, int(ConflictEntry::Choice::Ours));
    m_group->addButton(m_theirs, int(ConflictEntry::Choice::Theirs));
    m_group->addButton(m_delete, int(ConflictEntry::Choice::Delete));
    m_preview->setObjectName(QStringLiteral("choicePreview"));
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_explanation);
    layout->addSpacing(6);
    layout->addWidget(m_ours);
    layout->addWidget(m_theirs);
    layout->addWidget(m_delete);
    layout->addSpacing(6);
    layout->addWidget(m_previewLabel);
    layout->addWidget(m_preview, 1);
    layout->addStretch(0); // takes the room when there is no preview (see showPreview)
    m_layout = layout;

    connect(m_group, &QButtonGroup::idClicked, this, [this](int id) {
        if (m_index < 0)
            return;
        const auto choice = ConflictEntry::Choice(id);
        m_set->setChoice(m_index, choice);
        showPreview(choice);
    });
}

void ChoiceView::setNames(const QString &branch, const QString &target)
{
    m_branch = branch;
    m_target = target;
}

QRadioButton *ChoiceView::button(ConflictEntry::Choice choice) const
{
    switch (choice) {
    case ConflictEntry::Choice::Ours:
        return m_ours;
    case ConflictEntry::Choice::Theirs:
        return m_theirs;
    case ConflictEntry::Choice::Delete:
        return m_delete;
    case ConflictEntry::Choice::None:
        break;
    }
    return nullptr;
}

void ChoiceView::showEntry(int index)
{
    m_index = index;
    updateFromEntry();
}

void ChoiceView::updateFromEntry()
{
    if (m_index < 0 || m_index >= m_set->size())
        return;
    const ConflictEntry &e = m_set->at(m_index);
    const ConflictFile &f = e.file;
    const QLocale locale;
    m_title->setText(f.path);
    QString explanation = ConflictListModel::kindExplanation(f.kind);
    if (f.kind == QLatin1String("rename")) {
        explanation += QLatin1Char(' ') +
                       tr("Base: %1. Target: %2. Agent: %3. The merge keeps one file, under the target's "
                          "name %4: choose its version or delete it. To keep the agent's name, resolve "
                          "with an agent.")
                           .arg(f.ancestorPath.isEmpty() ? tr("none") : f.ancestorPath,
                                f.oursPath.isEmpty() ? tr("none") : f.oursPath,
                                f.theirsPath.isEmpty() ? tr("none") : f.theirsPath, f.path);
    } else if (!e.readError.isEmpty()) {
        explanation += QLatin1Char(' ') + tr("It cannot be merged line by line: %1").arg(e.readError);
    } else if (!e.isText) {
        explanation += QLatin1Char(' ') + tr("It is not a text file that can be merged line by line.");
    }
    m_explanation->setText(explanation);

    auto sizeOf = [&](const QByteArray &b) { return locale.formattedDataSize(b.size()); };
    const bool rename = f.kind == QLatin1String("rename");
    if (rename) { // the merge can only keep the file at f.path (the target's name)
        m_ours->setText(tr("Keep the target's version at %1 (%2)").arg(f.path, sizeOf(e.ours)));
        m_theirs->setText(tr("Keep the agent's version at %1 (%2)").arg(f.path, sizeOf(e.theirs)));
    } else {
        m_ours->setText(tr("Keep the target's version (%1, %2)").arg(m_target, sizeOf(e.ours)));
        m_theirs->setText(tr("Keep the agent's version (%1, %2)").arg(m_branch, sizeOf(e.theirs)));
    }
    if (rename)
        m_delete->setText(tr("Delete the file under every name"));
    else if (f.kind == QLatin1String("modify/delete"))
        m_delete->setText(tr("Delete the file, as the agent did"));
    else if (f.kind == QLatin1String("delete/modify"))
        m_delete->setText(tr("Delete the file, as the target did"));
    else
        m_delete->setText(tr("Delete the file"));
    m_ours->setVisible(e.canChoose(ConflictEntry::Choice::Ours));
    m_theirs->setVisible(e.canChoose(ConflictEntry::Choice::Theirs));

    m_group->setExclusive(false); // to clear the check when nothing was chosen yet
    for (QAbstractButton *b : m_group->buttons())
        b->setChecked(m_group->id(b) == int(e.choice));
    m_group->setExclusive(true);
    ConflictEntry::Choice shown = e.choice;
    if (shown == ConflictEntry::Choice::None)
        shown = e.canChoose(ConflictEntry::Choice::Ours) ? ConflictEntry::Choice::Ours : ConflictEntry::Choice::Theirs;
    showPreview(shown);
}

void ChoiceView::showPreview(ConflictEntry::Choice choice)
{
    const ConflictEntry &e = m_set->at(m_index);
    const bool ours = choice == ConflictEntry::Choice::Ours;
    const bool theirs = choice == ConflictEntry::Choice::Theirs;
    const QByteArray &bytes = ours ? e.ours : e.theirs;
    QString label;
    QString text;
    bool showText = false;
    if (!ours && !theirs) {
        label = tr("The file will be deleted.");
    } else if (!e.canChoose(choice)) {
        label = e.readError.isEmpty() ? tr("This side has no version of the file.") : e.readError;
    } else if (bytes.contains('\0') || bytes.size() > kMaxPreviewBytes) {
        label = ours ? tr("The target's version is binary (%1).").arg(QLocale().formattedDataSize(bytes.size()))
                     : tr("The agent's version is binary (%1).").arg(QLocale().formattedDataSize(bytes.size()));
    } else {
        label = ours ? tr("The target's version:") : tr("The agent's version:");
        text = QString::fromUtf8(bytes);
        showText = true;
    }
    m_previewLabel->setText(label);
    m_preview->setVisible(showText);
    m_layout->setStretch(m_layout->count() - 1, showText ? 0 : 1);
    // Documents are ours (children of this view), so the editor never deletes them itself.
    const QPointer<QTextDocument> old = m_preview->document();
    auto *doc = new QTextDocument(this);
    doc->setDocumentLayout(new QPlainTextDocumentLayout(doc));
    doc->setDefaultFont(m_preview->font());
    doc->setPlainText(text);
    Highlighter::attach(doc, {}, e.file.path, palette());
    m_preview->setDocument(doc);
    if (old && old->parent() == this)
        old->deleteLater();
}

} // namespace chorus
