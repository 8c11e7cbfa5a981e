/* analysis/trace.c — state changes as JSON lines (analysis/trace.h). */
#include "analysis/trace.h"

#include <json-glib/json-glib.h>

struct _LmTrace {
  LmSim *sim;
  guint handler;
  GString *text;
  guint lines;
};

static void
add_string (JsonBuilder *b, const char *key, const char *value)
{
  json_builder_set_member_name (b, key);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
on_state (LmSim *sim, const LmSignal *s, gpointer user_data)
{
  LmTrace *trace = user_data;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *t = lm_time_to_string (s->time);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "t_ns");
  json_builder_add_int_value (b, s->time);
  add_string (b, "t", t);
  add_string (b, "component", s->component);
  add_string (b, "what", s->what);
  add_string (b, "from", s->u.state.from_name);
  add_string (b, "to", s->u.state.to_name);
  add_string (b, "cause", s->u.state.cause);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autofree char *line = json_to_string (root, FALSE);
  g_string_append (trace->text, line);
  g_string_append_c (trace->text, '\n');
  trace->lines++;
}

LmTrace *
lm_trace_new (LmSim *sim)
{
  LmTrace *trace = g_new0 (LmTrace, 1);
  trace->sim = sim;
  trace->text = g_string_new (NULL);
  trace->handler = lm_sim_connect (sim, LM_SIGNAL_STATE, on_state, trace);
  return trace;
}

void
lm_trace_free (LmTrace *trace)
{
  if (trace == NULL)
    return;
  lm_sim_disconnect (trace->sim, trace->handler);
  g_string_free (trace->text, TRUE);
  g_free (trace);
}

const char *
lm_trace_text (const LmTrace *trace)
{
  return trace->text->str;
}

guint
lm_trace_lines (const LmTrace *trace)
{
  return trace->lines;
}
