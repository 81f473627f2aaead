/* --help of cari's programs, the write check every short report to
 * stdout (--help, --version) ends with, and the message for an option
 * the command line got wrong. */
#ifndef CARI_CLI_HELP_H
#define CARI_CLI_HELP_H

#include <stdio.h>

/* Flushes out and checks that everything written to it arrived (a full
 * disk, a closed pipe).  Returns 0, or 2 after the one-line message
 * "PROG: error writing stdout" on stderr. */
int cari_cli_flushed(FILE *out, const char *prog);

/* Writes `usage` (prog's help text) to out.  Returns 0, or 2 as
 * cari_cli_flushed() when it cannot be written. */
int cari_cli_help(FILE *out, const char *usage, const char *prog);

/* Reports what getopt_long() refused, for a loop run with opterr = 0
 * and an optstring starting with ':': c is what it returned (':' an
 * option without its value, anything else an unknown option).  Writes
 * the one line "PROG: unknown option '--x' (try --help)" or "PROG:
 * option '--since' needs a value (try --help)" to stderr and returns 2,
 * the exit status. */
int cari_cli_bad_option(const char *prog, int c, char *const argv[]);

#endif
