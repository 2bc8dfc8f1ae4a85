/* Emulation thread: runs frames, paced to the machine's refresh rate unless
 * unthrottled, and sleeps on a condition variable while paused so a paused
 * emulator costs no CPU. */
#include "config.h"

#include "ui/emu.h"

#include <string.h>

enum cmd_kind { CMD_KEY, CMD_MOUSE, CMD_RESET, CMD_INSERT, CMD_EJECT };

typedef struct cmd {
    enum cmd_kind kind;
    int a, b, c;
    bool flag;
    char *path;
    /* Synchronous commands: the caller waits for done. */
    bool sync, done, ok;
    char *err;
    size_t errlen;
} cmd;

struct emu {
    machine *m;
    GThread *thread;
    GMutex lock;  /* everything below */
    GCond cond;   /* wakes the thread (commands, pause, quit) and waiters */
    GQueue cmds;
    bool quit, paused, throttle;
    emu_status status;
    void (*on_frame)(void *);
    void *user;

    GMutex frame_lock; /* the frame copy */
    uint32_t *pixels;
    size_t pixels_cap;
    machine_frame frame;
    bool have_frame;
};

static void run_cmd(emu *e, cmd *c)
{
    machine *m = e->m;
    switch (c->kind) {
    case CMD_KEY:
        m->ops->key(m, c->a, c->flag);
        break;
    case CMD_MOUSE:
        m->ops->mouse(m, c->a, c->b, (unsigned)c->c);
        break;
    case CMD_RESET:
        m->ops->reset(m, c->flag);
        break;
    case CMD_INSERT:
        c->ok = m->ops->insert_disk(m, c->a, c->path, c->flag, c->err, c->errlen);
        break;
    case CMD_EJECT:
        m->ops->eject_disk(m, c->a);
        break;
    }
}

/* Runs queued commands; called with e->lock held, drops it around each call. */
static void drain(emu *e)
{
    cmd *c;
    while ((c = g_queue_pop_head(&e->cmds))) {
        g_mutex_unlock(&e->lock);
        run_cmd(e, c);
        g_mutex_lock(&e->lock);
        if (c->sync) {
            c->done = true;
            g_cond_broadcast(&e->cond);
        } else {
            g_free(c->path);
            g_free(c);
        }
    }
}

static void copy_frame(emu *e)
{
    const machine_frame *f = e->m->ops->frame(e->m);
    if (!f || !f->pixels || f->width <= 0 || f->height <= 0)
        return;
    size_t n = (size_t)f->width * (size_t)f->height;
    g_mutex_lock(&e->frame_lock);
    if (n > e->pixels_cap) {
        e->pixels = g_renew(uint32_t, e->pixels, n);
        e->pixels_cap = n;
    }
    for (int y = 0; y < f->height; y++)
        memcpy(e->pixels + (size_t)y * f->width, f->pixels + (size_t)y * f->stride,
               (size_t)f->width * 4);
    e->frame = *f;
    e->frame.pixels = e->pixels;
    e->frame.stride = f->width;
    e->have_frame = true;
    g_mutex_unlock(&e->frame_lock);
}

static gpointer thread_main(gpointer data)
{
    emu *e = data;
    machine *m = e->m;
    int64_t deadline = g_get_monotonic_time();
    int64_t stat_t0 = deadline;
    machine_stats st0, st;
    m->ops->stats(m, &st0);
    int16_t audio[2048 * 2];

    g_mutex_lock(&e->lock);
    while (!e->quit) {
        drain(e);
        if (e->paused) {
            e->status.paused = true;
            g_cond_wait(&e->cond, &e->lock);
            deadline = stat_t0 = g_get_monotonic_time();
            m->ops->stats(m, &st0);
            continue;
        }
        e->status.paused = false;
        bool throttle = e->throttle;
        g_mutex_unlock(&e->lock);

        m->ops->run_frame(m);
        if (m->ops->audio) { /* no audio output yet: keep the machine's buffer drained */
            unsigned rate;
            while (m->ops->audio(m, audio, 2048, &rate) == 2048)
                ;
        }
        copy_frame(e);
        if (e->on_frame)
            e->on_frame(e->user);

        int64_t now = g_get_monotonic_time();
        const machine_frame *f = m->ops->frame(m);
        double hz = f && f->refresh_hz > 1 ? f->refresh_hz : 50.0;
        deadline += (int64_t)(1e6 / hz);
        if (deadline < now - 100000 || !throttle) /* behind by a lot: don't race to catch up */
            deadline = now;

        g_mutex_lock(&e->lock);
        if (now - stat_t0 >= 500000) {
            m->ops->stats(m, &st);
            double dt = (now - stat_t0) / 1e6;
            e->status.mips = (double)(st.instructions - st0.instructions) / dt / 1e6;
            e->status.speed = (st.emulated_seconds - st0.emulated_seconds) / dt * 100.0;
            st0 = st;
            stat_t0 = now;
        }
        m->ops->stats(m, &st);
        e->status.drive_active[0] = st.drive_active[0];
        e->status.drive_active[1] = st.drive_active[1];
        e->status.frames = st.frames;
        if (throttle)
            while (!e->quit && !e->paused && g_queue_is_empty(&e->cmds) &&
                   g_cond_wait_until(&e->cond, &e->lock, deadline))
                ;
    }
    g_mutex_unlock(&e->lock);
    return NULL;
}

emu *emu_start(machine *m, void (*on_frame)(void *), void *user)
{
    emu *e = g_new0(emu, 1);
    e->m = m;
    e->throttle = true;
    e->on_frame = on_frame;
    e->user = user;
    g_mutex_init(&e->lock);
    g_mutex_init(&e->frame_lock);
    g_cond_init(&e->cond);
    g_queue_init(&e->cmds);
    e->thread = g_thread_new("emulation", thread_main, e);
    return e;
}

void emu_stop(emu *e)
{
    if (!e)
        return;
    g_mutex_lock(&e->lock);
    e->quit = true;
    g_cond_broadcast(&e->cond);
    g_mutex_unlock(&e->lock);
    g_thread_join(e->thread);
    cmd *c;
    while ((c = g_queue_pop_head(&e->cmds))) {
        g_free(c->path);
        g_free(c);
    }
    e->m->ops->destroy(e->m);
    g_mutex_clear(&e->lock);
    g_mutex_clear(&e->frame_lock);
    g_cond_clear(&e->cond);
    g_free(e->pixels);
    g_free(e);
}

void emu_set_paused(emu *e, bool paused)
{
    g_mutex_lock(&e->lock);
    e->paused = paused;
    e->status.paused = paused;
    g_cond_broadcast(&e->cond);
    g_mutex_unlock(&e->lock);
}

void emu_set_throttle(emu *e, bool throttle)
{
    g_mutex_lock(&e->lock);
    e->throttle = throttle;
    g_cond_broadcast(&e->cond);
    g_mutex_unlock(&e->lock);
}

void emu_status_get(emu *e, emu_status *out)
{
    g_mutex_lock(&e->lock);
    *out = e->status;
    g_mutex_unlock(&e->lock);
}

static void post(emu *e, cmd *c)
{
    g_mutex_lock(&e->lock);
    g_queue_push_tail(&e->cmds, c);
    g_cond_broadcast(&e->cond);
    if (c->sync) {
        while (!c->done && !e->quit)
            g_cond_wait(&e->cond, &e->lock);
        if (!c->done) /* thread gone: run it here, the machine is idle */
            g_queue_remove(&e->cmds, c), run_cmd(e, c);
    }
    g_mutex_unlock(&e->lock);
}

static cmd *new_cmd(enum cmd_kind kind, int a, int b, int c, bool flag)
{
    cmd *x = g_new0(cmd, 1);
    x->kind = kind;
    x->a = a;
    x->b = b;
    x->c = c;
    x->flag = flag;
    return x;
}

void emu_key(emu *e, int key, bool down) { post(e, new_cmd(CMD_KEY, key, 0, 0, down)); }

void emu_mouse(emu *e, int dx, int dy, unsigned buttons)
{
    post(e, new_cmd(CMD_MOUSE, dx, dy, (int)buttons, false));
}

static bool post_sync(emu *e, cmd *c)
{
    c->sync = true;
    post(e, c);
    bool ok = c->ok;
    g_free(c->path);
    g_free(c);
    return ok;
}

void emu_reset(emu *e, bool cold) { post_sync(e, new_cmd(CMD_RESET, 0, 0, 0, cold)); }

bool emu_insert_disk(emu *e, int drive, const char *path, bool writable, char *err, size_t errlen)
{
    cmd *c = new_cmd(CMD_INSERT, drive, 0, 0, writable);
    c->path = g_strdup(path);
    c->err = err;
    c->errlen = errlen;
    if (errlen)
        err[0] = 0;
    return post_sync(e, c);
}

void emu_eject_disk(emu *e, int drive) { post_sync(e, new_cmd(CMD_EJECT, drive, 0, 0, false)); }

bool emu_with_frame(emu *e, void (*fn)(const machine_frame *f, void *user), void *user)
{
    g_mutex_lock(&e->frame_lock);
    bool have = e->have_frame;
    if (have)
        fn(&e->frame, user);
    g_mutex_unlock(&e->frame_lock);
    return have;
}
