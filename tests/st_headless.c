/* The headless runner without the GTK program: what the boot tests run. */
#include "machines/headless.h"

int main(int argc, char **argv)
{
    return headless_main(argc, argv);
}
