/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-value"
#include "config.h"

#include <math.h>
#include <string.h>

#include "cited.h"

/* Every currency Cited writes with a symbol of its own. */
static const struct {
  const char *code;
  const char *symbol;
} currencies[] = {
  { "CNY", "¥" }, { "USD", "$" }, { "EUR", "€" }, { "GBP", "£" }, { "JPY", "¥" },
  { "KRW", "₩" }, { "INR", "₹" }, { "HKD", "HK$" }, { "AUD", "A$" }, { "CAD", "C$" },
  { "SGD", "S$" }, { "TWD", "NT$" }, { "BRL", "R$" }, { "SEK", "kr " }, { "CHF", "CHF " },
};

static void
read_in (const char *language)
{
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

/* Formatting: what tables and bar labels show */

typedef struct {
  double      value;
  const char *unit;
  const char *currency;
  const char *expected;
} FormatCase;

static void
check_format (const FormatCase *cases,
              guint             n_cases,
              CitedValueScales  scales)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *text = cited_value_format (cases[i].value, cases[i].unit,
                                                  cases[i].currency, scales);
      g_autofree char *legacy = cited_format_value (cases[i].value, cases[i].unit,
                                                    cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].expected);
      /* The library's old name follows the reader the same way. */
      g_assert_cmpstr (legacy, ==, cases[i].expected);
    }
}

static void
test_format_english (void)
{
  static const FormatCase cases[] = {
    { 190e6, "units", NULL, "190M" },
    { 24000, "patents", NULL, "24K" },
    { 5920, "stores", NULL, "5,920" },
    { 13, "%", NULL, "13%" },
    { 3999, NULL, "CNY", "¥3,999" },
    { 1.5e6, NULL, "USD", "$1.5M" },
    { -1.2e9, NULL, "USD", "-$1.2B" },
    { 999999, NULL, NULL, "1M" },
    { 2.5e12, NULL, "EUR", "€2.5T" },
    { 4000, NULL, "XYZ", "4,000 XYZ" },
    { 4.15, NULL, NULL, "4.15" },
    { -0.001, NULL, NULL, "0" },
    { NAN, NULL, NULL, "–" },
  };

  read_in ("en");
  check_format (cases, G_N_ELEMENTS (cases), CITED_VALUE_SCALES_READER);
  read_in (NULL);
}

static void
test_format_chinese (void)
{
  static const FormatCase cases[] = {
    { 190e6, "units", NULL, "1.9亿" },
    { 24000, "patents", NULL, "2.4万" },
    { 50e6, "units", NULL, "5,000万" },
    { 5920, "stores", NULL, "5,920" },
    { 10e6, NULL, "CNY", "¥1,000万" },
    { 1.4e9, NULL, NULL, "14亿" },
    { 99999999, NULL, NULL, "1亿" },
    { 3e12, NULL, "USD", "$3万亿" },
    { 35, "%", NULL, "35%" },
  };

  read_in ("zh_CN");
  check_format (cases, G_N_ELEMENTS (cases), CITED_VALUE_SCALES_READER);
  read_in (NULL);

  /* Asked for explicitly, the scales do not depend on the reader. */
  {
    g_autofree char *cjk = cited_value_format (190e6, NULL, NULL, CITED_VALUE_SCALES_CJK);
    g_autofree char *latin = cited_value_format (190e6, NULL, NULL, CITED_VALUE_SCALES_LATIN);

    g_assert_cmpstr (cjk, ==, "1.9亿");
    g_assert_cmpstr (latin, ==, "190M");
  }
}

/* Axis ticks */

static char *
axis (double            min,
      double            max,
      double            step,
      const char       *unit,
      const char       *currency,
      CitedValueScales  scales)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  double extent = MAX (fabs (min), fabs (max));

  for (double v = min; v <= max + step * 1e-6; v += step)
    g_ptr_array_add (labels, cited_value_format_tick (v, step, extent, unit, currency, scales));
  g_ptr_array_add (labels, NULL);
  return g_strjoinv (" ", (char **) labels->pdata);
}

static void
test_ticks_english (void)
{
  g_autofree char *units = NULL;
  g_autofree char *prices = NULL;
  g_autofree char *share = NULL;
  g_autofree char *losses = NULL;
  g_autofree char *fine = NULL;

  read_in ("en");
  units = axis (0, 200e6, 50e6, "units", NULL, CITED_VALUE_SCALES_READER);
  prices = axis (0, 6000, 2000, NULL, "CNY", CITED_VALUE_SCALES_READER);
  share = axis (0, 50, 25, "%", NULL, CITED_VALUE_SCALES_READER);
  losses = axis (-2e6, 2e6, 1e6, NULL, "USD", CITED_VALUE_SCALES_READER);
  fine = axis (0, 1.5e6, 0.5e6, NULL, NULL, CITED_VALUE_SCALES_READER);
  read_in (NULL);

  g_assert_cmpstr (units, ==, "0 50M 100M 150M 200M");
  g_assert_cmpstr (prices, ==, "0 ¥2K ¥4K ¥6K");
  g_assert_cmpstr (share, ==, "0 25% 50%");
  g_assert_cmpstr (losses, ==, "−$2M −$1M 0 $1M $2M");
  /* Neighbouring ticks never read alike. */
  g_assert_cmpstr (fine, ==, "0 0.5M 1.0M 1.5M");
}

/* A Chinese reader sees the axis in the units the bars are labelled in:
 * 5,000万 beside a 5,000万 bar, never 50M. */
static void
test_ticks_chinese (void)
{
  g_autofree char *tens_of_millions = NULL;
  g_autofree char *hundreds_of_millions = NULL;
  g_autofree char *thousands = NULL;
  g_autofree char *ten_thousands = NULL;
  g_autofree char *trillions = NULL;

  read_in ("zh_CN");
  tens_of_millions = axis (0, 60e6, 20e6, "units", NULL, CITED_VALUE_SCALES_READER);
  hundreds_of_millions = axis (0, 200e6, 50e6, "units", NULL, CITED_VALUE_SCALES_READER);
  thousands = axis (0, 6000, 2000, NULL, "CNY", CITED_VALUE_SCALES_READER);
  ten_thousands = axis (0, 30000, 10000, "patents", NULL, CITED_VALUE_SCALES_READER);
  trillions = axis (0, 3e12, 1e12, NULL, "CNY", CITED_VALUE_SCALES_READER);
  read_in (NULL);

  g_assert_cmpstr (tens_of_millions, ==, "0 2,000万 4,000万 6,000万");
  g_assert_cmpstr (hundreds_of_millions, ==, "0 0.5亿 1.0亿 1.5亿 2.0亿");
  g_assert_cmpstr (thousands, ==, "0 ¥2,000 ¥4,000 ¥6,000");
  g_assert_cmpstr (ten_thousands, ==, "0 1万 2万 3万");
  g_assert_cmpstr (trillions, ==, "0 ¥1万亿 ¥2万亿 ¥3万亿");

  g_assert_null (strstr (tens_of_millions, "M"));
  g_assert_null (strstr (hundreds_of_millions, "M"));
}

/* Currencies */

static void
test_every_currency (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      const char *code = currencies[i].code;
      const char *symbol = currencies[i].symbol;
      g_autofree char *amount = cited_value_format (3999, NULL, code, CITED_VALUE_SCALES_LATIN);
      g_autofree char *tick = cited_value_format_tick (4000, 1000, 6000, NULL, code,
                                                       CITED_VALUE_SCALES_LATIN);
      g_autofree char *expected_amount = g_strconcat (symbol, "3,999", NULL);
      g_autofree char *expected_tick = g_strconcat (symbol, "4K", NULL);
      const char *read_code = NULL;
      double value = 0;
      gsize consumed = 0;

      g_assert_cmpstr (cited_value_currency_symbol (code), ==, symbol);
      /* The table and the axis write every currency alike. */
      g_assert_cmpstr (amount, ==, expected_amount);
      g_assert_cmpstr (tick, ==, expected_tick);

      /* What is written reads back; "¥" is read as yuan, Cited's news being
       * mostly Chinese. */
      g_assert_true (cited_value_parse (amount, &value, NULL, &read_code));
      g_assert_cmpfloat (value, ==, 3999);
      g_assert_cmpstr (read_code, ==, strcmp (code, "JPY") == 0 ? "CNY" : code);

      /* Every ISO code reads as itself. */
      g_assert_cmpstr (cited_value_read_currency (code, -1, &consumed), ==, code);
      g_assert_cmpuint (consumed, ==, 3);
    }

  /* Codes without a symbol are written after the number, and read back. */
  {
    g_autofree char *tick = cited_value_format_tick (4000, 1000, 6000, NULL, "XYZ",
                                                     CITED_VALUE_SCALES_LATIN);
    const char *code = NULL;
    double value = 0;

    g_assert_null (cited_value_currency_symbol ("XYZ"));
    g_assert_null (cited_value_currency_symbol (NULL));
    g_assert_cmpstr (tick, ==, "4K XYZ");
    g_assert_true (cited_value_parse ("4,000 XYZ", &value, NULL, &code));
    g_assert_cmpfloat (value, ==, 4000);
    g_assert_cmpstr (code, ==, "XYZ");
  }
}

static void
test_currency_signs (void)
{
  static const struct {
    gunichar    c;
    const char *code;
  } signs[] = {
    { '$', "USD" }, { 0xFF04, "USD" }, { 0xA5, "CNY" }, { 0xFFE5, "CNY" },
    { 0x20AC, "EUR" }, { 0xA3, "GBP" }, { 0xFFE1, "GBP" }, { 0x20A9, "KRW" },
    { 0xFFE6, "KRW" }, { 0x20B9, "INR" },
    { '%', NULL }, { 'a', NULL }, { '.', NULL }, { 0x5143 /* 元 */, NULL },
    { 0x5186 /* 円 */, NULL }, { 0x20BF /* ₿, unknown */, NULL },
  };
  static const struct {
    const char *text;
    const char *code;
    gsize       consumed;
  } prefixes[] = {
    { "US$5", "USD", 3 }, { "HK$5", "HKD", 3 }, { "NT$5", "TWD", 3 }, { "R$5", "BRL", 2 },
    { "A$5", "AUD", 2 }, { "C$5", "CAD", 2 }, { "S$5", "SGD", 2 }, { "$5", "USD", 1 },
    { "Rs.500", "INR", 3 }, { "Rs 500", "INR", 2 }, { "RMB 3999", "CNY", 3 },
    { "人民币3999", "CNY", 9 }, { "美元", "USD", 6 }, { "港币", "HKD", 6 },
    { "新台币", "TWD", 9 }, { "元", "CNY", 3 }, { "￥5", "CNY", 3 }, { "kr 5", "SEK", 2 },
    { "5", NULL, 0 }, { "M", NULL, 0 }, { "", NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (signs); i++)
    g_assert_cmpstr (cited_value_currency_for_char (signs[i].c), ==, signs[i].code);

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize consumed = 99;

      g_assert_cmpstr (cited_value_read_currency (prefixes[i].text, -1, &consumed), ==,
                       prefixes[i].code);
      g_assert_cmpuint (consumed, ==, prefixes[i].consumed);
    }
  /* @length bounds the text: "US$" cut to "US" is no currency. */
  g_assert_null (cited_value_read_currency ("US$5", 2, NULL));
  g_assert_cmpstr (cited_value_read_currency ("HK$5", 3, NULL), ==, "HKD");
}

/* Parsing what a user types */

static void
test_parse (void)
{
  static const struct {
    const char *text;
    double      value;
    const char *unit;
    const char *currency;
  } cases[] = {
    { "190000000", 190e6, NULL, NULL },
    { "190,000,000", 190e6, NULL, NULL },
    { "190M", 190e6, NULL, NULL },
    { "190m", 190e6, NULL, NULL },
    { "1.9B", 1.9e9, NULL, NULL },
    { "24K", 24e3, NULL, NULL },
    { "1.2 billion", 1.2e9, NULL, NULL },
    { "3.5bn", 3.5e9, NULL, NULL },
    { "1.9亿", 190e6, NULL, NULL },
    { "3,580万", 35.8e6, NULL, NULL },
    { "3580 万", 35.8e6, NULL, NULL },
    { "2万亿", 2e12, NULL, NULL },
    { "1.9億", 190e6, NULL, NULL },
    { "¥3,999", 3999, NULL, "CNY" },
    { "￥3999", 3999, NULL, "CNY" },
    { "3999元", 3999, NULL, "CNY" },
    { "1.9亿元", 190e6, NULL, "CNY" },
    { "5亿美元", 500e6, NULL, "USD" },
    { "US$1.5M", 1.5e6, NULL, "USD" },
    { "HK$ 2.4B", 2.4e9, NULL, "HKD" },
    { "Rs. 500", 500, NULL, "INR" },
    { "5 BRL", 5, NULL, "BRL" },
    { "5BRL", 5, NULL, "BRL" },
    { "-$1.2B", -1.2e9, NULL, "USD" },
    { "$-1.2B", -1.2e9, NULL, "USD" },
    { "−3.5", -3.5, NULL, NULL },
    { "+7", 7, NULL, NULL },
    { "1,234.5", 1234.5, NULL, NULL },
    { " 1234.5 ", 1234.5, NULL, NULL },
    { "5%", 5, "%", NULL },
    { "12.5 ％", 12.5, "%", NULL },
    { "１，２３４．５", 1234.5, NULL, NULL },
    { ".5", 0.5, NULL, NULL },
    { "5.", 5, NULL, NULL },
    { "1e6", 1e6, NULL, NULL },
    { "2.5E-1%", 0.25, "%", NULL },
  };
  static const char * const refused[] = {
    "", " ", "lots", "M", "$", "1,5", "1,2345", "1234,567", ",123", "1,234,56", "1.2.3",
    "--5", "5%%", "¥5%", "5 apples", "1.9亿亿亿", "5K6", "1e999", "¥¥5", ".", "1e", "NaN",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double value = NAN;
      const char *unit = "unset";
      const char *currency = "unset";

      if (!cited_value_parse (cases[i].text, &value, &unit, &currency))
        g_error ("“%s” was not read", cases[i].text);
      g_assert_cmpfloat (value, ==, cases[i].value);
      g_assert_cmpstr (unit, ==, cases[i].unit);
      g_assert_cmpstr (currency, ==, cases[i].currency);
      /* Unit and currency are optional. */
      g_assert_true (cited_value_parse (cases[i].text, &value, NULL, NULL));
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      double value = 42;

      if (cited_value_parse (refused[i], &value, NULL, NULL))
        g_error ("“%s” was read as %g", refused[i], value);
      g_assert_cmpfloat (value, ==, 42);
    }
  {
    double value = 42;

    g_assert_false (cited_value_parse (NULL, &value, NULL, NULL));
    g_assert_false (cited_value_parse ("\xff" "5", &value, NULL, NULL));
    g_assert_cmpfloat (value, ==, 42);
  }
}

/* Whatever a table shows can be typed back into the edit dialog: reading a
 * formatted value and formatting it again shows the same text. */
static void
test_parse_round_trip (void)
{
  static const double values[] = {
    0, 1, 4.15, 9.99, 12.5, 999, 5920, 9999, 10000, 24000, 35.8e6, 50e6, 99999999,
    190e6, 1.4e9, 2.5e12, 3e12, 7e15, -1.2e9, -0.5,
  };
  static const char * const currency_codes[] = { NULL, "CNY", "USD", "HKD", "SEK", "CHF", "XYZ" };
  static const CitedValueScales scales[] = { CITED_VALUE_SCALES_LATIN, CITED_VALUE_SCALES_CJK };

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    for (guint c = 0; c < G_N_ELEMENTS (currency_codes); c++)
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        {
          g_autofree char *text = cited_value_format (values[i], NULL, currency_codes[c], scales[s]);
          g_autofree char *again = NULL;
          const char *code = NULL;
          double value = NAN;

          if (!cited_value_parse (text, &value, NULL, &code))
            g_error ("“%s” does not read back", text);
          again = cited_value_format (value, NULL, code, scales[s]);
          g_assert_cmpstr (again, ==, text);
          g_assert_cmpfloat_with_epsilon (value, values[i], fabs (values[i]) * 0.05 + 0.01);
          if (currency_codes[c] != NULL)
            g_assert_cmpstr (code, ==, currency_codes[c]);
        }

  /* Percentages keep their sign. */
  {
    g_autofree char *text = cited_value_format (35, "%", NULL, CITED_VALUE_SCALES_LATIN);
    const char *unit = NULL;
    double value = 0;

    g_assert_true (cited_value_parse (text, &value, &unit, NULL));
    g_assert_cmpfloat (value, ==, 35);
    g_assert_cmpstr (unit, ==, "%");
  }
}

static void
test_clean (void)
{
  g_assert_cmpfloat (cited_value_clean (0.1 * 6), ==, 0.6);
  g_assert_cmpfloat (cited_value_clean (4.15 * 1), ==, 4.15);
  g_assert_cmpfloat (cited_value_clean (1.9 * 1e8), ==, 190e6);
  g_assert_cmpfloat (cited_value_clean (0.07 * 1e9), ==, 70e6);
  g_assert_cmpfloat (cited_value_clean (123456789012345.0), ==, 123456789012000.0);
  g_assert_cmpfloat (cited_value_clean (0), ==, 0);
  g_assert_true (isnan (cited_value_clean (NAN)));
  g_assert_true (isinf (cited_value_clean (INFINITY)));
}

/* CSV */

static void
test_csv_quoting (void)
{
  static const char * const fields[] = {
    "Xiaomi", "sales, global", "the \"millet\" brand", "two\nlines", "cr\rhere",
    " padded", "padded ", "", NULL, "1.9亿",
  };
  g_autoptr(GString) crlf = g_string_new (NULL);
  g_autoptr(GString) lf = g_string_new (NULL);
  g_autoptr(GString) empty = g_string_new (NULL);

  cited_csv_append_row (crlf, fields, G_N_ELEMENTS (fields), CITED_CSV_CRLF);
  g_assert_cmpstr (crlf->str, ==,
                   "Xiaomi,\"sales, global\",\"the \"\"millet\"\" brand\",\"two\nlines\","
                   "\"cr\rhere\",\" padded\",\"padded \",,,1.9亿\r\n");

  cited_csv_append_row (lf, fields, 2, CITED_CSV_LF);
  cited_csv_append_row (lf, fields + 2, 1, CITED_CSV_LF);
  g_assert_cmpstr (lf->str, ==, "Xiaomi,\"sales, global\"\n\"the \"\"millet\"\" brand\"\n");

  cited_csv_append_row (empty, NULL, 0, CITED_CSV_CRLF);
  g_assert_cmpstr (empty->str, ==, "\r\n");

  g_string_truncate (empty, 0);
  cited_csv_append_field (empty, "\"");
  cited_csv_append_field (empty, NULL);
  g_assert_cmpstr (empty->str, ==, "\"\"\"\"");
}

/* What a qualifier says of the true value, and the sign every face writes. */
static void
test_qualifiers (void)
{
  static const struct {
    const char *qualifier;
    CitedBound bound;
    const char *sign;
  } cases[] = {
    { "more than", CITED_BOUND_FLOOR, ">" },
    { "exceeded", CITED_BOUND_FLOOR, ">" },
    { "at least", CITED_BOUND_FLOOR, "≥" },
    { "up to", CITED_BOUND_CEILING, "≤" },
    { "less than", CITED_BOUND_CEILING, "<" },
    { "nearly", CITED_BOUND_JUST_BELOW, "<" },
    { "almost", CITED_BOUND_JUST_BELOW, "<" },
    { "about", CITED_BOUND_ABOUT, "≈" },
    { "top", CITED_BOUND_EXACT, "" },
    { NULL, CITED_BOUND_EXACT, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (cited_value_qualifier_bound (cases[i].qualifier), ==, cases[i].bound);
      g_assert_cmpstr (cited_value_qualifier_sign (cases[i].qualifier), ==, cases[i].sign);
    }
  {
    g_autofree char *more = cited_value_format_qualified (190e6, "units", NULL, "more than");
    g_autofree char *about = cited_value_format_qualified (3999, NULL, "CNY", "about");
    g_autofree char *exact = cited_value_format_qualified (190e6, "units", NULL, NULL);

    g_assert_cmpstr (more, ==, "> 190M");
    g_assert_cmpstr (about, ==, "≈ ¥3,999");
    g_assert_cmpstr (exact, ==, "190M");
  }
}

/* Values past any real figure are refused when typed, and shown in powers
 * of ten rather than as hundreds of digits of trillions when met. */
static void
test_beyond_bounds (void)
{
  g_autofree char *nines = g_strnfill (400, '9');
  g_autofree char *nines_million = g_strconcat (nines, " million", NULL);
  const char * const refused[] = { "1e92", "1e19", "2,000,000,000,000,000,000", nines_million,
                                   "1e308", "-1e92", "100000000亿亿" };
  const struct {
    double value;
    const char *currency;
    const char *latin;
  } huge[] = {
    { 1e92, NULL, "1e+92" },
    { 1e308, NULL, "1e+308" },
    { -1e308, "USD", "-$1e+308" },
    { INFINITY, NULL, "∞" },
    { -INFINITY, NULL, "-∞" },
  };
  double value = 42;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    if (cited_value_parse (refused[i], &value, NULL, NULL))
      g_error ("“%.40s” was read as %g", refused[i], value);
  g_assert_cmpfloat (value, ==, 42);

  /* The bound itself is a value. */
  g_assert_true (cited_value_parse ("1e18", &value, NULL, NULL));
  g_assert_cmpfloat (value, ==, 1e18);
  g_assert_true (cited_value_in_bounds (-CITED_VALUE_MAX));
  g_assert_false (cited_value_in_bounds (NAN));
  g_assert_false (cited_value_in_bounds (INFINITY));

  for (guint i = 0; i < G_N_ELEMENTS (huge); i++)
    {
      g_autofree char *latin = cited_value_format (huge[i].value, NULL, huge[i].currency,
                                                   CITED_VALUE_SCALES_LATIN);
      g_autofree char *cjk = cited_value_format (huge[i].value, NULL, NULL, CITED_VALUE_SCALES_CJK);
      g_autofree char *reader = cited_format_value (huge[i].value, NULL, NULL);

      g_assert_cmpstr (latin, ==, huge[i].latin);
      g_assert_cmpuint (strlen (cjk), <, 12);
      g_assert_cmpuint (strlen (reader), <, 12);
      g_assert_null (strstr (reader, "inf"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/value/format/english", test_format_english);
  g_test_add_func ("/value/format/chinese", test_format_chinese);
  g_test_add_func ("/value/ticks/english", test_ticks_english);
  g_test_add_func ("/value/ticks/chinese", test_ticks_chinese);
  g_test_add_func ("/value/currency/every-currency", test_every_currency);
  g_test_add_func ("/value/currency/signs", test_currency_signs);
  g_test_add_func ("/value/parse", test_parse);
  g_test_add_func ("/value/parse/round-trip", test_parse_round_trip);
  g_test_add_func ("/value/beyond-bounds", test_beyond_bounds);
  g_test_add_func ("/value/clean", test_clean);
  g_test_add_func ("/value/qualifiers", test_qualifiers);
  g_test_add_func ("/csv/quoting", test_csv_quoting);

  return g_test_run ();
}
