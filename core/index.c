/*
 * Overview: how cari lays out an index in Xapian
 * ==============================================
 *
 * An article is split into passages (article.c, passage.c); each passage
 * is one Xapian document:
 *
 *   data      the passage text, UTF-8 (invalid bytes already replaced)
 *   value 0   the article id (its path relative to the indexed root)
 *   value 1   the passage number, decimal, 1-based within the article
 *   value 2   the article title; absent when the article has none
 *
 *   terms     for the i-th word w of the passage (i from 1), normalized by
 *             the tokenizer, with stem s = stemmer-id(w):
 *               w        at position i, wdf +1   (phrases, exact forms)
 *               "Z" s    no position,   wdf +1   (ranked matching)
 *             for the i-th word of the title, in every passage:
 *               "S" w    at position i, wdf +1   (judul:"a phrase")
 *               "ZS" s   no position,   wdf +1   (judul:word, title boost)
 *             boolean (wdf 0, so they never weigh):
 *               "A" id          every passage of the article
 *               "Q" id "#" n    the n-th passage
 *
 * So a passage's length (the sum of its wdfs) is twice the number of its
 * words plus its title's words; BM25 uses only its ratio to the average,
 * which is the ratio of word counts.  Terms longer than 240 bytes keep
 * their head and a hash of the whole (terms.c).
 *
 * Metadata: "cari.format" (this layout's version) and "cari.stemmer" (the
 * stemmer's signature): a reader with another stemmer refuses the index
 * instead of silently finding nothing.
 *
 * Updating an article deletes every document with its "A" term, then adds
 * its passages again, all inside the writer's open transaction: readers
 * see the old passages until the commit and the new ones after it.
 */
#include "article.h"
#include "db.h"
#include "passage.h"
#include "terms.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* State for building the passages of one article. */
typedef struct {
    cari_db *db;
    const char *id;
    const char *title;       /* NUL-terminated or NULL */
    const char *para;        /* the paragraph being split */
    unsigned passage;        /* number of the last passage added */
    xc_doc *doc;             /* the document being filled */
    unsigned pos;            /* last position used in it */
    const char *prefix;      /* CARI_PREFIX_TITLE for title words, "" else */
    const char *stem_prefix;
    char *err;               /* first xapian-c error (sticky) */
    cari_status rc;          /* first status other than xapian-c (sticky) */
} builder;

/* Adds the word and its stem to the document (a cari_token_fn). */
static int add_word(void *ctx, const cari_token *tok)
{
    builder *b = ctx;
    char term[CARI_TERM_MAX + 1];
    size_t stem_len;
    const char *stem = cari_stem_term(b->db, tok->term, tok->term_len, &stem_len);
    if (!stem)
        return b->rc = CARI_NOMEM;
    b->pos++;
    size_t n = cari_make_term(term, b->prefix, tok->term, tok->term_len);
    xc_doc_add_posting(b->doc, term, n, b->pos, 1, &b->err);
    n = cari_make_term(term, b->stem_prefix, stem, stem_len);
    xc_doc_add_term(b->doc, term, n, 1, &b->err);
    return b->err ? CARI_ERROR : 0;
}

/* Builds one passage document from para[start..end) and adds it
 * (a cari_passage_fn). */
static int add_passage(void *ctx, size_t start, size_t end, size_t words)
{
    builder *b = ctx;
    char term[CARI_TERM_MAX + 1];
    char num[16];
    (void)words;
    b->doc = xc_doc_new(&b->err);
    if (!b->doc)
        return CARI_ERROR;
    b->passage++;
    int nlen = snprintf(num, sizeof num, "%u", b->passage);

    b->pos = 0;
    b->prefix = "";
    b->stem_prefix = CARI_PREFIX_STEM;
    int rc = cari_tokenize(b->para + start, end - start, add_word, b);
    if (!rc && b->title) {
        b->pos = 0;
        b->prefix = CARI_PREFIX_TITLE;
        b->stem_prefix = CARI_PREFIX_TITLE_STEM;
        rc = cari_tokenize(b->title, strlen(b->title), add_word, b);
    }
    if (!rc) {
        size_t idlen = strlen(b->id);
        size_t n = cari_make_term(term, CARI_PREFIX_ARTICLE, b->id, idlen);
        xc_doc_add_term(b->doc, term, n, 0, &b->err);
        char *uid = malloc(idlen + 18);
        if (!uid) {
            rc = b->rc = CARI_NOMEM;
        } else {
            sprintf(uid, "%s#%u", b->id, b->passage);
            n = cari_make_term(term, CARI_PREFIX_UID, uid, strlen(uid));
            free(uid);
            xc_doc_add_term(b->doc, term, n, 0, &b->err);
        }
        xc_doc_set_value(b->doc, CARI_SLOT_ARTICLE, b->id, idlen, &b->err);
        xc_doc_set_value(b->doc, CARI_SLOT_PASSAGE, num, (size_t)nlen, &b->err);
        if (b->title)
            xc_doc_set_value(b->doc, CARI_SLOT_TITLE, b->title, strlen(b->title), &b->err);
        xc_doc_set_data(b->doc, b->para + start, end - start, &b->err);
        if (!b->err)
            xc_wdb_replace(b->db->w, NULL, b->doc, &b->err);
    }
    xc_doc_free(b->doc);
    b->doc = NULL;
    if (b->err)
        return CARI_ERROR;
    return rc;
}

/* Splits one paragraph into passages and adds them (a cari_para_fn). */
static int add_paragraph(void *ctx, const char *text, size_t len)
{
    builder *b = ctx;
    b->para = text;
    return cari_split_passages(text, len, CARI_PASSAGE_WORDS, add_passage, b);
}

/* Warns about a line with invalid UTF-8 (a cari_badline_fn). */
static void bad_line(void *ctx, size_t line)
{
    builder *b = ctx;
    cari_warn(b->db, b->id, line, "invalid UTF-8 replaced by U+FFFD");
}

/* Deletes the passages of `id`.  Returns a status. */
static cari_status delete_article(cari_db *db, const char *id)
{
    char term[CARI_TERM_MAX + 1];
    char *err = NULL;
    cari_make_term(term, CARI_PREFIX_ARTICLE, id, strlen(id));
    xc_wdb_delete_term(db->w, term, &err);
    if (err)
        return cari_fail_xc(db, err, db->path);
    return CARI_OK;
}

/* The common part of cari_add_text() and cari_add_article(): `has_title`
 * says whether `title` is given (1) or to be found in the text (-1). */
static cari_status add(cari_db *db, const char *id, const char *title,
                       int find_title, const char *text, size_t len,
                       size_t *out_passages)
{
    cari_clear_error(db);
    if (out_passages)
        *out_passages = 0;
    if (!db->w)
        return cari_fail(db, CARI_INVALID, "%s: index not open for writing", db->path);
    if (!id || !*id)
        return cari_fail(db, CARI_INVALID, "article id is empty");
    if (!text)
        return cari_fail(db, CARI_INVALID, "%s: no text", id);

    builder b = {0};
    b.db = db;
    b.id = id;
    int ustatus;
    size_t fixed_len = 0;
    char *fixed = cari_utf8_repair(text, len, &fixed_len, bad_line, &b, &ustatus);
    if (ustatus)
        return cari_fail(db, CARI_NOMEM, "%s: out of memory", id);
    if (fixed) {
        text = fixed;
        len = fixed_len;
    }
    char *title_copy = NULL;
    if (title) {
        int ts;
        size_t tl;
        title_copy = cari_utf8_repair(title, strlen(title), &tl, NULL, NULL, &ts);
        b.title = title_copy ? title_copy : title;
    }

    cari_status rc = delete_article(db, id);
    if (!rc) {
        cari_article art;
        cari_parse_article(&art, text, len, find_title);
        if (find_title && art.title_len) {
            title_copy = strndup(art.title, art.title_len);
            if (!title_copy)
                rc = cari_fail(db, CARI_NOMEM, "%s: out of memory", id);
            b.title = title_copy;
        }
        if (!rc) {
            int r = cari_each_paragraph(&art, add_paragraph, &b);
            if (b.err)
                rc = cari_fail_xc(db, b.err, id);
            else if (b.rc)
                rc = cari_fail(db, b.rc, "%s: %s", id, cari_status_str(b.rc));
            else if (r)
                rc = cari_fail(db, r == CARI_NOMEM ? CARI_NOMEM : CARI_ERROR,
                               "%s: indexing failed", id);
        }
    }
    free(title_copy);
    free(fixed);
    db->dirty = 1;
    if (out_passages)
        *out_passages = b.passage;
    return rc;
}

cari_status cari_add_text(cari_db *db, const char *id, const char *text,
                          size_t len, size_t *out_passages)
{
    return add(db, id, NULL, 1, text, len, out_passages);
}

cari_status cari_add_article(cari_db *db, const char *id, const char *title,
                             const char *text, size_t len, size_t *out_passages)
{
    return add(db, id, title, 0, text, len, out_passages);
}

cari_status cari_remove(cari_db *db, const char *id)
{
    cari_clear_error(db);
    if (!db->w)
        return cari_fail(db, CARI_INVALID, "%s: index not open for writing", db->path);
    db->dirty = 1;
    return delete_article(db, id);
}
