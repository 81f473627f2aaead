/*
 * textify: strips HTML, XML (DocBook, Mallard) or man-page markup from
 * documentation files and prints their prose as paragraphs, one per line.
 *
 *   textify [--man] [FILE...]     (standard input when no FILE)
 *
 * A paragraph ends at every block-level tag (any tag not in the inline list
 * below), at a blank line in man pages and at their paragraph requests.
 * The contents of script, style, pre, code listings, Mallard <info> and
 * page chrome (header, nav, aside) are dropped.  Character references are
 * decoded; white space is collapsed.  It does not judge the language: the
 * corpus builder filters English out afterwards (build.sh).
 *
 * It is a benchmark tool, not a parser: malformed markup gives odd text,
 * never a failure.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The paragraph being collected. */
static char *para;
static size_t para_len, para_cap;
static int pending_space;

static void put_byte(int c)
{
    if (para_len + 8 >= para_cap) {
        para_cap = para_cap ? 2 * para_cap : 4096;
        para = realloc(para, para_cap);
        if (!para) {
            fputs("textify: out of memory\n", stderr);
            exit(2);
        }
    }
    para[para_len++] = (char)c;
}

/* Appends one character of text, collapsing white space. */
static void text_byte(int c)
{
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        pending_space = 1;
        return;
    }
    if (pending_space && para_len)
        put_byte(' ');
    pending_space = 0;
    put_byte(c);
}

static void text_utf8(unsigned long cp)
{
    if (cp == 0xA0) {          /* no-break space */
        text_byte(' ');
        return;
    }
    if (cp < 0x80) {
        text_byte((int)cp);
    } else if (cp < 0x800) {
        text_byte(0xC0 | (int)(cp >> 6));
        text_byte(0x80 | (int)(cp & 0x3F));
    } else if (cp < 0x10000) {
        text_byte(0xE0 | (int)(cp >> 12));
        text_byte(0x80 | (int)((cp >> 6) & 0x3F));
        text_byte(0x80 | (int)(cp & 0x3F));
    } else if (cp < 0x110000) {
        text_byte(0xF0 | (int)(cp >> 18));
        text_byte(0x80 | (int)((cp >> 12) & 0x3F));
        text_byte(0x80 | (int)((cp >> 6) & 0x3F));
        text_byte(0x80 | (int)(cp & 0x3F));
    }
}

/* Ends the current paragraph, printing it when it has any text. */
static void flush_para(void)
{
    if (para_len) {
        fwrite(para, 1, para_len, stdout);
        putchar('\n');
    }
    para_len = 0;
    pending_space = 0;
}

/* Tags that do not end a paragraph (HTML, DocBook and Mallard inline). */
static const char *const inline_tags[] = {
    "a", "abbr", "acronym", "app", "application", "b", "big", "bdi", "cite",
    "cmd", "code", "command", "em", "emphasis", "file", "filename", "font",
    "gui", "guibutton", "guiicon", "guilabel", "guimenu", "guimenuitem",
    "guiseq", "guisubmenu", "i", "img", "input", "kbd", "key", "keycap",
    "keycombo", "keyseq", "link", "literal", "mal:link", "nobr", "option",
    "output", "parameter", "productname", "q", "quote", "replaceable", "s",
    "small", "span", "strong", "sub", "sup", "sys", "systemitem", "tt", "u",
    "ulink", "userinput", "var", "varname", "wbr", "xref", "envar",
    "firstterm", "glossterm", "phrase", "citetitle", "trademark", "acronym",
    "ui:link", "uix:link", "its:rules", NULL,
};

/* Tags whose whole content is dropped. */
static const char *const skip_tags[] = {
    "script", "style", "pre", "screen", "programlisting", "synopsis",
    "info", "head", "header", "nav", "aside", "noscript", "svg", "math",
    "button", "label", "code-block", "literallayout", "cmdsynopsis",
    "funcsynopsis", "footer", "select", NULL,
};

static int in_list(const char *const *list, const char *name)
{
    for (; *list; list++)
        if (!strcmp(*list, name))
            return 1;
    return 0;
}

/* Decodes the character reference at s (just after '&'); returns the bytes
 * consumed after '&', or 0 when it is not one (the '&' is then text). */
static size_t entity(const char *s, size_t n)
{
    static const struct { const char *name; unsigned long cp; } names[] = {
        {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
        {"nbsp", 0xA0}, {"ndash", 0x2013}, {"mdash", 0x2014},
        {"hellip", 0x2026}, {"laquo", 0xAB}, {"raquo", 0xBB},
        {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
        {"rdquo", 0x201D}, {"copy", 0xA9}, {"reg", 0xAE}, {"times", 0xD7},
        {"rarr", 0x2192}, {"larr", 0x2190}, {"eacute", 0xE9},
    };
    size_t end = 0;
    while (end < n && end < 12 && s[end] != ';')
        end++;
    if (end >= n || s[end] != ';' || end == 0)
        return 0;
    if (s[0] == '#') {
        unsigned long cp = s[1] == 'x' || s[1] == 'X'
                               ? strtoul(s + 2, NULL, 16)
                               : strtoul(s + 1, NULL, 10);
        if (cp)
            text_utf8(cp);
        return end + 1;
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i].name) == end && !memcmp(names[i].name, s, end)) {
            text_utf8(names[i].cp);
            return end + 1;
        }
    return 0;
}

/* Strips HTML/XML markup from buf[0..n). */
static void markup(const char *buf, size_t n)
{
    const char *skip_until = NULL; /* the tag name whose end ends skipping */
    char skip_name[64];
    int skip_depth = 0;
    size_t i = 0;
    while (i < n) {
        char c = buf[i];
        if (c == '<') {
            if (!strncmp(buf + i, "<!--", 4)) {
                const char *e = strstr(buf + i + 4, "-->");
                i = e ? (size_t)(e - buf) + 3 : n;
                continue;
            }
            if (!strncmp(buf + i, "<![CDATA[", 9)) {
                const char *e = strstr(buf + i + 9, "]]>");
                size_t end = e ? (size_t)(e - buf) : n;
                if (!skip_until)
                    for (size_t k = i + 9; k < end; k++)
                        text_byte((unsigned char)buf[k]);
                i = e ? end + 3 : n;
                continue;
            }
            const char *gt = memchr(buf + i, '>', n - i);
            if (!gt)
                break;
            size_t j = i + 1;
            int closing = 0;
            if (j < n && buf[j] == '/') {
                closing = 1;
                j++;
            }
            char name[64];
            size_t k = 0;
            while (j < (size_t)(gt - buf) && k + 1 < sizeof name &&
                   (isalnum((unsigned char)buf[j]) || buf[j] == ':' ||
                    buf[j] == '-' || buf[j] == '_'))
                name[k++] = (char)tolower((unsigned char)buf[j++]);
            name[k] = 0;
            int self_closing = gt > buf + i && gt[-1] == '/';
            i = (size_t)(gt - buf) + 1;
            if (!k)            /* <!DOCTYPE ...>, <?xml ...?> */
                continue;
            if (skip_until) {
                if (!strcmp(name, skip_name) && !self_closing) {
                    skip_depth += closing ? -1 : 1;
                    if (!skip_depth)
                        skip_until = NULL;
                }
                continue;
            }
            if (!closing && !self_closing && in_list(skip_tags, name)) {
                flush_para();
                strcpy(skip_name, name);
                skip_until = skip_name;
                skip_depth = 1;
                continue;
            }
            if (!strcmp(name, "br"))
                text_byte(' ');
            else if (!in_list(inline_tags, name))
                flush_para();
            continue;
        }
        if (skip_until) {
            i++;
            continue;
        }
        if (c == '&') {
            size_t used = entity(buf + i + 1, n - i - 1);
            if (used) {
                i += used + 1;
                continue;
            }
        }
        text_byte((unsigned char)c);
        i++;
    }
    flush_para();
}

/* Appends man-page text, dropping font escapes and decoding the common
 * special characters. */
static void man_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\') {
            if (s[i] != '"')
                text_byte((unsigned char)s[i]);
            continue;
        }
        if (++i >= n)
            break;
        switch (s[i]) {
        case 'f':              /* \fB, \f(CW, \f[B] */
            if (i + 1 < n && s[i + 1] == '(')
                i += 3;
            else if (i + 1 < n && s[i + 1] == '[')
                while (i < n && s[i] != ']')
                    i++;
            else
                i++;
            break;
        case '(':              /* \(em, \(aq ... */
            if (i + 2 < n) {
                if (!strncmp(s + i + 1, "aq", 2) || !strncmp(s + i + 1, "cq", 2))
                    text_byte('\'');
                else if (!strncmp(s + i + 1, "em", 2) || !strncmp(s + i + 1, "en", 2))
                    text_byte('-');
                else if (!strncmp(s + i + 1, "dq", 2))
                    text_byte('"');
            }
            i += 2;
            break;
        case '-': text_byte('-'); break;
        case 'e': text_byte('\\'); break;
        case '&': case '/': case ',': case ':': break;
        case '*':              /* \*(XX, \*X string registers: dropped */
            if (i + 1 < n && s[i + 1] == '(')
                i += 3;
            else
                i++;
            break;
        default: text_byte(' '); break;
        }
    }
}

/* Strips man-page (roff) markup from buf[0..n), line by line. */
static void man(const char *buf, size_t n)
{
    int no_fill = 0;
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(buf + i, '\n', n - i);
        size_t end = nl ? (size_t)(nl - buf) : n;
        const char *line = buf + i;
        size_t len = end - i;
        i = end + 1;
        if (len == 0) {
            flush_para();
            continue;
        }
        if (line[0] != '.' && line[0] != '\'') {
            if (!no_fill)
                man_text(line, len);
            text_byte(' ');
            continue;
        }
        char req[4] = {0};
        size_t k = 1, r = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t'))
            k++;
        while (k < len && r < 3 && line[k] != ' ')
            req[r++] = line[k++];
        if (!strcmp(req, "nf") || !strcmp(req, "EX")) {
            flush_para();
            no_fill = 1;
        } else if (!strcmp(req, "fi") || !strcmp(req, "EE")) {
            no_fill = 0;
        } else if (!strcmp(req, "B") || !strcmp(req, "I") || !strcmp(req, "BR") ||
                   !strcmp(req, "IR") || !strcmp(req, "RB") || !strcmp(req, "RI") ||
                   !strcmp(req, "BI") || !strcmp(req, "IB")) {
            if (!no_fill)
                man_text(line + k, len - k);
            text_byte(' ');
        } else {
            /* .PP .SH .TP .IP .LP .P .SS .br .sp and the rest: a break. */
            flush_para();
        }
    }
    flush_para();
}

static char *slurp(FILE *f, size_t *out_len)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap + 1);
    size_t got;
    while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            cap *= 2;
            char *nb = realloc(buf, cap + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    if (buf)
        buf[len] = 0;      /* strstr() above relies on the terminator */
    *out_len = len;
    return buf;
}

int main(int argc, char **argv)
{
    int is_man = 0, files = 0, rc = 0;
    for (int a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "--man")) {
            is_man = 1;
            continue;
        }
        files++;
        FILE *f = fopen(argv[a], "rb");
        if (!f) {
            fprintf(stderr, "textify: %s: cannot open\n", argv[a]);
            rc = 1;
            continue;
        }
        size_t n;
        char *buf = slurp(f, &n);
        fclose(f);
        if (!buf) {
            fputs("textify: out of memory\n", stderr);
            return 2;
        }
        (is_man ? man : markup)(buf, n);
        free(buf);
    }
    if (!files) {
        size_t n;
        char *buf = slurp(stdin, &n);
        if (!buf) {
            fputs("textify: out of memory\n", stderr);
            return 2;
        }
        (is_man ? man : markup)(buf, n);
        free(buf);
    }
    return rc;
}
