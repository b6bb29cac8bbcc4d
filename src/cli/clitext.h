#pragma once

#include <QCoreApplication>

namespace chorus::cli {

// The translation context of the CLI's messages: Cli::tr("...").
class Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

} // namespace chorus::cli
