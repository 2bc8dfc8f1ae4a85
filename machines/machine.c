#include "machines/machine.h"

#include <string.h>

static const machine_ops *const registry[] = {
    &st_machine_ops,
    &q800_machine_ops,
};

const machine_ops *machine_find(const char *id)
{
    for (size_t i = 0; i < sizeof registry / sizeof registry[0]; i++)
        if (strcmp(registry[i]->id, id) == 0)
            return registry[i];
    return NULL;
}
