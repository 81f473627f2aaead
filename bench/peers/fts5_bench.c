/*
 * fts5-bench: SQLite FTS5 as a peer in cari's benchmark.  It exists only
 * to be measured against cari; nothing of cari uses it.
 *
 *   fts5-bench build DB PARAGRAPHS   one row per line of PARAGRAPHS
 *   fts5-bench query DB QUERIES      warm-up pass, then one timed pass;
 *                                    prints latency.h's figures
 *   fts5-bench one DB QUERY          one query, hits on stdout (the
 *                                    one-query process)
 *
 * The table is `CREATE VIRTUAL TABLE p USING fts5(body, tokenize=
 * 'unicode61')`, filled in one transaction.  A query's words are quoted
 * and OR-ed, as cari and Xapian treat plain words, and ranked with
 * bm25(); each of the top 10 hits fetches its rowid and a snippet(), as
 * cari's searcher returns a snippet with highlights.
 */
#define _POSIX_C_SOURCE 200809L
#include "latency.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(sqlite3 *db, const char *what)
{
    fprintf(stderr, "fts5-bench: %s: %s\n", what, db ? sqlite3_errmsg(db) : "?");
    return 2;
}

static int build(const char *path, const char *paragraphs)
{
    remove(path);
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        return fail(db, path);
    if (sqlite3_exec(db,
                     "CREATE VIRTUAL TABLE p USING fts5(body, tokenize='unicode61');"
                     "BEGIN;",
                     NULL, NULL, NULL) != SQLITE_OK)
        return fail(db, "create");
    sqlite3_stmt *ins;
    if (sqlite3_prepare_v2(db, "INSERT INTO p(body) VALUES (?)", -1, &ins, NULL))
        return fail(db, "prepare");
    FILE *f = fopen(paragraphs, "rb");
    if (!f) {
        fprintf(stderr, "fts5-bench: %s: cannot open\n", paragraphs);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned long rows = 0;
    while ((n = getline(&line, &cap, f)) > 0) {
        if (line[n - 1] == '\n')
            n--;
        sqlite3_bind_text(ins, 1, line, (int)n, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE)
            return fail(db, "insert");
        sqlite3_reset(ins);
        rows++;
    }
    free(line);
    fclose(f);
    sqlite3_finalize(ins);
    if (sqlite3_exec(db, "COMMIT;", NULL, NULL, NULL) != SQLITE_OK)
        return fail(db, "commit");
    sqlite3_close(db);
    printf("rows=%lu\n", rows);
    return 0;
}

/* Makes the MATCH expression: every word double-quoted, OR-ed. */
static void match_expr(const char *q, char *out, size_t cap)
{
    size_t o = 0;
    const char *s = q;
    while (*s && o + 8 < cap) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        if (o) {
            memcpy(out + o, " OR ", 4);
            o += 4;
        }
        out[o++] = '"';
        while (*s && *s != ' ' && o + 4 < cap) {
            if (*s == '"')
                out[o++] = '"';
            out[o++] = *s++;
        }
        out[o++] = '"';
    }
    out[o] = 0;
}

/* Runs one query; returns the number of hits, or -1 on error. */
static int run_query(sqlite3 *db, sqlite3_stmt *st, const char *q, int print)
{
    char expr[4096];
    match_expr(q, expr, sizeof expr);
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_TRANSIENT);
    int hits = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        hits++;
        if (print)
            printf("%lld\t%.3f\t%s\n", (long long)sqlite3_column_int64(st, 0),
                   sqlite3_column_double(st, 1),
                   (const char *)sqlite3_column_text(st, 2));
        else
            (void)sqlite3_column_text(st, 2);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        fail(db, q);
        return -1;
    }
    return hits;
}

static const char *const top10 =
    "SELECT rowid, bm25(p), snippet(p, 0, '[', ']', '…', 30) FROM p "
    "WHERE p MATCH ? ORDER BY bm25(p) LIMIT 10";

static int query(const char *path, const char *queries, int one)
{
    sqlite3 *db;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return fail(db, path);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, top10, -1, &st, NULL))
        return fail(db, "prepare");
    if (one) {
        int hits = run_query(db, st, queries, 1);
        sqlite3_finalize(st);
        sqlite3_close(db);
        return hits < 0 ? 2 : hits == 0;
    }
    size_t nq;
    char **q = bench_read_queries(queries, &nq);
    if (!q)
        return 2;
    for (size_t i = 0; i < nq; i++)      /* warm-up */
        if (run_query(db, st, q[i], 0) < 0)
            return 2;
    double *lat = malloc((nq ? nq : 1) * sizeof *lat);
    double t0 = bench_now(), c0 = bench_cpu_now();
    for (size_t i = 0; i < nq; i++) {
        double t = bench_now();
        run_query(db, st, q[i], 0);
        lat[i] = bench_now() - t;
    }
    bench_report(lat, nq, bench_now() - t0, bench_cpu_now() - c0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "build"))
        return build(argv[2], argv[3]);
    if (argc == 4 && !strcmp(argv[1], "query"))
        return query(argv[2], argv[3], 0);
    if (argc == 4 && !strcmp(argv[1], "one"))
        return query(argv[2], argv[3], 1);
    fputs("usage: fts5-bench build DB PARAGRAPHS | query DB QUERIES | one DB QUERY\n",
          stderr);
    return 2;
}
