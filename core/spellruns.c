/* A build worker's spelling data as merged runs: see spellruns.h. */
#include "spellruns.h"
#include "alloc.h"

#include "fsutil.h"
#include "xc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Xapian holds a run's words and fragments in memory until its commit:
 * 20,000 words take a few MB.  With 8 runs per merge, a word is merged
 * about log8(runs) times and the final compaction reads at most 7 runs
 * per level and worker. */
#define RUN_WORDS 20000
#define RUN_FANIN 8

/* Sets *err to an out-of-memory error (xc_err_new() never fails) and
 * returns -1. */
static int out_of_memory(xc_err **err)
{
    *err = xc_err_new(XC_ERR_NOMEM, "out of memory");
    return -1;
}

int cari_spell_runs_init(cari_spell_runs *r, const char *beside)
{
    memset(r, 0, sizeof *r);
    size_t n = strlen(beside) + 4;
    if (!(r->base = cari_malloc(n)))
        return -1;
    snprintf(r->base, n, "%s.sp", beside);
    r->run_words = RUN_WORDS;
    r->fanin = RUN_FANIN;
    return 0;
}

/* The folder of a new run, malloc'd; NULL when out of memory. */
static char *new_run_path(cari_spell_runs *r)
{
    size_t n = strlen(r->base) + 16;
    char *path = cari_malloc(n);
    if (path)
        snprintf(path, n, "%s.%u", r->base, r->next++);
    return path;
}

/* Appends the run at `path` (taking it) of `level`.  Returns 0, or -1
 * when out of memory (path is freed then, its folder left for the
 * caller's cleanup of leftovers). */
static int push_run(cari_spell_runs *r, char *path, unsigned level)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 16;
        char **p = cari_realloc(r->paths, cap * sizeof *p);
        if (p)
            r->paths = p;
        unsigned *l = p ? cari_realloc(r->levels, cap * sizeof *l) : NULL;
        if (!l) {
            cari_remove_tree(path);
            free(path);
            return -1;
        }
        r->levels = l;
        r->cap = cap;
    }
    r->paths[r->n] = path;
    r->levels[r->n++] = level;
    return 0;
}

/* While the last r->fanin runs share a level, compacts them into one run
 * of the next level and deletes them.  Returns 0, or -1 with *err set. */
static int merge_full_levels(cari_spell_runs *r, xc_err **err)
{
    while (r->fanin > 1 && r->n >= r->fanin) {
        size_t first = r->n - r->fanin;
        unsigned level = r->levels[first];
        for (size_t i = first + 1; i < r->n; i++)
            if (r->levels[i] != level)
                return 0;
        char *path = new_run_path(r);
        if (!path)
            return out_of_memory(err);
        xc_compact((const char *const *)r->paths + first, r->fanin, path, err);
        if (*err) {
            cari_remove_tree(path);
            free(path);
            return -1;
        }
        for (size_t i = first; i < r->n; i++) {
            cari_remove_tree(r->paths[i]);
            free(r->paths[i]);
        }
        r->n = first;
        if (push_run(r, path, level + 1))
            return out_of_memory(err);
    }
    return 0;
}

typedef struct {
    cari_spell_runs *runs;
    xc_err **err;
    xc_wdb *db;         /* the run being filled, NULL between runs */
    char *path;
    size_t words;       /* words in it */
} run_writer;

/* Commits and closes the run being filled and files it.  Returns 0, or
 * -1 with *err set. */
static int finish_run(run_writer *w)
{
    xc_wdb_commit(w->db, w->err);
    xc_wdb_close(w->db);
    w->db = NULL;
    char *path = w->path;
    w->path = NULL;
    if (*w->err) {
        cari_remove_tree(path);
        free(path);
        return -1;
    }
    if (push_run(w->runs, path, 0))
        return out_of_memory(w->err);
    return merge_full_levels(w->runs, w->err);
}

/* Adds one word to the run being filled, starting a run when none is
 * open and finishing it when full (a cari_vocab_each callback). */
static int add_word(void *ctx, const char *word, unsigned count)
{
    run_writer *w = ctx;
    if (!w->db) {
        if (!(w->path = new_run_path(w->runs)))
            return out_of_memory(w->err);
        cari_remove_tree(w->path);
        w->db = xc_wdb_open(w->path, XC_CREATE | XC_BATCH | XC_NO_SYNC, w->err);
        if (!w->db) {
            cari_remove_tree(w->path); /* what a failed create left */
            free(w->path);
            w->path = NULL;
            return -1;
        }
        w->words = 0;
    }
    xc_wdb_add_spelling(w->db, word, strlen(word), count, w->err);
    if (*w->err)
        return -1;
    return ++w->words >= w->runs->run_words ? finish_run(w) : 0;
}

int cari_spell_runs_add(cari_spell_runs *r, const cari_vocab *v, xc_err **err)
{
    run_writer w = {r, err, NULL, NULL, 0};
    int rc = cari_vocab_each(v, add_word, &w);
    if (!rc && w.db)
        rc = finish_run(&w);
    if (w.db) { /* failed while a run was open */
        xc_wdb_close(w.db);
        cari_remove_tree(w.path);
        free(w.path);
    }
    return rc ? -1 : 0;
}

void cari_spell_runs_free(cari_spell_runs *r)
{
    for (size_t i = 0; i < r->n; i++) {
        cari_remove_tree(r->paths[i]);
        free(r->paths[i]);
    }
    free(r->paths);
    free(r->levels);
    free(r->base);
    memset(r, 0, sizeof *r);
}
