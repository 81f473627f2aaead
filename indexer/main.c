/*
 * cari-indexer: brings a cari index up to date with Indonesian articles.
 *
 *   cari-indexer [-d INDEX] [options] PATH...      .txt files and folders
 *   cari-indexer [-d INDEX] --jsonl FILE|-         JSON Lines articles
 *   cari-indexer [-d INDEX] --remove ID...         remove articles
 *   cari-indexer [-d INDEX] --compact              give updates' space back
 *   cari-indexer [-d INDEX] --list | --stats | --check
 *
 * Exit status: 0 everything done, 1 some inputs skipped (each named on
 * stderr) or --check found problems, 2 nothing could be done.
 */
#define _GNU_SOURCE
#include "cari.h"
#include "jsonl.h"
#include "safetext.h"
#include "testhook.h"
#include "help.h"
#include "version.h"

#include <ftw.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PROG "cari-indexer"
#define DEFAULT_INDEX "cari-index"

static const char usage[] =
    "usage: cari-indexer [-d INDEX] [options] PATH...\n"
    "       cari-indexer [-d INDEX] [options] --jsonl FILE|-\n"
    "       cari-indexer [-d INDEX] --remove ID...\n"
    "       cari-indexer [-d INDEX] --compact [PATH...]\n"
    "       cari-indexer [-d INDEX] --rebuild [PATH...]\n"
    "       cari-indexer [-d INDEX] --list | --stats | --check\n"
    "\n"
    "Brings a cari index up to date with Indonesian articles: new articles\n"
    "are added, changed ones (by content hash) re-indexed, unchanged ones\n"
    "skipped, and articles whose files are gone from a folder removed.\n"
    "A PATH is a .txt or .html file or a folder searched recursively for\n"
    ".txt, .html and .htm files; an article's id is its path relative to\n"
    "the folder given (a subfolder keeps the ids its parent gave; two files\n"
    "with one id are refused).\n"
    "\n"
    "  -d, --index DIR     the index (default: $CARI_INDEX, else ./" DEFAULT_INDEX ")\n"
    "      --jsonl FILE    read articles as JSON Lines ('-' for stdin):\n"
    "                      {\"id\": \"...\", \"title\": \"...\", \"text\": \"...\"}\n"
    "      --keep-missing  keep articles whose files are gone\n"
    "      --rebuild       build a fresh index beside the live one and swap it in,\n"
    "                      reading again every folder the index records (PATHs\n"
    "                      optional); what cannot be read again is named\n"
    "      --wait SECONDS  wait for another cari-indexer to finish (default: fail at once)\n"
    "      --b Y           BM25 b of a new or rebuilt index, 0..1 (default 0.75):\n"
    "                      how much a passage's length discounts its word counts\n"
    "      --shards N      split the index into N shards by a hash of the article id\n"
    "                      (an existing sharded index keeps its number)\n"
    "      --remove ID...  remove the articles with these ids\n"
    "      --compact       after the run, rewrite the index compactly and swap it in\n"
    "                      (updates leave the files larger; no article is re-read)\n"
    "      --list          print the indexed articles and their passage counts\n"
    "      --stats         print totals: articles, passages, terms, size, stemmer, b\n"
    "      --check         verify the index (Xapian's check and cari's invariants)\n"
    "  -q, --quiet         print no summary and no progress\n"
    "  -h, --help          show this help\n"
    "      --version       print the version, index format, stemmer and Xapian\n"
    "\n"
    "Exit status: 0 all done, 1 some inputs skipped or problems found,\n"
    "2 nothing could be done.\n";

/* One input file: its path on disk, its article id, its folder's group. */
/* The run's state and counters. */
typedef struct {
    cari_writer *w;        /* the index (all its shards) */
    size_t added, changed, unchanged, removed, skipped, passages;
    /* Warnings come from build workers after the article was handed
     * over, and the folder sync's from its thread: one at a time. */
    pthread_mutex_t warn_mu;
    const char *jsonl;     /* the JSON Lines input, or NULL */
    int progress;          /* draw a progress bar (stderr is a TTY) */
} run;

static void die_nomem(void)
{
    cli_printf_safe(stderr, PROG ": out of memory\n");
    exit(2);
}

/* Prints a warning about a JSON Lines article (a cari_warn_fn): the
 * file, the article's id and the line of its text.  Any thread may call
 * it. */
static void on_warning(void *ctx, const char *article, size_t line, const char *msg)
{
    run *r = ctx;
    pthread_mutex_lock(&r->warn_mu);
    const char *input = r->jsonl ? r->jsonl : "input";
    if (line)
        cli_printf_safe(stderr, PROG ": %s: article %s, line %zu of its text: %s\n", input, article,
                line, msg);
    else
        cli_printf_safe(stderr, PROG ": %s: article %s: %s\n", input, article, msg);
    pthread_mutex_unlock(&r->warn_mu);
}

/* Prints a problem the folder sync found (its cari_warn_fn): the file
 * or folder, and the line when there is one. */
static void on_sync_warning(void *ctx, const char *file, size_t line, const char *msg)
{
    run *r = ctx;
    pthread_mutex_lock(&r->warn_mu);
    if (file && line)
        cli_printf_safe(stderr, PROG ": %s:%zu: %s\n", file, line, msg);
    else if (file)
        cli_printf_safe(stderr, PROG ": %s: %s\n", file, msg);
    else
        cli_printf_safe(stderr, PROG ": %s\n", msg);
    pthread_mutex_unlock(&r->warn_mu);
}

/* Draws the progress bar (a cari_progress_fn). */
static void progress(void *ctx, size_t done, size_t total)
{
    (void)ctx;
    if (!total)
        return;
    int width = 30, filled = (int)(width * done / total);
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu articles", filled,
            "##############################", width - filled, "", done, total);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

static void close_all(run *r);

/* Ends the run after a failure that leaves the index unusable (a full
 * disk, damage): the message names what failed, which may be another
 * article a build worker was on.  Closing without a commit discards the
 * run's work. */
static void stop(run *r)
{
    cli_printf_safe(stderr, PROG ": %s\n", cari_writer_errmsg(r->w));
    cli_printf_safe(stderr, PROG ": stopping; the index is left as it was\n");
    close_all(r);
    exit(2);
}

/* Counts what adding an article did, or reports why it failed. */
static void count(run *r, const char *where, cari_status st, const cari_added *a)
{
    if (st == CARI_OK) {
        if (a->change == CARI_ADDED)
            r->added++;
        else if (a->change == CARI_CHANGED)
            r->changed++;
        else
            r->unchanged++;
        return;
    }
    if (st == CARI_IO || st == CARI_INVALID) {
        /* This input is bad: name it, skip it, go on. */
        cli_printf_safe(stderr, PROG ": %s: %s\n", where, cari_writer_errmsg(r->w));
        r->skipped++;
        return;
    }
    stop(r);
}

/* Indexes the articles of `lines` (the file `name`) in file order; bad
 * lines and a read error are reported and counted as skipped. */
static void index_lines(run *r, const char *name, jsonl_reader *lines)
{
    const jsonl_article *a;
    char where[4096];
    while ((a = jsonl_next(lines))) {
        snprintf(where, sizeof where, "%s:%zu", name, a->lineno);
        if (a->problem) {
            cli_printf_safe(stderr, PROG ": %s: %s, skipped\n", where, a->problem);
            r->skipped++;
            continue;
        }
        cari_added added;
        for (size_t k = 0; k < a->n_warnings; k++)
            cli_printf_safe(stderr, PROG ": %s: %s\n", where, a->warnings[k]);
        cari_status st = cari_add_article_meta(r->w, a->id, a->title, a->text, a->text_len,
                                               a->meta, &added);
        count(r, where, st, &added);
    }
    if (jsonl_read_error(lines)) {
        cli_printf_safe(stderr, PROG ": %s: read error\n", name);
        r->skipped++;
    }
}

/* Indexes every line of a JSON Lines file, parsed ahead on a thread of
 * its own (jsonl.h).  Bad lines are skipped with a message naming the
 * file and line. */
static void index_jsonl(run *r, const char *file)
{
    FILE *f = strcmp(file, "-") ? fopen(file, "rb") : stdin;
    const char *name = strcmp(file, "-") ? file : "<stdin>";
    if (!f) {
        cli_printf_safe(stderr, PROG ": %s: %s\n", file, strerror(errno));
        r->skipped++;
        return;
    }
    if (cari_set_group(r->w, NULL))
        stop(r);
    jsonl_reader *lines = jsonl_open(f);
    if (lines) {
        index_lines(r, name, lines);
        jsonl_close(lines);
    } else {
        cli_printf_safe(stderr, PROG ": %s: cannot start reading it (out of memory or threads)\n", name);
        r->skipped++;
    }
    if (f != stdin)
        fclose(f);
}

/* Brings the index to the state of the `n` paths (the library's folder
 * sync: walking, ids, removing what is gone, a rebuild's re-reading) and
 * adds its counts to the run's.  A failure of the index ends the run. */
static void sync_paths(run *r, char **paths, size_t n, int keep_missing)
{
    cari_sync_options so = CARI_SYNC_OPTIONS_INIT;
    so.flags = keep_missing ? CARI_SYNC_KEEP_MISSING : 0;
    so.warn = on_sync_warning;
    so.warn_ctx = r;
    so.progress = r->progress ? progress : NULL;
    cari_sync_counts c;
    cari_status st = cari_writer_sync_folders(r->w, (const char *const *)paths, n, &so, &c);
    r->added += c.added;
    r->changed += c.changed;
    r->unchanged += c.unchanged;
    r->removed += c.removed;
    r->skipped += c.skipped;
    if (st)
        stop(r);
}

/* ---- --remove ------------------------------------------------------------ */

/* The ids an index holds, sorted. */
typedef struct {
    char **v;
    size_t n, cap;
} id_list;

static int collect_id(void *ctx, const cari_article_info *a)
{
    id_list *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 256;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    if (!(l->v[l->n] = strdup(a->id)))
        return -1;
    l->n++;
    return 0;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Removes the articles `ids` (n of them), each once, naming ids the index
 * does not hold.  A failure of the index ends the run. */
static void remove_ids_given(run *r, char **ids, size_t n)
{
    id_list held = {0};
    cari_status st = cari_writer_list_articles(r->w, collect_id, &held);
    if (st == CARI_ERROR)
        die_nomem();
    if (st)
        stop(r);
    qsort(held.v, held.n, sizeof *held.v, compare_strings);
    for (size_t i = 0; i < n; i++) {
        int again = 0;
        for (size_t j = 0; j < i && !again; j++)
            again = !strcmp(ids[j], ids[i]);
        if (again)
            continue;
        if (!held.n || !bsearch(&ids[i], held.v, held.n, sizeof *held.v, compare_strings)) {
            cli_printf_safe(stderr, PROG ": %s: no article with this id, skipped\n", ids[i]);
            r->skipped++;
            continue;
        }
        if (cari_remove(r->w, ids[i]))
            stop(r);
        r->removed++;
    }
    for (size_t i = 0; i < held.n; i++)
        free(held.v[i]);
    free(held.v);
}

static void close_all(run *r)
{
    cari_writer_close(r->w);
    r->w = NULL;
}

/* ---- --list, --stats, --check ------------------------------------------ */

/* Prints one line of --list: the id, escaped so that a tab, a line break
 * or a backslash in it cannot break the id<TAB>passages format. */
static int print_article(void *ctx, const cari_article_info *a)
{
    (void)ctx;
    cli_puts_safe(stdout, a->id, CLI_ESCAPE_FIELD);
    printf("\t%zu\n", a->passages);
    return 0;
}

static void print_problem(void *ctx, const char *problem)
{
    cli_printf_safe(stderr, PROG ": %s: %s\n", (const char *)ctx, problem);
}

/* Runs --list, --stats or --check on the index (all its shards).
 * Returns the exit status. */
static int inspect(const char *index, int what)
{
    cari_db *db;
    int status = 0;
    if (cari_open(&db, index, CARI_OPEN_READ)) {
        cli_printf_safe(stderr, PROG ": %s\n", cari_errmsg(db));
        cari_close(db);
        return 2;
    }
    if (what == 'l') {
        if (cari_list_articles(db, print_article, NULL))
            status = 2;
    } else if (what == 's') {
        cari_stats s;
        int shards = cari_shard_count(index);
        if (cari_get_stats(db, &s)) {
            status = 2;
        } else {
            if (shards > 0)
                printf("shards\t%d\n", shards);
            printf("articles\t%zu\npassages\t%zu\nterms\t%llu\nbytes\t%llu\nstemmer\t",
                   s.articles, s.passages, s.terms, s.bytes);
            cli_puts_safe(stdout, s.stemmer, CLI_ESCAPE_FIELD); /* read from the index */
            printf("\nbm25_b\t%g\n", s.bm25_b);
            printf("with_date\t%zu\nwith_url\t%zu\nwith_source\t%zu\nwith_authors\t%zu\n"
                   "with_categories\t%zu\nwith_lang\t%zu\n",
                   s.with_date, s.with_url, s.with_source, s.with_authors,
                   s.with_categories, s.with_lang);
        }
    } else {
        size_t problems;
        if (cari_check(db, print_problem, (void *)index, &problems)) {
            status = 2;
        } else if (problems) {
            cli_printf_safe(stderr, PROG ": %s: %zu problem%s found\n", index, problems,
                    problems == 1 ? "" : "s");
            status = 1;
        } else {
            printf("%s: ok\n", index);
        }
    }
    if (status == 2)
        cli_printf_safe(stderr, PROG ": %s\n", cari_errmsg(db));
    cari_close(db);
    return status;
}

/* Makes sure what went to stdout was written (a full disk, a closed
 * file): when not, says so and returns `failed` if it is worse than
 * `status`.  Returns the exit status. */
static int flush_output(int status, int failed)
{
    if (fflush(stdout) == 0 && !ferror(stdout))
        return status;
    cli_printf_safe(stderr, PROG ": writing the output: %s%s\n", strerror(errno ? errno : EIO),
            failed < 2 ? " (the index is updated all the same)" : "");
    return status > failed ? status : failed;
}

/* The number in environment variable `name` (dflt when unset or empty),
 * clamped to [min, max]: the tuning knobs $CARI_THREADS,
 * $CARI_SEGMENT_PASSAGES and $CARI_SPELLING_FLUSH. */
static long env_long(const char *name, long dflt, long min, long max)
{
    const char *env = getenv(name);
    long n = env && *env ? strtol(env, NULL, 10) : dflt;
    return n < min ? min : n > max ? max : n;
}

/* The bytes of the files under `path` (for --compact's summary). */
static unsigned long long tree_total;

static int add_file_bytes(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)path;
    (void)ftw;
    if (type == FTW_F)
        tree_total += (unsigned long long)sb->st_size;
    return 0;
}

static unsigned long long tree_bytes(const char *path)
{
    tree_total = 0;
    nftw(path, add_file_bytes, 16, FTW_PHYS);
    return tree_total;
}

/* Ends the run when Xapian cannot recover from a failed write (a
 * cari_fatal_fn): libcari has removed the unfinished build and the lock;
 * the index is as the last commit left it. */
static void on_fatal(const char *msg)
{
    cli_printf_safe(stderr, PROG ": Xapian could not recover from a failed write: %s\n"
            PROG ": stopping; the index is left as it was\n", msg);
    _exit(2);
}

/* Parses a number of seconds or exits with a message. */
static double seconds(const char *arg)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (errno || end == arg || *end || !isfinite(v) || v < 0) {
        cli_printf_safe(stderr, PROG ": --wait: expected seconds, got %s\n", arg);
        exit(2);
    }
    return v;
}

/* Parses a number from 0 to 1 given to `option`, or exits with a message. */
static double fraction(const char *option, const char *arg)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (errno || end == arg || *end || !(v >= 0 && v <= 1)) {
        cli_printf_safe(stderr, PROG ": %s: expected a number from 0 to 1, got %s\n", option, arg);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    enum { OPT_JSONL = 256, OPT_KEEP, OPT_REBUILD, OPT_WAIT, OPT_REMOVE, OPT_LIST,
           OPT_STATS, OPT_CHECK, OPT_SHARDS, OPT_COMPACT, OPT_B };
    static const struct option longopts[] = {
        {"index", required_argument, NULL, 'd'},
        {"jsonl", required_argument, NULL, OPT_JSONL},
        {"keep-missing", no_argument, NULL, OPT_KEEP},
        {"rebuild", no_argument, NULL, OPT_REBUILD},
        {"wait", required_argument, NULL, OPT_WAIT},
        {"remove", no_argument, NULL, OPT_REMOVE},
        {"list", no_argument, NULL, OPT_LIST},
        {"stats", no_argument, NULL, OPT_STATS},
        {"check", no_argument, NULL, OPT_CHECK},
        {"compact", no_argument, NULL, OPT_COMPACT},
        {"shards", required_argument, NULL, OPT_SHARDS},
        {"b", required_argument, NULL, OPT_B},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    const char *index = getenv("CARI_INDEX");
    const char *jsonl = NULL;
    int quiet = 0, keep_missing = 0, rebuild = 0, remove_ids = 0, inspect_what = 0, c;
    int compact = 0;
    double wait = 0, bm25_b = -1;
    unsigned shards = 0;
    while ((c = getopt_long(argc, argv, ":d:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': index = optarg; break;
        case OPT_JSONL: jsonl = optarg; break;
        case OPT_KEEP: keep_missing = 1; break;
        case OPT_REBUILD: rebuild = 1; break;
        case OPT_WAIT: wait = seconds(optarg); break;
        case OPT_REMOVE: remove_ids = 1; break;
        case OPT_LIST:
        case OPT_STATS:
        case OPT_CHECK: {
            int what = c == OPT_LIST ? 'l' : c == OPT_STATS ? 's' : 'c';
            if (inspect_what && inspect_what != what) {
                cli_printf_safe(stderr, PROG ": --list, --stats and --check go one at a time\n");
                return 2;
            }
            inspect_what = what;
            break;
        }
        case OPT_COMPACT: compact = 1; break;
        case OPT_B: bm25_b = fraction("--b", optarg); break;
        case OPT_SHARDS: {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > 256) {
                cli_printf_safe(stderr, PROG ": --shards: expected 1 to 256, got %s\n", optarg);
                return 2;
            }
            shards = (unsigned)v;
            break;
        }
        case 'q': quiet = 1; break;
        case 'h': return cari_cli_help(stdout, usage, PROG);
        case 'V': return cari_cli_version(stdout, PROG);
        default: return cari_cli_bad_option(PROG, c, argv);
        }
    }
    if (!index || !*index)
        index = DEFAULT_INDEX;
    cari_set_fatal_handler(on_fatal);
    if (inspect_what && (optind < argc || jsonl || remove_ids || rebuild || compact)) {
        cli_printf_safe(stderr, PROG ": --%s reads the index and takes no PATH, --jsonl, --remove, "
                "--rebuild or --compact\n", inspect_what == 'l' ? "list"
                : inspect_what == 's' ? "stats" : "check");
        return 2;
    }
    if (inspect_what)
        return flush_output(inspect(index, inspect_what), 2);
    if (!jsonl && optind == argc && !compact && !(rebuild && !remove_ids)) {
        cli_printf_safe(stderr, PROG ": no %s given (try --help)\n", remove_ids ? "ID" : "PATH");
        return 2;
    }
    /* --compact alone works on an index that exists: it creates none. */
    struct stat isb;
    if (compact && !jsonl && optind == argc && stat(index, &isb) != 0) {
        cli_printf_safe(stderr, PROG ": %s: no index to compact (%s)\n", index, strerror(errno));
        return 2;
    }

    run r = {0};
    r.progress = !quiet && isatty(STDERR_FILENO);
    pthread_mutex_init(&r.warn_mu, NULL);
    r.jsonl = jsonl; /* before the workers start: they read it */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);

    cari_write_options wo = CARI_WRITE_OPTIONS_INIT;
    wo.flags = rebuild ? CARI_WRITE_REBUILD : 0;
    wo.shards = shards;
    wo.wait_seconds = wait;
    wo.threads = (unsigned)env_long("CARI_THREADS", 0, 0, 256);
    wo.segment_passages = (size_t)env_long("CARI_SEGMENT_PASSAGES", 0, 0, LONG_MAX);
    wo.spelling_flush = (size_t)env_long("CARI_SPELLING_FLUSH", 0, 0, LONG_MAX);
    if (wo.spelling_flush && wo.spelling_flush < 1000)
        wo.spelling_flush = 1000;
    /* $CARI_AUTOCOMPACT: the growth in percent past which an update
     * compacts the index (0: never; unset: the library's 10). */
    const char *autocompact = getenv("CARI_AUTOCOMPACT");
    if (autocompact && *autocompact) {
        long p = env_long("CARI_AUTOCOMPACT", 0, 0, 100000);
        wo.autocompact_percent = p ? (int)p : -1;
    }
    if (cari_writer_open(&r.w, index, &wo) ||
        (bm25_b >= 0 && cari_set_bm25_b(r.w, bm25_b))) {
        cli_printf_safe(stderr, PROG ": %s\n", cari_writer_errmsg(r.w));
        close_all(&r);
        return 2;
    }
    cari_set_warning_handler(r.w, on_warning, &r);
    if (testhook_install(r.w, PROG)) {
        close_all(&r);
        return 2;
    }

    if (remove_ids) {
        /* Only ids the index holds, each once: a typo is named. */
        remove_ids_given(&r, argv + optind, (size_t)(argc - optind));
    } else {
        /* JSON Lines first: a rebuild's sync then names what the new
         * index does not hold, these articles included. */
        if (jsonl)
            index_jsonl(&r, jsonl);
        if (optind < argc || rebuild)
            sync_paths(&r, argv + optind, (size_t)(argc - optind), keep_missing);
        if (rebuild && !jsonl && optind == argc &&
            !(r.added + r.changed + r.unchanged + r.removed + r.skipped)) {
            cli_printf_safe(stderr, PROG ": no PATH given, and %s records no article to read again "
                    "(try --help)\n", index);
            close_all(&r);
            return 2;
        }
    }

    /* Every input failed: commit nothing (a new index is not created).
     * Otherwise one commit: every shard's changes become visible at once. */
    int status = r.skipped ? 1 : 0;
    if (r.skipped && !(r.added + r.changed + r.unchanged + r.removed)) {
        cli_printf_safe(stderr, PROG ": %s: nothing indexed; the index is left as it was\n", index);
        status = 2;
    }
    unsigned long long bytes_before = compact ? tree_bytes(index) : 0;
    if (status < 2 && (compact ? cari_compact(r.w) : cari_commit(r.w))) {
        cli_printf_safe(stderr, PROG ": %s\n", cari_writer_errmsg(r.w));
        status = 2;
    }
    r.passages = cari_passages_indexed(r.w);
    close_all(&r);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (!quiet && status < 2)
        printf("%s: %zu added, %zu changed, %zu unchanged, %zu removed, %zu skipped; "
               "%zu passage%s indexed in %.2f s\n",
               index, r.added, r.changed, r.unchanged, r.removed, r.skipped, r.passages,
               r.passages == 1 ? "" : "s", secs);
    if (!quiet && status < 2 && compact)
        printf("%s: compacted, %.1f MB before, %.1f MB after\n", index,
               (double)bytes_before / 1e6, (double)tree_bytes(index) / 1e6);
    pthread_mutex_destroy(&r.warn_mu);
    return flush_output(status, 1);
}
