/* The affixed forms of a root by hunspell-id's rules: see affix_forms.h. */
#include "affix_forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One PFX or SFX rule: "PFX M0 p mem p[^l^r]" strips p, adds mem, for a
 * word matching the condition; "SFX Mk 0 kan/M1nlo0A1 ." adds -kan and
 * names the flags the result takes (M1: the prefix of the confix). */
struct rule {
    int prefix;
    char flag[3];
    char strip[16];
    char add[96];
    char cont[64]; /* continuation flags, two characters each */
    char cond[64];
};

struct rules {
    struct rule *v;
    size_t n;
    char needaffix[3]; /* the flag of a form that never stands alone */
};

/* Whether `flags` (two characters each) holds `f`. */
static int has_flag(const char *flags, const char *f)
{
    for (size_t i = 0; flags[i] && flags[i + 1]; i += 2)
        if (flags[i] == f[0] && flags[i + 1] == f[1])
            return 1;
    return 0;
}

/* Reads the rules of the .aff beside `dic`.  Returns 0 when it cannot. */
static int read_rules(const char *dic, struct rules *r)
{
    char path[1024];
    size_t n = strlen(dic);
    if (n < 4 || n + 1 > sizeof path || strcmp(dic + n - 4, ".dic"))
        return 0;
    memcpy(path, dic, n - 4);
    strcpy(path + n - 4, ".aff");
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    strcpy(r->needaffix, "A1");
    char line[512];
    size_t cap = 0;
    while (fgets(line, sizeof line, f)) {
        char kind[8], flag[8], strip[16], add[96], cond[64];
        if (sscanf(line, "NEEDAFFIX %2s", flag) == 1) {
            strcpy(r->needaffix, flag);
            continue;
        }
        if (sscanf(line, "%7s %7s %15s %95s %63s", kind, flag, strip, add, cond) != 5 ||
            (strcmp(kind, "PFX") && strcmp(kind, "SFX")) || strlen(flag) != 2 ||
            !strcmp(strip, "Y") || !strcmp(strip, "N"))
            continue;
        if (r->n == cap) {
            cap = cap ? 2 * cap : 256;
            struct rule *v = realloc(r->v, cap * sizeof *v);
            if (!v) {
                fclose(f);
                return 0;
            }
            r->v = v;
        }
        struct rule *x = &r->v[r->n++];
        memset(x, 0, sizeof *x);
        x->prefix = kind[0] == 'P';
        strcpy(x->flag, flag);
        if (strcmp(strip, "0"))
            strcpy(x->strip, strip);
        char *slash = strchr(add, '/');
        if (slash) {
            snprintf(x->cont, sizeof x->cont, "%s", slash + 1);
            *slash = '\0';
        }
        if (strcmp(add, "0"))
            snprintf(x->add, sizeof x->add, "%s", add);
        strcpy(x->cond, cond);
    }
    fclose(f);
    return 1;
}

/* Whether letter c is allowed by the condition element at *p (".", "x",
 * "[abc]", "[^abc]"; hunspell-id also writes "[^l^r]"); moves *p past it.
 * Returns -1 for a malformed element. */
static int element(const char **p, char c)
{
    const char *s = *p;
    if (*s == '.') {
        *p = s + 1;
        return 1;
    }
    if (*s != '[') {
        *p = s + 1;
        return *s == c;
    }
    const char *end = strchr(s, ']');
    if (!end)
        return -1;
    int neg = s[1] == '^', in = 0;
    for (const char *q = s + 1 + neg; q < end; q++)
        if (*q != '^' && *q == c)
            in = 1;
    *p = end + 1;
    return neg ? !in : in;
}

/* The number of letters condition `cond` speaks of. */
static size_t cond_len(const char *cond)
{
    size_t n = 0;
    for (const char *p = cond; *p; n++) {
        if (*p == '[') {
            const char *end = strchr(p, ']');
            if (!end)
                return 0;
            p = end + 1;
        } else {
            p++;
        }
    }
    return n;
}

/* Whether word w meets a rule's condition at its start (prefix) or end. */
static int meets(const struct rule *x, const char *w)
{
    size_t k = cond_len(x->cond), n = strlen(w);
    if (k > n)
        return 0;
    const char *p = x->cond, *at = x->prefix ? w : w + n - k;
    for (size_t i = 0; i < k; i++)
        if (element(&p, at[i]) != 1)
            return 0;
    return 1;
}

/* Applies rule x to w into out (size cap).  Returns 0 when it does not
 * apply. */
static int apply(const struct rule *x, const char *w, char *out, size_t cap)
{
    size_t n = strlen(w), sl = strlen(x->strip);
    if (!meets(x, w) || sl >= n)
        return 0;
    if (x->prefix) {
        if (strncmp(w, x->strip, sl))
            return 0;
        return snprintf(out, cap, "%s%s", x->add, w + sl) < (int)cap;
    }
    if (strcmp(w + n - sl, x->strip))
        return 0;
    return snprintf(out, cap, "%.*s%s", (int)(n - sl), w, x->add) < (int)cap;
}

/* Emits the forms the flags of one entry make of root. */
static long forms_of_entry(const struct rules *r, const char *root, const char *flags,
                           void (*fn)(const char *, void *), void *ctx)
{
    long made = 0;
    char form[128], confix[160];
    for (size_t i = 0; i < r->n; i++) {
        const struct rule *x = &r->v[i];
        if (!has_flag(flags, x->flag) || !apply(x, root, form, sizeof form))
            continue;
        if (!has_flag(x->cont, r->needaffix)) {
            fn(form, ctx);
            made++;
        }
        if (x->prefix)
            continue;
        for (size_t j = 0; j < r->n; j++) /* the prefix half of a confix */
            if (r->v[j].prefix && has_flag(x->cont, r->v[j].flag) &&
                apply(&r->v[j], form, confix, sizeof confix)) {
                fn(confix, ctx);
                made++;
            }
    }
    return made;
}

long affix_forms(const char *dic, const char *root, void (*fn)(const char *form, void *ctx),
                 void *ctx)
{
    struct rules r = {0};
    FILE *f = fopen(dic, "r");
    if (!f || !read_rules(dic, &r)) {
        if (f)
            fclose(f);
        free(r.v);
        return -1;
    }
    size_t rl = strlen(root);
    long made = 0;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (strncmp(line, root, rl) || (line[rl] && line[rl] != '/'))
            continue;
        made += forms_of_entry(&r, root, line[rl] == '/' ? line + rl + 1 : "", fn, ctx);
    }
    fclose(f);
    free(r.v);
    return made;
}
