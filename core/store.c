/* A store: one database open for writing (store.h). */
#include "store.h"
#include "alloc.h"

#include "signature.h"

#include <stdlib.h>
#include <string.h>

cari_status cari_store_init(cari_store *s, const char *path, int flags, double b)
{
    memset(s, 0, sizeof *s);
    s->bm25_b = b;
    s->path = cari_strdup(path);
    s->stemmer = stemmer_id_new(cari_stemmer_mode(flags));
    if (!s->path || !s->stemmer)
        return cari_fail(&s->error, CARI_NOMEM, "out of memory");
    return CARI_OK;
}

cari_status cari_store_sign(cari_store *s)
{
    xc_err *err = NULL;
    cari_write_signature(s->w, s->stemmer, s->bm25_b, &err);
    return err ? cari_fail_xc(&s->error, err, s->path) : CARI_OK;
}

cari_status cari_store_open_update(cari_store *s)
{
    xc_err *err = NULL;
    s->w = xc_wdb_open(s->path, XC_OPEN, &err);
    if (!s->w)
        return cari_fail_xc(&s->error, err, s->path);
    char *format = xc_wdb_get_metadata(s->w, CARI_META_FORMAT, NULL, &err);
    char *stemmer = xc_wdb_get_metadata(s->w, CARI_META_STEMMER, NULL, &err);
    char *b = xc_wdb_get_metadata(s->w, CARI_META_BM25_B, NULL, &err);
    unsigned docs = xc_wdb_doccount(s->w, &err);
    if (err) {
        xc_free(format);
        xc_free(stemmer);
        xc_free(b);
        return cari_fail_xc(&s->error, err, s->path);
    }
    cari_status rc = cari_parse_b(&s->error, s->path, b, &s->bm25_b);
    if (rc) {
        xc_free(format);
        xc_free(stemmer);
        return rc;
    }
    rc = cari_check_signature(&s->error, s->stemmer, s->path, format, stemmer, docs == 0);
    return rc ? rc : cari_store_sign(s);
}

cari_status cari_store_create_batch(cari_store *s)
{
    xc_err *err = NULL;
    s->w = xc_wdb_open(s->path, XC_CREATE | XC_BATCH | XC_NO_SYNC, &err);
    if (!s->w)
        return cari_fail_xc(&s->error, err, s->path);
    s->batch = 1;
    s->batch_docs = 0;
    return cari_store_sign(s);
}

/* Hands each word with its count to the database's spelling data. */
typedef struct {
    xc_wdb *w;
    xc_err **err;
} spelling_sink;

static int add_spelling(void *ctx, const char *word, unsigned count)
{
    spelling_sink *k = ctx;
    xc_wdb_add_spelling(k->w, word, strlen(word), count, k->err);
    return *k->err != NULL;
}

void cari_store_flush_spelling(cari_store *s, xc_err **err)
{
    spelling_sink k = {s->w, err};
    if (s->spell_runs)
        cari_spell_runs_add(s->spell_runs, &s->vocab, err);
    else
        cari_vocab_each(&s->vocab, add_spelling, &k);
    cari_vocab_clear(&s->vocab);
}

cari_status cari_store_commit(cari_store *s)
{
    if (!s->w)
        return cari_fail(&s->error, CARI_INVALID, "%s: not open for writing", s->path);
    xc_err *err = NULL;
    cari_store_flush_spelling(s, &err);
    if (!err)
        xc_wdb_commit(s->w, &err);
    if (err)
        return cari_fail_xc(&s->error, err, s->path);
    s->dirty = 0;
    return CARI_OK;
}

void cari_store_close(cari_store *s)
{
    xc_wdb_close(s->w);
    s->w = NULL;
    cari_vocab_clear(&s->vocab);
    s->dirty = 0;
}

void cari_store_free(cari_store *s)
{
    cari_store_close(s);
    stemmer_id_delete(s->stemmer);
    s->stemmer = NULL;
    free(s->path);
    s->path = NULL;
    cari_clear_error(&s->error);
}

void cari_store_warn(cari_store *s, const char *article, size_t line, const char *msg)
{
    if (s->warn)
        s->warn(s->warn_ctx, article, line, msg);
}
