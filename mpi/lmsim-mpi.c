/* mpi/lmsim-mpi.c — `mpirun -n R build/lmsim-mpi [lmsim options] FILE.sc`:
 * the lmsim command line, with the replications split over the ranks.
 *
 * Rank r runs slice r+1 of R (cli/shard-cli.h) and sends its part — the
 * same JSON document `lmsim --shard` writes — to rank 0 (MPI_Gather of the
 * lengths, then MPI_Gatherv of the bytes, in rank order); rank 0 merges
 * them as `lmsim merge` does and alone prints and writes the outputs.  The
 * result is byte-identical to one machine's.  With the rare-event method
 * (--method rare|auto) every round's batches are split over the ranks and
 * exchanged (MPI_Allgatherv), so every rank holds the same estimate.  A rank that cannot run its
 * slice prints "lmsim-mpi: rank R: why" and aborts the job.
 *
 * Built only by `make MPI=1` (Open MPI from Debian: openmpi-bin,
 * libopenmpi-dev); not part of the ASan and valgrind checks, Open MPI's own
 * allocations would drown them. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"

static char **
gather (const char *part, gpointer user_data)
{
  (void) user_data;
  int rank, size;
  MPI_Comm_rank (MPI_COMM_WORLD, &rank);
  MPI_Comm_size (MPI_COMM_WORLD, &size);
  size_t len = strlen (part);
  if (len > (size_t) G_MAXINT)
    {
      fprintf (stderr, "lmsim-mpi: rank %d: a part of %zu bytes is over MPI's 2 GiB count\n", rank, len);
      MPI_Abort (MPI_COMM_WORLD, LM_EXIT_INTERNAL);
    }
  int mine = (int) len;
  int *lens = rank == 0 ? g_new0 (int, size) : NULL;
  MPI_Gather (&mine, 1, MPI_INT, lens, 1, MPI_INT, 0, MPI_COMM_WORLD);
  int *offsets = NULL;
  char *all = NULL;
  if (rank == 0)
    {
      offsets = g_new0 (int, size);
      gint64 total = 0;
      for (int r = 0; r < size; r++)
        {
          if (total + lens[r] > G_MAXINT)
            {
              fprintf (stderr, "lmsim-mpi: rank 0: the parts exceed MPI's 2 GiB count\n");
              MPI_Abort (MPI_COMM_WORLD, LM_EXIT_INTERNAL);
            }
          offsets[r] = (int) total;
          total += lens[r];
        }
      all = g_malloc (total + 1);
    }
  MPI_Gatherv (part, mine, MPI_CHAR, all, lens, offsets, MPI_CHAR, 0, MPI_COMM_WORLD);
  char **parts = NULL;
  if (rank == 0)
    {
      parts = g_new0 (char *, size + 1);
      for (int r = 0; r < size; r++)
        parts[r] = g_strndup (all + offsets[r], (gsize) lens[r]);
    }
  g_free (all);
  g_free (lens);
  g_free (offsets);
  return parts;
}

/* LmCliParallel.allgather: rank r's block [n·r/size, n·(r+1)/size) of
 * @items to every rank (MPI_Allgatherv of bytes, in place).  The ranks run
 * the same binary on the same kind of machine, so the items' bytes mean the
 * same everywhere. */
static void
allgather (void *items, gsize item_size, guint n, gpointer user_data)
{
  (void) user_data;
  int size;
  MPI_Comm_size (MPI_COMM_WORLD, &size);
  int *counts = g_new (int, size), *offsets = g_new (int, size);
  for (int r = 0; r < size; r++)
    {
      guint64 from = (guint64) n * (guint) r / (guint) size, to = (guint64) n * (guint) (r + 1) / (guint) size;
      if (to * item_size > (guint64) G_MAXINT)
        {
          fprintf (stderr, "lmsim-mpi: a round of %u batches is over MPI's 2 GiB count\n", n);
          MPI_Abort (MPI_COMM_WORLD, LM_EXIT_INTERNAL);
        }
      offsets[r] = (int) (from * item_size);
      counts[r] = (int) ((to - from) * item_size);
    }
  MPI_Allgatherv (MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, items, counts, offsets, MPI_BYTE,
                  MPI_COMM_WORLD);
  g_free (counts);
  g_free (offsets);
}

static void
abort_job (int code, gpointer user_data)
{
  (void) user_data;
  MPI_Abort (MPI_COMM_WORLD, code);
}

int
main (int argc, char **argv)
{
  MPI_Init (&argc, &argv);
  LmCliParallel par = { .gather = gather, .allgather = allgather, .abort = abort_job };
  MPI_Comm_rank (MPI_COMM_WORLD, &par.rank);
  MPI_Comm_size (MPI_COMM_WORLD, &par.size);
  int rc = lm_cli_main (argc, argv, &par);
  /* the exit status of the job is rank 0's: tell the others */
  MPI_Bcast (&rc, 1, MPI_INT, 0, MPI_COMM_WORLD);
  MPI_Finalize ();
  return rc;
}
