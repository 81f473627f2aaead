/* Cleaning up when Xapian cannot recover from a failed write.
 *
 * Xapian 1.4 ends the process through std::terminate when a write fails
 * while it is already unwinding from a failed write (measured: a disk that
 * fills during a commit's flush of postings, about one run in seventy at
 * random disk sizes).  xapian-c turns that into a call of on_fatal(),
 * which removes what the process's writers leave behind (their fresh
 * builds beside the index and their lock files; the live index is never
 * written by a build), then hands the message to the application's
 * handler, which may end the process with a status of its choosing. */
#include "fatal.h"
#include "alloc.h"

#include "cari.h"
#include "fsutil.h"
#include "xc.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t tracked_mu = PTHREAD_MUTEX_INITIALIZER;
static const char **tracked;   /* indexes whose writer lock this process holds */
static size_t n_tracked, cap_tracked;
static _Atomic(cari_fatal_fn) app_handler;
static pthread_once_t installed = PTHREAD_ONCE_INIT;

/* The xc_fatal_fn: removes the tracked indexes' builds and lock files,
 * then calls the application's handler.  Runs once: a second fatal
 * failure on another thread waits here until the process ends. */
static void on_fatal(const char *msg)
{
    pthread_mutex_lock(&tracked_mu);
    for (size_t i = 0; i < n_tracked; i++) {
        cari_remove_leftovers(tracked[i]);
        size_t n = strlen(tracked[i]) + 6;
        char *lock = cari_malloc(n);
        if (lock) {
            snprintf(lock, n, "%s.lock", tracked[i]);
            unlink(lock);
            free(lock);
        }
    }
    cari_fatal_fn fn = atomic_load(&app_handler);
    if (fn)
        fn(msg);
    /* Returning lets xapian-c abort; the mutex stays held on purpose. */
}

static void install(void)
{
    xc_set_fatal_handler(on_fatal);
}

int cari_fatal_track(const char *index_path)
{
    pthread_once(&installed, install);
    pthread_mutex_lock(&tracked_mu);
    int rc = 0;
    if (n_tracked == cap_tracked) {
        size_t cap = cap_tracked ? 2 * cap_tracked : 8;
        const char **v = cari_realloc(tracked, cap * sizeof *v);
        if (v) {
            tracked = v;
            cap_tracked = cap;
        }
    }
    if (n_tracked < cap_tracked)
        tracked[n_tracked++] = index_path;
    else
        rc = -1;
    pthread_mutex_unlock(&tracked_mu);
    return rc;
}

void cari_fatal_untrack(const char *index_path)
{
    pthread_mutex_lock(&tracked_mu);
    for (size_t i = 0; i < n_tracked; i++)
        if (tracked[i] == index_path) {
            tracked[i] = tracked[--n_tracked];
            break;
        }
    pthread_mutex_unlock(&tracked_mu);
}

void cari_set_fatal_handler(cari_fatal_fn fn)
{
    atomic_store(&app_handler, fn);
    pthread_once(&installed, install);
}
