/* cli/cli.h — the top floor: exit codes shared by the command-line tools. */
#pragma once

typedef enum {
  LM_EXIT_OK = 0,          /* every expectation held */
  LM_EXIT_EXPECT = 1,      /* an expectation failed */
  LM_EXIT_USAGE = 2,       /* bad input or usage: file:line:col: message */
  LM_EXIT_INTERNAL = 3,    /* internal error (a bug: please report it) */
} LmExitCode;
