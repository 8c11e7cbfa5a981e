/* models/bgp-private.h — the insides of LmBgpSession, shared by bgp.c (API,
 * lifecycle, path, BFD glue), bgp-fsm.c (the state machine) and bgp-msg.c
 * (messages and the TCP abstraction).  Nothing outside models/bgp*.c may
 * include it.
 */
#pragma once

#include <gsl/gsl_rng.h>
#include "models/bgp.h"

G_BEGIN_DECLS

/* NOTIFICATION codes (RFC 4271 §4.5) and subcodes used here. */
enum {
  LM_BGP_ERR_OPEN = 2,             /* OPEN Message Error */
  LM_BGP_ERR_OPEN_BAD_HOLD = 6,    /*   Unacceptable Hold Time (§6.2) */
  LM_BGP_ERR_HOLD = 4,             /* Hold Timer Expired */
  LM_BGP_ERR_FSM = 5,              /* Finite State Machine Error (subcodes RFC 6608) */
  LM_BGP_ERR_CEASE = 6,            /* Cease (subcodes RFC 4486, RFC 9384) */
  LM_BGP_CEASE_MAX_PREFIXES = 1,
  LM_BGP_CEASE_ADMIN_SHUTDOWN = 2,
  LM_BGP_CEASE_ADMIN_RESET = 4,
  LM_BGP_CEASE_COLLISION = 7,
  LM_BGP_CEASE_BFD_DOWN = 10,
};

typedef enum {
  LM_BGP_MSG_SYN,           /* TCP: a connection attempt */
  LM_BGP_MSG_SYN_ACK,       /* TCP: the attempt was accepted */
  LM_BGP_MSG_RST,           /* TCP: refused, or no such connection */
  LM_BGP_MSG_FIN,           /* TCP: closed without a NOTIFICATION */
  LM_BGP_MSG_OPEN,
  LM_BGP_MSG_KEEPALIVE,
  LM_BGP_MSG_UPDATE,
  LM_BGP_MSG_NOTIFICATION,
  LM_BGP_N_MSGS
} LmBgpMsgType;

/* The contents of the message being processed (also filled from the peer's
 * configuration when an event is fed by hand). */
typedef struct {
  LmTime hold;              /* OPEN */
  guint prefixes;           /* UPDATE: prefixes advertised */
  gboolean gshut;           /* UPDATE: GRACEFUL_SHUTDOWN community (RFC 8326) */
  guint8 code, subcode;     /* NOTIFICATION */
} LmBgpRx;

typedef struct _LmBgpSpeaker LmBgpSpeaker;

struct _LmBgpSpeaker {
  LmBgpSession *s;
  LmBgpEnd id;
  char *name;               /* "<session>.<end>": signals and the rng stream */
  LmBgpEndConfig cfg;
  LmBgpState state;
  LmTime since;
  gboolean alive;           /* FALSE while its router is crashed */
  gboolean admin_down;      /* ManualStop: no automatic restart */
  gboolean limit_down;      /* prefix limit: no automatic restart */
  gboolean start_pending;   /* idle hold over, waiting for BFD Up */
  gboolean start_manual;    /* the pending start is a ManualStart */
  gboolean draining;        /* graceful shutdown announced */
  gboolean notified;        /* a NOTIFICATION closed the connection: no FIN */
  gsl_rng *rng;
  LmTimer *timers[LM_BGP_N_TIMERS];
  LmTime idle_hold_cur;
  LmTime syn_rto_cur;
  guint attempt;            /* current TCP attempt (Connect) */
  guint conn;               /* current TCP connection, 0 = none */
  guint conn_attempt;       /* the peer's attempt that created it (when we accepted) */
  LmTime last_syn;          /* when the current attempt last sent a SYN */
  LmTime hold;              /* negotiated; 0 = none */
  LmTime keepalive;         /* negotiated; 0 = none */
  guint routes;             /* the peer's prefixes installed here */
  gboolean depref;          /* ... carrying GRACEFUL_SHUTDOWN */
  LmTime silent_since;      /* when the silence being timed began, or -1 */
  LmBgpRx rx;
  LmBfdRequest *bfd;
  LmBgpCounters counters;
};

struct _LmBgpSession {
  LmSim *sim;
  char *name;
  LmBgpConfig cfg;          /* cfg.name is name */
  LmBgpSpeaker end[LM_BGP_N_ENDS];
  gboolean path_up;
  guint path_epoch;         /* bumped when the path goes down */
  guint next_conn;
  GQueue inflight;          /* messages in flight, in send order */
  GArray *watchers;         /* Watcher, in registration order */
  guint notifying;          /* > 0 while watchers run: no calls back in */
  guint next_watch;
};

static inline LmBgpSpeaker *
lm_bgp_peer_of (LmBgpSpeaker *e)
{
  return &e->s->end[1 - e->id];
}

/* bgp-fsm.c */
void lm_bgp_timers_new (LmBgpSpeaker *e);
void lm_bgp_fsm_feed (LmBgpSpeaker *e, LmBgpEvent event);
/* Arms the idle hold timer when an automatic restart is allowed. */
void lm_bgp_idle_arm (LmBgpSpeaker *e);
/* Starts the end if a start is pending and BFD (if any) is Up. */
void lm_bgp_try_start (LmBgpSpeaker *e);

/* bgp-msg.c */
void lm_bgp_on_syn (LmSim *sim, gpointer data);        /* TCP's SYN retransmission */
void lm_bgp_on_advertise (LmSim *sim, gpointer data);  /* the first UPDATE after MRAI */
void lm_bgp_send (LmBgpSpeaker *from, LmBgpMsgType type, const LmBgpRx *payload);
void lm_bgp_send_conn (LmBgpSpeaker *from, LmBgpMsgType type, guint conn, guint attempt);
/* A new TCP connection attempt (Connect). */
void lm_bgp_tcp_connect (LmBgpSpeaker *e);
void lm_bgp_cancel_inflight (LmBgpSession *s);
/* The peer's keepalives reach @e without being simulated. */
gboolean lm_bgp_stream_ok (LmBgpSpeaker *e);
/* A message restarted the hold timer (RFC 4271 §8.2.2), or the stream
 * condition changed. */
void lm_bgp_hold_touch (LmBgpSpeaker *e);
/* The path went silent or the peer vanished at now. */
void lm_bgp_start_silence (LmBgpSpeaker *e);
/* The path works again: cancel the silence timer if the peer's next
 * keepalive comes first. */
void lm_bgp_resume_stream (LmBgpSpeaker *e);
/* Jittered timer value: @t reduced by a random 0–25 % (RFC 4271 §10). */
LmTime lm_bgp_jitter (LmBgpSpeaker *e, LmTime t);

/* bgp.c */
void lm_bgp_routes_changed (LmBgpSpeaker *e, LmBgpRouteChange change);

G_END_DECLS
