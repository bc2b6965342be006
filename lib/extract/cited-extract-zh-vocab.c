/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cited-extract-zh-private.h"

/*
 * The Chinese vocabulary: every word the stages look for comes from
 * data/metrics-zh.json (compiled in as a resource), read once into ZhVocab.
 * A list is an array of rows; each row has "word" and the fields its list
 * uses ("qualifier", "currency", "unit", "scope", "change", "value",
 * "scale", "delta", "not_before", "needs_noun", "not_subject"). The bit sets
 * the quick path and the scan test first are derived from the same rows.
 */

static int
keyword_cmp (gconstpointer a,
             gconstpointer b)
{
  const Keyword *ka = a;
  const Keyword *kb = b;

  /* Longest first, so that at one position the longest word wins. */
  if (ka->len != kb->len)
    return ka->len > kb->len ? -1 : 1;
  return strcmp (ka->word, kb->word);
}

static void
load_keywords (JsonObject *root,
               const char *member,
               const char *value_member,
               ZhKeywords *out)
{
  JsonArray *groups = NULL;
  GArray *found = g_array_new (FALSE, TRUE, sizeof (Keyword));

  if (json_object_has_member (root, member))
    groups = json_object_get_array_member (root, member);
  for (guint i = 0; groups != NULL && i < json_array_get_length (groups); i++)
    {
      JsonObject *group = json_array_get_object_element (groups, i);
      const char *value;
      JsonArray *words;

      if (group == NULL || !json_object_has_member (group, "words"))
        continue;
      value = json_object_get_string_member_with_default (group, value_member, "");
      words = json_object_get_array_member (group, "words");
      for (guint j = 0; words != NULL && j < json_array_get_length (words); j++)
        {
          const char *w = json_array_get_string_element (words, j);
          Keyword kw;

          if (w == NULL || *w == '\0')
            continue;
          kw.word = g_intern_string (w);
          kw.len = strlen (w);
          kw.first = g_utf8_get_char (w);
          zh_first_add (&out->first, kw.first);
          kw.value = g_intern_string (value);
          g_array_append_val (found, kw);
        }
    }

  g_array_sort (found, keyword_cmp);
  out->n = found->len;
  out->kw = (Keyword *) (void *) g_array_free (found, FALSE);
}

/* The first string member of @row among the value fields a list may use. */
static const char *
row_value (JsonObject *row)
{
  static const char * const fields[] = {
    "qualifier", "currency", "unit", "scope", "change", "status", "span", NULL
  };

  for (guint k = 0; fields[k] != NULL; k++)
    if (json_object_has_member (row, fields[k]))
      return g_intern_string (json_object_get_string_member (row, fields[k]));
  return NULL;
}

static double
row_number (JsonObject *row)
{
  static const char * const fields[] = { "value", "scale", "delta", NULL };

  for (guint k = 0; fields[k] != NULL; k++)
    if (json_object_has_member (row, fields[k]))
      return json_object_get_double_member (row, fields[k]);
  return 0;
}

/* Rows of @member, in file order (the order is the priority). */
static void
load_words (JsonObject *root,
            const char *member,
            ZhWords    *out)
{
  JsonArray *rows = NULL;
  GArray *words = g_array_new (FALSE, TRUE, sizeof (ZhWord));

  if (json_object_has_member (root, member))
    rows = json_object_get_array_member (root, member);
  if (rows == NULL)
    g_critical ("Chinese vocabulary: no list \"%s\"", member);
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *w = row != NULL ? json_object_get_string_member_with_default (row, "word", NULL) : NULL;
      ZhWord zw = { 0 };

      if (w == NULL || *w == '\0')
        continue;
      zw.word = g_intern_string (w);
      zw.len = strlen (w);
      zw.first = g_utf8_get_char (w);
      zw.value = row_value (row);
      zw.number = row_number (row);
      zw.kind = json_object_has_member (row, "currency") ? KIND_MONEY : KIND_COUNT;
      if (json_object_has_member (row, "not_before"))
        zw.not_before = g_intern_string (json_object_get_string_member (row, "not_before"));
      zw.flag = json_object_get_boolean_member_with_default (row, "needs_noun", FALSE) ||
                json_object_get_boolean_member_with_default (row, "not_subject", FALSE) ||
                json_object_get_boolean_member_with_default (row, "quick", FALSE);
      zw.noun_decides = json_object_get_boolean_member_with_default (row, "noun_decides", FALSE);
      g_array_append_val (words, zw);
    }
  for (guint k = 0; k < words->len; k++)
    zh_first_add (&out->first, g_array_index (words, ZhWord, k).first);
  out->n = words->len;
  out->w = (ZhWord *) (void *) g_array_free (words, FALSE);
}

static void
set_bit (guint8   *bits,
         gunichar  c)
{
  if (c >= 0x4E00 && c <= 0x9FFF)
    bits[(c - 0x4E00) >> 3] |= 1 << ((c - 0x4E00) & 7);
}

static void
set_first_bits (guint8        *bits,
                const ZhWords *words)
{
  for (guint k = 0; k < words->n; k++)
    set_bit (bits, words->w[k].first);
}

/* The bit sets the quick path and the scan test before anything else. */
static void
derive_bits (ZhVocab *v)
{
  for (guint k = 0; k < v->numerals.n; k++)
    {
      gunichar c = v->numerals.w[k].first;

      if (c >= 0x4E00 && c <= 0x9FFF)
        {
          set_bit (v->digit_bits, c);
          v->digit_value[c - 0x4E00] = (gint8) v->numerals.w[k].number;
        }
      else
        v->zero_outside = c;
    }
  /* The scan acts on numerals, scales, openers (第, 前, 最), relative
   * years (今年) and currency words (人民币). */
  memcpy (v->starter_bits, v->digit_bits, sizeof v->starter_bits);
  set_first_bits (v->starter_bits, &v->small_scales);
  set_bit (v->starter_bits, CH_WAN);
  set_first_bits (v->starter_bits, &v->openers);
  set_first_bits (v->starter_bits, &v->relative_years);
  set_first_bits (v->starter_bits, &v->currency_prefixes);

  /* A numeral is a figure when a scale, a unit or one of the followers
   * comes after it ("三万", "五家", "两成"). */
  memcpy (v->follow_bits, v->digit_bits, sizeof v->follow_bits);
  set_first_bits (v->follow_bits, &v->small_scales);
  set_bit (v->follow_bits, CH_WAN);
  set_bit (v->follow_bits, CH_YI);
  set_first_bits (v->follow_bits, &v->numeral_followers);
  set_first_bits (v->follow_bits, &v->units);
  for (guint k = 0; k < v->units.n; k++)
    if (v->units.w[k].kind == KIND_MONEY)
      set_bit (v->money_bits, v->units.w[k].first);
  set_first_bits (v->one_bits, &v->one_followers);
  set_first_bits (v->scale_bits, &v->small_scales);
  /* Openers that make a sentence worth scanning on their own (第, 最, 百). */
  for (guint k = 0; k < v->openers.n; k++)
    if (v->openers.w[k].flag)
      set_bit (v->quick_bits, v->openers.w[k].first);
}

static void
load_lists (ZhVocab    *v,
            JsonObject *root)
{
  const struct { const char *name; ZhWords *list; } lists[] = {
    { "numerals", &v->numerals }, { "small_scales", &v->small_scales },
    { "openers", &v->openers }, { "numeral_followers", &v->numeral_followers },
    { "one_followers", &v->one_followers }, { "units", &v->units },
    { "measure_nouns", &v->measure_nouns }, { "rejects_after", &v->rejects_after },
    { "qualifiers_before", &v->qualifiers_before }, { "qualifiers_after", &v->qualifiers_after },
    { "qualifiers_before_verb", &v->qualifiers_before_verb },
    { "currency_prefixes", &v->currency_prefixes },
    { "currency_codes_after", &v->currency_codes_after },
    { "relative_years", &v->relative_years }, { "places", &v->places },
    { "changes", &v->changes }, { "bare_verbs", &v->bare_verbs },
    { "tenths_not_before", &v->tenths_not_before }, { "patent_words", &v->patent_words },
    { "store_words", &v->store_words }, { "staff_words", &v->staff_words },
    { "other_rates", &v->other_rates }, { "spec_words", &v->spec_words },
    { "goal_words", &v->goal_words }, { "rank_before", &v->rank_before },
    { "rank_words", &v->rank_words }, { "top_before", &v->top_before },
    { "ordinal_nouns", &v->ordinal_nouns }, { "part_words", &v->part_words },
    { "maker_words", &v->maker_words }, { "pronouns", &v->pronouns },
    { "subject_pronouns", &v->subject_pronouns }, { "market_words", &v->market_words },
    { "beat_verbs", &v->beat_verbs }, { "component_words", &v->component_words },
    { "respectively", &v->respectively }, { "vague_before", &v->vague_before },
    { "round_qualifiers", &v->round_qualifiers },
    { "status_words", &v->status_words }, { "span_words", &v->span_words },
    { "loss_words", &v->loss_words },
  };

  load_keywords (root, "metrics", "metric", &v->metrics);
  load_keywords (root, "scopes", "scope", &v->scopes);
  for (guint k = 0; k < G_N_ELEMENTS (lists); k++)
    load_words (root, lists[k].name, lists[k].list);
}

const ZhVocab *
zh_vocab (void)
{
  static gsize init = 0;
  static ZhVocab vocab;

  if (g_once_init_enter (&init))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();

      bytes = g_resources_lookup_data ("/io/github/cited/lib/metrics-zh.json",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes != NULL &&
          json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        load_lists (&vocab, json_node_get_object (json_parser_get_root (parser)));
      else
        g_critical ("Chinese vocabulary unavailable: %s",
                    error != NULL ? error->message : "not a JSON object");
      derive_bits (&vocab);
      g_once_init_leave (&init, 1);
    }

  return &vocab;
}
