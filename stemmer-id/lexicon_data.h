/*
 * The layout of the generated lexicon table (lexicon_data.c, written by
 * lexgen.c).  Internal to stemmer-id: only lexicon.c reads it.
 *
 * sid_lex_slots is an open-addressing hash table of sid_lex_slot_mask + 1
 * slots (a power of two, at most half full), probed linearly from
 * sid_lexicon_hash(word) & mask.  A slot with off == 0 is empty; otherwise
 * the root is the `len` bytes at sid_lex_pool + off.
 */
#ifndef STEMMER_ID_LEXICON_DATA_H
#define STEMMER_ID_LEXICON_DATA_H

#include <stddef.h>
#include <stdint.h>

struct sid_lex_slot {
    uint32_t off;  /* offset of the root in sid_lex_pool; 0 = empty slot */
    uint32_t len;  /* its length in bytes */
    uint64_t bits; /* SID_LEX_* bits */
};

extern const size_t sid_lex_hunspell_count;
extern const size_t sid_lex_extra_count;
extern const uint32_t sid_lex_slot_mask;
extern const char sid_lex_pool[];
extern const struct sid_lex_slot sid_lex_slots[];

#endif
