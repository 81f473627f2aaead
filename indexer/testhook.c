/* The crash-safety tests' hook: see testhook.h. */
#include "testhook.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char step[16];          /* the step counted ("" any) */
    unsigned long at;       /* its number that raises the signal (0: off) */
    int sig;
    atomic_ulong seen;      /* steps counted so far (segments come from
                               build workers) */
} trigger;

static trigger triggers[2];

static void on_step(void *ctx, const char *step)
{
    (void)ctx;
    for (size_t i = 0; i < 2; i++) {
        trigger *t = &triggers[i];
        if (!t->at || (*t->step && strcmp(t->step, step)))
            continue;
        if (atomic_fetch_add(&t->seen, 1) + 1 == t->at)
            raise(t->sig);
    }
}

/* Reads "[STEP:]N" of variable `name` into t.  Returns 0, or -1. */
static int parse(trigger *t, const char *name, int sig, const char *prog)
{
    const char *v = getenv(name);
    t->sig = sig;
    if (!v || !*v)
        return 0;
    const char *colon = strchr(v, ':'), *num = colon ? colon + 1 : v;
    size_t len = colon ? (size_t)(colon - v) : 0;
    char *end;
    unsigned long n = strtoul(num, &end, 10);
    if (len >= sizeof t->step || *end || end == num || !n) {
        fprintf(stderr, "%s: $%s: expected [STEP:]N (N >= 1), got %s\n", prog, name, v);
        return -1;
    }
    memcpy(t->step, v, len);
    t->step[len] = '\0';
    t->at = n;
    return 0;
}

int testhook_install(cari_writer *w, const char *prog)
{
    if (parse(&triggers[0], "CARI_TEST_KILL_AT", SIGKILL, prog) ||
        parse(&triggers[1], "CARI_TEST_STOP_AT", SIGSTOP, prog))
        return -1;
    if (triggers[0].at || triggers[1].at)
        cari_set_step_handler(w, on_step, NULL);
    return 0;
}
