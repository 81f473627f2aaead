/* JSON Lines articles parsed on a thread of their own: see jsonl.h. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* getline */
#endif
#include "jsonl.h"

#include "jsonmeta.h"
#include "strmap.h"

#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define SLOTS 64                 /* lines parsed ahead, at most */
#define BYTES_AHEAD (64u << 20)  /* and at most this many bytes of them */

typedef struct {
    json_t *obj;                 /* owns the article's strings */
    size_t bytes;                /* the line's length */
    jsonl_article a;
    char problem[320];
    jsonmeta meta;               /* the article's metadata keys */
} slot;

struct jsonl_reader {
    FILE *f;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t filled, emptied;
    slot slots[SLOTS];
    size_t head, count;          /* the next slot to hand out; slots filled */
    size_t bytes;                /* bytes of the filled slots */
    int held;                    /* the consumer holds slot head - 1 */
    cli_strmap seen;             /* the ids given so far, to their lines
                                    (reading thread; copies) */
    int done, stop, read_error;
};

/* Whether line[0..n) is all white space. */
static int blank(const char *line, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r' && line[i] != '\n')
            return 0;
    return 1;
}

/* Parses line `lineno` into s: the article, or the problem with it.  An
 * id that `seen` holds from an earlier line is a problem: the first line
 * with an id counts, so that a run over the same file again finds every
 * article unchanged (as of two files with one id, the first wins). */
static void parse(slot *s, const char *line, size_t n, size_t lineno, cli_strmap *seen)
{
    json_error_t jerr;
    size_t first = 0;
    s->meta.n_warnings = 0;
    /* A byte-order mark (a file saved by some Windows editors) is no
     * part of the JSON. */
    if (n >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3))
        line += 3, n -= 3;
    /* A key given twice: the last value counts, with a warning. */
    json_t *obj = json_loadb(line, n, JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES, &jerr);
    if (!obj && strstr(jerr.text, "duplicate")) {
        jsonmeta_warn(&s->meta, "%s: the last value counts", jerr.text);
        obj = json_loadb(line, n, JSON_DISABLE_EOF_CHECK, &jerr);
    }
    /* With JSON_DISABLE_EOF_CHECK, position is the bytes read. */
    size_t used = obj ? (size_t)jerr.position : 0;
    json_t *id = obj ? json_object_get(obj, "id") : NULL;
    json_t *text = obj ? json_object_get(obj, "text") : NULL;
    json_t *title = obj ? json_object_get(obj, "title") : NULL;
    s->a.problem = s->problem;
    if (memchr(line, '\0', n)) {
        snprintf(s->problem, sizeof s->problem,
                 "a NUL byte in the line (binary data, not JSON text)");
    } else if (!obj && strstr(jerr.text, "\\u0000")) {
        snprintf(s->problem, sizeof s->problem,
                 "a string holds the character \\u0000 (NUL), which an article cannot hold");
    } else if (!obj || !json_is_object(obj)) {
        snprintf(s->problem, sizeof s->problem, "not a JSON object (%s)",
                 obj ? "another JSON value" : jerr.text);
    } else if (used > n || !blank(line + used, n - used)) {
        while (used < n && blank(line + used, 1))
            used++;
        snprintf(s->problem, sizeof s->problem,
                 "text after the JSON object (at byte %zu: one object a line)", used + 1);
    } else if (!json_is_string(id) || !json_string_length(id)) {
        snprintf(s->problem, sizeof s->problem, "no \"id\" string");
    } else if (!json_is_string(text)) {
        snprintf(s->problem, sizeof s->problem, "no \"text\" string");
    } else if (title && !json_is_string(title) && !json_is_null(title)) {
        snprintf(s->problem, sizeof s->problem, "\"title\" is not a string");
    } else if (cli_strmap_put(seen, json_string_value(id), lineno, &first) == 1) {
        snprintf(s->problem, sizeof s->problem,
                 "article id %s is also on line %zu; the first line with an id counts",
                 json_string_value(id), first);
    } else {
        s->a.problem = NULL;
        s->a.id = json_string_value(id);
        s->a.title = json_is_string(title) ? json_string_value(title) : NULL;
        s->a.text = json_string_value(text);
        s->a.text_len = json_string_length(text);
        jsonmeta_read(obj, &s->meta);
        s->a.meta = &s->meta.meta;
    }
    s->a.warnings = s->meta.warnings;
    s->a.n_warnings = s->meta.n_warnings;
    if (s->a.problem) {
        json_decref(obj);
        obj = NULL;
    }
    s->obj = obj;
}

/* The reading thread: parses non-blank lines into free slots, waiting
 * while the consumer is SLOTS lines or BYTES_AHEAD bytes behind. */
static void *read_lines(void *arg)
{
    jsonl_reader *r = arg;
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, r->f)) >= 0) {
        lineno++;
        size_t i = 0;
        while (i < (size_t)n &&
               (line[i] == ' ' || line[i] == '\t' || line[i] == '\r' || line[i] == '\n'))
            i++;
        if (i == (size_t)n)
            continue;
        pthread_mutex_lock(&r->mu);
        while (!r->stop && (r->count + r->held == SLOTS ||
                            (r->count && r->bytes + (size_t)n > BYTES_AHEAD)))
            pthread_cond_wait(&r->emptied, &r->mu);
        int stop = r->stop;
        slot *s = &r->slots[(r->head + r->count) % SLOTS];
        pthread_mutex_unlock(&r->mu);
        if (stop)
            break;
        parse(s, line, (size_t)n, lineno, &r->seen); /* the slot is ours until counted */
        s->a.lineno = lineno;
        s->bytes = (size_t)n;
        pthread_mutex_lock(&r->mu);
        r->count++;
        r->bytes += s->bytes;
        pthread_cond_signal(&r->filled);
        pthread_mutex_unlock(&r->mu);
    }
    pthread_mutex_lock(&r->mu);
    r->read_error = ferror(r->f) != 0;
    r->done = 1;
    pthread_cond_signal(&r->filled);
    pthread_mutex_unlock(&r->mu);
    free(line);
    return NULL;
}

jsonl_reader *jsonl_open(FILE *f)
{
    jsonl_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->f = f;
    r->seen.copies = 1;
    pthread_mutex_init(&r->mu, NULL);
    pthread_cond_init(&r->filled, NULL);
    pthread_cond_init(&r->emptied, NULL);
    json_object_seed(0); /* before any thread creates an object */
    if (pthread_create(&r->thread, NULL, read_lines, r)) {
        pthread_mutex_destroy(&r->mu);
        pthread_cond_destroy(&r->filled);
        pthread_cond_destroy(&r->emptied);
        free(r);
        return NULL;
    }
    return r;
}

/* Frees the slot the consumer holds, if any (r->mu held). */
static void release_held(jsonl_reader *r)
{
    if (!r->held)
        return;
    slot *s = &r->slots[(r->head + SLOTS - 1) % SLOTS];
    json_decref(s->obj);
    s->obj = NULL;
    r->held = 0;
    pthread_cond_signal(&r->emptied);
}

const jsonl_article *jsonl_next(jsonl_reader *r)
{
    pthread_mutex_lock(&r->mu);
    release_held(r);
    while (!r->count && !r->done)
        pthread_cond_wait(&r->filled, &r->mu);
    slot *s = NULL;
    if (r->count) {
        s = &r->slots[r->head];
        r->head = (r->head + 1) % SLOTS;
        r->count--;
        r->bytes -= s->bytes;
        r->held = 1;
        pthread_cond_signal(&r->emptied);
    }
    pthread_mutex_unlock(&r->mu);
    return s ? &s->a : NULL;
}

int jsonl_read_error(const jsonl_reader *r) { return r->read_error; }

void jsonl_close(jsonl_reader *r)
{
    pthread_mutex_lock(&r->mu);
    r->stop = 1;
    release_held(r);
    pthread_cond_signal(&r->emptied);
    pthread_mutex_unlock(&r->mu);
    pthread_join(r->thread, NULL);
    while (r->count) { /* parsed but never handed out */
        json_decref(r->slots[r->head].obj);
        r->head = (r->head + 1) % SLOTS;
        r->count--;
    }
    cli_strmap_free(&r->seen);
    pthread_mutex_destroy(&r->mu);
    pthread_cond_destroy(&r->filled);
    pthread_cond_destroy(&r->emptied);
    free(r);
}
