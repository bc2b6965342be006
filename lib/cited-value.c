/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-value"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cited-value.h"
#include "cited-extractor.h"

/* Currencies */

/* One row per currency Cited knows: how it writes an amount, and every
 * other way the extractor and the parser read one. Where two currencies
 * share a sign ("¥" is both yuan and yen), the first row reads it: Cited's
 * news is mostly Chinese, so "¥" is CNY. */
typedef struct {
  const char *code;          /* ISO 4217 */
  const char *symbol;        /* written before the amount, with its space if any */
  const char *spellings[6];  /* also read; NULL-terminated */
} Currency;

static const Currency currencies[] = {
  { "CNY", "¥",    { "￥", "RMB", "CN¥", "人民币", "元", NULL } },
  { "USD", "$",    { "＄", "US$", "美元", "美金", NULL } },
  { "EUR", "€",    { "欧元", NULL } },
  { "GBP", "£",    { "￡", "英镑", NULL } },
  { "JPY", "¥",    { "JP¥", "円", "日元", NULL } },
  { "KRW", "₩",    { "￦", "韩元", NULL } },
  { "INR", "₹",    { "Rs.", "Rs", "卢比", NULL } },
  { "HKD", "HK$",  { "港元", "港币", NULL } },
  { "AUD", "A$",   { NULL } },
  { "CAD", "C$",   { NULL } },
  { "SGD", "S$",   { NULL } },
  { "TWD", "NT$",  { "新台币", "台币", NULL } },
  { "BRL", "R$",   { NULL } },
  { "SEK", "kr ",  { NULL } },
  { "CHF", "CHF ", { NULL } },
};

/**
 * cited_value_currency_symbol:
 * @code: (nullable): an ISO 4217 code
 *
 * Returns: (nullable) (transfer none): the symbol Cited writes, or %NULL
 */
const char *
cited_value_currency_symbol (const char *code)
{
  if (code == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (strcmp (currencies[i].code, code) == 0)
      return currencies[i].symbol;
  return NULL;
}

/* Whether @spelling is exactly the one character @c. */
static gboolean
is_char (const char *spelling,
         gunichar    c)
{
  return g_utf8_get_char (spelling) == c && *g_utf8_next_char (spelling) == '\0';
}

/**
 * cited_value_currency_for_char:
 * @c: a character
 *
 * Returns: (nullable) (transfer none): the ISO 4217 code @c stands for, or %NULL
 */
const char *
cited_value_currency_for_char (gunichar c)
{
  /* Most characters the extractor asks about are ASCII punctuation. */
  if (c < 0x80 && c != '$')
    return NULL;
  if (g_unichar_type (c) != G_UNICODE_CURRENCY_SYMBOL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      const Currency *cur = &currencies[i];

      if (is_char (cur->symbol, c))
        return cur->code;
      for (guint k = 0; cur->spellings[k] != NULL; k++)
        if (is_char (cur->spellings[k], c))
          return cur->code;
    }
  return NULL;
}

/* How many bytes of text[0, length) @spelling matches, ignoring a trailing
 * space in it ("kr " reads "kr5"); 0 when it does not. */
static gsize
match_spelling (const char *text,
                gsize       length,
                const char *spelling)
{
  gsize n = strlen (spelling);

  while (n > 0 && spelling[n - 1] == ' ')
    n--;
  if (n == 0 || n > length || memcmp (text, spelling, n) != 0)
    return 0;
  return n;
}

/**
 * cited_value_read_currency:
 * @text: text starting with a currency, perhaps
 * @length: the bytes of @text to read, -1 up to its NUL
 * @consumed: (out) (optional): the bytes read, 0 when none
 *
 * Returns: (nullable) (transfer none): the ISO 4217 code, or %NULL
 */
const char *
cited_value_read_currency (const char *text,
                           gssize      length,
                           gsize      *consumed)
{
  const char *best = NULL;
  gsize best_len = 0;
  gsize len;

  if (consumed != NULL)
    *consumed = 0;
  if (text == NULL)
    return NULL;
  len = length < 0 ? strlen (text) : (gsize) length;

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      const Currency *cur = &currencies[i];
      gsize n = match_spelling (text, len, cur->code);

      n = MAX (n, match_spelling (text, len, cur->symbol));
      for (guint k = 0; cur->spellings[k] != NULL; k++)
        n = MAX (n, match_spelling (text, len, cur->spellings[k]));
      if (n > best_len)
        {
          best = cur->code;
          best_len = n;
        }
    }
  if (consumed != NULL)
    *consumed = best_len;
  return best;
}

/* Formatting */

typedef struct {
  double      div;
  const char *suffix;
} Step;

static const Step latin_steps[] = {
  { 1e3, "K" }, { 1e6, "M" }, { 1e9, "B" }, { 1e12, "T" },
};

/* Chinese readers count in 万 and 亿: 190M is 1.9亿. */
static const Step cjk_steps[] = {
  { 1e4, "万" }, { 1e8, "亿" }, { 1e12, "万亿" }, { 1e16, "亿亿" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (latin_steps) == G_N_ELEMENTS (cjk_steps));
#define N_STEPS G_N_ELEMENTS (latin_steps)

/**
 * cited_value_resolve_scales:
 * @scales: the scales a value is written with
 *
 * Resolves %CITED_VALUE_SCALES_READER to the scales of the user's language:
 * %CITED_VALUE_SCALES_CJK (万, 亿) when the first of the user's languages,
 * as gettext picks them, is Chinese, else %CITED_VALUE_SCALES_LATIN (K, M,
 * B). Other values are returned as they are.
 *
 * Returns: @scales resolved
 */
CitedValueScales
cited_value_resolve_scales (CitedValueScales scales)
{
  if (scales == CITED_VALUE_SCALES_READER)
    {
      const char * const *languages = g_get_language_names ();

      return languages[0] != NULL && g_str_has_prefix (languages[0], "zh")
             ? CITED_VALUE_SCALES_CJK : CITED_VALUE_SCALES_LATIN;
    }
  return scales;
}

static const Step *
steps_for (CitedValueScales scales)
{
  return cited_value_resolve_scales (scales) == CITED_VALUE_SCALES_CJK ? cjk_steps : latin_steps;
}

/* |value| with @decimals decimals and commas between thousands; with @trim,
 * zeros at the end of the decimals are dropped ("1.5", not "1.50"). */
static void
append_grouped (GString *out,
                double   value,
                int      decimals,
                gboolean trim)
{
  char format[8];
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 320];
  const char *dot;
  gsize int_len;

  g_snprintf (format, sizeof format, "%%.%df", CLAMP (decimals, 0, 9));
  g_ascii_formatd (buf, sizeof buf, format, fabs (value));
  if (trim && strchr (buf, '.'))
    {
      char *endp = buf + strlen (buf) - 1;

      while (*endp == '0')
        *endp-- = '\0';
      if (*endp == '.')
        *endp = '\0';
    }
  dot = strchr (buf, '.');
  int_len = dot ? (gsize) (dot - buf) : strlen (buf);
  for (gsize k = 0; k < int_len; k++)
    {
      if (k > 0 && (int_len - k) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, buf[k]);
    }
  if (dot)
    g_string_append (out, dot);
}

/* Whether a number printed with @decimals decimals would read as zero. */
static gboolean
prints_as_zero (double value,
                int    decimals)
{
  return round (fabs (value) * pow (10, decimals)) == 0;
}

/* "-¥3,999", "13%", "4,000 XYZ": @number (digits without a sign) with the
 * sign, the unit and the currency around it. */
static char *
decorate (const char *number,
          gboolean    negative,
          const char *sign,
          const char *unit,
          const char *currency)
{
  const char *symbol;

  if (g_strcmp0 (unit, "%") == 0)
    return g_strconcat (negative ? sign : "", number, "%", NULL);
  if (currency == NULL)
    return g_strconcat (negative ? sign : "", number, NULL);
  symbol = cited_value_currency_symbol (currency);
  if (symbol != NULL)
    return g_strconcat (negative ? sign : "", symbol, number, NULL);
  return g_strconcat (negative ? sign : "", number, " ", currency, NULL);
}

/**
 * cited_value_format:
 * @value: a value
 * @unit: (nullable): its unit
 * @currency: (nullable): its ISO 4217 currency
 * @scales: how large numbers are written
 *
 * Returns: (transfer full): the value as tables show it
 */
char *
cited_value_format (double            value,
                    const char       *unit,
                    const char       *currency,
                    CitedValueScales  scales)
{
  g_autoptr(GString) number = g_string_new (NULL);
  double a = fabs (value);
  int decimals;

  if (isnan (value))
    return g_strdup ("–");
  if (isinf (value))
    return g_strdup (value < 0 ? "-∞" : "∞");

  /* Past any real figure (a value stored before values were bounded):
   * in powers of ten, never hundreds of digits of a largest scale. */
  if (a > CITED_VALUE_MAX)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (buf, sizeof buf, "%.3g", a);
      return decorate (buf, value < 0, "-", unit, currency);
    }

  if (a >= 1e4)
    {
      const Step *steps = steps_for (scales);
      guint i = 0;
      double v;

      /* The largest step the value reaches, moving up when rounding would
       * print 1,000 of it ("999,999" is "1M", not "1,000K"). */
      while (i + 1 < N_STEPS && a >= steps[i + 1].div)
        i++;
      for (;;)
        {
          v = value / steps[i].div;
          decimals = fabs (v) < 100 ? 1 : 0;
          if (i + 1 >= N_STEPS ||
              fabs (decimals ? round (v * 10) / 10 : round (v)) < steps[i + 1].div / steps[i].div)
            break;
          i++;
        }
      append_grouped (number, v, decimals, TRUE);
      g_string_append (number, steps[i].suffix);
    }
  else
    {
      decimals = a < 10 ? 2 : 1;
      append_grouped (number, value, decimals, TRUE);
    }

  return decorate (number->str, value < 0 && !prints_as_zero (value, decimals), "-", unit, currency);
}

/**
 * cited_value_format_tick:
 * @value: the tick's value
 * @step: the step between ticks
 * @extent: the largest absolute value on the axis
 * @unit: (nullable): the axis unit
 * @currency: (nullable): the axis currency
 * @scales: how large numbers are written
 *
 * Returns: (transfer full): the tick's label
 */
char *
cited_value_format_tick (double            value,
                         double            step,
                         double            extent,
                         const char       *unit,
                         const char       *currency,
                         CitedValueScales  scales)
{
  g_autoptr(GString) number = g_string_new (NULL);
  const Step *steps = steps_for (scales);
  double divisor = 1;
  const char *suffix = "";
  int decimals;

  if (!(fabs (value) >= step * 1e-6))
    return g_strdup ("0");

  /* One scale for the whole axis, so that "500万" never sits under "1亿". */
  for (guint i = 0; i < N_STEPS; i++)
    if (fabs (extent) >= steps[i].div)
      {
        divisor = steps[i].div;
        suffix = steps[i].suffix;
      }
  decimals = step > 0 ? (int) ceil (-log10 (step / divisor) - 1e-9) : 0;
  decimals = CLAMP (decimals, 0, 6);

  append_grouped (number, value / divisor, decimals, FALSE);
  g_string_append (number, suffix);
  return decorate (number->str, value < 0, "−", unit, currency);
}

/**
 * cited_format_value:
 * @value: the value
 * @unit: (nullable): the unit as stored ("%" is written after the number)
 * @currency: (nullable): an ISO 4217 code
 *
 * cited_value_format() in the reader's scales, under the name the library
 * has always had.
 *
 * Returns: (transfer full): "190M", "24K", "5,920", "13%", "¥3,999"; for
 *   a Chinese-reading user "1.9亿", "2.4万".
 */
char *
cited_format_value (double      value,
                    const char *unit,
                    const char *currency)
{
  return cited_value_format (value, unit, currency, CITED_VALUE_SCALES_READER);
}

/**
 * cited_format_period:
 * @year: the period's year, 0 when none
 * @quarter: its quarter 1-4, 0 when none
 * @inferred: the period is the article's date, not the figure's words
 *
 * The period as tables, the CLI and reports write it.
 *
 * Returns: (transfer full) (nullable): "2021", "2021 Q2", "Q2",
 *   "2021 (inferred)", or %NULL when there is no period.
 */
char *
cited_format_period (int      year,
                     int      quarter,
                     gboolean inferred)
{
  g_autofree char *period = NULL;

  if (year != 0 && quarter != 0)
    period = g_strdup_printf ("%d Q%d", year, quarter);
  else if (year != 0)
    period = g_strdup_printf ("%d", year);
  else if (quarter != 0)
    period = g_strdup_printf ("Q%d", quarter);
  if (period != NULL && inferred)
    /* Translators: a period taken from the article's date, e.g. "2021 (inferred)" */
    return g_strdup_printf (_("%s (inferred)"), period);
  return g_steal_pointer (&period);
}

/* Qualifiers */

typedef struct {
  const char *qualifier;
  CitedBound  bound;
  const char *sign;
  const char *words;          /* as the reader's language writes it */
} QualifierSign;

/* The qualifiers the extractors write (data/metrics.json,
 * data/metrics-zh.json and their code), and what each says of the true
 * value: the one table charts, cards and claims read. "nearly 800
 * million" is a little under 800 million. */
static const QualifierSign qualifier_signs[] = {
  { "more than", CITED_BOUND_FLOOR, ">", N_("more than") },
  { "over", CITED_BOUND_FLOOR, ">", N_("over") },
  { "exceeded", CITED_BOUND_FLOOR, ">", N_("more than") },
  { "above", CITED_BOUND_FLOOR, ">", N_("above") },
  { "at least", CITED_BOUND_FLOOR, "≥", N_("at least") },
  { "less than", CITED_BOUND_CEILING, "<", N_("less than") },
  { "under", CITED_BOUND_CEILING, "<", N_("under") },
  { "nearly", CITED_BOUND_JUST_BELOW, "<", N_("nearly") },
  { "almost", CITED_BOUND_JUST_BELOW, "<", N_("almost") },
  { "up to", CITED_BOUND_CEILING, "≤", N_("up to") },
  { "at most", CITED_BOUND_CEILING, "≤", N_("at most") },
  { "about", CITED_BOUND_ABOUT, "≈", N_("about") },
  { "around", CITED_BOUND_ABOUT, "≈", N_("around") },
  { "approximately", CITED_BOUND_ABOUT, "≈", N_("approximately") },
  { "roughly", CITED_BOUND_ABOUT, "≈", N_("roughly") },
};

static const QualifierSign *
qualifier_sign (const char *qualifier)
{
  if (qualifier == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (qualifier_signs); i++)
    if (g_ascii_strcasecmp (qualifier, qualifier_signs[i].qualifier) == 0)
      return &qualifier_signs[i];
  return NULL;
}

/**
 * cited_value_qualifier_bound:
 * @qualifier: (nullable): a canonical qualifier as the extractor writes it
 *   ("more than", "about", "up to")
 *
 * Returns: the bound @qualifier sets on a value; %CITED_BOUND_EXACT for
 *   %NULL and for words that bound nothing ("top")
 */
CitedBound
cited_value_qualifier_bound (const char *qualifier)
{
  const QualifierSign *q = qualifier_sign (qualifier);

  return q != NULL ? q->bound : CITED_BOUND_EXACT;
}

/**
 * cited_value_qualifier_sign:
 * @qualifier: (nullable): a canonical qualifier
 *
 * Returns: (transfer none): the sign, "" for an exact value
 */
const char *
cited_value_qualifier_sign (const char *qualifier)
{
  const QualifierSign *q = qualifier_sign (qualifier);

  return q != NULL ? q->sign : "";
}

/**
 * cited_value_qualifier_words:
 * @qualifier: (nullable): a canonical qualifier
 *
 * Returns: (nullable) (transfer none): the qualifier in the reader's language
 */
const char *
cited_value_qualifier_words (const char *qualifier)
{
  const QualifierSign *q = qualifier_sign (qualifier);

  if (q == NULL)
    return qualifier;
  return g_dgettext (GETTEXT_PACKAGE, q->words);
}

/**
 * cited_value_format_qualified:
 * @value: a value
 * @unit: (nullable): its unit
 * @currency: (nullable): its ISO 4217 currency
 * @qualifier: (nullable): its canonical qualifier
 *
 * Returns: (transfer full): the value with its qualifier's sign
 */
char *
cited_value_format_qualified (double      value,
                              const char *unit,
                              const char *currency,
                              const char *qualifier)
{
  g_autofree char *number = cited_format_value (value, unit, currency);
  const char *sign = cited_value_qualifier_sign (qualifier);

  if (*sign == '\0')
    return g_steal_pointer (&number);
  /* Translators: a qualified value, "> 190M": the sign, then the value */
  return g_strdup_printf (C_("qualified value", "%s %s"), sign, number);
}

/* Metrics */

/* Metric keys are data (the extractor's tables); the labels people read are
 * translated here so the table, the dropdowns, the cards and the charts
 * agree. */
static const struct {
  const char *key;
  const char *label;
} metric_labels[] = {
  { "sales", N_("Sales") },
  { "shipments", N_("Shipments") },
  { "revenue", N_("Revenue") },
  { "profit", N_("Profit") },
  { "price", N_("Price") },
  { "users", N_("Users") },
  { "employees", N_("Employees") },
  { "stores", N_("Stores") },
  { "patents", N_("Patents") },
  { "market share", N_("Market share") },
  { "rank", N_("Rank") },
  { "capital", N_("Capital") },
  { "cities", N_("Cities") },
  { "investment", N_("Investment") },
  { "valuation", N_("Valuation") },
  { "growth", N_("Growth") },
  { "margin", N_("Margin") },
  { "population", N_("Population") },
  { "debt", N_("Debt") },
  { "orders", N_("Orders") },
  { "stake", N_("Stake") },
  { "fines", N_("Fines") },
  { "deal", N_("Deals") },
  { "taxes", N_("Taxes") },
  { "damages", N_("Damages") },
};

/**
 * cited_metric_label:
 * @metric: (nullable): a metric key ("sales")
 *
 * Returns: (transfer full): the metric's name for people
 */
char *
cited_metric_label (const char *metric)
{
  if (metric == NULL || *metric == '\0')
    return g_strdup (_("No metric"));

  for (guint i = 0; i < G_N_ELEMENTS (metric_labels); i++)
    {
      if (g_ascii_strcasecmp (metric, metric_labels[i].key) == 0)
        return g_strdup (_(metric_labels[i].label));
    }

  /* An unknown metric from a user's table: show it capitalized. */
  {
    gunichar first = g_utf8_get_char (metric);
    const char *rest = g_utf8_next_char (metric);
    char buf[8] = { 0 };

    g_unichar_to_utf8 (g_unichar_totitle (first), buf);
    return g_strconcat (buf, rest, NULL);
  }
}

/* Parsing */

typedef struct {
  const char *word;
  double      scale;
} ScaleWord;

/* Matched longest first, case-insensitively for the Latin ones. */
static const ScaleWord scale_words[] = {
  { "thousand", 1e3 }, { "million", 1e6 }, { "billion", 1e9 }, { "trillion", 1e12 },
  { "mn", 1e6 }, { "bn", 1e9 }, { "tn", 1e12 },
  { "k", 1e3 }, { "m", 1e6 }, { "b", 1e9 }, { "t", 1e12 },
  { "千", 1e3 }, { "万", 1e4 }, { "十万", 1e5 }, { "百万", 1e6 }, { "千万", 1e7 },
  { "亿", 1e8 }, { "万亿", 1e12 }, { "亿亿", 1e16 },
  { "萬", 1e4 }, { "億", 1e8 }, { "萬億", 1e12 },
};

static double
read_scale (const char **p)
{
  gsize best_len = 0;
  double best = 1;

  for (guint i = 0; i < G_N_ELEMENTS (scale_words); i++)
    {
      gsize n = strlen (scale_words[i].word);

      if (n > best_len && g_ascii_strncasecmp (*p, scale_words[i].word, n) == 0)
        {
          best_len = n;
          best = scale_words[i].scale;
        }
    }
  *p += best_len;
  return best;
}

/* A currency at *p: one Cited knows, or any three capital letters (the way
 * cited_value_format() writes codes it has no symbol for). */
static const char *
read_currency_at (const char **p)
{
  gsize n = 0;
  const char *code = cited_value_read_currency (*p, -1, &n);

  if (code == NULL && g_ascii_isupper ((*p)[0]) && g_ascii_isupper ((*p)[1]) &&
      g_ascii_isupper ((*p)[2]) && !g_ascii_isalpha ((*p)[3]))
    {
      char buf[4] = { (*p)[0], (*p)[1], (*p)[2], '\0' };

      code = g_intern_string (buf);
      n = 3;
    }
  *p += n;
  return code;
}

static gboolean
read_sign (const char **p,
           gboolean    *negative)
{
  if (**p == '-' || **p == '+')
    {
      *negative = **p == '-';
      *p += 1;
      return TRUE;
    }
  if (g_str_has_prefix (*p, "−"))
    {
      *negative = TRUE;
      *p += strlen ("−");
      return TRUE;
    }
  return FALSE;
}

/* Digits with an optional decimal part, commas allowed only between groups
 * of three ("1,234,567.5"); appended to @digits without the commas. */
static gboolean
read_digits (const char **p,
             GString     *digits)
{
  const char *s = *p;
  guint group = 0;
  gboolean commas = FALSE;

  while (g_ascii_isdigit (*s) || *s == ',')
    {
      if (*s == ',')
        {
          /* The first group has one to three digits, every later one three. */
          if (group == 0 || group > 3 || (commas && group != 3) || !g_ascii_isdigit (s[1]))
            return FALSE;
          commas = TRUE;
          group = 0;
        }
      else
        {
          g_string_append_c (digits, *s);
          group++;
        }
      s++;
    }
  if (commas && group != 3)
    return FALSE;
  if (*s == '.' && (digits->len > 0 || g_ascii_isdigit (s[1])))
    {
      g_string_append_c (digits, *s++);
      while (g_ascii_isdigit (*s))
        g_string_append_c (digits, *s++);
    }
  if (digits->len == 0)
    return FALSE;
  /* "1e6", as a spreadsheet would write it. */
  if ((*s == 'e' || *s == 'E') &&
      (g_ascii_isdigit (s[1]) || ((s[1] == '-' || s[1] == '+') && g_ascii_isdigit (s[2]))))
    {
      g_string_append_c (digits, *s++);
      g_string_append_c (digits, *s++);
      while (g_ascii_isdigit (*s))
        g_string_append_c (digits, *s++);
    }
  *p = s;
  return TRUE;
}

gboolean
cited_value_parse (const char  *text,
                   double      *value,
                   const char **unit,
                   const char **currency)
{
  g_autofree char *normal = NULL;
  g_autoptr(GString) compact = NULL;
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p;
  const char *cur = NULL;
  const char *suffix_cur = NULL;
  gboolean negative = FALSE;
  gboolean percent = FALSE;
  double scale = 1;
  double number;

  g_return_val_if_fail (value != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  /* Full-width digits, commas, points and signs ("１，２３４．５", "％",
   * "￥") read as their ASCII forms; spaces go, so "1.2 billion", "kr 5"
   * and "4,000 XYZ" read as written. */
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  if (normal == NULL)
    return FALSE;
  compact = g_string_new (NULL);
  for (p = normal; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x200B /* zero-width space */)
        g_string_append_unichar (compact, c);
    }

  p = compact->str;
  if (!read_sign (&p, &negative))
    {
      cur = read_currency_at (&p);
      if (cur != NULL)
        read_sign (&p, &negative);   /* "¥-3,999" */
    }
  else
    cur = read_currency_at (&p);     /* "-¥3,999" */

  if (!read_digits (&p, digits))
    return FALSE;

  /* "5BRL" is five reais, not five billion and "RL". */
  if (cur == NULL)
    {
      const char *q = p;

      suffix_cur = read_currency_at (&q);
      if (suffix_cur != NULL && *q == '\0')
        p = q;
      else
        suffix_cur = NULL;
    }
  if (suffix_cur == NULL && *p != '\0')
    {
      scale = read_scale (&p);
      if (*p == '%')
        {
          percent = TRUE;
          p++;
        }
      else if (cur == NULL && *p != '\0')
        suffix_cur = read_currency_at (&p);   /* "1.9亿元", "5亿美元" */
    }
  if (*p != '\0' || (percent && cur != NULL))
    return FALSE;

  number = g_ascii_strtod (digits->str, NULL);
  if (!cited_value_in_bounds (number * scale))
    return FALSE;

  *value = cited_value_clean ((negative ? -number : number) * scale);
  if (unit != NULL)
    *unit = percent ? "%" : NULL;
  if (currency != NULL)
    *currency = cur != NULL ? cur : suffix_cur;
  return TRUE;
}
