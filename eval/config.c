/* The configurations compared: see config.h. */
#define _GNU_SOURCE
#include "config.h"

#include "cari.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[EVAL_N_STEMMERS] = {"none", "snowball", "stemmer-id"};

const eval_config eval_baseline = {EVAL_STEM_SNOWBALL, 1, 0, CARI_DEFAULT_K1, CARI_DEFAULT_B, 0};

const char *eval_stemmer_name(eval_stemmer s)
{
    return s < EVAL_N_STEMMERS ? names[s] : "?";
}

int eval_stemmer_flag(eval_stemmer s)
{
    return s == EVAL_STEM_NONE ? CARI_OPEN_STEM_NONE
           : s == EVAL_STEM_SNOWBALL ? CARI_OPEN_STEM_SNOWBALL
                                     : 0;
}

int eval_config_equal(const eval_config *a, const eval_config *b)
{
    return a->stemmer == b->stemmer && a->keep_stopwords == b->keep_stopwords &&
           a->synonyms == b->synonyms && a->k1 == b->k1 && a->b == b->b &&
           a->feedback == b->feedback;
}

void eval_config_name(const eval_config *c, char *buf, size_t size)
{
    char fb[32] = "";
    if (c->feedback)
        snprintf(fb, sizeof fb, " fb%u", c->feedback);
    snprintf(buf, size, "%s %s%s k1=%g b=%g%s", eval_stemmer_name(c->stemmer),
             c->keep_stopwords ? "keep" : "drop", c->synonyms ? " syn" : "", c->k1, c->b, fb);
}

void eval_config_tag(const eval_config *c, char *buf, size_t size)
{
    char fb[32] = "";
    if (c->feedback)
        snprintf(fb, sizeof fb, "-fb%u", c->feedback);
    snprintf(buf, size, "%s-%s%s-k%g-b%g%s", eval_stemmer_name(c->stemmer),
             c->keep_stopwords ? "keep" : "drop", c->synonyms ? "-syn" : "", c->k1, c->b, fb);
}

int eval_grid_named(eval_grid *g, const char *name)
{
    static const double k1s[] = {0.9, 1.2, 1.5}, bs[] = {0.4, 0.6, 0.75, 0.9};
    memset(g, 0, sizeof *g);
    for (int s = 0; s < EVAL_N_STEMMERS; s++)
        g->stemmers[s] = 1;
    g->stopwords[0] = g->stopwords[1] = 1;
    g->synonyms[0] = g->synonyms[1] = 1;
    g->n_feedback = 1; /* off */
    if (!strcmp(name, "default")) {
        g->k1[g->n_k1++] = CARI_DEFAULT_K1;
        g->b[g->n_b++] = CARI_DEFAULT_B;
        return 0;
    }
    if (!strcmp(name, "grid") || !strcmp(name, "full")) {
        g->two_stage = !strcmp(name, "grid");
        memcpy(g->k1, k1s, sizeof k1s);
        g->n_k1 = sizeof k1s / sizeof *k1s;
        memcpy(g->b, bs, sizeof bs);
        g->n_b = sizeof bs / sizeof *bs;
        return 0;
    }
    return -1;
}

int eval_grid_set(eval_grid *g, int what, const char *list)
{
    char *copy = strdup(list), *save = NULL;
    if (!copy)
        return -1;
    eval_grid n = *g;
    int rc = 0;
    size_t count = 0;
    if (what == 's')
        memset(n.stemmers, 0, sizeof n.stemmers);
    else if (what == 'w')
        memset(n.stopwords, 0, sizeof n.stopwords);
    else if (what == 'y')
        memset(n.synonyms, 0, sizeof n.synonyms);
    else if (what == 'k')
        n.n_k1 = 0;
    else if (what == 'f')
        n.n_feedback = 0;
    else
        n.n_b = 0;
    for (char *item = strtok_r(copy, ",", &save); item && !rc;
         item = strtok_r(NULL, ",", &save), count++) {
        if (what == 's') {
            int s;
            for (s = 0; s < EVAL_N_STEMMERS && strcmp(item, names[s]); s++)
                ;
            if (s == EVAL_N_STEMMERS)
                rc = -1;
            else
                n.stemmers[s] = 1;
        } else if (what == 'w') {
            if (!strcmp(item, "keep"))
                n.stopwords[1] = 1;
            else if (!strcmp(item, "drop"))
                n.stopwords[0] = 1;
            else
                rc = -1;
        } else if (what == 'y') {
            if (!strcmp(item, "on"))
                n.synonyms[1] = 1;
            else if (!strcmp(item, "off"))
                n.synonyms[0] = 1;
            else
                rc = -1;
        } else if (what == 'f') {
            char *end;
            unsigned long v = strtoul(item, &end, 10);
            if (end == item || *end || *item == '-' || v > 1000 ||
                n.n_feedback == EVAL_MAX_VALUES)
                rc = -1;
            else
                n.feedback[n.n_feedback++] = (unsigned)v;
        } else {
            char *end;
            double v = strtod(item, &end);
            size_t *nv = what == 'k' ? &n.n_k1 : &n.n_b;
            double *vv = what == 'k' ? n.k1 : n.b;
            if (end == item || *end || v < 0 || (what == 'b' && v > 1) ||
                *nv == EVAL_MAX_VALUES)
                rc = -1;
            else
                vv[(*nv)++] = v;
        }
    }
    free(copy);
    if (!count)
        rc = -1;
    if (!rc)
        *g = n;
    return rc;
}

int eval_grid_expand(const eval_grid *g, eval_config **out, size_t *n)
{
    static const double k1_default = CARI_DEFAULT_K1, b_default = CARI_DEFAULT_B;
    eval_grid first = *g;
    if (g->two_stage) {
        first.n_k1 = first.n_b = 1;
        first.k1[0] = k1_default;
        first.b[0] = b_default;
        g = &first;
    }
    size_t max = 1 + EVAL_N_STEMMERS * 2 * 2 * g->n_k1 * g->n_b * g->n_feedback;
    eval_config *v = malloc(max * sizeof *v);
    if (!v)
        return -1;
    size_t k = 0;
    int have_baseline = 0;
    for (int s = 0; s < EVAL_N_STEMMERS; s++) {
        if (!g->stemmers[s])
            continue;
        for (int w = 1; w >= 0; w--) {
            if (!g->stopwords[w])
                continue;
            for (int y = 0; y < 2; y++) {
                if (!g->synonyms[y])
                    continue;
                for (size_t i = 0; i < g->n_k1; i++) {
                    for (size_t j = 0; j < g->n_b; j++) {
                        for (size_t f = 0; f < g->n_feedback; f++) {
                            eval_config c = {(eval_stemmer)s, w, y, g->k1[i], g->b[j],
                                             g->feedback[f]};
                            have_baseline |= eval_config_equal(&c, &eval_baseline);
                            v[k++] = c;
                        }
                    }
                }
            }
        }
    }
    if (!have_baseline)
        v[k++] = eval_baseline;
    *out = v;
    *n = k;
    return 0;
}

int eval_grid_tune(const eval_grid *g, const eval_config *pair, eval_config **v, size_t *n)
{
    eval_config *w = realloc(*v, (*n + g->n_k1 * g->n_b) * sizeof *w);
    if (!w)
        return -1;
    *v = w;
    for (size_t i = 0; i < g->n_k1; i++) {
        for (size_t j = 0; j < g->n_b; j++) {
            eval_config c = {pair->stemmer, pair->keep_stopwords, pair->synonyms, g->k1[i],
                             g->b[j], pair->feedback};
            size_t k;
            for (k = 0; k < *n && !eval_config_equal(&w[k], &c); k++)
                ;
            if (k == *n)
                w[(*n)++] = c;
        }
    }
    return 0;
}
