/* The articles an index holds, as the indexer's folder sync needs them:
 * which folder (group) each id came from, and which folders the index has
 * recorded, so that a file gets the id it already has (stable ids) and an
 * article is removed only when its file is known to be gone. */
#ifndef CARI_INDEXER_KNOWN_H
#define CARI_INDEXER_KNOWN_H

#include "cari.h"

#include <stddef.h>

typedef struct {
    char *id;
    char *group;        /* "" when none (JSON Lines, a file given alone) */
} known_article;

typedef struct {
    known_article *v;   /* sorted by id after known_finish() */
    size_t n, cap;
    char **groups;      /* the distinct non-empty groups, shortest first */
    size_t n_groups;
} known_list;

/* Appends one article (a cari_article_fn; ctx is the known_list).
 * Returns 0, or -1 when out of memory. */
int known_collect(void *ctx, const cari_article_info *a);

/* Sorts the list and gathers its groups.  Returns 0, or -1 when out of
 * memory. */
int known_finish(known_list *k);

/* The group recorded for `id`, or NULL when the index does not hold it. */
const char *known_group_of(const known_list *k, const char *id);

/* Maps the file at `path` (a real folder given, "/", its path inside it)
 * to the outermost folder that contains it among the recorded groups and
 * `root` (the real path of the folder given), so that indexing a subfolder
 * keeps the ids a run over its parent gave.  Returns that folder (k's
 * string or root) and sets *out_id to the rest of path (inside path). */
const char *known_map(const known_list *k, const char *root, const char *path,
                      const char **out_id);

/* Whether `path` lies inside the folder `dir` (both without a trailing
 * slash). */
int known_inside(const char *path, const char *dir);

void known_free(known_list *k);

#endif
