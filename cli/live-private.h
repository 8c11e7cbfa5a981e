/* cli/live-private.h — LmLive's struct, shared by cli/live.c (pacing,
 * lifecycle) and cli/live-http.c (the server).  Nothing else includes it. */
#pragma once

#include <event2/event.h>
#include <event2/http.h>
#include "cli/live.h"

struct _LmLive {
  LmScenario *sc;                /* (transfer none) injections add failure ids */
  LmRun *run;                    /* owned */
  double speed;
  gboolean hold;
  char *token;                   /* NULL: /inject open (loopback only) */
  struct event_base *base;
  struct event *tick, *sigint, *sigterm, *sigpipe;
  struct evhttp *http;
  guint16 port;
  char address[64];              /* as bound, for messages: 127.0.0.1:9464 */
  gint64 wall0_us;               /* wall clock (monotonic) at the start */
  LmTime virt0;                  /* virtual time at the start */
  gboolean started, ended, stopping;
  guint64 injected;
};

/* live.c */
gboolean lm_live_catch_up (LmLive *live);
void lm_live_rearm (LmLive *live);
void lm_live_end_run (LmLive *live);

/* live-http.c */
gboolean lm_live_http_start (LmLive *live, const char *listen, GError **error);
void lm_live_http_stop (LmLive *live);
