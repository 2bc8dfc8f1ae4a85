/* gettext for user-visible strings in the core and the front end. */
#ifndef TANDEM_I18N_H
#define TANDEM_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
