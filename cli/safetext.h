/* Text from articles, file names and queries, made safe for a terminal
 * and for line-based formats.
 *
 * An article's title, text, id or metadata may hold bytes a terminal
 * obeys: ESC sequences (colours, cursor moves, OSC 52 clipboard writes),
 * BEL, the C1 controls (U+0080..U+009F, CSI among them), and the bidi
 * overrides and isolates (U+202A..U+202E, U+2066..U+2069) that reorder
 * what is shown.  Everything the programs print that comes from outside
 * (results for people, TSV, TREC, warnings and errors) goes through these
 * functions, which write such characters as visible escapes:
 *
 *   a C0 control or DEL     \t \n \r, else \xHH     (\x1b for ESC)
 *   a C1 control, a bidi    \uXXXX                  (\u202e)
 *   a byte that is not UTF-8  \xHH                  (\xff)
 *
 * Everything else, backslashes included, is written as it is (but
 * CLI_ESCAPE_FIELD writes a backslash as \\). */
#ifndef CARI_CLI_SAFETEXT_H
#define CARI_CLI_SAFETEXT_H

#include <stddef.h>
#include <stdio.h>

/* What a line-based format does with white-space controls. */
typedef enum {
    CLI_ESCAPE = 0, /* every control escaped, tab and line breaks too */
    CLI_ESCAPE_TSV, /* tab, CR, LF become a space (a TSV field); others escaped */
    CLI_ESCAPE_WORD, /* space, tab, CR, LF become '_' (a TREC field); others escaped */
    CLI_ESCAPE_FIELD /* as CLI_ESCAPE, and a backslash becomes \\, so that a
                        program can read the field back (--list's ids) */
} cli_escape_mode;

/* Writes s[0..len) to out, escaped as above under `mode`.  Never fails;
 * write errors show in ferror(out). */
void cli_put_safe(FILE *out, const char *s, size_t len, cli_escape_mode mode);

/* cli_put_safe() of a NUL-terminated string (NULL writes nothing). */
void cli_puts_safe(FILE *out, const char *s, cli_escape_mode mode);

/* printf() for messages: formats fmt and writes it to out with every
 * control escaped (CLI_ESCAPE), except one line break at its very end,
 * so a file name or query in a message can neither move the cursor nor
 * start a line of its own.  Returns what fprintf() would (bytes written
 * before escaping), or a negative value when out of memory. */
int cli_printf_safe(FILE *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
