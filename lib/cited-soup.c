/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-feeds"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "cited-error.h"
#include "cited-soup-private.h"

static CitedSoup soup;
static char *open_error;   /* why libsoup could not be opened, or NULL */

static gboolean
open_soup (void)
{
  static const struct {
    const char *name;
    gsize       offset;
  } functions[] = {
#define FUNCTION(field) { "soup_" #field, G_STRUCT_OFFSET (CitedSoup, field) }
    FUNCTION (session_get_type),
    FUNCTION (session_set_timeout),
    FUNCTION (session_send),
    FUNCTION (session_send_async),
    FUNCTION (session_send_finish),
    FUNCTION (message_new),
    FUNCTION (message_add_flags),
    FUNCTION (message_get_status),
    FUNCTION (message_get_reason_phrase),
    FUNCTION (message_get_request_headers),
    FUNCTION (message_get_response_headers),
    FUNCTION (message_headers_get_one),
    FUNCTION (message_headers_replace),
    FUNCTION (message_headers_get_content_length),
    FUNCTION (message_headers_get_encoding),
    FUNCTION (message_headers_get_content_type),
    FUNCTION (date_time_new_from_http_string),
#undef FUNCTION
  };
  /* Never closed: its types stay registered. */
  GModule *module = g_module_open (SOUP_LIBRARY, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

  G_STATIC_ASSERT (G_N_ELEMENTS (functions) * sizeof (gpointer) == sizeof (CitedSoup));

  if (module == NULL)
    {
      open_error = g_strdup (g_module_error ());
      return FALSE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (functions); i++)
    {
      gpointer *slot = G_STRUCT_MEMBER_P (&soup, functions[i].offset);

      if (!g_module_symbol (module, functions[i].name, slot) || *slot == NULL)
        {
          open_error = g_strdup (g_module_error ());
          return FALSE;
        }
    }
  return TRUE;
}

const CitedSoup *
cited_soup_get (GError **error)
{
  static gsize opened = 0;

  if (g_once_init_enter (&opened))
    g_once_init_leave (&opened, open_soup () ? 1 : 2);
  if (opened == 1)
    return &soup;
  g_set_error (error, CITED_ERROR, CITED_ERROR_FAILED,
               /* Translators: %s is the library's file name, then the system's reason */
               _("Feeds need the library %s, which could not be opened: %s"),
               SOUP_LIBRARY, open_error);
  return NULL;
}
