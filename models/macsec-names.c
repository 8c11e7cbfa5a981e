/* models/macsec-names.c — the MACsec model's names, settings and packet-number
 * arithmetic: name tables (checked against their enums), mode and cipher
 * parsing, defaults and their validation, and the time a SAK takes to use up
 * its packet numbers.  The state machines are in models/macsec.c. */
#define G_LOG_DOMAIN "lm-macsec"

#include "models/macsec.h"
#include "models/macsec-private.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (lm-macsec-error-quark, lm_macsec_error)

/* ------------------------------------------------------------ names */

static const char *const end_names[] = {
  [LM_MACSEC_END_CLOUD] = "cloud",
  [LM_MACSEC_END_PARTNER] = "partner",
};
G_STATIC_ASSERT (G_N_ELEMENTS (end_names) == LM_MACSEC_N_ENDS);

static const char *const state_names[] = {
  [LM_MACSEC_STATE_IDLE] = "idle",
  [LM_MACSEC_STATE_DISCOVERING] = "discovering",
  [LM_MACSEC_STATE_KEY_SERVER_ELECTED] = "key-server-elected",
  [LM_MACSEC_STATE_SECURED] = "secured",
  [LM_MACSEC_STATE_REKEYING] = "rekeying",
};
G_STATIC_ASSERT (G_N_ELEMENTS (state_names) == LM_MACSEC_N_STATES);

static const char *const event_names[] = {
  [LM_MACSEC_EVENT_CARRIER_UP] = "carrier-up",
  [LM_MACSEC_EVENT_CARRIER_DOWN] = "carrier-down",
  [LM_MACSEC_EVENT_PEER_FOUND] = "peer-found",
  [LM_MACSEC_EVENT_SAK_INSTALLED] = "sak-installed",
  [LM_MACSEC_EVENT_LIFE_EXPIRED] = "life-expired",
  [LM_MACSEC_EVENT_MKPDU_LOST] = "mkpdu-lost",
  [LM_MACSEC_EVENT_MKPDU_RESUMED] = "mkpdu-resumed",
  [LM_MACSEC_EVENT_REKEY] = "rekey",
  [LM_MACSEC_EVENT_NEW_CA] = "new-ca",
  [LM_MACSEC_EVENT_REKEY_DONE] = "rekey-done",
  [LM_MACSEC_EVENT_ALREADY_SECURED] = "already-secured",
};
G_STATIC_ASSERT (G_N_ELEMENTS (event_names) == LM_MACSEC_N_EVENTS);

static const char *const mode_names[] = {
  [LM_MACSEC_MODE_MUST_ENCRYPT] = "must-encrypt",
  [LM_MACSEC_MODE_SHOULD_ENCRYPT] = "should-encrypt",
  [LM_MACSEC_MODE_NO_ENCRYPT] = "no-encrypt",
};
G_STATIC_ASSERT (G_N_ELEMENTS (mode_names) == LM_MACSEC_N_MODES);

static const char *const cipher_names[] = {
  [LM_MACSEC_CIPHER_GCM_AES_XPN_256] = "gcm-aes-xpn-256",
  [LM_MACSEC_CIPHER_GCM_AES_256] = "gcm-aes-256",
};
G_STATIC_ASSERT (G_N_ELEMENTS (cipher_names) == LM_MACSEC_N_CIPHERS);

static const char *const carry_names[] = {
  [LM_MACSEC_CARRY_NONE] = "none",
  [LM_MACSEC_CARRY_CLEAR] = "clear",
  [LM_MACSEC_CARRY_SECURED] = "secured",
};
G_STATIC_ASSERT (G_N_ELEMENTS (carry_names) == LM_MACSEC_N_CARRIES);

static const char *const reason_names[] = {
  [LM_MACSEC_REASON_CARRIER_DOWN] = "carrier-down",
  [LM_MACSEC_REASON_NO_SAK] = "no-sak",
  [LM_MACSEC_REASON_ENDS_DISAGREE] = "ends-disagree",
  [LM_MACSEC_REASON_FALLBACK_CLEAR] = "fallback-clear",
  [LM_MACSEC_REASON_NO_ENCRYPT] = "no-encrypt",
  [LM_MACSEC_REASON_SECURED] = "secured",
};
G_STATIC_ASSERT (G_N_ELEMENTS (reason_names) == LM_MACSEC_N_REASONS);

#define NAME_OF(table, i) \
  ((guint) (i) < G_N_ELEMENTS (table) ? (table)[i] : "?")

const char *lm_macsec_end_name (LmMacsecEnd e) { return NAME_OF (end_names, e); }
const char *lm_macsec_state_name (LmMacsecState s) { return NAME_OF (state_names, s); }
const char *lm_macsec_event_name (LmMacsecEvent e) { return NAME_OF (event_names, e); }
const char *lm_macsec_mode_name (LmMacsecMode m) { return NAME_OF (mode_names, m); }
const char *lm_macsec_cipher_name (LmMacsecCipher c) { return NAME_OF (cipher_names, c); }
const char *lm_macsec_carry_name (LmMacsecCarry c) { return NAME_OF (carry_names, c); }
const char *lm_macsec_reason_name (LmMacsecReason r) { return NAME_OF (reason_names, r); }

/* Index of @name in @table, accepting '_' for '-'; -1 when absent. */
static int
lookup_name (const char *const *table, guint n, const char *name)
{
  if (name == NULL)
    return -1;
  g_autofree char *dashed = g_strdup (name);
  g_strdelimit (dashed, "_", '-');
  for (guint i = 0; i < n; i++)
    if (strcmp (table[i], dashed) == 0)
      return (int) i;
  return -1;
}

gboolean
lm_macsec_mode_from_name (const char *name, LmMacsecMode *mode)
{
  int i = lookup_name (mode_names, LM_MACSEC_N_MODES, name);
  if (i >= 0 && mode != NULL)
    *mode = (LmMacsecMode) i;
  return i >= 0;
}

gboolean
lm_macsec_cipher_from_name (const char *name, LmMacsecCipher *cipher)
{
  int i = lookup_name (cipher_names, LM_MACSEC_N_CIPHERS, name);
  if (i >= 0 && cipher != NULL)
    *cipher = (LmMacsecCipher) i;
  return i >= 0;
}

/* ------------------------------------------------------------ config */

void
lm_macsec_config_init (LmMacsecConfig *c)
{
  *c = (LmMacsecConfig) {
    .mode = LM_MACSEC_MODE_MUST_ENCRYPT,
    .cipher = LM_MACSEC_CIPHER_GCM_AES_XPN_256,
    .hello = LM_S (2),            /* 802.1X-2020 Table 9-3 */
    .life = LM_S (6),             /* 802.1X-2020 Table 9-3 */
    .sak_install = LM_MS (500),   /* assumption: one MKA Bounded Hello Time */
    .sak_retire = LM_S (3),       /* assumption: wpa_supplicant's retire time */
    .rekey_interval = 0,          /* DX: SAK Rekey Time "PN Rollover" */
    .tx_rate_bps = 100e9,         /* assumption: a saturated 100 Gbps port */
    .frame_bytes = 1500,
    .key_server_priority = { 16, 16 },   /* assumption */
  };
}

gboolean
lm_macsec_config_check (const LmMacsecConfig *c, GError **error)
{
  const char *bad = NULL;
  if ((guint) c->mode >= LM_MACSEC_N_MODES)
    bad = "unknown encryption mode";
  else if ((guint) c->cipher >= LM_MACSEC_N_CIPHERS)
    bad = "unknown cipher suite";
  else if (c->hello <= 0)
    bad = "MKA hello time must be positive";
  else if (c->life <= c->hello)
    bad = "MKA life time must be longer than the hello time";
  else if (c->sak_install < 0 || c->sak_retire < 0 || c->rekey_interval < 0)
    bad = "MACsec delays must not be negative";
  else if (!(c->tx_rate_bps >= 0 && isfinite (c->tx_rate_bps)))
    bad = "MACsec transmit rate must be a finite rate >= 0";
  else if (c->frame_bytes == 0)
    bad = "MACsec frame size must be positive";
  if (bad != NULL)
    g_set_error_literal (error, LM_MACSEC_ERROR, LM_MACSEC_ERROR_CONFIG, bad);
  return bad == NULL;
}

/* ------------------------------------------------------------ packet numbers */

/* 802.1X-2020 §9.8: the Key Server distributes a fresh SAK when a
 * participant's transmit PN nears exhaustion; the threshold 0xC0000000 (3/4
 * of the 32-bit space) is wpa_supplicant's PENDING_PN_EXHAUSTION, and the
 * same 3/4 is assumed for the 64-bit XPN space (802.1AEbw). */
double
lm_macsec_pn_threshold (LmMacsecCipher cipher)
{
  return cipher == LM_MACSEC_CIPHER_GCM_AES_XPN_256 ? ldexp (3.0, 62) : ldexp (3.0, 30);
}

double
lm_macsec_frames_per_s (double rate_bps, guint frame_bytes)
{
  return rate_bps / (8.0 * frame_bytes);
}

double
lm_macsec_pn_exhaustion_s (LmMacsecCipher cipher, double rate_bps, guint frame_bytes)
{
  g_return_val_if_fail (frame_bytes > 0, INFINITY);
  double fps = lm_macsec_frames_per_s (rate_bps, frame_bytes);
  return fps > 0 ? lm_macsec_pn_threshold (cipher) / fps : INFINITY;
}

/* The margin keeps double rounding (1 µs at 2^63 ns) from pushing a delay
 * past the end of LmTime: anything within 0.1 % of it is "never". */
LmTime
lm_macsec_delay_or_never (double seconds, LmTime now)
{
  double ns = ceil (seconds * 1e9);
  if (!(ns < 0.999 * (double) (LM_TIME_MAX - now)))
    return LM_TIME_MAX;
  return ns > 0 ? (LmTime) ns : 0;
}

LmTime
lm_macsec_pn_exhaustion (LmMacsecCipher cipher, double rate_bps, guint frame_bytes)
{
  return lm_macsec_delay_or_never (lm_macsec_pn_exhaustion_s (cipher, rate_bps, frame_bytes), 0);
}

