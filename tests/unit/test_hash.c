/* The one hash: articles stay in the shard they were in (on-disk
 * placement does not change), long terms keep their format-6 names, and
 * with S shards and T build workers every worker of every shard gets
 * articles. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <string.h>

#include "cari.h"
#include "hash.h"
#include "terms.h"

typedef struct {
    char id[32];        /* an array: parameters are copied to the test's
                           process, pointers would not survive */
    unsigned n, shard;
} shard_case;

/* Values of the placement that indexes on disk were built with. */
ParameterizedTestParameters(hash, shard_placement_is_stable)
{
    static shard_case cases[] = {
        {"a.txt", 4, 2},   {"a.txt", 7, 0},   {"a.txt", 256, 90},
        {"berita/2024/banjir.txt", 4, 0},     {"berita/2024/banjir.txt", 7, 1},
        {"berita/2024/banjir.txt", 256, 72},  {"x", 4, 3},
        {"x", 256, 7},     {"x", 1, 0},
    };
    return cr_make_param_array(shard_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(shard_case *c, hash, shard_placement_is_stable)
{
    cr_expect_eq(cari_shard_of(c->id, c->n), c->shard, "%s in %u shards", c->id, c->n);
}

/* A term longer than CARI_TERM_MAX ends in the hash index format 6 wrote. */
Test(hash, long_terms_keep_their_format_6_names)
{
    char text[301], term[CARI_TERM_MAX + 1];
    memset(text, 'a', 300);
    text[300] = '\0';
    size_t n = cari_make_term(term, "Z", text, 300);
    cr_assert_eq(n, CARI_TERM_MAX);
    cr_expect_str_eq(term + CARI_TERM_MAX - 17, "#21c5001edd4e2e1f");
}

/* For every S shards and T workers up to 8: among 4,000 ids, each
 * (shard, worker) pair gets a fair share (at least a quarter of
 * 4000 / (S * T)). */
Test(hash, every_worker_of_every_shard_gets_work)
{
    enum { IDS = 4000, MAX = 8 };
    for (unsigned s = 1; s <= MAX; s++)
        for (unsigned t = 1; t <= MAX; t++) {
            unsigned count[MAX][MAX] = {{0}};
            char id[32];
            for (unsigned i = 0; i < IDS; i++) {
                snprintf(id, sizeof id, "folder/artikel-%u.txt", i);
                count[cari_shard_of(id, s)][cari_worker_of(id, t)]++;
            }
            for (unsigned a = 0; a < s; a++)
                for (unsigned b = 0; b < t; b++)
                    cr_expect_geq(count[a][b], IDS / (s * t) / 4,
                                  "%u shards, %u workers: shard %u worker %u got %u", s,
                                  t, a, b, count[a][b]);
        }
}
