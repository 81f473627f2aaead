/* What an index records about itself (metadata, see the Overview in
 * index.c) and the checks that a reader or writer makes before using it:
 * its layout version, the stemmer that built it, and its BM25 b. */
#ifndef CARI_SIGNATURE_H
#define CARI_SIGNATURE_H

#include "error.h"
#include "stemmer_id.h"
#include "xc.h"

#define CARI_META_FORMAT "cari.format"
#define CARI_META_STEMMER "cari.stemmer"
#define CARI_META_BM25_B "cari.bm25_b"
#define CARI_FORMAT_VERSION "14"

/* The stemmer mode that open flags (CARI_OPEN_STEM_*) ask for. */
stemmer_id_mode cari_stemmer_mode(int flags);

/* Checks a database's recorded `format` and `stemmer` (both freed here;
 * NULL: none recorded) against this library and `st`; `empty` when the
 * database holds no passage (a missing format is then fine).  `name`
 * names it in messages.  Returns a status (message in e). */
cari_status cari_check_signature(cari_error *e, const stemmer_id *st, const char *name,
                                 char *format, char *stemmer, int empty);

/* Parses the BM25 b recorded as `value` (freed here; NULL: none) into
 * *b, which keeps its value when none is recorded.  Returns a status. */
cari_status cari_parse_b(cari_error *e, const char *name, char *value, double *b);

/* Reads and checks the signature of reader `r` (cari_check_signature())
 * and its b into *b.  Returns a status. */
cari_status cari_read_signature(cari_error *e, xc_rdb *r, const stemmer_id *st,
                                const char *name, double *b);

/* Records the layout version, the stemmer and b in `w` (durable with the
 * next commit).  Sets *err on failure. */
void cari_write_signature(xc_wdb *w, const stemmer_id *st, double b, xc_err **err);

#endif
