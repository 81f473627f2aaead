/*
 * The hashes of libcari (hash.h): ids, for shards and build workers, and
 * the content hash, two 64-bit FNV-1a streams with different offsets, the
 * second over bytes mixed with their position parity, plus the length;
 * finalised with a 64-bit avalanche.  Fast and stable across machines;
 * meant to tell changed text from unchanged, not to resist forgery.
 */
#include "cari.h"
#include "hash.h"

#include <stdio.h>
#include <string.h>

void cari_hash_init(cari_hasher *h)
{
    h->a = CARI_FNV_BASIS;
    h->b = 0x9e3779b97f4a7c15ULL;
    h->n = 0;
}

void cari_hash_update(cari_hasher *h, const void *data, size_t len)
{
    const unsigned char *p = data;
    unsigned long long a = h->a, b = h->b, n = h->n;
    for (size_t i = 0; i < len; i++) {
        a = (a ^ p[i]) * CARI_FNV_PRIME;
        b = (b ^ (p[i] + ((n + i) & 1 ? 0x5c : 0x36))) * CARI_FNV_PRIME;
    }
    h->a = a;
    h->b = b;
    h->n = n + len;
}

/* The finaliser of MurmurHash3: spreads every input bit over the word. */
static unsigned long long mix(unsigned long long x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

void cari_hash_final(const cari_hasher *h, char *out)
{
    unsigned long long hi = mix(h->a ^ mix(h->n)), lo = mix(h->b + h->n);
    snprintf(out, CARI_HASH_LEN + 1, "%016llx%016llx", hi, lo);
}

uint64_t cari_id_hash(const char *id)
{
    return cari_fnv1a(CARI_FNV_BASIS, id, strlen(id));
}

unsigned cari_shard_of(const char *id, unsigned n)
{
    /* Stable across runs and machines, so an update finds every article
     * in the shard that already holds it. */
    return n ? (unsigned)(cari_id_hash(id) % n) : 0;
}

unsigned cari_worker_of(const char *id, unsigned n)
{
    /* The shard takes the hash modulo the shard count; mixed, the same
     * hash spreads the articles of one shard over every worker. */
    return (unsigned)(mix(cari_id_hash(id)) % n);
}
