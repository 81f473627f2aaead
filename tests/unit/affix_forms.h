/*
 * The affixed forms hunspell-id's affix rules make of a root: a test helper
 * that reads the dictionary (id_ID.dic) and its rules (id_ID.aff beside it)
 * as the stemmer's lexicon is built from them (stemmer-id/lexgen.c).
 */
#ifndef CARI_TEST_AFFIX_FORMS_H
#define CARI_TEST_AFFIX_FORMS_H

#include <stddef.h>

/* Calls fn(form, ctx) for each form that the flags of `root`'s entries in
 * the dictionary `dic` make with one affix rule: every prefix (ber-, di-,
 * meN-, per-, ...), every suffix (-an, -kan, -i, clitics), and every
 * confix (a suffix whose rule names the prefix it needs: ke-...-an,
 * memper-...-kan).  Forms may repeat.  Returns how many forms it made, or
 * -1 when the dictionary or its .aff cannot be read. */
long affix_forms(const char *dic, const char *root, void (*fn)(const char *form, void *ctx),
                 void *ctx);

#endif
