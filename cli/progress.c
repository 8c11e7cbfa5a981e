/* cli/progress.c — the stderr progress bar (cli/progress.h). */
#include "cli/progress.h"

#include <stdio.h>
#include <unistd.h>

#define REDRAW_US 200000
#define WIDTH 24

void
lm_cli_progress_init (LmCliProgress *p, const char *label)
{
  *p = (LmCliProgress) { .enabled = isatty (STDERR_FILENO) == 1, .label = label,
                         .start_us = g_get_monotonic_time () };
}

static void
eta_text (double seconds, char *buf, gsize len)
{
  long s = (long) (seconds + 0.5);
  if (s >= 3600)
    g_snprintf (buf, len, "%ldh%02ldm", s / 3600, s / 60 % 60);
  else if (s >= 60)
    g_snprintf (buf, len, "%ldm%02lds", s / 60, s % 60);
  else
    g_snprintf (buf, len, "%lds", s);
}

void
lm_cli_progress_update (guint64 done, guint64 n, gpointer data)
{
  LmCliProgress *p = data;
  if (!p->enabled)
    return;
  gint64 now = g_get_monotonic_time ();
  if (done < n && now - p->drawn_us < REDRAW_US)
    return;
  p->drawn_us = now;
  double elapsed = (now - p->start_us) / 1e6;
  double rate = elapsed > 0 ? done / elapsed : 0;
  char bar[WIDTH + 1];
  guint filled = (guint) (WIDTH * done / MAX (n, 1));
  for (guint i = 0; i < WIDTH; i++)
    bar[i] = i < filled ? '#' : '.';
  bar[WIDTH] = '\0';
  char eta[32] = "—";
  if (rate > 0 && done < n)
    eta_text ((n - done) / rate, eta, sizeof eta);
  fprintf (stderr, "\r\033[K%s [%s] %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
           " replications  %.0f/s  ETA %s", p->label, bar, done, n, rate, eta);
  fflush (stderr);
  p->drawn = TRUE;
}

void
lm_cli_progress_finish (LmCliProgress *p)
{
  if (p->drawn)
    {
      fputs ("\r\033[K", stderr);
      fflush (stderr);
    }
  p->drawn = FALSE;
}
