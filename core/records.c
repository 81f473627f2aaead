/*
 * Article records.  Each indexed article has one metadata entry:
 *   key    "a:" id   (built like a term: long ids end in a hash)
 *   value  hash "\t" passages "\t" group_length "\t" group id
 * The group and the id come last and length-delimited, so they may hold
 * any byte, tabs and newlines included.
 */
#include "records.h"
#include "alloc.h"

#include "terms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cari_record_parse(const char *value, size_t len, cari_record *out)
{
    if (len < CARI_HASH_LEN + 1 || value[CARI_HASH_LEN] != '\t')
        return -1;
    memcpy(out->hash, value, CARI_HASH_LEN);
    out->hash[CARI_HASH_LEN] = '\0';
    const char *p = value + CARI_HASH_LEN + 1, *end = value + len;
    char *stop;
    unsigned long long passages = strtoull(p, &stop, 10);
    if (stop == p || stop >= end || *stop != '\t')
        return -1;
    p = stop + 1;
    unsigned long long glen = strtoull(p, &stop, 10);
    if (stop == p || stop >= end || *stop != '\t')
        return -1;
    p = stop + 1;
    if ((unsigned long long)(end - p) < glen)
        return -1;
    out->passages = (size_t)passages;
    out->group = p;
    out->group_len = (size_t)glen;
    out->id = p + glen;
    out->id_len = (size_t)(end - (p + glen));
    return 0;
}

cari_status cari_record_put(cari_store *db, const char *id, const char *hash,
                            size_t passages, const char *group)
{
    char key[CARI_TERM_MAX + 1];
    cari_make_term(key, CARI_META_ARTICLE, id, strlen(id));
    size_t glen = group ? strlen(group) : 0, idlen = strlen(id);
    size_t cap = CARI_HASH_LEN + 64 + glen + idlen;
    char *value = cari_malloc(cap);
    if (!value)
        return cari_fail(&db->error, CARI_NOMEM, "%s: out of memory", id);
    int n = snprintf(value, cap, "%s\t%zu\t%zu\t", hash, passages, glen);
    memcpy(value + n, group ? group : "", glen);
    memcpy(value + n + glen, id, idlen);
    xc_err *err = NULL;
    xc_wdb_set_metadata(db->w, key, value, (size_t)n + glen + idlen, &err);
    free(value);
    return err ? cari_fail_xc(&db->error, err, db->path) : CARI_OK;
}

cari_status cari_record_delete(cari_store *db, const char *id)
{
    char key[CARI_TERM_MAX + 1];
    cari_make_term(key, CARI_META_ARTICLE, id, strlen(id));
    xc_err *err = NULL;
    xc_wdb_set_metadata(db->w, key, "", 0, &err);
    return err ? cari_fail_xc(&db->error, err, db->path) : CARI_OK;
}

cari_status cari_record_hash(cari_store *db, const char *id, char *out,
                             size_t *out_passages, int *out_found)
{
    char key[CARI_TERM_MAX + 1];
    cari_make_term(key, CARI_META_ARTICLE, id, strlen(id));
    xc_err *err = NULL;
    size_t len = 0;
    *out_found = 0;
    char *value = xc_wdb_get_metadata(db->w, key, &len, &err);
    if (err)
        return cari_fail_xc(&db->error, err, db->path);
    if (!value)
        return CARI_OK;
    cari_record r;
    int ok = cari_record_parse(value, len, &r) == 0 &&
             r.id_len == strlen(id) && !memcmp(r.id, id, r.id_len);
    if (ok) {
        memcpy(out, r.hash, CARI_HASH_LEN + 1);
        if (out_passages)
            *out_passages = r.passages;
    }
    xc_free(value);
    *out_found = ok;
    return CARI_OK;
}

typedef struct {
    cari_article_fn fn;
    void *ctx;
    int stopped;
    int nomem;
    size_t bad;             /* malformed records */
} list_state;

/* Turns one metadata record into a cari_article_info (an xc_meta_fn). */
static int on_record(void *ctx, const char *key, size_t klen, const char *value,
                     size_t vlen)
{
    list_state *s = ctx;
    (void)key;
    (void)klen;
    cari_record r;
    if (cari_record_parse(value, vlen, &r)) {
        s->bad++;
        return 0;
    }
    char *group = cari_strndup(r.group, r.group_len), *id = cari_strndup(r.id, r.id_len);
    int rc = 0;
    if (!group || !id) {
        s->nomem = 1;
        rc = -1;
    } else {
        cari_article_info a = {id, r.passages, r.hash, group};
        rc = s->fn(s->ctx, &a);
        s->stopped = rc != 0;
    }
    free(group);
    free(id);
    return rc;
}

cari_status cari_record_list(cari_error *e, const char *name, xc_wdb *w, xc_rdb *r,
                             cari_article_fn fn, void *ctx, size_t *out_bad)
{
    list_state s = {fn, ctx, 0, 0, 0};
    xc_err *err = NULL;
    if (w)
        xc_wdb_metadata_each(w, CARI_META_ARTICLE, on_record, &s, &err);
    else
        xc_rdb_metadata_each(r, CARI_META_ARTICLE, on_record, &s, &err);
    if (out_bad)
        *out_bad = s.bad;
    if (err)
        return cari_fail_xc(e, err, name);
    if (s.nomem)
        return cari_fail(e, CARI_NOMEM, "out of memory");
    if (s.stopped)
        return cari_fail(e, CARI_ERROR, "listing stopped");
    return CARI_OK;
}
