/* models/macsec-private.h — test hooks of the MACsec model; not for models.
 *
 * The state-table tests feed single events into one end, including events
 * that the link never produces in that state, to check every (state, event)
 * cell of the table.  Nothing outside tests/ includes this header.
 */
#pragma once

#include "models/macsec.h"

G_BEGIN_DECLS

/* Request: feed @event into @end's state machine (in a zero-delay event, in
 * order with the other requests), then settle the link as after any event. */
void lm_macsec_link_inject (LmMacsecLink *link, LmMacsecEnd end, LmMacsecEvent event);

G_END_DECLS
