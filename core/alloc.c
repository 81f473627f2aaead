/* libcari's allocations, with failures a test can inject: see alloc.h. */
#include "alloc.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static atomic_long left = -1;   /* allocations before failing; < 0: never */
static atomic_int failed;

void cari_alloc_fail_after(long n)
{
    atomic_store(&failed, 0);
    atomic_store(&left, n);
}

int cari_alloc_failed(void)
{
    return atomic_load(&failed);
}

/* Whether this allocation is to fail. */
static int fail_now(void)
{
    long n = atomic_load(&left);
    if (n < 0)
        return 0;
    /* Count down to 0, then fail every allocation. */
    while (n > 0 && !atomic_compare_exchange_weak(&left, &n, n - 1))
        if (n < 0)
            return 0;
    if (n > 0)
        return 0;
    atomic_store(&failed, 1);
    errno = ENOMEM; /* as malloc sets it */
    return 1;
}

void *cari_malloc(size_t n)
{
    return fail_now() ? NULL : malloc(n);
}

void *cari_calloc(size_t count, size_t size)
{
    return fail_now() ? NULL : calloc(count, size);
}

void *cari_realloc(void *p, size_t n)
{
    return fail_now() ? NULL : realloc(p, n);
}

char *cari_strdup(const char *s)
{
    return fail_now() ? NULL : strdup(s);
}

char *cari_strndup(const char *s, size_t n)
{
    return fail_now() ? NULL : strndup(s, n);
}
