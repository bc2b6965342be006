/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "cited-claims"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cited-claims.h"
#include "cited-store-private.h"
#include "cited-value.h"

/* ------------------------------------------------------------------ */
/* Precision                                                           */

/* The significant digits of the first number written in @text, or 0 when
 * it has none in digits ("a billion", "一亿"). Trailing zeros of a whole
 * number count only when it is written in full and below 10,000 (@value
 * is what it stands for): "1100 yuan" is a price to the yuan, "140
 * million" and "24,000" are rounded. */
static guint
written_digits (const char *text,
                double      value)
{
  GString *digits = g_string_new (NULL);
  gboolean decimal = FALSE;
  gboolean started = FALSE;
  guint n;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int d = -1;

      if (c >= '0' && c <= '9')
        d = c - '0';
      else if (c >= 0xFF10 && c <= 0xFF19)
        d = c - 0xFF10;

      if (d >= 0)
        {
          started = TRUE;
          g_string_append_c (digits, '0' + d);
          continue;
        }
      if (!started)
        continue;
      /* A separator between digits: a thousands comma, or the decimal
       * point, after which every digit counts. */
      if ((c == ',' || c == 0xFF0C) && g_ascii_isdigit (p[1]))
        continue;
      if ((c == '.' || c == 0xFF0E) && !decimal && g_ascii_isdigit (p[1]))
        {
          decimal = TRUE;
          g_string_append_c (digits, '.');
          continue;
        }
      break;
    }

  if (!decimal &&
      !(fabs (value) < 10000 && digits->len > 0 &&
        g_ascii_strtod (digits->str, NULL) == fabs (value)))
    {
      /* Trailing zeros of a rounded whole number say nothing of its
       * precision. */
      while (digits->len > 0 && digits->str[digits->len - 1] == '0')
        g_string_truncate (digits, digits->len - 1);
    }
  n = 0;
  for (const char *p = digits->str; *p; p++)
    {
      if (*p == '.')
        continue;
      if (n == 0 && *p == '0')
        continue;
      n++;
    }
  g_string_free (digits, TRUE);
  return n;
}

/* The significant digits of a value typed by a user: all it has. */
static guint
value_digits (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_snprintf (buffer, sizeof buffer, "%.12g", fabs (value));
  if (strchr (buffer, 'e') != NULL)
    return 12;
  return written_digits (buffer, fabs (value));
}

/**
 * cited_figure_significant_digits:
 * @figure: a figure
 *
 * Returns: the significant digits of the figure as written (of its value
 *   when a user typed it), at least 2.
 */
guint
cited_figure_significant_digits (const CitedFigure *figure)
{
  guint n;

  g_return_val_if_fail (figure != NULL, 2);

  if (figure->edited && figure->value != figure->orig_value)
    n = value_digits (figure->value);
  else
    n = written_digits (figure->text, figure->value);
  return MAX (n, 2);
}

static double
rounding_of (double value,
             guint  digits)
{
  double magnitude;

  if (value == 0 || !isfinite (value))
    return 0;
  magnitude = floor (log10 (fabs (value)));
  return 0.5 * pow (10, magnitude - (double) digits + 1);
}

static gboolean
is_rank (const CitedFigure *figure)
{
  return g_strcmp0 (figure->metric, "rank") == 0;
}

/**
 * cited_figure_rounding:
 * @figure: a figure
 *
 * Returns: half a unit of the figure's last significant digit, in the
 *   figure's value's terms (5 million for "140 million"); 0 for a rank.
 */
double
cited_figure_rounding (const CitedFigure *figure)
{
  g_return_val_if_fail (figure != NULL, 0);

  if (is_rank (figure))
    return 0;
  return rounding_of (figure->value, cited_figure_significant_digits (figure));
}

static double
rounding_of_max (const CitedFigure *figure)
{
  if (is_rank (figure))
    return 0;
  return rounding_of (figure->value_max, cited_figure_significant_digits (figure));
}

static gboolean
within (double a,
        double b,
        double tolerance)
{
  /* The last term absorbs scaling noise ("1.9" × 1e8). */
  return fabs (a - b) <= tolerance + 1e-9 * MAX (fabs (a), fabs (b));
}

/**
 * cited_figures_same_value:
 * @a: a figure
 * @b: another
 *
 * Returns: TRUE when both state the same value, and both the same range
 *   when either is one, within the rounding of the less precise.
 */
gboolean
cited_figures_same_value (const CitedFigure *a,
                          const CitedFigure *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (!isfinite (a->value) || !isfinite (b->value))
    return FALSE;
  if (cited_figure_is_range (a) != cited_figure_is_range (b))
    return FALSE;
  if (!within (a->value, b->value, MAX (cited_figure_rounding (a), cited_figure_rounding (b))))
    return FALSE;
  if (cited_figure_is_range (a) &&
      !within (a->value_max, b->value_max, MAX (rounding_of_max (a), rounding_of_max (b))))
    return FALSE;
  return TRUE;
}

/**
 * cited_figure_bounds:
 * @figure: a figure
 * @low: (out): the least value it allows, or -INFINITY
 * @high: (out): the greatest, or INFINITY
 *
 * "more than 150 million" allows anything from 145 million up (its
 * rounding included); "about 190 million" 5% either way beyond its
 * rounding; "nearly 190 million" down to 10% under it.
 */
void
cited_figure_bounds (const CitedFigure *figure,
                     double            *low,
                     double            *high)
{
  double value = figure->value;
  double top = cited_figure_is_range (figure) ? figure->value_max : figure->value;
  double rounding = cited_figure_rounding (figure);
  double top_rounding = cited_figure_is_range (figure) ? rounding_of_max (figure) : rounding;

  *low = value - rounding;
  *high = top + top_rounding;
  switch (cited_value_qualifier_bound (figure->qualifier))
    {
    case CITED_BOUND_FLOOR:
      *high = INFINITY;
      break;
    case CITED_BOUND_CEILING:
      *low = -INFINITY;
      break;
    case CITED_BOUND_JUST_BELOW:
      *low -= 0.1 * fabs (value);
      break;
    case CITED_BOUND_ABOUT:
      *low -= 0.05 * fabs (value);
      *high += 0.05 * fabs (top);
      break;
    case CITED_BOUND_EXACT:
    default:
      break;
    }
}

/* ------------------------------------------------------------------ */
/* Periods                                                             */

/* Words that put an English sentence in the present or the perfect. */
static const char * const present_words[] = {
  "is", "are", "am", "has", "have", "now", "currently", "today", "presently",
  "nowadays", "remains", "remain", "stands", "aims", "aim", "plans", "targets",
  "wants", "expects", "says", "say", "know", "knows", "holds", "owns", "sells",
  "ships", "employs", "leads", "ranks", "accounts", "makes", "reaches", "exceeds",
  "tops", "boasts",
};

/* Phrases, matched on word boundaries. */
static const char * const present_phrases[] = {
  "this year", "so far", "to date", "at present", "up to now", "as of now",
};

static const char * const past_words[] = {
  "was", "were", "had", "did", "ago", "yesterday", "previously", "formerly",
};

static const char * const past_phrases[] = {
  "last year", "last quarter", "last month", "in the past", "a year earlier",
  "the previous year",
};

static const char * const present_zh[] = {
  "目前", "现在", "如今", "今年", "至今", "迄今", "截至目前", "已经", "已", "正在", "现有",
};

static const char * const past_zh[] = {
  "去年", "前年", "曾经", "曾", "此前", "过去", "当时", "年前",
};

/* The @length bytes at @word are one of @list. */
static gboolean
word_in (const char         *word,
         gsize               length,
         const char * const *list,
         gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (list[i][0] == word[0] && strlen (list[i]) == length && memcmp (word, list[i], length) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
word_ends_with (const char *word,
                gsize       length,
                const char *suffix)
{
  gsize n = strlen (suffix);

  return length >= n && memcmp (word + length - n, suffix, n) == 0;
}

/* @phrase in @folded (lower case) with a non-letter on either side. */
static gboolean
has_phrase (const char *folded,
            const char *phrase)
{
  gsize len = strlen (phrase);

  for (const char *p = strstr (folded, phrase); p != NULL; p = strstr (p + 1, phrase))
    if ((p == folded || !g_ascii_isalpha (p[-1])) && !g_ascii_isalpha (p[len]))
      return TRUE;
  return FALSE;
}

static gboolean
any_phrase (const char         *folded,
            const char * const *list,
            gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (has_phrase (folded, list[i]))
      return TRUE;
  return FALSE;
}

static gboolean
any_substring (const char         *text,
               const char * const *list,
               gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (strstr (text, list[i]) != NULL)
      return TRUE;
  return FALSE;
}

/**
 * cited_sentence_speaks_of_present:
 * @sentence: (nullable): a sentence, English or Chinese
 *
 * Returns: TRUE when the sentence has a present or perfect verb or a
 *   present time ("this year", "so far", "目前") and no past one.
 */
gboolean
cited_sentence_speaks_of_present (const char *sentence)
{
  g_autofree char *folded_heap = NULL;
  char folded_stack[512];
  char *folded;
  gboolean present = FALSE;
  gboolean ascii = TRUE;
  gsize length;
  const char *p;

  if (sentence == NULL || *sentence == '\0')
    return FALSE;

  /* Run for every figure of an import: no allocation for a sentence of
   * usual length, and the Chinese words looked for only in a sentence
   * that has non-ASCII bytes. */
  for (p = sentence; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      ascii = FALSE;
  length = p - sentence;

  if (!ascii)
    {
      if (any_substring (sentence, past_zh, G_N_ELEMENTS (past_zh)))
        return FALSE;
      present = any_substring (sentence, present_zh, G_N_ELEMENTS (present_zh));
    }

  folded = length < sizeof folded_stack ? folded_stack : (folded_heap = g_malloc (length + 1));
  for (gsize i = 0; i <= length; i++)
    folded[i] = g_ascii_tolower (sentence[i]);
  if (any_phrase (folded, past_phrases, G_N_ELEMENTS (past_phrases)))
    return FALSE;
  present |= any_phrase (folded, present_phrases, G_N_ELEMENTS (present_phrases));

  p = folded;
  while (*p != '\0')
    {
      const char *start;
      gsize n;

      while (*p != '\0' && !g_ascii_isalpha (*p))
        p++;
      start = p;
      while (g_ascii_isalpha (*p) || (*p == '\'' && g_ascii_isalpha (p[1])))
        p++;
      if (p == start)
        break;
      n = p - start;
      if (word_in (start, n, past_words, G_N_ELEMENTS (past_words)))
        return FALSE;
      /* "it's", "Xiaomi's been" are present; a possessive is neither. */
      if (!present &&
          (word_in (start, n, present_words, G_N_ELEMENTS (present_words)) ||
           word_ends_with (start, n, "'ve") || word_ends_with (start, n, "'re")))
        present = TRUE;
    }
  return present;
}

static int
year_of (const char *date)
{
  if (date == NULL || strlen (date) < 4 || !g_ascii_isdigit (date[0]))
    return 0;
  return (int) g_ascii_strtoll (date, NULL, 10);
}

/**
 * cited_figures_infer_periods:
 * @figures: (element-type CitedFigure): an article's figures
 * @published: (nullable): the article's date, "YYYY-MM-DD"
 *
 * A reported figure without a year or quarter whose sentence speaks of the
 * present takes the article's year and is flagged period_inferred. Without a date,
 * the article's year is the one year its figures name.
 */
void
cited_figures_infer_periods (GPtrArray  *figures,
                             const char *published)
{
  int year = year_of (published);

  g_return_if_fail (figures != NULL);

  if (year == 0)
    {
      for (guint i = 0; i < figures->len; i++)
        {
          const CitedFigure *f = g_ptr_array_index (figures, i);

          if (f->year == 0 || f->period_inferred)
            continue;
          if (year != 0 && year != f->year)
            return;
          year = f->year;
        }
      if (year == 0)
        return;
    }

  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *f = g_ptr_array_index (figures, i);

      /* A forecast, target or plan speaks of a time to come. */
      if (f->year != 0 || f->quarter != 0 || f->claim_status != CITED_CLAIM_REPORTED ||
          !cited_sentence_speaks_of_present (f->sentence))
        continue;
      f->year = year;
      f->period_inferred = TRUE;
    }
}

/* ------------------------------------------------------------------ */
/* Claims                                                              */

G_DEFINE_BOXED_TYPE (CitedClaim, cited_claim, cited_claim_ref, cited_claim_unref)
G_DEFINE_BOXED_TYPE (CitedContradiction, cited_contradiction,
                     cited_contradiction_copy, cited_contradiction_free)

static CitedClaim *
cited_claim_new (void)
{
  CitedClaim *self = g_new0 (CitedClaim, 1);

  self->ref_count = 1;
  self->value_max = NAN;
  self->figures = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_figure_unref);
  return self;
}

/**
 * cited_claim_ref:
 * Returns: (transfer full): @self
 */
CitedClaim *
cited_claim_ref (CitedClaim *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

/**
 * cited_claim_unref:
 * @self: (transfer full): a claim
 *
 * Drops a reference to @self, freeing it (and its references to its
 * figures) with the last.
 */
void
cited_claim_unref (CitedClaim *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_free (self->brand);
  g_free (self->metric);
  g_free (self->measure);
  g_free (self->scope);
  g_free (self->unit);
  g_free (self->currency);
  g_free (self->qualifier);
  g_free (self->first_date);
  g_free (self->last_date);
  g_ptr_array_unref (self->figures);
  g_free (self);
}

/**
 * cited_contradiction_copy:
 * @self: a contradiction
 *
 * Returns: (transfer full): a copy of @self holding references to its two
 *   claims
 */
CitedContradiction *
cited_contradiction_copy (const CitedContradiction *self)
{
  CitedContradiction *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = g_new0 (CitedContradiction, 1);
  copy->a = self->a ? cited_claim_ref (self->a) : NULL;
  copy->b = self->b ? cited_claim_ref (self->b) : NULL;
  return copy;
}

/**
 * cited_contradiction_free:
 * @self: (transfer full) (nullable): a contradiction
 *
 * Frees @self and its references to the two claims.
 */
void
cited_contradiction_free (CitedContradiction *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->a, cited_claim_unref);
  g_clear_pointer (&self->b, cited_claim_unref);
  g_free (self);
}

/* What a measure is called for grouping: "profit" in "profits fell 5%",
 * else the metric; "" for a figure that measures nothing, which is part
 * of no claim. See cited-store-private.h. */
const char *
cited_claim_measure_of (const CitedFigure *figure)
{
  const char *measure = cited_figure_get_measure (figure);

  return measure != NULL ? measure : (figure->metric != NULL ? figure->metric : "");
}

/* A company's figure that names no scope is taken for its whole business,
 * so "sold 190 million phones" is the claim "全球销量1.9亿台" makes. */
static const char *
scope_key (const char *scope)
{
  return scope != NULL ? scope : "global";
}

/* Everything two figures of a claim share but the value and unit. */
char *
cited_claim_key_of (const CitedFigure *figure)
{
  g_autofree char *brand = figure->brand != NULL ? g_utf8_casefold (figure->brand, -1) : NULL;

  return g_strdup_printf ("%s\x1f%s\x1f%d\x1f%d\x1f%d\x1f%d\x1f%s\x1f%d\x1f%d\x1f%s",
                          brand != NULL ? brand : "", cited_claim_measure_of (figure),
                          figure->change, figure->direction, figure->span,
                          figure->claim_status,
                          scope_key (figure->scope),
                          figure->year, figure->quarter,
                          figure->currency != NULL ? figure->currency : "");
}

/* A figure that names no unit ("190 million") may count the units of one
 * that does ("1.9亿台"). */
static gboolean
units_agree (const char *a,
             const char *b)
{
  /* A percentage is never a count: "27 million, or 50%". */
  if ((g_strcmp0 (a, "%") == 0) != (g_strcmp0 (b, "%") == 0))
    return FALSE;
  return a == NULL || b == NULL || g_str_equal (a, b);
}

/* A figure with its significant digits, read once. */
typedef struct {
  CitedFigure *figure;
  guint digits;
} Precise;

/* Most precise first, then the largest value, then in id order: the
 * first figure of a claim is the one that gives its value. */
static int
precise_compare (gconstpointer a,
                 gconstpointer b)
{
  const Precise *px = a;
  const Precise *py = b;
  const CitedFigure *x = px->figure;
  const CitedFigure *y = py->figure;

  if (px->digits != py->digits)
    return px->digits > py->digits ? -1 : 1;
  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* Earliest article first; undated articles last. */
static int
figure_compare_date (gconstpointer a,
                     gconstpointer b)
{
  const CitedFigure *x = *(CitedFigure * const *) a;
  const CitedFigure *y = *(CitedFigure * const *) b;
  int c;

  if ((x->article_published == NULL) != (y->article_published == NULL))
    return x->article_published == NULL ? 1 : -1;
  if ((c = g_strcmp0 (x->article_published, y->article_published)) != 0)
    return c;
  if (x->article_id != y->article_id)
    return x->article_id < y->article_id ? -1 : 1;
  return (x->start > y->start) - (x->start < y->start);
}

typedef struct {
  CitedClaim *claim;
  char *key;
  const CitedFigure *first;  /* the most precise figure: the claim's value */
} Building;

static void
building_free (gpointer data)
{
  Building *b = data;

  g_clear_pointer (&b->claim, cited_claim_unref);
  g_free (b->key);
  g_free (b);
}

/* The qualifier most of the claim's figures carry; a plain statement wins
 * a tie. */
static char *
common_qualifier (GPtrArray *figures)
{
  const char *best = NULL;
  guint best_n = 0;

  for (guint i = 0; i < figures->len; i++)
    {
      const CitedFigure *f = g_ptr_array_index (figures, i);
      guint n = 0;

      for (guint j = 0; j < figures->len; j++)
        n += g_strcmp0 (f->qualifier, ((CitedFigure *) g_ptr_array_index (figures, j))->qualifier) == 0;
      if (n > best_n || (n == best_n && f->qualifier == NULL))
        {
          best = f->qualifier;
          best_n = n;
        }
    }
  return g_strdup (best);
}

static void
finish_claim (Building *b)
{
  CitedClaim *claim = b->claim;
  g_autoptr(GHashTable) articles = g_hash_table_new (g_int64_hash, g_int64_equal);
  const CitedFigure *first = b->first;
  double union_low = INFINITY, union_high = -INFINITY;

  claim->value = first->value;
  claim->value_max = cited_figure_is_range (first) ? first->value_max : NAN;
  claim->qualifier = common_qualifier (claim->figures);
  claim->low = -INFINITY;
  claim->high = INFINITY;
  claim->period_inferred = TRUE;
  claim->id = G_MAXINT64;

  g_ptr_array_sort (claim->figures, figure_compare_date);
  for (guint i = 0; i < claim->figures->len; i++)
    {
      const CitedFigure *f = g_ptr_array_index (claim->figures, i);
      double low, high;

      /* What all its figures allow: "up to 190 million" beside "190
       * million" leaves 185 to 195 million, not anything below. */
      cited_figure_bounds (f, &low, &high);
      claim->low = MAX (claim->low, low);
      claim->high = MIN (claim->high, high);
      union_low = MIN (union_low, low);
      union_high = MAX (union_high, high);
      claim->period_inferred &= f->period_inferred;
      claim->id = MIN (claim->id, f->id);
      if (claim->unit == NULL && f->unit != NULL)
        claim->unit = g_strdup (f->unit);
      if (claim->scope == NULL && f->scope != NULL)
        claim->scope = g_strdup (f->scope);
      g_hash_table_add (articles, (gpointer) &f->article_id);
      if (f->article_published != NULL)
        {
          if (claim->first_date == NULL || strcmp (f->article_published, claim->first_date) < 0)
            {
              g_free (claim->first_date);
              claim->first_date = g_strdup (f->article_published);
            }
          if (claim->last_date == NULL || strcmp (f->article_published, claim->last_date) > 0)
            {
              g_free (claim->last_date);
              claim->last_date = g_strdup (f->article_published);
            }
        }
    }
  claim->n_sources = g_hash_table_size (articles);
  /* Figures equal within rounding whose qualifiers leave nothing in
   * common ("up to 186", "more than 190" at two digits) allow what
   * either allows. */
  if (claim->low > claim->high)
    {
      claim->low = union_low;
      claim->high = union_high;
    }
}

static int
claim_compare (gconstpointer a,
               gconstpointer b)
{
  const CitedClaim *x = *(CitedClaim * const *) a;
  const CitedClaim *y = *(CitedClaim * const *) b;
  int c;

  if ((x->brand == NULL) != (y->brand == NULL))
    return x->brand == NULL ? 1 : -1;
  if (x->brand != NULL && (c = g_ascii_strcasecmp (x->brand, y->brand)) != 0)
    return c;
  if ((c = g_strcmp0 (x->measure, y->measure)) != 0)
    return c;
  if ((c = g_strcmp0 (x->metric, y->metric)) != 0)
    return c;
  if (x->change != y->change)
    return (int) x->change - (int) y->change;
  if (x->span != y->span)
    return (int) x->span - (int) y->span;
  if (x->claim_status != y->claim_status)
    return (int) x->claim_status - (int) y->claim_status;
  if (x->year != y->year)
    return x->year - y->year;
  if (x->quarter != y->quarter)
    return x->quarter - y->quarter;
  if ((c = g_strcmp0 (x->scope, y->scope)) != 0)
    return c;
  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/**
 * cited_claims_group:
 * @figures: (element-type CitedFigure): figures, in any order
 *
 * Groups figures that state the same thing into claims. Within the same
 * company, measure, change, direction, span, status, scope, period and
 * currency, a figure joins the first claim whose value it states within
 * rounding, the most precise figures being placed first; a figure that
 * names no unit agrees with any unit. Qualifiers do not part figures
 * ("more than 140 million" and "140 million" are one claim); the claim
 * keeps the most common one. A figure with neither a metric nor a measure
 * is part of no claim.
 *
 * Returns: (transfer container) (element-type CitedClaim): the claims
 */
GPtrArray *
cited_claims_group (GPtrArray *figures)
{
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (Precise));
  g_autoptr(GPtrArray) building = g_ptr_array_new_with_free_func (building_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *claims = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_claim_unref);

  g_return_val_if_fail (figures != NULL, claims);

  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *f = g_ptr_array_index (figures, i);

      /* A figure that measures nothing known states nothing to agree
       * with: "5%" in one article and "5%" in another, neither of
       * anything the extractor could name, are not two sources of one
       * claim. */
      if (f->status != CITED_FIGURE_REJECTED && isfinite (f->value) && *cited_claim_measure_of (f) != '\0')
        {
          Precise p = { f, cited_figure_significant_digits (f) };

          g_array_append_val (sorted, p);
        }
    }
  g_array_sort (sorted, precise_compare);

  for (guint i = 0; i < sorted->len; i++)
    {
      CitedFigure *f = g_array_index (sorted, Precise, i).figure;
      g_autofree char *key = cited_claim_key_of (f);
      GPtrArray *same_key = g_hash_table_lookup (by_key, key);
      Building *b = NULL;

      for (guint j = 0; same_key != NULL && j < same_key->len; j++)
        {
          Building *candidate = g_ptr_array_index (same_key, j);

          if (units_agree (candidate->first->unit, f->unit) &&
              cited_figures_same_value (candidate->first, f))
            {
              b = candidate;
              break;
            }
        }
      if (b == NULL)
        {
          b = g_new0 (Building, 1);
          b->claim = cited_claim_new ();
          b->key = g_steal_pointer (&key);
          b->first = f;
          b->claim->brand = g_strdup (f->brand);
          b->claim->metric = g_strdup (f->metric);
          b->claim->measure = g_strdup (cited_figure_get_measure (f));
          b->claim->change = f->change;
          b->claim->direction = f->direction;
          b->claim->span = f->span;
          b->claim->claim_status = f->claim_status;
          b->claim->scope = g_strdup (f->scope);
          b->claim->year = f->year;
          b->claim->quarter = f->quarter;
          b->claim->currency = g_strdup (f->currency);
          g_ptr_array_add (building, b);
          if (same_key == NULL)
            {
              same_key = g_ptr_array_new ();
              g_hash_table_insert (by_key, b->key, same_key);
            }
          g_ptr_array_add (same_key, b);
        }
      g_ptr_array_add (b->claim->figures, cited_figure_ref (f));
    }

  for (guint i = 0; i < building->len; i++)
    {
      Building *b = g_ptr_array_index (building, i);

      finish_claim (b);
      g_ptr_array_add (claims, g_steal_pointer (&b->claim));
    }
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, by_key);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_unref (value);
  }
  g_ptr_array_sort (claims, claim_compare);
  return claims;
}

/* Two claims that could contradict each other: one company, one measure,
 * change, span, status, scope and a known period, in one currency and
 * unit. */
/* Whether an article cites both @a and @b. An article that gives two
 * values for one thing compares them ("from 62% to 68%", "$761m, lower
 * than 2003's $1.2bn") far more often than it contradicts itself, and such
 * pairs are mostly a period or a company the extractor gave the wrong
 * figure: contradictions are between sources. */
static gboolean
share_article (const CitedClaim *a,
               const CitedClaim *b)
{
  for (guint i = 0; i < a->figures->len; i++)
    for (guint j = 0; j < b->figures->len; j++)
      if (((CitedFigure *) g_ptr_array_index (a->figures, i))->article_id ==
          ((CitedFigure *) g_ptr_array_index (b->figures, j))->article_id)
        return TRUE;
  return FALSE;
}

static gboolean
comparable (const CitedClaim *a,
            const CitedClaim *b)
{
  return a->brand != NULL && b->brand != NULL && a->metric != NULL && b->metric != NULL &&
         g_ascii_strcasecmp (a->brand, b->brand) == 0 &&
         g_strcmp0 (a->measure != NULL ? a->measure : a->metric,
                    b->measure != NULL ? b->measure : b->metric) == 0 &&
         g_strcmp0 (a->metric, "rank") != 0 &&
         a->change == b->change && a->direction == b->direction &&
         a->span == b->span && a->claim_status == b->claim_status &&
         g_strcmp0 (scope_key (a->scope), scope_key (b->scope)) == 0 &&
         a->year > 0 && a->year == b->year && a->quarter == b->quarter &&
         g_strcmp0 (a->currency, b->currency) == 0 &&
         units_agree (a->unit, b->unit) &&
         !share_article (a, b);
}

/**
 * cited_claims_find_contradictions:
 * @claims: (element-type CitedClaim): claims from cited_claims_group()
 *
 * Two claims contradict each other when they are about the same company,
 * measure, change, span, status, scope and known period and no value lies
 * in both: "about 190 million" and "190 million" agree, so do "more than
 * 150 million" and "190 million"; "190 million" and "170 million" do not.
 * Ranks are left out: a place said twice is two claims of the same
 * ranking only when the rankings are the same, which the text rarely says.
 * So are prices (a company sells many products at many prices), figures
 * without a company or a metric, and pairs an article cites both of,
 * which compares more often than it contradicts itself.
 *
 * Returns: (transfer container) (element-type CitedContradiction): the pairs
 */
/* The key of claims that comparable() may pair: only claims of one key
 * are compared, so a corpus of many companies costs no more than each of
 * them. */
static char *
comparable_key (const CitedClaim *claim)
{
  g_autofree char *brand = g_utf8_casefold (claim->brand, -1);

  return g_strdup_printf ("%s\x1f%s\x1f%d\x1f%d\x1f%d\x1f%d\x1f%s\x1f%d\x1f%d\x1f%s",
                          brand, claim->measure != NULL ? claim->measure : claim->metric,
                          claim->change, claim->direction, claim->span, claim->claim_status,
                          scope_key (claim->scope), claim->year, claim->quarter,
                          claim->currency != NULL ? claim->currency : "");
}

GPtrArray *
cited_claims_find_contradictions (GPtrArray *claims)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_contradiction_free);
  g_autoptr(GHashTable) buckets = NULL;
  g_autoptr(GPtrArray) order = NULL;

  g_return_val_if_fail (claims != NULL, out);

  buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) g_ptr_array_unref);
  order = g_ptr_array_new ();
  for (guint i = 0; i < claims->len; i++)
    {
      CitedClaim *claim = g_ptr_array_index (claims, i);
      char *key;
      GPtrArray *bucket;

      /* A price is a product's, and a company sells many products at
       * many prices: Cited does not know which product a price is of. */
      if (claim->brand == NULL || claim->metric == NULL || claim->year <= 0 ||
          g_str_equal (claim->metric, "price"))
        continue;
      key = comparable_key (claim);
      bucket = g_hash_table_lookup (buckets, key);
      if (bucket == NULL)
        {
          bucket = g_ptr_array_new ();
          g_hash_table_insert (buckets, key, bucket);
          g_ptr_array_add (order, bucket);
        }
      else
        g_free (key);
      g_ptr_array_add (bucket, claim);
    }

  for (guint k = 0; k < order->len; k++)
    {
      GPtrArray *bucket = g_ptr_array_index (order, k);

      for (guint i = 0; i < bucket->len; i++)
        for (guint j = i + 1; j < bucket->len; j++)
          {
            CitedClaim *a = g_ptr_array_index (bucket, i);
            CitedClaim *b = g_ptr_array_index (bucket, j);
            CitedContradiction *c;

            if (!comparable (a, b))
              continue;
            if (a->high >= b->low && b->high >= a->low)
              continue;
            c = g_new0 (CitedContradiction, 1);
            if (b->n_sources > a->n_sources ||
                (b->n_sources == a->n_sources && b->figures->len > a->figures->len))
              {
                CitedClaim *t = a;
                a = b;
                b = t;
              }
            c->a = cited_claim_ref (a);
            c->b = cited_claim_ref (b);
            g_ptr_array_add (out, c);
          }
    }
  return out;
}

/* The claims of the figures @query matches, rejected ones left out; the
 * figures with their sentences and articles' titles and paths when
 * @texts. */
static GPtrArray *
list_claims (CitedStore        *store,
             const CitedQuery  *query,
             gboolean           texts,
             GError           **error)
{
  CitedQuery q = { 0 };
  g_autoptr(GPtrArray) figures = NULL;

  if (query != NULL)
    q = *query;
  q.include_rejected = FALSE;
  q.offset = 0;
  q.limit = 0;
  figures = cited_store_list_figures_full (store, &q, texts, error);
  if (figures == NULL)
    return NULL;
  return cited_claims_group (figures);
}

/**
 * cited_store_list_claims:
 * @store: the store
 * @query: (nullable): filters (brand, metric, search, dates, span, status)
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type CitedClaim): the claims of the
 *   figures the query matches, rejected figures left out; NULL on error
 */
GPtrArray *
cited_store_list_claims (CitedStore        *store,
                         const CitedQuery  *query,
                         GError           **error)
{
  g_return_val_if_fail (CITED_IS_STORE (store), NULL);

  return list_claims (store, query, TRUE, error);
}

/* See cited-store-private.h. */
GPtrArray *
cited_store_list_claims_without_texts (CitedStore        *store,
                                       const CitedQuery  *query,
                                       GError           **error)
{
  g_return_val_if_fail (CITED_IS_STORE (store), NULL);

  return list_claims (store, query, FALSE, error);
}

/**
 * cited_store_list_contradictions:
 * @store: the store
 * @query: (nullable): filters as for cited_store_list_claims()
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type CitedContradiction): the
 *   contradictions among the claims the query matches; NULL on error
 */
GPtrArray *
cited_store_list_contradictions (CitedStore        *store,
                                 const CitedQuery  *query,
                                 GError           **error)
{
  g_autoptr(GPtrArray) claims = cited_store_list_claims (store, query, error);

  if (claims == NULL)
    return NULL;
  return cited_claims_find_contradictions (claims);
}

static GArray *
figure_ids (const CitedClaim *claim)
{
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), claim->figures->len);

  for (guint i = 0; i < claim->figures->len; i++)
    g_array_append_val (ids, ((CitedFigure *) g_ptr_array_index (claim->figures, i))->id);
  return ids;
}

/**
 * cited_store_mark_claim_right:
 * @store: the store the contradiction was read from
 * @contradiction: a contradiction
 * @right: @contradiction->a or @contradiction->b
 * @error: return location for a #GError
 *
 * Returns: TRUE when the figures were confirmed and rejected
 */
gboolean
cited_store_mark_claim_right (CitedStore                *store,
                              const CitedContradiction  *contradiction,
                              const CitedClaim          *right,
                              GError                   **error)
{
  const CitedClaim *wrong;
  g_autoptr(GArray) confirm = NULL;
  g_autoptr(GArray) reject = NULL;

  g_return_val_if_fail (CITED_IS_STORE (store), FALSE);
  g_return_val_if_fail (contradiction != NULL, FALSE);
  g_return_val_if_fail (right == contradiction->a || right == contradiction->b, FALSE);

  wrong = right == contradiction->a ? contradiction->b : contradiction->a;
  confirm = figure_ids (right);
  reject = figure_ids (wrong);
  return cited_store_judge_figures (store, confirm, reject, error);
}
