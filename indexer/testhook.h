/* The crash-safety tests' hook: the indexer stops or kills itself at a
 * chosen step of its writer, so that tests place kills exactly instead of
 * by timing. */
#ifndef CARI_INDEXER_TESTHOOK_H
#define CARI_INDEXER_TESTHOOK_H

#include "cari.h"

/* Reads $CARI_TEST_KILL_AT and $CARI_TEST_STOP_AT, each "[STEP:]N": at
 * the Nth step of the writer (cari_set_step_handler(); counting only the
 * steps named STEP, "article", "segment" or "commit", when given) the
 * process raises SIGKILL, or SIGSTOP, on itself.  Sets w's step handler
 * when either is set.  Returns 0, or -1 with a message on stderr for a
 * value it cannot read. */
int testhook_install(cari_writer *w, const char *prog);

#endif
