/* models/bgp.h — one single-hop eBGP session (one address family) between a
 * cloud router and a partner router, RFC 4271.
 *
 * One LmBgpSession holds both ends, each with its own RFC 4271 §8 state
 * machine (Idle, Connect, Active, OpenSent, OpenConfirm, Established),
 * timers and random stream.  Messages between the ends are kernel events
 * with a small one-way delay.  Keepalives of an Established session are not
 * simulated one by one: when the path goes silent the hold timer is drawn
 * from the exact law of the jittered keepalive process.  IPv4 and IPv6 are
 * two independent sessions.
 *
 * With BFD (LmBgpConfig.bfd), each end holds a BFD request on its own end of
 * that BFD session: BFD Down tears the BGP end down at once (RFC 5882 §10.2,
 * Cease subcode "BFD Down", RFC 9384), and an end starts only while its BFD
 * end is Up, so Established implies BFD Up.
 *
 * Consumers (gateway, traffic) watch an end's routes: installed (the end has
 * learned the peer's prefixes), depreferenced (RFC 8326 graceful shutdown),
 * withdrawn — each with the simulated time, so forwarding can follow.
 */
#pragma once

#include <glib.h>
#include "sim/sim.h"
#include "models/bfd.h"

G_BEGIN_DECLS

typedef struct _LmBgpSession LmBgpSession;

typedef enum {
  LM_BGP_END_CLOUD,
  LM_BGP_END_PARTNER,
  LM_BGP_N_ENDS
} LmBgpEnd;

typedef enum {
  LM_BGP_FAMILY_IPV4,
  LM_BGP_FAMILY_IPV6,
  LM_BGP_N_FAMILIES
} LmBgpFamily;

/* RFC 4271 §8.2.2 */
typedef enum {
  LM_BGP_STATE_IDLE,
  LM_BGP_STATE_CONNECT,
  LM_BGP_STATE_ACTIVE,
  LM_BGP_STATE_OPENSENT,
  LM_BGP_STATE_OPENCONFIRM,
  LM_BGP_STATE_ESTABLISHED,
  LM_BGP_N_STATES
} LmBgpState;

/* FSM events: RFC 4271 §8.1 numbers in brackets; the others are local. */
typedef enum {
  LM_BGP_EVENT_MANUAL_START,             /* [1] */
  LM_BGP_EVENT_MANUAL_START_PASSIVE,     /* [4] */
  LM_BGP_EVENT_AUTOMATIC_START,          /* [3] */
  LM_BGP_EVENT_AUTOMATIC_START_PASSIVE,  /* [5] */
  LM_BGP_EVENT_MANUAL_STOP,              /* [2] Cease / Administrative Shutdown */
  LM_BGP_EVENT_ADMIN_RESET,              /* [2] with Cease / Administrative Reset: restarts */
  LM_BGP_EVENT_CONNECT_RETRY_EXPIRES,    /* [9] */
  LM_BGP_EVENT_HOLD_EXPIRES,             /* [10] */
  LM_BGP_EVENT_KEEPALIVE_EXPIRES,        /* [11] */
  LM_BGP_EVENT_TCP_CONNECTED,            /* [16] Tcp_CR_Acked, [17] TcpConnectionConfirmed */
  LM_BGP_EVENT_TCP_FAILS,                /* [18] */
  LM_BGP_EVENT_OPEN_RECEIVED,            /* [19] BGPOpen */
  LM_BGP_EVENT_OPEN_ERROR,               /* [22] BGPOpenMsgErr (unacceptable hold time) */
  LM_BGP_EVENT_NOTIFICATION_RECEIVED,    /* [25] NotifMsg */
  LM_BGP_EVENT_KEEPALIVE_RECEIVED,       /* [26] KeepAliveMsg */
  LM_BGP_EVENT_UPDATE_RECEIVED,          /* [27] UpdateMsg */
  LM_BGP_EVENT_PREFIX_LIMIT,             /* more prefixes than allowed (RFC 4486 Cease 1) */
  LM_BGP_EVENT_BFD_DOWN,                 /* RFC 5882 §10.2 */
  LM_BGP_EVENT_INTERFACE_DOWN,           /* carrier loss on the link */
  LM_BGP_EVENT_CRASH,                    /* this end's router vanished */
  LM_BGP_EVENT_RESTART,                  /* ... and came back */
  LM_BGP_N_EVENTS
} LmBgpEvent;

typedef enum {
  LM_BGP_PATH_SILENT,
  LM_BGP_PATH_CARRIER,
} LmBgpPathFailure;

typedef enum {
  LM_BGP_ROUTES_INSTALLED,        /* the end now forwards to the peer's prefixes */
  LM_BGP_ROUTES_DEPREFERENCED,    /* still installed, LOCAL_PREF 0 (RFC 8326) */
  LM_BGP_ROUTES_WITHDRAWN,
  LM_BGP_N_ROUTE_CHANGES
} LmBgpRouteChange;

/* Timers of one end, for tests and reports. */
typedef enum {
  LM_BGP_TIMER_CONNECT_RETRY,
  LM_BGP_TIMER_HOLD,
  LM_BGP_TIMER_KEEPALIVE,
  LM_BGP_TIMER_IDLE_HOLD,     /* Idle -> AutomaticStart */
  LM_BGP_TIMER_SYN,           /* TCP SYN retransmission */
  LM_BGP_TIMER_ADVERTISE,     /* MinRouteAdvertisementInterval before the first UPDATE */
  LM_BGP_TIMER_DRAIN,         /* graceful shutdown: wait, then stop */
  LM_BGP_TIMER_CARRIER,       /* interface-down notification */
  LM_BGP_N_TIMERS
} LmBgpTimer;

typedef struct {
  LmTime hold;              /* 90 s; 0 = no keepalives, otherwise >= 3 s */
  LmTime keepalive;         /* 30 s; used as min(keepalive, negotiated hold / 3) */
  LmTime connect_retry;     /* 120 s (RFC 4271 §10) */
  LmTime idle_hold;         /* 1 s before an automatic restart, doubled per failure */
  LmTime idle_hold_max;     /* 120 s */
  LmTime mrai;              /* MinRouteAdvertisementInterval: 0 s */
  LmTime drain;             /* graceful shutdown wait: 5 s (assumption) */
  guint prefixes;           /* prefixes this end advertises */
  guint max_prefixes;       /* 0 = no limit; the cloud end takes 100 */
  gboolean passive;         /* listen only (starts in Active) */
  gboolean graceful_restart;/* refused: not modelled */
} LmBgpEndConfig;

typedef struct {
  const char *name;         /* full name, e.g. "ic1.A.rp1.bgp.ipv4" */
  LmBgpFamily family;
  LmTime delay;             /* one-way message delay: 0.1 ms (assumption) */
  LmTime carrier_delay;     /* carrier loss -> interface down: 1 ms (assumption) */
  LmTime open_hold;         /* hold timer in OpenSent: 4 min (RFC 4271 §8.2.2) */
  LmTime syn_rto;           /* first TCP SYN retransmission: 1 s (RFC 6298 §2.1) */
  LmBfdSession *bfd;        /* NULL: BFD off.  (transfer none; must outlive) */
  gboolean start_established; /* both ends Established, routes installed, at creation */
  gboolean path_up;         /* the path works at creation (default TRUE) */
  LmBgpEndConfig end[LM_BGP_N_ENDS];
} LmBgpConfig;

typedef struct {
  guint64 syns_sent;
  guint64 opens_sent;
  guint64 keepalives_sent;  /* simulated ones (bring-up, explicit) */
  guint64 updates_sent;
  guint64 notifications_sent;
  guint64 notifications_received;
  guint8 last_code, last_subcode;   /* of the last NOTIFICATION sent */
  guint64 established;     /* times it reached Established */
} LmBgpCounters;

/* Runs inside the kernel event of the change, in the middle of a state
 * transition: it must not call back into the session (schedule an event
 * instead; the session refuses such calls).  @n_prefixes is the number of
 * the peer's prefixes the end holds after the change. */
typedef void (*LmBgpRouteNotify) (LmBgpSession *session, LmBgpEnd end, LmBgpRouteChange change,
                                  guint n_prefixes, LmTime when, gpointer user_data);

#define LM_BGP_ERROR (lm_bgp_error_quark ())
GQuark lm_bgp_error_quark (void);

typedef enum {
  LM_BGP_ERROR_CONFIG,       /* a value out of range */
  LM_BGP_ERROR_UNSUPPORTED,  /* graceful restart */
} LmBgpError;

/* Defaults: DX/cloud-facts §2 timers on both ends; the cloud end accepts at
 * most 100 prefixes; each end advertises one prefix. */
void lm_bgp_config_init (LmBgpConfig *config, const char *name, LmBgpFamily family);

LmBgpSession *lm_bgp_session_new (LmSim *sim, const LmBgpConfig *config, GError **error);
void lm_bgp_session_free (LmBgpSession *session);

const char *lm_bgp_session_name (const LmBgpSession *session);
LmBgpState lm_bgp_session_state (const LmBgpSession *session, LmBgpEnd end);
LmTime lm_bgp_session_since (const LmBgpSession *session, LmBgpEnd end);
/* Negotiated at the last OPEN (0 before). */
LmTime lm_bgp_session_hold_time (const LmBgpSession *session, LmBgpEnd end);
LmTime lm_bgp_session_keepalive_time (const LmBgpSession *session, LmBgpEnd end);
/* The peer's prefixes installed at @end, and whether they are depreferenced. */
guint lm_bgp_session_routes (const LmBgpSession *session, LmBgpEnd end);
gboolean lm_bgp_session_depreferenced (const LmBgpSession *session, LmBgpEnd end);
void lm_bgp_session_counters (const LmBgpSession *session, LmBgpEnd end, LmBgpCounters *out);
/* TRUE when @timer of @end is armed; *@when then holds its expiry. */
gboolean lm_bgp_session_timer (const LmBgpSession *session, LmBgpEnd end, LmBgpTimer timer,
                               LmTime *when);

/* Route watchers of one end; ids are > 0. */
guint lm_bgp_session_watch (LmBgpSession *session, LmBgpEnd end, LmBgpRouteNotify notify,
                            gpointer user_data);
void lm_bgp_session_unwatch (LmBgpSession *session, guint watch_id);

/* The path (the link and everything under it). */
void lm_bgp_session_path_down (LmBgpSession *session, LmBgpPathFailure how);
void lm_bgp_session_path_up (LmBgpSession *session);
/* The router of @end crashes: its session state vanishes without a word
 * (no NOTIFICATION, no withdraw notify for the crashed end); the peer
 * notices by BFD or by its hold timer. */
void lm_bgp_session_crash (LmBgpSession *session, LmBgpEnd end);
void lm_bgp_session_restart (LmBgpSession *session, LmBgpEnd end);
/* Operator shutdown of @end (ManualStop, Cease / Administrative Shutdown):
 * immediate withdraw at both ends.  With @graceful, first RFC 8326: the end
 * re-advertises its routes with GRACEFUL_SHUTDOWN (the peer depreferences
 * them) and depreferences the peer's, waits the drain time, then stops. */
void lm_bgp_session_stop (LmBgpSession *session, LmBgpEnd end, gboolean graceful);
/* Operator start (ManualStart) after a stop or a prefix-limit idle. */
void lm_bgp_session_start (LmBgpSession *session, LmBgpEnd end);
/* "clear bgp": Cease / Administrative Reset, then automatic restart. */
void lm_bgp_session_clear (LmBgpSession *session, LmBgpEnd end);
/* @end now advertises @n prefixes (an UPDATE when Established). */
void lm_bgp_session_set_prefixes (LmBgpSession *session, LmBgpEnd end, guint n);

/* Feeds one event into @end's state machine as if it had happened (message
 * contents, where needed, are the peer's configured values): for tests and
 * scripted peers. */
void lm_bgp_session_feed (LmBgpSession *session, LmBgpEnd end, LmBgpEvent event);

const char *lm_bgp_state_name (LmBgpState state);
const char *lm_bgp_event_name (LmBgpEvent event);
const char *lm_bgp_end_name (LmBgpEnd end);
const char *lm_bgp_family_name (LmBgpFamily family);
const char *lm_bgp_route_change_name (LmBgpRouteChange change);
const char *lm_bgp_timer_name (LmBgpTimer timer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmBgpSession, lm_bgp_session_free)

G_END_DECLS
