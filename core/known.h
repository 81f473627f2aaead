/* The articles an index holds, as the folder sync (sync.c) needs them:
 * which folder (group) each id came from, and which folders the index has
 * recorded, so that a file gets the id it already has (stable ids) and an
 * article is removed only when its file is known to be gone. */
#ifndef CARI_KNOWN_H
#define CARI_KNOWN_H

#include "cari.h"

#include <stddef.h>

typedef struct {
    char *id;
    char *group;        /* "" when none (JSON Lines, a file given alone) */
    int held;           /* for the caller: 0 until it sets it */
} cari_known_article;

typedef struct {
    cari_known_article *v; /* sorted by id after cari_known_finish() */
    size_t n, cap;
    char **groups;      /* the distinct non-empty groups, shortest first */
    size_t n_groups;
} cari_known_list;

/* Appends one article (a cari_article_fn; ctx is the cari_known_list).
 * Returns 0, or -1 when out of memory. */
int cari_known_collect(void *ctx, const cari_article_info *a);

/* Sorts the list and gathers its groups.  Returns 0, or -1 when out of
 * memory. */
int cari_known_finish(cari_known_list *k);

/* The article `id`, or NULL when the list does not hold it. */
cari_known_article *cari_known_find(const cari_known_list *k, const char *id);

/* The group recorded for `id` ("" for none), or NULL when the list does
 * not hold it. */
const char *cari_known_group_of(const cari_known_list *k, const char *id);

/* Maps the file at `path` (a real folder given, "/", its path inside it)
 * to the outermost folder that contains it among the recorded groups and
 * `root` (the real path of the folder given), so that indexing a subfolder
 * keeps the ids a run over its parent gave.  Returns that folder (k's
 * string or root) and sets *out_id to the rest of path (inside path). */
const char *cari_known_map(const cari_known_list *k, const char *root, const char *path,
                           const char **out_id);

/* Whether `path` lies inside the folder `dir` (both without a trailing
 * slash). */
int cari_known_inside(const char *path, const char *dir);

/* Frees what the list holds and empties it. */
void cari_known_free(cari_known_list *k);

#endif
