/*
 * latency.h: the timing and percentile helpers shared by the benchmark's
 * query programs (C and C++), so every tool reports latencies alike.
 * Header-only; benchmark code only.  C users define _POSIX_C_SOURCE
 * (200809L) before any include, for clock_gettime().
 */
#ifndef CARI_BENCH_LATENCY_H
#define CARI_BENCH_LATENCY_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* Monotonic time in seconds. */
static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time (user + system) this process has used, in seconds: unlike wall
 * time, it hardly depends on what else the machine runs. */
static inline double bench_cpu_now(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The p-th percentile (0..100) of the sorted array v[0..n), nearest rank. */
static inline double bench_percentile(const double *v, size_t n, double p)
{
    if (!n)
        return 0;
    size_t k = (size_t)(p / 100.0 * (double)n + 0.999999);
    if (k < 1)
        k = 1;
    if (k > n)
        k = n;
    return v[k - 1];
}

/* Prints "p50_ms=.. p95_ms=.. p99_ms=.. mean_ms=.. qps=.. cpu_ms=.." for n
 * latencies in seconds (sorts them in place) measured over `total` seconds
 * of wall time and `cpu` seconds of CPU time. */
static inline void bench_report(double *lat, size_t n, double total, double cpu)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += lat[i];
    qsort(lat, n, sizeof *lat, bench_cmp_double);
    printf("queries=%zu p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f mean_ms=%.3f qps=%.1f "
           "cpu_ms=%.3f\n",
           n, 1e3 * bench_percentile(lat, n, 50), 1e3 * bench_percentile(lat, n, 95),
           1e3 * bench_percentile(lat, n, 99), n ? 1e3 * sum / (double)n : 0.0,
           total > 0 ? (double)n / total : 0.0, n ? 1e3 * cpu / (double)n : 0.0);
}

/* Reads a queries file: one query per line, or "kind<TAB>query" (the kind
 * is dropped).  Returns a NULL-terminated array (free each, then it), or
 * NULL with a message on stderr. */
static inline char **bench_read_queries(const char *path, size_t *out_n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bench: %s: cannot open\n", path);
        return NULL;
    }
    char line[4096];
    size_t n = 0, cap = 0;
    char **q = NULL;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        char *tab = strrchr(line, '\t');
        const char *text = tab ? tab + 1 : line;
        if (!*text)
            continue;
        if (n + 2 > cap) {
            cap = cap ? 2 * cap : 1024;
            char **nq = (char **)realloc(q, cap * sizeof *q);
            if (!nq)
                break;
            q = nq;
        }
        size_t len = strlen(text);
        q[n] = (char *)malloc(len + 1);
        if (!q[n])
            break;
        memcpy(q[n], text, len + 1);
        n++;
    }
    fclose(f);
    if (!q) {
        fprintf(stderr, "bench: %s: no queries\n", path);
        return NULL;
    }
    q[n] = NULL;
    *out_n = n;
    return q;
}

#endif
