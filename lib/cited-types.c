/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-types"
#include "config.h"

#include <math.h>

#include "cited-error.h"
#include "cited-types.h"

G_DEFINE_QUARK (cited-error-quark, cited_error)

G_DEFINE_BOXED_TYPE (CitedFigure, cited_figure, cited_figure_ref, cited_figure_unref)
G_DEFINE_BOXED_TYPE (CitedArticle, cited_article, cited_article_ref, cited_article_unref)

/**
 * cited_figure_new:
 * Returns: (transfer full): an empty figure, value_max NAN.
 */
CitedFigure *
cited_figure_new (void)
{
  CitedFigure *self = g_new0 (CitedFigure, 1);

  self->ref_count = 1;
  self->value_max = NAN;
  self->orig_value = NAN;
  return self;
}

CitedFigure *
cited_figure_ref (CitedFigure *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
cited_figure_unref (CitedFigure *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_free (self->unit);
  g_free (self->currency);
  g_free (self->qualifier);
  g_free (self->metric);
  g_free (self->scope);
  g_free (self->brand);
  g_free (self->text);
  g_free (self->sentence);
  g_free (self->language);
  g_free (self->article_title);
  g_free (self->article_path);
  g_free (self->article_published);
  g_free (self->orig_brand);
  g_free (self->orig_metric);
  g_free (self);
}

gboolean
cited_figure_is_range (const CitedFigure *self)
{
  return !isnan (self->value_max);
}

CitedArticle *
cited_article_new (void)
{
  CitedArticle *self = g_new0 (CitedArticle, 1);

  self->ref_count = 1;
  return self;
}

CitedArticle *
cited_article_ref (CitedArticle *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
cited_article_unref (CitedArticle *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_free (self->title);
  g_free (self->source);
  g_free (self->published);
  g_free (self->path);
  g_free (self->language);
  g_free (self->body);
  g_free (self->hash);
  g_strfreev (self->brands);
  g_free (self->snippet);
  g_free (self);
}

void
cited_brand_stats_free (CitedBrandStats *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->color);
  g_strfreev (self->aliases);
  g_free (self);
}

const char *
cited_discovered_status_to_string (CitedDiscoveredStatus status)
{
  switch (status)
    {
    case CITED_DISCOVERED_ACCEPTED:
      return "accepted";
    case CITED_DISCOVERED_HIDDEN:
      return "hidden";
    case CITED_DISCOVERED_MERGED:
      return "merged";
    case CITED_DISCOVERED_NEW:
    default:
      return "new";
    }
}

void
cited_discovered_free (CitedDiscovered *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->merged_into);
  g_free (self->example);
  g_free (self->first_seen);
  g_free (self);
}
