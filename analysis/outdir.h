/* analysis/outdir.h — a set of files written into one directory, all or none.
 *
 * The contents are made first, in memory; lm_out_files_write() then creates
 * the directory (and its parents) if missing and writes each file atomically
 * (a temporary file beside it, then a rename: a reader never sees half a
 * file).  When one write fails, the files this call already wrote are
 * removed again, so a failed --csv or --plot leaves no partial set behind.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LmOutFiles LmOutFiles;

LmOutFiles *lm_out_files_new (void);
void lm_out_files_free (LmOutFiles *f);
/* Adds DIR/@name with @text (transfer full). */
void lm_out_files_take (LmOutFiles *f, const char *name, char *text);
guint lm_out_files_count (const LmOutFiles *f);
const char *lm_out_files_name (const LmOutFiles *f, guint i);
/* FALSE with @error naming the directory or the file that failed. */
gboolean lm_out_files_write (const LmOutFiles *f, const char *dir, GError **error);

/* A double for data files, in the C locale and with every digit that
 * reads back to the same value (g_ascii_dtostr); "NaN" for NaN, which
 * gnuplot skips as missing. */
void lm_out_double (GString *out, double v);
/* An LmTime in seconds with every nanosecond: "1800.000000000". */
void lm_out_seconds (GString *out, gint64 ns);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmOutFiles, lm_out_files_free)

G_END_DECLS
