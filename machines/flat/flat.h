/* The flat machine behind tandem-run: one RAM block, a supervisor-only port
 * through which small stubs in low RAM report TRAP #0 and unhandled
 * exceptions, and Linux/m68k system call emulation.
 *
 * Guest memory map (the same for the 68000 and the 68040):
 *     0x000000-0x0003FF  exception vectors (plain RAM: programs may install handlers)
 *     0x000400-0x00040F  TRAP #0 stub:  move.l d0,(FLAT_PORT_SYSCALL).l ; rte
 *     0x000800-0x000FFF  one stub per vector: move.w #vector,(FLAT_PORT_EXCEPTION).l
 *     0x001000-0x007FFF  supervisor stack (SSP starts at 0x8000)
 *     0x008000-0xFEFFFF  program segments, heap (brk), user stack from the top
 *     0xFF0000-0xFF00FF  the port (supervisor only)
 * The program runs in user mode.  Handlers it installs run in supervisor mode.
 */
#ifndef TANDEM_FLAT_H
#define TANDEM_FLAT_H

#include <stdbool.h>
#include <stdint.h>

#include "m68k/m68k.h"
#include "machines/flat/elf.h"
#include "mem/mem.h"

#define FLAT_VECTORS 0x000000u
#define FLAT_TRAP0_STUB 0x000400u
#define FLAT_EXC_STUBS 0x000800u
#define FLAT_SSP 0x008000u
#define FLAT_LOAD_LO 0x008000u
#define FLAT_RAM_END 0xFF0000u
#define FLAT_PORT 0xFF0000u
#define FLAT_PORT_SIZE 0x100u
#define FLAT_PORT_SYSCALL (FLAT_PORT + 0)
#define FLAT_PORT_EXCEPTION (FLAT_PORT + 4)
#define FLAT_STACK_RESERVE 0x100000u /* brk stops this far below the stack top */

enum flat_event { FLAT_EV_NONE, FLAT_EV_SYSCALL, FLAT_EV_EXCEPTION };

typedef struct flat_machine {
    mem_space *mem;
    m68k_cpu *cpu;
    mem_backing *ram;
    enum flat_event event; /* set by the port, handled between m68k_run slices */
    unsigned event_vector;
    uint32_t brk_start, brk_cur, brk_limit;
    bool exited;
    int exit_status;
} flat_machine;

/* Build the machine for `model` (68000: 24-bit bus; 68040: 32-bit).  Returns
 * NULL with a message in err. */
flat_machine *flat_new(m68k_model model, char *err, size_t errlen);
void flat_free(flat_machine *m);

/* Copy the program's segments, build the initial user stack (argc, argv,
 * an empty environment, auxv) and point the CPU at the entry in user mode. */
bool flat_load(flat_machine *m, const uint8_t *file, size_t size, int argc, char **argv,
               char *err, size_t errlen);

/* 68040 only: turn the MMU on with 4 KB pages mapping the whole map onto
 * itself (tables in the supervisor stack area, 0x2000-0x63FF, the same for
 * user and supervisor), so that every TLB miss walks the tables.  For
 * `make bench`'s MMU-on runs.  False with a message in err. */
bool flat_enable_mmu(flat_machine *m, char *err, size_t errlen);

/* Handle a pending port event.  Returns false when the run is over: the guest
 * exited (m->exited), or an error was printed (status in m->exit_status). */
bool flat_service(flat_machine *m);

#endif
