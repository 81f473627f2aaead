/*
 * cari-stemmer: the command-line stemmer (stemmer-id's CLI).
 *
 *   cari-stemmer [--snowball] [--explain] < words > stems
 *   cari-stemmer --text [--snowball] < text > stems
 *   cari-stemmer --eval FILE
 *
 * Reads one word per line and writes one stem per line, like Snowball's
 * stemwords; with --text, reads running text and writes, for each input
 * line, the stems of its words separated by spaces.  Exit status: 0 when all went well, 2 on a usage or I/O error
 * (with one line on stderr starting "cari-stemmer:").
 */
#define _POSIX_C_SOURCE 200809L
#include "cari.h"
#include "eval.h"
#include "stemmer_id.h"
#include "help.h"
#include "version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: cari-stemmer [--snowball] [--explain] < words > stems\n"
    "       cari-stemmer --text [--snowball] < text > stems\n"
    "       cari-stemmer --eval FILE\n"
    "       cari-stemmer --signature | --version | --help\n"
    "\n"
    "Stems Indonesian words read one per line on stdin (lower-case, NFC)\n"
    "and writes one stem per line.\n"
    "\n"
    "  --snowball    plain Snowball Indonesian, for comparison\n"
    "  --explain     write word<TAB>stem<TAB>rule: which rule fired\n"
    "  --text        read running text: split each line into words with\n"
    "                cari's tokenizer (NFKC, case-folded) and write the\n"
    "                line's stems separated by spaces, one output line per\n"
    "                input line; words joined by hyphens are stemmed as one\n"
    "                word (tentara-tentara: tentara)\n"
    "  --eval FILE   FILE holds word<TAB>root[<TAB>affixed] lines: print the\n"
    "                accuracy of stemmer-id and Snowball side by side, by\n"
    "                affix class, and the words stemmer-id gets wrong\n"
    "  --signature   print the algorithm and lexicon this stemmer uses\n"
    "  --version     print the version, index format, stemmer and Xapian\n"
    "  --help        print this help\n";

static int bad_usage(const char *msg, const char *arg)
{
    fprintf(stderr, PROG ": %s%s (try --help)\n", msg, arg);
    return 2;
}

/* Reports a read error on stdin or a write error on stdout (a full disk,
 * a closed pipe) after a run that ended with status rc.  Returns rc, or 2
 * when either stream failed. */
static int check_stdio(int rc)
{
    if (!rc && ferror(stdin)) {
        fprintf(stderr, PROG ": error reading stdin\n");
        rc = 2;
    }
    return cari_cli_flushed(stdout, PROG) ? 2 : rc;
}

/* Stems stdin to stdout, one word per line. */
static int stem_lines(stemmer_id_mode mode, int explain)
{
    stemmer_id *s = stemmer_id_new(mode);
    if (!s) {
        fprintf(stderr, PROG ": cannot create the stemmer (out of "
                        "memory?)\n");
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int rc = 0;
    while ((got = getline(&line, &cap, stdin)) != -1) {
        size_t len = (size_t)got;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        size_t n;
        const char *rule = NULL;
        const char *r = explain
                            ? stemmer_id_stem_explain(s, line, len, &n, &rule)
                            : stemmer_id_stem(s, line, len, &n);
        if (!r) {
            fprintf(stderr, PROG ": out of memory\n");
            rc = 2;
            break;
        }
        if (explain)
            printf("%.*s\t%.*s\t%s\n", (int)len, line, (int)n, r, rule);
        else {
            fwrite(r, 1, n, stdout);
            putchar('\n');
        }
    }
    rc = check_stdio(rc);
    free(line);
    stemmer_id_delete(s);
    return rc;
}

/* ---- running text ---------------------------------------------------------
 * --text: each line goes through libcari's tokenizer, so the words are the
 * ones the index sees (NFKC, case-folded).  The tokenizer reports the parts
 * of a hyphenated word separately; they are put back together here so that
 * the stemmer's reduplication rule sees tentara-tentara whole.
 * ------------------------------------------------------------------------ */

struct text_line {
    stemmer_id *s;
    char *word; /* the hyphen-joined word being collected */
    size_t len, cap;
    int words;  /* stems written on this line so far */
    int nomem;
};

/* Stems the collected word, if any, and writes it. */
static int flush_word(struct text_line *t)
{
    if (!t->len)
        return 0;
    size_t n;
    const char *r = stemmer_id_stem(t->s, t->word, t->len, &n);
    t->len = 0;
    if (!r) {
        t->nomem = 1;
        return 1;
    }
    if (t->words++)
        putchar(' ');
    fwrite(r, 1, n, stdout);
    return 0;
}

/* A cari_token_fn: collects hyphen-joined parts, stems whole words. */
static int on_token(void *ctx, const cari_token *tok)
{
    struct text_line *t = ctx;
    if (!tok->joined && flush_word(t))
        return 1;
    size_t need = t->len + 1 + tok->term_len;
    if (need > t->cap) {
        size_t cap = need * 2;
        char *w = realloc(t->word, cap);
        if (!w) {
            t->nomem = 1;
            return 1;
        }
        t->word = w;
        t->cap = cap;
    }
    if (t->len)
        t->word[t->len++] = '-';
    memcpy(t->word + t->len, tok->term, tok->term_len);
    t->len += tok->term_len;
    return 0;
}

/* Stems running text from stdin to stdout, one output line per input
 * line. */
static int stem_text(stemmer_id_mode mode)
{
    struct text_line t = {0};
    t.s = stemmer_id_new(mode);
    if (!t.s) {
        fprintf(stderr, PROG ": cannot create the stemmer (out of "
                        "memory?)\n");
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int rc = 0;
    while ((got = getline(&line, &cap, stdin)) != -1) {
        t.words = 0;
        t.len = 0;
        if (cari_tokenize(line, (size_t)got, on_token, &t) != 0 ||
            flush_word(&t) || t.nomem) {
            fprintf(stderr, PROG ": out of memory\n");
            rc = 2;
            break;
        }
        putchar('\n');
    }
    rc = check_stdio(rc);
    free(line);
    free(t.word);
    stemmer_id_delete(t.s);
    return rc;
}

int main(int argc, char **argv)
{
    stemmer_id_mode mode = STEMMER_ID_FULL;
    int explain = 0, text = 0;
    const char *eval_file = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            return cari_cli_help(stdout, usage, PROG);
        } else if (!strcmp(a, "--version")) {
            return cari_cli_version(stdout, PROG);
        } else if (!strcmp(a, "--snowball")) {
            mode = STEMMER_ID_SNOWBALL;
        } else if (!strcmp(a, "--explain")) {
            explain = 1;
        } else if (!strcmp(a, "--text")) {
            text = 1;
        } else if (!strcmp(a, "--eval")) {
            if (++i == argc)
                return bad_usage("--eval needs a FILE", "");
            eval_file = argv[i];
        } else if (!strcmp(a, "--signature")) {
            stemmer_id *s = stemmer_id_new(mode);
            if (!s) {
                fprintf(stderr, PROG ": cannot create the stemmer\n");
                return 2;
            }
            puts(stemmer_id_signature(s));
            stemmer_id_delete(s);
            return 0;
        } else {
            return bad_usage(a[0] == '-' ? "unknown option "
                                         : "unexpected argument ", a);
        }
    }
    if (eval_file) {
        if (explain || text || mode != STEMMER_ID_FULL)
            return bad_usage("--eval compares both stemmers; it takes no "
                             "other option", "");
        int rc = sid_eval(eval_file, stdout);
        if (!rc && (fflush(stdout) != 0 || ferror(stdout))) {
            fprintf(stderr, PROG ": error writing stdout\n");
            rc = 2;
        }
        return rc;
    }
    if (text) {
        if (explain)
            return bad_usage("--text takes no --explain (use one word per "
                             "line)", "");
        return stem_text(mode);
    }
    return stem_lines(mode, explain);
}
