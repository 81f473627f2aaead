/* The articles an index holds, for the folder sync: see known.h. */
#include "known.h"
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

int cari_known_collect(void *ctx, const cari_article_info *a)
{
    cari_known_list *k = ctx;
    if (k->n == k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 256;
        cari_known_article *v = cari_realloc(k->v, cap * sizeof *v);
        if (!v)
            return -1;
        k->v = v;
        k->cap = cap;
    }
    cari_known_article *x = &k->v[k->n];
    x->id = cari_strdup(a->id);
    x->group = cari_strdup(a->group ? a->group : "");
    x->held = 0;
    if (!x->id || !x->group) {
        free(x->id);
        free(x->group);
        return -1;
    }
    k->n++;
    return 0;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const cari_known_article *)a)->id, ((const cari_known_article *)b)->id);
}

static int by_length(const void *a, const void *b)
{
    size_t x = strlen(*(char *const *)a), y = strlen(*(char *const *)b);
    return x < y ? -1 : x > y ? 1 : strcmp(*(char *const *)a, *(char *const *)b);
}

int cari_known_finish(cari_known_list *k)
{
    if (k->n)
        qsort(k->v, k->n, sizeof *k->v, by_id);
    /* The distinct groups: sort pointers to them, then drop repeats. */
    char **g = cari_malloc((k->n ? k->n : 1) * sizeof *g);
    if (!g)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < k->n; i++)
        if (*k->v[i].group)
            g[n++] = k->v[i].group;
    qsort(g, n, sizeof *g, by_length);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!m || strcmp(g[m - 1], g[i]))
            g[m++] = g[i];
    k->groups = g;
    k->n_groups = m;
    return 0;
}

cari_known_article *cari_known_find(const cari_known_list *k, const char *id)
{
    cari_known_article key = {(char *)id, NULL, 0};
    return k->n ? bsearch(&key, k->v, k->n, sizeof key, by_id) : NULL;
}

const char *cari_known_group_of(const cari_known_list *k, const char *id)
{
    const cari_known_article *hit = cari_known_find(k, id);
    return hit ? hit->group : NULL;
}

int cari_known_inside(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return path[0] == '/' && path[1];
    return !strncmp(path, dir, n) && path[n] == '/';
}

const char *cari_known_map(const cari_known_list *k, const char *root, const char *path,
                      const char **out_id)
{
    const char *best = root;
    /* Shortest first: the first group that holds the file is the
     * outermost, unless the folder given is shorter still. */
    for (size_t i = 0; i < k->n_groups; i++)
        if (strlen(k->groups[i]) < strlen(best) && cari_known_inside(path, k->groups[i])) {
            best = k->groups[i];
            break;
        }
    size_t n = strlen(best);
    *out_id = path + (n == 1 ? 1 : n + 1);
    return best;
}

void cari_known_free(cari_known_list *k)
{
    for (size_t i = 0; i < k->n; i++) {
        free(k->v[i].id);
        free(k->v[i].group);
    }
    free(k->v);
    free(k->groups);
    memset(k, 0, sizeof *k);
}
