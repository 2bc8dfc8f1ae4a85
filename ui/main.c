/* tandem: the desktop program.  `tandem --headless ...` runs the same machines
 * without a window (machines/headless.c); it must work with no display, so it
 * is dispatched before GTK is touched. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "machines/headless.h"
#include "machines/i18n.h"
#include "ui/app.h"

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    bindtextdomain(PACKAGE, LOCALEDIR);
    bind_textdomain_codeset(PACKAGE, "UTF-8");
    textdomain(PACKAGE);

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "--headless") == 0)
            return headless_main(argc, argv);
    }
    return ui_app_run(argc, argv, machine_find);
}
