/*
 * The passage splitter.  It walks the paragraph's tokens once, remembering
 * the last sentence end seen in the current passage (a '.', '!', '?' or '…'
 * in the gap between two words, followed by white space, possibly after
 * closing quotes or brackets).  When a passage would exceed the word limit
 * it is cut at that sentence end, or before the current word if the
 * passage has none.  Memory is constant in the paragraph's length.
 */
#include "passage.h"

#include "cari.h"

#include <string.h>

typedef struct {
    const char *text;
    size_t len, max_words;
    cari_passage_fn fn;
    void *ctx;
    size_t start;          /* byte where the current passage starts */
    size_t words;          /* words in it */
    size_t last_end;       /* end of the previous token */
    size_t cut;            /* last sentence end in it (0 = none) */
    size_t words_at_cut;   /* words before that sentence end */
    int have_cut;
} splitter;

/* Whether text[from..to) — the gap between two words — ends a sentence;
 * if so stores in *at the byte just past the terminator and its closers. */
static int sentence_end_in(const char *t, size_t from, size_t to, size_t *at)
{
    for (size_t i = from; i < to; i++) {
        size_t n = 0;
        if (t[i] == '.' || t[i] == '!' || t[i] == '?')
            n = 1;
        else if (i + 2 < to && !memcmp(t + i, "\xE2\x80\xA6", 3))
            n = 3;
        if (!n)
            continue;
        size_t j = i + n;
        /* Closing quotes and brackets belong to the sentence. */
        for (;;) {
            if (j < to && (t[j] == '"' || t[j] == '\'' || t[j] == ')' || t[j] == ']'))
                j++;
            else if (j + 3 <= to && (!memcmp(t + j, "\xE2\x80\x9D", 3) || !memcmp(t + j, "\xE2\x80\x99", 3)))
                j += 3;
            else
                break;
        }
        if (j < to && (t[j] == ' ' || t[j] == '\t' || t[j] == '\n' || t[j] == '\r')) {
            *at = j;
            return 1;
        }
        i = j - 1;
    }
    return 0;
}

/* Trims white space and emits text[start..end) as a passage. */
static int emit(splitter *s, size_t start, size_t end, size_t words)
{
    while (start < end && (s->text[start] == ' ' || s->text[start] == '\t'))
        start++;
    while (end > start && (s->text[end - 1] == ' ' || s->text[end - 1] == '\t' ||
                           s->text[end - 1] == '\r' || s->text[end - 1] == '\n'))
        end--;
    if (!words)
        return 0;
    return s->fn(s->ctx, start, end, words);
}

static int on_token(void *ctx, const cari_token *tok)
{
    splitter *s = ctx;
    size_t at;
    if (s->words && sentence_end_in(s->text, s->last_end, tok->start, &at)) {
        s->cut = at;
        s->words_at_cut = s->words;
        s->have_cut = 1;
    }
    if (s->words == s->max_words) {
        int rc;
        if (s->have_cut) {
            rc = emit(s, s->start, s->cut, s->words_at_cut);
            s->start = s->cut;
            s->words -= s->words_at_cut;
        } else {
            rc = emit(s, s->start, tok->start, s->words);
            s->start = tok->start;
            s->words = 0;
        }
        s->have_cut = 0;
        if (rc)
            return rc;
    }
    s->words++;
    s->last_end = tok->end;
    return 0;
}

int cari_split_passages(const char *text, size_t len, size_t max_words,
                        cari_passage_fn fn, void *ctx)
{
    splitter s = {text, len, max_words ? max_words : 1, fn, ctx, 0, 0, 0, 0, 0, 0};
    int rc = cari_tokenize(text, len, on_token, &s);
    if (rc)
        return rc;
    return emit(&s, s.start, len, s.words);
}

/* Counts the tokens it is called for (a cari_token_fn). */
static int count_token(void *ctx, const cari_token *tok)
{
    (void)tok;
    (*(size_t *)ctx)++;
    return 0;
}

size_t cari_passage_words(const char *text, size_t len, const char *title)
{
    size_t words = 0;
    cari_tokenize(text, len, count_token, &words);
    if (title)
        cari_tokenize(title, strlen(title), count_token, &words);
    return words;
}
