/*
 * xc: a thin C wrapper over Xapian 1.4, in the shape of leveldb's c.h.
 *
 * Every handle is opaque.  Every function that can fail takes `xc_err **errptr`
 * as its last argument: on failure it stores a malloc'd, NUL-terminated
 * message there (freeing any message already stored) and returns a neutral
 * value (NULL, 0).  On success *errptr is left untouched, so a caller may run
 * several calls and check once.  Free messages and returned strings with
 * xc_free().  No C++ exception ever crosses this header.
 *
 * This is the only part of cari that includes a Xapian header.
 */
#ifndef CARI_XC_H
#define CARI_XC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct xc_wdb xc_wdb;     /* a database open for writing */
typedef struct xc_rdb xc_rdb;     /* one or more databases open for reading */
typedef struct xc_doc xc_doc;     /* a document being built */
typedef struct xc_query xc_query; /* an immutable query tree */
typedef struct xc_mset xc_mset;   /* one page of ranked results */

/* ---- errors ----------------------------------------------------------- */

/* What kind of failure an error is: the caller maps a kind to its own
 * status once, without reading the message. */
typedef enum {
    XC_ERR_OTHER = 1,   /* anything not below */
    XC_ERR_NOMEM,       /* out of memory */
    XC_ERR_LOCK,        /* another writer holds the database */
    XC_ERR_NOTFOUND,    /* no database at the path */
    XC_ERR_CORRUPT,     /* the database files are damaged */
    XC_ERR_VERSION,     /* wrong format for this Xapian */
    XC_ERR_QUERY,       /* the query or an argument is not valid */
    XC_ERR_NETWORK,     /* a remote database did not answer */
    XC_ERR_UNSUPPORTED  /* not possible here (e.g. a custom weight on a
                           remote database) */
} xc_err_kind;

/* An error: a kind and a message ("DatabaseLockError: ..."). */
typedef struct xc_err xc_err;

/* A new error of `kind` with a copy of `msg`, for callers that report
 * their own failures through the same path (a malformed passage, memory
 * they could not get).  Never NULL: when memory runs out it returns a
 * static out-of-memory error, which xc_err_free() leaves alone.  Free
 * with xc_err_free(). */
xc_err *xc_err_new(xc_err_kind kind, const char *msg);

/* The error's kind (XC_ERR_OTHER for NULL) and its message (owned by the
 * error). */
xc_err_kind xc_err_kind_of(const xc_err *e);
const char *xc_err_msg(const xc_err *e);

/* The remote database that failed ("tcp://HOST:PORT", owned by the
 * error) when Xapian's error named it, else NULL. */
const char *xc_err_remote(const xc_err *e);

/* Frees an error.  NULL is fine. */
void xc_err_free(xc_err *e);

/* Frees a string returned by this API (metadata, reports). NULL is fine. */
void xc_free(void *p);

/* Xapian 1.4 can fail while it recovers from a failed write: a full disk
 * during a commit's flush of postings throws out of a Xapian function that
 * may not throw (or from a destructor run while unwinding), and C++ ends
 * the process through std::terminate, which no catch can stop.  This
 * installs a terminate handler (once per process) that calls fn with a
 * description of the exception in flight, then aborts; fn may clean up
 * and end the process itself (e.g. _exit).  fn runs on the failing
 * thread while others may still run.  NULL restores the default
 * behaviour (C++'s message, then abort). */
typedef void (*xc_fatal_fn)(const char *msg);
void xc_set_fatal_handler(xc_fatal_fn fn);

/* The running Xapian library's version ("1.4.22").  Static; never fails. */
const char *xc_version(void);

/* ---- writing ---------------------------------------------------------- */

enum {
    XC_OPEN = 0,        /* open an existing database */
    XC_CREATE = 1,      /* create it if missing, open it otherwise */
    XC_NO_SYNC = 2,     /* do not fsync on commit (fresh builds only) */
    XC_BATCH = 4        /* no transaction: Xapian flushes batches as it
                           goes (bounded memory; for builds that no reader
                           sees until they are complete) */
};

/* Opens the database at `path` for writing (flags: XC_* above).  Returns
 * NULL on error.  Close with xc_wdb_close(), which does not commit. */
xc_wdb *xc_wdb_open(const char *path, int flags, xc_err **errptr);

/* Closes a writable database, discarding uncommitted changes.  NULL is fine. */
void xc_wdb_close(xc_wdb *db);

/* Adds `doc`, replacing every document indexed by the term `uid` (when uid
 * is not NULL).  Returns the new document id, or 0 on error. */
unsigned xc_wdb_replace(xc_wdb *db, const char *uid, const xc_doc *doc,
                        xc_err **errptr);

/* Deletes every document indexed by `term`. */
void xc_wdb_delete_term(xc_wdb *db, const char *term, xc_err **errptr);

/* Makes all changes since the last commit durable and visible to readers. */
void xc_wdb_commit(xc_wdb *db, xc_err **errptr);

/* Stores `value` (`len` bytes) under `key`; an empty value deletes the key. */
void xc_wdb_set_metadata(xc_wdb *db, const char *key, const char *value,
                         size_t len, xc_err **errptr);

/* Returns the value stored under `key` (malloc'd, NUL-terminated, its length
 * in *len), or NULL if there is none or on error.  Free with xc_free(). */
char *xc_wdb_get_metadata(xc_wdb *db, const char *key, size_t *len,
                          xc_err **errptr);

/* Number of documents in the writable database (0 on error). */
unsigned xc_wdb_doccount(xc_wdb *db, xc_err **errptr);

/* Called for each metadata entry; a non-zero return stops the walk. */
typedef int (*xc_meta_fn)(void *ctx, const char *key, size_t klen,
                          const char *value, size_t vlen);

/* Calls `fn` for every metadata key starting with `prefix`, in key order,
 * with its value.  Returns fn's non-zero value, or 0 (also on error, with
 * *errptr set). */
int xc_wdb_metadata_each(xc_wdb *db, const char *prefix, xc_meta_fn fn,
                         void *ctx, xc_err **errptr);


/* Returns the data of the first document indexed by `term`, uncommitted
 * changes included (malloc'd, NUL-terminated, its length in *len; free
 * with xc_free()), or NULL when no document has the term or on error. */
char *xc_wdb_term_data(xc_wdb *db, const char *term, size_t *len,
                       xc_err **errptr);

/* ---- documents -------------------------------------------------------- */

/* Creates an empty document.  Returns NULL on error.  Free with
 * xc_doc_free(). */
xc_doc *xc_doc_new(xc_err **errptr);
void xc_doc_free(xc_doc *doc);

/* Adds one occurrence of `term` (len bytes) at position `pos`, raising its
 * within-document frequency by `wdf_inc`. */
void xc_doc_add_posting(xc_doc *doc, const char *term, size_t len,
                        unsigned pos, unsigned wdf_inc, xc_err **errptr);
/* Adds `term` without a position, raising its frequency by `wdf_inc`
 * (0 makes a boolean term: it filters but never weighs). */
void xc_doc_add_term(xc_doc *doc, const char *term, size_t len,
                     unsigned wdf_inc, xc_err **errptr);
void xc_doc_set_data(xc_doc *doc, const char *data, size_t len,
                     xc_err **errptr);
void xc_doc_set_value(xc_doc *doc, unsigned slot, const char *data,
                      size_t len, xc_err **errptr);

/* ---- reading ---------------------------------------------------------- */

/* Opens the database (or Xapian stub file) at `path` for reading.  Returns
 * NULL on error.  Close with xc_rdb_close(). */
xc_rdb *xc_rdb_open(const char *path, xc_err **errptr);

/* How long a remote database may take to connect or to answer, unless
 * told otherwise. */
#define XC_REMOTE_TIMEOUT_MS 5000

/* Opens `n` databases as one (Xapian's own sharding: statistics such as
 * document counts and term frequencies are over all of them, so BM25
 * scores equal those of one database holding everything).  A path of the
 * form "tcp://HOST:PORT" reaches a database served by xapian-tcpsrv,
 * which must connect and answer each message within remote_timeout_ms
 * (else an XC_ERR_NETWORK error naming the path; remote databases listed
 * in a stub file get Xapian's own limits).  Returns NULL on error.  Close
 * with xc_rdb_close(). */
xc_rdb *xc_rdb_open_many(const char *const *paths, size_t n, unsigned remote_timeout_ms,
                         xc_err **errptr);
void xc_rdb_close(xc_rdb *db);

/* Moves the reader to the latest revision its local databases have
 * committed (Xapian's Database::reopen(); remote ones are left as they
 * are, sparing a round trip).  Returns 1 when one moved, 0 when all were
 * at the latest already, -1 on error. */
int xc_rdb_reopen(xc_rdb *db, xc_err **errptr);

/* Returns the value stored under `key` (see xc_wdb_get_metadata). */
char *xc_rdb_get_metadata(xc_rdb *db, const char *key, size_t *len,
                          xc_err **errptr);

/* As xc_wdb_metadata_each(), on a reader. */
int xc_rdb_metadata_each(xc_rdb *db, const char *prefix, xc_meta_fn fn,
                         void *ctx, xc_err **errptr);

/* Whether some document is indexed by `term` (0 on error). */
int xc_rdb_term_exists(xc_rdb *db, const char *term, xc_err **errptr);

/* Number of distinct terms starting with `prefix` ("" for all; 0 on
 * error). */
unsigned long long xc_rdb_term_count(xc_rdb *db, const char *prefix,
                                     xc_err **errptr);

/* Compacts the `n` databases at `sources` into one new database at `dest`
 * (renumbering documents; metadata and spelling data merged). */
void xc_compact(const char *const *sources, size_t n, const char *dest,
                xc_err **errptr);

/* Runs Xapian's consistency check on the database at `path`.  Writes its
 * report to a malloc'd string in *out_report (free with xc_free()) and
 * returns the number of errors found, or -1 when the check itself could
 * not run (with *errptr set). */
long xc_check(const char *path, char **out_report, xc_err **errptr);

/* Collection statistics (0 on error). */
unsigned xc_rdb_doccount(xc_rdb *db, xc_err **errptr);
unsigned xc_rdb_termfreq(xc_rdb *db, const char *term, xc_err **errptr);

/* Bounds on the numbers (sortable_serialise'd) that value slot `slot`
 * holds, into *lo and *hi.  Returns 1, or 0 when no document has the
 * value or on error.  (Xapian keeps them as documents are added; after
 * deletions they may be wider than the values left.) */
int xc_rdb_value_bounds(xc_rdb *db, unsigned slot, double *lo, double *hi,
                        xc_err **errptr);

/* ---- queries ---------------------------------------------------------- */

enum {
    XC_OP_AND, XC_OP_OR, XC_OP_AND_NOT, XC_OP_AND_MAYBE, XC_OP_FILTER,
    XC_OP_PHRASE, XC_OP_NEAR, XC_OP_SYNONYM
};

/* A query for one term.  Returns NULL on error.  Free with xc_query_free(). */
xc_query *xc_query_term(const char *term, size_t len, xc_err **errptr);

/* Combines `n` subqueries with `op` (XC_OP_*); `window` is the phrase or
 * NEAR window (0: the number of subqueries).  The subqueries are copied:
 * the caller still frees them.  Returns NULL on error. */
xc_query *xc_query_combine(int op, xc_query *const *subs, size_t n,
                           unsigned window, xc_err **errptr);

/* The same query with every weight multiplied by `factor`. */
xc_query *xc_query_scale(const xc_query *q, double factor, xc_err **errptr);

/* All terms starting with `prefix`, OR-ed as one synonym (at most
 * `max_expansion` of them; 0 means no limit). */
xc_query *xc_query_wildcard(const char *prefix, size_t len,
                            unsigned max_expansion, xc_err **errptr);

/* A query matching the documents whose value in `slot` is at least `lo`
 * and at most `hi` (bytewise; NULL: no bound, not both). */
xc_query *xc_query_value_range(unsigned slot, const char *lo, size_t lo_len,
                               const char *hi, size_t hi_len, xc_err **errptr);

/* Xapian's sortable_serialise(v): a string whose bytewise order is the
 * numeric order, into out (at least 16 bytes).  Returns its length. */
size_t xc_sortable_serialise(double v, char *out);

/* A query matching every document. */
xc_query *xc_query_all(xc_err **errptr);

/* A query matching what the boolean query `filter` matches, to FILTER
 * searches of db with (only: it may refer to db).  When all of db's
 * databases are local, db keeps the documents of a filter it was given
 * before as a set in memory, from that second time on (filters.h), which
 * makes checking a candidate a bit test; otherwise it is filter itself.
 * NULL on error. */
xc_query *xc_rdb_filter(xc_rdb *db, const xc_query *filter, xc_err **errptr);


void xc_query_free(xc_query *q);

/* ---- searching -------------------------------------------------------- */

/* The longest stretch of a run without a facet_run_slot entry, plus 1. */
#define XC_RUN_STEP 32

typedef struct {
    double k1, b;          /* BM25 parameters */
    double min_normlen;    /* BM25 lower bound on length/average length */
    unsigned offset;       /* skip this many results */
    unsigned count;        /* return at most this many */
    int collapse_slot;     /* collapse on this value slot, -1 for none */
    unsigned collapse_max; /* keep this many per collapse key */
    unsigned check_at_least; /* count at least this many matches exactly
                                (0: Xapian's default estimate) */
    int tie_slot;          /* order equal scores by this value slot
                              (ascending), -1: by document id only */
    /* Appended (zero: off). */
    int sort_by_value;     /* 1: order by value slot sort_slot, highest
                              first, equal values by score */
    unsigned sort_slot;
    const unsigned *facet_fields; /* count, for each of these n_facets
                              fields, the distinct articles of the
                              matches under each of the field's values.
                              Value slot facet_slot holds an article's
                              key, a NUL, then its fields separated by
                              facet_sep (from 0; a field holding several
                              values separated by '\n' counts under
                              each), on the first document of each run
                              of its documents (ids one after another in
                              one database) only: a match belongs to the
                              run that starts there.  Slot facet_run_slot
                              holds, in decimal, each document's distance
                              to its run's start: "0" on the starts, and
                              on at least every XC_RUN_STEP-th document
                              of a run (the others have none).  Local
                              databases only (XC_ERR_UNSUPPORTED) */
    size_t n_facets;
    unsigned facet_run_slot;
    unsigned facet_slot;
    char facet_sep;
    unsigned facet_depth;  /* > 0: the facets count the first
                              facet_depth matches in index order of each
                              database, in a boolean match of their own
                              over it; 0: every match (over one
                              database, in the ranked match, which then
                              needs check_at_least the doccount) */
    /* Recency (on when recent_half_life > 0): value slot recent_slot holds
     * sortable_serialise(k) for a whole number k, the document's time key
     * (its time in steps of recent_unit seconds); recent_now is the key of
     * now.  Each document's score gets recent_share * (the best score of
     * a match of q) * 2^(-age / recent_half_life) added, age =
     * (recent_now - k) * recent_unit seconds, 0 for a key after now; a
     * document older than XC_RECENT_HALF_LIVES half-lives, or without the
     * value, gets nothing (xc_mset_recent()).  Built of Xapian's own
     * serialisable classes (a value map from each key to its bonus), so a
     * remote shard's stock server runs it too. */
    double recent_half_life, recent_now, recent_share;
    unsigned recent_slot;
    int lazy_data;         /* 1: read a document's data when xc_mset_data()
                              first asks for it, not with the search (an
                              error is then that call's) */
    double recent_unit;    /* seconds per step of the recency key */
    /* Copies (on when n_copies > 1): the databases searched as one may
     * hold one document up to n_copies times (independent indexes that
     * overlap).  Of the matches whose values in same_slots[0] and
     * same_slots[1] are equal, only the best is returned; Xapian is asked
     * for offset + count matches (and collapse_max per key) times
     * n_copies, and offset, count and collapse_max are applied to what is
     * left.  The estimates of the number of matches count every copy. */
    unsigned n_copies;
    unsigned same_slots[2];
} xc_search_opts;

/* Past this many half-lives an age gets no recency bonus (under 2^-24 of
 * it): it bounds the value map to this many half-lives' keys. */
#define XC_RECENT_HALF_LIVES 24

/* Runs `q` on `db` ranked by BM25 with `opts`.  A reader that meets a
 * database changed under it reopens and retries.  Returns NULL on error;
 * free with xc_mset_free(). */
xc_mset *xc_rdb_search(xc_rdb *db, const xc_query *q,
                       const xc_search_opts *opts, xc_err **errptr);

/* Pseudo-relevance feedback: runs `q` with `opts` for its best document
 * only, picks the `n_terms` terms of that document that best tell it
 * from the rest of the database (Xapian's expand set), keeping only terms
 * that start with `prefix` followed by a lower-case letter or a non-ASCII
 * byte (words, not numbers or other prefixed fields), and returns
 * q OR (those terms, OR-ed, every weight times `weight`).  When nothing
 * matches, or no term qualifies, returns a copy of q.  Returns NULL on
 * error; free with xc_query_free(). */
xc_query *xc_rdb_expand(xc_rdb *db, const xc_query *q, const xc_search_opts *opts,
                        unsigned n_terms, const char *prefix, double weight,
                        xc_err **errptr);

size_t xc_mset_size(const xc_mset *m);
/* The lower bound and the estimate of the number of matches. */
unsigned xc_mset_matches_lower(const xc_mset *m);
unsigned xc_mset_matches_estimated(const xc_mset *m);
double xc_mset_weight(const xc_mset *m, size_t i);

/* The data or a value slot of the i-th document.  Returns a pointer owned
 * by the mset (valid until xc_mset_free), its length in *len; NULL on error.
 * A missing value is returned as "" with *len 0. */
const char *xc_mset_data(xc_mset *m, size_t i, size_t *len, xc_err **errptr);
const char *xc_mset_value(xc_mset *m, size_t i, unsigned slot, size_t *len,
                          xc_err **errptr);

/* The within-document frequency of `term` in the i-th document (0 on
 * error or when absent). */
unsigned xc_mset_wdf(xc_mset *m, size_t i, const char *term, xc_err **errptr);

/* Calls fn for each value counted in facet k (0 to n_facets - 1 of the
 * search's options) with the number of articles under it, in value
 * order.  Returns fn's non-zero value or 0. */
typedef int (*xc_facet_fn)(void *ctx, const char *value, size_t len, size_t count);
int xc_mset_facet_each(const xc_mset *m, size_t k, xc_facet_fn fn, void *ctx);

/* How many matches the facets counted (facet_depth or fewer; with depth
 * 0, every match), and 1 when that was every match (so the counts are
 * exact), else 0. */
size_t xc_mset_facet_counted(const xc_mset *m, int *out_all);

/* With recency: the part of the i-th document's score that is its
 * recency bonus, and (in *out_age, seconds, may be NULL) the age it was
 * computed from, a whole number of steps, never negative; 0 without
 * recency or without a key. */
double xc_mset_recent(const xc_mset *m, size_t i, double *out_age);

void xc_mset_free(xc_mset *m);

/* ---- spelling --------------------------------------------------------- */

/* Records `freq` more occurrences of `word` (len bytes) in the spelling
 * data. */
void xc_wdb_add_spelling(xc_wdb *db, const char *word, size_t len,
                         unsigned freq, xc_err **errptr);

/* The spelling data's best correction of `word` within `max_edit` edits,
 * or NULL when there is none (or on error).  Free with xc_free(). */
char *xc_rdb_spelling(xc_rdb *db, const char *word, unsigned max_edit,
                      xc_err **errptr);

/* ---- explaining a score ----------------------------------------------- */

/* One weighted leaf of a query (a term, or a synonym group that Xapian
 * weighs as one term) that contributed to a document's BM25 score. */
typedef struct {
    double wdf;          /* within-document frequency (a synonym: the sum) */
    double termfreq;     /* documents holding it (a synonym: Xapian's
                            estimate) */
    double idf;          /* the README's idf of termfreq */
    double doclen;       /* the document's length */
    double avlen;        /* the average document length */
    double factor;       /* the weight scale from the query (title 0.5) */
    double contribution; /* its part of the score */
} xc_explain_part;

/* Recomputes the BM25 score of the document(s) indexed by the boolean term
 * `filter` for `q`, recording every leaf that contributed.  Uses the same
 * statistics and formula as xc_rdb_search() with `opts` (a Weight that
 * records what Xapian hands it), so the parts add up to the score of the
 * search.  Xapian 1.4 also weighs terms of phrases that then fail their
 * position check, or that sit on a later document: those parts are told
 * apart by the document's length and by `score`, the document's score in
 * the search being explained (an error when no choice of parts adds up).
 * (`score` matters: Xapian 1.4 does not always check the positions of an
 * optional phrase or NEAR before counting its weight, and whether it does
 * depends on the query's shape, so the two runs may differ.)  Stores a malloc'd array in
 * *out (free with xc_free()) and returns its length; returns 0 with *out
 * NULL when nothing matched or on error. */
size_t xc_rdb_explain(xc_rdb *db, const xc_query *q, const char *filter,
                      const xc_search_opts *opts, double score,
                      xc_explain_part **out, xc_err **errptr);

#ifdef __cplusplus
}
#endif

#endif /* CARI_XC_H */
