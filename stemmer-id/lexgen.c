/*
 * lexgen: the build-time generator of the root-word lexicon.
 *
 *   lexgen OUT.c DIC EXTRA
 *
 * Reads hunspell-id's dictionary DIC (ISO-8859-1; first line a count, then
 * `root[/FLAGS]` lines with two-character flags), the affix rules in the
 * .aff file beside it (to learn what each flag means), and the hand-written
 * list EXTRA (UTF-8, one root per line, `#` starts a comment), and writes OUT.c:
 * an open-addressing hash table (lexicon_data.h describes it) holding every
 * root lower-cased in UTF-8 with the SID_LEX_* bits of lexicon.h derived from
 * its flags.  A missing DIC is not an error: the table then holds only EXTRA
 * and sid_lex_hunspell_count is 0, which the library reports at run time.
 * Exits 0 on success, 2 with a message on stderr on any other failure.
 */
#include "lexicon.h"
#include "lexicon_hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct root {
    char *word;
    size_t len;
    uint64_t bits;
};

static struct root *roots;
static size_t nroots, caproots;

static void die(const char *what)
{
    fprintf(stderr, "lexgen: %s\n", what);
    exit(2);
}

/* Adds `word` (UTF-8, already lower-cased) or ORs `bits` into its entry. */
static void add_root(const char *word, size_t len, uint64_t bits)
{
    if (len == 0)
        return;
    if (nroots == caproots) {
        caproots = caproots ? caproots * 2 : 4096;
        roots = realloc(roots, caproots * sizeof *roots);
        if (!roots)
            die("out of memory");
    }
    roots[nroots].word = malloc(len + 1);
    if (!roots[nroots].word)
        die("out of memory");
    memcpy(roots[nroots].word, word, len);
    roots[nroots].word[len] = '\0';
    roots[nroots].len = len;
    roots[nroots].bits = bits | SID_LEX_ROOT;
    nroots++;
}

/* What each two-character flag of the .aff means, indexed by its two bytes:
 * the SID_LEX_* bits a root carrying it gets.  Filled by read_aff(). */
static uint64_t flag_meaning[256][256];
static int have_aff;
static char needaffix[3]; /* the NEEDAFFIX flag named by the .aff, or "" */

/* The family a flag's first letter names, or -1. */
static int family_of(char c)
{
    switch (c) {
    case 'B': return SID_FAM_BER;
    case 'D': return SID_FAM_DI;
    case 'K': return SID_FAM_KE;
    case 'M': return SID_FAM_MEN;
    case 'O': return SID_FAM_KU;
    case 'P': return SID_FAM_PEN;
    case 'R': return SID_FAM_PER;
    case 'S': return SID_FAM_SE;
    case 'T': return SID_FAM_TER;
    default: return -1;
    }
}

/* The derivational suffix an SFX rule adds ("kan/B1n0A1" -> -kan). */
static int suffix_of(const char *add)
{
    if (strncmp(add, "kan", 3) == 0)
        return SID_SUF_KAN;
    if (strncmp(add, "an", 2) == 0)
        return SID_SUF_AN;
    if (add[0] == 'i' && (add[1] == '\0' || add[1] == '/'))
        return SID_SUF_I;
    return SID_SUF_NONE;
}

/* Reads the rules of hunspell-id's .aff (FLAG long): a PFX flag whose
 * letter names a family means "takes that prefix"; an SFX flag with such a
 * letter is the suffix half of a confix ("Mk": meN-...-kan), told apart by
 * what its rules add; a lower-case SFX flag adding -an, -i or -kan is that
 * suffix alone.  Returns 0 when the file cannot be read. */
static int read_aff(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        char kind[16], flag[8], strip[64], add[128];
        if (sscanf(line, "%15s %7s", kind, flag) == 2 &&
            strcmp(kind, "NEEDAFFIX") == 0 && strlen(flag) == 2) {
            memcpy(needaffix, flag, 3);
            continue;
        }
        if (sscanf(line, "%15s %7s %63s %127s", kind, flag, strip, add) != 4 ||
            strlen(flag) != 2)
            continue;
        int pfx = strcmp(kind, "PFX") == 0;
        if (!pfx && strcmp(kind, "SFX") != 0)
            continue;
        if (strcmp(strip, "Y") == 0 || strcmp(strip, "N") == 0)
            continue; /* the header of a flag's rules, not a rule */
        uint64_t *m = &flag_meaning[(unsigned char)flag[0]]
                                   [(unsigned char)flag[1]];
        int fam = family_of(flag[0]);
        int suf = suffix_of(add);
        if (pfx && fam >= 0)
            *m |= SID_LEX_FAM(fam, SID_SUF_NONE);
        else if (!pfx && fam >= 0)
            *m |= SID_LEX_FAM(fam, suf);
        else if (!pfx && suf == SID_SUF_AN)
            *m |= SID_LEX_AN;
        else if (!pfx && suf == SID_SUF_I)
            *m |= SID_LEX_I;
        else if (!pfx && suf == SID_SUF_KAN)
            *m |= SID_LEX_KAN;
    }
    fclose(f);
    return 1;
}

/* The SID_LEX_* bits of a root with the flags f (n bytes, two per flag).
 * Without the .aff, a family letter counts for the prefix and all its
 * confixes, and a0, i0, k0 for -an, -i, -kan. */
static uint64_t flag_bits(const char *f, size_t n)
{
    uint64_t bits = n >= 2 ? SID_LEX_FLAGGED : 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        if (needaffix[0] && f[i] == needaffix[0] && f[i + 1] == needaffix[1])
            bits |= SID_LEX_BOUND;
        if (have_aff) {
            bits |= flag_meaning[(unsigned char)f[i]][(unsigned char)f[i + 1]];
            continue;
        }
        int fam = family_of(f[i]);
        if (fam >= 0)
            bits |= SID_LEX_FAM_ANY(fam);
        else if (f[i + 1] == '0' && f[i] == 'a')
            bits |= SID_LEX_AN;
        else if (f[i + 1] == '0' && f[i] == 'i')
            bits |= SID_LEX_I;
        else if (f[i + 1] == '0' && f[i] == 'k')
            bits |= SID_LEX_KAN;
    }
    return bits;
}

/* Reads the hunspell .dic; returns the number of roots read, 0 if absent. */
static size_t read_dic(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char line[1024], word[2048];
    size_t count = 0;
    int first = 1;
    while (fgets(line, sizeof line, f)) {
        if (first) { /* the entry count */
            first = 0;
            continue;
        }
        char *slash = strchr(line, '/');
        char *end = slash ? slash : line + strcspn(line, "\r\n");
        while (end > line && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
        /* ISO-8859-1 to UTF-8, lower-casing ASCII and Latin-1 capitals. */
        size_t n = 0;
        for (char *p = line; p < end; p++) {
            unsigned char c = (unsigned char)*p;
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            else if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
                c = (unsigned char)(c + 32);
            if (c < 0x80) {
                word[n++] = (char)c;
            } else {
                word[n++] = (char)(0xC0 | (c >> 6));
                word[n++] = (char)(0x80 | (c & 0x3F));
            }
        }
        uint64_t bits = 0;
        if (slash) {
            char *fl = slash + 1;
            size_t fn = strcspn(fl, " \t\r\n");
            bits = flag_bits(fl, fn);
        }
        if (n) {
            add_root(word, n, bits);
            count++;
        }
    }
    fclose(f);
    return count;
}

/* Reads the hand-written extra roots; returns how many. */
static size_t read_extra(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("cannot open the extra root list");
    char line[1024];
    size_t count = 0;
    while (fgets(line, sizeof line, f)) {
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *p = line + strspn(line, " \t");
        size_t n = strcspn(p, " \t\r\n");
        if (n) {
            add_root(p, n, SID_LEX_EXTRA);
            count++;
        }
    }
    fclose(f);
    return count;
}

static int cmp_root(const void *a, const void *b)
{
    const struct root *x = a, *y = b;
    return strcmp(x->word, y->word);
}

int main(int argc, char **argv)
{
    if (argc != 4)
        die("usage: lexgen OUT.c DIC EXTRA");
    /* The affix rules sit beside the dictionary: id_ID.dic, id_ID.aff. */
    size_t plen = strlen(argv[2]);
    if (plen > 4 && strcmp(argv[2] + plen - 4, ".dic") == 0) {
        char *aff = malloc(plen + 1);
        if (!aff)
            die("out of memory");
        memcpy(aff, argv[2], plen - 4);
        strcpy(aff + plen - 4, ".aff");
        have_aff = read_aff(aff);
        free(aff);
    }
    size_t nhun = read_dic(argv[2]);
    size_t nextra = read_extra(argv[3]);

    /* Merge duplicates (homographs, extras also in hunspell). */
    qsort(roots, nroots, sizeof *roots, cmp_root);
    size_t u = 0;
    for (size_t i = 0; i < nroots; i++) {
        if (u && strcmp(roots[u - 1].word, roots[i].word) == 0) {
            roots[u - 1].bits |= roots[i].bits;
            free(roots[i].word);
        } else
            roots[u++] = roots[i];
    }
    nroots = u;

    size_t nslots = 1;
    while (nslots < nroots * 2)
        nslots *= 2;
    uint32_t *slot_of = calloc(nslots, sizeof *slot_of); /* root index + 1 */
    if (!slot_of)
        die("out of memory");
    for (size_t i = 0; i < nroots; i++) {
        size_t h = sid_lexicon_hash(roots[i].word, roots[i].len) & (nslots - 1);
        while (slot_of[h])
            h = (h + 1) & (nslots - 1);
        slot_of[h] = (uint32_t)(i + 1);
    }

    FILE *out = fopen(argv[1], "w");
    if (!out)
        die("cannot write the output file");
    fprintf(out, "/* Generated by lexgen from %s and %s.  Do not edit. */\n",
            nhun ? argv[2] : "(missing dictionary)", argv[3]);
    fprintf(out, "#include \"lexicon_data.h\"\n\n");
    fprintf(out, "const size_t sid_lex_hunspell_count = %zu;\n", nhun);
    fprintf(out, "const size_t sid_lex_extra_count = %zu;\n", nextra);
    fprintf(out, "const uint32_t sid_lex_slot_mask = %zuu;\n\n", nslots - 1);
    /* The pool: every root NUL-terminated; offset 0 is a dummy "". */
    uint32_t *off = malloc((nroots + 1) * sizeof *off);
    if (!off)
        die("out of memory");
    fprintf(out, "const char sid_lex_pool[] =\n    \"\\0\"");
    uint32_t pos = 1;
    for (size_t i = 0; i < nroots; i++) {
        off[i] = pos;
        fprintf(out, "\n    \"");
        for (size_t k = 0; k < roots[i].len; k++) {
            unsigned char c = (unsigned char)roots[i].word[k];
            if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\')
                fprintf(out, "\\%03o", c);
            else
                fputc(c, out);
        }
        fprintf(out, "\\0\"");
        pos += (uint32_t)roots[i].len + 1;
    }
    fprintf(out, ";\n\nconst struct sid_lex_slot sid_lex_slots[] = {\n");
    for (size_t h = 0; h < nslots; h++) {
        if (slot_of[h]) {
            const struct root *r = &roots[slot_of[h] - 1];
            fprintf(out, "    {%uu, %zuu, 0x%llxull},\n", off[slot_of[h] - 1],
                    r->len, (unsigned long long)r->bits);
        } else {
            fprintf(out, "    {0, 0, 0},\n");
        }
    }
    fprintf(out, "};\n");
    if (fclose(out) != 0)
        die("error writing the output file");
    for (size_t i = 0; i < nroots; i++)
        free(roots[i].word);
    free(roots);
    free(slot_of);
    free(off);
    return 0;
}
