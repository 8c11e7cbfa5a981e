/* cli/live.h — `lmsim --live`: a scenario played against the wall clock.
 *
 * libevent paces the discrete-event kernel: virtual time runs at `speed`
 * times real time, and a timer wakes the loop when the next simulated event
 * is due (at most every 250 ms).  The kernel stays the kernel: libevent only
 * decides when lm_run_advance() runs.  An HTTP server (evhttp) on the same
 * loop serves GET /metrics (Prometheus), GET /status (JSON), POST /inject
 * (one scenario action, applied now) and GET /healthz; docs/live.md.
 * SIGINT and SIGTERM (libevent signal events) end the run cleanly.
 *
 * One LmLive owns its LmRun, event base, server and signal events: no
 * globals.  A test drives it in-process on its own event base (lm_live_base).
 */
#pragma once

#include <glib.h>
#include "sim/scenario.h"
#include "analysis/run.h"
#include "cli/run-cli.h"

G_BEGIN_DECLS

struct event_base;

#define LM_LIVE_DEFAULT_LISTEN "127.0.0.1:9464"
#define LM_LIVE_MAX_BODY (64 * 1024)

typedef struct {
  double speed;            /* virtual seconds per wall second (> 0); 0: 1 */
  const char *listen;      /* "ADDR:PORT" ("[::1]:PORT"); NULL: the default; port 0: any */
  gboolean hold;           /* keep serving the final state after the duration */
  const char *token;       /* required as "Authorization: Bearer T" on /inject; NULL: none */
} LmLiveOptions;

typedef struct _LmLive LmLive;

#define LM_LIVE_ERROR (lm_live_error_quark ())
GQuark lm_live_error_quark (void);

typedef enum {
  LM_LIVE_ERROR_USAGE,     /* a bad option: exit 2 */
  LM_LIVE_ERROR_LISTEN,    /* the address could not be bound */
} LmLiveError;

/* Builds the run for @sc (transfer none: must outlive the LmLive; live
 * injections add failure ids to it) and binds the server.  Refuses
 * (LM_LIVE_ERROR_USAGE) to listen beyond loopback without a token. */
LmLive *lm_live_new (LmScenario *sc, LmRunFlags flags, const LmLiveOptions *opt, GError **error);
void lm_live_free (LmLive *live);

/* The port actually bound (useful with port 0). */
guint16 lm_live_port (const LmLive *live);
/* (transfer none) */
struct event_base *lm_live_base (const LmLive *live);
LmRun *lm_live_run (const LmLive *live);

/* Starts the clock; the loop then runs while the caller dispatches the base
 * (lm_live_loop does both).  Call once. */
void lm_live_start (LmLive *live);
/* Starts and dispatches until the run ends: the duration is reached (unless
 * hold), a signal arrives or lm_live_stop() is called.  The run is finished
 * (expectations evaluated) when this returns. */
void lm_live_loop (LmLive *live);
/* Ends the run now (as SIGINT does) and breaks the loop. */
void lm_live_stop (LmLive *live);
gboolean lm_live_ended (const LmLive *live);

/* `lmsim --live`: runs @sc from @path live, then prints the report and
 * writes the files of @ro; returns the exit code (cli/cli.h). */
int lm_cli_live (LmScenario *sc, const char *path, const LmLiveOptions *opt,
                 const LmRunOptions *ro);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmLive, lm_live_free)

G_END_DECLS
