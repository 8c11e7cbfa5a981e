/* models/bfd.h — BFD, RFC 5880 asynchronous mode, single hop (RFC 5881).
 *
 * One LmBfdSession holds both ends of one BFD session: the cloud router's end
 * and the partner router's end, each with its own state machine
 * (AdminDown/Down/Init/Up), timers and random stream.  Control packets are
 * simulated only while a session comes up (a handful of packets); an Up
 * session is steady state and costs no events.  When the path goes silent,
 * each end's detection time is drawn from its exact distribution (see
 * lm_bfd_age_draw() and docs/models-bfd-bgp.md).
 *
 * Clients (BGP) never touch the session's struct: they ask for a request
 * handle on one end and hear every state change of that end through a notify
 * callback, run inside the kernel event that caused it (BIRD's
 * bfd_request_session() with a notify hook).
 */
#pragma once

#include <glib.h>
#include <gsl/gsl_rng.h>
#include "sim/sim.h"

G_BEGIN_DECLS

typedef struct _LmBfdSession LmBfdSession;
typedef struct _LmBfdRequest LmBfdRequest;

typedef enum {
  LM_BFD_END_CLOUD,
  LM_BFD_END_PARTNER,
  LM_BFD_N_ENDS
} LmBfdEnd;

/* RFC 5880 §4.1 "State (Sta)": the wire values. */
typedef enum {
  LM_BFD_STATE_ADMIN_DOWN = 0,
  LM_BFD_STATE_DOWN = 1,
  LM_BFD_STATE_INIT = 2,
  LM_BFD_STATE_UP = 3,
  LM_BFD_N_STATES
} LmBfdState;

/* RFC 5880 §4.1 "Diagnostic (Diag)": the wire values. */
typedef enum {
  LM_BFD_DIAG_NONE = 0,
  LM_BFD_DIAG_TIME_EXPIRED = 1,        /* Control Detection Time Expired */
  LM_BFD_DIAG_ECHO_FAILED = 2,
  LM_BFD_DIAG_NEIGHBOR_DOWN = 3,       /* Neighbor Signaled Session Down */
  LM_BFD_DIAG_FORWARDING_RESET = 4,
  LM_BFD_DIAG_PATH_DOWN = 5,
  LM_BFD_DIAG_CONCAT_PATH_DOWN = 6,
  LM_BFD_DIAG_ADMIN_DOWN = 7,          /* Administratively Down */
  LM_BFD_DIAG_REVERSE_CONCAT_PATH_DOWN = 8,
  LM_BFD_N_DIAGS
} LmBfdDiag;

/* Events of one end's state machine (RFC 5880 §6.2 and §6.8.6, plus the
 * local events this model adds: carrier loss, router crash and restart). */
typedef enum {
  LM_BFD_EVENT_RECV_ADMIN_DOWN,   /* control packet received, State = AdminDown */
  LM_BFD_EVENT_RECV_DOWN,
  LM_BFD_EVENT_RECV_INIT,
  LM_BFD_EVENT_RECV_UP,
  LM_BFD_EVENT_TIMER,             /* Detection Time expired (§6.8.4) */
  LM_BFD_EVENT_ADMIN_DOWN,        /* operator: session AdminDown (§6.8.16) */
  LM_BFD_EVENT_ADMIN_UP,
  LM_BFD_EVENT_CARRIER_DOWN,      /* local interface lost carrier */
  LM_BFD_EVENT_CRASH,             /* the router of this end vanished */
  LM_BFD_EVENT_RESTART,           /* ... and came back */
  LM_BFD_N_EVENTS
} LmBfdEvent;

typedef enum {
  LM_BFD_PATH_SILENT,    /* packets stop, no carrier change: timers notice */
  LM_BFD_PATH_CARRIER,   /* loss of signal at both ends */
} LmBfdPathFailure;

typedef struct {
  LmTime desired_min_tx;   /* bfd.DesiredMinTxInterval once Up: 300 ms */
  LmTime required_min_rx;  /* bfd.RequiredMinRxInterval: 300 ms */
  guint detect_mult;       /* bfd.DetectMult: 3 (1..255) */
} LmBfdEndConfig;

typedef struct {
  const char *name;        /* full name, e.g. "ic1.A.rp1.bgp.ipv4.bfd" */
  LmTime delay;            /* one-way packet delay: 0.1 ms (assumption) */
  LmTime carrier_delay;    /* carrier loss -> Down at each end: 1 ms (assumption) */
  LmTime slow_tx;          /* DesiredMinTx while not Up: 1 s (§6.8.3 "not less than one second") */
  gboolean start_up;       /* both ends Up at creation, no handshake */
  gboolean path_up;        /* the path works at creation (default TRUE) */
  LmBfdEndConfig end[LM_BFD_N_ENDS];
} LmBfdConfig;

/* Called inside the kernel event that changed @end's state.  The client must
 * not free the session from here; it may free its own request. */
typedef void (*LmBfdNotify) (LmBfdSession *session, LmBfdEnd end, LmBfdState state,
                             LmBfdDiag diag, gpointer user_data);

#define LM_BFD_ERROR (lm_bfd_error_quark ())
GQuark lm_bfd_error_quark (void);

typedef enum {
  LM_BFD_ERROR_CONFIG,     /* a value out of range */
} LmBfdError;

/* Fills @config with the defaults above (cloud-facts §2: 300 ms x 3 on both
 * ends).  @name is not copied here; lm_bfd_session_new() copies it. */
void lm_bfd_config_init (LmBfdConfig *config, const char *name);

/* A new session with both ends alive.  Unless config->start_up, both ends
 * start Down and come up by the three-way handshake.  NULL and @error set
 * when the config is invalid.  (transfer full) */
LmBfdSession *lm_bfd_session_new (LmSim *sim, const LmBfdConfig *config, GError **error);
/* Cancels every timer and packet of the session.  Requests still held by
 * clients stay valid (they report AdminDown) and must be freed by them. */
void lm_bfd_session_free (LmBfdSession *session);

const char *lm_bfd_session_name (const LmBfdSession *session);
LmBfdState lm_bfd_session_state (const LmBfdSession *session, LmBfdEnd end);
LmBfdDiag lm_bfd_session_diag (const LmBfdSession *session, LmBfdEnd end);
/* Time of @end's last state change. */
LmTime lm_bfd_session_since (const LmBfdSession *session, LmBfdEnd end);
/* The interval at which @end transmits once Up: the larger of its
 * DesiredMinTx and the peer's RequiredMinRx (§6.8.7). */
LmTime lm_bfd_session_tx_interval (const LmBfdSession *session, LmBfdEnd end);
/* Detection time at @end once Up: the peer's DetectMult times the peer's
 * transmit interval (§6.8.4). */
LmTime lm_bfd_session_detect_time (const LmBfdSession *session, LmBfdEnd end);
/* Control packets @end has sent (simulated ones only). */
guint64 lm_bfd_session_packets_sent (const LmBfdSession *session, LmBfdEnd end);

/* The path between the two ends.  Down is idempotent; up after down. */
void lm_bfd_session_path_down (LmBfdSession *session, LmBfdPathFailure how);
void lm_bfd_session_path_up (LmBfdSession *session);
gboolean lm_bfd_session_path_is_up (const LmBfdSession *session);
/* @end's router crashes: that end goes AdminDown without telling its own
 * clients (they crashed with it); the peer notices only by silence. */
void lm_bfd_session_crash (LmBfdSession *session, LmBfdEnd end);
void lm_bfd_session_restart (LmBfdSession *session, LmBfdEnd end);
/* Operator AdminDown (TRUE) or back (FALSE) on @end (§6.8.16). */
void lm_bfd_session_set_admin_down (LmBfdSession *session, LmBfdEnd end, gboolean down);

/* Feeds one event into @end's state machine as if it had happened: for
 * tests and scripted peers. */
void lm_bfd_session_feed (LmBfdSession *session, LmBfdEnd end, LmBfdEvent event);

/* Client API.  (transfer full) */
LmBfdRequest *lm_bfd_request_new (LmBfdSession *session, LmBfdEnd end, LmBfdNotify notify,
                                  gpointer user_data);
void lm_bfd_request_free (LmBfdRequest *request);
/* Current state of the requested end (AdminDown once the session is gone). */
LmBfdState lm_bfd_request_state (const LmBfdRequest *request);

const char *lm_bfd_state_name (LmBfdState state);
const char *lm_bfd_diag_name (LmBfdDiag diag);
const char *lm_bfd_event_name (LmBfdEvent event);
const char *lm_bfd_end_name (LmBfdEnd end);

/* The exact law used for detection after a silent failure, exported because
 * BGP's hold timer uses the same renewal argument.  A periodic sender whose
 * gaps are independent and uniform on [@lo, @hi] (jitter) has, at a random
 * instant, an age A since its last packet with density
 *     f(a) = P(X > a) / E[X],  0 <= a < hi.
 * Draws A exactly by inverting its CDF; the result is in [0, hi). */
LmTime lm_bfd_age_draw (gsl_rng *rng, LmTime lo, LmTime hi);
/* E[A] = E[X^2] / (2 E[X]) = (lo^2 + lo hi + hi^2) / (3 (lo + hi)), seconds. */
double lm_bfd_age_mean_s (LmTime lo, LmTime hi);
/* The jittered transmit interval range of a sender with interval @interval
 * and multiplier @mult: [0.75 I, I], or [0.75 I, 0.9 I] when mult is 1
 * (RFC 5880 §6.8.7). */
void lm_bfd_jitter_range (LmTime interval, guint mult, LmTime *lo, LmTime *hi);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmBfdSession, lm_bfd_session_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmBfdRequest, lm_bfd_request_free)

G_END_DECLS
