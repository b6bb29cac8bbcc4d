#include "agents/stopconfirmation.h"

#include "settings/guisettings.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>

namespace chorus {

namespace {
class StopText
{
    Q_DECLARE_TR_FUNCTIONS(chorus::StopConfirmation)
};
} // namespace

bool stopCutsTurn(const SessionInfo &agent)
{
    return isActive(agent.state);
}

void confirmStop(QWidget *parent, const SessionInfo &agent, bool interrupt,
                 std::function<void()> go)
{
    if (!stopCutsTurn(agent) || !guisettings::confirmStop()) {
        go();
        return;
    }
    const QString name = agent.name.isEmpty() ? agent.id.left(8) : agent.name;
    auto *box = new QMessageBox(
        QMessageBox::Question,
        interrupt ? StopText::tr("Interrupt %1").arg(name) : StopText::tr("Stop %1").arg(name),
        interrupt ? StopText::tr("%1 is working on a turn. Interrupt it now?").arg(name)
                  : StopText::tr("%1 is working on a turn. Stop it now?").arg(name),
        QMessageBox::Cancel, parent);
    box->setObjectName(QStringLiteral("stopConfirmation"));
    box->setInformativeText(
        interrupt
            ? StopText::tr("The turn ends where it is; what the agent wrote so far is kept and it "
                           "takes your next message.")
            : StopText::tr("The turn ends where it is and the agent's process ends; its work is "
                           "kept and Resume continues it later."));
    QPushButton *yes = box->addButton(interrupt ? StopText::tr("Interrupt") : StopText::tr("Stop"),
                                      QMessageBox::AcceptRole);
    box->setDefaultButton(yes);
    auto *dontAsk =
        new QCheckBox(StopText::tr("Do not ask again (Settings can turn it back on)"), box);
    dontAsk->setObjectName(QStringLiteral("stopConfirmationDontAsk"));
    box->setCheckBox(dontAsk);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QMessageBox::buttonClicked, box,
                     [yes, dontAsk, go = std::move(go)](QAbstractButton *clicked) {
                         if (clicked != yes)
                             return;
                         if (dontAsk->isChecked())
                             guisettings::setConfirmStop(false);
                         go();
                     });
    box->open();
}

} // namespace chorus
