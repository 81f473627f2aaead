/*
 * Lookups in the generated root-word lexicon (see lexicon.h).
 */
#include "lexicon.h"

#include "lexicon_data.h"
#include "lexicon_hash.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

static atomic_flag warned = ATOMIC_FLAG_INIT;

/* Says once per process that the build found no hunspell dictionary. */
static void warn_if_empty(void)
{
    if (sid_lex_hunspell_count == 0 && !atomic_flag_test_and_set(&warned))
        fprintf(stderr, "stemmer-id: no hunspell-id dictionary was found at "
                        "build time; stemming with Snowball and rules only\n");
}

uint64_t sid_lexicon_lookup(const char *word, size_t len)
{
    if (sid_lex_hunspell_count == 0)
        warn_if_empty();
    uint32_t h = sid_lexicon_hash(word, len) & sid_lex_slot_mask;
    for (;;) {
        const struct sid_lex_slot *s = &sid_lex_slots[h];
        if (s->off == 0)
            return 0;
        if (s->len == len && memcmp(sid_lex_pool + s->off, word, len) == 0)
            return s->bits;
        h = (h + 1) & sid_lex_slot_mask;
    }
}

size_t sid_lexicon_hunspell_count(void)
{
    warn_if_empty();
    return sid_lex_hunspell_count;
}

size_t sid_lexicon_extra_count(void)
{
    return sid_lex_extra_count;
}
