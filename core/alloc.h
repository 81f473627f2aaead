/* Every allocation of libcari goes through these, so that a test can make
 * the n-th one fail (cari_alloc_fail_after()) and check that each failure
 * ends in CARI_NOMEM, with nothing leaked and the index at its last
 * commit (tests/unit/test_nomem.c).  Memory they return is freed with
 * free().  Internal to libcari and its tests. */
#ifndef CARI_ALLOC_H
#define CARI_ALLOC_H

#include <stddef.h>

/* Makes the allocation after the next `n` fail (n = 0: the very next one),
 * and every one after it until called again; a negative n turns failure
 * injection off (the default).  Safe with build workers running. */
void cari_alloc_fail_after(long n);

/* Whether an allocation failed because of cari_alloc_fail_after() since
 * it was last called. */
int cari_alloc_failed(void);

/* malloc, calloc, realloc, strdup and strndup, except that they fail when
 * a test says so. */
void *cari_malloc(size_t n);
void *cari_calloc(size_t count, size_t size);
void *cari_realloc(void *p, size_t n);
char *cari_strdup(const char *s);
char *cari_strndup(const char *s, size_t n);

#endif
