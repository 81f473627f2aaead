/*
 * indexer: adds Indonesian articles to a cari index.
 *
 *   indexer [-d INDEX] PATH...          .txt files, folders (recursive)
 *   indexer [-d INDEX] --jsonl FILE|-   one JSON article per line
 *
 * Exit status: 0 everything indexed, 1 some inputs skipped (each named on
 * stderr), 2 nothing could be done (no index, bad usage).
 */
#define _GNU_SOURCE
#include "cari.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PROG "indexer"
#define DEFAULT_INDEX "cari-index"

static const char usage[] =
    "usage: indexer [-d INDEX] [options] PATH...\n"
    "       indexer [-d INDEX] [options] --jsonl FILE|-\n"
    "\n"
    "Indexes Indonesian articles into passages for searcher.\n"
    "A PATH is a .txt file or a folder searched recursively for .txt files;\n"
    "an article's id is its path relative to the PATH given.\n"
    "\n"
    "  -d, --index DIR   the index (default: $CARI_INDEX, else ./" DEFAULT_INDEX ")\n"
    "      --jsonl FILE  read articles as JSON Lines ('-' for stdin):\n"
    "                    {\"id\": \"...\", \"title\": \"...\", \"text\": \"...\"}\n"
    "  -q, --quiet       print no summary and no progress\n"
    "  -h, --help        show this help\n"
    "\n"
    "Exit status: 0 all indexed, 1 some inputs skipped, 2 nothing done.\n";

/* One input file: its path on disk and its article id. */
typedef struct {
    char *path;
    char *id;
} input;

typedef struct {
    input *v;
    size_t n, cap;
} input_list;

/* The run's state and counters. */
typedef struct {
    cari_db *db;
    const char *current;   /* file being indexed, for warnings */
    size_t articles, passages, skipped, warnings;
    int progress;          /* draw a progress bar (stderr is a TTY) */
} run;

static void die_nomem(void)
{
    fprintf(stderr, PROG ": out of memory\n");
    exit(2);
}

static void push_input(input_list *l, const char *path, const char *id)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v)
            die_nomem();
    }
    l->v[l->n].path = strdup(path);
    l->v[l->n].id = strdup(id);
    if (!l->v[l->n].path || !l->v[l->n].id)
        die_nomem();
    l->n++;
}

static int has_txt_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && !strcmp(name + n - 4, ".txt");
}

/* A visited directory, to stop at symlink loops. */
typedef struct seen {
    dev_t dev;
    ino_t ino;
    struct seen *up;
} seen;

/* Adds the .txt files under `dir` (whose id prefix is `rel`) in name
 * order.  Unreadable folders are reported and counted as skipped. */
static void walk(run *r, input_list *l, const char *dir, const char *rel, seen *up)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        fprintf(stderr, PROG ": %s: %s\n", dir, strerror(errno));
        r->skipped++;
        return;
    }
    for (seen *s = up; s; s = s->up)
        if (s->dev == st.st_dev && s->ino == st.st_ino) {
            fprintf(stderr, PROG ": %s: symlink loop, skipped\n", dir);
            r->skipped++;
            return;
        }
    seen here = {st.st_dev, st.st_ino, up};
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0) {
        fprintf(stderr, PROG ": %s: %s\n", dir, strerror(errno));
        r->skipped++;
        return;
    }
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (name[0] == '.') {
            free(names[i]);
            continue;
        }
        char *path, *id;
        if (asprintf(&path, "%s/%s", dir, name) < 0 ||
            asprintf(&id, "%s%s%s", rel, *rel ? "/" : "", name) < 0)
            die_nomem();
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            walk(r, l, path, id, &here);
        else if (has_txt_suffix(name))
            push_input(l, path, id);
        free(path);
        free(id);
        free(names[i]);
    }
    free(names);
}

/* Reads a whole file.  Returns a malloc'd buffer (NUL-terminated) and its
 * length, or NULL with errno set. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        cap *= 2;
        char *nb = realloc(buf, cap + 1);
        if (!nb) {
            free(buf);
            buf = NULL;
            errno = ENOMEM;
        }
        buf = nb;
    }
    int failed = ferror(f);
    fclose(f);
    if (buf && failed) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

static void on_warning(void *ctx, const char *article, size_t line, const char *msg)
{
    run *r = ctx;
    r->warnings++;
    const char *where = r->current ? r->current : article;
    if (line)
        fprintf(stderr, PROG ": %s:%zu: %s\n", where, line, msg);
    else
        fprintf(stderr, PROG ": %s: %s\n", where, msg);
}

static void progress(run *r, size_t done, size_t total)
{
    if (!r->progress || !total)
        return;
    int width = 30, filled = (int)(width * done / total);
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu articles", filled,
            "##############################", width - filled, "", done, total);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

/* Indexes one article; counts it or reports why it was skipped. */
static void index_article(run *r, const char *where, const char *id,
                          const char *title, int has_title, const char *text,
                          size_t len)
{
    size_t passages = 0;
    r->current = where;
    cari_status st = has_title
        ? cari_add_article(r->db, id, title, text, len, &passages)
        : cari_add_text(r->db, id, text, len, &passages);
    r->current = NULL;
    if (st == CARI_OK) {
        r->articles++;
        r->passages += passages;
    } else {
        fprintf(stderr, PROG ": %s: %s\n", where, cari_errmsg(r->db));
        r->skipped++;
        if (st == CARI_NOMEM || st == CARI_IO || st == CARI_CORRUPT)
            exit(2);
    }
}

static void index_file(run *r, const input *in)
{
    size_t len;
    char *text = read_file(in->path, &len);
    if (!text) {
        fprintf(stderr, PROG ": %s: %s, skipped\n", in->path, strerror(errno));
        r->skipped++;
        return;
    }
    if (memchr(text, '\0', len)) {
        fprintf(stderr, PROG ": %s: binary file (NUL byte), skipped\n", in->path);
        r->skipped++;
    } else {
        index_article(r, in->path, in->id, NULL, 0, text, len);
    }
    free(text);
}

/* Indexes every line of a JSON Lines file.  Bad lines are skipped with a
 * message naming the file and line. */
static void index_jsonl(run *r, const char *file)
{
    FILE *f = strcmp(file, "-") ? fopen(file, "rb") : stdin;
    const char *name = strcmp(file, "-") ? file : "<stdin>";
    if (!f) {
        fprintf(stderr, PROG ": %s: %s\n", file, strerror(errno));
        exit(2);
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    char where[4096];
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        snprintf(where, sizeof where, "%s:%zu", name, lineno);
        size_t i = 0;
        while (i < (size_t)n && (line[i] == ' ' || line[i] == '\t' || line[i] == '\n' || line[i] == '\r'))
            i++;
        if (i == (size_t)n)
            continue;
        json_error_t jerr;
        json_t *obj = json_loadb(line, (size_t)n, JSON_DISABLE_EOF_CHECK, &jerr);
        json_t *id = obj ? json_object_get(obj, "id") : NULL;
        json_t *text = obj ? json_object_get(obj, "text") : NULL;
        json_t *title = obj ? json_object_get(obj, "title") : NULL;
        if (!obj || !json_is_object(obj)) {
            fprintf(stderr, PROG ": %s: not a JSON object (%s), skipped\n", where,
                    obj ? "another JSON value" : jerr.text);
            r->skipped++;
        } else if (!json_is_string(id) || !json_string_length(id)) {
            fprintf(stderr, PROG ": %s: no \"id\" string, skipped\n", where);
            r->skipped++;
        } else if (!json_is_string(text)) {
            fprintf(stderr, PROG ": %s: no \"text\" string, skipped\n", where);
            r->skipped++;
        } else if (title && !json_is_string(title) && !json_is_null(title)) {
            fprintf(stderr, PROG ": %s: \"title\" is not a string, skipped\n", where);
            r->skipped++;
        } else {
            index_article(r, where, json_string_value(id),
                          json_is_string(title) ? json_string_value(title) : NULL, 1,
                          json_string_value(text), json_string_length(text));
        }
        json_decref(obj);
    }
    if (ferror(f)) {
        fprintf(stderr, PROG ": %s: read error\n", name);
        r->skipped++;
    }
    free(line);
    if (f != stdin)
        fclose(f);
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"index", required_argument, NULL, 'd'},
        {"jsonl", required_argument, NULL, 'j'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *index = getenv("CARI_INDEX");
    const char *jsonl = NULL;
    int quiet = 0, c;
    while ((c = getopt_long(argc, argv, "d:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': index = optarg; break;
        case 'j': jsonl = optarg; break;
        case 'q': quiet = 1; break;
        case 'h': fputs(usage, stdout); return 0;
        default: fputs(usage, stderr); return 2;
        }
    }
    if (!index || !*index)
        index = DEFAULT_INDEX;
    if (!jsonl && optind == argc) {
        fprintf(stderr, PROG ": no PATH given (try --help)\n");
        return 2;
    }

    run r = {0};
    r.progress = !quiet && isatty(STDERR_FILENO);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);

    cari_status st = cari_open(&r.db, index, CARI_OPEN_WRITE);
    if (st) {
        fprintf(stderr, PROG ": %s\n", cari_errmsg(r.db));
        cari_close(r.db);
        return 2;
    }
    cari_set_warning_handler(r.db, on_warning, &r);

    input_list files = {0};
    for (int i = optind; i < argc; i++) {
        struct stat sb;
        const char *p = argv[i];
        if (stat(p, &sb) != 0) {
            fprintf(stderr, PROG ": %s: %s, skipped\n", p, strerror(errno));
            r.skipped++;
        } else if (S_ISDIR(sb.st_mode)) {
            walk(&r, &files, p, "", NULL);
        } else {
            const char *base = strrchr(p, '/');
            push_input(&files, p, base ? base + 1 : p);
        }
    }
    for (size_t i = 0; i < files.n; i++) {
        index_file(&r, &files.v[i]);
        progress(&r, i + 1, files.n);
    }
    if (jsonl)
        index_jsonl(&r, jsonl);

    st = cari_commit(r.db);
    if (st) {
        fprintf(stderr, PROG ": %s\n", cari_errmsg(r.db));
        cari_close(r.db);
        return 2;
    }
    cari_close(r.db);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (!quiet)
        printf("%zu articles, %zu passages indexed in %.2f s into %s%s\n", r.articles,
               r.passages, secs, index,
               r.skipped ? " (some inputs skipped, see above)" : "");
    for (size_t i = 0; i < files.n; i++) {
        free(files.v[i].path);
        free(files.v[i].id);
    }
    free(files.v);
    if (r.skipped)
        return r.articles ? 1 : 2;
    return 0;
}
