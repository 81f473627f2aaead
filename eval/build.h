/* Indexing a corpus through cari.h, each passage one article. */
#ifndef EVAL_BUILD_H
#define EVAL_BUILD_H

#include "collection.h"
#include "config.h"

/* Builds a fresh index of every passage of c at `path` with the stemmer
 * and BM25's b (article id = pid, no title), replacing the index there, if any, at the
 * end (CARI_WRITE_REBUILD).  Returns 0, or -1 with a message in *err
 * (caller frees). */
int eval_build_index(const char *path, eval_stemmer s, double b, const eval_corpus *c,
                     char **err);

/* Deletes the index at `path` (a folder of plain files, as Xapian keeps
 * no subfolders, marked by its "iam*" file, or an empty folder) and its
 * lock file `path`.lock.  Returns 0 when they are gone or were never there,
 * -1 with a message in *err (caller frees) for anything else, such as a
 * folder that is not an index. */
int eval_remove_index(const char *path, char **err);

/* Whether `path` holds an index (Xapian's "iamglass" or "iamhoney"). */
int eval_index_exists(const char *path);

#endif
