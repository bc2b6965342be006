/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cited-extract-en-private.h"

static guint32
hash_key (const char *key,
          guint       len)
{
  return hash_text (key, len, key + len, FALSE);
}

static Word *
table_lookup_key (Table      *t,
                  const char *key,
                  guint       len)
{
  guint32 h = hash_key (key, len);

  for (guint i = h & t->mask;; i = (i + 1) & t->mask)
    {
      Word *w;

      if (t->slots[i].word == NULL)
        return NULL;
      w = (Word *) t->slots[i].word;
      if (t->slots[i].hash == h && w->len == len && memcmp (w->key, key, len) == 0)
        return w;
    }
}

static Word *
table_ensure (Table      *t,
              const char *key)
{
  guint len = strlen (key);
  Word *w = table_lookup_key (t, key, len);
  guint32 h;
  guint i;

  if (w != NULL)
    return w;
  g_assert (t->words->len * 2 < t->mask);
  w = g_new0 (Word, 1);
  if (len < WORD_KEY_INLINE)
    w->key = memcpy (w->keybuf, key, len + 1);
  else
    w->key = g_strdup (key);
  w->len = len;
  g_ptr_array_add (t->words, w);
  h = hash_key (key, len);
  for (i = h & t->mask; t->slots[i].word != NULL; i = (i + 1) & t->mask)
    ;
  t->slots[i].hash = h;
  t->slots[i].len = len;
  t->slots[i].word = w;
  return w;
}

static void
word_free (gpointer data)
{
  Word *w = data;

  if (w->key != w->keybuf)
    g_free (w->key);
  g_free (w);
}

static void
table_init (Table *t,
            guint  size)
{
  t->words = g_ptr_array_new_with_free_func (word_free);
  t->slots = g_new0 (TableSlot, size);
  t->mask = size - 1;
}

static gboolean
has_upper (const char *s)
{
  for (; *s; s++)
    if (g_ascii_isupper (*s))
      return TRUE;
  return FALSE;
}

/* Adds @key (a word or a two-word phrase) to the table its case asks for
 * and returns its entry; a phrase also marks its first word. */
static Word *
tables_add (Tables     *tables,
            const char *key)
{
  gboolean exact = has_upper (key);
  Table *t = exact ? &tables->exact : &tables->folded;
  const char *space = strchr (key, ' ');

  if (space != NULL)
    {
      g_autofree char *first = g_strndup (key, space - key);

      table_ensure (t, first)->flags |= W_PHRASE;
    }
  return table_ensure (t, key);
}

/* The flags of data/grammar-en.json by name. */
static const struct {
  const char *name;
  guint64 flag;
} flag_names[] = {
  { "numword", W_NUMWORD }, { "hundred", W_HUNDRED }, { "scale", W_SCALE },
  { "suffix", W_SUFFIX }, { "dozen", W_DOZEN }, { "half", W_HALF },
  { "article", W_ARTICLE }, { "vague", W_VAGUE }, { "ordinal", W_ORDINAL },
  { "rankadj", W_RANKADJ }, { "top", W_TOP }, { "number", W_NUMBER },
  { "month", W_MONTH }, { "timeunit", W_TIMEUNIT }, { "prodsuffix", W_PRODSUFFIX },
  { "label", W_LABEL }, { "conj", W_CONJ }, { "pronoun", W_PRONOUN },
  { "market", W_MARKET }, { "company", W_COMPANY }, { "to", W_TO },
  { "and", W_AND }, { "between", W_BETWEEN }, { "from", W_FROM },
  { "rel", W_REL }, { "year", W_YEAR }, { "quarter", W_QUARTER },
  { "percent", W_PERCENT }, { "stop", W_STOP }, { "times", W_TIMES },
  { "clock", W_CLOCK }, { "appos", W_APPOS }, { "per", W_PER },
  { "cent", W_CENT }, { "ordsuffix", W_ORDSUFFIX }, { "rankverb", W_RANKVERB },
  { "of", W_OF }, { "no", W_NO }, { "the", W_THE },
  { "spec", W_SPEC }, { "yeardet", W_YEARDET }, { "decline", W_DECLINE },
  { "noprice", W_NOPRICE }, { "goal", W_GOAL }, { "clockprep", W_CLOCKPREP },
  { "yearprep", W_YEARPREP }, { "since", W_SINCE }, { "by", W_BY },
  { "updown", W_UPDOWN }, { "in", W_IN }, { "change", W_CHANGE },
  { "each", W_EACH }, { "have", W_HAVE }, { "ago", W_AGO }, { "public", W_PUBLIC },
  { "restate", W_RESTATE },
};

/* The W_ bits of a row's "flags": ["numword", "scale"]; an unknown name is
 * a mistake in the data, said once. */
static guint64
flags_from_names (JsonArray *names)
{
  guint64 flags = 0;

  for (guint i = 0; names != NULL && i < json_array_get_length (names); i++)
    {
      const char *name = json_array_get_string_element (names, i);
      guint k;

      for (k = 0; k < G_N_ELEMENTS (flag_names); k++)
        if (g_strcmp0 (name, flag_names[k].name) == 0)
          {
            flags |= flag_names[k].flag;
            break;
          }
      if (k == G_N_ELEMENTS (flag_names))
        g_warning ("grammar-en.json: unknown flag '%s'", name ? name : "(not a string)");
    }
  return flags;
}

/* Loads the rows of grammar-en.json: {"words": "k m", "flags": ["scale",
 * "suffix"], "scale": 1e3}; num, scale, money_factor and currency are set
 * where the row has them. */
static void
load_grammar (Tables     *tables,
              JsonObject *root)
{
  JsonArray *rows;

  if (!json_object_has_member (root, "words") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "words")))
    return;
  rows = json_object_get_array_member (root, "words");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_auto(GStrv) words = NULL;
      JsonArray *names;
      guint64 flags;

      if (row == NULL || !json_object_has_member (row, "words"))
        continue;
      names = json_object_has_member (row, "flags") ? json_object_get_array_member (row, "flags") : NULL;
      flags = flags_from_names (names);
      words = g_strsplit (json_object_get_string_member (row, "words"), " ", -1);
      for (guint j = 0; words[j]; j++)
        {
          Word *w;

          if (*words[j] == '\0')
            continue;
          w = tables_add (tables, words[j]);
          w->flags |= flags;
          if (json_object_has_member (row, "num"))
            w->num = json_object_get_double_member (row, "num");
          if (json_object_has_member (row, "scale"))
            w->scale = json_object_get_double_member (row, "scale");
          if (json_object_has_member (row, "money_factor"))
            w->money_factor = json_object_get_double_member (row, "money_factor");
          if (json_object_has_member (row, "currency"))
            w->currency = g_intern_string (json_object_get_string_member (row, "currency"));
        }
    }
}

static Tables *tables_singleton;

static void
load_string_table (Tables     *tables,
                   JsonObject *root,
                   const char *member,
                   gsize       field_offset)
{
  JsonObject *object;
  GList *members;

  if (!json_object_has_member (root, member) ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, member)))
    return;
  object = json_object_get_object_member (root, member);
  members = json_object_get_members (object);
  for (GList *l = members; l; l = l->next)
    {
      const char *canonical = g_intern_string (l->data);
      JsonNode *node = json_object_get_member (object, l->data);
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        continue;
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *key = json_array_get_string_element (array, i);
          Word *w;
          const char **field;

          if (key == NULL || *key == '\0')
            continue;
          w = tables_add (tables, key);
          field = G_STRUCT_MEMBER_P (w, field_offset);
          if (*field == NULL)
            *field = canonical;
        }
    }
  g_list_free (members);
}

static void
load_flag_list (Tables     *tables,
                JsonObject *root,
                const char *member,
                guint64     flag)
{
  JsonArray *array;

  if (!json_object_has_member (root, member) ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, member)))
    return;
  array = json_object_get_array_member (root, member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *key = json_array_get_string_element (array, i);

      if (key != NULL && *key != '\0')
        tables_add (tables, key)->flags |= flag;
    }
}

static void
load_map (GHashTable *map,
          JsonObject *root,
          const char *member)
{
  JsonObject *object;
  GList *members;

  if (!json_object_has_member (root, member) ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, member)))
    return;
  object = json_object_get_object_member (root, member);
  members = json_object_get_members (object);
  for (GList *l = members; l; l = l->next)
    {
      const char *value = json_object_get_string_member_with_default (object, l->data, NULL);

      if (value != NULL)
        g_hash_table_insert (map, (gpointer) g_intern_string (l->data),
                             (gpointer) g_intern_string (value));
    }
  g_list_free (members);
}

/* A list of names into a set of interned strings. */
static void
load_set (GHashTable *set,
          JsonObject *root,
          const char *member)
{
  JsonArray *array;

  if (!json_object_has_member (root, member) ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, member)))
    return;
  array = json_object_get_array_member (root, member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *name = json_array_get_string_element (array, i);

      if (name != NULL && *name != '\0')
        g_hash_table_add (set, (gpointer) g_intern_string (name));
    }
}

/* Parses the JSON resource @name of libcited, calling @load on its root
 * object; a missing or broken table is a critical error (the build ships
 * them). */
static void
load_resource (Tables     *tables,
               const char *name,
               void      (*load) (Tables *tables, JsonObject *root))
{
  g_autofree char *path = g_strconcat ("/io/github/cited/lib/", name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &error))
    g_critical ("The extractor's table %s is missing or invalid: %s", name, error->message);
  else if (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    load (tables, json_node_get_object (json_parser_get_root (parser)));
}

/* Loads the keyword tables of metrics.json: values (unit, metric, scope,
 * qualifier, currency) by canonical name, word lists that take a flag, and
 * the maps between metrics. */
static void
load_keywords (Tables     *tables,
               JsonObject *root)
{
  load_string_table (tables, root, "units", G_STRUCT_OFFSET (Word, unit));
  load_string_table (tables, root, "metrics", G_STRUCT_OFFSET (Word, metric));
  load_string_table (tables, root, "scopes", G_STRUCT_OFFSET (Word, scope));
  load_string_table (tables, root, "qualifiers", G_STRUCT_OFFSET (Word, qualifier));
  load_string_table (tables, root, "currencies", G_STRUCT_OFFSET (Word, currency));
  load_flag_list (tables, root, "market_words", W_MARKET);
  load_flag_list (tables, root, "company_nouns", W_COMPANY);
  load_flag_list (tables, root, "spec_units", W_SPEC);
  load_flag_list (tables, root, "declines", W_DECLINE);
  load_flag_list (tables, root, "not_price", W_NOPRICE);
  load_flag_list (tables, root, "goal_words", W_GOAL);
  load_flag_list (tables, root, "public_bodies", W_PUBLIC);
  load_flag_list (tables, root, "forecast_words", W_FORECAST);
  load_flag_list (tables, root, "plan_words", W_PLAN);
  load_flag_list (tables, root, "cumulative_words", W_CUMUL);
  load_flag_list (tables, root, "total_words", W_TOTAL);
  load_flag_list (tables, root, "rate_words", W_RATE);
  load_flag_list (tables, root, "loss_words", W_LOSS);
  load_flag_list (tables, root, "restate_words", W_RESTATE);
  load_string_table (tables, root, "money_nouns", G_STRUCT_OFFSET (Word, money_noun));
  load_string_table (tables, root, "change_measures", G_STRUCT_OFFSET (Word, measure));
  load_map (tables->unit_metrics, root, "unit_metrics");
  load_map (tables->money_metrics, root, "money_metrics");
  load_set (tables->point_metrics, root, "point_metrics");
  load_set (tables->money_only, root, "money_only_metrics");
}

/* Gives each word that starts a phrase the flags and values of the
 * phrases it may start, in either table and whatever the case, so that
 * the stages look a phrase up only when it could answer them. */
static void
mark_phrase_starts (Tables *tables)
{
  g_autoptr(GHashTable) flags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Table *both[2] = { &tables->folded, &tables->exact };

  for (guint n = 0; n < 2; n++)
    for (guint i = 0; i < both[n]->words->len; i++)
      {
        const Word *w = g_ptr_array_index (both[n]->words, i);
        const char *space = strchr (w->key, ' ');
        g_autofree char *first = NULL;
        guint64 *acc;

        if (space == NULL)
          continue;
        first = g_ascii_strdown (w->key, space - w->key);
        acc = g_hash_table_lookup (flags, first);
        if (acc == NULL)
          {
            acc = g_new0 (guint64, 2);
            g_hash_table_insert (flags, g_steal_pointer (&first), acc);
          }
        acc[0] |= w->flags;
        acc[1] |= (w->metric ? P_METRIC : 0) | (w->scope ? P_SCOPE : 0) |
                  (w->measure ? P_MEASURE : 0);
      }
  for (guint n = 0; n < 2; n++)
    for (guint i = 0; i < both[n]->words->len; i++)
      {
        Word *w = g_ptr_array_index (both[n]->words, i);
        g_autofree char *folded = NULL;
        const guint64 *acc;

        if (!(w->flags & W_PHRASE))
          continue;
        folded = g_ascii_strdown (w->key, w->len);
        if ((acc = g_hash_table_lookup (flags, folded)) != NULL)
          {
            w->phrase_flags = acc[0];
            w->phrase_fields = (guint) acc[1];
          }
      }
}

/* Which values each word holds, in one field its token reads. */
static void
note_fields (Table *t)
{
  for (guint i = 0; i < t->words->len; i++)
    {
      Word *w = g_ptr_array_index (t->words, i);

      w->fields = (w->metric ? TF_METRIC : 0) | (w->scope ? TF_SCOPE : 0) |
                  (w->measure ? TF_MEASURE : 0) | (w->unit ? TF_UNIT : 0) |
                  (w->currency ? TF_CURRENCY : 0) | (w->money_noun ? TF_MONEY : 0);
    }
}

/* The word tables: the grammar first, then the keyword tables. */
static Tables *
tables_new (void)
{
  Tables *tables = g_new0 (Tables, 1);

  table_init (&tables->folded, 4096);
  table_init (&tables->exact, 1024);
  tables->unit_metrics = g_hash_table_new (g_str_hash, g_str_equal);
  tables->money_metrics = g_hash_table_new (g_str_hash, g_str_equal);
  tables->point_metrics = g_hash_table_new (g_str_hash, g_str_equal);
  tables->money_only = g_hash_table_new (g_str_hash, g_str_equal);
  load_resource (tables, "grammar-en.json", load_grammar);
  load_resource (tables, "metrics.json", load_keywords);
  mark_phrase_starts (tables);
  note_fields (&tables->folded);
  note_fields (&tables->exact);
  return tables;
}


const Tables *
get_tables (void)
{
  if (g_once_init_enter (&tables_singleton))
    {
      init_split_class ();
      g_once_init_leave (&tables_singleton, tables_new ());
    }
  return tables_singleton;
}

gboolean
cited_extract_is_point_metric (const char *metric)
{
  return metric != NULL &&
         g_hash_table_contains (get_tables ()->point_metrics, metric);
}
