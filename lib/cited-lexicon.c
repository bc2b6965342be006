/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-lexicon"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cited-error.h"
#include "cited-lexicon.h"

/*
 * Brand matching is one Aho-Corasick automaton over the ASCII-case-folded
 * bytes of every alias, compiled into a full transition table (one column
 * per class of bytes that alias texts tell apart) so that a scan is one
 * table lookup per byte. Non-ASCII bytes are matched as they are: CJK
 * aliases have no case, and UTF-8 is self-synchronizing so a byte match of a
 * whole alias always starts and ends on character boundaries.
 *
 * The automaton is immutable and reference counted. Readers take a reference
 * under the lock and scan without it, so a brand added from one thread never
 * pulls the table from under a scan in another.
 */

typedef enum {
  CASE_ANY,      /* any case: "huawei", "HUAWEI", "Huawei" */
  CASE_CAPITAL,  /* first letter must be upper case: "Apple", not "apple pie" */
  CASE_EXACT,    /* exactly as written: short aliases such as "Mi" or "Hsi" */
} CasePolicy;

typedef struct {
  const char *phrase;     /* owned by the automaton's block list */
  guint len;
  guint offset;           /* where the alias sits in the phrase */
} Block;

typedef struct {
  const char *brand;      /* interned */
  char *alias;            /* as written in the lexicon */
  guint len;
  CasePolicy policy;
  guint latin_start : 1;  /* needs a word boundary before */
  guint latin_end : 1;    /* needs a word boundary after */
  guint mi_rule : 1;      /* "Mi" only before a model number or name */
  guint plural_ok : 1;    /* product names in camel case: "iPhones" */
  GArray *blocks;         /* Block: the brand's blocking phrases that hold
                           * this alias, or NULL */
  char **near;            /* words one of which must be close by, or NULL */
} Pattern;

typedef struct {
  guint n_states;
  guint n_classes;        /* bytes that occur in no alias share class 0 */
  guint8 classes[256];    /* folded byte -> class */
  guint32 *delta;         /* n_states * n_classes: the next state's row
                           * offset (state * n_classes), OUTPUT_BIT set when
                           * an alias ends there */
  gint32 *out;            /* pattern ending at this state, or -1 */
  guint32 *out_link;      /* next state on the suffix chain with an output, 0 = none */
  GArray *patterns;       /* Pattern, each with its own copy of the alias */
  GPtrArray *phrases;     /* char*: copies of every blocking phrase */
} Automaton;

#define OUTPUT_BIT 0x80000000u

typedef struct {
  const char *name;       /* interned */
  char *color;
  GPtrArray *aliases;     /* char*, NULL-terminated */
  GPtrArray *blocks;      /* char*, NULL-terminated: phrases around an alias
                           * that cancel it ("Medal of Honor", "小米粥") */
  GHashTable *near;       /* alias -> GStrv: an alias that is also a common
                           * word counts only with a number after it or one
                           * of these words close by ("Kirin" and "chip") */
} Brand;

struct _CitedLexicon
{
  GObject parent_instance;

  GPtrArray *brands;      /* Brand* */
  GHashTable *lookup;     /* casefolded name or alias -> interned name */

  GMutex lock;
  Automaton *automaton;   /* NULL until first needed or after a change */
};

G_DEFINE_FINAL_TYPE (CitedLexicon, cited_lexicon, G_TYPE_OBJECT)

/* Colours for brands added without one. */
static const char * const palette[] = {
  "#3584E4", "#33D17A", "#F6D32D", "#FF7800", "#E01B24",
  "#9141AC", "#986A44", "#26A269", "#C061CB", "#1C71D8",
};

/* Capitalized aliases that are also ordinary English words; they only match
 * with a capital letter. */
static const char * const common_words[] = {
  "apple", "honor", "galaxy", "pixel", "harmony", "mate", "nova", "amazon", NULL,
};

static void
brand_free (gpointer data)
{
  Brand *brand = data;

  g_free (brand->color);
  g_ptr_array_unref (brand->aliases);
  g_ptr_array_unref (brand->blocks);
  g_hash_table_unref (brand->near);
  g_free (brand);
}

static void
automaton_clear (gpointer data)
{
  Automaton *a = data;

  g_free (a->delta);
  g_free (a->out);
  g_free (a->out_link);
  for (guint i = 0; i < a->patterns->len; i++)
    {
      g_free (g_array_index (a->patterns, Pattern, i).alias);
      g_clear_pointer (&g_array_index (a->patterns, Pattern, i).blocks, g_array_unref);
      g_strfreev (g_array_index (a->patterns, Pattern, i).near);
    }
  g_ptr_array_unref (a->phrases);
  g_array_unref (a->patterns);
}

static void
automaton_unref (Automaton *a)
{
  g_atomic_rc_box_release_full (a, automaton_clear);
}

static inline guchar
fold (guchar c)
{
  return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

static inline gboolean
is_ascii_alnum (guchar c)
{
  return g_ascii_isalnum (c);
}

static CasePolicy
policy_for (const char *alias, guint len)
{
  gboolean has_upper = FALSE;

  for (guint i = 0; i < len; i++)
    if (g_ascii_isupper (alias[i]))
      has_upper = TRUE;

  /* Two or three letters match too many words in any case ("mi", "hsi"). */
  if (len <= 3)
    return CASE_EXACT;
  if (has_upper && g_ascii_isupper (alias[0]))
    {
      for (guint i = 0; common_words[i]; i++)
        if (g_ascii_strcasecmp (alias, common_words[i]) == 0)
          return CASE_CAPITAL;
    }
  return CASE_ANY;
}

static Automaton *
automaton_build (CitedLexicon *self)
{
  Automaton *a = g_atomic_rc_box_new0 (Automaton);
  GArray *patterns = g_array_new (FALSE, TRUE, sizeof (Pattern));
  GPtrArray *phrases = g_ptr_array_new_with_free_func (g_free);
  guint capacity = 1;
  guint n_states = 1;
  guint32 *go;
  guint32 *fail;
  guint32 *queue;
  guint head = 0, tail = 0;

  for (guint b = 0; b < self->brands->len; b++)
    {
      Brand *brand = g_ptr_array_index (self->brands, b);

      for (guint i = 0; i + 1 < brand->aliases->len; i++)
        {
          const char *alias = g_ptr_array_index (brand->aliases, i);
          Pattern p = { 0 };

          p.len = strlen (alias);
          if (p.len == 0)
            continue;
          p.brand = brand->name;
          p.alias = g_strdup (alias);
          p.policy = policy_for (alias, p.len);
          p.latin_start = is_ascii_alnum (alias[0]);
          p.latin_end = is_ascii_alnum (alias[p.len - 1]);
          p.mi_rule = p.len == 2 && strcmp (alias, "Mi") == 0;
          if (g_hash_table_contains (brand->near, alias))
            p.near = g_strdupv (g_hash_table_lookup (brand->near, alias));
          /* Each blocking phrase that holds the alias, at each place it
           * does: a match then costs one comparison per such phrase. */
          for (guint k = 0; k + 1 < brand->blocks->len; k++)
            {
              const char *phrase = g_ptr_array_index (brand->blocks, k);
              guint plen = strlen (phrase);
              char *copy = NULL;

              for (guint o = 0; o + p.len <= plen; o++)
                {
                  Block bl;

                  if (g_ascii_strncasecmp (phrase + o, alias, p.len) != 0)
                    continue;
                  if (copy == NULL)
                    {
                      copy = g_strdup (phrase);
                      g_ptr_array_add (phrases, copy);
                    }
                  if (p.blocks == NULL)
                    p.blocks = g_array_new (FALSE, FALSE, sizeof (Block));
                  bl.phrase = copy;
                  bl.len = plen;
                  bl.offset = o;
                  g_array_append_val (p.blocks, bl);
                }
            }
          p.plural_ok = g_ascii_islower (alias[0]) && policy_for (alias, p.len) != CASE_EXACT;
          for (guint k = 1; p.plural_ok && k < p.len; k++)
            if (g_ascii_isupper (alias[k]))
              break;
            else if (k + 1 == p.len)
              p.plural_ok = FALSE;
          capacity += p.len;
          g_array_append_val (patterns, p);
        }
    }

  a->patterns = patterns;
  a->phrases = phrases;
  go = g_new0 (guint32, (gsize) capacity * 256);
  a->out = g_new (gint32, capacity);
  for (guint i = 0; i < capacity; i++)
    a->out[i] = -1;

  /* The trie; 0 in go[] means "no edge" (the root is never a child). */
  for (guint i = 0; i < patterns->len; i++)
    {
      Pattern *p = &g_array_index (patterns, Pattern, i);
      guint32 state = 0;

      for (guint j = 0; j < p->len; j++)
        {
          guchar c = fold ((guchar) p->alias[j]);
          guint32 *slot = &go[(gsize) state * 256 + c];

          if (*slot == 0)
            *slot = n_states++;
          state = *slot;
        }
      /* The same alias twice (two brands): the first brand keeps it. */
      if (a->out[state] < 0)
        a->out[state] = i;
    }

  /* Breadth-first: failure links, then the full transition table. Bytes
   * that start or continue no alias all behave alike, so the table is
   * compressed to one column per byte class and stays in the cache. */
  fail = g_new0 (guint32, n_states);
  a->out_link = g_new0 (guint32, n_states);
  queue = g_new (guint32, n_states);
  for (guint c = 0; c < 256; c++)
    if (go[c] != 0)
      queue[tail++] = go[c];

  while (head < tail)
    {
      guint32 state = queue[head++];

      for (guint c = 0; c < 256; c++)
        {
          guint32 child = go[(gsize) state * 256 + c];

          if (child == 0)
            {
              go[(gsize) state * 256 + c] = go[(gsize) fail[state] * 256 + c];
              continue;
            }
          fail[child] = go[(gsize) fail[state] * 256 + c];
          a->out_link[child] = a->out[fail[child]] >= 0 ? fail[child] : a->out_link[fail[child]];
          queue[tail++] = child;
        }
    }

  a->n_states = n_states;
  {
    gboolean used[256] = { FALSE };
    guint32 *delta;
    guint n_classes = 1;

    for (guint i = 0; i < patterns->len; i++)
      {
        Pattern *p = &g_array_index (patterns, Pattern, i);

        for (guint j = 0; j < p->len; j++)
          used[fold ((guchar) p->alias[j])] = TRUE;
      }
    for (guint c = 0; c < 256; c++)
      a->classes[c] = used[c] ? n_classes++ : 0;
    /* Upper-case ASCII folds to lower case before the lookup. */
    for (guint c = 'A'; c <= 'Z'; c++)
      a->classes[c] = a->classes[c + 32];
    a->n_classes = n_classes;
    delta = g_new (guint32, (gsize) n_states * n_classes);
    g_assert ((guint64) n_states * n_classes < OUTPUT_BIT);
    for (guint st = 0; st < n_states; st++)
      {
        /* Class 0: any byte in no alias; go[] sends it to the root's
         * successor, which for such a byte is the root. */
        delta[(gsize) st * n_classes] = 0;
        for (guint c = 0; c < 256; c++)
          if (used[c])
            {
              guint32 next = go[(gsize) st * 256 + c];

              delta[(gsize) st * n_classes + a->classes[c]] =
                (next * n_classes) |
                ((a->out[next] >= 0 || a->out_link[next] != 0) ? OUTPUT_BIT : 0);
            }
      }
    a->delta = delta;
    g_free (go);
  }
  g_free (fail);
  g_free (queue);
  return a;
}

static Automaton *
get_automaton (CitedLexicon *self)
{
  Automaton *a;

  g_mutex_lock (&self->lock);
  if (self->automaton == NULL)
    self->automaton = automaton_build (self);
  a = g_atomic_rc_box_acquire (self->automaton);
  g_mutex_unlock (&self->lock);
  return a;
}

static void
cited_lexicon_finalize (GObject *object)
{
  CitedLexicon *self = (CitedLexicon *) object;

  g_clear_pointer (&self->automaton, automaton_unref);
  g_ptr_array_unref (self->brands);
  g_hash_table_unref (self->lookup);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (cited_lexicon_parent_class)->finalize (object);
}

static void
cited_lexicon_class_init (CitedLexiconClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cited_lexicon_finalize;
}

static void
cited_lexicon_init (CitedLexicon *self)
{
  self->brands = g_ptr_array_new_with_free_func (brand_free);
  self->lookup = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_mutex_init (&self->lock);
}

/**
 * cited_lexicon_new:
 * Returns: (transfer full): an empty lexicon.
 */
CitedLexicon *
cited_lexicon_new (void)
{
  return g_object_new (CITED_TYPE_LEXICON, NULL);
}

/**
 * cited_lexicon_new_default:
 * Returns: (transfer full): the lexicon shipped with Cited (data/brands.json).
 */
CitedLexicon *
cited_lexicon_new_default (void)
{
  g_autoptr(CitedLexicon) self = cited_lexicon_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  const char *data;

  bytes = g_resources_lookup_data ("/io/github/cited/lib/brands.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      g_critical ("The built-in brand lexicon is missing: %s", error->message);
      return g_steal_pointer (&self);
    }
  data = g_bytes_get_data (bytes, &size);
  if (!cited_lexicon_load_json (self, data, size, &error))
    g_critical ("The built-in brand lexicon is invalid: %s", error->message);
  return g_steal_pointer (&self);
}

static Brand *
find_brand (CitedLexicon *self,
            const char   *name,
            guint        *index)
{
  for (guint i = 0; i < self->brands->len; i++)
    {
      Brand *brand = g_ptr_array_index (self->brands, i);

      if (g_ascii_strcasecmp (brand->name, name) == 0 ||
          g_utf8_collate (brand->name, name) == 0)
        {
          if (index)
            *index = i;
          return brand;
        }
    }
  return NULL;
}

static gboolean
brand_has_alias (Brand      *brand,
                 const char *alias)
{
  for (guint i = 0; i + 1 < brand->aliases->len; i++)
    if (strcmp (g_ptr_array_index (brand->aliases, i), alias) == 0)
      return TRUE;
  return FALSE;
}

static void
brand_add_alias (CitedLexicon *self,
                 Brand        *brand,
                 const char   *alias)
{
  g_autofree char *key = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (alias));

  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    return;
  if (brand_has_alias (brand, stripped))
    return;
  /* Keep the NULL terminator last. */
  g_ptr_array_insert (brand->aliases, brand->aliases->len - 1, g_strdup (stripped));
  key = g_utf8_casefold (stripped, -1);
  if (!g_hash_table_contains (self->lookup, key))
    g_hash_table_insert (self->lookup, g_steal_pointer (&key), (gpointer) brand->name);
}

/* A blocking phrase holds an alias of the brand and the words around it
 * that make it something else: "Medal of Honor", "Big Apple", "小米粥". */
static void
brand_add_block (Brand      *brand,
                 const char *phrase)
{
  g_autofree char *stripped = g_strstrip (g_strdup (phrase));

  if (brand == NULL || *stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    return;
  for (guint i = 0; i + 1 < brand->blocks->len; i++)
    if (strcmp (g_ptr_array_index (brand->blocks, i), stripped) == 0)
      return;
  g_ptr_array_insert (brand->blocks, brand->blocks->len - 1, g_steal_pointer (&stripped));
}

static gboolean
valid_color (const char *color)
{
  if (color == NULL || color[0] != '#' || strlen (color) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

/**
 * cited_lexicon_add_brand:
 * @self: a #CitedLexicon
 * @name: the canonical name
 * @aliases: (nullable) (array zero-terminated=1): other spellings
 * @color: (nullable): "#RRGGBB", or NULL to pick one
 *
 * Adds a brand, or extends the brand of that name. The name itself is always
 * matched as an alias.
 *
 * Returns: the interned canonical name, or NULL when @name is empty.
 */
const char *
cited_lexicon_add_brand (CitedLexicon       *self,
                         const char         *name,
                         const char * const *aliases,
                         const char         *color)
{
  g_autofree char *stripped = NULL;
  Brand *brand;

  g_return_val_if_fail (CITED_IS_LEXICON (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stripped = g_strstrip (g_strdup (name));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    return NULL;

  /* Scans in other threads build the automaton from the brands under the
   * same lock. */
  g_mutex_lock (&self->lock);
  brand = find_brand (self, stripped, NULL);
  if (brand == NULL)
    {
      brand = g_new0 (Brand, 1);
      brand->name = g_intern_string (stripped);
      brand->aliases = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (brand->aliases, NULL);
      brand->blocks = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (brand->blocks, NULL);
      brand->near = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_strfreev);
      brand->color = g_strdup (palette[self->brands->len % G_N_ELEMENTS (palette)]);
      g_ptr_array_add (self->brands, brand);
      brand_add_alias (self, brand, stripped);
    }
  if (valid_color (color))
    {
      g_free (brand->color);
      brand->color = g_ascii_strup (color, -1);
    }
  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    brand_add_alias (self, brand, aliases[i]);

  g_clear_pointer (&self->automaton, automaton_unref);
  g_mutex_unlock (&self->lock);
  return brand->name;
}

/**
 * cited_lexicon_load_json:
 * @self: a #CitedLexicon
 * @json: `{"brands":[{"name","color","aliases":[...]}]}`
 * @length: length of @json or -1
 * @error: return location for a #GError
 *
 * Adds every brand of @json (extending brands already present).
 *
 * Returns: %TRUE on success
 */
gboolean
cited_lexicon_load_json (CitedLexicon  *self,
                         const char    *json,
                         gssize         length,
                         GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonArray *brands;
  JsonObject *object;

  g_return_val_if_fail (CITED_IS_LEXICON (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_PARSE,
                   _("The brand list is not valid JSON: %s"), local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member ((object = json_node_get_object (root)), "brands") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "brands")))
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_PARSE,
                           _("The brand list has no “brands” array"));
      return FALSE;
    }

  brands = json_object_get_array_member (object, "brands");
  for (guint i = 0; i < json_array_get_length (brands); i++)
    {
      JsonNode *node = json_array_get_element (brands, i);
      JsonObject *brand;
      const char *name;
      const char *color = NULL;
      g_autoptr(GPtrArray) aliases = g_ptr_array_new ();

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      brand = json_node_get_object (node);
      name = json_object_get_string_member_with_default (brand, "name", NULL);
      if (name == NULL)
        {
          g_set_error (error, CITED_ERROR, CITED_ERROR_PARSE,
                       _("Brand %u in the brand list has no name"), i + 1);
          return FALSE;
        }
      color = json_object_get_string_member_with_default (brand, "color", NULL);
      if (json_object_has_member (brand, "aliases") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (brand, "aliases")))
        {
          JsonArray *array = json_object_get_array_member (brand, "aliases");

          for (guint j = 0; j < json_array_get_length (array); j++)
            {
              JsonNode *alias = json_array_get_element (array, j);

              if (JSON_NODE_HOLDS_VALUE (alias) &&
                  json_node_get_value_type (alias) == G_TYPE_STRING)
                g_ptr_array_add (aliases, (gpointer) json_node_get_string (alias));
            }
        }
      g_ptr_array_add (aliases, NULL);
      name = cited_lexicon_add_brand (self, name, (const char * const *) aliases->pdata, color);
      if (name != NULL && json_object_has_member (brand, "not") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (brand, "not")))
        {
          JsonArray *array = json_object_get_array_member (brand, "not");

          g_mutex_lock (&self->lock);
          for (guint j = 0; j < json_array_get_length (array); j++)
            {
              JsonNode *block = json_array_get_element (array, j);

              if (JSON_NODE_HOLDS_VALUE (block) &&
                  json_node_get_value_type (block) == G_TYPE_STRING)
                brand_add_block (find_brand (self, name, NULL), json_node_get_string (block));
            }
          g_clear_pointer (&self->automaton, automaton_unref);
          g_mutex_unlock (&self->lock);
        }
      if (name != NULL && json_object_has_member (brand, "near") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (brand, "near")))
        {
          JsonObject *near = json_object_get_object_member (brand, "near");
          GList *members = json_object_get_members (near);

          g_mutex_lock (&self->lock);
          for (GList *l = members; l != NULL; l = l->next)
            {
              JsonNode *node = json_object_get_member (near, l->data);
              g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
              JsonArray *array;

              if (!JSON_NODE_HOLDS_ARRAY (node))
                continue;
              array = json_node_get_array (node);
              for (guint j = 0; j < json_array_get_length (array); j++)
                {
                  JsonNode *w = json_array_get_element (array, j);

                  if (JSON_NODE_HOLDS_VALUE (w) && json_node_get_value_type (w) == G_TYPE_STRING &&
                      *json_node_get_string (w) != '\0')
                    g_strv_builder_add (words, json_node_get_string (w));
                }
              g_hash_table_replace (find_brand (self, name, NULL)->near, g_strdup (l->data),
                                    g_strv_builder_end (words));
            }
          g_list_free (members);
          g_clear_pointer (&self->automaton, automaton_unref);
          g_mutex_unlock (&self->lock);
        }
    }
  return TRUE;
}

guint
cited_lexicon_get_n_brands (CitedLexicon *self)
{
  g_return_val_if_fail (CITED_IS_LEXICON (self), 0);
  return self->brands->len;
}

const char *
cited_lexicon_get_name (CitedLexicon *self,
                        guint         index)
{
  g_return_val_if_fail (CITED_IS_LEXICON (self), NULL);
  g_return_val_if_fail (index < self->brands->len, NULL);
  return ((Brand *) g_ptr_array_index (self->brands, index))->name;
}

const char *
cited_lexicon_get_color (CitedLexicon *self,
                         guint         index)
{
  g_return_val_if_fail (CITED_IS_LEXICON (self), NULL);
  g_return_val_if_fail (index < self->brands->len, NULL);
  return ((Brand *) g_ptr_array_index (self->brands, index))->color;
}

/**
 * cited_lexicon_get_aliases:
 * Returns: (transfer none) (array zero-terminated=1): the aliases of the
 *   brand at @index, its canonical name first.
 */
const char * const *
cited_lexicon_get_aliases (CitedLexicon *self,
                           guint         index)
{
  g_return_val_if_fail (CITED_IS_LEXICON (self), NULL);
  g_return_val_if_fail (index < self->brands->len, NULL);
  return (const char * const *) ((Brand *) g_ptr_array_index (self->brands, index))->aliases->pdata;
}

/**
 * cited_lexicon_lookup:
 * Returns: (nullable): the interned canonical name for a name or alias,
 *   compared case-insensitively.
 */
const char *
cited_lexicon_lookup (CitedLexicon *self,
                      const char   *name_or_alias)
{
  g_autofree char *key = NULL;
  const char *canonical;

  g_return_val_if_fail (CITED_IS_LEXICON (self), NULL);
  if (name_or_alias == NULL || !g_utf8_validate (name_or_alias, -1, NULL))
    return NULL;
  key = g_utf8_casefold (name_or_alias, -1);
  g_strstrip (key);
  g_mutex_lock (&self->lock);
  canonical = g_hash_table_lookup (self->lookup, key);
  g_mutex_unlock (&self->lock);
  return canonical;
}

const char *
cited_lexicon_color_for (CitedLexicon *self,
                         const char   *canonical)
{
  Brand *brand;

  g_return_val_if_fail (CITED_IS_LEXICON (self), NULL);
  if (canonical == NULL)
    return NULL;
  brand = find_brand (self, canonical, NULL);
  return brand ? brand->color : NULL;
}

static inline gboolean
is_upper (guchar c)
{
  return c >= 'A' && c <= 'Z';
}

static inline gboolean
is_lower (guchar c)
{
  return c >= 'a' && c <= 'z';
}

static gboolean
case_ok (const Pattern *p,
         const char    *text)
{
  switch (p->policy)
    {
    case CASE_ANY:
      return TRUE;
    case CASE_CAPITAL:
      return !is_lower ((guchar) text[0]);
    case CASE_EXACT:
    default:
      return memcmp (text, p->alias, p->len) == 0;
    }
}

/* Xiaomi's product lines after "Mi": "Mi MIX", "Mi Note", "Mi Band"; not a
 * name ("Mi Bergamasco"). */
static gboolean
mi_model_word (const char *text,
               gsize       length)
{
  static const char * const words[] = {
    "MIX", "Note", "Pad", "Band", "Max", "Smart", "TV", "Box", "Home", "Watch",
    "Air", "Power", "Play", "Ultra", "Pro", "Lite", "CC", "A1", "A2", "A3", "Civi",
    "Router", "Notebook", "Phone", "Store", "Fan", "Fans", "Cloud", "Account", "Drone",
    "Pay", "Browser", "Scooter", "Electric", "Laptop", "Plus", "Youth", "Explorer",
    "Edition", "Flex", NULL
  };

  for (guint k = 0; words[k] != NULL; k++)
    {
      gsize len = strlen (words[k]);

      if (len <= length && memcmp (text, words[k], len) == 0 &&
          (len == length || !g_ascii_isalpha (text[len])))
        return TRUE;
    }
  return FALSE;
}

static gboolean
boundary_ok (const Pattern *p,
             const char    *text,
             gsize          length,
             gsize          start,
             gsize          end)
{
  if (p->latin_start && start > 0)
    {
      guchar before = text[start - 1];
      guchar first = text[start];

      /* "whyXiaomi" is a boundary (links stripped from the text); "aXiaomi"
       * with a lower-case alias start is not. */
      if (g_ascii_isalnum (before) && !(is_lower (before) && is_upper (first)))
        return FALSE;
    }
  if (p->latin_end && end < length)
    {
      guchar last = text[end - 1];
      guchar after = text[end];

      /* A digit may follow ("Redmi9"); a letter only across a case change. */
      if (g_ascii_isalpha (after) && !(!is_upper (last) && is_upper (after)) &&
          !(p->plural_ok && after == 's' && (end + 1 >= length || !g_ascii_isalpha (text[end + 1]))))
        return FALSE;
    }
  if (p->mi_rule)
    {
      /* "Mi" names Xiaomi only before a model: "Mi 14", "Mi MIX", "Mi Band". */
      if (end + 1 >= length || text[end] != ' ')
        return FALSE;
      if (!g_ascii_isdigit (text[end + 1]) && !mi_model_word (text + end + 1, length - end - 1))
        return FALSE;
    }
  return TRUE;
}

/* Whether one of the brand's blocking phrases surrounds the match
 * text[start, end): the phrase holds the matched alias and the text around
 * the match spells the rest of it (case-insensitively, whole words at Latin
 * edges). */
static gboolean
blocked (const Pattern *p,
         const char    *text,
         gsize          length,
         gsize          start)
{
  for (guint k = 0; k < p->blocks->len; k++)
    {
      const Block *b = &g_array_index (p->blocks, Block, k);
      gsize s0, e0;

      if (b->offset > start || start - b->offset + b->len > length)
        continue;
      s0 = start - b->offset;
      e0 = s0 + b->len;
      if (g_ascii_strncasecmp (text + s0, b->phrase, b->len) != 0)
        continue;
      if (g_ascii_isalnum (b->phrase[0]) && s0 > 0 && g_ascii_isalnum (text[s0 - 1]))
        continue;
      if (g_ascii_isalnum (b->phrase[b->len - 1]) && e0 < length && g_ascii_isalpha (text[e0]))
        continue;
      return TRUE;
    }
  return FALSE;
}

/* An alias with context words counts when a digit or a Latin letter
 * follows it ("Kirin 9000", "荣耀Magic") or one of the words is within a
 * short window around it, in the same sentence. */
#define NEAR_WINDOW 90

static gboolean
near_ok (const Pattern *p,
         const char    *text,
         gsize          length,
         gsize          start,
         gsize          end)
{
  gsize a = start > NEAR_WINDOW ? start - NEAR_WINDOW : 0;
  gsize b = end + NEAR_WINDOW < length ? end + NEAR_WINDOW : length;
  gsize e = end;

  /* The window stays inside the sentence. */
  for (gsize i = start; i > a; i--)
    if ((text[i - 1] == '.' && i < length && (text[i] == ' ' || text[i] == '\n')) ||
        text[i - 1] == '\n' ||
        (i >= 3 && (guchar) text[i - 3] == 0xE3 && (guchar) text[i - 2] == 0x80 &&
         (guchar) text[i - 1] == 0x82))
      {
        a = i;
        break;
      }
  for (gsize i = end; i < b; i++)
    if ((text[i] == '.' && (i + 1 >= length || text[i + 1] == ' ' || text[i + 1] == '\n')) ||
        text[i] == '\n' ||
        (i + 3 <= length && (guchar) text[i] == 0xE3 && (guchar) text[i + 1] == 0x80 &&
         (guchar) text[i + 2] == 0x82))
      {
        b = i;
        break;
      }
  while (e < length && text[e] == ' ')
    e++;
  if (e < length && (g_ascii_isdigit (text[e]) || (e == end && g_ascii_isalpha (text[e]))))
    return TRUE;
  for (guint k = 0; p->near[k] != NULL; k++)
    {
      const char *w = p->near[k];
      gsize len = strlen (w);

      for (gsize i = a; i + len <= b; i++)
        if (g_ascii_tolower (text[i]) == g_ascii_tolower (w[0]) &&
            g_ascii_strncasecmp (text + i, w, len) == 0)
          return TRUE;
    }
  return FALSE;
}

/* Whether text[start] lies inside a link ("https://www.xiaomi.com/…"): a
 * brand in an address is no mention in the prose. */
static gboolean
in_link (const char *text,
         gsize       start)
{
  gsize a = start;

  while (a > 0 && start - a < 512 && !g_ascii_isspace (text[a - 1]) &&
         text[a - 1] != '(' && text[a - 1] != '<' && text[a - 1] != '"' && text[a - 1] != '[')
    a--;
  for (gsize k = a; k + 3 <= start; k++)
    if (memcmp (text + k, "://", 3) == 0)
      return TRUE;
  return start - a >= 4 && g_ascii_strncasecmp (text + a, "www.", 4) == 0;
}

typedef struct {
  guint start;
  guint end;
  guint pattern;
} Match;

static int
match_compare (gconstpointer a,
               gconstpointer b)
{
  const Match *ma = a;
  const Match *mb = b;

  if (ma->start != mb->start)
    return ma->start < mb->start ? -1 : 1;
  /* Longest first at the same start. */
  if (ma->end != mb->end)
    return ma->end > mb->end ? -1 : 1;
  return 0;
}

/**
 * cited_lexicon_find:
 * @self: a #CitedLexicon
 * @text: UTF-8 text
 * @length: its length in bytes
 *
 * Finds every brand mention, leftmost-longest, not overlapping.
 *
 * Returns: (transfer full) (element-type CitedMention): the mentions in
 *   text order.
 */
GArray *
cited_lexicon_find (CitedLexicon *self,
                    const char   *text,
                    gsize         length)
{
  GArray *mentions = g_array_new (FALSE, FALSE, sizeof (CitedMention));
  g_autoptr(GArray) matches = NULL;
  Automaton *a;
  const guint32 *delta;
  const gint32 *out;
  const guint32 *out_link;
  const guint8 *classes;
  gsize n_classes;
  guint32 state;
  guint32 row = 0;
  guint last_end = 0;

  g_return_val_if_fail (CITED_IS_LEXICON (self), mentions);
  if (text == NULL || length == 0)
    return mentions;

  a = get_automaton (self);
  delta = a->delta;
  out = a->out;
  out_link = a->out_link;
  classes = a->classes;
  n_classes = a->n_classes;
  matches = g_array_new (FALSE, FALSE, sizeof (Match));
  for (gsize i = 0; i < length; i++)
    {
      guint32 s, v;

      /* Most text is bytes that begin no alias. */
      if (row == 0)
        {
          while (i < length && classes[(guchar) text[i]] == 0)
            i++;
          if (i == length)
            break;
        }
      v = delta[row + classes[(guchar) text[i]]];
      row = v & ~OUTPUT_BIT;
      if (G_LIKELY (!(v & OUTPUT_BIT)))
        continue;
      state = row / n_classes;
      s = out[state] >= 0 ? state : out_link[state];
      while (s != 0)
        {
          guint pattern = (guint) a->out[s];
          const Pattern *p = &g_array_index (a->patterns, Pattern, pattern);
          gsize start = i + 1 - p->len;

          if (case_ok (p, text + start) && boundary_ok (p, text, length, start, i + 1) &&
              !in_link (text, start) &&
              (p->blocks == NULL || !blocked (p, text, length, start)) &&
              (p->near == NULL || near_ok (p, text, length, start, i + 1)))
            {
              Match m = { (guint) start, (guint) i + 1, pattern };
              g_array_append_val (matches, m);
            }
          s = a->out_link[s];
        }
    }

  if (matches->len > 1)
    g_array_sort (matches, match_compare);
  for (guint i = 0; i < matches->len; i++)
    {
      const Match *m = &g_array_index (matches, Match, i);
      CitedMention mention;

      if (m->start < last_end)
        continue;
      mention.brand = g_array_index (a->patterns, Pattern, m->pattern).brand;
      mention.start = m->start;
      mention.end = m->end;
      g_array_append_val (mentions, mention);
      last_end = m->end;
    }

  automaton_unref (a);
  return mentions;
}

/**
 * cited_lexicon_to_json:
 * Returns: (transfer full): the lexicon in the format
 *   cited_lexicon_load_json() reads.
 */
char *
cited_lexicon_to_json (CitedLexicon *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (CITED_IS_LEXICON (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "brands");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->brands->len; i++)
    {
      Brand *brand = g_ptr_array_index (self->brands, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, brand->name);
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, brand->color);
      json_builder_set_member_name (builder, "aliases");
      json_builder_begin_array (builder);
      for (guint j = 0; j + 1 < brand->aliases->len; j++)
        json_builder_add_string_value (builder, g_ptr_array_index (brand->aliases, j));
      json_builder_end_array (builder);
      if (g_hash_table_size (brand->near) > 0)
        {
          GHashTableIter iter;
          gpointer key, value;

          json_builder_set_member_name (builder, "near");
          json_builder_begin_object (builder);
          g_hash_table_iter_init (&iter, brand->near);
          while (g_hash_table_iter_next (&iter, &key, &value))
            {
              json_builder_set_member_name (builder, key);
              json_builder_begin_array (builder);
              for (guint j = 0; ((char **) value)[j] != NULL; j++)
                json_builder_add_string_value (builder, ((char **) value)[j]);
              json_builder_end_array (builder);
            }
          json_builder_end_object (builder);
        }
      if (brand->blocks->len > 1)
        {
          json_builder_set_member_name (builder, "not");
          json_builder_begin_array (builder);
          for (guint j = 0; j + 1 < brand->blocks->len; j++)
            json_builder_add_string_value (builder, g_ptr_array_index (brand->blocks, j));
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}
