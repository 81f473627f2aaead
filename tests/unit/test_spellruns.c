/* A build worker's spelling runs (core internals): the runs, merged and
 * then compacted into one database, hold the same spelling data as the
 * words added to one database directly. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "spellruns.h"
#include "temp_dir.h"
#include "vocab.h"
#include "xc.h"

static char base[128];

static void make_dir(void)
{
    temp_dir_make("/tmp/cari-spellruns-XXXXXX");
    snprintf(base, sizeof base, "%s/shard", dir);
}

TestSuite(spellruns, .init = make_dir, .fini = remove_dir);

/* Adds `word` `count` times to v. */
static void add(cari_vocab *v, const char *word, unsigned count)
{
    for (unsigned i = 0; i < count; i++)
        cr_assert_eq(cari_vocab_add(v, word, strlen(word)), 0);
}

/* Hands v to the runs as a build worker's flush does, then empties v. */
static void flush(cari_spell_runs *r, cari_vocab *v)
{
    xc_err *err = NULL;
    cr_assert_eq(cari_spell_runs_add(r, v, &err), 0, "%s", xc_err_msg(err));
    cr_assert_null(err);
    cari_vocab_clear(v);
}

/* Compacts the runs into `dest` (as the build's final compaction does)
 * and opens it. */
static xc_rdb *merge_into(const cari_spell_runs *r, const char *dest)
{
    xc_err *err = NULL;
    xc_compact((const char *const *)r->paths, r->n, dest, &err);
    cr_assert_null(err, "%s", xc_err_msg(err));
    xc_rdb *db = xc_rdb_open(dest, &err);
    cr_assert_not_null(db, "%s", xc_err_msg(err));
    return db;
}

/* The spelling data's correction of `typo`, "" when none. */
static void expect_fix(xc_rdb *db, const char *typo, const char *want)
{
    xc_err *err = NULL;
    char *fix = xc_rdb_spelling(db, typo, 2, &err);
    cr_assert_null(err, "%s", xc_err_msg(err));
    cr_expect_str_eq(fix ? fix : "", want, "%s", typo);
    xc_free(fix);
}

/* The number of entries in dir named like a run (shard.sp.N). */
static int count_runs(void)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += !strncmp(e->d_name, "shard.sp.", 9);
    closedir(d);
    return n;
}

/* A pseudo-random word of 8 letters, the i-th of a fixed sequence. */
static void word_of(unsigned i, char out[9])
{
    unsigned long long x = 0x9e3779b97f4a7c15ULL * (i + 1);
    for (int k = 0; k < 8; k++) {
        x ^= x >> 29;
        x *= 0xbf58476d1ce4e5b9ULL;
        out[k] = (char)('a' + (x >> 40) % 26);
    }
    out[8] = '\0';
}

Test(spellruns, counts_of_a_word_in_many_runs_are_summed)
{
    cari_spell_runs r;
    cr_assert_eq(cari_spell_runs_init(&r, base), 0);
    r.run_words = 2;
    r.fanin = 2;
    cari_vocab v = {0};
    /* "kata" once in each of six flushes (6 in all), "kita" 5 times in
     * one: "kbta" is one edit from both, and Xapian prefers the more
     * frequent word, so only summed counts make it "kata". */
    for (int i = 0; i < 6; i++) {
        add(&v, "kata", 1);
        add(&v, i == 2 ? "kita" : "lain", i == 2 ? 5 : 1);
        add(&v, "sungai", 1);
        flush(&r, &v);
    }
    char dest[160];
    snprintf(dest, sizeof dest, "%s/all", dir);
    xc_rdb *db = merge_into(&r, dest);
    expect_fix(db, "kbta", "kata");
    expect_fix(db, "sungi", "sungai");
    xc_rdb_close(db);
    cari_spell_runs_free(&r);
}

Test(spellruns, every_word_survives_the_merges)
{
    cari_spell_runs r;
    cr_assert_eq(cari_spell_runs_init(&r, base), 0);
    r.run_words = 7;
    r.fanin = 3;
    cari_vocab v = {0};
    enum { WORDS = 300 };
    char w[9];
    for (unsigned i = 0; i < WORDS; i++) {
        word_of(i, w);
        add(&v, w, 1 + i % 3);
        if (i % 50 == 49)
            flush(&r, &v);
    }
    /* 300 words in runs of 7 is 43 runs of level 0; merged by threes,
     * at most two runs are left on each level. */
    cr_expect_leq(r.n, 2 * 4, "%zu runs left", r.n);
    cr_expect_eq(count_runs(), (int)r.n);
    char dest[160];
    snprintf(dest, sizeof dest, "%s/all", dir);
    xc_rdb *db = merge_into(&r, dest);
    for (unsigned i = 0; i < WORDS; i++) {
        char typo[9];
        word_of(i, w);
        memcpy(typo, w, 3);
        memcpy(typo + 3, w + 4, 5); /* the 4th letter dropped */
        expect_fix(db, typo, w);
    }
    xc_rdb_close(db);
    cari_spell_runs_free(&r);
    cr_expect_eq(count_runs(), 0, "the runs' folders are deleted");
}

Test(spellruns, a_run_that_cannot_be_written_is_an_error)
{
    cari_spell_runs r;
    char bad[160];
    snprintf(bad, sizeof bad, "%s/file", dir);
    FILE *f = fopen(bad, "w"); /* a file where the runs' folder would be */
    cr_assert_not_null(f);
    fclose(f);
    char inside[192];
    snprintf(inside, sizeof inside, "%s/shard", bad);
    cr_assert_eq(cari_spell_runs_init(&r, inside), 0);
    cari_vocab v = {0};
    add(&v, "kata", 1);
    xc_err *err = NULL;
    cr_expect_eq(cari_spell_runs_add(&r, &v, &err), -1);
    cr_expect_not_null(err);
    cr_expect_eq(r.n, 0);
    xc_err_free(err);
    cari_vocab_clear(&v);
    cari_spell_runs_free(&r);
}
