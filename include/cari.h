/*
 * cari.h: the public C API of cari, full-text search for Indonesian text.
 *
 * Conventions (after SQLite and libgit2):
 *  - Handles are opaque.  A function that can fail returns a cari_status;
 *    CARI_OK is 0.  The message of the last failure is kept in the handle:
 *    cari_errmsg(db), cari_writer_errmsg(w).  Outputs come first and are
 *    named `out`.
 *  - Two kinds of handle: a reader (cari_db: search, list, check) and a
 *    writer (cari_writer: add, remove, commit).
 *  - Every pointer a function returns says who frees it.  Strings inside a
 *    result set belong to that result set.
 *  - Text is UTF-8.  Invalid bytes are replaced by U+FFFD, never rejected.
 *  - A handle must not be used by two threads at once; open a reader per
 *    thread (readers are cheap).  Options structs grow only at their end
 *    and carry a version (libgit2's convention).
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

/* ---- version ------------------------------------------------------------ */

/* The version of this header.  cari_version() gives the library's, which
 * differs when a program runs against another libcari than it was built
 * with.  While MAJOR is 0, any release may change the API and the ABI. */
#define CARI_VERSION_MAJOR 0
#define CARI_VERSION_MINOR 1
#define CARI_VERSION_PATCH 0

/* The library's version, "MAJOR.MINOR.PATCH".  Static. */
CARI_API const char *cari_version(void);

/* The index format this library writes and reads (an index of another
 * format opens with CARI_MISMATCH and needs a rebuild). */
CARI_API int cari_index_format(void);

/* Writes into out[0..cap) the signature an index built with the stemmer
 * of `flags` (0, CARI_OPEN_STEM_SNOWBALL or CARI_OPEN_STEM_NONE) records,
 * e.g. "stemmer-id/4 lexicon=hunspell-id:31132+extra:25", NUL-terminated.
 * Returns CARI_INVALID when it does not fit in cap bytes (128 always do),
 * CARI_NOMEM when the stemmer cannot be created. */
CARI_API cari_status cari_stemmer_signature(char *out, size_t cap, int flags);

/* The version of the Xapian library cari runs on, e.g. "1.4.22".  Static. */
CARI_API const char *cari_xapian_version(void);

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

/* ---- opening an index for searching: the reader -------------------------- */

/* A reader: searches an index and tells what it holds.  Cheap to open. */
typedef struct cari_db cari_db;

/* Flags for cari_open() and cari_write_options.flags: the stemmer
 * (default: stemmer-id).  An index remembers the stemmer that built it;
 * opening it with another gives CARI_MISMATCH. */
#define CARI_OPEN_READ 0x0           /* the default stemmer, stemmer-id */
#define CARI_OPEN_STEM_SNOWBALL 0x10 /* plain Snowball Indonesian */
#define CARI_OPEN_STEM_NONE 0x20     /* no stemming: words as they are */

/* Opens the index at `path` (an index folder, a sharded index: the shards
 * of its last commit, or a Xapian stub file) for searching.  Stores a new
 * handle in *out even on failure (unless out of memory, when *out is
 * NULL), so that cari_errmsg() can say what went wrong; close it with
 * cari_close() in every case.  Returns CARI_NOTFOUND when there is no
 * index, CARI_CORRUPT for a damaged or foreign index, CARI_MISMATCH when
 * the index was built by another stemmer, CARI_INVALID for a flag other
 * than the stemmer's (write through cari_writer_open()).  A reader sees
 * the index as committed when it opened, or later: a search that finds
 * a newer commit (or a rebuild swapped in) reads that from then on. */
CARI_API cari_status cari_open(cari_db **out, const char *path, int flags);

/* Opens `n` indexes for reading as one (flags: a stemmer flag).  Each
 * path is an index folder, a sharded index (all its shards), a Xapian
 * stub file listing databases, or "tcp://HOST:PORT" for an index served
 * by Xapian's xapian-tcpsrv.  Statistics are collection-wide, so scores
 * equal those of one index holding every article.  Every index must have
 * been built with this reader's stemmer.  Returns as cari_open(); CARI_IO
 * when a remote server does not answer. */
CARI_API cari_status cari_open_shards(cari_db **out, const char *const *paths,
                                      size_t n, int flags);

/* The shard (0 to n-1) that holds the article `id` in an index of n
 * shards: a hash of the id's bytes, the same on every machine and run. */
CARI_API unsigned cari_shard_of(const char *id, unsigned n);

/* How many shards the index at `path` has: n > 0 for a sharded index, 0
 * for an ordinary index or none, -1 when its shard file is malformed. */
CARI_API int cari_shard_count(const char *path);

/* Closes the reader.  NULL is allowed. */
CARI_API void cari_close(cari_db *db);

/* The message of the reader's last failure ("" if none).  Owned by the
 * handle; valid until its next call. */
CARI_API const char *cari_errmsg(const cari_db *db);

/* ---- opening an index for writing: the writer ---------------------------- */

/* A writer: adds and removes articles and commits them.  One writer at a
 * time holds an index (the lock file `path`.lock beside it). */
typedef struct cari_writer cari_writer;

/* Flags for cari_write_options.flags, besides a stemmer flag. */
#define CARI_WRITE_NOSYNC 0x2   /* skip fsync in fresh builds (an index
                                   that need not survive a power cut) */
#define CARI_WRITE_REBUILD 0x4  /* build a fresh index beside the live one;
                                   cari_commit() puts it in place */

/* Write options.  Initialise with CARI_WRITE_OPTIONS_INIT or
 * cari_write_options_init(), then set fields; 0 means the default.  The
 * struct only grows: new fields are appended and `version` tells the
 * library which fields the caller knows.  The library reads no
 * environment variable: programs pass these values on. */
typedef struct {
    unsigned version;      /* CARI_WRITE_OPTIONS_VERSION */
    int flags;             /* CARI_WRITE_* and a stemmer flag */
    unsigned shards;       /* a new index: 0 one index; n >= 1 a sharded
                              index of n shards (up to 256).  An existing
                              index keeps its layout (another n: the open
                              fails with CARI_CORRUPT) */
    unsigned threads;      /* build worker threads, for all shards
                              together (default: one per processor, at
                              most 8) */
    double wait_seconds;   /* wait this long for another writer to
                              finish before giving up (default 0) */
    size_t segment_passages; /* a build worker's segments hold at most
                              this many passages (default 100,000; see
                              the README's "Indexing") */
    size_t spelling_flush; /* spelling words a build worker collects
                              before handing them on (default 1,000,000,
                              about 60 MB per worker) */
    /* version 2: */
    int autocompact_percent; /* an update's commit of an ordinary index
                              compacts it (as cari_compact()) when its
                              files have grown more than this percent
                              over their size at the last compaction
                              (default 10; negative: never) */
} cari_write_options;

#define CARI_WRITE_OPTIONS_VERSION 2
/* The defaults, for C (C++ before C++20 calls
 * cari_write_options_init()). */
#define CARI_WRITE_OPTIONS_INIT { .version = CARI_WRITE_OPTIONS_VERSION }

/* Sets *opts to the defaults for a caller that knows the fields of
 * `version` (pass CARI_WRITE_OPTIONS_VERSION).  Returns CARI_OK, or
 * CARI_INVALID for a version this library does not know. */
CARI_API cari_status cari_write_options_init(cari_write_options *opts,
                                             unsigned version);

/* Opens the index at `path` for writing with `opts` (NULL: defaults),
 * creating it when missing.  Stores a new handle in *out even on failure
 * (unless out of memory, when *out is NULL), so that cari_writer_errmsg()
 * can say what went wrong; close it with cari_writer_close() in every
 * case.  Returns CARI_LOCKED when another writer holds the index (after
 * waiting opts->wait_seconds), CARI_CORRUPT for a damaged or foreign index
 * or a path that holds something else, CARI_MISMATCH when the index was
 * built by another stemmer.
 *
 * An index that does not exist yet, or any index opened with
 * CARI_WRITE_REBUILD, is built fresh beside the live one by worker
 * threads (opts->threads for all shards together), in batches that bound
 * memory; cari_commit() puts it in place atomically.  An existing index
 * is updated in place.  Either way, cari_commit() makes every change
 * since the last commit durable and visible at once: readers see the old
 * state or the new one, never a mixture or nothing, also when the index
 * is sharded (every shard's new state, or none), and a writer killed at
 * any moment leaves the index as its last commit left it. */
CARI_API cari_status cari_writer_open(cari_writer **out, const char *path,
                                      const cari_write_options *opts);

/* Closes the writer.  Changes not committed with cari_commit() are
 * discarded.  NULL is allowed. */
CARI_API void cari_writer_close(cari_writer *w);

/* The message of the writer's last failure ("" if none).  Owned by the
 * handle; valid until its next call. */
CARI_API const char *cari_writer_errmsg(const cari_writer *w);
/* Called when the process cannot go on (cari_set_fatal_handler()). */
typedef void (*cari_fatal_fn)(const char *message);

/* Xapian 1.4 cannot always recover from a failed write: when a disk fills
 * during a commit it may end the process through C++'s std::terminate,
 * which no caller can catch.  libcari then first removes what the
 * process's writers leave behind (their unfinished builds beside the index
 * and their lock files; the live index is untouched), then calls fn once,
 * on the failing thread, with a one-line description (e.g. to print it and
 * _exit(2)).  If fn returns, or none is set, the process aborts.
 * Process-wide; NULL removes the handler. */
CARI_API void cari_set_fatal_handler(cari_fatal_fn fn);

/* ---- indexing --------------------------------------------------------- */

/* Called with a warning about the input (e.g. invalid UTF-8 replaced):
 * `line` is the 1-based line of the article text it concerns (0: none). */
typedef void (*cari_warn_fn)(void *ctx, const char *article_id, size_t line,
                             const char *message);

/* Sets the function that receives warnings (NULL: drop them).  In a fresh
 * build (a new index, or CARI_WRITE_REBUILD) it is called from the
 * writer's build worker threads, one call at a time, possibly after the
 * cari_add_*() call of that article has returned: name the article by
 * `article_id`, and lock in a handler that several writers share. */
CARI_API void cari_set_warning_handler(cari_writer *w, cari_warn_fn fn,
                                       void *ctx);

/* Called at each step of a writer's work that leaves files in a new
 * state: `step` is "article" (an article added or removed), "segment" (a
 * build worker finished a segment on disk) or "commit" (each stage of a
 * commit or compaction: a shard committed, a build made durable, a
 * manifest or index swapped in, before what it replaced is removed).
 * For tests of crash safety, which end the process at the Nth step: a
 * writer killed at any step leaves the index as its last commit left it.
 * "segment" comes from build worker threads, the others from the calling
 * thread. */
typedef void (*cari_step_fn)(void *ctx, const char *step);

/* Sets the function called at each step (NULL: none). */
CARI_API void cari_set_step_handler(cari_writer *w, cari_step_fn fn, void *ctx);

/* ---- content hashes: how an update tells changed articles ------------ */

#define CARI_HASH_LEN 32   /* hex digits */

/* A streaming 128-bit content hash (not cryptographic: it tells changed
 * text from unchanged, it does not resist forgery). */
typedef struct {
    unsigned long long a, b, n;
} cari_hasher;

CARI_API void cari_hash_init(cari_hasher *h);
CARI_API void cari_hash_update(cari_hasher *h, const void *data, size_t len);
/* Writes the hash as CARI_HASH_LEN hex digits and a NUL into out. */
CARI_API void cari_hash_final(const cari_hasher *h, char *out);

/* What adding an article did. */
typedef enum {
    CARI_ADDED = 1,      /* the id was not indexed */
    CARI_CHANGED = 2,    /* it was, with other content: re-indexed */
    CARI_UNCHANGED = 3   /* same content hash: nothing was done */
} cari_change;

typedef struct {
    cari_change change;
    size_t passages;     /* passages the article now has */
} cari_added;

/* Adds the article `id` from its file contents (`len` bytes): the first
 * line is the title when the second line is empty; every other non-empty
 * line is a paragraph; long paragraphs are split into passages of at most
 * about 120 words.  Optional front matter before it, "key: value" lines
 * between two "---" lines at the very top (date, url, source, authors,
 * categories, lang, title), gives its metadata (cari_meta; README,
 * "Articles and metadata"); values it cannot use are warnings.  An article
 * already indexed under `id` is replaced,
 * unless its content is the same, when nothing is done.  Stores what
 * happened in *out (may be NULL).  Nothing is visible to searchers until
 * cari_commit(). */
CARI_API cari_status cari_add_text(cari_writer *w, const char *id,
                                   const char *text, size_t len,
                                   cari_added *out);

/* Adds the article `id` with an explicit `title` (NULL: none) and `text`
 * whose paragraphs are separated by newlines.  Otherwise as
 * cari_add_text(). */
CARI_API cari_status cari_add_article(cari_writer *w, const char *id,
                                      const char *title, const char *text,
                                      size_t len, cari_added *out);

/* Reads up to `cap` bytes of an article into buf.  Returns the number
 * read, 0 at the end, or -1 on an error (errno set). */
typedef long (*cari_read_fn)(void *ctx, char *buf, size_t cap);

/* Adds the article `id` as cari_add_text() does, reading its text through
 * `read` in pieces: memory stays bounded however long the article or its
 * lines are (a line of more than 1 MiB is cut at a space, its pieces
 * becoming separate paragraphs).  `hash` (from cari_hasher over the same
 * bytes, or NULL) identifies the content: when the index holds `id` with
 * that hash, nothing is read and out->change is CARI_UNCHANGED.  Returns
 * CARI_IO when `read` fails (the article is then left as it was). */
CARI_API cari_status cari_add_stream(cari_writer *w, const char *id,
                                     const char *hash, cari_read_fn read,
                                     void *ctx, cari_added *out);

/* ---- article metadata ------------------------------------------------- */

/* What is known of an article besides its text: stored with it, returned
 * with every hit (cari_hit.meta), searchable with filters, ranges, sorting
 * and facets.  Strings are UTF-8; NULL or an empty list means none. */
typedef struct {
    int has_date;            /* 1 when `date` is set */
    long long date;          /* publication time, seconds since 1970 UTC */
    int date_offset;         /* the zone it was given in, minutes east of
                                UTC (WIB 420, WITA 480, WIT 540) */
    int date_has_time;       /* 0: a day only (00:00 in that zone) */
    const char *url;         /* where it was published */
    const char *source;      /* the publisher or site */
    const char *lang;        /* its language tag ("id") */
    const char *const *authors;
    size_t n_authors;
    const char *const *categories;
    size_t n_categories;
} cari_meta;

/* Reads text[0..len) as a date the way Indonesian sites print them: ISO
 * 8601 ("2025-01-12", "2025-01-12T14:30:00+07:00"), "12 Januari 2025",
 * "Senin, 12 Jan 2025 14:30 WIB", "12/01/2025 14:30" (the day first),
 * "January 12, 2025"; zones WIB, WITA, WIT (UTC+7, +8, +9), UTC, Z,
 * +07:00; a date without a zone is WIB.  Sets out's has_date, date,
 * date_offset and date_has_time (other fields untouched).  Returns CARI_OK,
 * or CARI_INVALID for text that is no date or a date out of range. */
CARI_API cari_status cari_parse_date(const char *text, size_t len,
                                     cari_meta *out);

/* Reads text (NUL-terminated) as a span of time, the way --since and
 * --recent take one: N (0 to 99999) followed by h (hours), d (days), w
 * (weeks), m (30 days) or y (365 days).  Stores its seconds in *seconds.
 * Returns CARI_OK, or CARI_INVALID for text that is no span. */
CARI_API cari_status cari_parse_span(const char *text, long long *seconds);

/* Writes the date of m as ISO 8601 with its offset
 * ("2025-01-12T14:30:00+07:00"; a day only as "2025-01-12") into
 * buf[0..cap) (32 bytes are enough), NUL-terminated; "" when m has no
 * date.  Returns the length written. */
CARI_API size_t cari_format_date(const cari_meta *m, char *buf, size_t cap);

/* As cari_add_article(), with metadata (NULL: none); the content hash
 * covers it, so an article whose metadata changed is updated even when
 * its text did not.  A date more than a day in the future is dropped with
 * a warning. */
CARI_API cari_status cari_add_article_meta(cari_writer *w, const char *id,
                                           const char *title,
                                           const char *text, size_t len,
                                           const cari_meta *meta,
                                           cari_added *out);

/* Adds a saved web page (HTML, read through `read`) as the article `id`:
 * its title, date, URL, source, authors, categories and language from the
 * page's metadata, its text from the article's paragraphs (scripts,
 * styles, navigation, comments and boilerplate left out; README, "Articles
 * and metadata").  `hash` as for cari_add_stream().  Problems of the page
 * (a date not understood, no article text) are warnings. */
CARI_API cari_status cari_add_html(cari_writer *w, const char *id,
                                   const char *hash, cari_read_fn read,
                                   void *ctx, cari_added *out);

/* Passages written (added or replaced) through this handle since it was
 * opened; the passages of a changed article that an update leaves alone,
 * as they did not change, are not counted.  A fresh build indexes on
 * worker threads in the background: cari_add_*() then report 0 passages,
 * and this count is complete after cari_commit(). */
CARI_API size_t cari_passages_indexed(const cari_writer *w);

/* Sets the group recorded with the articles added from now on (e.g. the
 * folder they were read from; NULL or "" for none), so that a later run
 * can remove the articles of that group whose files are gone. */
CARI_API cari_status cari_set_group(cari_writer *w, const char *group);

/* Removes the article `id` and all its passages.  Removing an id that is
 * not indexed is not an error. */
CARI_API cari_status cari_remove(cari_writer *w, const char *id);

/* ---- what an index holds ---------------------------------------------- */

/* One indexed article.  Strings are valid during the callback only. */
typedef struct {
    const char *id;
    size_t passages;
    const char *hash;    /* content hash, CARI_HASH_LEN hex digits */
    const char *group;   /* "" when none */
} cari_article_info;

/* Called for each article; a non-zero return stops the walk. */
typedef int (*cari_article_fn)(void *ctx, const cari_article_info *a);

/* Calls `fn` for every indexed article, in id order (bytewise; shard by
 * shard for a sharded index).  Returns CARI_OK, or CARI_ERROR when fn
 * stopped the walk. */
CARI_API cari_status cari_list_articles(cari_db *db, cari_article_fn fn,
                                        void *ctx);

/* As cari_list_articles(), through a writer: its uncommitted changes
 * included. */
CARI_API cari_status cari_writer_list_articles(cari_writer *w,
                                               cari_article_fn fn, void *ctx);

/* ---- bringing an index to the state of folders -------------------------- */

/* What cari_writer_sync_folders() did, counted in articles (files). */
typedef struct {
    size_t added;       /* files whose id the index did not hold */
    size_t changed;     /* files whose content changed: re-indexed */
    size_t unchanged;   /* same content hash: left alone */
    size_t removed;     /* articles whose files are gone (lstat says so);
                           in a rebuild, articles of the old index that
                           the new one does not hold */
    size_t skipped;     /* paths, files and folders not indexed, each named
                           through the warning function: unreadable,
                           binary, a path longer than PATH_MAX, an id that
                           a file of another folder holds */
} cari_sync_counts;

/* Called after each file a sync handles: `done` of `total`. */
typedef void (*cari_progress_fn)(void *ctx, size_t done, size_t total);

/* Flags for cari_sync_options.flags. */
#define CARI_SYNC_KEEP_MISSING 0x1  /* remove no article whose file is gone */

/* Sync options.  Initialise with CARI_SYNC_OPTIONS_INIT or
 * cari_sync_options_init(), then set fields; as cari_write_options, the
 * struct only grows. */
typedef struct {
    unsigned version;          /* CARI_SYNC_OPTIONS_VERSION */
    int flags;                 /* CARI_SYNC_* */
    cari_warn_fn warn;         /* each problem: (warn_ctx, the file or
                                  folder it concerns (the index for a
                                  rebuild's drops; NULL when the message
                                  names it), its line (0: none), a
                                  message); NULL: none.  Called one call
                                  at a time, from the calling thread or a
                                  build worker, before the sync returns */
    void *warn_ctx;
    cari_progress_fn progress; /* NULL: none; from the calling thread */
    void *progress_ctx;
} cari_sync_options;

#define CARI_SYNC_OPTIONS_VERSION 1
#define CARI_SYNC_OPTIONS_INIT { .version = CARI_SYNC_OPTIONS_VERSION }

/* Sets *opts to the defaults for a caller that knows the fields of
 * `version` (pass CARI_SYNC_OPTIONS_VERSION).  Returns CARI_OK, or
 * CARI_INVALID for a version this library does not know. */
CARI_API cari_status cari_sync_options_init(cari_sync_options *opts,
                                            unsigned version);

/* Brings the index to the state of the `n` paths (folders, or single
 * .txt/.html/.htm files): what cari-indexer PATH... does.  Folders are
 * searched recursively, in name order, for .txt, .html and .htm files
 * (names starting with "." left out, symlinks followed, loops cut).  New
 * files are added, changed ones re-indexed, unchanged ones left alone,
 * and articles whose files are gone from a folder removed.
 *
 * An article's id is its file's path inside the folder given, or inside
 * the outermost folder holding it that the index records (so that a
 * subfolder synced alone keeps the ids its parent gave); each article
 * records that folder (its group, cari_article_info.group).  A single
 * file's id is its name, without a group.  Ids are unique: of two files
 * with one id, the one the index holds from its recorded folder is kept,
 * else the first given; the other is skipped and named.  A file or
 * folder that cannot be read is skipped and named, and its articles are
 * kept: only articles whose files lstat() reports gone are removed.
 *
 * On a writer opened with CARI_WRITE_REBUILD (before its commit) the
 * sync also reads again every folder the old index records that no path
 * given holds, and then counts as removed, naming them, the articles of
 * the old index that the new one does not hold (add other articles, such
 * as JSON Lines, before the sync).  With n = 0 it does only that.
 *
 * Nothing is committed: call cari_commit() after.  Stores the counts in
 * *out (may be NULL; filled also on failure).  Problems with inputs are
 * warnings and count as skipped; the call returns CARI_OK.  Returns
 * CARI_INVALID for bad arguments, CARI_NOMEM, or the writer's failure
 * (CARI_IO for a full disk, CARI_CORRUPT, ...; message in
 * cari_writer_errmsg()): then close the writer without committing.  The
 * writer's warning handler receives only warnings about other articles
 * while the sync runs. */
CARI_API cari_status cari_writer_sync_folders(cari_writer *w,
                                              const char *const *paths,
                                              size_t n,
                                              const cari_sync_options *opts,
                                              cari_sync_counts *out);

typedef struct {
    size_t articles;
    size_t passages;
    unsigned long long terms;      /* distinct terms */
    unsigned long long bytes;      /* size of the index files */
    char stemmer[96];              /* the stemmer that built the index */
    double bm25_b;                 /* its BM25 b (cari_set_bm25_b()) */
    /* Articles with each metadata field (cari_meta). */
    size_t with_date, with_url, with_source, with_authors, with_categories,
        with_lang;
} cari_stats;

/* Fills *out with totals of a reader's index. */
CARI_API cari_status cari_get_stats(cari_db *db, cari_stats *out);

/* Called with each problem cari_check() finds (one line, no newline). */
typedef void (*cari_problem_fn)(void *ctx, const char *problem);

/* Verifies a reader's index: Xapian's own consistency check, then cari's
 * invariants (every article's passages present and numbered 1..n, every
 * passage belonging to a recorded article, a hash for every article).
 * Damage that makes Xapian stop reading (a block it cannot decode) is a
 * problem too.  Stores the number of problems in *out_problems.  Returns
 * CARI_OK when the check ran (problems or not), another status when it
 * could not (out of memory). */
CARI_API cari_status cari_check(cari_db *db, cari_problem_fn fn, void *ctx,
                                size_t *out_problems);

/* Makes every change since the last commit durable and visible, at once
 * (every shard of a sharded index together).  For a fresh build (see
 * cari_writer_open()) this finishes the build and puts it in place; the
 * writer then goes on updating the new index in place.  On failure
 * nothing of the uncommitted changes is visible, and the index is as it
 * was at the last commit. */
CARI_API cari_status cari_commit(cari_writer *w);

/* Sets BM25's b (0..1: how much a passage's length discounts its word
 * counts; default CARI_DEFAULT_B) of the index `w` writes.  cari applies
 * b as it indexes each passage (index format 6), so b is part of the
 * index, recorded in it, and searches need not read passage lengths.
 * Call it after cari_writer_open(), before the first article, when the
 * index is new or rebuilt (CARI_WRITE_REBUILD); on an index that holds
 * passages it succeeds only for the b it has.  Returns CARI_OK, or
 * CARI_INVALID (message in cari_writer_errmsg()). */
CARI_API cari_status cari_set_bm25_b(cari_writer *w, double b);

/* Commits (as cari_commit()), then rewrites the index compactly beside
 * itself with Xapian's compaction and swaps it in at once, as a fresh
 * build is.  Updates leave rewritten blocks behind (Xapian reuses them in
 * later updates, but the files stay larger); compacting gives the space
 * back without re-reading any article.  Readers see the same passages
 * before and after (a sharded index: every shard, at once).  The writer
 * goes on updating the compacted index.  On failure the index is as
 * committed. */
CARI_API cari_status cari_compact(cari_writer *w);

/* ---- searching -------------------------------------------------------- */

/* Synonym groups: words and phrases that a query treats as one (Korut,
 * Korea Utara).  The text format, one group per line:
 *     # a comment; blank lines are ignored
 *     Korut, Korea Utara
 *     AS, Amerika Serikat
 * Members are separated by commas and normalized like query words (case
 * does not matter); a member of several words (at most 8) matches as a
 * phrase.  A word in two groups belongs to the first.  Searches only read
 * a set, so one set may serve searches in several threads at once (not
 * while groups are being added). */
typedef struct cari_synonyms cari_synonyms;

/* Creates an empty set in *out (NULL when out of memory: CARI_NOMEM).
 * Free with cari_synonyms_free(). */
CARI_API cari_status cari_synonyms_new(cari_synonyms **out);

/* Adds the groups of `text` (`len` bytes, the format above); `name` names
 * it in messages.  Returns CARI_INVALID for a line with an empty member,
 * a member of more than 8 words, one member only or more than 32
 * (cari_synonyms_errmsg() names the line: "NAME:LINE: ..."), CARI_NOMEM.
 * Groups before the bad line are kept. */
CARI_API cari_status cari_synonyms_add_text(cari_synonyms *s, const char *name,
                                            const char *text, size_t len);

/* Adds the groups of the file at `path`.  CARI_IO when it cannot be read;
 * otherwise as cari_synonyms_add_text(). */
CARI_API cari_status cari_synonyms_add_file(cari_synonyms *s, const char *path);

/* Adds cari's bundled list of Indonesian news abbreviations (Korut, AS,
 * PBB, TNI, ...; data/synonyms-id.txt, compiled into the library). */
CARI_API cari_status cari_synonyms_add_default(cari_synonyms *s);

/* Number of groups in the set. */
CARI_API size_t cari_synonyms_count(const cari_synonyms *s);

/* The message of the set's last failure ("" if none).  Owned by the set. */
CARI_API const char *cari_synonyms_errmsg(const cari_synonyms *s);

/* Frees the set.  NULL is allowed. */
CARI_API void cari_synonyms_free(cari_synonyms *s);

/* ---- learned ranking ---------------------------------------------------- */

/* The features the second stage computes for each candidate passage
 * (README: "Ranking"), and their set's version: a model names the version
 * it was trained on, and a model of another version is refused. */
#define CARI_FEATURE_SET 1

/* The number of features, and the name of the i-th ("bm25", "cover",
 * ...; NULL when i is out of range).  Names are static. */
CARI_API size_t cari_feature_count(void);
CARI_API const char *cari_feature_name(size_t i);

/* A ranking model over the features, in one of two text formats (# starts
 * a comment; blank lines are ignored):
 *   - linear: score = sum over features of weight * (value - mean) / scale
 *         cari-rank-model 1
 *         feature-set 1
 *         NAME WEIGHT MEAN SCALE        one line per feature, every feature
 *   - regression trees (data/rank-model.txt): score = base + the sum of
 *     each tree's leaf
 *         cari-rank-model 2
 *         feature-set 1
 *         base SCORE
 *         tree NODES                    then its NODES nodes, 0 the root:
 *         ID NAME THRESHOLD YES NO MEAN a split: to node YES when the
 *                                       feature NAME is below THRESHOLD
 *                                       (compared as 32-bit floats), else
 *                                       to NO (both later nodes of the
 *                                       tree); MEAN, the mean score of the
 *                                       leaves below, splits a score among
 *                                       the features for --explain
 *         ID leaf SCORE
 * Searches only read a model, so one model may serve several threads. */
typedef struct cari_model cari_model;

/* Reads the model file at `path` into a new model stored in *out (NULL
 * only when out of memory); on failure the model holds the message
 * (cari_model_errmsg(): "FILE:LINE: ...", or "FILE: model of feature set
 * N, this cari computes set M: train a new one") and must not be used for
 * searching.  Free it with cari_model_free() in every case.  Returns
 * CARI_OK, CARI_IO (unreadable), CARI_INVALID (malformed),
 * CARI_MISMATCH (another feature set), CARI_NOMEM. */
CARI_API cari_status cari_model_load(cari_model **out, const char *path);

/* As cari_model_load(), from `len` bytes of `text`; `name` names it in
 * messages. */
CARI_API cari_status cari_model_parse(cari_model **out, const char *name,
                                      const char *text, size_t len);

/* The bundled model (data/rank-model.txt, compiled into the library), as
 * cari_model_parse() reads it. */
CARI_API cari_status cari_model_default(cari_model **out);

/* The model's score of one passage's feature values (cari_feature_count()
 * of them, as cari_hit.features holds them); 0 when m is NULL or failed
 * to load.  What a learned search ranks by (before any recency). */
CARI_API double cari_model_score(const cari_model *m, const double *features);

/* The message of the model's failure ("" if none).  Owned by the model. */
CARI_API const char *cari_model_errmsg(const cari_model *m);

/* Frees the model.  NULL is allowed. */
CARI_API void cari_model_free(cari_model *m);

/* Bounds on one query's work, so that no query takes unbounded time or
 * memory: cari_search() refuses a query of more words (every word of its
 * items, phrases and filters counted, repeats too) or more prefix* items
 * with CARI_INVALID and a message saying so; a prefix expands to at most
 * CARI_QUERY_MAX_WILDCARD words (the options' wildcard_max is capped at
 * it); spelling suggestions look up the first CARI_SPELLING_MAX_WORDS
 * unknown words of a query and leave the others as typed. */
#define CARI_QUERY_MAX_WORDS 256
#define CARI_QUERY_MAX_PREFIXES 16
#define CARI_QUERY_MAX_WILDCARD 1000
#define CARI_SPELLING_MAX_WORDS 8

/* Search options.  Initialise with CARI_SEARCH_OPTIONS_INIT or
 * cari_search_options_init(), then set fields.  The struct only grows:
 * new fields are appended, and `version` tells the library which fields
 * the caller knows (libgit2's convention), so a program built against an
 * older cari.h keeps working. */
typedef struct {
    unsigned version;    /* CARI_SEARCH_OPTIONS_VERSION */
    unsigned limit;      /* at most this many hits (default 10) */
    unsigned offset;     /* skip this many (paging; default 0) */
    double k1;           /* BM25 k1 (default CARI_DEFAULT_K1); BM25's b
                            is the index's (cari_set_bm25_b()) */
    double title_weight; /* weight of a title word relative to a body word */
    int match_all;       /* 1: every word must match (default 0: any) */
    unsigned snippet_words; /* about this many words per snippet */
    int keep_stopwords;  /* 1: rank Indonesian stopwords and question
                            words too (default 0: drop them from ranked
                            queries unless the query has nothing else) */
    /* The fields below are off when 0 / NULL. */
    unsigned per_article; /* at most this many passages per article, the
                             best ones (0: no limit) */
    int exact_total;     /* 1: cari_results_total() counts every match
                            exactly (slower on big indexes) */
    int explain;         /* 1: fill each hit's explain parts */
    unsigned context;    /* passages to return on each side of each hit,
                            from its article (for reading; at most 32) */
    const cari_synonyms *synonyms; /* expand query words with these groups
                            (NULL: none); must outlive the search */
    int spelling;        /* 1: suggest a correction when a query word is
                            unknown to the index (cari_results_suggestion) */
    int fix;             /* 1 (with spelling): search the corrected query
                            instead when there is one */
    unsigned wildcard_max; /* most words a prefix* expands to, the most
                              frequent first (0: 100; at most
                              CARI_QUERY_MAX_WILDCARD) */
    int no_snippets;     /* 1: skip highlights and snippets (each hit's
                            snippet is "", no highlights): for callers that
                            want ids and scores only, about twice as fast */
    unsigned feedback;   /* pseudo-relevance feedback: search once for the
                            best passage, add its `feedback` most telling
                            words (Xapian's expand set, by stem) to the
                            query at feedback_weight, and rank with that.
                            Finds more of the relevant passages (recall)
                            at about 3 times the cost of a search
                            (README: "Retrieval quality"); 10 measured
                            best.  0: off (default) */
    double feedback_weight; /* the added words' weight relative to a query
                            word's (0: CARI_DEFAULT_FEEDBACK_WEIGHT) */
    /* Version 2: the learned ranking. */
    int rank;            /* CARI_RANK_LEARNED (the default, 0) re-ranks
                            the first pass's best rerank_depth passages
                            with a model over their features (README:
                            "Ranking"); CARI_RANK_BM25 ranks by BM25 alone */
    unsigned rerank_depth; /* passages the second stage re-ranks (0:
                            CARI_DEFAULT_RERANK_DEPTH); a page reaching
                            past it re-ranks the first offset + limit */
    const cari_model *model; /* the learned ranking's model (NULL: the
                            bundled one); must outlive the search */
    int features;        /* 1: fill each hit's feature values
                            (cari_hit.features), whatever the ranking;
                            for training a model */
    /* Version 3: article metadata (cari_meta); all off when 0 / NULL. */
    int has_since;       /* 1: only articles published at or after `since` */
    long long since;     /* seconds since 1970 UTC */
    int has_until;       /* 1: only articles published at or before `until` */
    long long until;
    int sort;            /* CARI_SORT_RELEVANCE (default) or CARI_SORT_DATE:
                            newest first, equal dates by BM25 score,
                            undated articles last */
    const char *source;  /* only articles with this source (case and
                            punctuation do not matter: "kabar lebakjati"
                            finds "Kabar Lebakjati") */
    const char *author;  /* ... with this author among theirs */
    const char *category; /* ... with this category among theirs */
    const char *lang;    /* ... in this language */
    const char *facets;  /* "source,category,year,author" (any of them, in
                            any order; Indonesian names too: sumber,
                            kategori, tahun, penulis): count the matching
                            articles under each value of each
                            (cari_results_facet()).  From its second
                            search with facets on, a handle keeps each
                            local index's facet values in memory (about
                            100 bytes an article, read once, again after
                            an update) and counts from there */
    /* Version 4: facets' depth, recency. */
    unsigned facet_depth; /* facets count the articles of the first
                            facet_depth matching passages in index order
                            of each local index searched
                            (0: CARI_DEFAULT_FACET_DEPTH), or of every
                            match with exact_total or sort by date
                            (cari_results_facet_counted()) */
    double recent_half_life; /* > 0: prefer recent articles: a passage's
                            score is its BM25 plus a recency bonus that
                            halves every recent_half_life seconds of its
                            article's age (README: "Filtering, sorting and
                            facets"); ranks by BM25 (not the learned
                            model); 0: off */
    long long now;       /* the time ages are counted from, seconds since
                            1970 UTC (0: the clock's), so that a ranking
                            with recency can be repeated */
} cari_search_options;

#define CARI_SORT_RELEVANCE 0
#define CARI_SORT_DATE 1

#define CARI_RANK_LEARNED 0
#define CARI_RANK_BM25 1
#define CARI_DEFAULT_RERANK_DEPTH 20

#define CARI_DEFAULT_FEEDBACK_WEIGHT 0.1
#define CARI_DEFAULT_K1 1.2
#define CARI_DEFAULT_B 0.75 /* BM25 b of an index (cari_set_bm25_b()) */
#define CARI_DEFAULT_TITLE_WEIGHT 0.5

#define CARI_SEARCH_OPTIONS_VERSION 4 /* 2: rank, rerank_depth, model, features;
                                         3: since ... facets;
                                         4: facet_depth, recent_half_life, now */
#define CARI_DEFAULT_FACET_DEPTH 1000
/* The defaults, for C (designated initializers: fields not named are 0,
 * without -Wmissing-field-initializers warnings; C++ before C++20 calls
 * cari_search_options_init()). */
#define CARI_SEARCH_OPTIONS_INIT                                            \
    { .version = CARI_SEARCH_OPTIONS_VERSION, .limit = 10,                  \
      .k1 = CARI_DEFAULT_K1, .title_weight = CARI_DEFAULT_TITLE_WEIGHT,     \
      .snippet_words = 30 }

/* Sets *opts to the defaults (as CARI_SEARCH_OPTIONS_INIT) for a caller
 * that knows the fields of `version` (pass CARI_SEARCH_OPTIONS_VERSION).
 * Returns CARI_OK, or CARI_INVALID for a version this library does not
 * know (*opts untouched). */
CARI_API cari_status cari_search_options_init(cari_search_options *opts,
                                              unsigned version);

/* A byte range [start, end). */
typedef struct {
    size_t start, end;
} cari_span;

/* One query term's part of a hit's BM25 score (see the README's formula):
 * contribution = factor * idf * (k1 + 1) * tf / (k1 + tf)
 * where tf, the term's length-normalized frequency in the passage, was
 * computed when the passage was indexed: occurrences * w / 16, with
 * w = round(16 / ((1 - b) + b * length / avg_length)) (at least 1) and
 * the index's b (cari_stats.bm25_b). */
typedef struct cari_explain {
    const char *term;    /* the query term: "drone", "judul:drone" (title),
                            "korut|korea utara" (synonyms), "lati*" */
    double tf;           /* its length-normalized frequency in the passage
                            (a group: the sum) */
    double df;           /* passages holding it (a group: Xapian's estimate) */
    double idf;
    double length;       /* the passage's length: its words and its
                            article's title words */
    double avg_length;   /* the pivot: the length that counts as average
                            (80 words) */
    double factor;       /* its weight scale: 1, or the title weight */
    double contribution;
    /* Added for learned ranking: with it, a hit's parts are its features
     * instead, each with feature = 1, term its name, value its value and
     * contribution weight * (value - mean) / scale (tf .. factor 0).
     * With opts.recent_half_life, the recency bonus is a part of this
     * kind: term "(recency)", value the article's age in days. */
    int feature;
    double value;
} cari_explain;

/* A passage of a hit's article shown around it (opts.context). */
typedef struct cari_context {
    unsigned passage;    /* its number in the article */
    const char *text;    /* NUL-terminated */
    size_t text_len;
} cari_context;

/* One ranked passage.  Every pointer is owned by the result set. */
typedef struct {
    unsigned rank;               /* 1-based, over all pages */
    double score;                /* the ranking's score: the learned
                                    model's, or BM25's (opts.rank) */
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
    const struct cari_explain *explain;  /* with opts.explain: the parts of
                                    score, one per contributing query term;
                                    their contributions add up to score */
    size_t n_explain;
    const struct cari_context *context;  /* with opts.context: neighbouring
                                    passages of the article, in order (the
                                    hit itself not included) */
    size_t n_context;
    const double *features;      /* with opts.features (or explain under the
                                    learned ranking): the value of each
                                    feature, cari_feature_count() of them */
    size_t n_features;
    double bm25;                 /* the first pass's BM25 score (= score
                                    with CARI_RANK_BM25) */
    cari_meta meta;                      /* the article's metadata */
} cari_hit;

typedef struct cari_results cari_results;

/* Ranks the passages matching `query` with BM25, then (opts.rank) re-ranks
 * the best of them with a learned model, and stores a result set in
 * *out (free with cari_results_free()).  The query language (README,
 * "Query language"): words (OR-ed, or AND-ed with match_all), "a phrase",
 * judul:word (title), -word (must not), +word (must), AND OR NOT with
 * parentheses, a NEAR b, a NEAR/5 b, prefix*, artikel:ID and
 * artikel:folder/, sumber:, penulis:, kategori:, bahasa: (and source:,
 * author:, category:, lang:; filters).  A malformed query is read leniently.
 * Returns CARI_INVALID for a query without words (cari_errmsg() names the
 * problem); *out is NULL on failure. */
CARI_API cari_status cari_search(cari_db *db, const char *query,
                                 const cari_search_options *opts,
                                 cari_results **out);

/* Number of hits in the set. */
CARI_API size_t cari_results_count(const cari_results *res);

/* Estimated number of matching passages in the whole index (exact with
 * opts.exact_total; with opts.per_article, passages kept after it). */
CARI_API size_t cari_results_total(const cari_results *res);

/* The i-th hit (0-based), or NULL when i is out of range.  Owned by res. */
CARI_API const cari_hit *cari_results_hit(const cari_results *res, size_t i);

/* With opts.spelling: the query with its unknown words corrected from the
 * index's spelling data, or NULL when there is nothing to correct.  Owned
 * by res. */
CARI_API const char *cari_results_suggestion(const cari_results *res);

/* 1 when the hits are those of the suggestion (opts.fix), 0 otherwise. */
CARI_API int cari_results_fixed(const cari_results *res);

/* One value of a facet and the number of matching articles under it. */
typedef struct {
    const char *value;
    size_t count;
} cari_facet_value;

/* The counts of one facet asked for in opts.facets. */
typedef struct {
    const char *name;                /* "source", "category", "year" or
                                        "author" */
    const cari_facet_value *values;  /* most articles first, then by value */
    size_t n_values;
} cari_facet;

/* The number of facets counted (those of opts.facets), and the k-th
 * (0-based; NULL when out of range).  Owned by res. */
CARI_API size_t cari_results_facet_count(const cari_results *res);
CARI_API const cari_facet *cari_results_facet(const cari_results *res, size_t k);

/* How many matching passages the facets counted (the first
 * opts.facet_depth in index order of each local index, or every match),
 * with *out_all set to 1 when that was every
 * match, so that the counts are exact, else 0. */
CARI_API size_t cari_results_facet_counted(const cari_results *res, int *out_all);

CARI_API void cari_results_free(cari_results *res);

#ifdef __cplusplus
}
#endif

#endif /* CARI_H */
