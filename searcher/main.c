/*
 * cari-searcher: ranks the passages of a cari index with BM25.
 *
 *   cari-searcher [-d INDEX] [options] QUERY...
 *   cari-searcher [-d INDEX] [options] --batch < queries.tsv
 *
 * Options and I/O only: everything else is in cari.h.
 * Exit status (as grep): 0 hits found, 1 no hit, 2 error.
 */
#define _GNU_SOURCE
#include "cari.h"
#include "jsonout.h"
#include "metaout.h"
#include "safetext.h"
#include "help.h"
#include "version.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PROG "cari-searcher"
#define DEFAULT_INDEX "cari-index"
#define MAX_INDEXES 64
#define MAX_JOBS 64           /* --jobs */
#define DEFAULT_MAX_JOBS 8    /* --jobs when not given: processors, at most this */

static const char usage[] =
    "usage: cari-searcher [-d INDEX] [options] QUERY...\n"
    "       cari-searcher [-d INDEX] [options] --batch < QUERIES\n"
    "\n"
    "Ranks the passages of a cari index for QUERY with BM25.\n"
    "\n"
    "Query language:\n"
    "  drone pelatihan      any word may match, ranked by BM25 (stems match:\n"
    "                       pelatihan finds melatih, dilatih)\n"
    "  \"drone serang\"       a phrase: adjacent, in order, by stem\n"
    "  +word  -word         must match / must not match; also +(...) -(...)\n"
    "  a AND b, a OR b, a NOT b, ( )   upper case only; AND binds tighter\n"
    "                       than OR, and a run of words tighter than both\n"
    "  a NEAR b, a NEAR/5 b within 10 (5) words of each other\n"
    "  lati*                every word or stem starting with lati\n"
    "  judul:kata, judul:(a OR b)  in the article's title\n"
    "  artikel:ID           only passages of that article;\n"
    "  artikel:folder/      of every article under the folder\n"
    "  sumber:X penulis:X kategori:X bahasa:X (or source: author: category:\n"
    "                       lang:)  only articles with that metadata; quote a\n"
    "                       value of several words (sumber:\"Kabar Lebakjati\")\n"
    "Stopwords and question words (yang, di, apakah, siapa, ...) are not\n"
    "ranked; in a phrase, yang, dan, untuk, ... hold the place of at most\n"
    "one word each.\n"
    "Abbreviations match their expansions (Korut, Korea Utara).\n"
    "A malformed query is read leniently: an unclosed quote or parenthesis\n"
    "runs to the end, an operator missing an operand is dropped; only a\n"
    "query without words, or of more than 256 words or 16 prefixes, is an\n"
    "error.  Quote the query for the shell; put it after -- when it starts\n"
    "with '-' (cari-searcher -- -gempa drone).\n"
    "\n"
    "  -d, --index DIR      the index (default: $CARI_INDEX, else ./" DEFAULT_INDEX ");\n"
    "                       repeat to search several as one; DIR may be a\n"
    "                       sharded index, a Xapian stub file, or tcp://HOST:PORT\n"
    "                       (a shard served by xapian-tcpsrv)\n"
    "  -n, --limit K        show at most K passages (default 10; 1000 with --trec;\n"
    "                       0: print the count, as --count)\n"
    "      --offset N       skip the first N passages (paging)\n"
    "      --all            every word must match\n"
    "      --per-article N  at most N passages per article (the best)\n"
    "      --count          print only the number of matching passages (exact)\n"
    "      --explain        show each feature's (--rank bm25: each query\n"
    "                       term's) part of each score\n"
    "      --context N      show N passages before and after each hit\n"
    "      --synonyms FILE  synonym groups from FILE instead of the bundled list\n"
    "      --no-synonyms    no synonym expansion\n"
    "      --fix            search the spelling suggestion instead, if any\n"
    "      --keep-stopwords rank stopwords too\n"
    "      --title-weight W a title word's weight against a body word's\n"
    "                       (default 0.5; 0: titles only through judul:)\n"
    "      --feedback N     add the N most telling words of the best passage to\n"
    "                       the query at a tenth of a word's weight and search\n"
    "                       again (finds more relevant passages; about 3\n"
    "                       times slower; 10 is a good N; default 0: off)\n"
    "      --k1 X           BM25 k1 (default 1.2; b is the index's: cari-indexer --b)\n"
    "      --rank R         learned (default): re-rank the best passages of BM25\n"
    "                       with the learned model (exact forms, order and\n"
    "                       nearness of the words, the question's intent);\n"
    "                       bm25: BM25 alone\n"
    "      --model FILE     the learned ranking's model (default: the bundled\n"
    "                       one; train your own with cari-train)\n"
    "      --rerank-depth N re-rank the best N passages of BM25 (default 20)\n"
    "Articles' metadata:\n"
    "      --since WHEN     only articles published at or after WHEN: a date\n"
    "                       (2025-01-12, 12 Januari 2025) or a span back from\n"
    "                       now (24h, 7d, 2w, 3m, 1y; m is 30 days, y 365)\n"
    "      --until WHEN     ... at or before WHEN (a date: to its end)\n"
    "      --sort S         relevance (default), or date: newest first, equal\n"
    "                       dates by BM25 score, undated articles last\n"
    "      --source X, --author X, --category X, --lang X  (or --sumber,\n"
    "                       --penulis, --kategori) only articles with that value\n"
    "      --facets LIST    count the matching articles under each value of\n"
    "                       source, category, year, author (comma-separated)\n"
    "      --recent HALF    prefer recent articles: add to each score a bonus\n"
    "                       that halves every HALF (12h, 7d, 2w, 3m, 1y) of the\n"
    "                       article's age (ranks by BM25 plus the bonus)\n"
    "      --now WHEN       count ages and spans from WHEN instead of the clock\n"
    "Output:\n"
    "      --json           JSON Lines: one object per hit, with a summary\n"
    "      --tsv            tab-separated values, one line per hit\n"
    "      --fields LIST    TSV columns, comma-separated, from: qid rank score\n"
    "                       article passage docid title snippet text date\n"
    "                       url source authors categories lang\n"
    "                       (default: rank,score,article,passage,title,snippet;\n"
    "                       qid first with --batch)\n"
    "      --batch          read queries from stdin, one per line, as\n"
    "                       QID<TAB>QUERY or QUERY (QID = line number)\n"
    "      --trec           TREC run lines: QID Q0 DOCID RANK SCORE TAG, one\n"
    "                       article per DOCID (best passage)\n"
    "      --trec-passages  with --trec: DOCID is ARTICLE#PASSAGE\n"
    "      --tag TAG        the run tag of --trec (default cari)\n"
    "  -j, --jobs N         --batch: answer N queries at a time, each on its own\n"
    "                       thread (default: one per processor, at most 8);\n"
    "                       the output stays in input order\n"
    "      --color WHEN     bold matches: auto (on a terminal, unless NO_COLOR\n"
    "                       is set and not empty), always, never\n"
    "  -h, --help           show this help\n"
    "      --version        print the version, index format, stemmer and Xapian\n"
    "\n"
    "An unknown word gets a suggestion (\"Maksud Anda: ...\") on stderr.\n"
    "With --json every line has a \"type\": a \"suggestion\" first when there is\n"
    "one, then a \"hit\" per passage (with its article's date, url, source,\n"
    "authors, categories, lang), a \"facet\" per --facets name, then a\n"
    "\"summary\" (total matches, exact or estimated; offset; hits;\n"
    "milliseconds taken).\n"
    "Exit status: 0 hits, 1 no hit, 2 error.\n";

/* How results are printed. */
enum { OUT_TEXT, OUT_JSON, OUT_TSV, OUT_TREC };

/* TSV columns. */
enum { C_QID, C_RANK, C_SCORE, C_ARTICLE, C_PASSAGE, C_DOCID, C_TITLE, C_SNIPPET, C_TEXT,
       C_DATE, C_URL, C_SOURCE, C_AUTHORS, C_CATEGORIES, C_LANG };
static const char *const column_names[] = {
    "qid",  "rank", "score",  "article", "passage",    "docid", "title", "snippet",
    "text", "date", "url",    "source",  "authors",    "categories", "lang"};
#define N_COLUMNS (sizeof column_names / sizeof column_names[0])

typedef struct {
    int mode;
    int color;
    int count_only;
    int trec_passages;
    const char *tag;
    int fields[32];
    size_t n_fields;
    int batch;
} output;


static void print_explain_json(FILE *out, const cari_hit *h)
{
    fputs(",\"explain\":[", out);
    for (size_t i = 0; i < h->n_explain; i++) {
        const cari_explain *e = &h->explain[i];
        if (e->feature) {
            fputs(i ? ",{\"feature\":" : "{\"feature\":", out);
            json_string(out, e->term, strlen(e->term));
            fprintf(out, ",\"value\":%.17g,\"contribution\":%.17g}", e->value, e->contribution);
            continue;
        }
        fputs(i ? ",{\"term\":" : "{\"term\":", out);
        json_string(out, e->term, strlen(e->term));
        fprintf(out,
                ",\"tf\":%.17g,\"df\":%.17g,\"idf\":%.17g,\"length\":%.17g,"
                "\"avg_length\":%.17g,\"factor\":%.17g,\"contribution\":%.17g}",
                e->tf, e->df, e->idf, e->length, e->avg_length, e->factor, e->contribution);
    }
    fputc(']', out);
}

static void print_json(FILE *out, const cari_hit *h, const char *qid)
{
    json_begin(out, "hit", qid);
    fprintf(out, ",\"rank\":%u,\"score\":%.6f,\"article\":", h->rank, h->score);
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
    fputs(",\"highlights\":", out);
    json_spans(out, h->highlights, h->n_highlights);
    if (h->explain)
        print_explain_json(out, h);
    if (h->context) {
        fputs(",\"context\":[", out);
        for (size_t i = 0; i < h->n_context; i++) {
            fprintf(out, "%s{\"passage\":%u,\"text\":", i ? "," : "", h->context[i].passage);
            json_string(out, h->context[i].text, h->context[i].text_len);
            fputc('}', out);
        }
        fputc(']', out);
    }
    print_meta_json(out, h);
    fputs("}\n", out);
}

/* Writes s with the snippet's highlights in bold, escaped for a terminal
 * (safetext.h). */
static void print_marked(FILE *out, const char *s, const cari_span *hl, size_t n,
                         const char *bold, const char *off)
{
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        cli_put_safe(out, s + pos, hl[i].start - pos, CLI_ESCAPE);
        fputs(bold, out);
        cli_put_safe(out, s + hl[i].start, hl[i].end - hl[i].start, CLI_ESCAPE);
        fputs(off, out);
        pos = hl[i].end;
    }
    cli_puts_safe(out, s + pos, CLI_ESCAPE);
}

/* Writes "PREFIX TEXT" for a line of context: the passage's number, its
 * text escaped, dimmed. */
static void print_context(FILE *out, const char *dim, const char *off, const cari_context *c)
{
    fprintf(out, "    %s#%u  ", dim, c->passage);
    cli_put_safe(out, c->text, c->text_len, CLI_ESCAPE);
    fprintf(out, "%s\n", off);
}

/* Prints one hit for people; `color` adds ANSI bold to matched words. */
static void print_text(FILE *out, const cari_hit *h, int color)
{
    const char *bold = color ? "\033[1m" : "", *dim = color ? "\033[2m" : "",
               *off = color ? "\033[0m" : "";
    fprintf(out, "%2u. %s", h->rank, bold);
    cli_puts_safe(out, h->article, CLI_ESCAPE);
    fprintf(out, "%s #%u", off, h->passage);
    print_meta_text(out, h);
    fprintf(out, "  %s(%.3f)%s\n", dim, h->score, off);
    if (h->title) {
        fputs("    ", out);
        cli_puts_safe(out, h->title, CLI_ESCAPE);
        fputc('\n', out);
    }
    if (h->meta.url) {
        fprintf(out, "    %s", dim);
        cli_puts_safe(out, h->meta.url, CLI_ESCAPE);
        fprintf(out, "%s\n", off);
    }
    if (!h->context) {
        fputs("    ", out);
        print_marked(out, h->snippet, h->snippet_highlights, h->n_snippet_highlights, bold, off);
        fputc('\n', out);
    } else {
        /* The passages in order, the hit's marked with '>'. */
        size_t i = 0;
        for (; i < h->n_context && h->context[i].passage < h->passage; i++)
            print_context(out, dim, off, &h->context[i]);
        fprintf(out, "  > #%u  ", h->passage);
        print_marked(out, h->text, h->highlights, h->n_highlights, bold, off);
        fputc('\n', out);
        for (; i < h->n_context; i++)
            print_context(out, dim, off, &h->context[i]);
    }
    if (h->explain) {
        fprintf(out, "    %sscore %.6f =", dim, h->score);
        for (size_t i = 0; i < h->n_explain; i++)
            fprintf(out, "%s %.6f", i ? " +" : "", h->explain[i].contribution);
        fprintf(out, "%s\n", off);
        for (size_t i = 0; i < h->n_explain; i++) {
            const cari_explain *e = &h->explain[i];
            /* The term comes from the query: escaped, between our own
             * colour codes. */
            fprintf(out, "    %s  ", dim);
            if (e->feature)
                cli_printf_safe(out, "%-20s %-12.6g -> %.6f", e->term, e->value, e->contribution);
            else
                cli_printf_safe(out, "%-20s tf' %g  df %g  idf %.4f  length %g / pivot %g%s  -> %.6f",
                                e->term, e->tf, e->df, e->idf, e->length, e->avg_length,
                                e->factor != 1.0 ? "  x title weight" : "", e->contribution);
            fprintf(out, "%s\n", off);
        }
    }
    fputc('\n', out);
}

/* Writes s[0..len) as one TSV field: tabs and line breaks become spaces,
 * other controls are escaped (safetext.h). */
static void tsv_field(FILE *out, const char *s, size_t len)
{
    cli_put_safe(out, s, len, CLI_ESCAPE_TSV);
}

/* Writes a list as one TSV field, its items separated by "; ". */
static void tsv_list(FILE *out, const char *const *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs("; ", out);
        tsv_field(out, items[i], strlen(items[i]));
    }
}

/* Writes an id for TREC: white space would split the field, so it
 * becomes '_'; other controls are escaped. */
static void trec_id(FILE *out, const char *s)
{
    cli_puts_safe(out, s, CLI_ESCAPE_WORD);
}

static void print_tsv(FILE *out, const cari_hit *h, const output *o, const char *qid)
{
    for (size_t f = 0; f < o->n_fields; f++) {
        if (f)
            fputc('\t', out);
        switch (o->fields[f]) {
        case C_QID: if (qid) tsv_field(out, qid, strlen(qid)); break;
        case C_RANK: fprintf(out, "%u", h->rank); break;
        case C_SCORE: fprintf(out, "%.6f", h->score); break;
        case C_ARTICLE: tsv_field(out, h->article, strlen(h->article)); break;
        case C_PASSAGE: fprintf(out, "%u", h->passage); break;
        case C_DOCID:
            tsv_field(out, h->article, strlen(h->article));
            fprintf(out, "#%u", h->passage);
            break;
        case C_TITLE: if (h->title) tsv_field(out, h->title, strlen(h->title)); break;
        case C_SNIPPET: tsv_field(out, h->snippet, strlen(h->snippet)); break;
        case C_TEXT: tsv_field(out, h->text, h->text_len); break;
        case C_DATE: {
            char date[40];
            if (h->meta.has_date && cari_format_date(&h->meta, date, sizeof date))
                fputs(date, out);
            break;
        }
        case C_URL: if (h->meta.url) tsv_field(out, h->meta.url, strlen(h->meta.url)); break;
        case C_SOURCE:
            if (h->meta.source)
                tsv_field(out, h->meta.source, strlen(h->meta.source));
            break;
        case C_AUTHORS: tsv_list(out, h->meta.authors, h->meta.n_authors); break;
        case C_CATEGORIES: tsv_list(out, h->meta.categories, h->meta.n_categories); break;
        case C_LANG: if (h->meta.lang) tsv_field(out, h->meta.lang, strlen(h->meta.lang)); break;
        }
    }
    fputc('\n', out);
}

static void print_trec(FILE *out, const cari_hit *h, const output *o, const char *qid,
                       unsigned rank)
{
    trec_id(out, qid);
    fputs(" Q0 ", out);
    trec_id(out, h->article);
    if (o->trec_passages)
        fprintf(out, "#%u", h->passage);
    fprintf(out, " %u %.6f ", rank, h->score);
    trec_id(out, o->tag);
    fputc('\n', out);
}

/* Ends a query's JSON Lines: the total (exact or estimated), the offset,
 * the hits printed and the milliseconds the search took. */
static void print_summary(FILE *out, const cari_results *res, const char *qid,
                          const cari_search_options *opts, size_t hits, double ms)
{
    json_begin(out, "summary", qid);
    fprintf(out, ",\"total\":%zu,\"total_exact\":%s,\"offset\":%u,\"hits\":%zu,"
                 "\"elapsed_ms\":%.3f}\n",
            cari_results_total(res), opts->exact_total ? "true" : "false", opts->offset, hits, ms);
}

/* Runs one query and prints its results to `out`, its messages (errors,
 * suggestions for people) to `err`.  `qid` is NULL outside --batch;
 * `where` prefixes error messages.  Returns the exit status for it. */
static int answer(cari_db *db, const char *query, const char *qid, const char *where,
                  const cari_search_options *opts, const output *o, FILE *out, FILE *err)
{
    cari_results *res = NULL;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (cari_search(db, query, opts, &res)) {
        cli_printf_safe(err, PROG ": %s%s\n", where, cari_errmsg(db));
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
    const char *sugg = cari_results_suggestion(res);
    if (sugg) {
        if (o->mode == OUT_JSON) {
            json_begin(out, "suggestion", qid);
            fputs(",\"suggestion\":", out);
            json_string(out, sugg, strlen(sugg));
            fprintf(out, ",\"fixed\":%s}\n", cari_results_fixed(res) ? "true" : "false");
        } else {
            cli_printf_safe(err, "%s%s%s: %s\n", qid ? qid : "", qid ? ": " : "",
                    cari_results_fixed(res) ? "Menampilkan hasil untuk" : "Maksud Anda", sugg);
        }
    }
    size_t n = cari_results_count(res);
    int status = n ? 0 : 1;
    if (o->count_only) {
        size_t total = cari_results_total(res);
        status = total ? 0 : 1;
        if (o->mode == OUT_JSON) {
            print_facets(out, res, 1, qid);
            print_summary(out, res, qid, opts, 0, ms);
        } else if (qid) {
            tsv_field(out, qid, strlen(qid));
            fprintf(out, "\t%zu\n", total);
        } else {
            fprintf(out, "%zu\n", total);
        }
        if (o->mode == OUT_TEXT && !qid) /* a batch's counts stay "qid<TAB>count" */
            print_facets(out, res, 0, qid);
        cari_results_free(res);
        return status;
    }
    if (o->mode == OUT_TEXT && o->batch)
        cli_printf_safe(out, "== %s: %s\n\n", qid, query);
    for (size_t i = 0; i < n; i++) {
        const cari_hit *h = cari_results_hit(res, i);
        switch (o->mode) {
        case OUT_JSON: print_json(out, h, qid); break;
        case OUT_TSV: print_tsv(out, h, o, qid); break;
        case OUT_TREC: print_trec(out, h, o, qid ? qid : "1", h->rank); break;
        default: print_text(out, h, o->color); break;
        }
    }
    if (o->mode == OUT_JSON || o->mode == OUT_TEXT)
        print_facets(out, res, o->mode == OUT_JSON, qid);
    if (o->mode == OUT_JSON)
        print_summary(out, res, qid, opts, n, ms);
    size_t total = cari_results_total(res);
    if (!n && o->mode == OUT_TEXT && !total)
        cli_printf_safe(err, PROG ": %sno passage matches \"%s\"\n", where, query);
    else if (!n && o->mode == OUT_TEXT)
        cli_printf_safe(err, PROG ": %s%zu passage%s match \"%s\"; none past --offset %u\n", where,
                        total, total == 1 ? "" : "s", query, opts->offset);
    cari_results_free(res);
    return status;
}

/* Splits a --batch input line (its line break removed; not blank) into
 * *qid and *query, in place: "QID<TAB>QUERY", or "QUERY" whose qid is its
 * line number, written into qidbuf. */
static void parse_line(char *line, size_t lineno, char qidbuf[32], const char **qid,
                       const char **query)
{
    char *tab = strchr(line, '\t');
    snprintf(qidbuf, 32, "%zu", lineno);
    *qid = qidbuf;
    *query = line;
    if (tab) {
        *tab = '\0';
        *qid = line;
        *query = tab + 1;
    }
}

/* Reads the next line of stdin without its line break into *line
 * (getline's buffer, *cap bytes; the caller frees it) and counts it in
 * *lineno.  Returns 0 at the end of the input. */
static int read_line(char **line, size_t *cap, size_t *lineno)
{
    ssize_t len = getline(line, cap, stdin);
    if (len == -1)
        return 0;
    ++*lineno;
    while (len && ((*line)[len - 1] == '\n' || (*line)[len - 1] == '\r'))
        (*line)[--len] = '\0';
    return 1;
}

/* --batch with one thread: one query per line of stdin, each answer
 * written and flushed before the next line is read.  Returns the exit
 * status: 2 when a query failed, else 0 when some query had hits, else 1. */
static int batch(cari_db *db, const cari_search_options *opts, const output *o)
{
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    int any_hit = 0, failed = 0;
    char qidbuf[32], where[64];
    const char *qid, *query;
    while (read_line(&line, &cap, &lineno)) {
        if (!*line)
            continue; /* a blank line */
        parse_line(line, lineno, qidbuf, &qid, &query);
        snprintf(where, sizeof where, "stdin:%zu: ", lineno);
        int st = answer(db, query, qid, where, opts, o, stdout, stderr);
        if (st == 2)
            failed = 1;
        else if (st == 0)
            any_hit = 1;
        if (fflush(stdout) != 0 || ferror(stdout))
            break;
    }
    free(line);
    return failed ? 2 : any_hit ? 0 : 1;
}

/* --batch with several threads.  The main thread reads stdin into a ring
 * of jobs; each worker, with its own cari handle, takes the oldest job not
 * yet taken and prints its answer into memory; whichever worker finds the
 * oldest unwritten job done writes it, and the done ones after it, to
 * stdout and stderr, so the output is in input order and each answer
 * leaves as soon as it and all before it are done. */
typedef struct {
    char *line;          /* the input line (owned): holds qid and query */
    const char *qid, *query;
    char qidbuf[32];
    size_t lineno;
    char *out, *err;     /* the answer's stdout and stderr bytes (owned) */
    size_t out_len, err_len;
    int status;          /* answer()'s exit status */
    int done;            /* answered, not yet written */
} job;

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t work;   /* a job was added, or the input ended */
    pthread_cond_t space;  /* a job was written: its slot is free */
    job *ring;
    size_t cap;            /* jobs in flight at most */
    size_t added, taken, written; /* jobs so far: ring[k % cap] is job k */
    int eof;               /* no more jobs will be added */
    int writing;           /* a worker is writing jobs out */
    int stop;              /* writing stdout failed: read no more */
    int failed, any_hit;
    const cari_search_options *opts;
    const output *o;
} queue;

typedef struct {
    queue *q;
    cari_db *db;
    pthread_t thread;
} worker;

/* Answers job j on db into j->out and j->err (NULL when out of memory),
 * sets j->status.  Runs without the queue's lock. */
static void run_job(cari_db *db, job *j, const queue *q)
{
    char where[64];
    parse_line(j->line, j->lineno, j->qidbuf, &j->qid, &j->query);
    snprintf(where, sizeof where, "stdin:%zu: ", j->lineno);
    FILE *out = open_memstream(&j->out, &j->out_len);
    FILE *err = open_memstream(&j->err, &j->err_len);
    if (out && err) {
        j->status = answer(db, j->query, j->qid, where, q->opts, q->o, out, err);
    } else {
        cli_printf_safe(stderr, PROG ": %sout of memory\n", where);
        j->status = 2;
    }
    /* fclose() leaves the buffers, NUL-terminated, to the job. */
    if (out)
        fclose(out);
    else
        j->out = NULL, j->out_len = 0;
    if (err)
        fclose(err);
    else
        j->err = NULL, j->err_len = 0;
}

/* Writes out the done jobs at the head of the ring, in order, and frees
 * them, unless another worker is already doing so (it will take these
 * too).  Called with q->mu held; releases it while writing. */
static void write_done(queue *q)
{
    while (!q->writing && q->written < q->taken && q->ring[q->written % q->cap].done) {
        job *j = &q->ring[q->written % q->cap];
        q->writing = 1;
        pthread_mutex_unlock(&q->mu);
        fwrite(j->err, 1, j->err_len, stderr);
        fwrite(j->out, 1, j->out_len, stdout);
        int bad = fflush(stdout) != 0 || ferror(stdout);
        free(j->line);
        free(j->out);
        free(j->err);
        pthread_mutex_lock(&q->mu);
        if (j->status == 2)
            q->failed = 1;
        else if (j->status == 0)
            q->any_hit = 1;
        q->stop |= bad;
        j->done = 0;
        q->written++;
        q->writing = 0;
        pthread_cond_signal(&q->space);
    }
}

/* A worker: answers jobs in the order they were added until the input
 * ends and no job is left. */
static void *work(void *arg)
{
    worker *w = arg;
    queue *q = w->q;
    pthread_mutex_lock(&q->mu);
    for (;;) {
        while (q->taken == q->added && !q->eof)
            pthread_cond_wait(&q->work, &q->mu);
        if (q->taken == q->added)
            break;
        job *j = &q->ring[q->taken++ % q->cap];
        pthread_mutex_unlock(&q->mu);
        run_job(w->db, j, q);
        pthread_mutex_lock(&q->mu);
        j->done = 1;
        write_done(q);
    }
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

/* --batch on `n` threads, one per handle of dbs[]: reads stdin into the
 * queue (at most 4 jobs per thread in flight), then waits for the workers.
 * Returns the exit status as batch() does; the output is byte for byte
 * batch()'s.  Falls back to batch() when no thread can be started. */
static int batch_parallel(cari_db **dbs, size_t n, const cari_search_options *opts,
                          const output *o)
{
    queue q = {.cap = 4 * n, .opts = opts, .o = o};
    worker *w = calloc(n, sizeof *w);
    q.ring = calloc(q.cap, sizeof *q.ring);
    if (!w || !q.ring) {
        free(w);
        free(q.ring);
        return batch(dbs[0], opts, o);
    }
    pthread_mutex_init(&q.mu, NULL);
    pthread_cond_init(&q.work, NULL);
    pthread_cond_init(&q.space, NULL);
    size_t started = 0;
    for (; started < n; started++) {
        w[started] = (worker){.q = &q, .db = dbs[started]};
        if (pthread_create(&w[started].thread, NULL, work, &w[started]))
            break;
    }
    int status = 0;
    if (!started) {
        status = batch(dbs[0], opts, o);
    } else {
        char *line = NULL;
        size_t cap = 0, lineno = 0;
        int stop = 0;
        while (!stop && read_line(&line, &cap, &lineno)) {
            if (!*line)
                continue; /* a blank line */
            pthread_mutex_lock(&q.mu);
            while (q.added - q.written == q.cap && !q.stop)
                pthread_cond_wait(&q.space, &q.mu);
            stop = q.stop;
            if (!stop) {
                q.ring[q.added++ % q.cap] = (job){.line = line, .lineno = lineno};
                line = NULL; /* the job owns it now */
                cap = 0;
                pthread_cond_signal(&q.work);
            }
            pthread_mutex_unlock(&q.mu);
        }
        free(line);
        pthread_mutex_lock(&q.mu);
        q.eof = 1;
        pthread_cond_broadcast(&q.work);
        pthread_mutex_unlock(&q.mu);
        for (size_t i = 0; i < started; i++)
            pthread_join(w[i].thread, NULL);
        status = q.failed ? 2 : q.any_hit ? 0 : 1;
    }
    pthread_cond_destroy(&q.space);
    pthread_cond_destroy(&q.work);
    pthread_mutex_destroy(&q.mu);
    free(q.ring);
    free(w);
    return status;
}

/* Parses a number option or exits with a message. */
static double number(const char *opt, const char *arg)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (errno || end == arg || *end || !isfinite(v)) {
        cli_printf_safe(stderr, PROG ": %s: not a number: %s\n", opt, arg);
        exit(2);
    }
    return v;
}

/* Parses a number option that is 0 or more, or exits with a message. */
static double not_negative(const char *opt, const char *arg)
{
    double v = number(opt, arg);
    if (v < 0) {
        cli_printf_safe(stderr, PROG ": %s: expected 0 or more, got %s\n", opt, arg);
        exit(2);
    }
    return v;
}

/* Parses a whole-number option in [0, max] or exits with a message. */
static unsigned whole(const char *opt, const char *arg, double max)
{
    double v = number(opt, arg);
    if (v < 0 || v > max || v != (unsigned)v) {
        cli_printf_safe(stderr, PROG ": %s: expected a whole number from 0 to %.0f, got %s\n",
                        opt, max, arg);
        exit(2);
    }
    return (unsigned)v;
}

/* Parses --color's WHEN: 1 always, 0 never, -1 auto; or exits with a
 * message. */
static int color_mode(const char *arg)
{
    if (!strcmp(arg, "always"))
        return 1;
    if (!strcmp(arg, "never"))
        return 0;
    if (!strcmp(arg, "auto"))
        return -1;
    cli_printf_safe(stderr, PROG ": --color: expected auto, always or never, got %s\n", arg);
    exit(2);
}

/* Parses --fields or exits with a message. */
static void parse_fields(output *o, const char *arg)
{
    o->n_fields = 0;
    const char *p = arg;
    while (*p) {
        size_t len = strcspn(p, ",");
        size_t c = 0;
        while (c < N_COLUMNS && (strlen(column_names[c]) != len || strncmp(column_names[c], p, len)))
            c++;
        if (c == N_COLUMNS || o->n_fields == sizeof o->fields / sizeof o->fields[0]) {
            cli_printf_safe(stderr, PROG ": --fields: unknown field \"%.*s\" (known: qid rank score "
                            "article passage docid title snippet text date url source "
                            "authors categories lang)\n", (int)len, p);
            exit(2);
        }
        o->fields[o->n_fields++] = (int)c;
        p += len;
        if (*p == ',')
            p++;
    }
    if (!o->n_fields) {
        cli_printf_safe(stderr, PROG ": --fields: no field given\n");
        exit(2);
    }
}

int main(int argc, char **argv)
{
    enum {
        OPT_JSON = 256, OPT_K1, OPT_B, OPT_ALL, OPT_OFFSET, OPT_PER_ARTICLE, OPT_COUNT,
        OPT_EXPLAIN, OPT_CONTEXT, OPT_SYNONYMS, OPT_NO_SYNONYMS, OPT_FIX, OPT_KEEP_STOP, OPT_TITLE_WEIGHT, OPT_FEEDBACK,
        OPT_TSV, OPT_FIELDS, OPT_BATCH, OPT_TREC, OPT_TREC_PASSAGES, OPT_TAG, OPT_COLOR,
        OPT_RANK, OPT_MODEL, OPT_RERANK_DEPTH, OPT_SINCE, OPT_UNTIL, OPT_SORT, OPT_SOURCE,
        OPT_AUTHOR, OPT_CATEGORY, OPT_LANG, OPT_FACETS, OPT_RECENT, OPT_NOW
    };
    static const struct option longopts[] = {
        {"index", required_argument, NULL, 'd'},
        {"limit", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, OPT_OFFSET},
        {"json", no_argument, NULL, OPT_JSON},
        {"k1", required_argument, NULL, OPT_K1},
        /* Not an option since index format 6; kept so that "--b" says
         * why instead of abbreviating --batch. */
        {"b", required_argument, NULL, OPT_B},
        {"all", no_argument, NULL, OPT_ALL},
        {"per-article", required_argument, NULL, OPT_PER_ARTICLE},
        {"count", no_argument, NULL, OPT_COUNT},
        {"explain", no_argument, NULL, OPT_EXPLAIN},
        {"context", required_argument, NULL, OPT_CONTEXT},
        {"synonyms", required_argument, NULL, OPT_SYNONYMS},
        {"no-synonyms", no_argument, NULL, OPT_NO_SYNONYMS},
        {"fix", no_argument, NULL, OPT_FIX},
        {"keep-stopwords", no_argument, NULL, OPT_KEEP_STOP},
        {"title-weight", required_argument, NULL, OPT_TITLE_WEIGHT},
        {"feedback", required_argument, NULL, OPT_FEEDBACK},
        {"tsv", no_argument, NULL, OPT_TSV},
        {"fields", required_argument, NULL, OPT_FIELDS},
        {"batch", no_argument, NULL, OPT_BATCH},
        {"trec", no_argument, NULL, OPT_TREC},
        {"trec-passages", no_argument, NULL, OPT_TREC_PASSAGES},
        {"tag", required_argument, NULL, OPT_TAG},
        {"rank", required_argument, NULL, OPT_RANK},
        {"model", required_argument, NULL, OPT_MODEL},
        {"rerank-depth", required_argument, NULL, OPT_RERANK_DEPTH},
        {"since", required_argument, NULL, OPT_SINCE},
        {"until", required_argument, NULL, OPT_UNTIL},
        {"sort", required_argument, NULL, OPT_SORT},
        {"source", required_argument, NULL, OPT_SOURCE},
        {"sumber", required_argument, NULL, OPT_SOURCE},
        {"author", required_argument, NULL, OPT_AUTHOR},
        {"penulis", required_argument, NULL, OPT_AUTHOR},
        {"category", required_argument, NULL, OPT_CATEGORY},
        {"kategori", required_argument, NULL, OPT_CATEGORY},
        {"lang", required_argument, NULL, OPT_LANG},
        {"facets", required_argument, NULL, OPT_FACETS},
        {"recent", required_argument, NULL, OPT_RECENT},
        {"now", required_argument, NULL, OPT_NOW},
        {"jobs", required_argument, NULL, 'j'},
        {"color", required_argument, NULL, OPT_COLOR},
        {"colour", required_argument, NULL, OPT_COLOR},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    cari_search_options opts;
    cari_search_options_init(&opts, CARI_SEARCH_OPTIONS_VERSION);
    opts.spelling = 1;
    output o = {0};
    o.tag = "cari";
    const char *index = getenv("CARI_INDEX"), *synonyms_file = NULL, *fields = NULL;
    const char *model_file = NULL;
    const char *since_arg = NULL, *until_arg = NULL; /* read after --now */
    const char *indexes[MAX_INDEXES];
    size_t n_indexes = 0;
    int c, limit_given = 0, no_synonyms = 0, json = 0, tsv = 0, trec = 0;
    unsigned jobs = 0; /* 0: one per processor */
    int color = -1;    /* --color: 1 always, 0 never, -1 auto */
    double v;
    while ((c = getopt_long(argc, argv, ":d:n:j:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            if (n_indexes < MAX_INDEXES)
                indexes[n_indexes++] = optarg;
            else {
                cli_printf_safe(stderr, PROG ": at most %d indexes (-d)\n", MAX_INDEXES);
                return 2;
            }
            break;
        case 'n':
            opts.limit = whole("-n", optarg, 1e6);
            limit_given = 1;
            o.count_only |= !opts.limit; /* -n 0: how many, as --count */
            break;
        case OPT_OFFSET: opts.offset = whole("--offset", optarg, 1e9); break;
        case OPT_JSON: json = 1; break;
        case OPT_K1: opts.k1 = not_negative("--k1", optarg); break;
        case OPT_B:
            cli_printf_safe(stderr, PROG ": --b: BM25's b is part of the index; "
                            "set it when building (cari-indexer --rebuild --b %s)\n", optarg);
            return 2;
        case OPT_ALL: opts.match_all = 1; break;
        case OPT_PER_ARTICLE:
            opts.per_article = whole("--per-article", optarg, 1e6);
            if (!opts.per_article) {
                cli_printf_safe(stderr, PROG ": --per-article: expected 1 or more, got %s\n", optarg);
                return 2;
            }
            break;
        case OPT_COUNT: o.count_only = 1; break;
        case OPT_EXPLAIN: opts.explain = 1; break;
        case OPT_CONTEXT: opts.context = whole("--context", optarg, 32); break;
        case OPT_SYNONYMS: synonyms_file = optarg; break;
        case OPT_NO_SYNONYMS: no_synonyms = 1; break;
        case OPT_FIX: opts.fix = 1; break;
        case OPT_KEEP_STOP: opts.keep_stopwords = 1; break;
        case OPT_FEEDBACK: opts.feedback = whole("--feedback", optarg, 1000); break;
        case OPT_TITLE_WEIGHT: opts.title_weight = not_negative("--title-weight", optarg); break;
        case OPT_TSV: tsv = 1; break;
        case OPT_FIELDS: fields = optarg; break;
        case OPT_BATCH: o.batch = 1; break;
        case OPT_TREC: trec = 1; break;
        case OPT_TREC_PASSAGES: trec = 1; o.trec_passages = 1; break;
        case OPT_TAG: o.tag = optarg; break;
        case OPT_COLOR: color = color_mode(optarg); break;
        case OPT_RANK:
            if (!strcmp(optarg, "bm25"))
                opts.rank = CARI_RANK_BM25;
            else if (!strcmp(optarg, "learned"))
                opts.rank = CARI_RANK_LEARNED;
            else {
                cli_printf_safe(stderr, PROG ": --rank: expected learned or bm25, got %s\n", optarg);
                return 2;
            }
            break;
        case OPT_MODEL: model_file = optarg; break;
        case OPT_RERANK_DEPTH:
            opts.rerank_depth = whole("--rerank-depth", optarg, 1e5);
            if (!opts.rerank_depth) {
                cli_printf_safe(stderr, PROG ": --rerank-depth: expected 1 or more, got %s\n", optarg);
                return 2;
            }
            break;
        case OPT_SINCE: since_arg = optarg; break;
        case OPT_UNTIL: until_arg = optarg; break;
        case OPT_RECENT: {
            long long span;
            if (cari_parse_span(optarg, &span) != CARI_OK || span <= 0) {
                cli_printf_safe(stderr,
                        PROG ": --recent: expected a half-life such as 12h, 7d, 2w, 3m or 1y, "
                             "got %s\n",
                        optarg);
                return 2;
            }
            opts.recent_half_life = (double)span;
            break;
        }
        case OPT_NOW: {
            cari_meta m;
            if (cari_parse_date(optarg, strlen(optarg), &m)) {
                cli_printf_safe(stderr, PROG ": --now: expected a date (2026-06-30, 30 Juni 2026 12:00), "
                                     "got %s\n",
                        optarg);
                return 2;
            }
            opts.now = m.date;
            break;
        }
        case OPT_SORT:
            if (!strcmp(optarg, "date")) {
                opts.sort = CARI_SORT_DATE;
            } else if (!strcmp(optarg, "relevance")) {
                opts.sort = CARI_SORT_RELEVANCE;
            } else {
                cli_printf_safe(stderr, PROG ": --sort: expected date or relevance, got %s\n", optarg);
                return 2;
            }
            break;
        case OPT_SOURCE: opts.source = optarg; break;
        case OPT_AUTHOR: opts.author = optarg; break;
        case OPT_CATEGORY: opts.category = optarg; break;
        case OPT_LANG: opts.lang = optarg; break;
        case OPT_FACETS: opts.facets = optarg; break;
        case 'j':
            v = number("--jobs", optarg);
            if (!(v >= 1 && v <= MAX_JOBS) || v != (unsigned)v) {
                cli_printf_safe(stderr, PROG ": --jobs: expected a whole number from 1 to %d, got %s\n",
                        MAX_JOBS, optarg);
                return 2;
            }
            jobs = (unsigned)v;
            break;
        case 'h': return cari_cli_help(stdout, usage, PROG);
        case 'V': return cari_cli_version(stdout, PROG);
        default: return cari_cli_bad_option(PROG, c, argv);
        }
    }
    /* Spans count back from --now, wherever it was given. */
    for (int until = 0; until < 2; until++) {
        const char *arg = until ? until_arg : since_arg;
        long long *t = until ? &opts.until : &opts.since;
        if (!arg)
            continue;
        if (parse_when(arg, until, opts.now ? opts.now : (long long)time(NULL), t)) {
            cli_printf_safe(stderr,
                    PROG ": %s: expected a date (2025-01-12, 12 Januari 2025) or a span "
                         "back from now (7d, 3m, 1y), got %s\n",
                    until ? "--until" : "--since", arg);
            return 2;
        }
        *(until ? &opts.has_until : &opts.has_since) = 1;
    }
    if (json + tsv + trec > 1) {
        cli_printf_safe(stderr, PROG ": --json, --tsv and --trec exclude each other\n");
        return 2;
    }
    o.mode = json ? OUT_JSON : tsv ? OUT_TSV : trec ? OUT_TREC : OUT_TEXT;
    if (fields && o.mode != OUT_TSV) {
        cli_printf_safe(stderr, PROG ": --fields needs --tsv\n");
        return 2;
    }
    if (o.mode == OUT_TSV) {
        parse_fields(&o, fields ? fields
                                : o.batch ? "qid,rank,score,article,passage,title,snippet"
                                          : "rank,score,article,passage,title,snippet");
        /* Columns without the snippet need no highlighting. */
        opts.no_snippets = 1;
        for (size_t f = 0; f < o.n_fields; f++)
            if (o.fields[f] == C_SNIPPET)
                opts.no_snippets = 0;
    }
    if (o.mode == OUT_TREC) {
        if (!limit_given)
            opts.limit = 1000;
        if (!o.trec_passages)
            opts.per_article = 1; /* one line per article: no duplicate docids */
        opts.no_snippets = 1;     /* a run holds ids and scores only */
        if (strpbrk(o.tag, " \t\n") || !*o.tag) {
            cli_printf_safe(stderr, PROG ": --tag: a run tag is one word, got \"%s\"\n", o.tag);
            return 2;
        }
    }
    if (model_file && opts.rank == CARI_RANK_BM25) {
        cli_printf_safe(stderr, PROG ": --model needs --rank learned\n");
        return 2;
    }
    if (o.count_only) {
        opts.rank = CARI_RANK_BM25; /* a count is the same in any order */
        opts.exact_total = 1;
        opts.limit = 0;
        opts.no_snippets = 1;
    }
    if (o.batch && optind < argc) {
        cli_printf_safe(stderr, PROG ": --batch reads the queries from stdin, not arguments\n");
        return 2;
    }
    if (!o.batch && optind == argc) {
        cli_printf_safe(stderr, PROG ": no query given (try --help)\n");
        return 2;
    }
    if (!index || !*index)
        index = DEFAULT_INDEX;
    if (!n_indexes)
        indexes[n_indexes++] = index;
    /* Colour on a terminal unless NO_COLOR is set and not empty
     * (no-color.org); --color=always|never decides regardless. */
    const char *no_color = getenv("NO_COLOR");
    if (color < 0)
        color = isatty(STDOUT_FILENO) && !(no_color && *no_color);
    o.color = o.mode == OUT_TEXT && color;

    cari_synonyms *syn = NULL;
    if (!no_synonyms) {
        cari_status st = cari_synonyms_new(&syn);
        if (!st)
            st = synonyms_file ? cari_synonyms_add_file(syn, synonyms_file)
                               : cari_synonyms_add_default(syn);
        if (st) {
            cli_printf_safe(stderr, PROG ": %s\n", syn ? cari_synonyms_errmsg(syn) : "out of memory");
            cari_synonyms_free(syn);
            return 2;
        }
        opts.synonyms = syn;
    }

    cari_model *model = NULL;
    if (model_file) {
        cari_status st = cari_model_load(&model, model_file);
        if (st) {
            cli_printf_safe(stderr, PROG ": %s\n", cari_model_errmsg(model));
            cari_model_free(model);
            cari_synonyms_free(syn);
            return 2;
        }
        opts.model = model;
    }

    /* The query is the arguments joined by spaces. */
    size_t qlen = 0;
    for (int i = optind; i < argc; i++)
        qlen += strlen(argv[i]) + 1;
    char *query = malloc(qlen + 1);
    if (!query) {
        cli_printf_safe(stderr, PROG ": out of memory\n");
        cari_synonyms_free(syn);
        cari_model_free(model);
        return 2;
    }
    query[0] = '\0';
    for (int i = optind; i < argc; i++) {
        if (i > optind)
            strcat(query, " ");
        strcat(query, argv[i]);
    }

    if (!jobs) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cpus < 1 ? 1 : cpus > DEFAULT_MAX_JOBS ? DEFAULT_MAX_JOBS : (unsigned)cpus;
    }
    if (!o.batch)
        jobs = 1;

    /* One handle per query thread (cari.h: a handle serves one thread). */
    cari_db *dbs[MAX_JOBS] = {NULL};
    int status = 2;
    unsigned opened = 0;
    for (; opened < jobs; opened++) {
        if (cari_open_shards(&dbs[opened], indexes, n_indexes, CARI_OPEN_READ)) {
            cli_printf_safe(stderr, PROG ": %s\n", dbs[opened] ? cari_errmsg(dbs[opened]) : "out of memory");
            cari_close(dbs[opened]);
            break;
        }
    }
    if (opened == jobs && !o.batch)
        status = answer(dbs[0], query, NULL, "", &opts, &o, stdout, stderr);
    else if (opened == jobs && jobs == 1)
        status = batch(dbs[0], &opts, &o);
    else if (opened == jobs)
        status = batch_parallel(dbs, jobs, &opts, &o);
    errno = 0;
    if ((fflush(stdout) != 0 || ferror(stdout)) && status != 2) {
        cli_printf_safe(stderr, PROG ": writing results: %s\n", errno ? strerror(errno) : "write error");
        status = 2;
    }
    for (unsigned i = 0; i < opened; i++)
        cari_close(dbs[i]);
    cari_synonyms_free(syn);
    cari_model_free(model);
    free(query);
    return status;
}
