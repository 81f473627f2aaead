/*
 * Every allocation of stemmer-id goes through these, so that a test can make
 * the n-th one fail (sid_alloc_fail_after) and check the out-of-memory
 * contract.  Internal to stemmer-id and its tests.
 */
#ifndef STEMMER_ID_ALLOC_H
#define STEMMER_ID_ALLOC_H

#include <stddef.h>

/* Makes the allocation after the next `n` fail (n = 0: the very next one);
 * a negative n turns failure injection off (the default).  Not thread-safe:
 * for tests only. */
void sid_alloc_fail_after(long n);

/* malloc, calloc and realloc, except that they fail when a test says so. */
void *sid_malloc(size_t n);
void *sid_calloc(size_t count, size_t size);
void *sid_realloc(void *p, size_t n);

#endif
