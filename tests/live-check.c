/* tests/live-check.c — reading Prometheus text in tests (live mode). */
#include "tests/live-check.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static gboolean
fail (char **why, guint line, const char *what)
{
  if (why != NULL)
    *why = g_strdup_printf ("line %u: %s", line, what);
  return FALSE;
}

static gboolean
is_name (const char *s, gsize n)
{
  if (n == 0 || !(g_ascii_isalpha (s[0]) || s[0] == '_' || s[0] == ':'))
    return FALSE;
  for (gsize i = 1; i < n; i++)
    if (!(g_ascii_isalnum (s[i]) || s[i] == '_' || s[i] == ':'))
      return FALSE;
  return TRUE;
}

/* name="value",… up to the closing brace; returns the position after it. */
static const char *
skip_labels (const char *p)
{
  while (*p != '}')
    {
      const char *eq = strchr (p, '=');
      if (eq == NULL || !is_name (p, (gsize) (eq - p)) || eq[1] != '"')
        return NULL;
      for (p = eq + 2; *p != '"'; p++)
        if (*p == '\0' || (*p == '\\' && strchr ("\\\"n", *++p) == NULL))
          return NULL;
      p++;
      if (*p == ',')
        p++;
      else if (*p != '}')
        return NULL;
    }
  return p + 1;
}

static gboolean
is_value (const char *v)
{
  if (strcmp (v, "NaN") == 0 || strcmp (v, "+Inf") == 0 || strcmp (v, "-Inf") == 0)
    return TRUE;
  char *end;
  g_ascii_strtod (v, &end);
  return end != v && *end == '\0';
}

static gboolean
belongs (const char *name, const char *family, const char *type)
{
  if (strcmp (name, family) == 0)
    return TRUE;
  if (strcmp (type, "summary") != 0)
    return FALSE;
  gsize n = strlen (family);
  return strncmp (name, family, n) == 0
         && (strcmp (name + n, "_sum") == 0 || strcmp (name + n, "_count") == 0);
}

static gboolean
check_comment (const char *l, guint i, GHashTable *seen, char **family, char **type,
               char **help, char **why)
{
  g_auto (GStrv) w = g_strsplit (l, " ", 4);
  if (g_strv_length (w) < 3)
    return fail (why, i, "a comment that is neither HELP nor TYPE");
  if (strcmp (w[1], "HELP") == 0)
    {
      g_free (*help);
      *help = g_strdup (w[2]);
      return TRUE;
    }
  static const char *const types[] = { "counter", "gauge", "summary", "histogram", "untyped", NULL };
  if (strcmp (w[1], "TYPE") != 0 || w[3] == NULL || !g_strv_contains (types, w[3]))
    return fail (why, i, "a bad TYPE line");
  if (*help == NULL || strcmp (*help, w[2]) != 0)
    return fail (why, i, "TYPE without its HELP just before");
  if (g_hash_table_contains (seen, w[2]))
    return fail (why, i, "a family declared twice");
  g_hash_table_add (seen, g_strdup (w[2]));
  g_free (*family);
  g_free (*type);
  *family = g_strdup (w[2]);
  *type = g_strdup (w[3]);
  return TRUE;
}

gboolean
lm_check_exposition (const char *text, char **why)
{
  if (text == NULL || !g_str_has_suffix (text, "\n"))
    return fail (why, 0, "empty, or no final newline");
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *family = NULL, *type = NULL, *help = NULL;
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      const char *l = lines[i];
      if (l[0] == '#')
        {
          if (!check_comment (l, i + 1, seen, &family, &type, &help, why))
            return FALSE;
          continue;
        }
      gsize n = strcspn (l, "{ ");
      g_autofree char *name = g_strndup (l, n);
      if (!is_name (l, n))
        return fail (why, i + 1, "a bad metric name");
      if (family == NULL || !belongs (name, family, type))
        return fail (why, i + 1, "a sample outside its family");
      const char *p = l + n;
      if (*p == '{' && (p = skip_labels (p + 1)) == NULL)
        return fail (why, i + 1, "bad labels");
      if (*p != ' ' || !is_value (p + 1))
        return fail (why, i + 1, "a bad value");
    }
  return TRUE;
}

double
lm_metric_value (const char *text, const char *name, const char *labels)
{
  gsize n = strlen (name);
  for (const char *l = text; l != NULL && *l != '\0'; l = strchr (l, '\n') ? strchr (l, '\n') + 1 : NULL)
    {
      if (strncmp (l, name, n) != 0 || (l[n] != '{' && l[n] != ' '))
        continue;
      const char *end = strchr (l, '\n');
      g_autofree char *line = end ? g_strndup (l, (gsize) (end - l)) : g_strdup (l);
      const char *close = l[n] == '{' ? strrchr (line, '}') : line + n;
      if (close == NULL)
        continue;
      g_autofree char *lab = g_strndup (line + n, (gsize) (close - line - n));
      if (labels != NULL && strstr (lab, labels) == NULL)
        continue;
      const char *v = strchr (close, ' ');
      if (v == NULL)
        continue;
      return strcmp (v + 1, "NaN") == 0 ? NAN : g_ascii_strtod (v + 1, NULL);
    }
  return NAN;
}
