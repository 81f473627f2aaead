/* What the folder sync (sync.c) needs of a writer beyond cari.h. */
#ifndef CARI_WRITER_H
#define CARI_WRITER_H

#include "error.h"

/* The writer's error, where a caller inside libcari records a failure. */
cari_error *cari_writer_error(cari_writer *w);

/* The index's path, as the writer was opened on it. */
const char *cari_writer_path(const cari_writer *w);

/* Whether the writer is building a replacement of an existing index
 * (opened with CARI_WRITE_REBUILD, not yet committed). */
int cari_writer_rebuilding(const cari_writer *w);

/* Stores the warning handler in *fn and *ctx. */
void cari_writer_warning_handler(const cari_writer *w, cari_warn_fn *fn, void **ctx);

/* Waits until every article handed over so far is indexed and its
 * warnings given (a fresh build indexes in the background; an update
 * already has).  Returns the build's first failure, or CARI_OK. */
cari_status cari_writer_wait(cari_writer *w);

#endif
