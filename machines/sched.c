#include "machines/sched.h"

#include <stddef.h>

#include "m68k/m68k.h"

void sched_init(sched *s)
{
    s->base = 0;
    s->head = NULL;
    s->progress = NULL;
    s->progress_ctx = NULL;
    s->preempt = NULL;
    s->preempt_ctx = NULL;
    s->slice_end = INT64_MAX;
}

void sched_event_init(sched_event *ev, const char *name, sched_fn fn, void *ctx)
{
    ev->name = name;
    ev->fn = fn;
    ev->ctx = ctx;
    ev->when = 0;
    ev->active = false;
    ev->next = NULL;
}

int64_t sched_now(const sched *s)
{
    return s->base + (s->progress ? s->progress(s->progress_ctx) : 0);
}

void sched_cancel(sched *s, sched_event *ev)
{
    if (!ev->active)
        return;
    for (sched_event **p = &s->head; *p; p = &(*p)->next) {
        if (*p == ev) {
            *p = ev->next;
            break;
        }
    }
    ev->active = false;
    ev->next = NULL;
}

void sched_at(sched *s, sched_event *ev, int64_t when)
{
    sched_cancel(s, ev);
    ev->when = when;
    ev->active = true;
    /* Equal times keep insertion order, so the run is deterministic. */
    sched_event **p = &s->head;
    while (*p && (*p)->when <= when)
        p = &(*p)->next;
    ev->next = *p;
    *p = ev;
    if (when < s->slice_end && s->preempt)
        s->preempt(s->preempt_ctx);
}

int64_t sched_next(const sched *s)
{
    return s->head ? s->head->when : INT64_MAX;
}

void sched_advance(sched *s, int64_t t)
{
    while (s->head && s->head->when <= t) {
        sched_event *ev = s->head;
        s->head = ev->next;
        ev->next = NULL;
        ev->active = false;
        /* Handlers see the event's own time as "now". */
        s->base = ev->when;
        ev->fn(ev->ctx, ev->when);
    }
    s->base = t;
}

int32_t sched_run_cpu(sched *s, m68k_cpu *cpu, int64_t budget, bool *in_cpu)
{
    if (budget > INT32_MAX / 2)
        budget = INT32_MAX / 2;
    s->slice_end = s->base + budget;
    *in_cpu = true;
    int32_t used = m68k_run(cpu, (int32_t)budget);
    *in_cpu = false;
    s->slice_end = INT64_MAX;
    if (used <= 0 && m68k_state(cpu) == M68K_HALTED)
        used = (int32_t)budget;
    return used;
}
