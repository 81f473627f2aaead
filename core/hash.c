/*
 * The content hash: two 64-bit FNV-1a streams with different offsets, the
 * second over bytes mixed with their position parity, plus the length;
 * finalised with a 64-bit avalanche.  Fast and stable across machines;
 * meant to tell changed text from unchanged, not to resist forgery.
 */
#include "cari.h"

#include <stdio.h>

#define FNV_PRIME 1099511628211ULL

void cari_hash_init(cari_hasher *h)
{
    h->a = 14695981039346656037ULL;
    h->b = 0x9e3779b97f4a7c15ULL;
    h->n = 0;
}

void cari_hash_update(cari_hasher *h, const void *data, size_t len)
{
    const unsigned char *p = data;
    unsigned long long a = h->a, b = h->b, n = h->n;
    for (size_t i = 0; i < len; i++) {
        a = (a ^ p[i]) * FNV_PRIME;
        b = (b ^ (p[i] + ((n + i) & 1 ? 0x5c : 0x36))) * FNV_PRIME;
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
