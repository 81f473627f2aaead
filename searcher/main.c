/*
 * searcher: ranks the passages of a cari index with BM25.
 *
 *   searcher [-d INDEX] [-n K] [--json] [--k1 X] [--b Y] QUERY...
 *
 * Exit status (as grep): 0 hits found, 1 no hit, 2 error.
 */
#define _GNU_SOURCE
#include "cari.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PROG "searcher"
#define DEFAULT_INDEX "cari-index"

static const char usage[] =
    "usage: searcher [-d INDEX] [options] QUERY...\n"
    "\n"
    "Ranks the passages of a cari index for QUERY with BM25.\n"
    "Query language: words (any may match, ranked), \"an exact phrase\",\n"
    "judul:word (in the title), +word (must match), -word (must not).\n"
    "\n"
    "  -d, --index DIR  the index (default: $CARI_INDEX, else ./" DEFAULT_INDEX ")\n"
    "  -n, --limit K    show at most K passages (default 10)\n"
    "      --offset N   skip the first N passages (paging)\n"
    "      --all        every word must match\n"
    "      --json       one JSON object per hit (JSON Lines)\n"
    "      --k1 X       BM25 k1 (default 1.2)\n"
    "      --b Y        BM25 b, 0..1 (default 0.75)\n"
    "  -h, --help       show this help\n"
    "\n"
    "Colour is used only on a terminal; NO_COLOR turns it off.\n"
    "Exit status: 0 hits, 1 no hit, 2 error.\n";

/* Writes s[0..len) as a JSON string.  Control characters are escaped and
 * invalid UTF-8 bytes become U+FFFD, so the output is always valid JSON. */
static void json_string(FILE *out, const char *s, size_t len)
{
    fputc('"', out);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            fputc('\\', out);
            fputc(c, out);
        } else if (c == '\n') {
            fputs("\\n", out);
        } else if (c == '\t') {
            fputs("\\t", out);
        } else if (c == '\r') {
            fputs("\\r", out);
        } else if (c < 0x20 || c == 0x7f) {
            fprintf(out, "\\u%04x", c);
        } else if (c < 0x80) {
            fputc(c, out);
        } else {
            /* Copy a well-formed multi-byte sequence; replace anything else. */
            size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
            if (c >= 0xF5)
                n = 0;
            size_t k = 1;
            while (n && k < n && i + k < len && ((unsigned char)s[i + k] & 0xC0) == 0x80)
                k++;
            if (n && k == n) {
                fwrite(s + i, 1, n, out);
                i += n - 1;
            } else {
                fputs("\\ufffd", out);
            }
        }
    }
    fputc('"', out);
}

static void print_json(FILE *out, const cari_hit *h)
{
    fprintf(out, "{\"rank\":%u,\"score\":%.6f,\"article\":", h->rank, h->score);
    json_string(out, h->article, strlen(h->article));
    fprintf(out, ",\"passage\":%u,\"title\":", h->passage);
    if (h->title)
        json_string(out, h->title, strlen(h->title));
    else
        fputs("null", out);
    fputs(",\"text\":", out);
    json_string(out, h->text, h->text_len);
    fputs(",\"snippet\":", out);
    json_string(out, h->snippet, strlen(h->snippet));
    fputs(",\"highlights\":[", out);
    for (size_t i = 0; i < h->n_highlights; i++)
        fprintf(out, "%s[%zu,%zu]", i ? "," : "", h->highlights[i].start,
                h->highlights[i].end);
    fputs("]}\n", out);
}

/* Prints one hit for people; `color` adds ANSI bold to matched words. */
static void print_text(FILE *out, const cari_hit *h, int color)
{
    const char *bold = color ? "\033[1m" : "", *dim = color ? "\033[2m" : "",
               *off = color ? "\033[0m" : "";
    fprintf(out, "%2u. %s%s%s #%u%s  %s(%.3f)%s\n", h->rank, bold, h->article,
            off, h->passage, "", dim, h->score, off);
    if (h->title)
        fprintf(out, "    %s\n", h->title);
    fputs("    ", out);
    size_t pos = 0;
    const char *s = h->snippet;
    for (size_t i = 0; i < h->n_snippet_highlights; i++) {
        cari_span sp = h->snippet_highlights[i];
        fwrite(s + pos, 1, sp.start - pos, out);
        fputs(bold, out);
        fwrite(s + sp.start, 1, sp.end - sp.start, out);
        fputs(off, out);
        pos = sp.end;
    }
    fputs(s + pos, out);
    fputs("\n\n", out);
}

/* Parses a number option or exits with a message. */
static double number(const char *opt, const char *arg)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (errno || end == arg || *end) {
        fprintf(stderr, PROG ": %s: not a number: %s\n", opt, arg);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    enum { OPT_JSON = 256, OPT_K1, OPT_B, OPT_ALL, OPT_OFFSET };
    static const struct option longopts[] = {
        {"index", required_argument, NULL, 'd'},
        {"limit", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, OPT_OFFSET},
        {"json", no_argument, NULL, OPT_JSON},
        {"k1", required_argument, NULL, OPT_K1},
        {"b", required_argument, NULL, OPT_B},
        {"all", no_argument, NULL, OPT_ALL},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cari_search_options opts;
    cari_search_options_init(&opts);
    const char *index = getenv("CARI_INDEX");
    int json = 0, c;
    double v;
    while ((c = getopt_long(argc, argv, "d:n:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': index = optarg; break;
        case 'n':
            v = number("-n", optarg);
            if (v < 0 || v > 1e6 || v != (unsigned)v) {
                fprintf(stderr, PROG ": -n: expected a whole number, got %s\n", optarg);
                return 2;
            }
            opts.limit = (unsigned)v;
            break;
        case OPT_OFFSET:
            v = number("--offset", optarg);
            if (v < 0 || v > 1e9 || v != (unsigned)v) {
                fprintf(stderr, PROG ": --offset: expected a whole number, got %s\n", optarg);
                return 2;
            }
            opts.offset = (unsigned)v;
            break;
        case OPT_JSON: json = 1; break;
        case OPT_K1: opts.k1 = number("--k1", optarg); break;
        case OPT_B: opts.b = number("--b", optarg); break;
        case OPT_ALL: opts.match_all = 1; break;
        case 'h': fputs(usage, stdout); return 0;
        default: fputs(usage, stderr); return 2;
        }
    }
    if (optind == argc) {
        fprintf(stderr, PROG ": no query given (try --help)\n");
        return 2;
    }
    if (!index || !*index)
        index = DEFAULT_INDEX;

    /* The query is the arguments joined by spaces. */
    size_t qlen = 0;
    for (int i = optind; i < argc; i++)
        qlen += strlen(argv[i]) + 1;
    char *query = malloc(qlen + 1);
    if (!query) {
        fprintf(stderr, PROG ": out of memory\n");
        return 2;
    }
    query[0] = '\0';
    for (int i = optind; i < argc; i++) {
        if (i > optind)
            strcat(query, " ");
        strcat(query, argv[i]);
    }

    cari_db *db;
    cari_results *res = NULL;
    int status = 2;
    if (cari_open(&db, index, CARI_OPEN_READ) ||
        cari_search(db, query, &opts, &res)) {
        fprintf(stderr, PROG ": %s\n", cari_errmsg(db));
    } else {
        int color = !json && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
        size_t n = cari_results_count(res);
        for (size_t i = 0; i < n; i++) {
            if (json)
                print_json(stdout, cari_results_hit(res, i));
            else
                print_text(stdout, cari_results_hit(res, i), color);
        }
        status = n ? 0 : 1;
        if (!n && !json)
            fprintf(stderr, PROG ": no passage matches \"%s\"\n", query);
    }
    if (fflush(stdout) != 0 && status != 2) {
        fprintf(stderr, PROG ": writing results: %s\n", strerror(errno));
        status = 2;
    }
    cari_results_free(res);
    cari_close(db);
    free(query);
    return status;
}
