#pragma once

#include <QLocale>

class QCoreApplication;

namespace chorus {

// Installs Chorus's translations on `app`: the English plural forms ("%n file(s)" reads "1 file",
// "2 files") always, and the catalogue of `locale` over them when there is one. The catalogues
// are built into chorus-core (:/i18n); an installed share/chorus/translations next to the
// binary is used when the build has none for the locale. Missing catalogues leave English.
void installTranslations(QCoreApplication *app, const QLocale &locale = QLocale());

} // namespace chorus
