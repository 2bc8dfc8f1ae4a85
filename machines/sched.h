/* The shared cycle scheduler.  Time is an absolute count of the machine's CPU
 * clock cycles.  Devices own their events (with a stable name, for save states)
 * and schedule only expiries; values such as timer counters are computed from
 * the current time when read (STYLE.md 11). */
#ifndef TANDEM_SCHED_H
#define TANDEM_SCHED_H

#include <stdbool.h>
#include <stdint.h>

typedef struct sched sched;
typedef struct sched_event sched_event;
typedef void (*sched_fn)(void *ctx, int64_t when);

struct sched_event {
    const char *name; /* stable, e.g. "mfp.timer_a" */
    sched_fn fn;
    void *ctx;
    int64_t when;
    bool active;
    sched_event *next;
};

struct sched {
    int64_t base;        /* time at the start of the current CPU slice */
    sched_event *head;   /* pending events, earliest first */
    /* Cycles run so far inside the current slice (the CPU's progress), so that
     * devices accessed mid-slice see the exact time.  NULL: 0. */
    int32_t (*progress)(const void *ctx);
    const void *progress_ctx;
    /* Called when an event is added that is due before the current slice ends,
     * so the machine can shorten the slice (typically m68k_end_run). */
    void (*preempt)(void *ctx);
    void *preempt_ctx;
    int64_t slice_end;
};

void sched_init(sched *s);
void sched_event_init(sched_event *ev, const char *name, sched_fn fn, void *ctx);
/* The current time: slice start plus the CPU's progress. */
int64_t sched_now(const sched *s);
/* Schedule (or reschedule) at absolute time `when`. */
void sched_at(sched *s, sched_event *ev, int64_t when);
void sched_cancel(sched *s, sched_event *ev);
/* Time of the earliest pending event, or INT64_MAX. */
int64_t sched_next(const sched *s);
/* Fire every event due at or before `t`, in time order, and set base = t. */
void sched_advance(sched *s, int64_t t);

/* Run `cpu` for one slice of `budget` clocks, up to the next event (budgets
 * past INT32_MAX / 2 are cut), with s->slice_end set so that devices can
 * tell the time inside it and *in_cpu true meanwhile.  Returns the clocks
 * used; a halted CPU uses the whole slice.  The caller advances the
 * scheduler by them. */
struct m68k_cpu;
int32_t sched_run_cpu(sched *s, struct m68k_cpu *cpu, int64_t budget, bool *in_cpu);

#endif
