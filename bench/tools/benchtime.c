/*
 * benchtime: runs commands and measures them, so that the benchmark needs
 * neither GNU time nor a shell's timing.
 *
 *   benchtime run OUT -- CMD [ARG...]
 *       Runs CMD once (its output goes where benchtime's goes) and writes
 *       "wall_s=.. user_s=.. sys_s=.. maxrss_kb=.. status=.." to the file
 *       OUT.
 *
 *   benchtime perquery QUERIES [--warmup N] [--max N] -- CMD [ARG...]
 *       Runs CMD once per query (its output discarded), each argument "{}"
 *       replaced by the query, after N warm-up runs (default 20) of the
 *       first queries; prints the per-process latency percentiles and the
 *       processes' CPU time per query as latency.h does, plus "errors="
 *       (runs that exited 2 or worse; 1 is grep's "no match" and counts as
 *       success).
 *
 * The peak RSS is the child's (wait4's ru_maxrss, including any process it
 * waited for).  Exit 0, or 2 on a usage or system error.
 */
#define _DEFAULT_SOURCE
#include "latency.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

/* Runs argv; stores its wait status and resource usage.  Output goes to
 * /dev/null when quiet.  Returns -1 if it could not be started. */
static int run(char **argv, int quiet, int *status, struct rusage *ru)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        if (quiet) {
            int fd = open("/dev/null", O_WRONLY);
            if (fd >= 0) {
                dup2(fd, 1);
                dup2(fd, 2);
                close(fd);
            }
        }
        execvp(argv[0], argv);
        fprintf(stderr, "benchtime: %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    while (wait4(pid, status, 0, ru) < 0)
        if (errno != EINTR)
            return -1;
    return 0;
}

static double tv(struct timeval t) { return (double)t.tv_sec + (double)t.tv_usec * 1e-6; }

static int cmd_run(const char *out_path, char **argv)
{
    struct rusage ru;
    int status;
    double t0 = bench_now();
    if (run(argv, 0, &status, &ru)) {
        fprintf(stderr, "benchtime: cannot run %s\n", argv[0]);
        return 2;
    }
    double wall = bench_now() - t0;
    FILE *out = fopen(out_path, "w");
    if (!out) {
        fprintf(stderr, "benchtime: %s: %s\n", out_path, strerror(errno));
        return 2;
    }
    fprintf(out,
            "wall_s=%.3f user_s=%.3f sys_s=%.3f maxrss_kb=%ld status=%d\n", wall,
            tv(ru.ru_utime), tv(ru.ru_stime), ru.ru_maxrss,
            WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    return fclose(out) ? 2 : 0;
}

static int cmd_perquery(const char *queries, int warmup, size_t max, char **argv)
{
    size_t nq;
    char **q = bench_read_queries(queries, &nq);
    if (!q)
        return 2;
    if (max && max < nq)
        nq = max;
    int argc = 0;
    while (argv[argc])
        argc++;
    char **args = malloc((size_t)(argc + 1) * sizeof *args);
    double *lat = malloc((nq ? nq : 1) * sizeof *lat);
    if (!args || !lat)
        return 2;
    size_t errors = 0;
    double total = 0, cpu = 0;
    for (long i = -(long)warmup; i < (long)nq; i++) {
        const char *query = q[(i < 0 ? (size_t)(i + warmup) : (size_t)i) % nq];
        for (int a = 0; a <= argc; a++)
            args[a] = argv[a] && !strcmp(argv[a], "{}") ? (char *)query : argv[a];
        struct rusage ru;
        int status;
        double t0 = bench_now();
        if (run(args, 1, &status, &ru)) {
            fprintf(stderr, "benchtime: cannot run %s\n", argv[0]);
            return 2;
        }
        double dt = bench_now() - t0;
        if (i < 0)
            continue;
        lat[i] = dt;
        total += dt;
        cpu += tv(ru.ru_utime) + tv(ru.ru_stime);
        if (!WIFEXITED(status) || WEXITSTATUS(status) >= 2)
            errors++;
    }
    bench_report(lat, nq, total, cpu);
    printf("errors=%zu\n", errors);
    return 0;
}

int main(int argc, char **argv)
{
    const char *usage =
        "usage: benchtime run OUT -- CMD [ARG...]\n"
        "       benchtime perquery QUERIES [--warmup N] [--max N] -- CMD [ARG...] ({} = query)\n";
    if (argc < 3) {
        fputs(usage, stderr);
        return 2;
    }
    int dd = 0;
    for (int i = 2; i < argc; i++)
        if (!strcmp(argv[i], "--")) {
            dd = i;
            break;
        }
    if (!dd || dd + 1 >= argc) {
        fputs(usage, stderr);
        return 2;
    }
    if (!strcmp(argv[1], "run"))
        return dd == 3 ? cmd_run(argv[2], argv + dd + 1) : (fputs(usage, stderr), 2);
    if (!strcmp(argv[1], "perquery")) {
        int warmup = 20;
        size_t max = 0;
        for (int i = 3; i + 1 < dd; i += 2) {
            if (!strcmp(argv[i], "--warmup"))
                warmup = atoi(argv[i + 1]);
            else if (!strcmp(argv[i], "--max"))
                max = (size_t)strtoul(argv[i + 1], NULL, 10);
        }
        return cmd_perquery(argv[2], warmup, max, argv + dd + 1);
    }
    fputs(usage, stderr);
    return 2;
}
