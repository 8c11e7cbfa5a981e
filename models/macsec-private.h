/* models/macsec-private.h — internals shared by models/macsec*.c, and the
 * test hook; nothing outside them and tests/ includes this header.
 *
 * The state-table tests feed single events into one end, including events
 * that the link never produces in that state, to check every (state, event)
 * cell of the table.
 */
#pragma once

#include "models/macsec.h"

G_BEGIN_DECLS

/* The PN at which the key server distributes a fresh SAK: 3/4 of the space. */
double lm_macsec_pn_threshold (LmMacsecCipher cipher);
double lm_macsec_frames_per_s (double rate_bps, guint frame_bytes);
/* @seconds as a delay from @now, or LM_TIME_MAX past the end of LmTime. */
LmTime lm_macsec_delay_or_never (double seconds, LmTime now);

/* Request: feed @event into @end's state machine (in a zero-delay event, in
 * order with the other requests), then settle the link as after any event. */
void lm_macsec_link_inject (LmMacsecLink *link, LmMacsecEnd end, LmMacsecEvent event);

G_END_DECLS
