/*
 * Allocation with failure injection for tests (see alloc.h).
 */
#include "alloc.h"

#include <stdlib.h>

static long fail_countdown = -1; /* < 0: never fail */

void sid_alloc_fail_after(long n)
{
    fail_countdown = n;
}

/* Returns 1 when this allocation is the one a test asked to fail. */
static int should_fail(void)
{
    if (fail_countdown < 0)
        return 0;
    return fail_countdown-- == 0;
}

void *sid_malloc(size_t n)
{
    return should_fail() ? NULL : malloc(n);
}

void *sid_calloc(size_t count, size_t size)
{
    return should_fail() ? NULL : calloc(count, size);
}

void *sid_realloc(void *p, size_t n)
{
    return should_fail() ? NULL : realloc(p, n);
}
