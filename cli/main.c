/* cli/main.c — the `lmsim` program: everything is in cli/cli-main.c, so
 * that build/lmsim-mpi (mpi/lmsim-mpi.c) runs the same command line. */
#include "cli/cli.h"

int
main (int argc, char **argv)
{
  return lm_cli_main (argc, argv, NULL);
}
