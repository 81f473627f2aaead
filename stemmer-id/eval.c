/*
 * cari-stemmer --eval (see eval.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "eval.h"

#include "stemmer_id.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The affix classes the report breaks accuracy down by.  A word falls in the
 * first class that fits, in this order. */
enum {
    C_UNAFFIXED,
    C_REDUP,   /* has a hyphen: tentara-tentara, berlari-lari */
    C_CONFIX,  /* prefix and derivational suffix: pembangunan, menuliskan */
    C_MEN,     /* meN- (with clitics at most): menulis */
    C_PEN,     /* peN-, per-, pe-: penulis, perkuat */
    C_BER,     /* ber-, be-: bermain, bekerja */
    C_DI,      /* di-: ditulis */
    C_TER,     /* ter-, te-: tertulis */
    C_KE,      /* ke-: ketua */
    C_SE,      /* se-: sebanyak */
    C_KU,      /* ku-, kau-: kuambil */
    C_SUFFIX,  /* -kan, -an, -i (with clitics at most): tulisan */
    C_CLITIC,  /* only -lah -kah -tah -pun -ku -mu -nya: bukunya */
    C_OTHER,   /* none of the above (infixes, irregular lemmas) */
    C_COUNT
};

static const char *const class_names[C_COUNT] = {
    "unaffixed", "reduplication", "confix", "meN-", "peN-/per-",
    "ber-", "di-", "ter-", "ke-", "se-", "ku-/kau-", "suffix only",
    "clitic only", "other"};

struct tally {
    long n, id_ok, sb_ok;
};

static int has_suffix(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* Strips clitics from the end of s (length *n); returns 1 if any. */
static int strip_clitics(const char *s, size_t *n)
{
    static const char *const clitics[] = {"lah", "kah", "tah", "pun",
                                          "nya", "ku", "mu"};
    int any = 0, again = 1;
    while (again) {
        again = 0;
        for (size_t i = 0; i < 7; i++)
            if (has_suffix(s, *n, clitics[i])) {
                *n -= strlen(clitics[i]);
                any = again = 1;
                break;
            }
    }
    return any;
}

/* Classifies an affixed word by where its root sits inside it. */
static int classify(const char *word, const char *root)
{
    if (strchr(word, '-'))
        return C_REDUP;
    size_t rlen = strlen(root);
    const char *at = rlen ? strstr(word, root) : NULL;
    size_t pre, post;
    if (at) {
        pre = (size_t)(at - word);
        post = strlen(at + rlen);
    } else if (rlen > 1 && (at = strstr(word, root + 1)) != NULL) {
        pre = (size_t)(at - word); /* the nasal swallowed the first letter */
        post = strlen(at + rlen - 1);
    } else {
        return C_OTHER;
    }
    const char *tail = word + strlen(word) - post;
    size_t tn = post;
    strip_clitics(tail, &tn);
    int deriv = tn > 0;
    if (pre == 0)
        return deriv ? C_SUFFIX : post ? C_CLITIC : C_OTHER;
    if (deriv)
        return C_CONFIX;
    if (!strncmp(word, "me", 2))
        return C_MEN;
    if (!strncmp(word, "pe", 2))
        return C_PEN;
    if (!strncmp(word, "be", 2))
        return C_BER;
    if (!strncmp(word, "di", 2))
        return C_DI;
    if (!strncmp(word, "te", 2))
        return C_TER;
    if (!strncmp(word, "ke", 2))
        return C_KE;
    if (!strncmp(word, "se", 2))
        return C_SE;
    if (!strncmp(word, "ku", 2) || !strncmp(word, "kau", 3))
        return C_KU;
    return C_OTHER;
}

static void pct(FILE *out, long ok, long n)
{
    if (n)
        fprintf(out, "  %6.1f%%", 100.0 * (double)ok / (double)n);
    else
        fprintf(out, "  %7s", "-");
}

static void row(FILE *out, const char *name, const struct tally *t)
{
    fprintf(out, "%-16s %6ld", name, t->n);
    pct(out, t->id_ok, t->n);
    pct(out, t->sb_ok, t->n);
    fputc('\n', out);
}

/* Stems each space-separated word of `line` with s and writes the stems,
 * space-separated, to out (at least as long as line).  Copies the account
 * of the rules applied to `rule` unless it is NULL.  Returns 0, or -1 when
 * out of memory. */
static int stem_words(stemmer_id *s, const char *line, char *out, char *rule,
                      size_t rule_cap)
{
    size_t used = 0, rused = 0;
    const char *p = line;
    out[0] = '\0';
    while (*p) {
        size_t wlen = strcspn(p, " ");
        if (wlen) {
            size_t n;
            const char *why = NULL;
            const char *r = rule ? stemmer_id_stem_explain(s, p, wlen, &n, &why)
                                 : stemmer_id_stem(s, p, wlen, &n);
            if (!r)
                return -1;
            if (used)
                out[used++] = ' ';
            memcpy(out + used, r, n); /* a stem is never longer */
            used += n;
            out[used] = '\0';
            if (rule && why)
                rused += (size_t)snprintf(rule + rused, rule_cap - rused,
                                          "%s%s", rused ? "; " : "", why);
            if (rused >= rule_cap)
                rused = rule_cap - 1;
        }
        p += wlen;
        if (*p == ' ')
            p++;
    }
    return 0;
}

int sid_eval(const char *path, FILE *out)
{
    FILE *in = fopen(path, "r");
    if (!in) {
        fprintf(stderr, PROG ": %s: %s\n", path, strerror(errno));
        return 2;
    }
    stemmer_id *id = stemmer_id_new(STEMMER_ID_FULL);
    stemmer_id *sb = stemmer_id_new(STEMMER_ID_SNOWBALL);
    char *misses = NULL; /* the miss lines, printed after the table */
    size_t mlen = 0;
    FILE *mf = open_memstream(&misses, &mlen);
    if (!id || !sb || !mf) {
        fprintf(stderr, PROG ": out of memory\n");
        fclose(in);
        if (mf)
            fclose(mf);
        free(misses);
        stemmer_id_delete(id);
        stemmer_id_delete(sb);
        return 2;
    }
    struct tally all = {0}, affixed = {0}, cls[C_COUNT];
    memset(cls, 0, sizeof cls);
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0;
    int rc = 0;
    char *id_out = NULL, *sb_out = NULL; /* this line's stems */
    while ((got = getline(&line, &cap, in)) != -1) {
        lineno++;
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
            line[--got] = '\0';
        if (got == 0 || (lineno == 1 && !strncmp(line, "word\troot", 9)))
            continue;
        char *root = strchr(line, '\t');
        if (!root) {
            fprintf(stderr, PROG ": %s:%ld: expected word<TAB>root\n",
                    path, lineno);
            rc = 2;
            break;
        }
        *root++ = '\0';
        char *third = strchr(root, '\t');
        if (third)
            *third++ = '\0';
        int is_affixed = strcmp(line, root) != 0;
        if (third && (!strcmp(third, "0") || !strcmp(third, "1")))
            is_affixed = third[0] == '1';
        id_out = malloc(strlen(line) + 1);
        sb_out = malloc(strlen(line) + 1);
        if (!id_out || !sb_out) {
            fprintf(stderr, PROG ": out of memory\n");
            rc = 2;
            break;
        }

        /* Both stemmers get what the tokenizer would give them: lower case,
         * one word at a time. */
        for (char *p = line; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        char rule[512];
        rule[0] = '\0';
        if (stem_words(id, line, id_out, rule, sizeof rule) ||
            stem_words(sb, line, sb_out, NULL, 0)) {
            fprintf(stderr, PROG ": out of memory\n");
            rc = 2;
            break;
        }
        int id_ok = !strcmp(id_out, root);
        int sb_ok = !strcmp(sb_out, root);
        if (!id_ok)
            fprintf(mf, "  %-22s %-16s %-16s %-16s %s\n", line, root, id_out,
                    sb_out, rule);

        int c = is_affixed ? classify(line, root) : C_UNAFFIXED;
        free(id_out);
        free(sb_out);
        id_out = sb_out = NULL;
        struct tally *ts[3] = {&all, is_affixed ? &affixed : NULL, &cls[c]};
        for (int i = 0; i < 3; i++)
            if (ts[i]) {
                ts[i]->n++;
                ts[i]->id_ok += id_ok;
                ts[i]->sb_ok += sb_ok;
            }
    }
    if (!rc && ferror(in)) {
        fprintf(stderr, PROG ": %s: read error\n", path);
        rc = 2;
    }
    fclose(mf);
    if (!rc) {
        fprintf(out, "%s (%s)\n\n", path, stemmer_id_signature(id));
        fprintf(out, "%-16s %6s  %8s  %8s\n", "class", "words", "stem-id",
                "snowball");
        row(out, "all", &all);
        row(out, "affixed", &affixed);
        row(out, "unaffixed", &cls[C_UNAFFIXED]);
        for (int c = C_REDUP; c < C_COUNT; c++) {
            char name[32];
            snprintf(name, sizeof name, "  %s", class_names[c]);
            row(out, name, &cls[c]);
        }
        fprintf(out, "\nmisses of stemmer-id (%ld):\n  %-22s %-16s %-16s "
                     "%-16s %s\n",
                all.n - all.id_ok, "word", "expected", "stemmer-id",
                "snowball", "rule");
        fwrite(misses, 1, mlen, out);
    }
    free(id_out);
    free(sb_out);
    free(misses);
    free(line);
    fclose(in);
    stemmer_id_delete(id);
    stemmer_id_delete(sb);
    return rc;
}
