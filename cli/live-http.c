/* cli/live-http.c — live mode's HTTP server (libevent's evhttp).
 *
 *   GET  /metrics   Prometheus text format 0.0.4 (analysis/live-metrics.c)
 *   GET  /status    the same as JSON (analysis/live-status.c)
 *   POST /inject    one scenario action without `at`, applied now; 400 with
 *                   the parser's located message when it is wrong
 *   GET  /healthz   "ok"
 *
 * Safety: loopback unless --listen says otherwise, and then only with a
 * token (Authorization: Bearer T) guarding /inject; bodies above 64 KiB get
 * 413 (evhttp refuses them before they are read), headers above 16 KiB are
 * refused, idle connections are dropped after 30 s; evhttp answers
 * malformed requests itself (400) without calling us.
 */
#include "cli/live-private.h"

#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <event2/buffer.h>
#include <event2/keyvalq_struct.h>
#include "analysis/live-metrics.h"

#define MAX_HEADERS (16 * 1024)
#define TIMEOUT_S 30

/* ------------------------------------------------------------ --listen */

static gboolean
is_loopback (const char *host)
{
  struct in_addr a4;
  struct in6_addr a6;
  if (inet_pton (AF_INET, host, &a4) == 1)
    return (ntohl (a4.s_addr) >> 24) == 127;
  if (inet_pton (AF_INET6, host, &a6) == 1)
    return IN6_IS_ADDR_LOOPBACK (&a6)
           || (IN6_IS_ADDR_V4MAPPED (&a6) && a6.s6_addr[12] == 127);
  return FALSE;
}

/* "ADDR:PORT" or "[ADDR6]:PORT", ADDR numeric or "localhost". */
static gboolean
parse_listen (const char *listen, char **host, guint16 *port, GError **error)
{
  const char *colon = strrchr (listen, ':');
  g_autofree char *h = NULL;
  if (colon != NULL && listen[0] == '[' && colon > listen && colon[-1] == ']')
    h = g_strndup (listen + 1, (gsize) (colon - listen - 2));
  else if (colon != NULL && memchr (listen, ':', (gsize) (colon - listen)) == NULL)
    h = g_strndup (listen, (gsize) (colon - listen));
  guint64 p = 0;
  if (h == NULL || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &p, NULL))
    {
      g_set_error (error, LM_LIVE_ERROR, LM_LIVE_ERROR_USAGE,
                   "--listen '%s': expected ADDR:PORT, e.g. 127.0.0.1:9464 or [::1]:9464", listen);
      return FALSE;
    }
  if (strcmp (h, "localhost") == 0)
    {
      g_free (h);
      h = g_strdup ("127.0.0.1");
    }
  struct in6_addr any;
  if (inet_pton (AF_INET, h, &any) != 1 && inet_pton (AF_INET6, h, &any) != 1)
    {
      g_set_error (error, LM_LIVE_ERROR, LM_LIVE_ERROR_USAGE,
                   "--listen '%s': '%s' is not a numeric IPv4 or IPv6 address", listen, h);
      return FALSE;
    }
  *host = g_steal_pointer (&h);
  *port = (guint16) p;
  return TRUE;
}

/* ------------------------------------------------------------ replies */

static void
reply (struct evhttp_request *req, int code, const char *reason, const char *type,
       const char *body)
{
  struct evkeyvalq *out = evhttp_request_get_output_headers (req);
  evhttp_add_header (out, "Content-Type", type);
  evhttp_add_header (out, "Cache-Control", "no-store");
  struct evbuffer *buf = evbuffer_new ();
  evbuffer_add (buf, body, strlen (body));
  evhttp_send_reply (req, code, reason, buf);
  evbuffer_free (buf);
}

static void
reply_text (struct evhttp_request *req, int code, const char *reason, const char *body)
{
  reply (req, code, reason, "text/plain; charset=utf-8", body);
}

static LmLiveInfo
info_of (const LmLive *live)
{
  return (LmLiveInfo) { live->speed, live->ended, live->injected };
}

/* ------------------------------------------------------------ /inject */

static gboolean
authorized (const LmLive *live, struct evhttp_request *req)
{
  if (live->token == NULL)
    return TRUE;
  const char *h = evhttp_find_header (evhttp_request_get_input_headers (req), "Authorization");
  g_autofree char *want = g_strconcat ("Bearer ", live->token, NULL);
  if (h == NULL || strlen (h) != strlen (want))
    return FALSE;
  unsigned char diff = 0;   /* the same time whatever prefix matches */
  for (gsize i = 0; want[i] != '\0'; i++)
    diff |= (unsigned char) (h[i] ^ want[i]);
  return diff == 0;
}

/* The body as one action line, or NULL with the 4xx reply sent. */
static char *
action_line (struct evhttp_request *req)
{
  struct evbuffer *in = evhttp_request_get_input_buffer (req);
  gsize len = evbuffer_get_length (in);
  if (len > LM_LIVE_MAX_BODY)
    {
      reply_text (req, 413, "Payload Too Large", "inject: the body is above 64 KiB\n");
      return NULL;
    }
  char *text = g_malloc (len + 1);
  evbuffer_copyout (in, text, len);
  text[len] = '\0';
  gboolean nul = memchr (text, '\0', len) != NULL;
  g_strstrip (text);
  const char *why = nul ? "inject: a NUL byte in the body\n"
                    : text[0] == '\0' ? "inject: the body is empty: send one scenario action "
                                        "without 'at', e.g. 'fail site ic1.A'\n"
                    : strchr (text, '\n') != NULL ? "inject: one action per request, on one line\n"
                    : NULL;
  if (why != NULL)
    {
      reply_text (req, 400, "Bad Request", why);
      g_free (text);
      return NULL;
    }
  return text;
}

static void
handle_inject (LmLive *live, struct evhttp_request *req)
{
  if (evhttp_request_get_command (req) != EVHTTP_REQ_POST)
    {
      evhttp_add_header (evhttp_request_get_output_headers (req), "Allow", "POST");
      reply_text (req, 405, "Method Not Allowed", "inject: use POST\n");
      return;
    }
  if (!authorized (live, req))
    {
      evhttp_add_header (evhttp_request_get_output_headers (req), "WWW-Authenticate", "Bearer");
      reply_text (req, 401, "Unauthorized", "inject: this server wants 'Authorization: Bearer TOKEN'\n");
      return;
    }
  g_autofree char *line = action_line (req);
  if (line == NULL)
    return;
  if (live->ended)
    {
      reply_text (req, 409, "Conflict", "inject: the run has ended\n");
      return;
    }
  lm_live_catch_up (live);
  g_autoptr (GError) error = NULL;
  LmScAction *a = NULL;
  if (!lm_scenario_parse_action (live->sc, line, &a, &error)
      || !lm_world_inject (lm_run_world (live->run), a, &error))
    {
      lm_sc_action_free (a);
      g_autofree char *msg = g_strconcat (error->message, "\n", NULL);
      reply_text (req, 400, "Bad Request", msg);
      return;
    }
  live->injected++;
  LmTime now = lm_sim_now (lm_run_sim (live->run));
  lm_run_advance (live->run, now);   /* what opens now, opens before the reply */
  lm_live_rearm (live);
  g_autofree char *when = lm_time_to_string (now);
  g_autofree char *msg = g_strdup_printf ("applied at %s: %s\n", when, line);
  reply_text (req, 200, "OK", msg);
}

/* ------------------------------------------------------------ dispatch */

static void
on_request (struct evhttp_request *req, void *data)
{
  LmLive *live = data;
  const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri (req);
  const char *path = uri != NULL ? evhttp_uri_get_path (uri) : NULL;
  enum evhttp_cmd_type cmd = evhttp_request_get_command (req);
  gboolean get = cmd == EVHTTP_REQ_GET || cmd == EVHTTP_REQ_HEAD;
  if (path == NULL)
    reply_text (req, 400, "Bad Request", "bad request target\n");
  else if (strcmp (path, "/inject") == 0)
    handle_inject (live, req);
  else if (!get && (strcmp (path, "/metrics") == 0 || strcmp (path, "/status") == 0
                    || strcmp (path, "/healthz") == 0))
    {
      evhttp_add_header (evhttp_request_get_output_headers (req), "Allow", "GET, HEAD");
      reply_text (req, 405, "Method Not Allowed", "use GET\n");
    }
  else if (strcmp (path, "/healthz") == 0)
    reply_text (req, 200, "OK", "ok\n");
  else if (strcmp (path, "/metrics") == 0 || strcmp (path, "/status") == 0)
    {
      lm_live_catch_up (live);
      LmLiveInfo info = info_of (live);
      gboolean prom = strcmp (path, "/metrics") == 0;
      g_autofree char *body = prom ? lm_live_metrics_text (live->run, &info)
                                   : lm_live_status_json (live->run, &info);
      reply (req, 200, "OK", prom ? LM_LIVE_METRICS_CONTENT_TYPE : "application/json", body);
    }
  else
    reply_text (req, 404, "Not Found", "not found: try /metrics, /status, /healthz or POST /inject\n");
}

/* ------------------------------------------------------------ server */

static guint16
bound_port (struct evhttp_bound_socket *sock)
{
  struct sockaddr_storage ss;
  socklen_t len = sizeof ss;
  if (getsockname (evhttp_bound_socket_get_fd (sock), (struct sockaddr *) &ss, &len) != 0)
    return 0;
  if (ss.ss_family == AF_INET6)
    return ntohs (((struct sockaddr_in6 *) &ss)->sin6_port);
  return ntohs (((struct sockaddr_in *) &ss)->sin_port);
}

gboolean
lm_live_http_start (LmLive *live, const char *listen, GError **error)
{
  g_autofree char *host = NULL;
  guint16 port;
  if (!parse_listen (listen, &host, &port, error))
    return FALSE;
  if (!is_loopback (host) && (live->token == NULL || live->token[0] == '\0'))
    {
      g_set_error (error, LM_LIVE_ERROR, LM_LIVE_ERROR_USAGE,
                   "--listen %s is beyond loopback: give --token T too, so that only "
                   "holders of T can POST /inject", listen);
      return FALSE;
    }
  live->http = evhttp_new (live->base);
  evhttp_set_max_body_size (live->http, LM_LIVE_MAX_BODY);
  evhttp_set_max_headers_size (live->http, MAX_HEADERS);
  evhttp_set_timeout (live->http, TIMEOUT_S);
  evhttp_set_allowed_methods (live->http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD | EVHTTP_REQ_POST);
  evhttp_set_gencb (live->http, on_request, live);
  struct evhttp_bound_socket *sock = evhttp_bind_socket_with_handle (live->http, host, port);
  if (sock == NULL)
    {
      int saved = errno;
      g_set_error (error, LM_LIVE_ERROR, LM_LIVE_ERROR_LISTEN, "--listen %s: cannot listen: %s",
                   listen, saved != 0 ? g_strerror (saved) : "bind failed");
      return FALSE;
    }
  /* answers above one write (16 KiB) must not wait on Nagle and the
   * client's delayed ACK (40 ms a scrape); Linux passes the option on to
   * the accepted sockets */
  int one = 1;
  setsockopt (evhttp_bound_socket_get_fd (sock), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  live->port = bound_port (sock);
  g_snprintf (live->address, sizeof live->address, strchr (host, ':') ? "[%s]:%u" : "%s:%u",
              host, live->port);
  return TRUE;
}

void
lm_live_http_stop (LmLive *live)
{
  g_clear_pointer (&live->http, evhttp_free);
}
