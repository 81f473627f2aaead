/*
 * scale: grows a base of real Indonesian paragraphs into a benchmark corpus
 * of a given size, deterministically, and draws the benchmark queries.
 *
 *   scale --base FILE --seed N --size BYTES --out DIR
 *   scale --base FILE --seed N --queries COUNT > queries.tsv
 *
 * The base is one paragraph per line (build.sh makes it from Debian's
 * Indonesian documentation).  With --size, scale writes into DIR:
 *
 *   articles/NNNN/aNNNNNNN.txt  cari's article format: a title line, an
 *                               empty line, then one paragraph per line
 *                               (1,000 articles per folder)
 *   articles.jsonl              the same articles for `indexer --jsonl`:
 *                               {"id": ..., "title": ..., "text": ...}
 *   paragraphs.txt              every paragraph, one per line: the rows
 *                               the peers index
 *   stats.txt                   articles, paragraphs, bytes, word types
 *
 * until the article text (titles and paragraphs, with their newlines)
 * reaches BYTES.  Output depends only on the base, the seed and BYTES, and
 * a smaller size is a prefix of a larger one.
 *
 * How text is made.  An article picks an anchor paragraph of the base; each
 * of its paragraphs recombines 1-5 sentences taken near the anchor, so an
 * article keeps one topic.  While copying, words are rewritten so that the
 * vocabulary keeps growing with the corpus, as real text's does (Heaps'
 * law): capitalised words may become synthetic names, content words may
 * become new derived forms (an affix combination over a base word), digits
 * become other numbers.  Names and forms are drawn from Pitman-Yor
 * processes, so a few are frequent, most are rare, and new ones keep
 * appearing at a rate that falls slowly.  A 64-bit hash set of paragraphs
 * guarantees that no paragraph repeats exactly.
 *
 * With --queries, scale prints COUNT queries of 1-4 lower-case words drawn
 * from the base alone (so every size shares them), one per line as
 * "kind<TAB>query", the kinds being frequent, mid and rare single terms,
 * two-word mixes, adjacent pairs, and three- and four-word runs.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- random numbers: splitmix64, fixed algorithm so runs agree -------- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static size_t rnd_below(size_t n)
{
    return n ? (size_t)(rnd() % n) : 0;
}

/* Uniform in [0, 1). */
static double rnd_unit(void)
{
    return (double)(rnd() >> 11) * (1.0 / 9007199254740992.0);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("scale: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fputs("scale: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

/* ---- a growable byte buffer ------------------------------------------- */

typedef struct {
    char *s;
    size_t len, cap;
} buf;

static void buf_add(buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

static void buf_str(buf *b, const char *s) { buf_add(b, s, strlen(s)); }

/* ---- the base: paragraphs split into sentences ------------------------ */

typedef struct {
    char **sent;        /* sentences, NUL-terminated */
    size_t nsent;
} para;

static para *base;
static size_t nbase;

/* Splits paragraph text at ". ", "! ", "? " into sentences. */
static void add_base_para(const char *text)
{
    para p = {NULL, 0};
    const char *start = text;
    for (const char *s = text;; s++) {
        int end = !*s || ((s[0] == '.' || s[0] == '!' || s[0] == '?') &&
                          s[1] == ' ' && s > start + 1);
        if (!end)
            continue;
        const char *e = *s ? s + 1 : s;
        while (start < e && *start == ' ')
            start++;
        if (e > start) {
            p.sent = xrealloc(p.sent, (p.nsent + 1) * sizeof *p.sent);
            char *c = xmalloc((size_t)(e - start) + 1);
            memcpy(c, start, (size_t)(e - start));
            c[e - start] = 0;
            p.sent[p.nsent++] = c;
        }
        if (!*s)
            break;
        start = s + 1;
    }
    if (!p.nsent)
        return;
    base = xrealloc(base, (nbase + 1) * sizeof *base);
    base[nbase++] = p;
}

static void load_base(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "scale: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        if (n)
            add_base_para(line);
    }
    free(line);
    fclose(f);
    if (nbase < 10) {
        fprintf(stderr, "scale: %s: fewer than 10 paragraphs\n", path);
        exit(2);
    }
}

/* ---- words ----------------------------------------------------------- */

static int is_word_byte(unsigned char c) { return isalnum(c) || c >= 0x80; }

/* Base words eligible as roots of derived forms (lower-case letters, 4+). */
static char **roots;
static size_t nroots;

static void collect_roots(void)
{
    /* Sorted unique list, built by insertion into a simple hash set. */
    size_t cap = 1 << 16, used = 0;
    char **set = calloc(cap, sizeof *set);
    if (!set)
        exit(2);
    for (size_t p = 0; p < nbase; p++)
        for (size_t s = 0; s < base[p].nsent; s++) {
            const char *t = base[p].sent[s];
            while (*t) {
                while (*t && !is_word_byte((unsigned char)*t))
                    t++;
                const char *w = t;
                int ok = 1;
                while (*t && is_word_byte((unsigned char)*t)) {
                    if (*t < 'a' || *t > 'z')
                        ok = 0;
                    t++;
                }
                size_t n = (size_t)(t - w);
                if (!ok || n < 4 || n > 12)
                    continue;
                uint64_t h = 1469598103934665603ull;
                for (size_t i = 0; i < n; i++)
                    h = (h ^ (unsigned char)w[i]) * 1099511628211ull;
                size_t i = (size_t)h & (cap - 1);
                while (set[i] && !(strlen(set[i]) == n && !memcmp(set[i], w, n)))
                    i = (i + 1) & (cap - 1);
                if (set[i])
                    continue;
                set[i] = xmalloc(n + 1);
                memcpy(set[i], w, n);
                set[i][n] = 0;
                if (++used * 2 > cap) {   /* grow: rehash */
                    size_t ncap = cap * 2;
                    char **ns = calloc(ncap, sizeof *ns);
                    if (!ns)
                        exit(2);
                    for (size_t k = 0; k < cap; k++) {
                        if (!set[k])
                            continue;
                        uint64_t g = 1469598103934665603ull;
                        for (const char *c = set[k]; *c; c++)
                            g = (g ^ (unsigned char)*c) * 1099511628211ull;
                        size_t j = (size_t)g & (ncap - 1);
                        while (ns[j])
                            j = (j + 1) & (ncap - 1);
                        ns[j] = set[k];
                    }
                    free(set);
                    set = ns;
                    cap = ncap;
                }
            }
        }
    /* Keep the hash-table order: it depends only on the base. */
    roots = xmalloc(used * sizeof *roots);
    for (size_t k = 0; k < cap; k++)
        if (set[k])
            roots[nroots++] = set[k];
    free(set);
}

/* ---- Pitman-Yor word sources ------------------------------------------ */

/* A source of words: each draw returns an existing word with probability
 * proportional to its count (less the discount) or a new one. */
typedef struct {
    double theta, discount;
    char **words;          /* the distinct words made so far */
    size_t nwords;
    uint32_t *draws;       /* the word index of every draw so far */
    size_t ndraws, cap;
    void (*make)(buf *);   /* makes a new word */
} source;

static const char *source_draw(source *s)
{
    double p_new = (s->theta + s->discount * (double)s->nwords) /
                   ((double)s->ndraws + s->theta);
    size_t w;
    if (!s->ndraws || rnd_unit() < p_new) {
        buf b = {0};
        s->make(&b);
        s->words = xrealloc(s->words, (s->nwords + 1) * sizeof *s->words);
        s->words[s->nwords] = b.s;
        w = s->nwords++;
    } else {
        /* A uniform earlier draw picks a word proportionally to its count;
         * the discount's correction is left out (it only sharpens the
         * head slightly). */
        w = s->draws[rnd_below(s->ndraws)];
    }
    if (s->ndraws == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 4096;
        s->draws = xrealloc(s->draws, s->cap * sizeof *s->draws);
    }
    s->draws[s->ndraws++] = (uint32_t)w;
    return s->words[w];
}

/* A synthetic proper name: 2-4 Indonesian-looking syllables. */
static void make_name(buf *b)
{
    static const char *const onset[] = {
        "b", "c", "d", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t",
        "w", "y", "ng", "ny", "sr", "tr", "kr", "pr", "br", "",
    };
    static const char *const vowel[] = {"a", "i", "u", "e", "o", "a", "a", "i"};
    static const char *const coda[] = {"", "", "", "", "n", "ng", "r", "s", "t",
                                       "k", "h", "m"};
    size_t syl = 2 + rnd_below(3);
    size_t start = b->len;
    for (size_t i = 0; i < syl; i++) {
        buf_str(b, onset[rnd_below(sizeof onset / sizeof *onset)]);
        buf_str(b, vowel[rnd_below(sizeof vowel / sizeof *vowel)]);
        if (i + 1 == syl || rnd_below(3) == 0)
            buf_str(b, coda[rnd_below(sizeof coda / sizeof *coda)]);
    }
    b->s[start] = (char)toupper((unsigned char)b->s[start]);
}

/* A derived form: affixes around a base root (no morphophonemics: the
 * forms need only look like Indonesian to a tokenizer and a stemmer). */
static void make_form(buf *b)
{
    static const char *const prefix[] = {
        "", "", "me", "mem", "men", "meng", "di", "ber", "ter", "pe", "pem",
        "pen", "peng", "ke", "se", "per", "memper", "diper",
    };
    static const char *const suffix[] = {
        "", "", "kan", "an", "i", "nya", "lah", "kah", "annya", "kannya",
    };
    const char *p, *s;
    do {
        p = prefix[rnd_below(sizeof prefix / sizeof *prefix)];
        s = suffix[rnd_below(sizeof suffix / sizeof *suffix)];
    } while (!*p && !*s);
    buf_str(b, p);
    buf_str(b, roots[rnd_below(nroots)]);
    buf_str(b, s);
}

static source names = {.theta = 2000, .discount = 0.75, .make = make_name};
static source forms = {.theta = 2000, .discount = 0.75, .make = make_form};

/* Appends sentence s to b, rewriting words as the overview says. */
static void rewrite(buf *b, const char *s)
{
    const char *start = s;
    int first = 1;
    while (*s) {
        if (!is_word_byte((unsigned char)*s)) {
            buf_add(b, s, 1);
            s++;
            continue;
        }
        const char *w = s;
        int upper = isupper((unsigned char)*s), lower = 1, digits = 1;
        while (*s && is_word_byte((unsigned char)*s)) {
            if (*s < 'a' || *s > 'z')
                lower = 0;
            if (!isdigit((unsigned char)*s))
                digits = 0;
            s++;
        }
        size_t n = (size_t)(s - w);
        int joined = *s == '-' || (w > start && w[-1] == '-');
        if (digits && rnd_below(2)) {
            for (size_t i = 0; i < n; i++) {
                char d = (char)('0' + rnd_below(10));
                buf_add(b, &d, 1);
            }
        } else if (upper && !first && !joined && n >= 3 && rnd_below(10) < 3) {
            buf_str(b, source_draw(&names));
        } else if (lower && !joined && n >= 4 && rnd_below(100) < 6) {
            buf_str(b, source_draw(&forms));
        } else {
            buf_add(b, w, n);
        }
        first = 0;
    }
}

/* ---- paragraph de-duplication ----------------------------------------- */

static uint64_t *seen;
static size_t seen_cap, seen_used;

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h ? h : 1;
}

/* Records h; returns 0 when it was already there. */
static int seen_add(uint64_t h)
{
    if ((seen_used + 1) * 2 > seen_cap) {
        size_t ncap = seen_cap ? 2 * seen_cap : 1 << 16;
        uint64_t *ns = calloc(ncap, sizeof *ns);
        if (!ns)
            exit(2);
        for (size_t i = 0; i < seen_cap; i++)
            if (seen[i]) {
                size_t j = (size_t)seen[i] & (ncap - 1);
                while (ns[j])
                    j = (j + 1) & (ncap - 1);
                ns[j] = seen[i];
            }
        free(seen);
        seen = ns;
        seen_cap = ncap;
    }
    size_t i = (size_t)h & (seen_cap - 1);
    while (seen[i]) {
        if (seen[i] == h)
            return 0;
        i = (i + 1) & (seen_cap - 1);
    }
    seen[i] = h;
    seen_used++;
    return 1;
}

/* ---- output ------------------------------------------------------------ */

static void json_string(FILE *f, const char *s, size_t n)
{
    putc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            putc('\\', f);
            putc(c, f);
        } else if (c == '\n') {
            fputs("\\n", f);
        } else if (c == '\t') {
            fputs("\\t", f);
        } else if (c < 0x20) {
            fprintf(f, "\\u%04x", c);
        } else {
            putc(c, f);
        }
    }
    putc('"', f);
}

static void mkdir_or_die(const char *path)
{
    if (mkdir(path, 0777) && errno != EEXIST) {
        fprintf(stderr, "scale: %s: %s\n", path, strerror(errno));
        exit(2);
    }
}

static FILE *open_or_die(const char *path, const char *mode)
{
    FILE *f = fopen(path, mode);
    if (!f) {
        fprintf(stderr, "scale: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    return f;
}

/* Counts distinct words (lower-cased bytes) of everything generated, for
 * stats.txt: a hash set of 64-bit word hashes. */
static uint64_t *types;
static size_t types_cap, types_used;

static void count_types(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && !is_word_byte((unsigned char)s[i]))
            i++;
        uint64_t h = 1469598103934665603ull;
        size_t start = i;
        while (i < n && is_word_byte((unsigned char)s[i]))
            h = (h ^ (unsigned char)tolower((unsigned char)s[i++])) * 1099511628211ull;
        if (i == start)
            continue;
        h = h ? h : 1;
        if ((types_used + 1) * 2 > types_cap) {
            size_t ncap = types_cap ? 2 * types_cap : 1 << 16;
            uint64_t *nt = calloc(ncap, sizeof *nt);
            if (!nt)
                exit(2);
            for (size_t k = 0; k < types_cap; k++)
                if (types[k]) {
                    size_t j = (size_t)types[k] & (ncap - 1);
                    while (nt[j])
                        j = (j + 1) & (ncap - 1);
                    nt[j] = types[k];
                }
            free(types);
            types = nt;
            types_cap = ncap;
        }
        size_t j = (size_t)h & (types_cap - 1);
        while (types[j] && types[j] != h)
            j = (j + 1) & (types_cap - 1);
        if (!types[j]) {
            types[j] = h;
            types_used++;
        }
    }
}

/* Makes a title: the first 3-9 words of a sentence near the anchor,
 * rewritten, without its final punctuation, capitalised. */
static void make_title(buf *t, size_t anchor)
{
    const para *p = &base[anchor];
    const char *s = p->sent[rnd_below(p->nsent)];
    buf raw = {0};
    rewrite(&raw, s);
    size_t words = 3 + rnd_below(7), seen_words = 0, i = 0, end = 0;
    while (i < raw.len && seen_words < words) {
        while (i < raw.len && raw.s[i] == ' ')
            i++;
        while (i < raw.len && raw.s[i] != ' ')
            i++;
        seen_words++;
        end = i;
    }
    while (end && strchr(".,;:!? ", raw.s[end - 1]))
        end--;
    buf_add(t, raw.s, end);
    if (t->len)
        t->s[0] = (char)toupper((unsigned char)t->s[0]);
    if (rnd_below(3) == 0) {
        buf_str(t, " di ");
        buf_str(t, source_draw(&names));
    }
    free(raw.s);
}

static void generate(const char *dir, unsigned long long size)
{
    char path[4096];
    mkdir_or_die(dir);
    snprintf(path, sizeof path, "%s/articles", dir);
    mkdir_or_die(path);
    snprintf(path, sizeof path, "%s/articles.jsonl", dir);
    FILE *jsonl = open_or_die(path, "wb");
    snprintf(path, sizeof path, "%s/paragraphs.txt", dir);
    FILE *paras = open_or_die(path, "wb");

    unsigned long long bytes = 0, npara = 0, words = 0;
    unsigned long narticles = 0;
    buf title = {0}, text = {0}, p = {0};
    while (bytes < size) {
        size_t anchor = rnd_below(nbase);
        title.len = text.len = 0;
        make_title(&title, anchor);
        size_t np = 3 + rnd_below(8);
        for (size_t k = 0; k < np; k++) {
            size_t nsent = 1 + rnd_below(5);
            int tries = 0;
            do {
                p.len = 0;
                for (size_t s = 0; s < nsent; s++) {
                    /* Sentences from paragraphs within +-20 of the anchor. */
                    long long near = (long long)anchor + (long long)rnd_below(41) - 20;
                    if (near < 0)
                        near = 0;
                    if (near >= (long long)nbase)
                        near = (long long)nbase - 1;
                    const para *bp = &base[near];
                    if (s)
                        buf_add(&p, " ", 1);
                    rewrite(&p, bp->sent[rnd_below(bp->nsent)]);
                }
            } while (!seen_add(hash_bytes(p.s, p.len)) && ++tries < 100);
            if (tries >= 100)
                continue;
            if (text.len)
                buf_add(&text, "\n", 1);
            buf_add(&text, p.s, p.len);
            fwrite(p.s, 1, p.len, paras);
            putc('\n', paras);
            npara++;
            for (size_t i = 0; i < p.len; i++)
                words += p.s[i] == ' ';
            words++;
        }
        if (!text.len)
            continue;
        count_types(title.s, title.len);
        count_types(text.s, text.len);

        char id[32];
        snprintf(id, sizeof id, "a%07lu", narticles);
        if (narticles % 1000 == 0) {
            snprintf(path, sizeof path, "%s/articles/%04lu", dir, narticles / 1000);
            mkdir_or_die(path);
        }
        snprintf(path, sizeof path, "%s/articles/%04lu/%s.txt", dir,
                 narticles / 1000, id);
        FILE *f = open_or_die(path, "wb");
        fwrite(title.s, 1, title.len, f);
        fputs("\n\n", f);
        fwrite(text.s, 1, text.len, f);
        putc('\n', f);
        if (fclose(f)) {
            fprintf(stderr, "scale: %s: write failed\n", path);
            exit(2);
        }
        fputs("{\"id\": ", jsonl);
        json_string(jsonl, id, strlen(id));
        fputs(", \"title\": ", jsonl);
        json_string(jsonl, title.s, title.len);
        fputs(", \"text\": ", jsonl);
        json_string(jsonl, text.s, text.len);
        fputs("}\n", jsonl);
        bytes += title.len + 2 + text.len + 1;
        narticles++;
    }
    if (fclose(jsonl) || fclose(paras)) {
        fprintf(stderr, "scale: %s: write failed\n", dir);
        exit(2);
    }
    snprintf(path, sizeof path, "%s/stats.txt", dir);
    FILE *st = open_or_die(path, "wb");
    fprintf(st, "articles=%lu\nparagraphs=%llu\nbytes=%llu\nwords=%llu\n"
                "word_types=%zu\nnames=%zu\nderived_forms=%zu\n",
            narticles, npara, bytes, words, types_used, names.nwords,
            forms.nwords);
    fclose(st);
}

/* ---- queries ----------------------------------------------------------- */

static const char *const stop[] = {
    "yang", "dan", "di", "ke", "dari", "untuk", "dengan", "ini", "itu",
    "pada", "tidak", "akan", "dalam", "atau", "adalah", "dapat", "anda",
    "juga", "oleh", "sebagai", "jika", "bisa", "harus", "ada", "karena",
    "saat", "agar", "lebih", "setiap", "semua", "tersebut", "telah", "sudah",
    "kami", "kita", "mereka", "secara", "seperti", "apabila", "bila", "namun",
    "tetapi", "hanya", "masih", "lain", "beberapa", "sebuah", "suatu",
    "bahwa", "kepada", "hingga", "sampai", "antara", "the", "and", "of",
    NULL,
};

typedef struct {
    char *w;
    unsigned df;
    unsigned last;     /* last paragraph counted, +1 */
} vword;

static vword *vocab;
static size_t vcap, vused;

static vword *vocab_get(const char *w, size_t n)
{
    if ((vused + 1) * 2 > vcap) {
        size_t ncap = vcap ? 2 * vcap : 1 << 16;
        vword *nv = calloc(ncap, sizeof *nv);
        if (!nv)
            exit(2);
        for (size_t i = 0; i < vcap; i++)
            if (vocab[i].w) {
                size_t j = (size_t)hash_bytes(vocab[i].w, strlen(vocab[i].w)) & (ncap - 1);
                while (nv[j].w)
                    j = (j + 1) & (ncap - 1);
                nv[j] = vocab[i];
            }
        free(vocab);
        vocab = nv;
        vcap = ncap;
    }
    size_t j = (size_t)hash_bytes(w, n) & (vcap - 1);
    while (vocab[j].w && !(strlen(vocab[j].w) == n && !memcmp(vocab[j].w, w, n)))
        j = (j + 1) & (vcap - 1);
    if (!vocab[j].w) {
        vocab[j].w = xmalloc(n + 1);
        memcpy(vocab[j].w, w, n);
        vocab[j].w[n] = 0;
        vused++;
    }
    return &vocab[j];
}

static int is_stop(const char *w)
{
    for (const char *const *s = stop; *s; s++)
        if (!strcmp(*s, w))
            return 1;
    return 0;
}

/* Splits a sentence into lower-cased words; a word is kept only when it is
 * all ASCII letters (so every tool tokenizes it alike), else it is "". */
static size_t sentence_words(const char *s, char out[][48], size_t max)
{
    size_t n = 0;
    while (*s && n < max) {
        while (*s && *s == ' ')
            s++;
        if (!*s)
            break;
        const char *w = s;
        while (*s && *s != ' ')
            s++;
        const char *e = s;
        while (e > w && strchr(".,;:!?)\"'", e[-1]))
            e--;
        while (w < e && strchr("(\"'", *w))
            w++;
        size_t len = (size_t)(e - w), k = 0;
        int ok = len >= 2 && len < 48;
        for (size_t i = 0; ok && i < len; i++) {
            if (!isalpha((unsigned char)w[i]) || (unsigned char)w[i] >= 0x80)
                ok = 0;
            else
                out[n][k++] = (char)tolower((unsigned char)w[i]);
        }
        out[n][ok ? k : 0] = 0;
        n++;
    }
    return n;
}

static int by_df_desc(const void *a, const void *b)
{
    const vword *x = *(const vword *const *)a, *y = *(const vword *const *)b;
    if (x->df != y->df)
        return x->df < y->df ? 1 : -1;
    return strcmp(x->w, y->w);
}

static int usable(const char *w) { return strlen(w) >= 3 && !is_stop(w); }

static void queries(unsigned count)
{
    static char words[256][48];
    for (size_t p = 0; p < nbase; p++)
        for (size_t s = 0; s < base[p].nsent; s++) {
            size_t n = sentence_words(base[p].sent[s], words, 256);
            for (size_t i = 0; i < n; i++)
                if (words[i][0]) {
                    vword *v = vocab_get(words[i], strlen(words[i]));
                    if (v->last != p + 1) {
                        v->last = (unsigned)p + 1;
                        v->df++;
                    }
                }
        }
    vword **by_df = xmalloc(vused * sizeof *by_df);
    size_t nv = 0;
    for (size_t i = 0; i < vcap; i++)
        if (vocab[i].w && usable(vocab[i].w))
            by_df[nv++] = &vocab[i];
    qsort(by_df, nv, sizeof *by_df, by_df_desc);
    size_t nfreq = nv < 200 ? nv : 200;
    size_t nmid_end = nfreq;
    while (nmid_end < nv && by_df[nmid_end]->df >= 5)
        nmid_end++;
    size_t rare_start = nmid_end;
    while (rare_start < nv && by_df[rare_start]->df > 4)
        rare_start++;
    size_t rare_end = rare_start;
    while (rare_end < nv && by_df[rare_end]->df >= 2)
        rare_end++;
    if (nmid_end == nfreq || rare_end == rare_start) {
        fputs("scale: base too small for mid and rare query terms\n", stderr);
        exit(2);
    }

    /* Shares of the set, in thousandths; the rest are adjacent pairs. */
    enum { FREQ, MID, RARE, MIX, PAIR, RUN3, RUN4, KINDS };
    static const char *const kind_name[] = {"frequent", "mid", "rare", "mix2",
                                            "pair", "run3", "run4"};
    static const unsigned share[] = {150, 150, 100, 150, 250, 100, 100};
    char (*qs)[200] = xmalloc((size_t)count * sizeof *qs);
    int *qkind = xmalloc((size_t)count * sizeof *qkind);
    unsigned made = 0;
    for (int kind = 0; kind < KINDS; kind++) {
        unsigned want = kind == KINDS - 1 ? count - made : count * share[kind] / 1000;
        for (unsigned k = 0; k < want; k++) {
            char *q = qs[made];
            q[0] = 0;
            if (kind == FREQ) {
                strcpy(q, by_df[rnd_below(nfreq)]->w);
            } else if (kind == MID) {
                strcpy(q, by_df[nfreq + rnd_below(nmid_end - nfreq)]->w);
            } else if (kind == RARE) {
                strcpy(q, by_df[rare_start + rnd_below(rare_end - rare_start)]->w);
            } else if (kind == MIX) {
                snprintf(q, 200, "%s %s", by_df[nfreq + rnd_below(nmid_end - nfreq)]->w,
                         by_df[rnd_below(nfreq)]->w);
            } else {
                /* Adjacent words of a random base sentence: pairs of content
                 * words, or runs of 3-4 words with at least two of them
                 * content words. */
                size_t len = kind == PAIR ? 2 : kind == RUN3 ? 3 : 4;
                for (int tries = 0; !q[0] && tries < 100000; tries++) {
                    const para *bp = &base[rnd_below(nbase)];
                    size_t n = sentence_words(bp->sent[rnd_below(bp->nsent)], words, 256);
                    if (n < len)
                        continue;
                    size_t at = rnd_below(n - len + 1), content = 0, i;
                    for (i = 0; i < len; i++) {
                        if (!words[at + i][0])
                            break;
                        content += usable(words[at + i]);
                    }
                    if (i < len || content < (kind == PAIR ? 2u : 2u))
                        continue;
                    if (kind == PAIR && content < 2)
                        continue;
                    for (i = 0; i < len; i++) {
                        if (i)
                            strcat(q, " ");
                        strcat(q, words[at + i]);
                    }
                }
            }
            qkind[made++] = kind;
        }
    }
    /* Shuffle (Fisher-Yates) so that kinds interleave. */
    for (unsigned i = made; i > 1; i--) {
        size_t j = rnd_below(i);
        char tmp[200];
        int tk = qkind[i - 1];
        memcpy(tmp, qs[i - 1], 200);
        memcpy(qs[i - 1], qs[j], 200);
        memcpy(qs[j], tmp, 200);
        qkind[i - 1] = qkind[j];
        qkind[j] = tk;
    }
    for (unsigned i = 0; i < made; i++)
        printf("%s\t%s\n", kind_name[qkind[i]], qs[i]);
    free(qs);
    free(qkind);
    free(by_df);
}

/* ---- main ----------------------------------------------------------------- */

static unsigned long long parse_size(const char *s)
{
    char *end;
    unsigned long long n = strtoull(s, &end, 10);
    switch (toupper((unsigned char)*end)) {
    case 'K': n <<= 10; break;
    case 'M': n <<= 20; break;
    case 'G': n <<= 30; break;
    case 0: break;
    default:
        fprintf(stderr, "scale: bad size '%s' (e.g. 300K, 10M, 1G)\n", s);
        exit(2);
    }
    return n;
}

int main(int argc, char **argv)
{
    const char *base_path = NULL, *out = NULL;
    unsigned long long size = 0, seed = 20261122;
    unsigned nqueries = 0;
    for (int a = 1; a < argc; a++) {
        const char *opt = argv[a], *val = a + 1 < argc ? argv[a + 1] : NULL;
        if (!val) {
            fprintf(stderr, "scale: %s needs a value\n", opt);
            return 2;
        }
        if (!strcmp(opt, "--base"))
            base_path = val;
        else if (!strcmp(opt, "--seed"))
            seed = strtoull(val, NULL, 10);
        else if (!strcmp(opt, "--size"))
            size = parse_size(val);
        else if (!strcmp(opt, "--out"))
            out = val;
        else if (!strcmp(opt, "--queries"))
            nqueries = (unsigned)strtoul(val, NULL, 10);
        else {
            fprintf(stderr, "usage: scale --base FILE [--seed N] "
                            "(--size BYTES --out DIR | --queries COUNT)\n");
            return 2;
        }
        a++;
    }
    if (!base_path || (!nqueries && (!size || !out))) {
        fprintf(stderr, "usage: scale --base FILE [--seed N] "
                        "(--size BYTES --out DIR | --queries COUNT)\n");
        return 2;
    }
    rng_state = seed;
    load_base(base_path);
    if (nqueries) {
        queries(nqueries);
        return 0;
    }
    collect_roots();
    generate(out, size);
    return 0;
}
