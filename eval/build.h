/* Indexing a corpus through cari.h, each passage one article. */
#ifndef EVAL_BUILD_H
#define EVAL_BUILD_H

#include "collection.h"
#include "config.h"

/* Builds a fresh index of every passage of c at `path` with the stemmer
 * (article id = pid, no title).  An index already at `path` is deleted
 * first; anything else there (a file, a folder holding other things) is
 * left alone and reported as an error.  Returns 0, or -1 with a message
 * in *err (caller frees). */
int eval_build_index(const char *path, eval_stemmer s, const eval_corpus *c, char **err);

/* Deletes the index at `path`: a folder of plain files (Xapian keeps no
 * subfolders) marked by its "iam*" file, or an empty folder.  Returns 0
 * when it is gone or was never there, -1 with a message in *err (caller
 * frees) for anything else. */
int eval_remove_index(const char *path, char **err);

/* Whether `path` holds an index (Xapian's "iamglass" or "iamhoney"). */
int eval_index_exists(const char *path);

#endif
