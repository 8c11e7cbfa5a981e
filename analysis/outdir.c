/* analysis/outdir.c — files into a directory, all or none (analysis/outdir.h). */
#include "analysis/outdir.h"

#include <errno.h>
#include <math.h>
#include <glib/gstdio.h>

struct _LmOutFiles {
  GPtrArray *names;   /* char* */
  GPtrArray *texts;   /* char* */
};

LmOutFiles *
lm_out_files_new (void)
{
  LmOutFiles *f = g_new0 (LmOutFiles, 1);
  f->names = g_ptr_array_new_with_free_func (g_free);
  f->texts = g_ptr_array_new_with_free_func (g_free);
  return f;
}

void
lm_out_files_free (LmOutFiles *f)
{
  if (f == NULL)
    return;
  g_ptr_array_unref (f->names);
  g_ptr_array_unref (f->texts);
  g_free (f);
}

void
lm_out_files_take (LmOutFiles *f, const char *name, char *text)
{
  g_ptr_array_add (f->names, g_strdup (name));
  g_ptr_array_add (f->texts, text);
}

guint lm_out_files_count (const LmOutFiles *f) { return f->names->len; }
const char *lm_out_files_name (const LmOutFiles *f, guint i) { return f->names->pdata[i]; }

gboolean
lm_out_files_write (const LmOutFiles *f, const char *dir, GError **error)
{
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int e = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (e),
                   "cannot create the directory %s: %s", dir, g_strerror (e));
      return FALSE;
    }
  for (guint i = 0; i < f->names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, f->names->pdata[i], NULL);
      if (!g_file_set_contents (path, f->texts->pdata[i], -1, error))
        {
          for (guint k = 0; k < i; k++)   /* all or none */
            {
              g_autofree char *done = g_build_filename (dir, f->names->pdata[k], NULL);
              g_unlink (done);
            }
          return FALSE;
        }
    }
  return TRUE;
}

void
lm_out_double (GString *out, double v)
{
  if (isnan (v))
    {
      g_string_append (out, "NaN");
      return;
    }
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_string_append (out, g_ascii_dtostr (buf, sizeof buf, v));
}

void
lm_out_seconds (GString *out, gint64 ns)
{
  if (ns < 0)
    {
      g_string_append_c (out, '-');
      ns = -ns;
    }
  g_string_append_printf (out, "%" G_GINT64_FORMAT ".%09" G_GINT64_FORMAT,
                          ns / 1000000000, ns % 1000000000);
}
