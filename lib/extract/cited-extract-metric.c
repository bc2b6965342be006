/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <math.h>
#include <string.h>

#include "cited-extract-en-private.h"

/* ------------------------------------------------------------------ */
/* Context: metric, scope, brand                                       */

gboolean
is_company_metric (const char *metric)
{
  return metric != NULL && strcmp (metric, "population") != 0 && strcmp (metric, "growth") != 0;
}

static gboolean
sentence_has_metric (Sentence   *S,
                     const char *metric)
{
  for (guint k = 0; k < S->tokens->len; k++)
    {
      const char *m = TOK_FIELD (TOK (S, k), metric);

      if (m != NULL && strcmp (m, metric) == 0)
        return TRUE;
    }
  return FALSE;
}

const char *
metric_for (Sentence        *S,
            const Candidate *c,
            gboolean         from_unit)
{
  const Tables *tables = S->tables;
  guint n = S->tokens->len;
  guint16 clause = TOK (S, c->first)->clause;
  const char *unit_metric = NULL;
  const char *best = NULL;
  guint best_d = G_MAXUINT;
  gboolean pct_growth = FALSE;
  gboolean best_from_sales = FALSE;

  if (c->rank)
    return "rank";

  /* A percentage right after a verb of change is the change ("shipments
   * jumped 37%", "up 5%", "fell by 2%"); after "to" it is a level
   * ("market share rose to 13%"). */
  if (g_strcmp0 (c->unit, "%") == 0 && c->first > 0)
    {
      Token *p = TOK (S, c->first - 1);
      const char *pm;

      if (is_word (S, p, "by") && c->first > 1)
        p = TOK (S, c->first - 2);
      pm = TOK_FIELD (p, metric);
      if ((pm != NULL && strcmp (pm, "growth") == 0) || is_word (S, p, "up") ||
          is_word (S, p, "down"))
        return "growth";
    }
  if (c->unit != NULL && c->currency == NULL && from_unit)
    unit_metric = g_hash_table_lookup (tables->unit_metrics, c->unit);
  /* People are staff only where the sentence speaks of staff ("the R&D
   * team has 3000 people"), not when they download or queue. */
  if (unit_metric != NULL && strcmp (unit_metric, "employees") == 0 &&
      strcmp (c->unit, "people") == 0 && !sentence_has_metric (S, "employees"))
    unit_metric = NULL;
  if (unit_metric != NULL && *unit_metric != '\0')
    return unit_metric;

  for (guint k = 0; k < n; k++)
    {
      Token *t = TOK (S, k);
      const char *m = NULL;
      gboolean mapped;
      guint d;

      if (t->clause != clause || t->type != T_WORD)
        continue;
      /* Names are not keywords: "Mr Jobs", "Steve Jobs". */
      if (t->cap && k > 0 && TOK (S, k - 1)->type == T_WORD && TOK (S, k - 1)->cap &&
          TOK (S, k - 1)->mention < 0)
        continue;
      if (k + 1 < n)
        {
          const Word *pw = phrase_find (S, t, TOK (S, k + 1));

          if (pw && pw->metric)
            m = pw->metric;
        }
      if (m == NULL)
        m = TOK_FIELD (t, metric);
      if (m == NULL)
        continue;
      if (strcmp (m, "growth") == 0 && g_strcmp0 (c->unit, "%") != 0 && c->currency == NULL)
        continue;
      /* A percentage is a share, else a change, else of what is named. */
      if (g_strcmp0 (c->unit, "%") == 0)
        {
          if (strcmp (m, "market share") == 0 || strcmp (m, "margin") == 0)
            {
              best = m;
              break;
            }
          if (strcmp (m, "growth") == 0)
            {
              pct_growth = TRUE;
              continue;
            }
        }
      if ((strcmp (m, "market share") == 0 || strcmp (m, "margin") == 0) &&
          g_strcmp0 (c->unit, "%") != 0)
        continue;
      mapped = FALSE;
      if (c->currency != NULL)
        {
          const char *mm = g_hash_table_lookup (tables->money_metrics, m);

          if (mm != NULL)
            {
              if (*mm == '\0')
                continue;
              mapped = strcmp (m, "sales") == 0;
              m = mm;
            }
        }
      d = k < c->first ? c->first - k : (k > c->last ? k - c->last : 0);
      /* Words after the figure count a little less than words before. */
      if (k > c->last)
        d += 1;
      if (d < best_d)
        {
          best_d = d;
          best = m;
          best_from_sales = mapped;
        }
    }
  /* "sold for £339" is a price, "sales of $2bn" revenue. */
  if (best != NULL && c->currency != NULL && strcmp (best, "revenue") == 0 && best_from_sales &&
      c->value < 1e4)
    return "price";
  if (best != NULL && (!pct_growth || strcmp (best, "market share") == 0 ||
                       strcmp (best, "margin") == 0))
    return best;
  if (pct_growth)
    return "growth";
  if (best != NULL)
    return best;
  if (c->currency != NULL && c->value < 1e5)
    {
      /* "£600 and his passport stolen", "fined £500": money, no price. */
      for (guint k = 0; k < n; k++)
        if (TOK (S, k)->clause == clause && tok_has (TOK (S, k), W_NOPRICE))
          return NULL;
      return "price";
    }
  if (c->unit != NULL && strcmp (c->unit, "%") == 0)
    return NULL;
  return NULL;
}

const char *
scope_for (Sentence        *S,
           const Candidate *c)
{
  guint n = S->tokens->len;
  guint16 clause = TOK (S, c->first)->clause;
  guint16 segment = TOK (S, c->first)->segment;
  const char *best = NULL;
  guint best_d = G_MAXUINT;

  for (guint k = 0; k < n; k++)
    {
      Token *t = TOK (S, k);
      const char *s = NULL;
      guint d;

      guint at = k;

      if (t->clause != clause || t->type != T_WORD)
        continue;
      if (k + 1 < n)
        {
          const Word *pw = phrase_find (S, t, TOK (S, k + 1));

          /* "Latin America" is not "America". */
          if (pw && pw->scope)
            {
              s = pw->scope;
              k++;
            }
        }
      if (s == NULL)
        s = TOK_FIELD (t, scope);
      if (s == NULL)
        continue;
      /* Places after the figure count in its own comma segment only: "145.6
       * million units, and 10,000 stores in mainland China". */
      if (at > c->last && t->segment != segment)
        continue;
      /* "The Korean firm", "a Chinese brand": where a company is from, not
       * where the figure was made. */
      if ((at + 1 < n && tok_has (TOK (S, at + 1), W_COMPANY)) ||
          (at + 2 < n && TOK (S, at + 1)->type == T_WORD && tok_has (TOK (S, at + 2), W_COMPANY)))
        continue;
      /* "the world's", "in the world", not "the technology world". */
      if (t->end - t->start == 5 && g_ascii_strncasecmp (S->body + t->start, "world", 5) == 0 &&
          !t->poss && !(at > 0 && tok_has (TOK (S, at - 1), W_THE)))
        continue;
      d = at < c->first ? c->first - at : (at > c->last ? at - c->last : 0);
      if (t->segment != segment)
        d += 8;
      if (d < best_d)
        {
          best_d = d;
          best = s;
        }
    }
  return best;
}
