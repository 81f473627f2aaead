/*
 * Learned ranking models: reading the text format (cari.h), refusing a
 * model of another feature set, and scoring a candidate's features.
 */
#include "model.h"
#include "alloc.h"

#include "fsutil.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FORMAT_LINE "cari-rank-model 1"

extern const char cari_default_model[];
extern const size_t cari_default_model_len;

static cari_status fail(cari_model *m, cari_status st, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static cari_status fail(cari_model *m, cari_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->errmsg, sizeof m->errmsg, fmt, ap);
    va_end(ap);
    m->ok = 0;
    return st;
}

const char *cari_model_errmsg(const cari_model *m)
{
    return m ? m->errmsg : "out of memory";
}

void cari_model_free(cari_model *m) { free(m); }

/* Splits line[0..len) (no newline) at blanks into at most max fields,
 * NUL-terminating each in place.  Returns the number of fields. */
static size_t fields(char *line, char **f, size_t max)
{
    size_t n = 0;
    char *save = NULL;
    for (char *t = strtok_r(line, " \t\r", &save); t; t = strtok_r(NULL, " \t\r", &save)) {
        if (n == max)
            return max + 1;
        f[n++] = t;
    }
    return n;
}

static int number(const char *s, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return !errno && end != s && !*end && *out == *out && *out - *out == 0;
}

/* Parses one model into m (zeroed by the caller).  Returns a status. */
static cari_status parse(cari_model *m, const char *name, const char *text, size_t len)
{
    int seen[CARI_F_COUNT] = {0};
    int state = 0;   /* 0: want the format line, 1: the feature set, 2: features */
    size_t line = 0, pos = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        line++;
        char buf[512];
        size_t l = end - pos;
        if (l >= sizeof buf)
            return fail(m, CARI_INVALID, "%s:%zu: line too long", name, line);
        memcpy(buf, text + pos, l);
        buf[l] = '\0';
        pos = end + 1;
        char *hash = strchr(buf, '#');
        if (hash)
            *hash = '\0';
        char *f[5];
        size_t n = fields(buf, f, 4);
        if (n == 0)
            continue;
        if (state == 0) {
            if (n != 2 || strcmp(f[0], "cari-rank-model") || strcmp(f[1], "1"))
                return fail(m, CARI_INVALID, "%s:%zu: not a cari ranking model (want \"%s\")",
                            name, line, FORMAT_LINE);
            state = 1;
        } else if (state == 1) {
            char *e;
            long v = n == 2 && !strcmp(f[0], "feature-set") ? strtol(f[1], &e, 10) : -1;
            if (v < 0 || *e)
                return fail(m, CARI_INVALID, "%s:%zu: want \"feature-set N\"", name, line);
            if (v != CARI_FEATURE_SET)
                return fail(m, CARI_MISMATCH,
                            "%s: model of feature set %ld, this cari computes feature set %d:"
                            " train a new one (cari-train)",
                            name, v, CARI_FEATURE_SET);
            state = 2;
        } else {
            double w, mean, scale;
            if (n != 4 || !number(f[1], &w) || !number(f[2], &mean) || !number(f[3], &scale))
                return fail(m, CARI_INVALID, "%s:%zu: want \"NAME WEIGHT MEAN SCALE\"", name,
                            line);
            if (scale <= 0)
                return fail(m, CARI_INVALID, "%s:%zu: scale must be positive", name, line);
            size_t i = 0;
            while (i < CARI_F_COUNT && strcmp(cari_feature_name(i), f[0]))
                i++;
            if (i == CARI_F_COUNT)
                return fail(m, CARI_INVALID, "%s:%zu: unknown feature \"%s\"", name, line, f[0]);
            if (seen[i]++)
                return fail(m, CARI_INVALID, "%s:%zu: feature \"%s\" given twice", name, line,
                            f[0]);
            m->weight[i] = w;
            m->mean[i] = mean;
            m->scale[i] = scale;
        }
    }
    if (state < 2)
        return fail(m, CARI_INVALID, "%s: %s", name,
                    state ? "no \"feature-set N\" line" : "empty: not a cari ranking model");
    for (size_t i = 0; i < CARI_F_COUNT; i++)
        if (!seen[i])
            return fail(m, CARI_INVALID, "%s: feature \"%s\" missing", name,
                        cari_feature_name(i));
    m->ok = 1;
    return CARI_OK;
}

cari_status cari_model_parse(cari_model **out, const char *name, const char *text, size_t len)
{
    cari_model *m = *out = cari_calloc(1, sizeof *m);
    if (!m)
        return CARI_NOMEM;
    return parse(m, name ? name : "model", text, len);
}

cari_status cari_model_load(cari_model **out, const char *path)
{
    cari_model *m = *out = cari_calloc(1, sizeof *m);
    if (!m)
        return CARI_NOMEM;
    char *text;
    size_t len;
    int rc = cari_read_file(path, &text, &len);
    if (rc)
        return fail(m, rc == ENOMEM ? CARI_NOMEM : CARI_IO, "%s: %s", path, strerror(rc));
    cari_status st = parse(m, path, text, len);
    free(text);
    return st;
}

cari_status cari_model_default(cari_model **out)
{
    return cari_model_parse(out, "data/rank-model.txt", cari_default_model,
                            cari_default_model_len);
}

static cari_model bundled;
static pthread_once_t bundled_once = PTHREAD_ONCE_INIT;

static void parse_bundled(void)
{
    parse(&bundled, "data/rank-model.txt", cari_default_model, cari_default_model_len);
}

const cari_model *cari_model_bundled(void)
{
    pthread_once(&bundled_once, parse_bundled);
    return bundled.ok ? &bundled : NULL;
}

double cari_model_score(const cari_model *m, const double *x, double *parts)
{
    double s = 0;
    for (size_t i = 0; i < CARI_F_COUNT; i++) {
        double c = m->weight[i] * (x[i] - m->mean[i]) / m->scale[i];
        if (parts)
            parts[i] = c;
        s += c;
    }
    return s;
}
