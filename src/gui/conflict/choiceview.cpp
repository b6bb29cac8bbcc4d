#include "conflict/choiceview.h"

#include "conflict/conflictlistmodel.h"
#include "style/palettecolors.h"
#include "widgets/highlighter.h"

#include <QButtonGroup>
#include <QEvent>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QLabel>
#include <QLocale>
#include <QPlainTextDocumentLayout>
#include <QPlainTextEdit>
#include <QPointer>
#include <QRadioButton>
#include <QStyle>
#include <QTextDocument>
#include <QVBoxLayout>

#include <algorithm>

namespace chorus {

namespace {
constexpr qsizetype kMaxPreviewBytes = 1024 * 1024;

// `format` with `path` for %1, the path elided in the middle to fit the button: a long path
// must not make the page wider than the window. The tooltip has the whole path.
void setPathText(QRadioButton *b, const QString &format, const QString &path)
{
    const QFontMetrics fm(b->font());
    const int indicator = b->style()->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth, nullptr, b) +
                          b->style()->pixelMetric(QStyle::PM_RadioButtonLabelSpacing, nullptr, b);
    const int room = b->width() - indicator - fm.horizontalAdvance(format.arg(QString())) - fm.averageCharWidth();
    b->setText(format.arg(fm.elidedText(path, Qt::ElideMiddle, std::max(room, fm.averageCharWidth() * 12))));
    b->setToolTip(path);
}
} // namespace

ChoiceView::ChoiceView(ConflictSet *set, QWidget *parent)
    : QWidget(parent), m_set(set), m_title(new QLabel(this)), m_explanation(new QLabel(this)),
      m_group(new QButtonGroup(this)), m_ours(new QRadioButton(this)), m_theirs(new QRadioButton(this)),
      m_delete(new QRadioButton(this)), m_names(new QWidget(this)), m_nameGroup(new QButtonGroup(this)),
      m_targetName(new QRadioButton(m_names)), m_agentName(new QRadioButton(m_names)), m_previewLabel(new QLabel(this)),
      m_preview(new QPlainTextEdit(this))
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
    m_targetName->setObjectName(QStringLiteral("choiceTargetName"));
    m_agentName->setObjectName(QStringLiteral("choiceAgentName"));
    m_nameGroup->addButton(m_targetName, int(ConflictEntry::Name::Target));
    m_nameGroup->addButton(m_agentName, int(ConflictEntry::Name::Agent));
    for (QRadioButton *b : {m_targetName, m_agentName}) { // elided to the room there is
        b->setSizePolicy(QSizePolicy::Ignored, b->sizePolicy().verticalPolicy());
        b->installEventFilter(this);
    }
    auto *namesLayout = new QVBoxLayout(m_names);
    namesLayout->setContentsMargins(0, 6, 0, 0);
    namesLayout->addWidget(new QLabel(tr("Name:"), m_names));
    namesLayout->addWidget(m_targetName);
    namesLayout->addWidget(m_agentName);
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
    layout->addWidget(m_names);
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
        m_names->setEnabled(choice != ConflictEntry::Choice::Delete); // a deleted file has no name
        showPreview(choice);
    });
    connect(m_nameGroup, &QButtonGroup::idClicked, this, [this](int id) {
        if (m_index < 0)
            return;
        m_set->setName(m_index, ConflictEntry::Name(id));
        updateFromEntry(); // the labels and the preview's highlighting follow the name
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

QRadioButton *ChoiceView::nameButton(ConflictEntry::Name name) const
{
    return name == ConflictEntry::Name::Agent ? m_agentName : m_targetName;
}

bool ChoiceView::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize && (watched == m_targetName || watched == m_agentName))
        elideNames();
    return QWidget::eventFilter(watched, event);
}

void ChoiceView::elideNames()
{
    if (m_index < 0 || m_index >= m_set->size() || !m_set->at(m_index).hasNameChoice())
        return;
    const ConflictFile &f = m_set->at(m_index).file;
    setPathText(m_targetName, tr("The target's name: %1"), f.oursPath);
    setPathText(m_agentName, tr("The agent's name: %1"), f.theirsPath);
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
    const bool rename = f.kind == QLatin1String("rename");
    const bool nameChoice = e.hasNameChoice();
    if (rename) {
        explanation += QLatin1Char(' ') + tr("Base: %1. Target: %2. Agent: %3.")
                                              .arg(f.ancestorPath.isEmpty() ? tr("none") : f.ancestorPath,
                                                   f.oursPath.isEmpty() ? tr("none") : f.oursPath,
                                                   f.theirsPath.isEmpty() ? tr("none") : f.theirsPath);
        const QString keeps = nameChoice
                                  ? tr("The merge keeps one file: choose its version and its name, or delete it.")
                                  : tr("The merge keeps one file, at %1: choose its version or delete it.").arg(f.path);
        explanation += QLatin1Char(' ') + keeps;
    } else if (!e.readError.isEmpty()) {
        explanation += QLatin1Char(' ') + tr("It cannot be merged line by line: %1").arg(e.readError);
    } else if (!e.isText) {
        explanation += QLatin1Char(' ') + tr("It is not a text file that can be merged line by line.");
    }
    m_explanation->setText(explanation);

    auto sizeOf = [&](const QByteArray &b) { return locale.formattedDataSize(b.size()); };
    if (rename && !nameChoice) { // the file can only be kept at f.path
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
    m_names->setVisible(nameChoice);
    if (nameChoice) {
        elideNames();
        nameButton(e.name)->setChecked(true);
        m_names->setEnabled(e.choice != ConflictEntry::Choice::Delete);
    }
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
    Highlighter::attach(doc, {}, e.resolvedPath(), palette());
    m_preview->setDocument(doc);
    if (old && old->parent() == this)
        old->deleteLater();
}

} // namespace chorus
