/*
 * cari.h: the public C API of cari, full-text search for Indonesian text.
 *
 * Conventions (after SQLite and libgit2):
 *  - Handles are opaque.  A function that can fail returns a cari_status;
 *    CARI_OK is 0.  The message of the last failure is kept in the handle:
 *    cari_errmsg(db).  Outputs come first and are named `out`.
 *  - Every pointer a function returns says who frees it.  Strings inside a
 *    result set belong to that result set.
 *  - Text is UTF-8.  Invalid bytes are replaced by U+FFFD, never rejected.
 *  - A cari_db handle must not be used by two threads at once; open one per
 *    thread (readers are cheap).
 */
#ifndef CARI_H
#define CARI_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(CARI_BUILDING) && defined(__GNUC__)
#define CARI_API __attribute__((visibility("default")))
#else
#define CARI_API
#endif

/* Result codes.  Values never change; new ones are added at the end. */
typedef enum {
    CARI_OK = 0,
    CARI_ERROR = 1,     /* an error not covered below; see cari_errmsg() */
    CARI_NOMEM = 2,     /* out of memory */
    CARI_NOTFOUND = 3,  /* no index at the path */
    CARI_LOCKED = 4,    /* another writer holds the index */
    CARI_CORRUPT = 5,   /* the index is damaged or not a cari index */
    CARI_INVALID = 6,   /* bad argument or query; see cari_errmsg() */
    CARI_IO = 7,        /* reading or writing a file failed */
    CARI_MISMATCH = 8   /* index built by another stemmer or format */
} cari_status;

/* A short English name for a status ("out of memory", ...).  Static. */
CARI_API const char *cari_status_str(cari_status st);

/* ---- tokens ----------------------------------------------------------- */

/* One word of a text, as the index sees it. */
typedef struct {
    size_t start, end;    /* byte offsets of the word in the input text */
    const char *term;     /* normalized (NFKC, case-folded) form; not
                             NUL-terminated, valid during the callback */
    size_t term_len;
    int joined;           /* 1 if hyphen-joined to the previous token, as
                             in AK-12 or tentara-tentara */
} cari_token;

/* Called for each token; a non-zero return stops tokenizing and is
 * returned by cari_tokenize(). */
typedef int (*cari_token_fn)(void *ctx, const cari_token *tok);

/* Splits `text` (`len` bytes of UTF-8) into words and calls `fn` for each.
 * Letters and digits of any script form words; "11.000" is the number
 * 11000, "2,5" is one number; hyphens join words whose parts are reported
 * separately (joined = 1).  Invalid bytes separate words.  Returns 0, the
 * callback's non-zero value, or CARI_NOMEM. */
CARI_API int cari_tokenize(const char *text, size_t len, cari_token_fn fn,
                           void *ctx);

/* ---- opening and closing ---------------------------------------------- */

typedef struct cari_db cari_db;

/* Flags for cari_open(). */
#define CARI_OPEN_READ 0x0     /* search only */
#define CARI_OPEN_WRITE 0x1    /* add and remove articles; creates the index
                                  when missing */
#define CARI_OPEN_NOSYNC 0x2   /* with WRITE: skip fsync (fresh builds) */
/* The stemmer (default: stemmer-id).  An index remembers the stemmer that
 * built it; opening it with another gives CARI_MISMATCH. */
#define CARI_OPEN_STEM_SNOWBALL 0x10 /* plain Snowball Indonesian */
#define CARI_OPEN_STEM_NONE 0x20     /* no stemming: words as they are */

/* Opens the index at `path`.  Stores a new handle in *out even on failure
 * (unless out of memory, when *out is NULL), so that cari_errmsg() can say
 * what went wrong; close it with cari_close() in every case.  Returns
 * CARI_NOTFOUND when there is no index (READ), CARI_LOCKED when another
 * writer has it, CARI_CORRUPT for a damaged or foreign index,
 * CARI_MISMATCH when the index was built by another stemmer. */
CARI_API cari_status cari_open(cari_db **out, const char *path, int flags);

/* Closes the handle.  Changes not committed with cari_commit() are
 * discarded.  NULL is allowed. */
CARI_API void cari_close(cari_db *db);

/* The message of the handle's last failure ("" if none).  Owned by the
 * handle; valid until its next call. */
CARI_API const char *cari_errmsg(const cari_db *db);

/* ---- indexing --------------------------------------------------------- */

/* Called with a warning about the input (e.g. invalid UTF-8 replaced):
 * `line` is the 1-based line of the article text it concerns (0: none). */
typedef void (*cari_warn_fn)(void *ctx, const char *article_id, size_t line,
                             const char *message);

/* Sets the function that receives warnings (NULL: drop them). */
CARI_API void cari_set_warning_handler(cari_db *db, cari_warn_fn fn,
                                       void *ctx);

/* Adds the article `id` from its file contents (`len` bytes): the first
 * line is the title when the second line is empty; every other non-empty
 * line is a paragraph; long paragraphs are split into passages of at most
 * about 120 words.  An article already indexed under `id` is replaced.
 * Stores the number of passages in *out_passages (may be NULL).  Nothing is
 * visible to searchers until cari_commit(). */
CARI_API cari_status cari_add_text(cari_db *db, const char *id,
                                   const char *text, size_t len,
                                   size_t *out_passages);

/* Adds the article `id` with an explicit `title` (NULL: none) and `text`
 * whose paragraphs are separated by newlines.  Otherwise as
 * cari_add_text(). */
CARI_API cari_status cari_add_article(cari_db *db, const char *id,
                                      const char *title, const char *text,
                                      size_t len, size_t *out_passages);

/* Removes the article `id` and all its passages.  Removing an id that is
 * not indexed is not an error. */
CARI_API cari_status cari_remove(cari_db *db, const char *id);

/* Makes every change since the last commit durable and visible, at once. */
CARI_API cari_status cari_commit(cari_db *db);

/* ---- searching -------------------------------------------------------- */

/* Search options.  Initialise with cari_search_options_init(). */
typedef struct {
    unsigned limit;      /* at most this many hits (default 10) */
    unsigned offset;     /* skip this many (paging; default 0) */
    double k1;           /* BM25 k1 (default CARI_DEFAULT_K1) */
    double b;            /* BM25 b (default CARI_DEFAULT_B) */
    double title_weight; /* weight of a title word relative to a body word */
    int match_all;       /* 1: every word must match (default 0: any) */
    unsigned snippet_words; /* about this many words per snippet */
    int keep_stopwords;  /* 1: rank Indonesian stopwords and question
                            words too (default 0: drop them from ranked
                            queries unless the query has nothing else) */
} cari_search_options;

#define CARI_DEFAULT_K1 1.2
#define CARI_DEFAULT_B 0.75
#define CARI_DEFAULT_TITLE_WEIGHT 0.5

CARI_API void cari_search_options_init(cari_search_options *opts);

/* A byte range [start, end). */
typedef struct {
    size_t start, end;
} cari_span;

/* One ranked passage.  Every pointer is owned by the result set. */
typedef struct {
    unsigned rank;               /* 1-based, over all pages */
    double score;                /* BM25 score */
    const char *article;         /* article id */
    unsigned passage;            /* 1-based passage number in the article */
    const char *title;           /* article title, NULL if it has none */
    const char *text;            /* the whole passage (NUL-terminated) */
    size_t text_len;
    const cari_span *highlights; /* matched words, offsets into text */
    size_t n_highlights;
    const char *snippet;         /* an excerpt of text around the matches,
                                    with "…" where it was cut */
    const cari_span *snippet_highlights; /* matched words, into snippet */
    size_t n_snippet_highlights;
} cari_hit;

typedef struct cari_results cari_results;

/* Ranks the passages matching `query` with BM25 and stores a result set in
 * *out (free with cari_results_free()).  The query language: words (OR-ed,
 * or AND-ed with match_all), "a phrase", judul:word (title), -word (must
 * not), +word (must).  Returns CARI_INVALID for an empty or malformed query
 * (cari_errmsg() names the problem); *out is NULL on failure. */
CARI_API cari_status cari_search(cari_db *db, const char *query,
                                 const cari_search_options *opts,
                                 cari_results **out);

/* Number of hits in the set. */
CARI_API size_t cari_results_count(const cari_results *res);

/* Estimated number of matching passages in the whole index. */
CARI_API size_t cari_results_total(const cari_results *res);

/* The i-th hit (0-based), or NULL when i is out of range.  Owned by res. */
CARI_API const cari_hit *cari_results_hit(const cari_results *res, size_t i);

CARI_API void cari_results_free(cari_results *res);

#ifdef __cplusplus
}
#endif

#endif /* CARI_H */
