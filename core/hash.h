/* The one hash function of libcari: 64-bit FNV-1a, and what is built on
 * it (the placement of an article in a shard and on a build worker).
 * Stable across runs and machines; not meant to resist forgery. */
#ifndef CARI_HASH_H
#define CARI_HASH_H

#include <stddef.h>
#include <stdint.h>

#define CARI_FNV_BASIS 14695981039346656037ULL
#define CARI_FNV_PRIME 1099511628211ULL

/* Index format 6 hashes the tail of an over-long term (terms.c) from this
 * seed, a mistyped FNV basis (a digit short).  It is part of the on-disk
 * format, so it stays until the format changes. */
#define CARI_TERM_HASH_SEED 1469598103934665603ULL

/* FNV-1a over `len` bytes of `data`, starting from `seed`
 * (CARI_FNV_BASIS for the standard hash). */
static inline uint64_t cari_fnv1a(uint64_t seed, const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = seed;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * CARI_FNV_PRIME;
    return h;
}

/* The hash of an article id (its bytes up to the NUL). */
uint64_t cari_id_hash(const char *id);

/* The build worker, of n (n > 0), that indexes the article `id`.  Chosen
 * from bits of the id's hash independent of its shard (cari_shard_of()),
 * so that every worker of every shard gets articles. */
unsigned cari_worker_of(const char *id, unsigned n);

#endif
