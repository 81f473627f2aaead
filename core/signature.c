/* An index's signature: see signature.h. */
#include "signature.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

stemmer_id_mode cari_stemmer_mode(int flags)
{
    return (flags & CARI_OPEN_STEM_NONE)       ? STEMMER_ID_NONE
           : (flags & CARI_OPEN_STEM_SNOWBALL) ? STEMMER_ID_SNOWBALL
                                               : STEMMER_ID_FULL;
}

cari_status cari_check_signature(cari_error *e, const stemmer_id *st, const char *name,
                                 char *format, char *stemmer, int empty)
{
    cari_status rc = CARI_OK;
    const char *mine = stemmer_id_signature(st);
    if (!format) {
        if (!empty)
            rc = cari_fail(e, CARI_CORRUPT, "%s: not a cari index", name);
    } else if (strcmp(format, CARI_FORMAT_VERSION)) {
        rc = cari_fail(e, CARI_MISMATCH,
                       "%s: index format %s, this cari reads format %s; rebuild it", name,
                       format, CARI_FORMAT_VERSION);
    } else if (stemmer && strcmp(stemmer, mine)) {
        rc = cari_fail(e, CARI_MISMATCH,
                       "%s: index built with stemmer \"%s\" but this cari uses \"%s\"; "
                       "rebuild it (cari-indexer --rebuild)",
                       name, stemmer, mine);
    }
    xc_free(format);
    xc_free(stemmer);
    return rc;
}

cari_status cari_parse_b(cari_error *e, const char *name, char *value, double *b)
{
    cari_status st = CARI_OK;
    if (value) {
        char *end;
        double v = strtod(value, &end);
        if (end == value || *end || !(v >= 0 && v <= 1))
            st = cari_fail(e, CARI_CORRUPT, "%s: malformed %s \"%s\"", name,
                           CARI_META_BM25_B, value);
        else
            *b = v;
    }
    xc_free(value);
    return st;
}

cari_status cari_read_signature(cari_error *e, xc_rdb *r, const stemmer_id *st,
                                const char *name, double *b)
{
    xc_err *err = NULL;
    char *format = xc_rdb_get_metadata(r, CARI_META_FORMAT, NULL, &err);
    char *stemmer = xc_rdb_get_metadata(r, CARI_META_STEMMER, NULL, &err);
    char *value = xc_rdb_get_metadata(r, CARI_META_BM25_B, NULL, &err);
    unsigned docs = xc_rdb_doccount(r, &err);
    if (err) {
        xc_free(format);
        xc_free(stemmer);
        xc_free(value);
        return cari_fail_xc(e, err, name);
    }
    cari_status rc = cari_parse_b(e, name, value, b);
    if (rc) {
        xc_free(format);
        xc_free(stemmer);
        return rc;
    }
    return cari_check_signature(e, st, name, format, stemmer, docs == 0);
}

void cari_write_signature(xc_wdb *w, const stemmer_id *st, double b, xc_err **err)
{
    const char *sig = stemmer_id_signature(st);
    xc_wdb_set_metadata(w, CARI_META_FORMAT, CARI_FORMAT_VERSION,
                        strlen(CARI_FORMAT_VERSION), err);
    xc_wdb_set_metadata(w, CARI_META_STEMMER, sig, strlen(sig), err);
    char text[32];
    snprintf(text, sizeof text, "%.17g", b);
    xc_wdb_set_metadata(w, CARI_META_BM25_B, text, strlen(text), err);
}
