/* models/macsec.h — MACsec on one connection, keyed by MKA (IEEE 802.1X-2020,
 * IEEE 802.1AE-2018): may this connection carry traffic, in clear or secured?
 *
 * One LmMacsecLink models both ends of one connection (the cloud device and
 * the partner device), each end with its own MKA state machine and its own
 * random stream.  The link/site model owns the handle and talks to it through
 * requests; answers come back through one notify callback:
 *
 *   caller → macsec   lm_macsec_link_set_carrier(), _set_silent(),
 *                     _start_secured(), _rekey(), _rotate_cak(),
 *                     _cak_mismatch(), _set_tx_rate()
 *   macsec → caller   LmMacsecNotify (link, carry, reason, user_data)
 *
 * Requests are messages: each is applied in its own zero-delay kernel event,
 * in the order the requests were made, so the notify callback always runs
 * inside a kernel event and may itself make requests.  It is called only
 * when (carry, reason) changes.
 *
 * Every state change of an end is emitted as an LM_SIGNAL_STATE with
 * component "<name>.cloud" or "<name>.partner", what "macsec", and the event
 * name as cause.  docs/models-macsec.md gives every timer, default and source.
 */
#pragma once

#include <glib.h>
#include "sim/sim.h"

G_BEGIN_DECLS

typedef struct _LmMacsecLink LmMacsecLink;

typedef enum {
  LM_MACSEC_END_CLOUD,
  LM_MACSEC_END_PARTNER,
  LM_MACSEC_N_ENDS
} LmMacsecEnd;

/* The state of one end: an abstraction of the 802.1X-2020 CP state machine
 * (Figure 12-2) together with the KaY's live-peer list (clause 9). */
typedef enum {
  LM_MACSEC_STATE_IDLE,               /* no carrier or MKA off       (CP INIT) */
  LM_MACSEC_STATE_DISCOVERING,        /* hellos sent, no live peer  (CP CHANGE, or ALLOWED) */
  LM_MACSEC_STATE_KEY_SERVER_ELECTED, /* live peer, SAK being distributed (CP CHANGE) */
  LM_MACSEC_STATE_SECURED,            /* SAK in use both ways       (CP SECURED) */
  LM_MACSEC_STATE_REKEYING,           /* new SAK being installed, old still valid
                                         (CP RECEIVE … TRANSMITTING, RETIRE) */
  LM_MACSEC_N_STATES
} LmMacsecState;

/* The inputs of an end's state machine. */
typedef enum {
  LM_MACSEC_EVENT_CARRIER_UP,
  LM_MACSEC_EVENT_CARRIER_DOWN,
  LM_MACSEC_EVENT_PEER_FOUND,      /* mutual live peer; key server elected */
  LM_MACSEC_EVENT_SAK_INSTALLED,   /* first SAK installed for rx and tx */
  LM_MACSEC_EVENT_LIFE_EXPIRED,    /* no valid MKPDU for MKA Life Time */
  LM_MACSEC_EVENT_MKPDU_LOST,      /* valid MKPDUs stopped arriving */
  LM_MACSEC_EVENT_MKPDU_RESUMED,   /* … and started again */
  LM_MACSEC_EVENT_REKEY,           /* the key server generates a new SAK */
  LM_MACSEC_EVENT_NEW_CA,          /* a new CKN/CAK is in force at both ends */
  LM_MACSEC_EVENT_REKEY_DONE,      /* new SAK in use, old SA retired */
  LM_MACSEC_EVENT_ALREADY_SECURED, /* secured before the simulation began */
  LM_MACSEC_N_EVENTS
} LmMacsecEvent;

/* Direct Connect's encryptionMode (cloud-facts.md §3). */
typedef enum {
  LM_MACSEC_MODE_MUST_ENCRYPT,     /* no SAK → no traffic */
  LM_MACSEC_MODE_SHOULD_ENCRYPT,   /* no SAK → clear traffic (fail open) */
  LM_MACSEC_MODE_NO_ENCRYPT,       /* MKA off, always clear */
  LM_MACSEC_N_MODES
} LmMacsecMode;

typedef enum {
  LM_MACSEC_CIPHER_GCM_AES_XPN_256, /* 64-bit packet numbers (802.1AEbw) */
  LM_MACSEC_CIPHER_GCM_AES_256,     /* 32-bit packet numbers */
  LM_MACSEC_N_CIPHERS
} LmMacsecCipher;

/* What MACsec lets through. */
typedef enum {
  LM_MACSEC_CARRY_NONE,
  LM_MACSEC_CARRY_CLEAR,
  LM_MACSEC_CARRY_SECURED,
  LM_MACSEC_N_CARRIES
} LmMacsecCarry;

typedef enum {
  LM_MACSEC_REASON_CARRIER_DOWN,   /* none: no carrier */
  LM_MACSEC_REASON_NO_SAK,         /* none: must-encrypt and not secured */
  LM_MACSEC_REASON_ENDS_DISAGREE,  /* none: should-encrypt, one end secured and
                                      the other fell back to clear */
  LM_MACSEC_REASON_FALLBACK_CLEAR, /* clear: should-encrypt, neither end secured */
  LM_MACSEC_REASON_NO_ENCRYPT,     /* clear: no-encrypt */
  LM_MACSEC_REASON_SECURED,        /* secured: both ends have a SAK in use */
  LM_MACSEC_N_REASONS
} LmMacsecReason;

/* Settings; lm_macsec_config_init() fills in the defaults (every one with
 * its source in docs/models-macsec.md). */
typedef struct {
  LmMacsecMode mode;            /* must-encrypt */
  LmMacsecCipher cipher;        /* GCM-AES-XPN-256 */
  LmTime hello;                 /* MKA Hello Time, 2 s */
  LmTime life;                  /* MKA Life Time, 6 s */
  LmTime sak_install;           /* SAK distribution and install, 0.5 s */
  LmTime sak_retire;            /* old SA kept for receive after a switch, 3 s */
  LmTime rekey_interval;        /* periodic rekey; 0 = only on PN exhaustion */
  double tx_rate_bps;           /* each direction, for PN use: 100 Gbps */
  guint frame_bytes;            /* mean frame size for PN use: 1500 B */
  guint key_server_priority[LM_MACSEC_N_ENDS]; /* lower wins: 16, 16 */
} LmMacsecConfig;

#define LM_MACSEC_KEYCHAIN_MAX 3   /* CKN/CAK pairs per end (cloud-facts.md §3) */

#define LM_MACSEC_ERROR (lm_macsec_error_quark ())
GQuark lm_macsec_error_quark (void);
typedef enum {
  LM_MACSEC_ERROR_CONFIG,   /* a setting out of range */
} LmMacsecError;

void lm_macsec_config_init (LmMacsecConfig *config);
/* FALSE with @error when a setting is out of range (hello <= 0, life <=
 * hello, negative delays or rates, frame_bytes 0, unknown mode/cipher). */
gboolean lm_macsec_config_check (const LmMacsecConfig *config, GError **error);

typedef void (*LmMacsecNotify) (LmMacsecLink *link, LmMacsecCarry carry,
                                LmMacsecReason reason, gpointer user_data);

/* A new link named @name (e.g. "ic1.A.rp1.link"), carrier down, both ends
 * Idle, each keychain holding one shared CKN/CAK.  @config must pass
 * lm_macsec_config_check() and is copied.  @notify may be NULL.
 * (transfer full) */
LmMacsecLink *lm_macsec_link_new (LmSim *sim, const char *name,
                                  const LmMacsecConfig *config,
                                  LmMacsecNotify notify, gpointer user_data);
/* Cancels everything the link scheduled; NULL ok. */
void lm_macsec_link_free (LmMacsecLink *link);

/* Requests (each applied in a zero-delay event, in call order). */
void lm_macsec_link_set_carrier (LmMacsecLink *link, gboolean up);
/* Frames stop (or start again) passing both ways with carrier kept: MKA
 * notices only when its peer's MKA Life Time runs out. */
void lm_macsec_link_set_silent (LmMacsecLink *link, gboolean silent);
/* Carrier up and both ends secured since before t = 0 (an interconnect that
 * is available at the start): SAK age and rekey phase are drawn.  Ignored by
 * ends that are not Idle. */
void lm_macsec_link_start_secured (LmMacsecLink *link);
/* The key server distributes a fresh SAK now (hitless). */
void lm_macsec_link_rekey (LmMacsecLink *link);
/* A new CKN/CAK pair is added to both keychains (the oldest pair leaves a
 * full keychain) and put in force: hitless when the link is secured; also
 * what repairs a CAK mismatch. */
void lm_macsec_link_rotate_cak (LmMacsecLink *link);
/* @end's CAK changes to one its peer does not hold: MKPDUs stop validating,
 * each end loses its peer after its MKA Life Time. */
void lm_macsec_link_cak_mismatch (LmMacsecLink *link, LmMacsecEnd end);
/* @end now transmits @rate_bps (>= 0): changes when its PN runs out. */
void lm_macsec_link_set_tx_rate (LmMacsecLink *link, LmMacsecEnd end, double rate_bps);

/* Queries (the state as of the last applied request or timer). */
const char *lm_macsec_link_name (const LmMacsecLink *link);
LmMacsecCarry lm_macsec_link_may_carry (const LmMacsecLink *link, LmMacsecReason *reason);
LmMacsecState lm_macsec_link_state (const LmMacsecLink *link, LmMacsecEnd end);
/* When @end entered its current state. */
LmTime lm_macsec_link_since (const LmMacsecLink *link, LmMacsecEnd end);
gboolean lm_macsec_link_carrier (const LmMacsecLink *link);
/* The end elected key server the last time a peer was found. */
LmMacsecEnd lm_macsec_link_key_server (const LmMacsecLink *link);
guint lm_macsec_link_keychain_len (const LmMacsecLink *link, LmMacsecEnd end);
/* SAKs put in use at the key server since the link was created. */
guint64 lm_macsec_link_saks (const LmMacsecLink *link);

/* Time for one end sending @rate_bps in @frame_bytes frames to use up a
 * SAK's packet numbers up to the rekey threshold (3/4 of the PN space);
 * LM_TIME_MAX when that is beyond LmTime's range (XPN) or the rate is 0.
 * lm_macsec_pn_exhaustion_s() gives the same in seconds, unbounded. */
LmTime lm_macsec_pn_exhaustion (LmMacsecCipher cipher, double rate_bps, guint frame_bytes);
double lm_macsec_pn_exhaustion_s (LmMacsecCipher cipher, double rate_bps, guint frame_bytes);

/* Names: "idle", "must-encrypt", "gcm-aes-xpn-256", "secured", "no-sak", … */
const char *lm_macsec_end_name (LmMacsecEnd end);
const char *lm_macsec_state_name (LmMacsecState state);
const char *lm_macsec_event_name (LmMacsecEvent event);
const char *lm_macsec_mode_name (LmMacsecMode mode);
const char *lm_macsec_cipher_name (LmMacsecCipher cipher);
const char *lm_macsec_carry_name (LmMacsecCarry carry);
const char *lm_macsec_reason_name (LmMacsecReason reason);
/* Accept the names above, and the API spellings with '_' ("must_encrypt",
 * "gcm_aes_xpn_256"); FALSE on anything else. */
gboolean lm_macsec_mode_from_name (const char *name, LmMacsecMode *mode);
gboolean lm_macsec_cipher_from_name (const char *name, LmMacsecCipher *cipher);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmMacsecLink, lm_macsec_link_free)

G_END_DECLS
