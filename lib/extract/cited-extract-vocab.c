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
  guint32 h = FNV_INIT;

  for (guint i = 0; i < len; i++)
    h = fnv (h, (guchar) key[i]);
  return h;
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

      if (t->slots[i] == 0)
        return NULL;
      w = g_ptr_array_index (t->words, t->slots[i] - 1);
      if (w->len == len && memcmp (w->key, key, len) == 0)
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
  w->key = g_strdup (key);
  w->len = len;
  g_ptr_array_add (t->words, w);
  h = hash_key (key, len);
  for (i = h & t->mask; t->slots[i] != 0; i = (i + 1) & t->mask)
    ;
  t->slots[i] = t->words->len;
  return w;
}

static void
word_free (gpointer data)
{
  Word *w = data;

  g_free (w->key);
  g_free (w);
}

static void
table_init (Table *t,
            guint  size)
{
  t->words = g_ptr_array_new_with_free_func (word_free);
  t->slots = g_new0 (guint32, size);
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

typedef struct {
  const char *words;         /* space separated */
  guint64 flags;
  double num;
} GrammarRow;

/* The English number grammar: not for users to extend, unlike the keyword
 * tables in data/metrics.json. */
static const GrammarRow grammar[] = {
  { "zero", W_NUMWORD, 0 }, { "one", W_NUMWORD, 1 }, { "two", W_NUMWORD, 2 },
  { "three", W_NUMWORD, 3 }, { "four", W_NUMWORD, 4 }, { "five", W_NUMWORD, 5 },
  { "six", W_NUMWORD, 6 }, { "seven", W_NUMWORD, 7 }, { "eight", W_NUMWORD, 8 },
  { "nine", W_NUMWORD, 9 }, { "ten", W_NUMWORD, 10 }, { "eleven", W_NUMWORD, 11 },
  { "twelve", W_NUMWORD, 12 }, { "thirteen", W_NUMWORD, 13 }, { "fourteen", W_NUMWORD, 14 },
  { "fifteen", W_NUMWORD, 15 }, { "sixteen", W_NUMWORD, 16 }, { "seventeen", W_NUMWORD, 17 },
  { "eighteen", W_NUMWORD, 18 }, { "nineteen", W_NUMWORD, 19 }, { "twenty", W_NUMWORD, 20 },
  { "thirty", W_NUMWORD, 30 }, { "forty", W_NUMWORD, 40 }, { "fifty", W_NUMWORD, 50 },
  { "sixty", W_NUMWORD, 60 }, { "seventy", W_NUMWORD, 70 }, { "eighty", W_NUMWORD, 80 },
  { "ninety", W_NUMWORD, 90 },
  { "hundred", W_HUNDRED, 100 },
  { "dozen", W_DOZEN, 12 },
  { "half", W_HALF, 0.5 },
  { "a an", W_ARTICLE, 0 },
  { "hundreds thousands millions billions dozens tens scores trillions", W_VAGUE, 0 },
  { "first", W_ORDINAL, 1 }, { "second", W_ORDINAL | W_TIMEUNIT, 2 }, { "third", W_ORDINAL, 3 },
  { "fourth", W_ORDINAL, 4 }, { "fifth", W_ORDINAL, 5 }, { "sixth", W_ORDINAL, 6 },
  { "seventh", W_ORDINAL, 7 }, { "eighth", W_ORDINAL, 8 }, { "ninth", W_ORDINAL, 9 },
  { "tenth", W_ORDINAL, 10 },
  { "largest biggest", W_RANKADJ, 0 },
  { "top", W_TOP, 0 },
  { "number", W_NUMBER, 0 },
  { "no", W_NO, 0 },
  { "january february march april june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec", W_MONTH, 0 },
  { "year years month months week weeks day days hour hours minute minutes "
    "seconds decade decades quarters century centuries yrs hrs mins secs "
    "weekend weekends night nights morning generation generations", W_TIMEUNIT, 0 },
  { "pro max ultra plus lite mini series se edition fold flip neo prime note s "
    "pro+ x gt turbo", W_PRODSUFFIX, 0 },
  { "page pages chapter version model type class level grade floor room line route "
    "generation gen episode season article section figure fig vol volume part phase "
    "stage formula windows ios android macos tier category channel platform "
    "ios watchos highway flight exhibit item paragraph clause lot gate "
    "grand apollo", W_LABEL, 0 },
  { "however while whereas but although though unlike meanwhile compared versus vs yet "
    "whilst", W_CONJ, 0 },
  { "it its they their he she his her them", W_PRONOUN, 0 },
  { "to through till until", W_TO, 0 },
  { "and", W_AND, 0 },
  { "between", W_BETWEEN, 0 },
  { "from", W_FROM, 0 },
  { "this current", W_REL, 0 }, { "last previous", W_REL, -1 }, { "next coming", W_REL, 1 },
  { "year", W_YEAR, 0 },
  { "quarter", W_QUARTER, 0 },
  { "percent pct percentage", W_PERCENT, 0 },
  { "per", W_PER, 0 },
  { "cent", W_CENT, 0 },
  { "times fold", W_TIMES, 0 },
  { "am pm gmt bst est utc", W_CLOCK, 0 },
  { "the a an which who", W_APPOS, 0 },
  { "st nd rd th", W_ORDSUFFIX, 0 },
  { "ranked ranks ranking rank", W_RANKVERB, 0 },
  { "of", W_OF, 0 },
  { "at by until before after", W_CLOCKPREP, 0 },
  { "in since by during", W_YEARPREP, 0 },
  { "since", W_SINCE, 0 },
  { "by", W_BY, 0 },
  { "up down", W_UPDOWN, 0 },
  { "in", W_IN, 0 },
  { "the", W_THE, 0 },
  { "the a an this that these those its their his her our your best latest new newest top "
    "flagship upcoming early late mid from since until during", W_YEARDET, 0 },
  { "the of a an in on at for to with by from and or that which is are was were be been "
    "has have had will would can could may might this that these those its their his her "
    "as than over under about around some more less only just also not no each every per "
    "into onto upon than then so such very all any both other another new old same "
    "last next first such", W_STOP, 0 },
};

typedef struct {
  const char *word;
  double scale;
  gboolean suffix;           /* may be glued to digits */
} ScaleRow;

static const ScaleRow scales[] = {
  { "thousand", 1e3, FALSE }, { "million", 1e6, FALSE }, { "billion", 1e9, FALSE },
  { "trillion", 1e12, FALSE }, { "lakh", 1e5, FALSE }, { "crore", 1e7, FALSE },
  { "k", 1e3, TRUE }, { "m", 1e6, TRUE }, { "mn", 1e6, TRUE }, { "mln", 1e6, TRUE },
  { "bn", 1e9, TRUE }, { "b", 1e9, TRUE }, { "bln", 1e9, TRUE }, { "tn", 1e12, TRUE },
  { "trn", 1e12, TRUE }, { "thousands", 0, FALSE },
};

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

static Tables *
tables_new (void)
{
  Tables *tables = g_new0 (Tables, 1);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  table_init (&tables->folded, 4096);
  table_init (&tables->exact, 1024);
  tables->unit_metrics = g_hash_table_new (g_str_hash, g_str_equal);
  tables->money_metrics = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (grammar); i++)
    {
      g_auto(GStrv) words = g_strsplit (grammar[i].words, " ", -1);

      for (guint j = 0; words[j]; j++)
        {
          Word *w = table_ensure (&tables->folded, words[j]);

          w->flags |= grammar[i].flags;
          if (grammar[i].flags & (W_NUMWORD | W_HUNDRED | W_DOZEN | W_HALF | W_ORDINAL | W_REL))
            w->num = grammar[i].num;
          if (grammar[i].flags & W_MONTH)
            w->num = 1;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      Word *w = table_ensure (&tables->folded, scales[i].word);

      if (scales[i].scale == 0)
        continue;
      w->flags |= W_SCALE | (scales[i].suffix ? W_SUFFIX : 0);
      w->scale = scales[i].scale;
    }
  /* "may" and "march" are words first; as months they need a capital. */
  table_ensure (&tables->exact, "May")->flags |= W_MONTH;
  table_ensure (&tables->exact, "March")->flags |= W_MONTH;
  table_ensure (&tables->folded, "march")->flags &= ~W_MONTH;
  table_ensure (&tables->folded, "pence")->money_factor = 0.01;
  table_ensure (&tables->folded, "pence")->currency = g_intern_static_string ("GBP");
  table_ensure (&tables->folded, "p")->money_factor = 0.01;
  table_ensure (&tables->folded, "cents")->money_factor = 0.01;
  table_ensure (&tables->folded, "cents")->currency = g_intern_static_string ("USD");
  table_ensure (&tables->folded, "cent")->money_factor = 0.01;
  table_ensure (&tables->folded, "cent")->currency = g_intern_static_string ("USD");
  /* "o'clock" splits at the apostrophe. */
  table_ensure (&tables->folded, "clock")->flags |= W_CLOCK;

  bytes = g_resources_lookup_data ("/io/github/cited/lib/metrics.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &error))
    {
      g_critical ("The extractor's keyword tables are missing or invalid: %s", error->message);
    }
  else if (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *root = json_node_get_object (json_parser_get_root (parser));

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
      load_map (tables->unit_metrics, root, "unit_metrics");
      load_map (tables->money_metrics, root, "money_metrics");
    }

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
