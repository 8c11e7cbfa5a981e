/* cli/cli.h — the top floor: exit codes shared by the command-line tools. */
#pragma once

#include <glib.h>

typedef enum {
  LM_EXIT_OK = 0,          /* every expectation held */
  LM_EXIT_EXPECT = 1,      /* an expectation failed */
  LM_EXIT_USAGE = 2,       /* bad input or usage: file:line:col: message */
  LM_EXIT_INTERNAL = 3,    /* internal error (a bug: please report it) */
} LmExitCode;

/* How a parallel launcher (MPI: mpi/lmsim-mpi.c) runs lmsim: every rank
 * runs slice rank+1 of size of the replications (cli/shard-cli.h), and
 * rank 0 merges and reports.  lmsim itself knows nothing of MPI. */
typedef struct {
  int rank;
  int size;
  /* Every rank's part, at rank 0, in rank order (transfer full, @size
   * strings); NULL on the other ranks. */
  char **(*gather) (const char *part, gpointer user_data);
  /* Every rank's block of @items (@n items of @item_size bytes; rank r
   * filled [n·r/size, n·(r+1)/size)) to every rank (analysis/rare-run.h
   * LmRareRanks). */
  void (*allgather) (void *items, gsize item_size, guint n, gpointer user_data);
  /* Ends the whole job with @code (a rank failed: its message is out). */
  void (*abort) (int code, gpointer user_data);
  gpointer user_data;
} LmCliParallel;

/* The whole command line of lmsim (@parallel NULL) or of lmsim-mpi. */
int lm_cli_main (int argc, char **argv, const LmCliParallel *parallel);
