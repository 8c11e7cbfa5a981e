/* analysis/live-metrics.h — a running LmRun's figures, for live mode.
 *
 * What GET /metrics (Prometheus text exposition format 0.0.4) and GET
 * /status (JSON) serve while a scenario plays in real time (cli/live.c,
 * docs/live.md lists every metric).  Both read the run as it is now:
 * availability so far, whether each condition holds now, latency quantiles
 * and loss so far, the lifecycle state, and each connection's link, MACsec,
 * BFD and BGP states.  No sockets here, so tests call them directly.
 */
#pragma once

#include <glib.h>
#include "analysis/run.h"

G_BEGIN_DECLS

/* Facts about the live loop that the run does not know. */
typedef struct {
  double speed;          /* virtual seconds per wall-clock second */
  gboolean ended;        /* the run reached its duration (or was stopped) */
  guint64 injected;      /* actions applied through POST /inject */
} LmLiveInfo;

/* Brings @run's figures up to now (lm_run_refresh) and renders them.
 * @info may be NULL.  (transfer full) */
char *lm_live_metrics_text (LmRun *run, const LmLiveInfo *info);
char *lm_live_status_json (LmRun *run, const LmLiveInfo *info);

/* The content type of lm_live_metrics_text(). */
#define LM_LIVE_METRICS_CONTENT_TYPE "text/plain; version=0.0.4; charset=utf-8"

G_END_DECLS
