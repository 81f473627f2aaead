/*
 * stem-bench: words per second of stemmer-id against plain Snowball, on the
 * same real word stream in the same run.
 *
 *   stem-bench [--tokens N] [PATH...]
 *
 * Reads every file under each PATH (default: the project's corpus/), splits
 * it into lower-cased words (ASCII letters, with inner hyphens), repeats the
 * word sequence until it holds at least N tokens (default 1,000,000), then
 * stems the stream with libstemmer's Indonesian stemmer directly, with
 * stemmer-id (its cache on, as in use) and with stemmer-id's uncached
 * explain path, each three times, keeping the best time.  Prints words per
 * second and the ratio to Snowball.  Exit 0, or 2 with a message on error.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stemmer_id.h"

#ifndef CARI_CORPUS_DIR
#define CARI_CORPUS_DIR "corpus"
#endif

struct stream {
    char *text;      /* every word, NUL-terminated, one after the other */
    size_t len, cap;
    size_t *off;     /* offset of each token in text */
    size_t n, ncap;
};

static struct stream S;

static void die(const char *msg, const char *arg)
{
    fprintf(stderr, "stem-bench: %s%s\n", msg, arg ? arg : "");
    exit(2);
}

static void push_word(const char *w, size_t n)
{
    if (S.len + n + 1 > S.cap) {
        S.cap = (S.cap + n + 1) * 2;
        S.text = realloc(S.text, S.cap);
        if (!S.text)
            die("out of memory", NULL);
    }
    if (S.n == S.ncap) {
        S.ncap = S.ncap ? S.ncap * 2 : 4096;
        S.off = realloc(S.off, S.ncap * sizeof *S.off);
        if (!S.off)
            die("out of memory", NULL);
    }
    S.off[S.n++] = S.len;
    memcpy(S.text + S.len, w, n);
    S.text[S.len + n] = '\0';
    S.len += n + 1;
}

static int is_letter(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Adds the words of one file to the stream. */
static int add_file(const char *path, const struct stat *st, int type,
                    struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (type != FTW_F)
        return 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        die("cannot read ", path);
    char w[64];
    size_t n = 0;
    int c, prev = 0;
    for (;;) {
        c = getc(f);
        if (c != EOF && is_letter(c)) {
            if (n < sizeof w)
                w[n++] = (char)(c | 0x20);
        } else if (c == '-' && n > 0 && is_letter(prev)) {
            if (n < sizeof w)
                w[n++] = '-';
        } else {
            while (n > 0 && w[n - 1] == '-')
                n--;
            if (n > 0 && n < sizeof w)
                push_word(w, n);
            n = 0;
            if (c == EOF)
                break;
        }
        prev = c;
    }
    fclose(f);
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum { RUN_SNOWBALL, RUN_STEMMER_ID, RUN_UNCACHED };

/* Stems the whole stream once; returns seconds.  *sum collects the stem
 * lengths so that no work can be optimised away. */
static double run(int kind, size_t *sum)
{
    struct sb_stemmer *sb = NULL;
    stemmer_id *id = NULL;
    if (kind == RUN_SNOWBALL)
        sb = sb_stemmer_new("indonesian", "UTF_8");
    else
        id = stemmer_id_new(STEMMER_ID_FULL);
    if (!sb && !id)
        die("cannot create a stemmer", NULL);
    double t0 = now();
    for (size_t i = 0; i < S.n; i++) {
        const char *w = S.text + S.off[i];
        size_t len = strlen(w), n = 0;
        if (kind == RUN_SNOWBALL) {
            sb_stemmer_stem(sb, (const sb_symbol *)w, (int)len);
            n = (size_t)sb_stemmer_length(sb);
        } else if (kind == RUN_STEMMER_ID) {
            if (!stemmer_id_stem(id, w, len, &n))
                die("out of memory", NULL);
        } else {
            if (!stemmer_id_stem_explain(id, w, len, &n, NULL))
                die("out of memory", NULL);
        }
        *sum += n;
    }
    double t = now() - t0;
    if (sb)
        sb_stemmer_delete(sb);
    stemmer_id_delete(id);
    return t;
}

static double best_of_3(int kind, size_t *sum)
{
    double best = 1e30;
    for (int r = 0; r < 3; r++) {
        double t = run(kind, sum);
        if (t < best)
            best = t;
    }
    return best;
}

int main(int argc, char **argv)
{
    size_t want = 1000000;
    int npaths = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--tokens") && i + 1 < argc) {
            want = strtoul(argv[++i], NULL, 10);
        } else if (!strcmp(argv[i], "--help")) {
            puts("usage: stem-bench [--tokens N] [PATH...]");
            return 0;
        } else {
            if (nftw(argv[i], add_file, 16, FTW_PHYS) != 0)
                die("cannot walk ", argv[i]);
            npaths++;
        }
    }
    if (npaths == 0 && nftw(CARI_CORPUS_DIR, add_file, 16, FTW_PHYS) != 0)
        die("cannot walk ", CARI_CORPUS_DIR);
    if (S.n == 0)
        die("no words found", NULL);
    size_t base = S.n, words_bytes = S.len;
    while (S.n < want) /* repeat the text: the offsets point into it */
        for (size_t i = 0; i < base && S.n < want; i++) {
            if (S.n == S.ncap) {
                S.ncap *= 2;
                S.off = realloc(S.off, S.ncap * sizeof *S.off);
                if (!S.off)
                    die("out of memory", NULL);
            }
            S.off[S.n++] = S.off[i];
        }
    (void)words_bytes;

    size_t sum = 0;
    double t_sb = best_of_3(RUN_SNOWBALL, &sum);
    double t_id = best_of_3(RUN_STEMMER_ID, &sum);
    double t_un = best_of_3(RUN_UNCACHED, &sum);
    double n = (double)S.n;
    printf("stream: %zu tokens (%zu words of text, repeated)\n", S.n, base);
    printf("%-28s %12.0f words/s\n", "snowball (libstemmer)", n / t_sb);
    printf("%-28s %12.0f words/s  %.2fx snowball\n", "stemmer-id", n / t_id,
           t_sb / t_id);
    printf("%-28s %12.0f words/s  %.2fx snowball\n", "stemmer-id, no cache",
           n / t_un, t_sb / t_un);
    printf("(checksum %zu)\n", sum);
    free(S.text);
    free(S.off);
    return 0;
}
