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
  guint after_only : 1;   /* a short form: counts only after another mention
                           * of its brand in the same text ("Cadbury" after
                           * "Cadbury Schweppes") */
  gint32 same_next;       /* the next pattern with the same folded text
                           * (a short form that is also a guarded alias:
                           * "Shell"), or -1 */
  guint32 capitals;       /* a joined form ("TimeWarner" for "Time Warner"):
                           * bit i set when byte i must not be lower case */
  GArray *blocks;         /* Block: the brand's blocking phrases that hold
                           * this alias, or NULL */
  char **near;            /* words one of which must be close by, or NULL */
} Pattern;

typedef struct {
  guint n_states;
  guint n_classes;        /* bytes that occur in no alias share class 0;
                           * the space and the letters come first */
  guint8 classes[256];    /* folded byte -> class */
  guint32 *delta;         /* n_states * n_classes: the next state's row
                           * offset (state * n_classes), OUTPUT_BIT set when
                           * an alias ends there; NULL when delta16 is used */
  guint16 *delta16;       /* the same with the next state's number and
                           * OUTPUT_BIT16, when every state fits in 15 bits:
                           * half the memory, so the rows scanned most stay
                           * in the cache; the first HOT_CLASSES columns of
                           * each row only, one cache line per state */
  guint16 *cold16;        /* with delta16: the other n_classes - HOT_CLASSES
                           * columns of each row */
  gint32 *out;            /* pattern ending at this state, or -1 */
  guint32 *out_link;      /* next state on the suffix chain with an output, 0 = none */
  guint32 *depth;         /* length of the text a state stands for */
  GArray *patterns;       /* Pattern, each with its own copy of the alias */
  GPtrArray *phrases;     /* char*: copies of every blocking phrase */
} Automaton;

#define OUTPUT_BIT 0x80000000u
#define OUTPUT_BIT16 0x8000u
#define HOT_CLASSES 32

typedef struct {
  const char *name;       /* interned */
  char *color;
  GPtrArray *aliases;     /* char*, NULL-terminated */
  GPtrArray *blocks;      /* char*, NULL-terminated: phrases around an alias
                           * that cancel it ("Medal of Honor", "小米粥") */
  GHashTable *near;       /* alias -> GStrv: an alias that is also a common
                           * word counts only with a number after it or one
                           * of these words close by ("Kirin" and "chip") */
  GPtrArray *after;       /* char*, NULL-terminated: short forms that name
                           * the brand only once it was named in full */
  GHashTable *capital;    /* aliases that keep their capital ("Shell") */
  GHashTable *kinds;      /* alias -> CitedAliasKind, for persons and
                           * products ("Lei Jun", "Pixel") */
  GPtrArray *off;         /* char*, NULL-terminated: aliases the user (or
                           * the built-in list) turned off; not matched */
  GPtrArray *excluded;    /* char*, NULL-terminated: phrases that are not
                           * the brand ("Android is not Google") */
} Brand;

struct _CitedLexicon
{
  GObject parent_instance;

  GPtrArray *brands;      /* Brand* */
  GHashTable *by_name;    /* name_key() of a brand's name -> Brand* */
  GHashTable *lookup;     /* casefolded name or alias -> interned name */

  GMutex lock;
  Automaton *automaton;   /* NULL until first needed or after a change */
  gboolean discover;      /* the extractor also finds companies it does not list */
};

G_DEFINE_FINAL_TYPE (CitedLexicon, cited_lexicon, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DISCOVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
  g_ptr_array_unref (brand->after);
  g_hash_table_unref (brand->capital);
  g_hash_table_unref (brand->kinds);
  g_ptr_array_unref (brand->off);
  g_ptr_array_unref (brand->excluded);
  g_free (brand);
}

static void
automaton_clear (gpointer data)
{
  Automaton *a = data;

  g_aligned_free (a->delta);
  g_aligned_free (a->delta16);
  g_free (a->cold16);
  g_free (a->out);
  g_free (a->out_link);
  g_free (a->depth);
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

/* The trie folds ASCII case, and a hyphen or a single line break inside an
 * alias matches a space: "Hewlett Packard", "Time-Warner", and a name
 * wrapped across two lines of wire copy. */
static inline guchar
fold_key (guchar c)
{
  if (c >= 'A' && c <= 'Z')
    return c + 32;
  if (c == '-' || c == '\n' || c == '\t')
    return ' ';
  return c;
}

/* Corporate suffixes that a lexicon alias may carry ("Toyota Motor Corp")
 * while the text leaves them out. */
static const char * const alias_suffixes[] = {
  " Inc", " Inc.", " Corp", " Corp.", " Corporation", " plc", " PLC", " Plc", " Ltd", " Ltd.",
  " Limited", " LLC", " AG", " SA", " S.A.", " NV", " N.V.", " SE", " SpA", " AB", " ASA", " Oyj",
  " GmbH", " KGaA", " Co", " Co.", " Company", " Group", " Holdings", " Holding",
  "股份有限公司", "有限责任公司", "有限公司", "集团公司", "控股集团", "集团", "控股", "公司",
  NULL
};

typedef struct {
  char *text;
  guint32 capitals;
} Variant;

static void
variant_add (GArray     *variants,
             const char *text,
             guint32     capitals)
{
  Variant v;

  for (guint i = 0; i < variants->len; i++)
    if (strcmp (g_array_index (variants, Variant, i).text, text) == 0)
      return;
  v.text = g_strdup (text);
  v.capitals = capitals;
  g_array_append_val (variants, v);
}

/* "Nestlé" -> "Nestle": Latin-1 letters with a diacritic, as text written
 * without them spells the name. NULL when @alias has none. */
static char *
strip_diacritics (const char *alias)
{
  static const char map[] = /* U+00C0 .. U+00FF */
    "AAAAAAACEEEEIIII" "DNOOOOO*OUUUUYTs" "aaaaaaaceeeeiiii" "dnooooo/ouuuuyty";
  GString *out = NULL;

  for (const char *p = alias; *p; p++)
    {
      guchar c = *p;

      if (c == 0xC3 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0xBF &&
          g_ascii_isalpha (map[(guchar) p[1] - 0x80]))
        {
          if (out == NULL)
            out = g_string_new_len (alias, p - alias);
          g_string_append_c (out, map[(guchar) p[1] - 0x80]);
          p++;
        }
      else if (out != NULL)
        g_string_append_c (out, c);
    }
  return out ? g_string_free (out, FALSE) : NULL;
}

/* "McDonald's" and "McDonald’s": either apostrophe. */
static char *
swap_apostrophes (const char *alias)
{
  if (strchr (alias, '\'') != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (alias, "'", -1);
      return g_strjoinv ("\xE2\x80\x99", parts);
    }
  if (strstr (alias, "\xE2\x80\x99") != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (alias, "\xE2\x80\x99", -1);
      return g_strjoinv ("'", parts);
    }
  return NULL;
}

/* "Time Warner" -> "TimeWarner", when every word of three letters or more
 * starts with a capital or a digit; the capitals must be there in the text
 * too, so "Li Ning" gives "LiNing" but never "lining". */
static void
add_joined (GArray     *variants,
            const char *alias)
{
  GString *joined;
  guint32 capitals = 0;
  guint n_words = 0;
  const char *p = alias;

  if (strchr (alias, ' ') == NULL && strchr (alias, '-') == NULL)
    return;
  joined = g_string_new (NULL);
  while (*p)
    {
      const char *w = p;
      gsize wlen;

      while (*p && *p != ' ' && *p != '-')
        p++;
      wlen = p - w;
      if (wlen > 0)
        {
          if (!g_ascii_isalnum (w[0]) && wlen > 1)
            goto out;
          if (wlen >= 3 && !g_ascii_isupper (w[0]) && !g_ascii_isdigit (w[0]))
            goto out;
          if (g_ascii_isupper (w[0]) && joined->len < 32)
            capitals |= 1u << joined->len;
          g_string_append_len (joined, w, wlen);
          n_words++;
        }
      while (*p == ' ' || *p == '-')
        p++;
    }
  if (n_words >= 2 && joined->len >= 6 && joined->len <= 32)
    variant_add (variants, joined->str, capitals);
out:
  g_string_free (joined, TRUE);
}

/* Every spelling an alias stands for in the automaton: itself, with the
 * other apostrophe, without diacritics, without a corporate suffix the text
 * often drops (when a name of two words or more is left), and joined. */
static GArray *
alias_variants (const char *alias)
{
  GArray *variants = g_array_new (FALSE, FALSE, sizeof (Variant));
  guint n_plain;
  gsize len = strlen (alias);

  variant_add (variants, alias, 0);
  {
    g_autofree char *plain = strip_diacritics (alias);

    if (plain != NULL)
      variant_add (variants, plain, 0);
  }
  for (guint i = 0; alias_suffixes[i] != NULL; i++)
    {
      gsize slen = strlen (alias_suffixes[i]);
      g_autofree char *rest = NULL;

      if (len <= slen || strcmp (alias + len - slen, alias_suffixes[i]) != 0)
        continue;
      rest = g_strndup (alias, len - slen);
      /* What is left must still be a name: two words, or four CJK
       * characters ("大众汽车集团", but not "甲骨文公司"). */
      if ((alias_suffixes[i][0] == ' ' && strchr (g_strstrip (rest), ' ') != NULL) ||
          (alias_suffixes[i][0] != ' ' && g_utf8_strlen (rest, -1) >= 4 &&
           (guchar) rest[0] >= 0xE0))
        {
          g_autofree char *plain = strip_diacritics (rest);

          variant_add (variants, rest, 0);
          if (plain != NULL)
            variant_add (variants, plain, 0);
        }
      break;
    }
  n_plain = variants->len;
  for (guint i = 0; i < n_plain; i++)
    {
      g_autofree char *other = swap_apostrophes (g_array_index (variants, Variant, i).text);

      if (other != NULL)
        variant_add (variants, other, 0);
    }
  n_plain = variants->len;
  for (guint i = 0; i < n_plain; i++)
    add_joined (variants, g_array_index (variants, Variant, i).text);
  return variants;
}

static gboolean
latin_letter_at_end (const char *alias,
                     guint       len)
{
  /* A Latin-1 letter (two bytes, 0xC3 lead) ends "Nestlé". */
  return g_ascii_isalnum (alias[len - 1]) ||
         (len >= 2 && (guchar) alias[len - 2] == 0xC3 && (guchar) alias[len - 1] >= 0x80);
}

static void
add_pattern (GArray     *patterns,
             GPtrArray  *phrases,
             Brand      *brand,
             const char *source,
             const Variant *v,
             gboolean    after_only,
             guint      *capacity)
{
  Pattern p = { 0 };
  const char *alias = v->text;

  p.len = strlen (alias);
  if (p.len == 0)
    return;
  p.brand = brand->name;
  p.alias = g_strdup (alias);
  p.policy = policy_for (alias, p.len);
  if (g_hash_table_contains (brand->capital, source) && p.policy == CASE_ANY)
    p.policy = CASE_CAPITAL;
  /* A short form is a name, never a word: "Cadbury", "Telekom". */
  if (after_only && p.policy == CASE_ANY && g_ascii_isupper (alias[0]))
    p.policy = CASE_CAPITAL;
  p.capitals = v->capitals;
  p.after_only = after_only;
  p.same_next = -1;
  p.latin_start = is_ascii_alnum (alias[0]) || (guchar) alias[0] == 0xC3;
  p.latin_end = latin_letter_at_end (alias, p.len);
  p.mi_rule = p.len == 2 && strcmp (alias, "Mi") == 0;
  /* After the full name, a short form needs no context words. */
  if (!after_only && g_hash_table_contains (brand->near, source))
    p.near = g_strdupv (g_hash_table_lookup (brand->near, source));
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
  *capacity += p.len;
  g_array_append_val (patterns, p);
}

static void
add_alias_patterns (GArray     *patterns,
                    GPtrArray  *phrases,
                    Brand      *brand,
                    const char *alias,
                    gboolean    after_only,
                    guint      *capacity)
{
  GArray *variants = alias_variants (alias);

  for (guint v = 0; v < variants->len; v++)
    {
      Variant *var = &g_array_index (variants, Variant, v);

      add_pattern (patterns, phrases, brand, alias, var, after_only, capacity);
      g_free (var->text);
    }
  g_array_unref (variants);
}

/* Byte classes: bytes that start or continue no alias all behave alike,
 * and case and separators fold before the lookup, so the trie and the
 * table are built one column per class and the table stays small. */
static void
build_classes (Automaton *a)
{
  gboolean used[256] = { FALSE };
  /* The space and the lower-case letters first: in English text nearly
   * every lookup is one of them, and they then share the first 64 bytes
   * of a state's row. */
  static const char first[] = " abcdefghijklmnopqrstuvwxyz.&'";
  guint n_classes = 1;

  for (guint i = 0; i < a->patterns->len; i++)
    {
      Pattern *p = &g_array_index (a->patterns, Pattern, i);

      for (guint j = 0; j < p->len; j++)
        used[fold_key ((guchar) p->alias[j])] = TRUE;
    }
  memset (a->classes, 0, sizeof a->classes);
  for (guint k = 0; first[k] != '\0'; k++)
    if (used[(guchar) first[k]])
      a->classes[(guchar) first[k]] = n_classes++;
  for (guint c = 0; c < 256; c++)
    if (used[c] && a->classes[c] == 0)
      a->classes[c] = n_classes++;
  for (guint c = 'A'; c <= 'Z'; c++)
    a->classes[c] = a->classes[c + 32];
  a->classes['-'] = a->classes['\n'] = a->classes['\t'] = a->classes[' '];
  a->n_classes = n_classes;
}

/* The trie of the patterns in @go (a row of n_classes per state; 0 means
 * "no edge", the root being nobody's child), with each state's depth and
 * the pattern ending there (a->out). Returns the number of states. */
static guint
build_trie (Automaton *a,
            guint      capacity,
            guint32   *go,
            guint32   *depth)
{
  guint n_states = 1;

  a->out = g_new (gint32, capacity);
  for (guint i = 0; i < capacity; i++)
    a->out[i] = -1;
  for (guint i = 0; i < a->patterns->len; i++)
    {
      Pattern *p = &g_array_index (a->patterns, Pattern, i);
      guint32 state = 0;

      for (guint j = 0; j < p->len; j++)
        {
          guint32 *slot = &go[(gsize) state * a->n_classes + a->classes[(guchar) p->alias[j]]];

          if (*slot == 0)
            {
              depth[n_states] = j + 1;
              *slot = n_states++;
            }
          state = *slot;
        }
      /* The same alias twice (two brands): the first brand keeps it. A
       * short form shares its text with the alias of the same spelling. */
      if (a->out[state] < 0)
        a->out[state] = i;
      else
        {
          Pattern *q = &g_array_index (a->patterns, Pattern, a->out[state]);

          if (p->after_only || q->after_only)
            {
              while (q->same_next >= 0)
                q = &g_array_index (a->patterns, Pattern, q->same_next);
              q->same_next = i;
            }
        }
    }
  return n_states;
}

/* Breadth-first: failure links (a->out_link) and the full transition
 * table, in place in @go. Returns the states other than the root in
 * breadth-first order. */
static guint32 *
build_links (Automaton *a,
             guint32   *go,
             guint      n_states)
{
  guint n_classes = a->n_classes;
  g_autofree guint32 *fail = g_new0 (guint32, n_states);
  guint32 *queue = g_new (guint32, n_states);
  guint head = 0, tail = 0;

  a->out_link = g_new0 (guint32, n_states);
  for (guint c = 0; c < n_classes; c++)
    if (go[c] != 0)
      queue[tail++] = go[c];

  while (head < tail)
    {
      guint32 state = queue[head++];

      for (guint c = 0; c < n_classes; c++)
        {
          guint32 child = go[(gsize) state * n_classes + c];

          if (child == 0)
            {
              go[(gsize) state * n_classes + c] = go[(gsize) fail[state] * n_classes + c];
              continue;
            }
          fail[child] = go[(gsize) fail[state] * n_classes + c];
          a->out_link[child] = a->out[fail[child]] >= 0 ? fail[child] : a->out_link[fail[child]];
          queue[tail++] = child;
        }
    }
  g_assert (tail + 1 == n_states);
  return queue;
}

/* The scanned table from @go: states renumbered in breadth-first order
 * (@queue), so that the shallow states, where a scan spends most of its
 * time, share the first rows. Each entry becomes the next state (its row
 * offset in the 32-bit table), flagged when an alias ends there. */
static void
build_table (Automaton     *a,
             const guint32 *go,
             const guint32 *depth,
             const guint32 *queue,
             guint          n_states)
{
  guint n_classes = a->n_classes;
  g_autofree guint32 *rank = g_new (guint32, n_states);
  g_autofree guint32 *order = g_new (guint32, n_states);
  gint32 *out = g_new (gint32, n_states);
  guint32 *out_link = g_new (guint32, n_states);

  a->n_states = n_states;
  order[0] = 0;
  memcpy (order + 1, queue, sizeof (guint32) * (n_states - 1));
  for (guint32 k = 0; k < n_states; k++)
    rank[order[k]] = k;
  a->depth = g_new (guint32, n_states);
  for (guint32 k = 0; k < n_states; k++)
    {
      out[k] = a->out[order[k]];
      out_link[k] = rank[a->out_link[order[k]]];
      a->depth[k] = depth[order[k]];
    }

  if (n_states <= 0x7FFF)
    {
      /* Hot columns in rows of 64 bytes, the rest in a table of its own,
       * so that English text, nearly all letters and spaces, reads one
       * cache line per state it passes. */
      a->delta16 = g_aligned_alloc ((gsize) n_states * HOT_CLASSES, sizeof (guint16), 64);
      memset (a->delta16, 0, (gsize) n_states * HOT_CLASSES * sizeof (guint16));
      if (n_classes > HOT_CLASSES)
        a->cold16 = g_new (guint16, (gsize) n_states * (n_classes - HOT_CLASSES));
    }
  else
    {
      g_assert ((guint64) n_states * n_classes < OUTPUT_BIT);
      a->delta = g_aligned_alloc ((gsize) n_states * n_classes, sizeof (guint32), 64);
    }
  for (guint32 k = 0; k < n_states; k++)
    {
      const guint32 *row = go + (gsize) order[k] * n_classes;

      for (guint c = 0; c < n_classes; c++)
        {
          guint32 next = row[c];
          gboolean output = a->out[next] >= 0 || a->out_link[next] != 0;

          if (a->delta16 != NULL)
            {
              guint16 v = rank[next] | (output ? OUTPUT_BIT16 : 0);

              if (c < HOT_CLASSES)
                a->delta16[(gsize) k * HOT_CLASSES + c] = v;
              else
                a->cold16[(gsize) k * (n_classes - HOT_CLASSES) + c - HOT_CLASSES] = v;
            }
          else
            a->delta[(gsize) k * n_classes + c] = (rank[next] * n_classes) | (output ? OUTPUT_BIT : 0);
        }
    }
  g_free (a->out);
  g_free (a->out_link);
  a->out = out;
  a->out_link = out_link;
}

static Automaton *
automaton_build (CitedLexicon *self)
{
  Automaton *a = g_atomic_rc_box_new0 (Automaton);
  GArray *patterns = g_array_new (FALSE, TRUE, sizeof (Pattern));
  GPtrArray *phrases = g_ptr_array_new_with_free_func (g_free);
  guint capacity = 1;
  g_autofree guint32 *go = NULL;
  g_autofree guint32 *depth = NULL;
  g_autofree guint32 *queue = NULL;
  guint n_states;

  for (guint b = 0; b < self->brands->len; b++)
    {
      Brand *brand = g_ptr_array_index (self->brands, b);

      for (guint i = 0; i + 1 < brand->aliases->len; i++)
        add_alias_patterns (patterns, phrases, brand, g_ptr_array_index (brand->aliases, i),
                            FALSE, &capacity);
      for (guint i = 0; i + 1 < brand->after->len; i++)
        add_alias_patterns (patterns, phrases, brand, g_ptr_array_index (brand->after, i),
                            TRUE, &capacity);
    }

  a->patterns = patterns;
  a->phrases = phrases;
  build_classes (a);
  go = g_new0 (guint32, (gsize) capacity * a->n_classes);
  depth = g_new0 (guint32, capacity);
  n_states = build_trie (a, capacity, go, depth);
  queue = build_links (a, go, n_states);
  build_table (a, go, depth, queue, n_states);
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
  g_hash_table_unref (self->by_name);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (cited_lexicon_parent_class)->finalize (object);
}

static void
cited_lexicon_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CitedLexicon *self = CITED_LEXICON (object);

  switch (prop_id)
    {
    case PROP_DISCOVER:
      g_value_set_boolean (value, cited_lexicon_get_discover (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cited_lexicon_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CitedLexicon *self = CITED_LEXICON (object);

  switch (prop_id)
    {
    case PROP_DISCOVER:
      cited_lexicon_set_discover (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cited_lexicon_class_init (CitedLexiconClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cited_lexicon_finalize;
  object_class->get_property = cited_lexicon_get_property;
  object_class->set_property = cited_lexicon_set_property;

  /**
   * CitedLexicon:discover:
   *
   * Whether cited_extract() also finds companies this lexicon does not
   * list, from the text itself (corporate suffixes, "shares in X", names
   * repeated in an article). On by default.
   */
  properties[PROP_DISCOVER] =
    g_param_spec_boolean ("discover", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cited_lexicon_init (CitedLexicon *self)
{
  self->brands = g_ptr_array_new_with_free_func (brand_free);
  self->lookup = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_mutex_init (&self->lock);
  self->discover = TRUE;
}

/**
 * cited_lexicon_get_discover:
 * @self: a #CitedLexicon
 *
 * Returns: whether cited_extract() also finds companies @self does not
 *   list (#CitedLexicon:discover)
 */
gboolean
cited_lexicon_get_discover (CitedLexicon *self)
{
  g_return_val_if_fail (CITED_IS_LEXICON (self), FALSE);
  return g_atomic_int_get (&self->discover);
}

/**
 * cited_lexicon_set_discover:
 * @self: a #CitedLexicon
 * @discover: whether cited_extract() also finds companies @self does not list
 *
 * Turns company discovery (#CitedLexicon:discover) on or off for the
 * extractions made with @self from now on.
 */
void
cited_lexicon_set_discover (CitedLexicon *self,
                            gboolean      discover)
{
  g_return_if_fail (CITED_IS_LEXICON (self));
  discover = !!discover;
  if (g_atomic_int_get (&self->discover) == discover)
    return;
  g_atomic_int_set (&self->discover, discover);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISCOVER]);
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

/* Brand names compare without case and in one Unicode normal form. */
static char *
name_key (const char *name)
{
  g_autofree char *normal = g_utf8_normalize (name, -1, G_NORMALIZE_DEFAULT);

  return g_utf8_casefold (normal ? normal : name, -1);
}

static Brand *
find_brand (CitedLexicon *self,
            const char   *name,
            guint        *index)
{
  g_autofree char *key = NULL;
  Brand *found;

  /* Most callers pass the interned name just returned for the brand last
   * added. */
  if (index == NULL && self->brands->len > 0 &&
      ((Brand *) g_ptr_array_index (self->brands, self->brands->len - 1))->name == name)
    return g_ptr_array_index (self->brands, self->brands->len - 1);
  key = name_key (name);
  found = g_hash_table_lookup (self->by_name, key);
  if (found == NULL || index == NULL)
    return found;
  for (guint i = 0; i < self->brands->len; i++)
    {
      Brand *brand = g_ptr_array_index (self->brands, i);

      if (brand == found)
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
  for (guint i = 0; i + 1 < brand->off->len; i++)
    if (strcmp (g_ptr_array_index (brand->off, i), stripped) == 0)
      g_ptr_array_remove_index (brand->off, i--);
  /* Keep the NULL terminator last. */
  g_ptr_array_insert (brand->aliases, brand->aliases->len - 1, g_strdup (stripped));
  key = g_utf8_casefold (stripped, -1);
  if (!g_hash_table_contains (self->lookup, key))
    g_hash_table_insert (self->lookup, g_steal_pointer (&key), (gpointer) brand->name);
}

/* A blocking phrase holds an alias of the brand and the words around it
 * that make it something else: "Medal of Honor", "Big Apple", "小米粥". */
static void
strv_array_add (GPtrArray  *array,
                const char *phrase)
{
  g_autofree char *stripped = g_strstrip (g_strdup (phrase));

  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    return;
  for (guint i = 0; i + 1 < array->len; i++)
    if (strcmp (g_ptr_array_index (array, i), stripped) == 0)
      return;
  g_ptr_array_insert (array, array->len - 1, g_steal_pointer (&stripped));
}

static void
brand_add_block (Brand      *brand,
                 const char *phrase)
{
  if (brand != NULL)
    strv_array_add (brand->blocks, phrase);
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
      g_hash_table_insert (self->by_name, name_key (stripped), brand);
      brand->aliases = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (brand->aliases, NULL);
      brand->blocks = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (brand->blocks, NULL);
      brand->near = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_strfreev);
      brand->after = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (brand->after, NULL);
      brand->capital = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      brand->kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      brand->off = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (brand->off, NULL);
      brand->excluded = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (brand->excluded, NULL);
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

#define SWAP(type, a, b) G_STMT_START { type swap_ = (a); (a) = (b); (b) = swap_; } G_STMT_END

static gboolean
name_is (Brand      *brand,
         const char *alias)
{
  g_autofree char *a = name_key (brand->name);
  g_autofree char *b = name_key (alias);

  return strcmp (a, b) == 0;
}

/* Index of @alias among the NULL-terminated @array, compared without
 * case, or -1. */
static int
strv_array_find (GPtrArray  *array,
                 const char *alias)
{
  g_autofree char *key = g_utf8_casefold (alias, -1);

  for (guint i = 0; i + 1 < array->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (g_ptr_array_index (array, i), -1);

      if (strcmp (key, other) == 0)
        return (int) i;
    }
  return -1;
}

/* The lookup table again from the brands in order, the first brand
 * keeping an alias two brands share, after an alias or a brand went. */
static void
rebuild_lookup (CitedLexicon *self)
{
  g_hash_table_remove_all (self->lookup);
  for (guint b = 0; b < self->brands->len; b++)
    {
      Brand *brand = g_ptr_array_index (self->brands, b);

      for (guint i = 0; i + 1 < brand->aliases->len; i++)
        {
          char *key = g_utf8_casefold (g_ptr_array_index (brand->aliases, i), -1);

          if (g_hash_table_contains (self->lookup, key))
            g_free (key);
          else
            g_hash_table_insert (self->lookup, key, (gpointer) brand->name);
        }
    }
}

/* Under the lock: turns @alias of @brand on or off. The brand's own name
 * stays on. */
static gboolean
brand_switch_alias (CitedLexicon *self,
                    Brand        *brand,
                    const char   *alias,
                    gboolean      on)
{
  int at = strv_array_find (brand->aliases, alias);
  int off = strv_array_find (brand->off, alias);

  if (on)
    {
      if (off >= 0)
        {
          g_autofree char *spelling = g_strdup (g_ptr_array_index (brand->off, off));

          g_ptr_array_remove_index (brand->off, off);
          brand_add_alias (self, brand, spelling);
        }
      else if (at < 0)
        brand_add_alias (self, brand, alias);
      return TRUE;
    }
  if (name_is (brand, alias))
    return FALSE;
  if (at >= 0)
    {
      strv_array_add (brand->off, g_ptr_array_index (brand->aliases, at));
      g_ptr_array_remove_index (brand->aliases, at);
      rebuild_lookup (self);
    }
  else if (off < 0)
    strv_array_add (brand->off, alias);
  return TRUE;
}

/**
 * cited_lexicon_set_alias:
 * @self: a #CitedLexicon
 * @name: a brand of the lexicon
 * @alias: one of its aliases, or a new one
 * @kind: what the alias names
 * @on: whether mentions of @alias count for the brand
 *
 * Adds @alias to the brand or changes its kind and whether it counts. An
 * alias turned off stays listed (cited_lexicon_get_off_aliases()) but is
 * not matched and names no brand in cited_lexicon_lookup().
 *
 * Returns: FALSE when @name is no brand, or when turning off its own name.
 */
gboolean
cited_lexicon_set_alias (CitedLexicon   *self,
                         const char     *name,
                         const char     *alias,
                         CitedAliasKind  kind,
                         gboolean        on)
{
  g_autofree char *stripped = NULL;
  gboolean ok = FALSE;
  Brand *brand;

  g_return_val_if_fail (CITED_IS_LEXICON (self), FALSE);
  g_return_val_if_fail (name != NULL && alias != NULL, FALSE);

  stripped = g_strstrip (g_strdup (alias));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    return FALSE;
  g_mutex_lock (&self->lock);
  brand = find_brand (self, name, NULL);
  if (brand != NULL && brand_switch_alias (self, brand, stripped, on))
    {
      g_autofree char *key = g_utf8_casefold (stripped, -1);

      if (kind == CITED_ALIAS_NAME)
        g_hash_table_remove (brand->kinds, key);
      else
        g_hash_table_replace (brand->kinds, g_steal_pointer (&key), GINT_TO_POINTER (kind));
      ok = TRUE;
    }
  g_clear_pointer (&self->automaton, automaton_unref);
  g_mutex_unlock (&self->lock);
  return ok;
}

/**
 * cited_lexicon_exclude:
 * @self: a #CitedLexicon
 * @name: a brand of the lexicon
 * @phrase: what is not the brand
 *
 * Says that @phrase is not @name: an alias of the brand ("Android is not
 * Google") is turned off; any other phrase ("Pixel art") cancels the
 * aliases it holds wherever it occurs.
 *
 * Returns: FALSE when @name is no brand or @phrase is its own name.
 */
gboolean
cited_lexicon_exclude (CitedLexicon *self,
                       const char   *name,
                       const char   *phrase)
{
  g_autofree char *stripped = NULL;
  gboolean ok = FALSE;
  Brand *brand;

  g_return_val_if_fail (CITED_IS_LEXICON (self), FALSE);
  g_return_val_if_fail (name != NULL && phrase != NULL, FALSE);

  stripped = g_strstrip (g_strdup (phrase));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    return FALSE;
  g_mutex_lock (&self->lock);
  brand = find_brand (self, name, NULL);
  if (brand != NULL && !name_is (brand, stripped))
    {
      if (strv_array_find (brand->aliases, stripped) >= 0 ||
          strv_array_find (brand->off, stripped) >= 0)
        brand_switch_alias (self, brand, stripped, FALSE);
      else
        brand_add_block (brand, stripped);
      strv_array_add (brand->excluded, stripped);
      ok = TRUE;
    }
  g_clear_pointer (&self->automaton, automaton_unref);
  g_mutex_unlock (&self->lock);
  return ok;
}

/**
 * cited_lexicon_remove_brand:
 *
 * Takes the brand @name out of the lexicon.
 *
 * Returns: whether there was such a brand.
 */
gboolean
cited_lexicon_remove_brand (CitedLexicon *self,
                            const char   *name)
{
  g_autofree char *key = NULL;
  Brand *brand;

  g_return_val_if_fail (CITED_IS_LEXICON (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  g_mutex_lock (&self->lock);
  brand = find_brand (self, name, NULL);
  if (brand != NULL)
    {
      key = name_key (brand->name);
      g_hash_table_remove (self->by_name, key);
      g_ptr_array_remove (self->brands, brand);
      rebuild_lookup (self);
      g_clear_pointer (&self->automaton, automaton_unref);
    }
  g_mutex_unlock (&self->lock);
  return brand != NULL;
}

/**
 * cited_lexicon_rename_brand:
 *
 * Gives the brand @name the name @new_name, keeping its aliases and its
 * old name as one of them.
 *
 * Returns: the interned new name, or NULL when @name is no brand or
 *   @new_name is empty or another brand's.
 */
const char *
cited_lexicon_rename_brand (CitedLexicon *self,
                            const char   *name,
                            const char   *new_name)
{
  g_autofree char *stripped = NULL;
  const char *result = NULL;
  Brand *brand, *other;

  g_return_val_if_fail (CITED_IS_LEXICON (self), NULL);
  g_return_val_if_fail (name != NULL && new_name != NULL, NULL);

  stripped = g_strstrip (g_strdup (new_name));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    return NULL;
  g_mutex_lock (&self->lock);
  brand = find_brand (self, name, NULL);
  other = find_brand (self, stripped, NULL);
  if (brand != NULL && (other == NULL || other == brand))
    {
      g_autofree char *old_key = name_key (brand->name);

      g_hash_table_remove (self->by_name, old_key);
      brand->name = g_intern_string (stripped);
      g_hash_table_insert (self->by_name, name_key (stripped), brand);
      brand_switch_alias (self, brand, stripped, TRUE);
      rebuild_lookup (self);
      g_clear_pointer (&self->automaton, automaton_unref);
      result = brand->name;
    }
  g_mutex_unlock (&self->lock);
  return result;
}

/**
 * cited_lexicon_replace:
 * @self: a #CitedLexicon
 * @from: another lexicon, left empty
 *
 * Gives @self the brands of @from, so that those who hold @self see a
 * lexicon read again.
 */
void
cited_lexicon_replace (CitedLexicon *self,
                       CitedLexicon *from)
{
  g_return_if_fail (CITED_IS_LEXICON (self));
  g_return_if_fail (CITED_IS_LEXICON (from) && from != self);

  g_mutex_lock (&self->lock);
  g_mutex_lock (&from->lock);
  SWAP (GPtrArray *, self->brands, from->brands);
  SWAP (GHashTable *, self->by_name, from->by_name);
  SWAP (GHashTable *, self->lookup, from->lookup);
  g_clear_pointer (&self->automaton, automaton_unref);
  g_clear_pointer (&from->automaton, automaton_unref);
  g_mutex_unlock (&from->lock);
  g_mutex_unlock (&self->lock);
}

static gpointer
copy_string (gconstpointer string,
             gpointer      unused)
{
  return g_strdup (string);
}

/* A NULL-terminated array of strings, copied. */
static GPtrArray *
copy_strv_array (GPtrArray *array)
{
  GPtrArray *copy = g_ptr_array_copy (array, copy_string, NULL);

  g_ptr_array_set_free_func (copy, g_free);
  return copy;
}

/* A hash table of string keys, copied: @copy_value copies each value
 * (NULL keeps the value as it is). */
static GHashTable *
copy_string_table (GHashTable     *table,
                   GDestroyNotify  free_value,
                   GBoxedCopyFunc  copy_value)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_value);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), copy_value ? copy_value (value) : value);
  return copy;
}

/* A set of strings (keys that are their own values), copied. */
static GHashTable *
copy_string_set (GHashTable *set)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (copy, g_strdup (key));
  return copy;
}

/**
 * cited_lexicon_copy:
 * @self: a #CitedLexicon
 *
 * A lexicon of its own with the same brands (names, aliases, colours,
 * blocking phrases and word lists) and the same #CitedLexicon:discover,
 * made by copying them rather than reading them again: a store's readers
 * start from a copy of the store's lexicon.
 *
 * Returns: (transfer full): the copy
 */
CitedLexicon *
cited_lexicon_copy (CitedLexicon *self)
{
  CitedLexicon *copy;
  g_autoptr(GHashTable) brands = NULL;   /* Brand* of @self -> its copy */
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (CITED_IS_LEXICON (self), NULL);

  copy = cited_lexicon_new ();
  brands = g_hash_table_new (NULL, NULL);
  g_mutex_lock (&self->lock);
  copy->discover = g_atomic_int_get (&self->discover);
  for (guint i = 0; i < self->brands->len; i++)
    {
      Brand *brand = g_ptr_array_index (self->brands, i);
      Brand *other = g_new0 (Brand, 1);

      other->name = brand->name;
      other->color = g_strdup (brand->color);
      other->aliases = copy_strv_array (brand->aliases);
      other->blocks = copy_strv_array (brand->blocks);
      other->near = copy_string_table (brand->near, (GDestroyNotify) g_strfreev,
                                       (GBoxedCopyFunc) g_strdupv);
      other->after = copy_strv_array (brand->after);
      other->capital = copy_string_set (brand->capital);
      other->kinds = copy_string_table (brand->kinds, NULL, NULL);
      other->off = copy_strv_array (brand->off);
      other->excluded = copy_strv_array (brand->excluded);
      g_ptr_array_add (copy->brands, other);
      g_hash_table_insert (brands, brand, other);
    }
  g_hash_table_iter_init (&iter, self->by_name);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->by_name, g_strdup (key), g_hash_table_lookup (brands, value));
  g_hash_table_iter_init (&iter, self->lookup);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->lookup, g_strdup (key), value);
  g_mutex_unlock (&self->lock);
  return copy;
}

/* Lists of words a brand of the JSON lexicon may have besides its aliases
 * and blocking phrases: "after", short forms that count once the brand was
 * named in full; "capital", aliases that are also words and keep their
 * capital letter; "person" and "product", aliases that name one of the
 * company's people or products rather than the company; "off", aliases
 * listed but not counted until the user turns them on. */
static const char * const word_lists[] = { "after", "capital", "person", "product", "off" };

/* The strings of the array @member of @object, if it has one, into @out
 * (valid UTF-8 and not empty ones only when @nonempty). */
static void
json_strings (JsonObject *object,
              const char *member,
              gboolean    nonempty,
              GPtrArray  *out)
{
  JsonArray *array;

  if (!json_object_has_member (object, member) ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, member)))
    return;
  array = json_object_get_array_member (object, member);
  for (guint j = 0; j < json_array_get_length (array); j++)
    {
      JsonNode *node = json_array_get_element (array, j);
      const char *word;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      word = json_node_get_string (node);
      if (nonempty && (*word == '\0' || !g_utf8_validate (word, -1, NULL)))
        continue;
      g_ptr_array_add (out, (gpointer) word);
    }
}

/* The lists of the brand @name besides its aliases: its blocking phrases
 * ("not"), short forms, aliases that keep their capital, persons,
 * products, aliases turned off, and context words ("near"). */
static void
load_brand_lists (CitedLexicon *self,
                  const char   *name,
                  JsonObject   *brand)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new ();
  Brand *b;

  json_strings (brand, "not", FALSE, blocks);
  g_mutex_lock (&self->lock);
  b = find_brand (self, name, NULL);
  for (guint j = 0; j < blocks->len; j++)
    brand_add_block (b, g_ptr_array_index (blocks, j));
  for (guint kind = 0; kind < G_N_ELEMENTS (word_lists); kind++)
    {
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      json_strings (brand, word_lists[kind], TRUE, words);
      for (guint j = 0; j < words->len; j++)
        {
          const char *word = g_ptr_array_index (words, j);

          if (kind == 0)
            strv_array_add (b->after, word);
          else if (kind == 1)
            g_hash_table_add (b->capital, g_strdup (word));
          else if (kind == 4)
            brand_switch_alias (self, b, word, FALSE);
          else
            g_hash_table_replace (b->kinds, g_utf8_casefold (word, -1),
                                  GINT_TO_POINTER (kind == 2 ? CITED_ALIAS_PERSON : CITED_ALIAS_PRODUCT));
        }
    }
  if (json_object_has_member (brand, "near") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (brand, "near")))
    {
      JsonObject *near = json_object_get_object_member (brand, "near");
      GList *members = json_object_get_members (near);

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autoptr(GPtrArray) words = g_ptr_array_new ();

          if (!JSON_NODE_HOLDS_ARRAY (json_object_get_member (near, l->data)))
            continue;
          json_strings (near, l->data, TRUE, words);
          g_ptr_array_add (words, NULL);
          g_hash_table_replace (b->near, g_strdup (l->data),
                                g_strdupv ((char **) words->pdata));
        }
      g_list_free (members);
    }
  g_clear_pointer (&self->automaton, automaton_unref);
  g_mutex_unlock (&self->lock);
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
      json_strings (brand, "aliases", FALSE, aliases);
      g_ptr_array_add (aliases, NULL);
      name = cited_lexicon_add_brand (self, name, (const char * const *) aliases->pdata,
                                      json_object_get_string_member_with_default (brand, "color", NULL));
      if (name != NULL)
        load_brand_lists (self, name, brand);
    }
  return TRUE;
}

/**
 * cited_lexicon_get_n_brands:
 * @self: a #CitedLexicon
 *
 * Returns: the number of brands in @self; their indices run from 0
 */
guint
cited_lexicon_get_n_brands (CitedLexicon *self)
{
  g_return_val_if_fail (CITED_IS_LEXICON (self), 0);
  return self->brands->len;
}

/**
 * cited_lexicon_get_name:
 * @self: a lexicon
 * @index: a brand's index, below cited_lexicon_get_n_brands()
 *
 * Returns: (transfer none): the brand's canonical name
 */
const char *
cited_lexicon_get_name (CitedLexicon *self,
                        guint         index)
{
  g_return_val_if_fail (CITED_IS_LEXICON (self), NULL);
  g_return_val_if_fail (index < self->brands->len, NULL);
  return ((Brand *) g_ptr_array_index (self->brands, index))->name;
}

/**
 * cited_lexicon_get_color:
 * @self: a lexicon
 * @index: a brand's index, below cited_lexicon_get_n_brands()
 *
 * Returns: (transfer none): the brand's colour "#RRGGBB"
 */
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
 * cited_lexicon_get_off_aliases:
 * Returns: (transfer none) (array zero-terminated=1): the aliases of the
 *   brand at @index that are turned off.
 */
const char * const *
cited_lexicon_get_off_aliases (CitedLexicon *self,
                               guint         index)
{
  g_return_val_if_fail (CITED_IS_LEXICON (self), NULL);
  g_return_val_if_fail (index < self->brands->len, NULL);
  return (const char * const *) ((Brand *) g_ptr_array_index (self->brands, index))->off->pdata;
}

/**
 * cited_lexicon_get_exclusions:
 * Returns: (transfer none) (array zero-terminated=1): what the user said
 *   is not the brand at @index.
 */
const char * const *
cited_lexicon_get_exclusions (CitedLexicon *self,
                              guint         index)
{
  g_return_val_if_fail (CITED_IS_LEXICON (self), NULL);
  g_return_val_if_fail (index < self->brands->len, NULL);
  return (const char * const *) ((Brand *) g_ptr_array_index (self->brands, index))->excluded->pdata;
}

/**
 * cited_lexicon_get_alias_kind:
 * @self: a #CitedLexicon
 * @index: a brand's index, below cited_lexicon_get_n_brands()
 * @alias: one of the brand's aliases
 *
 * Returns: what @alias names: the company itself, a person ("Lei Jun") or
 *   a product or platform ("Pixel", "Android")
 */
CitedAliasKind
cited_lexicon_get_alias_kind (CitedLexicon *self,
                              guint         index,
                              const char   *alias)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (CITED_IS_LEXICON (self), CITED_ALIAS_NAME);
  g_return_val_if_fail (index < self->brands->len, CITED_ALIAS_NAME);
  g_return_val_if_fail (alias != NULL, CITED_ALIAS_NAME);
  key = g_utf8_casefold (alias, -1);
  return GPOINTER_TO_INT (g_hash_table_lookup (((Brand *) g_ptr_array_index (self->brands, index))->kinds, key));
}

/**
 * cited_alias_kind_to_string:
 * @kind: an alias kind
 *
 * Returns: (transfer none): "name", "person" or "product": the names the
 *   CLI and the lexicon's JSON use
 */
const char *
cited_alias_kind_to_string (CitedAliasKind kind)
{
  switch (kind)
    {
    case CITED_ALIAS_PERSON:
      return "person";
    case CITED_ALIAS_PRODUCT:
      return "product";
    case CITED_ALIAS_NAME:
    default:
      return "name";
    }
}

/**
 * cited_alias_kind_from_string:
 * @text: (nullable): "name", "person" or "product"
 * @kind: (out): the kind named
 *
 * Returns: whether @text names a kind of alias
 */
gboolean
cited_alias_kind_from_string (const char     *text,
                              CitedAliasKind *kind)
{
  for (CitedAliasKind k = CITED_ALIAS_NAME; k <= CITED_ALIAS_PRODUCT; k++)
    if (text != NULL && g_ascii_strcasecmp (text, cited_alias_kind_to_string (k)) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
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

/**
 * cited_lexicon_color_for:
 * @self: a lexicon
 * @canonical: (nullable): a brand's canonical name
 *
 * Returns: (nullable) (transfer none): the brand's colour "#RRGGBB", or %NULL for an unknown brand
 */
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

static inline guchar
fold_case (guchar c)
{
  return is_upper (c) ? c + 32 : c;
}

static gboolean
case_ok (const Pattern *p,
         const char    *text)
{
  for (guint32 bits = p->capitals; bits != 0; bits &= bits - 1)
    if (is_lower ((guchar) text[g_bit_nth_lsf (bits, -1)]))
      return FALSE;
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
      guchar first = fold_case ((guchar) w[0]);

      /* The first letter inline: g_ascii_tolower() is a call per byte. */
      for (gsize i = a; i + len <= b; i++)
        if (fold_case ((guchar) text[i]) == first &&
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

/* Whether @brand was mentioned already: a short form ("Cadbury") counts
 * only after its brand's full name in the same text. */
static gboolean
brand_seen (GArray     *mentions,
            const char *brand)
{
  for (guint i = mentions->len; i > 0; i--)
    if (g_array_index (mentions, CitedMention, i - 1).brand == brand)
      return TRUE;
  return FALSE;
}

/* Every alias that ends at text[i], where the scan reached @state, starts
 * before @before, and holds there: its case, its word boundaries, its
 * blocking phrases and context words. */
static void
collect (const Automaton *a,
         const char      *text,
         gsize            length,
         gsize            i,
         guint32          state,
         gsize            before,
         GArray          *matches)
{
  guint32 s = a->out[state] >= 0 ? state : a->out_link[state];

  while (s != 0)
    {
      for (gint32 pattern = a->out[s]; pattern >= 0;
           pattern = g_array_index (a->patterns, Pattern, pattern).same_next)
        {
          const Pattern *p = &g_array_index (a->patterns, Pattern, pattern);
          gsize start = i + 1 - p->len;

          if (start < before && case_ok (p, text + start) && boundary_ok (p, text, length, start, i + 1) &&
              !in_link (text, start) &&
              (p->blocks == NULL || !blocked (p, text, length, start)) &&
              (p->near == NULL || near_ok (p, text, length, start, i + 1)))
            {
              Match m = { (guint) start, (guint) i + 1, (guint) pattern };
              g_array_append_val (matches, m);
            }
        }
      s = a->out_link[s];
    }
}

/* The 16-bit table's entry for @state and the byte @byte: the next
 * state, with OUTPUT_BIT16 when an alias ends there. */
static inline guint16
step16 (const Automaton *a,
        guint32          state,
        guchar           byte)
{
  guint c = a->classes[byte];

  if (G_LIKELY (c < HOT_CLASSES))
    return a->delta16[state * HOT_CLASSES + c];
  return a->cold16[state * (a->n_classes - HOT_CLASSES) + c - HOT_CLASSES];
}

/* Below this length the text is scanned in one stream. */
#define STREAMS_MIN 256
#define N_STREAMS 4

/* The aliases of text[0, length) into @matches, in any order (the caller
 * sorts them), with the 16-bit table.
 *
 * Each byte's step waits for the one before (the next state is read from
 * the row of the last), so one scan is bound by the latency of its loads.
 * Four scans, of the four quarters of the text, are independent and run
 * side by side. Each but the first starts at the root, so it finds every
 * alias that starts in its quarter; each but the last goes on past its
 * quarter's end for the aliases that start before it, until the text its
 * state stands for starts in the next quarter: from there on it is in the
 * same state as the next scan. There is no shortcut at the root for bytes
 * that begin no alias: in prose nearly every byte is a letter or a space,
 * read anyway, and class 0 leads from the root back to it. */
static void
find16 (const Automaton *a,
        const char      *text,
        gsize            length,
        GArray          *matches)
{
  const guchar *t = (const guchar *) text;
  gsize q = length >= STREAMS_MIN ? length / N_STREAMS : 0;
  guint32 s[N_STREAMS] = { 0 };
  gsize i;

  for (i = 0; i < q; i++)
    {
      guint16 v[N_STREAMS];
      guint16 any = 0;

#pragma GCC unroll 8
      for (guint k = 0; k < N_STREAMS; k++)
        {
          v[k] = step16 (a, s[k], t[k * q + i]);
          s[k] = v[k] & ~OUTPUT_BIT16;
          any |= v[k];
        }
      if (G_UNLIKELY (any & OUTPUT_BIT16))
        for (guint k = 0; k < N_STREAMS; k++)
          if (v[k] & OUTPUT_BIT16)
            collect (a, text, length, k * q + i, s[k], G_MAXSIZE, matches);
    }
  /* The last scan's bytes past four quarters, or the whole text in one
   * scan when it is short. */
  for (i = N_STREAMS * q; i < length; i++)
    {
      guint16 v = step16 (a, s[N_STREAMS - 1], t[i]);

      s[N_STREAMS - 1] = v & ~OUTPUT_BIT16;
      if (G_UNLIKELY (v & OUTPUT_BIT16))
        collect (a, text, length, i, s[N_STREAMS - 1], G_MAXSIZE, matches);
    }
  /* Each other scan past its quarter, for the aliases that start before
   * the next one, while its state stands for text that does. */
  for (guint k = 0; k + 1 < N_STREAMS; k++)
    {
      gsize end = (k + 1) * q;
      guint32 st = s[k];

      for (i = end; i < length && a->depth[st] > i - end; i++)
        {
          guint16 v = step16 (a, st, t[i]);

          st = v & ~OUTPUT_BIT16;
          if (G_UNLIKELY (v & OUTPUT_BIT16))
            collect (a, text, length, i, st, end, matches);
        }
    }
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
  const guint8 *classes;
  gsize n_classes;
  guint32 row = 0;
  guint last_end = 0;

  g_return_val_if_fail (CITED_IS_LEXICON (self), mentions);
  if (text == NULL || length == 0)
    return mentions;

  a = get_automaton (self);
  delta = a->delta;
  classes = a->classes;
  n_classes = a->n_classes;
  matches = g_array_new (FALSE, FALSE, sizeof (Match));
  if (a->delta16 != NULL)
    find16 (a, text, length, matches);
  else
    {
      for (gsize i = 0; i < length; i++)
        {
          guint32 v;

          if (row == 0)
            {
              while (i < length && classes[(guchar) text[i]] == 0)
                i++;
              if (i == length)
                break;
            }
          v = delta[row + classes[(guchar) text[i]]];
          row = v & ~OUTPUT_BIT;
          if (G_UNLIKELY (v & OUTPUT_BIT))
            collect (a, text, length, i, row / n_classes, G_MAXSIZE, matches);
        }
    }

  if (matches->len > 1)
    g_array_sort (matches, match_compare);
  for (guint i = 0; i < matches->len; i++)
    {
      const Match *m = &g_array_index (matches, Match, i);
      const Pattern *p = &g_array_index (a->patterns, Pattern, m->pattern);
      CitedMention mention = { 0 };

      if (m->start < last_end)
        continue;
      if (p->after_only && !brand_seen (mentions, p->brand))
        continue;
      mention.brand = p->brand;
      mention.start = m->start;
      mention.end = m->end;
      g_array_append_val (mentions, mention);
      last_end = m->end;
    }

  automaton_unref (a);
  return mentions;
}

static void
brand_kinds_to_json (Brand       *brand,
                     JsonBuilder *builder)
{
  for (CitedAliasKind kind = CITED_ALIAS_PERSON; kind <= CITED_ALIAS_PRODUCT + 1; kind++)
    {
      /* person, product, then the aliases turned off */
      gboolean off = kind > CITED_ALIAS_PRODUCT;
      GPtrArray *lists[] = { brand->aliases, brand->off };
      gboolean any = FALSE;

      for (guint l = off ? 1 : 0; l < 2; l++)
        for (guint j = 0; j + 1 < lists[l]->len; j++)
          {
            const char *alias = g_ptr_array_index (lists[l], j);
            g_autofree char *key = g_utf8_casefold (alias, -1);

            if (!off && GPOINTER_TO_INT (g_hash_table_lookup (brand->kinds, key)) != (int) kind)
              continue;
            if (!any)
              {
                json_builder_set_member_name (builder, off ? "off" : cited_alias_kind_to_string (kind));
                json_builder_begin_array (builder);
                any = TRUE;
              }
            json_builder_add_string_value (builder, alias);
          }
      if (any)
        json_builder_end_array (builder);
    }
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
      brand_kinds_to_json (brand, builder);
      if (brand->after->len > 1)
        {
          json_builder_set_member_name (builder, "after");
          json_builder_begin_array (builder);
          for (guint j = 0; j + 1 < brand->after->len; j++)
            json_builder_add_string_value (builder, g_ptr_array_index (brand->after, j));
          json_builder_end_array (builder);
        }
      if (g_hash_table_size (brand->capital) > 0)
        {
          g_autofree gpointer *words = g_hash_table_get_keys_as_array (brand->capital, NULL);

          json_builder_set_member_name (builder, "capital");
          json_builder_begin_array (builder);
          for (guint j = 0; words[j] != NULL; j++)
            json_builder_add_string_value (builder, words[j]);
          json_builder_end_array (builder);
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

/* Suffixes after a name in the text, longest first where one begins
 * another. A final full stop belongs to the suffix only when the sentence
 * goes on ("Apple Inc. said"), so sentence splitting keeps its period. */
static const char * const text_suffixes[] = {
  "Incorporated", "Inc.", "Inc", "Corporation", "Corp.", "Corp", "Company", "Co.", "Co",
  "plc", "PLC", "Plc", "Limited", "Ltd.", "Ltd", "LLC", "GmbH", "KGaA", "AG", "SA", "S.A.",
  "NV", "N.V.", "SE", "SpA", "S.p.A.", "AB", "ASA", "Oyj", "Group", "Holdings", "Holding",
  "& Co.", "& Co", NULL
};

static const char * const text_suffixes_zh[] = {
  "股份有限公司", "有限责任公司", "控股有限公司", "集团有限公司", "集团股份有限公司",
  "有限公司", "集团公司", "控股集团", "集团", "控股", "公司", NULL
};

/**
 * cited_lexicon_suffix_end:
 * @text: UTF-8 text
 * @length: its length in bytes
 * @end: where a company name ends in @text
 *
 * Finds the corporate suffix that follows a company name: "Apple| Inc",
 * "Cadbury Schweppes|, plc", "Sony| Group Corp", "小米|集团"; "腾讯|控股有限公司"
 * is one, "华为|技术有限公司" is not.
 *
 * Returns: where the name ends with its suffix, or @end when no suffix
 *   follows
 */
gsize
cited_lexicon_suffix_end (const char *text,
                          gsize       length,
                          gsize       end)
{
  g_return_val_if_fail (text != NULL || length == 0, end);

  for (guint round = 0; round < 2 && end < length; round++)
    {
      gsize at = end;
      gboolean found = FALSE;

      if ((guchar) text[at] >= 0xE0)
        {
          for (guint k = 0; text_suffixes_zh[k] != NULL; k++)
            {
              gsize len = strlen (text_suffixes_zh[k]);

              if (at + len <= length && memcmp (text + at, text_suffixes_zh[k], len) == 0)
                {
                  end = at + len;
                  found = TRUE;
                  break;
                }
            }
          if (!found)
            break;
          continue;
        }
      if (text[at] == ',' && at + 1 < length && text[at + 1] == ' ')
        at += 2;
      else if (text[at] == ' ')
        at += 1;
      else
        break;
      for (guint k = 0; text_suffixes[k] != NULL; k++)
        {
          const char *sfx = text_suffixes[k];
          gsize len = strlen (sfx);
          gsize stop;

          if (at + len > length || memcmp (text + at, sfx, len) != 0)
            continue;
          stop = at + len;
          if (stop < length && g_ascii_isalnum (text[stop]))
            continue;
          if (sfx[len - 1] == '.')
            {
              /* "Inc." at the end of a sentence leaves its full stop. */
              gboolean goes_on = stop < length && (text[stop] == ',' ||
                                 (text[stop] == ' ' && stop + 1 < length &&
                                  (g_ascii_islower (text[stop + 1]) || text[stop + 1] == '\'' ||
                                   g_ascii_isdigit (text[stop + 1]))) ||
                                 text[stop] == '\'');
              if (!goes_on)
                stop--;
            }
          end = stop;
          found = TRUE;
          break;
        }
      if (!found)
        break;
    }
  return end;
}
