/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-settings"

#include "config.h"

#include "cited-settings.h"

GSettings *
cited_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "io.github.cited.Cited", TRUE);
  if (schema == NULL)
    {
      g_debug ("The io.github.cited.Cited schema is not installed; settings are not kept");
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}
