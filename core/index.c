/*
 * Overview: how cari lays out an index in Xapian
 * ==============================================
 *
 * An article is split into passages (article.c, passage.c); each passage
 * is one Xapian document:
 *
 *   data      what a hit shows, in one read (docdata.c): the passage
 *             number (1-based within the article), the article id (its
 *             path relative to the indexed root), the title (or none) and
 *             the passage text, UTF-8 (invalid bytes already replaced)
 *   value 0   the article id, for per-article collapsing and for ordering
 *             equal scores
 *   value 10  the passage's rank data (rankdata.c, format 10): for each
 *             word of its text and title, hashes of the word and its stem
 *             and what kind of answer it is, so that the learned ranking
 *             never tokenizes a candidate again
 *
 *   terms     for the i-th word w of the passage (i from 1), normalized by
 *             the tokenizer, with stem s = cari_stem_term(w) (terms.c):
 *             stemmer-id's stem, except that a stopword is its own stem
 *             and a word whose stem is a stopword gets it marked
 *             (memperoleh: "oleh+"; format 8):
 *               "Z" s    at position i, wdf +w   (ranking, phrases, NEAR);
 *                        no position when w is one of the commonest
 *                        function words (yang, dan, untuk: stopwords.c)
 *               w        no position,   wdf +w   only when w != s (prefix*)
 *             for the i-th word of the title, in every passage:
 *               "ZS" s   at position i, wdf +w   (judul:, the title boost)
 *               "S" w    no position,   wdf +w   only when w != s
 *             (w: the passage's length weight, below); boolean (wdf 0, so
 *             they never weigh):
 *               "A" id          every passage of the article
 *               "Q" id "#" n    the n-th passage
 *               "P" folder "/"  each folder of the id ("a/", "a/b/" for
 *                               "a/b/c.txt"), for artikel:folder/
 *             and the article's metadata (metaindex.h): value 1 the date
 *             as sortable_serialise(seconds), value 2 (format 14) the
 *             article id and its source, categories, year and authors
 *             for facets, in one value, on the first passage of each run
 *             of the article's passages only, and value 5 each passage's
 *             distance to its run's first, on that one and every 32nd;
 *             filter terms "XS" "XA" "XC" "XL" and the value's
 *             words, and (format 9) "XD" year and "XD" year month in WIB
 *             on every passage of a dated article, for date ranges;
 *             (format 13) values 3 and 4 its hour and its day in WIB,
 *             the time keys of --recent
 *
 * Spelling data (Xapian's add_spelling): every body word that has no
 * digit, once per occurrence, for the searcher's "Maksud Anda".
 *
 * Phrases and NEAR therefore match by stem, and a word that is its own
 * stem (most words) costs one posting, not two: format 3 has a third
 * fewer postings than format 2, which kept every exact form with its
 * positions.  Format 5 drops the positions of the commonest function
 * words (format 4 dropped those of every stopword, so that "Menteri
 * Dalam Negeri" also found Luar Negeri): in a phrase such a word stands
 * for at most one word, and NEAR leaves them out (query.c).
 *
 * Format 6 applies BM25's length normalization here, once per passage,
 * instead of at every search: each occurrence adds not 1 but
 *   w = round(CARI_WDF_SCALE / ((1 - b) + b * length / CARI_LENGTH_PIVOT))
 * (at least 1) to its terms' wdf, where length is the passage's number of
 * words and title words, b the index's (CARI_DEFAULT_B unless set with
 * cari_set_bm25_b(), recorded as "cari.bm25_b").  A term's wdf is then its
 * length-normalized frequency in sixteenths, and search.c ranks with
 * Xapian's BM25 at b = 0, which never reads a passage's length: reading
 * them was 40% of a query's time (bench/README.md).  Xapian's own
 * document length (the sum of the wdfs) is no longer used.  Terms longer
 * than 240 bytes keep their head and a hash of the whole (terms.c).
 *
 * Format 8 keeps stopwords and the content words built on them apart:
 * formats up to 7 indexed memperoleh, berada and pendapat by the stems oleh, ada
 * and dapat, so each matched every bare "oleh", "ada" and "dapat", and
 * tersebut, secara and terhadap by sebut, cara and hadap.  Format 10 adds
 * each passage's rank data (value 10), which the second stage of a search
 * read by tokenizing the passage's text again.
 *
 * Metadata: "cari.format" (this layout's version) and "cari.stemmer" (the
 * stemmer's signature): a reader with another stemmer refuses the index
 * instead of silently finding nothing.  Each article has a record
 * "a:" id -> content hash, passage count, group (records.c): an update
 * skips an article whose hash has not changed, and removes the articles of
 * a group whose files are gone.
 *
 * Updating a changed article leaves each passage whose data (number, id,
 * title, text: everything its terms come from) is the same as before,
 * replaces the others in place (the document with its "Q" term, so Xapian
 * rewrites only what changed) and deletes the old passages past its new
 * count, all inside the writer's open transaction: readers see the old
 * passages until the commit and the new ones after it.  Removing an
 * article deletes every document with its "A" term.  Fresh builds and
 * rebuilds are written beside the live index and swapped in (writer.c).
 *
 * The article text is read as a stream (article.c): each paragraph (or
 * piece of an over-long line) is repaired (utf8.c), split into passages
 * (passage.c) and indexed, so memory does not grow with the article.
 */
#include "article.h"
#include "alloc.h"
#include "docdata.h"
#include "frontmatter.h"
#include "html.h"
#include "index.h"
#include "metaindex.h"
#include "passage.h"
#include "rankdata.h"
#include "records.h"
#include "stopwords.h"
#include "terms.h"
#include "utf8.h"
#include "vocab.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CARI_READ_CHUNK (64 * 1024)   /* bytes read at a time */
#define BATCH_COMMIT_DOCS 2000        /* passages per commit of a builder */

/* State for indexing one article. */
typedef struct {
    cari_store *db;
    const char *id;
    char *title;             /* repaired title, NULL when none */
    size_t title_line;
    const char *para;        /* the paragraph being split */
    size_t para_line;        /* its line, for warnings */
    unsigned passage;        /* number of the last passage added */
    xc_doc *doc;             /* the document being filled */
    unsigned pos;            /* last position used in it */
    const char *prefix;      /* CARI_PREFIX_TITLE for title words, "" else */
    const char *stem_prefix;
    xc_err *err;             /* first xapian-c error (sticky) */
    cari_status rc;          /* first other failure (sticky) */
    int replace;             /* the article was indexed: replace passage n
                                in place (by its "Q" term) */
    unsigned written;        /* passages added or replaced (not those left
                                alone as unchanged) */
    unsigned wdf;            /* what each word adds to its terms' wdf: the
                                passage's length weight */
    cari_meta_fields meta;   /* the article's metadata (metaindex.h) */
    cari_meta_stamp stamp;   /* its terms and values, made once */
    char *meta_blob;         /* its encoding in every passage's data */
    size_t meta_len;
    const char *tokenizing;  /* the text or title being tokenized */
    cari_rankdata rank;      /* the passage's rank data (rankdata.h) */
} builder;

/* The wdf each word of a passage of `words` words (title included) adds:
 * BM25's length normalization at `b` around the pivot, in units of
 * 1/CARI_WDF_SCALE, at least 1 (see the Overview). */
static unsigned length_weight(double b, size_t words)
{
    double norm = (1 - b) + b * (double)words / CARI_LENGTH_PIVOT;
    double w = CARI_WDF_SCALE / norm + 0.5;
    return w < 1 ? 1 : (unsigned)w;
}

/* Adds the word and its stem to the document (a cari_token_fn). */
static int add_word(void *ctx, const cari_token *tok)
{
    builder *b = ctx;
    char term[CARI_TERM_MAX + 1];
    size_t stem_len;
    const char *stem = cari_stem_term(b->db->stemmer, tok->term, tok->term_len, &stem_len);
    if (!stem || cari_rankdata_add(&b->rank, b->tokenizing, tok, stem, stem_len))
        return b->rc = CARI_NOMEM;
    b->pos++;
    size_t n;
    /* The exact form only where it differs from the stem: it serves
     * prefix* alone, so it needs no positions. */
    if (stem_len != tok->term_len || memcmp(stem, tok->term, stem_len)) {
        n = cari_make_term(term, b->prefix, tok->term, tok->term_len);
        xc_doc_add_term(b->doc, term, n, b->wdf, &b->err);
    }
    /* Body words feed the spelling data (numbers do not need it). */
    size_t d = 0;
    while (d < tok->term_len && (tok->term[d] < '0' || tok->term[d] > '9'))
        d++;
    if (!*b->prefix && d == tok->term_len &&
        cari_vocab_add(&b->db->vocab, tok->term, tok->term_len))
        return b->rc = CARI_NOMEM;
    /* A build worker's vocabulary goes to Xapian whenever it grows large,
     * so its memory stays bounded however big the corpus (an update's
     * stays in its transaction until the commit). */
    if (b->db->batch && b->db->vocab.n >= b->db->vocab_flush)
        cari_store_flush_spelling(b->db, &b->err);
    /* The commonest function words go without their positions (11% of
     * the position table; phrases skip them, query.c), but the
     * position still counts: "rumah yang besar" keeps rumah and besar 2
     * apart. */
    n = cari_make_term(term, b->stem_prefix, stem, stem_len);
    if (cari_is_positionless(tok->term, tok->term_len))
        xc_doc_add_term(b->doc, term, n, b->wdf, &b->err);
    else
        xc_doc_add_posting(b->doc, term, n, b->pos, b->wdf, &b->err);
    return b->err ? CARI_ERROR : 0;
}

/* Whether the index already holds passage `uid` (its "Q" term) with
 * exactly `data`: the same number, id, title and text, so the same terms.
 * An error counts as "no" (the replace that follows reports it). */
static int unchanged(builder *b, const char *uid, const char *data, size_t len)
{
    xc_err *err = NULL;
    size_t old_len;
    char *old = xc_wdb_term_data(b->db->w, uid, &old_len, &err);
    int same = old && old_len == len && !memcmp(old, data, len);
    xc_free(old);
    xc_err_free(err);
    return same;
}

/* Builds one passage document from text[0..len) and adds it; a passage
 * being replaced that has not changed is left as it is (Xapian would
 * read and rewrite every position list of its terms to find that out).
 * Returns 0 or the first failure (b->err set for Xapian's). */
static int add_document(builder *b, const char *text, size_t len)
{
    char term[CARI_TERM_MAX + 1];
    char uid[CARI_TERM_MAX + 1];
    b->passage++;
    size_t idlen = strlen(b->id);
    char *name = cari_malloc(idlen + 18);
    if (!name)
        return b->rc = CARI_NOMEM;
    sprintf(name, "%s#%u", b->id, b->passage);
    cari_make_term(uid, CARI_PREFIX_UID, name, strlen(name));
    free(name);
    size_t dlen;
    char *data = cari_docdata_encode(b->passage, b->id, b->title, b->meta_blob, b->meta_len,
                                     text, len, &dlen);
    if (!data)
        return b->rc = CARI_NOMEM;
    if (b->replace && unchanged(b, uid, data, dlen)) {
        free(data);
        return 0;
    }
    b->doc = xc_doc_new(&b->err);
    if (!b->doc) {
        free(data);
        return CARI_ERROR;
    }

    b->wdf = length_weight(b->db->bm25_b, cari_passage_words(text, len, b->title));
    b->pos = 0;
    b->prefix = "";
    b->stem_prefix = CARI_PREFIX_STEM;
    b->tokenizing = text;
    cari_rankdata_reset(&b->rank);
    int rc = cari_tokenize(text, len, add_word, b);
    if (!rc && b->title) {
        b->pos = 0;
        b->prefix = CARI_PREFIX_TITLE;
        b->stem_prefix = CARI_PREFIX_TITLE_STEM;
        b->tokenizing = b->title;
        cari_rankdata_title(&b->rank);
        rc = cari_tokenize(b->title, strlen(b->title), add_word, b);
    }
    size_t rank_len = 0;
    const char *rank = rc ? NULL : cari_rankdata_value(&b->rank, b->passage, &rank_len);
    if (!rc && !rank)
        rc = b->rc = CARI_NOMEM;
    if (!rc) {
        size_t n = cari_make_term(term, CARI_PREFIX_ARTICLE, b->id, idlen);
        xc_doc_add_term(b->doc, term, n, 0, &b->err);
        for (size_t k = 0; k < idlen; k++) /* "P" folder/ for artikel:folder/ */
            if (b->id[k] == '/' && k > 0) {
                n = cari_make_term(term, CARI_PREFIX_FOLDER, b->id, k + 1);
                xc_doc_add_term(b->doc, term, n, 0, &b->err);
            }
        xc_doc_add_term(b->doc, uid, strlen(uid), 0, &b->err);
        /* A new article's passages are added one after another, so
         * only its first starts a run; a replaced passage keeps its old
         * id and an added one goes after the others: each may start one. */
        cari_meta_index(b->doc, b->id, &b->meta, &b->stamp, b->passage,
                        b->passage == 1 || b->replace, &b->err);
        xc_doc_set_value(b->doc, CARI_SLOT_ARTICLE, b->id, idlen, &b->err);
        xc_doc_set_value(b->doc, CARI_SLOT_RANK, rank, rank_len, &b->err);
        xc_doc_set_data(b->doc, data, dlen, &b->err);
        /* Replacing in place (by the "Q" term) lets Xapian rewrite only
         * what changed in the passage. */
        if (!b->err && xc_wdb_replace(b->db->w, b->replace ? uid : NULL, b->doc, &b->err))
            b->written++;
        /* A build worker commits its shard every BATCH_COMMIT_DOCS passages
         * (Xapian's own default is 10,000): smaller batches of postings
         * merge faster and take a third of the memory (bench/README.md). */
        if (!b->err && b->db->batch && ++b->db->batch_docs % BATCH_COMMIT_DOCS == 0)
            xc_wdb_commit(b->db->w, &b->err);
    }
    free(data);
    xc_doc_free(b->doc);
    b->doc = NULL;
    if (b->err)
        return CARI_ERROR;
    return rc;
}

/* Adds one passage of the current paragraph (a cari_passage_fn). */
static int add_passage(void *ctx, size_t start, size_t end, size_t words)
{
    builder *b = ctx;
    (void)words;
    return add_document(b, b->para + start, end - start);
}

/* Warns about a line with invalid UTF-8 (a cari_badline_fn); `line` is
 * relative to the text repaired, which starts on b->para_line. */
static void bad_line(void *ctx, size_t line)
{
    builder *b = ctx;
    cari_store_warn(b->db, b->id, b->para_line + line - 1, "invalid UTF-8 replaced by U+FFFD");
}

/* Repairs text[0..len) if needed.  Returns the text to use (*out_copy is
 * the malloc'd copy to free, or NULL), or NULL when out of memory. */
static const char *repaired(builder *b, const char *text, size_t *len, size_t line,
                            char **out_copy)
{
    int st;
    size_t fixed_len;
    b->para_line = line;
    *out_copy = cari_utf8_repair(text, *len, &fixed_len, bad_line, b, &st);
    if (st)
        return NULL;
    if (*out_copy) {
        *len = fixed_len;
        return *out_copy;
    }
    return text;
}

/* Indexes one paragraph (a cari_line_fn). */
static int on_paragraph(void *ctx, const char *text, size_t len, size_t line)
{
    builder *b = ctx;
    char *copy;
    const char *t = repaired(b, text, &len, line, &copy);
    if (!t)
        return b->rc = CARI_NOMEM;
    b->para = t;
    int rc = cari_split_passages(t, len, CARI_PASSAGE_WORDS, add_passage, b);
    free(copy);
    return rc;
}

/* Keeps the article's title (a cari_line_fn). */
static int on_title(void *ctx, const char *text, size_t len, size_t line)
{
    builder *b = ctx;
    char *copy;
    const char *t = repaired(b, text, &len, line, &copy);
    if (!t || !(b->title = cari_strndup(t, len)))
        b->rc = CARI_NOMEM;
    free(copy);
    b->title_line = line;
    return b->rc;
}

/* Warns about a line of the front matter (a cari_fm_warn_fn). */
static void front_matter_warning(void *ctx, size_t line, const char *msg)
{
    builder *b = ctx;
    cari_store_warn(b->db, b->id, line, msg);
}

/* Reads the whole article through `read` into the index: first its front
 * matter (format CARI_FORMAT_TEXT), then its title and paragraphs.
 * Returns 0, or a status with the message recorded in db. */
static cari_status index_article(cari_store *db, builder *b, int format,
                                 cari_read_fn read, void *ctx)
{
    char *buf = cari_malloc(CARI_READ_CHUNK);
    if (!buf)
        return cari_fail(&db->error, CARI_NOMEM, "%s: out of memory", b->id);
    /* The first chunk holds the front matter, if any: it must close
     * within CARI_FRONTMATTER_MAX bytes. */
    _Static_assert(CARI_READ_CHUNK >= CARI_FRONTMATTER_MAX, "front matter fits a chunk");
    long n = cari_read_fill(read, ctx, buf, CARI_READ_CHUNK);
    if (n < 0) {
        int e = errno;
        free(buf);
        return cari_fail(&db->error, CARI_IO, "%s: read error: %s", b->id, strerror(e));
    }
    size_t skip = 0, lines = 0;
    /* A byte-order mark (files saved by some Windows editors) is no part
     * of the title or the front matter. */
    if (n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
        skip = 3;
    int find_title = format == CARI_FORMAT_TEXT;
    if (n > 0 && find_title) {
        size_t body = 0;
        int fm = cari_frontmatter_read(buf + skip, (size_t)n - skip, &b->meta,
                                       front_matter_warning, b, &body, &lines);
        skip += body;
        if (fm < 0) {
            free(buf);
            return cari_fail(&db->error, CARI_NOMEM, "%s: out of memory", b->id);
        }
        if (fm > 0 && b->meta.title) { /* its title: every line is text */
            free(b->title);
            b->title = b->meta.title;
            b->meta.title = NULL;
            find_title = 0;
        }
    }
    cari_status st = cari_meta_settle(db, b->id, &b->meta, (long long)time(NULL),
                                      &b->meta_blob, &b->meta_len);
    if (st) {
        free(buf);
        return st;
    }
    cari_article_reader r;
    cari_article_init(&r, find_title, on_title, on_paragraph, b);
    r.line = r.line_start = lines + 1;
    int rc = 0;
    if (n > 0)
        rc = cari_article_feed(&r, buf + skip, (size_t)n - skip);
    for (; !rc && n > 0;) {
        n = read(ctx, buf, CARI_READ_CHUNK);
        if (n < 0) {
            int e = errno;
            cari_article_discard(&r);
            free(buf);
            return cari_fail(&db->error, CARI_IO, "%s: read error: %s", b->id, strerror(e));
        }
        if (n > 0)
            rc = cari_article_feed(&r, buf, (size_t)n);
    }
    free(buf);
    if (rc)
        cari_article_discard(&r);
    else
        rc = cari_article_finish(&r);
    if (b->err)
        return cari_fail_xc(&db->error, b->err, b->id);
    if (b->rc)
        return cari_fail(&db->error, b->rc, "%s: %s", b->id, cari_status_str(b->rc));
    if (rc)
        return cari_fail(&db->error, rc == -1 ? CARI_NOMEM : CARI_ERROR, "%s: indexing failed", b->id);
    /* An article with only a title is findable by it: the title becomes
     * its one passage. */
    if (!b->passage && b->title && *b->title) {
        cari_store_warn(db, b->id, 0, "only a title, indexed as its one passage");
        if (add_document(b, b->title, strlen(b->title)))
            return b->err ? cari_fail_xc(&db->error, b->err, b->id)
                          : cari_fail(&db->error, CARI_NOMEM, "%s: out of memory", b->id);
    } else if (!b->passage) {
        cari_store_warn(db, b->id, 0, "empty article, nothing to index");
    }
    return CARI_OK;
}

/* Deletes passages first..last of `id` (by their "Q" terms). */
static cari_status delete_passages(cari_store *db, const char *id, size_t first, size_t last)
{
    char term[CARI_TERM_MAX + 1];
    size_t idlen = strlen(id);
    char *uid = cari_malloc(idlen + 24);
    if (!uid)
        return cari_fail(&db->error, CARI_NOMEM, "%s: out of memory", id);
    xc_err *err = NULL;
    for (size_t k = first; k <= last && !err; k++) {
        sprintf(uid, "%s#%zu", id, k);
        cari_make_term(term, CARI_PREFIX_UID, uid, strlen(uid));
        xc_wdb_delete_term(db->w, term, &err);
    }
    free(uid);
    return err ? cari_fail_xc(&db->error, err, db->path) : CARI_OK;
}

/* Warns about a saved page (a cari_html_warn_fn). */
static void page_warning(void *ctx, const char *msg)
{
    builder *b = ctx;
    cari_store_warn(b->db, b->id, 0, msg);
}

/* Indexes a saved web page read through `read`: its metadata over b's,
 * its title, its text.  Returns a status (message in db). */
static cari_status index_page(cari_store *db, builder *b, cari_read_fn read, void *ctx)
{
    cari_html_page pg;
    cari_status st = cari_html_extract(read, ctx, page_warning, b, &pg);
    if (st == CARI_IO)
        return cari_fail(&db->error, st, "%s: read error: %s", b->id, strerror(errno));
    if (st)
        return cari_fail(&db->error, st, "%s: out of memory", b->id);
    cari_meta view;
    cari_meta_view(&pg.meta, &view);
    if (cari_meta_merge(&b->meta, &view) < 0) {
        cari_html_page_free(&pg);
        return cari_fail(&db->error, CARI_NOMEM, "%s: out of memory", b->id);
    }
    if (pg.meta.title) {
        free(b->title);
        b->title = pg.meta.title;
        pg.meta.title = NULL;
    }
    if (!pg.len)
        cari_store_warn(db, b->id, 0, "no article text in the page (no paragraphs)");
    cari_memory_reader m = {pg.text, pg.len};
    st = index_article(db, b, CARI_FORMAT_ARTICLE, cari_read_memory, &m);
    cari_html_page_free(&pg);
    return st;
}

/* A cari_read_fn that hashes what another one reads: the content hash of
 * an article added without one. */
typedef struct {
    cari_read_fn read;
    void *ctx;
    cari_hasher h;
} hashing_reader;

static long read_hashing(void *ctx, char *buf, size_t cap)
{
    hashing_reader *r = ctx;
    long n = r->read(r->ctx, buf, cap);
    if (n > 0)
        cari_hash_update(&r->h, buf, (size_t)n);
    return n;
}

cari_status cari_index_article(cari_store *db, const char *id, const char *title,
                               int format, const cari_meta *meta, const char *hash,
                               cari_read_fn read, void *ctx, cari_added *out)
{
    cari_clear_error(&db->error);
    cari_added dummy;
    if (!out)
        out = &dummy;
    out->change = CARI_ADDED;
    out->passages = 0;
    if (!db->w)
        return cari_fail(&db->error, CARI_INVALID, "%s: index not open for writing", db->path);
    if (!id || !*id)
        return cari_fail(&db->error, CARI_INVALID, "article id is empty");
    if (!read)
        return cari_fail(&db->error, CARI_INVALID, "%s: no text", id);

    char old[CARI_HASH_LEN + 1];
    size_t old_passages = 0;
    int known;
    cari_status st = cari_record_hash(db, id, old, &old_passages, &known);
    if (st)
        return st;
    if (known && hash && !strcmp(old, hash)) {
        out->change = CARI_UNCHANGED;
        return CARI_OK;
    }
    out->change = known ? CARI_CHANGED : CARI_ADDED;

    db->dirty = 1;
    builder b = {0};
    b.db = db;
    b.id = id;
    b.replace = known;
    if (title) {
        char *copy;
        /* A byte-order mark opening a title given apart (a JSON string
         * copied from a file) is no part of it. */
        if (!strncmp(title, "\xEF\xBB\xBF", 3))
            title += 3;
        size_t len = strlen(title);
        const char *t = repaired(&b, title, &len, 0, &copy);
        b.title = t ? cari_strndup(t, len) : NULL;
        free(copy);
        if (!b.title)
            return cari_fail(&db->error, CARI_NOMEM, "%s: out of memory", id);
    }
    if (cari_meta_merge(&b.meta, meta) < 0) {
        free(b.title);
        return cari_fail(&db->error, CARI_NOMEM, "%s: out of memory", id);
    }
    /* Without a hash, the content read is hashed, so that the article's
     * record has one (cari_check() requires it). */
    hashing_reader hr = {read, ctx, {0}};
    char content_hash[CARI_HASH_LEN + 1];
    if (!hash) {
        cari_hash_init(&hr.h);
        read = read_hashing;
        ctx = &hr;
    }
    st = format == CARI_FORMAT_HTML ? index_page(db, &b, read, ctx)
                                    : index_article(db, &b, format, read, ctx);
    if (!hash) {
        cari_hash_final(&hr.h, content_hash);
        hash = content_hash;
    }
    /* A changed article replaced its passages 1..n in place; the old ones
     * past n go. */
    if (!st && known && old_passages > b.passage)
        st = delete_passages(db, id, b.passage + 1, old_passages);
    if (!st)
        st = cari_record_put(db, id, hash, b.passage, db->group);
    free(b.title);
    cari_meta_clear(&b.meta);
    cari_meta_stamp_free(&b.stamp);
    free(b.meta_blob);
    cari_rankdata_free(&b.rank);
    out->passages = b.passage;
    db->passages_indexed += b.written;
    return st;
}

cari_status cari_unindex_article(cari_store *db, const char *id)
{
    char term[CARI_TERM_MAX + 1];
    xc_err *err = NULL;
    cari_make_term(term, CARI_PREFIX_ARTICLE, id, strlen(id));
    xc_wdb_delete_term(db->w, term, &err);
    if (err)
        return cari_fail_xc(&db->error, err, db->path);
    db->dirty = 1;
    return cari_record_delete(db, id);
}
