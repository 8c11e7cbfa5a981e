/* analysis/replicate-io.h — a slice of a Monte Carlo run written down and
 * read back, for shards and MPI ranks (docs/scale.md).
 *
 * A slice run (LmReplicateOptions.first_chunk/end_chunk) keeps the state of
 * each chunk it folded; lm_replication_chunks_json() writes them as JSON —
 * every double with 17 significant digits, so it reads back to the same
 * bits; lm_replication_assemble() reads the chunks of all slices back and
 * folds them in chunk order, exactly as one machine would have: the same
 * report and JSON, bit for bit. */
#pragma once

#include <json-glib/json-glib.h>
#include "analysis/replicate.h"

G_BEGIN_DECLS

/* Adds the member "chunks": the kept chunk states of a slice run @rep
 * (an empty array for a slice with no chunk). */
void lm_replication_chunks_json (JsonBuilder *b, const LmReplication *rep);

/* Assembles the run of @n replications of @sc from chunk objects (JsonObject*,
 * as written above, from every slice, in any order).  Refuses, with a
 * message, a chunk missing, duplicated, out of range or malformed.  The
 * result reports @wall_s and @jobs under "run". */
LmReplication *lm_replication_assemble (const LmScenario *sc, guint64 n, GPtrArray *chunks,
                                        double wall_s, guint jobs, GError **error);

G_END_DECLS
