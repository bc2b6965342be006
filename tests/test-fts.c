/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-fts"
#include "config.h"

#include <string.h>

#include <glib.h>

#include "cited-fts-private.h"

/* What the index holds of @text, and what a query of it looks up. */
static void
assert_tokens (const char *text,
               const char *index,
               const char *query)
{
  g_autofree char *indexed = cited_fts_describe (text, strlen (text), FALSE);
  g_autofree char *queried = cited_fts_describe (text, strlen (text), TRUE);

  g_assert_cmpstr (indexed, ==, index);
  g_assert_cmpstr (queried, ==, query);
}

/* Words are folded for case and diacritics and cut at anything that is no
 * letter or digit. */
static void
test_words (void)
{
  assert_tokens ("Apple opened two stores.", "apple opened two stores", "apple opened two stores");
  assert_tokens ("R&D, O'Brien's", "r d o brien s", "r d o brien s");
  assert_tokens ("Citroën Škoda ŁÓDŹ Ørsted café", "citroen skoda lodz orsted cafe",
                 "citroen skoda lodz orsted cafe");
  /* Full-width Latin letters and digits are the ASCII ones. */
  assert_tokens ("ＳＵ７", "su|su7 7", "su 7");
  /* A combining accent belongs to its letter and is folded away. */
  assert_tokens ("Cafe\xcc\x81s", "cafes", "cafes");
  assert_tokens ("", "", "");
  assert_tokens ("  -- %% ", "", "");
}

/* Case changes and letter/digit changes split a word into parts; the
 * index also holds every run of adjacent parts, so "Xiaomi", "cars",
 * "xiaomicars" and "XiaomiCars" all find "XiaomiCars". */
static void
test_parts (void)
{
  assert_tokens ("XiaomiCars", "xiaomi|xiaomicars cars", "xiaomi cars");
  assert_tokens ("xiaomicars", "xiaomicars", "xiaomicars");
  assert_tokens ("iPhone15", "i|iphone|iphone15 phone|phone15 15", "i phone 15");
  assert_tokens ("$2.5bn", "2 5|5bn bn", "2 5 bn");
  assert_tokens ("5G", "5|5g g", "5 g");
  /* An acronym before a word ends at its last capital; its plural is one
   * word. */
  assert_tokens ("BYDAuto", "byd|bydauto auto", "byd auto");
  assert_tokens ("PDFs NASA", "pdfs nasa", "pdfs nasa");
  /* Past four parts only the whole word is colocated with the first. */
  assert_tokens ("aB1cD2", "a|ab|ab1|ab1c|ab1cd2 b|b1|b1c|b1cd 1|1c|1cd|1cd2 c|cd|cd2 d|d2 2",
                 "a b 1 c d 2");
}

/* CJK text is one token per character, with the bigram from there
 * colocated; a query is its bigrams closed by its last character, and a
 * single character is itself. */
static void
test_cjk (void)
{
  assert_tokens ("小米汽车", "小|小米 米|米汽 汽|汽车 车", "小米 米汽 汽车 车");
  assert_tokens ("亿", "亿", "亿");
  assert_tokens ("华为", "华|华为 为", "华为 为");
  /* Scripts change at CJK: no bigram across Latin or punctuation. */
  assert_tokens ("小米SU7，华为", "小|小米 米 su|su7 7 华|华为 为", "小米 米 su 7 华为 为");
  assert_tokens ("ひらがなカタカナ한국어", "ひ|ひら ら|らが が|がな な|なカ カ|カタ タ|タカ カ|カナ ナ|ナ한 한|한국 국|국어 어",
                 "ひら らが がな なカ カタ タカ カナ ナ한 한국 국어 어");
}

/* Words longer than 64 characters are cut into pieces; nothing is lost
 * and nothing runs past the text. */
static void
test_long_words (void)
{
  g_autoptr(GString) word = g_string_new (NULL);
  g_autofree char *tokens = NULL;
  g_auto(GStrv) pieces = NULL;

  for (guint i = 0; i < 150; i++)
    g_string_append_c (word, 'a' + i % 26);
  tokens = cited_fts_describe (word->str, word->len, FALSE);
  pieces = g_strsplit (tokens, " ", -1);
  g_assert_cmpuint (g_strv_length (pieces), ==, 3);
  g_assert_cmpuint (strlen (pieces[0]) + strlen (pieces[1]) + strlen (pieces[2]), ==, 150);
}

/* Any bytes: invalid UTF-8, stray continuation bytes, truncated
 * sequences, NULs, surrogates. Tokens are valid UTF-8 within the text
 * (cited_fts_describe() asserts both), and a character cut short at the
 * end of the text is never read past it. */
static void
test_any_bytes (void)
{
  static const char * const cases[] = {
    "\xff\xfe abc \x80\x80 def", "caf\xc3", "\xe5\xb0", "\xe5\xb0\x8f", "\xed\xa0\x80 x",
    "\xf4\x90\x80\x80", "a\xcc\x81\xcc", "\xc0\xaf", "小\xff米",
  };
  GRand *rand = g_rand_new_with_seed (20261204);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (gsize n = 0; n <= strlen (cases[i]); n++)
      {
        /* Exactly n bytes in their own allocation, for AddressSanitizer. */
        char *copy = g_memdup2 (cases[i], n);
        g_free (cited_fts_describe (copy, n, FALSE));
        g_free (cited_fts_describe (copy, n, TRUE));
        g_free (copy);
      }

  for (guint i = 0; i < 2000; i++)
    {
      gsize n = g_rand_int_range (rand, 0, 200);
      guchar *bytes = g_malloc (MAX (n, 1));

      for (gsize j = 0; j < n; j++)
        {
          /* Mostly bytes of UTF-8 sequences, so that characters form. */
          static const guchar pool[] = { 'a', 'Z', '5', ' ', 0xc3, 0xa9, 0xe5, 0xb0, 0x8f,
                                         0xe4, 0xba, 0xbf, 0xcc, 0x81, 0xff, 0x80, 0x00, 0xf0 };
          bytes[j] = g_rand_boolean (rand) ? pool[g_rand_int_range (rand, 0, sizeof pool)]
                                           : (guchar) g_rand_int_range (rand, 0, 256);
        }
      g_free (cited_fts_describe ((const char *) bytes, n, FALSE));
      g_free (cited_fts_describe ((const char *) bytes, n, TRUE));
      g_free (bytes);
    }
  g_rand_free (rand);
}

static void
test_has_tokens (void)
{
  g_assert_true (cited_fts_has_tokens ("a"));
  g_assert_true (cited_fts_has_tokens ("-5%"));
  g_assert_true (cited_fts_has_tokens ("“亿”"));
  g_assert_false (cited_fts_has_tokens ("%"));
  g_assert_false (cited_fts_has_tokens ("&"));
  g_assert_false (cited_fts_has_tokens ("，。"));
  g_assert_false (cited_fts_has_tokens (""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fts/words", test_words);
  g_test_add_func ("/fts/parts", test_parts);
  g_test_add_func ("/fts/cjk", test_cjk);
  g_test_add_func ("/fts/long-words", test_long_words);
  g_test_add_func ("/fts/any-bytes", test_any_bytes);
  g_test_add_func ("/fts/has-tokens", test_has_tokens);

  return g_test_run ();
}
