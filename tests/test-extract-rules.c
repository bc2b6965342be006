/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cited.h"
#include "cited-trace-test.h"

/*
 * Which named stage decided: each row is a text, a figure in it (or a
 * number that must not become one) and the line the extractor's trace
 * (G_MESSAGES_DEBUG=cited-extractor) must show for it, so that a rule
 * that stops firing, or is overtaken by another, is noticed by name.
 */
typedef struct {
  const char *text;
  const char *figure;
  const char *decided;
} RuleCase;

static const RuleCase rule_cases[] = {
  /* Brand rules */
  { "Analysts praised Xiaomi, which sold 190 million phones last year.",
    "190 million phones", "-> Xiaomi by apposition" },
  { "Apple took 24% of the market and Xiaomi 21%.",
    "21%", "-> Xiaomi by name-before-amount" },
  { "Samsung led, followed by Xiaomi with 7.6 million units.",
    "7.6 million units", "-> Xiaomi by name-with-amount" },
  { "Huawei shipped 9.1 million phones in the quarter.",
    "9.1 million phones", "-> Huawei by clause-subject" },
  { "Sales of 10 million units were reported for Xiaomi.",
    "10 million units", "-> Xiaomi by name-after-figure" },
  { "The smartphone market grew 5% this year, Xiaomi said.",
    "5%", "-> no company by market-wide" },
  { "Xiaomi had a record year. Sales rose to 190 million units.",
    "190 million units", "-> Xiaomi by discourse-subject" },
  /* A sentence that refers back ("The carmaker ...") keeps the company
   * named two sentences before. */
  { "Xiaomi unveiled its first car. The carmaker expects strong demand. Its profits fell 5%.",
    "5%", "-> Xiaomi by clause-subject" },
  { "Xiaomi launched a car. The firm expects demand to grow. Deliveries reached 10,000 cars.",
    "10,000 cars", "-> Xiaomi by discourse-subject" },
  { "Qantas posted a record profit. Net profit rose 28% to A$458.4m.",
    "28%", "-> Qantas by discourse-subject" },
  /* Metric and emission rules */
  { "Yugansk was sold for $9.3bn in an auction.", "$9.3bn", "metric deal by rule sold-for-deal" },
  { "It sold 20% of its equity in a bid to raise up to $443m.",
    "$443m", "metric capital by rule share-sale" },
  { "Allied Domecq has a capitalisation of £5.7bn ($10.7bn; 8.2bn euros).",
    "8.2bn euros", "brand Allied Domecq and metric none of the sum before by rule conversion" },
  { "Wrenfield said pretax profit rose to 64.2 mln stg, compared with 51.7 mln stg.",
    "51.7 mln stg", "metric profit by rule comparison" },
  { "Wrenfield Holdings Plc <WRNF.L> said pretax profit rose to 64.2 mln stg, compared with 51.7 mln stg.",
    "51.7 mln stg", "-> Wrenfield by nearest-mention" },
  /* A sentence's first word that is never a name, or names nothing alone
   * before what a company measures, is no other subject; a market's noun
   * is. */
  { "Qantas had a record year. Despite fuel costs, profit rose to A$648m.",
    "A$648m", "-> Qantas by discourse-subject" },
  { "Tata Motors had a strong quarter. Total sales were 30.1bn rupees.",
    "30.1bn rupees", "-> Tata Motors by discourse-subject" },
  { "Nokia had a good year. Mobile games account for 15% of revenues in Asia.",
    "15%", "-> no company by other-subject" },
  /* Filters */
  { "The Xiaomi 14 sold well.", "14", "dropped by filter model-name" },
  { "The OnePlus 6T is cheap.", "6", "dropped by filter glued-letters" },
  { "Battery capacity is 5,000 mAh.", "5,000 mAh", "dropped by filter specification" },
  { "It took three years to build.", "three", "dropped by filter duration" },
  { "A 5,000-ton ship was launched.", "5,000", "dropped by filter adjective-measure" },
  { "He ran the 800m in record time.", "800m", "dropped by filter metres" },
  { "The laptop has a 1080p screen.", "1080p", "dropped by filter resolution" },
  { "The team scored 42 points.", "42 points", "dropped by filter rare-noun-small" },
  { "The firm is one of the largest.", "one", "dropped by filter spelled-small" },
  { "Apple is the world's largest phone maker.", "largest", "read by rank-word" },
  /* Chinese */
  { "华为发布了新机。该公司营收增长5%，超过苹果。", "5%", "-> Huawei by pronoun-subject" },
  { "小米和华为的销量分别为1000万台和800万台。", "800万台", "-> Huawei by respectively" },
  { "2021年小米全球销量达到1.9亿台。", "2021年", "dropped by filter year" },
  { "2021年小米全球销量达到1.9亿台。", "1.9亿台", "-> Xiaomi by clause-before" },
  { "小米14售价3999元。", "14", "dropped by filter model-name" },
  { "全球智能手机市场同比下降3%。", "3%", "-> no brand by market-wide-sentence" },
};

static void
test_rule_cb (gconstpointer data)
{
  const RuleCase *rc = data;
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autoptr(CitedExtraction) ex = NULL;
  g_autofree char *want = g_strdup_printf ("'%s' %s", rc->figure, rc->decided);
  gboolean seen = FALSE;

  cited_trace_test_clear ();
  ex = cited_extract (lexicon, NULL, rc->text, -1, "2024-05-01");
  for (guint i = 0; i < cited_trace_lines->len; i++)
    if (strcmp (g_ptr_array_index (cited_trace_lines, i), want) == 0)
      seen = TRUE;
  if (!seen)
    {
      for (guint i = 0; i < cited_trace_lines->len; i++)
        g_test_message ("trace: %s", (const char *) g_ptr_array_index (cited_trace_lines, i));
      g_test_message ("expected: %s", want);
    }
  g_assert_true (seen);
}

/* With tracing off, nothing is logged and the figures are the same. */
static void
test_quiet (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autoptr(CitedExtraction) on = NULL, off = NULL;
  const char *text = rule_cases[7].text;

  on = cited_extract (lexicon, NULL, text, -1, NULL);
  g_unsetenv ("G_MESSAGES_DEBUG");
  cited_trace_test_clear ();
  off = cited_extract (lexicon, NULL, text, -1, NULL);
  g_setenv ("G_MESSAGES_DEBUG", "cited-extractor", TRUE);
  g_assert_cmpuint (cited_trace_lines->len, ==, 0);
  g_assert_cmpuint (on->figures->len, ==, off->figures->len);
  for (guint i = 0; i < on->figures->len; i++)
    {
      CitedFigure *a = g_ptr_array_index (on->figures, i);
      CitedFigure *b = g_ptr_array_index (off->figures, i);

      g_assert_cmpfloat (a->value, ==, b->value);
      g_assert_cmpstr (a->brand, ==, b->brand);
    }
}

int
main (int   argc,
      char *argv[])
{
  cited_trace_test_init ();
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rule_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/extract-rules/%02u", i);

      g_test_add_data_func (path, &rule_cases[i], test_rule_cb);
    }
  g_test_add_func ("/extract-rules/quiet", test_quiet);
  return g_test_run ();
}
