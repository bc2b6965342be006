/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include "cited-extract-zh-private.h"

/*
 * Periods: the scan notes every year ("2021年", "二〇二一年", "今年",
 * "2021-03-15") and quarter ("三季度", "第三季度", "Q3") it meets as a
 * mark at its char; each figure takes the nearest mark before it, else
 * the first after it.
 */

static void
add_mark (Mark  *marks,
          guint *n,
          guint  idx,
          int    value)
{
  if (*n < ZH_MAX_MARKS)
    {
      marks[*n].idx = idx;
      marks[*n].value = value;
      (*n)++;
    }
}

void
zh_add_year (ZhPeriods *p,
             guint      idx,
             int        year)
{
  add_mark (p->years, &p->n_years, idx, year);
}

void
zh_add_quarter (ZhPeriods *p,
                guint      idx,
                int        quarter)
{
  add_mark (p->quarters, &p->n_quarters, idx, quarter);
}

static int
nearest_mark (const Mark *marks,
              guint       n,
              guint       idx)
{
  int before = 0, after = 0;

  for (guint k = 0; k < n; k++)
    {
      if (marks[k].idx <= idx)
        before = marks[k].value;
      else if (after == 0)
        after = marks[k].value;
    }
  return before != 0 ? before : after;
}

/* A year things are counted since is their start, not their period:
 * "自 2011 年成立以来，小米已售出近 8 亿部" is a running total. */
void
zh_drop_since_years (ZhPeriods  *p,
                     const Sent *s)
{
  guint kept = 0;

  for (guint k = 0; k < p->n_years; k++)
    {
      guint y = p->years[k].idx;
      guint b = skip_spaces_back (s, y);
      gboolean since = b > 0 && (s->cp[b - 1] == 0x81EA /* 自 */ || s->cp[b - 1] == 0x4ECE /* 从 */);

      for (guint q = y; !since && q + 1 < s->n && q < y + 16 && !is_clause_sep (s->cp[q]); q++)
        since = s->cp[q] == 0x4EE5 /* 以 */ && s->cp[q + 1] == 0x6765 /* 来 */;
      if (!since)
        p->years[kept++] = p->years[k];
    }
  p->n_years = kept;
}

/* The year of a figure at @i0 in the clause [lo, hi). A goal ("目标是成为
 * 全球第一") keeps only a year of its own clause. */
int
zh_nearest_year (const ZhPeriods *p,
                 const Sent      *s,
                 guint            lo,
                 guint            hi,
                 guint            i0)
{
  int year = nearest_mark (p->years, p->n_years, i0);

  if (year != 0 && zh_range_has_any (s, lo, i0, &s->v->goal_words))
    {
      year = 0;
      for (guint q = 0; q < p->n_years; q++)
        if (p->years[q].idx >= lo && p->years[q].idx < hi)
          year = p->years[q].value;
    }
  return year;
}

int
zh_nearest_quarter (const ZhPeriods *p,
                    guint            i0)
{
  return nearest_mark (p->quarters, p->n_quarters, i0);
}
