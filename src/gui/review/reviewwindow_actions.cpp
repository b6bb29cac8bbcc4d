// ReviewWindow: what to do about a branch: request changes, approve, merge.
#include "review/reviewwindow.h"

#include "client/engineclient.h"
#include "review/branchlistmodel.h"
#include "review/messagebar.h"
#include "review/reviewstore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>

namespace chorus {

void ReviewWindow::requestChanges()
{
    m_view->submitOpenEditor();
    const ReviewBranch *b = m_branchModel->branch(m_agent);
    ReviewStore *s = store(m_agent);
    if (!b || !s || s->comments().isEmpty())
        return;
    const QList<ReviewComment> comments = s->comments();
    QStringList ids;
    for (const ReviewComment &c : comments)
        ids << c.id;
    const QString text = changeRequestText(b->branch, comments);
    const QString agent = m_agent, name = b->name;
    m_request->setEnabled(false);
    QPointer<ReviewWindow> self(this);
    m_client->send(agent, text, [self, agent, name, ids, text](const Status &sent) {
        if (!self)
            return;
        if (!sent) {
            self->m_message->showMessage(
                MessageBar::Kind::Error,
                tr("Your comments were not sent to %1: %2\nThey are kept; try again.")
                    .arg(name, sent.error().toString()));
            self->updateActions();
            return;
        }
        ReviewStore *notes = self->store(agent);
        if (Status st = notes->markSent(ids, text); !st)
            self->showStoreError(st.error());
        if (agent == self->m_agent)
            self->m_view->setComments(notes->shownComments(self->m_file));
        self->m_message->showMessage(
            MessageBar::Kind::Success,
            tr("Sent %n comment(s) to %1. It works on them in its next turn; this "
               "diff follows when that turn is saved.",
               nullptr, int(ids.size()))
                .arg(name));
        self->updateActions();
    });
}

void ReviewWindow::toggleApproval()
{
    const ReviewBranch *b = m_branchModel->branch(m_agent);
    if (!b)
        return;
    const bool approve = !b->approved;
    const QString name = b->name, branch = b->branch;
    m_approve->setEnabled(false);
    QPointer<ReviewWindow> self(this);
    m_client->approveMerge(m_agent, approve, [self, approve, name, branch](const Status &s) {
        if (!self)
            return;
        if (!s)
            self->m_message->showMessage(MessageBar::Kind::Error, s.error().toString());
        else
            self->m_message->showMessage(MessageBar::Kind::Information,
                                         approve
                                             ? tr("%1 is approved for merging.").arg(branch)
                                             : tr("The approval of %1 was withdrawn.").arg(branch));
        self->updateActions();
    });
}

void ReviewWindow::confirmMerge()
{
    const ReviewBranch *b = m_branchModel->branch(m_agent);
    if (!b || m_merging)
        return;
    auto *box =
        new QMessageBox(QMessageBox::Question, tr("Merge %1").arg(b->branch),
                        tr("Merge %1 into %2 now?")
                            .arg(b->branch, b->target.isEmpty() ? tr("its target") : b->target),
                        QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("reviewMergeConfirm"));
    box->setInformativeText(tr("Strategy: auto — a merge commit made by Chorus after it saves %1's "
                               "latest work. If the merge has "
                               "conflicts, nothing changes.")
                                .arg(b->name));
    QPushButton *merge = box->addButton(tr("Merge"), QMessageBox::AcceptRole);
    box->setDefaultButton(merge);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const QString agent = m_agent;
    connect(box, &QMessageBox::buttonClicked, this, [this, merge, agent](QAbstractButton *clicked) {
        if (clicked == merge)
            runMerge(agent);
    });
    box->open();
}

void ReviewWindow::runMerge(const QString &sessionId)
{
    const ReviewBranch *b = m_branchModel->branch(sessionId);
    if (!b)
        return;
    m_merging = true;
    updateActions();
    m_message->showMessage(MessageBar::Kind::Information,
                           tr("Merging %1 into %2…")
                               .arg(b->branch, b->target.isEmpty() ? tr("its target") : b->target));
    QJsonObject options{{QStringLiteral("repo"), b->repo},
                        {QStringLiteral("strategy"), QStringLiteral("auto")}};
    if (!b->target.isEmpty())
        options.insert(QStringLiteral("into"), b->target);
    const QString name = b->name;
    QPointer<ReviewWindow> self(this);
    m_client->mergeAgents({name}, options, [self, name](const Result<QJsonObject> &r) {
        if (!self)
            return;
        self->m_merging = false;
        if (!r)
            self->m_message->showMessage(MessageBar::Kind::Error,
                                         tr("Not merged: %1").arg(r.error().toString()));
        else
            self->showMergeResult(name, *r);
        self->updateActions();
    });
}

void ReviewWindow::showMergeResult(const QString &name, const QJsonObject &result)
{
    const QJsonArray items = result.value(QLatin1String("items")).toArray();
    if (items.isEmpty()) {
        m_message->showMessage(MessageBar::Kind::Warning,
                               tr("The engine merged nothing for %1.").arg(name));
        return;
    }
    const QJsonObject item = items.first().toObject();
    const QString state = item.value(QLatin1String("state")).toString();
    const QJsonObject outcome = item.value(QLatin1String("outcome")).toObject();
    const QString branch = item.value(QLatin1String("branch")).toString();
    const QString target = outcome.value(QLatin1String("target")).toString();
    const QString message = item.value(QLatin1String("message")).toString();
    if (state == QLatin1String("merged")) {
        const QString commit = outcome.value(QLatin1String("targetAfter")).toString().left(10);
        m_message->showMessage(MessageBar::Kind::Success,
                               tr("Merged %1 into %2 (now at %3).").arg(branch, target, commit));
    } else if (state == QLatin1String("up-to-date")) {
        m_message->showMessage(MessageBar::Kind::Success,
                               tr("%1 was already merged into %2.").arg(branch, target));
    } else if (state == QLatin1String("conflict")) {
        QStringList files;
        for (const QJsonValue &c : outcome.value(QLatin1String("conflicts")).toArray())
            files << c.toObject().value(QLatin1String("path")).toString();
        const QString id = item.value(QLatin1String("sessionId")).toString();
        m_message->showMessage(MessageBar::Kind::Error,
                               tr("%1 conflicts with %2 in %n file(s): %3. Nothing was merged.",
                                  nullptr, int(files.size()))
                                   .arg(branch, target, files.join(QStringLiteral(", "))),
                               tr("Resolve Conflicts…"),
                               [this, id, target] { Q_EMIT resolveConflictsRequested(id, target); });
    } else {
        const QString reason = outcome.value(QLatin1String("reason")).toString();
        m_message->showMessage(
            MessageBar::Kind::Warning,
            tr("Not merged (%1): %2").arg(state, reason.isEmpty() ? message : reason));
    }
}

void ReviewWindow::showLastMerge(const QString &sessionId)
{
    QPointer<ReviewWindow> self(this);
    m_client->mergeHistory(sessionId, [self, sessionId](const Result<QJsonArray> &history) {
        if (!self || !history || sessionId != self->m_agent || self->m_message->isVisible())
            return;
        QJsonObject last;
        for (const QJsonValue &v : *history)
            if (v.toObject().value(QLatin1String("kind")).toString() == QLatin1String("merge"))
                last = v.toObject();
        if (last.isEmpty())
            return;
        const QString state = last.value(QLatin1String("state")).toString();
        const QString target = last.value(QLatin1String("target")).toString();
        const QDateTime at =
            QDateTime::fromString(last.value(QLatin1String("ts")).toString(), Qt::ISODateWithMs);
        const QString when = QLocale().toString(at.toLocalTime(), QLocale::ShortFormat);
        if (state == QLatin1String("merged") || state == QLatin1String("up-to-date")) {
            self->m_message->showMessage(MessageBar::Kind::Information,
                                         tr("Merged into %1 on %2.").arg(target, when));
            return;
        }
        const QJsonObject detail = last.value(QLatin1String("detail")).toObject();
        QStringList files;
        for (const QJsonValue &c : detail.value(QLatin1String("conflicts")).toArray())
            files << c.toObject().value(QLatin1String("path")).toString();
        const QString why = !files.isEmpty()
                                ? tr("conflicts in %1").arg(files.join(QStringLiteral(", ")))
                                : detail.value(QLatin1String("reason")).toString();
        ReviewWindow *window = self.data();
        self->m_message->showMessage(MessageBar::Kind::Warning,
                                     tr("The last merge into %1 (%2) did not happen (%3): %4")
                                         .arg(target, when, state, why),
                                     files.isEmpty() ? QString() : tr("Resolve Conflicts…"),
                                     [window, sessionId, target] {
                                         Q_EMIT window->resolveConflictsRequested(sessionId, target);
                                     });
    });
}

void ReviewWindow::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier) {
        close();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace chorus
