/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cited-extract-private.h"

/*
 * The English extractor, in one pass per sentence:
 *
 *  1. split_sentence() finds the next sentence (., !, ?, 。！？；, line
 *     breaks) without breaking at decimals, abbreviations or quotes that go
 *     on;
 *  2. tokenize() cuts it into words, numbers (separators, decimals,
 *     full-width digits), CJK runs, symbols and punctuation with their byte
 *     offsets into a buffer reused for every sentence; words are looked up
 *     once, by a hash computed while scanning, in one table of every word the
 *     grammar or data/metrics.json knows;
 *  3. mark_periods() finds years, dates and quarters, which are never
 *     figures but give figures their period;
 *  4. scan_figures() reads numbers with their currency, scale, range,
 *     percent and counted noun, and ranks, and throws out model names, times
 *     and durations;
 *  5. each figure takes its metric, scope, year and brand from its clause
 *     outward: its comma segment, its clause (split at ; : and "however",
 *     "while", "but" ...), the sentence, then the sentence before; a name
 *     or pronoun as subject, appositions ("T-Mobile, the third largest"),
 *     possessives, and market-wide words that claim the figure for no one.
 *
 * Sentences with no digit, money sign or number word are not tokenized at
 * all: only the brand they are about is kept, for the next one. Mostly-CJK
 * sentences go to cited_extract_zh_sentence().
 *
 * ICU's sentence BreakIterator was measured against split_sentence(): it is
 * faster on its own, but does not split the run-together sentences of
 * machine-translated text ("sold overseas.As is known"), on which brand
 * attribution depends, so the hand-written splitter stays.
 */

/* ------------------------------------------------------------------ */
/* The word table                                                      */

enum {
  W_NUMWORD    = 1ull << 0,   /* one .. ninety (num) */
  W_HUNDRED    = 1ull << 1,
  W_SCALE      = 1ull << 2,   /* thousand, million, bn ... (scale) */
  W_SUFFIX     = 1ull << 3,   /* may be glued to digits: k, m, bn */
  W_DOZEN      = 1ull << 4,
  W_HALF       = 1ull << 5,
  W_ARTICLE    = 1ull << 6,   /* a, an */
  W_VAGUE      = 1ull << 7,   /* hundreds, millions, dozens */
  W_ORDINAL    = 1ull << 8,   /* first .. tenth (num) */
  W_RANKADJ    = 1ull << 9,   /* largest, biggest */
  W_TOP        = 1ull << 10,
  W_NUMBER     = 1ull << 11,  /* number, no */
  W_MONTH      = 1ull << 12,
  W_TIMEUNIT   = 1ull << 13,
  W_PRODSUFFIX = 1ull << 14,  /* Pro, Max, Ultra, series */
  W_LABEL      = 1ull << 15,  /* page, version, model ... */
  W_CONJ       = 1ull << 16,  /* however, while, but ... */
  W_PRONOUN    = 1ull << 17,
  W_MARKET     = 1ull << 18,
  W_COMPANY    = 1ull << 19,
  W_TO         = 1ull << 20,
  W_AND        = 1ull << 21,
  W_BETWEEN    = 1ull << 22,
  W_FROM       = 1ull << 23,
  W_REL        = 1ull << 24,  /* this / last / next (num: year offset) */
  W_YEAR       = 1ull << 25,
  W_QUARTER    = 1ull << 26,
  W_PERCENT    = 1ull << 27,  /* percent, pct */
  W_STOP       = 1ull << 28,
  W_PHRASE     = 1ull << 29,  /* starts a two-word phrase of the tables */
  W_TIMES      = 1ull << 30,  /* times, fold */
  W_CLOCK      = 1ull << 31,  /* am, pm, gmt */
  W_APPOS      = 1ull << 32,  /* the, a, which, who: an apposition starts */
  W_PER        = 1ull << 33,
  W_CENT       = 1ull << 34,
  W_ORDSUFFIX  = 1ull << 35,  /* st, nd, rd, th */
  W_RANKVERB   = 1ull << 36,  /* ranked, ranks */
  W_OF         = 1ull << 37,
  W_NO         = 1ull << 38,
  W_THE        = 1ull << 40,
  W_SPEC       = 1ull << 41,  /* mAh, GB, MP: specifications, not figures */
  W_YEARDET    = 1ull << 42,  /* the, best, latest: "the 2022 phones" */
  W_DECLINE    = 1ull << 43,  /* fell, dropped, down: a change below zero */
  W_NOPRICE    = 1ull << 44,  /* stolen, fined: money that is no price */
  W_GOAL       = 1ull << 45,  /* aims, target, goal: a figure not yet reached */
};

typedef struct {
  char *key;                 /* lower case unless exact */
  guint len;
  guint64 flags;
  double num;                /* spelled number, ordinal, month, year offset */
  double scale;              /* scale word: 1e3, 1e6 ... */
  double money_factor;       /* pence, cents: 0.01 */
  const char *unit;          /* interned canonical values */
  const char *metric;
  const char *scope;
  const char *qualifier;
  const char *currency;
} Word;

typedef struct {
  GPtrArray *words;          /* Word* */
  guint32 *slots;            /* index + 1, 0 empty */
  guint mask;
} Table;

typedef struct {
  Table folded;              /* matched whatever the case */
  Table exact;               /* written with capitals: matched as written */
  GHashTable *unit_metrics;  /* unit -> metric (interned) */
  GHashTable *money_metrics; /* metric -> metric or "" (interned) */
} Tables;

static inline guint32
fnv (guint32 h,
     guchar  c)
{
  return (h ^ c) * 16777619u;
}

#define FNV_INIT 2166136261u

static inline guchar
lower (guchar c)
{
  return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

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

static void init_split_class (void);

static const Tables *
get_tables (void)
{
  if (g_once_init_enter (&tables_singleton))
    {
      init_split_class ();
      g_once_init_leave (&tables_singleton, tables_new ());
    }
  return tables_singleton;
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */

typedef enum {
  T_WORD,
  T_NUM,
  T_SYM,                     /* currency symbols and % */
  T_PUNCT,
  T_CJK,
} TokenType;

typedef struct {
  guint start;
  guint end;
  guint8 type;
  guint8 glued;              /* no space before */
  guint8 cap;                /* word starts with a capital */
  guint8 poss;               /* word followed by 's or s' */
  guint8 ndigits;
  guint8 sep;                /* number had thousands separators */
  guint8 decimal;
  guint8 used;               /* consumed: part of a date, a year, a figure ... */
  guint16 clause;
  guint16 segment;
  gint16 mention;            /* index in the sentence's mentions, or -1 */
  gunichar cp;               /* symbols and punctuation */
  double num;
  const Word *w;             /* folded entry */
  const Word *wx;            /* exact-case entry */
} Token;

typedef struct {
  guint token;               /* token index */
  int year;                  /* the year; the quarter in the quarters list; the
                              * offset from the published year in rel_years */
} Period;

typedef struct {
  guint start;               /* byte offsets of the figure text */
  guint end;
  guint first;               /* token range [first, last] */
  guint last;
  double value;
  double value_max;
  const char *unit;          /* interned or owned below */
  char *unit_owned;
  const char *currency;
  const char *qualifier;
  gboolean rank;
} Candidate;

typedef struct {
  const Tables *tables;
  const CitedExtractContext *ctx;
  const char *body;
  guint start;
  guint end;
  GArray *tokens;            /* Token, reused */
  GArray *years;             /* Period */
  GArray *quarters;          /* Period */
  GArray *rel_years;         /* Period */
  guint m_first;             /* mentions of this sentence: [m_first, m_last) */
  guint m_last;
  GArray *mention_tokens;    /* guint: token of each sentence mention */
  const CitedFigure *prev_figure; /* the first figure of the sentence before, or NULL */
  const char *clause_brand;  /* the brand of the last figure in this sentence */
  const CitedFigure *last_figure; /* the last figure of this sentence so far */
  guint16 clause_brand_clause;
} Sentence;

#define TOK(S, i) (&g_array_index ((S)->tokens, Token, (i)))

static inline guint64
tok_flags (const Token *t)
{
  guint64 f = 0;

  if (t->type != T_WORD)
    return 0;
  if (t->w)
    f |= t->w->flags;
  if (t->wx)
    f |= t->wx->flags;
  return f;
}

static inline gboolean
tok_has (const Token *t,
         guint64      flag)
{
  return (tok_flags (t) & flag) != 0;
}

#define TOK_FIELD(t, field) \
  ((t)->type != T_WORD ? NULL : ((t)->wx && (t)->wx->field) ? (t)->wx->field : (t)->w ? (t)->w->field : NULL)

static inline gboolean
is_punct (const Token *t,
          gunichar     c)
{
  return t->type == T_PUNCT && t->cp == c;
}

static inline gboolean
is_dash (const Token *t)
{
  return t->type == T_PUNCT && (t->cp == '-' || t->cp == 0x2013 || t->cp == 0x2014);
}

static const Word *
table_find (const Table *t,
            guint32      h,
            const char  *text,
            guint        len,
            gboolean     fold)
{
  for (guint i = h & t->mask;; i = (i + 1) & t->mask)
    {
      const Word *w;

      if (t->slots[i] == 0)
        return NULL;
      w = g_ptr_array_index (t->words, t->slots[i] - 1);
      if (w->len == len)
        {
          guint k;

          if (!fold)
            {
              if (memcmp (w->key, text, len) == 0)
                return w;
              continue;
            }
          for (k = 0; k < len; k++)
            if ((guchar) w->key[k] != lower ((guchar) text[k]))
              break;
          if (k == len)
            return w;
        }
    }
}

/* The entry of the two-word phrase a b, or NULL. */
static const Word *
phrase_find (const Sentence *S,
             const Token    *a,
             const Token    *b)
{
  const Table *tables[2] = { &S->tables->folded, &S->tables->exact };

  if (a->type != T_WORD || b->type != T_WORD || !tok_has (a, W_PHRASE))
    return NULL;
  for (guint n = 0; n < 2; n++)
    {
      const Table *t = tables[n];
      gboolean fold = n == 0;
      guint alen = a->end - a->start;
      guint blen = b->end - b->start;
      guint32 h = FNV_INIT;
      char buf[64];

      if (alen + blen + 1 >= sizeof buf)
        return NULL;
      for (guint k = 0; k < alen; k++)
        buf[k] = fold ? lower (S->body[a->start + k]) : S->body[a->start + k];
      buf[alen] = ' ';
      for (guint k = 0; k < blen; k++)
        buf[alen + 1 + k] = fold ? lower (S->body[b->start + k]) : S->body[b->start + k];
      for (guint k = 0; k < alen + blen + 1; k++)
        h = fnv (h, (guchar) buf[k]);
      {
        const Word *w = table_find (t, h, buf, alen + blen + 1, FALSE);

        if (w != NULL)
          return w;
      }
    }
  return NULL;
}

static inline gboolean
is_cjk (gunichar c)
{
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0x20000 && c <= 0x2FA1F);
}

static inline int
digit_at (const char *s,
          guint       i,
          guint       end,
          guint      *len)
{
  guchar c = s[i];

  if (c >= '0' && c <= '9')
    {
      *len = 1;
      return c - '0';
    }
  /* Full-width digits U+FF10..U+FF19: EF BC 90..99. */
  if (c == 0xEF && i + 2 < end && (guchar) s[i + 1] == 0xBC &&
      (guchar) s[i + 2] >= 0x90 && (guchar) s[i + 2] <= 0x99)
    {
      *len = 3;
      return (guchar) s[i + 2] - 0x90;
    }
  return -1;
}

static gboolean
is_currency_symbol (gunichar c)
{
  return c == '$' || c == 0x20AC || c == 0xA3 || c == 0xA5 || c == 0xFFE5 ||
         c == 0x20A9 || c == 0x20B9 || c == 0xFFE1 || c == 0xFF04;
}

static const char *
currency_for_symbol (gunichar c)
{
  switch (c)
    {
    case '$': case 0xFF04: return "USD";
    case 0x20AC: return "EUR";
    case 0xA3: case 0xFFE1: return "GBP";
    case 0xA5: case 0xFFE5: return "CNY";
    case 0x20A9: return "KRW";
    case 0x20B9: return "INR";
    default: return NULL;
    }
}

static void
push_word (Sentence *S,
           Token    *t,
           guint32   h,
           guint32   hx,
           gboolean  any_upper)
{
  guint len = t->end - t->start;

  t->type = T_WORD;
  t->w = table_find (&S->tables->folded, h, S->body + t->start, len, TRUE);
  t->wx = any_upper ? table_find (&S->tables->exact, hx, S->body + t->start, len, FALSE) : NULL;
}

static void
tokenize (Sentence *S)
{
  const char *b = S->body;
  guint p = S->start;
  guint end = S->end;
  gboolean space = TRUE;

  g_array_set_size (S->tokens, 0);
  while (p < end)
    {
      guchar c = b[p];
      Token t = { 0 };
      guint dlen;
      int d;

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        {
          space = TRUE;
          p++;
          continue;
        }
      if (c == 0xC2 && p + 1 < end && (guchar) b[p + 1] == 0xA0)
        {
          space = TRUE;
          p += 2;
          continue;
        }
      if (c == 0xE3 && p + 2 < end && (guchar) b[p + 1] == 0x80 && (guchar) b[p + 2] == 0x80)
        {
          space = TRUE;    /* ideographic space */
          p += 3;
          continue;
        }

      /* Links hold numbers that are no figures. */
      if ((c == 'h' && p + 8 < end && (memcmp (b + p, "http://", 7) == 0 ||
                                       memcmp (b + p, "https://", 8) == 0)) ||
          (c == 'w' && p + 4 < end && memcmp (b + p, "www.", 4) == 0))
        {
          while (p < end && !g_ascii_isspace (b[p]) && b[p] != ')' && b[p] != ']' &&
                 b[p] != '>' && b[p] != '"' && (guchar) b[p] < 0x80)
            p++;
          space = TRUE;
          continue;
        }

      t.start = p;
      t.glued = !space && S->tokens->len > 0;
      t.mention = -1;
      space = FALSE;

      if ((d = digit_at (b, p, end, &dlen)) >= 0)
        {
          double v = 0, scale = 0.1;
          gboolean dec = FALSE;

          t.type = T_NUM;
          while (p < end)
            {
              guint l2;
              int d2 = digit_at (b, p, end, &l2);

              if (d2 >= 0)
                {
                  if (dec)
                    {
                      v += d2 * scale;
                      scale /= 10;
                    }
                  else
                    {
                      v = v * 10 + d2;
                      if (t.ndigits < 255)
                        t.ndigits++;
                    }
                  p += l2;
                  continue;
                }
              if (b[p] == ',' && !dec && p + 3 < end &&
                  g_ascii_isdigit (b[p + 1]) && g_ascii_isdigit (b[p + 2]) &&
                  g_ascii_isdigit (b[p + 3]) &&
                  (p + 4 >= end || !g_ascii_isdigit (b[p + 4])))
                {
                  t.sep = 1;
                  p++;
                  continue;
                }
              if ((b[p] == '.' && !dec && p + 1 < end && g_ascii_isdigit (b[p + 1])) ||
                  (!dec && (guchar) b[p] == 0xEF && p + 3 < end && (guchar) b[p + 1] == 0xBC &&
                   (guchar) b[p + 2] == 0x8E && digit_at (b, p + 3, end, &l2) >= 0))
                {
                  dec = TRUE;
                  t.decimal = 1;
                  p += b[p] == '.' ? 1 : 3;
                  continue;
                }
              break;
            }
          t.num = v;
          t.end = p;
          g_array_append_val (S->tokens, t);
          continue;
        }

      if (g_ascii_isalpha (c) || c >= 0xC3)
        {
          guint32 h = FNV_INIT, hx = FNV_INIT;
          gboolean any_upper = FALSE;
          gboolean is_word = FALSE;
          guchar prev = 0;

          /* A run of letters; non-ASCII letters (é) belong to the word,
           * CJK and symbols do not. */
          while (p < end)
            {
              guchar ch = b[p];

              if (g_ascii_isalpha (ch))
                {
                  /* "XiaomiCars": a case change starts a new word, but not
                   * after one letter ("mAh", "iPhone", "eBay"). */
                  if (is_word && g_ascii_isupper (ch) && g_ascii_islower (prev) && p - t.start > 1)
                    break;
                  if (g_ascii_isupper (ch))
                    any_upper = TRUE;
                  h = fnv (h, lower (ch));
                  hx = fnv (hx, ch);
                  prev = ch;
                  p++;
                  is_word = TRUE;
                  continue;
                }
              if (ch >= 0xC3 && ch < 0xE0)
                {
                  gunichar uc = g_utf8_get_char (b + p);
                  guint l = g_utf8_skip[ch];

                  if (p + l <= end && g_unichar_isalpha (uc))
                    {
                      for (guint k = 0; k < l; k++)
                        {
                          h = fnv (h, (guchar) b[p + k]);
                          hx = fnv (hx, (guchar) b[p + k]);
                        }
                      prev = 'a';
                      p += l;
                      is_word = TRUE;
                      continue;
                    }
                }
              break;
            }
          if (is_word)
            {
              /* Dotted abbreviations are one word: "U.S.", "U.K.". */
              if (p - t.start == 1 && g_ascii_isupper (b[t.start]))
                while (p + 2 < end && b[p] == '.' && g_ascii_isupper (b[p + 1]) && b[p + 2] == '.')
                  {
                    h = fnv (fnv (fnv (h, '.'), lower (b[p + 1])), '.');
                    hx = fnv (fnv (fnv (hx, '.'), (guchar) b[p + 1]), '.');
                    p += 3;
                  }
              t.end = p;
              t.cap = g_ascii_isupper (b[t.start]);
              push_word (S, &t, h, hx, any_upper);
              /* Possessive "'s" / "’s" and "s'" belong to the word. */
              if (p < end)
                {
                  guint al = 0;

                  if (b[p] == '\'')
                    al = 1;
                  else if ((guchar) b[p] == 0xE2 && p + 2 < end && (guchar) b[p + 1] == 0x80 &&
                           (guchar) b[p + 2] == 0x99)
                    al = 3;
                  if (al > 0)
                    {
                      guint q = p + al;

                      if (q < end && (b[q] == 's' || b[q] == 'S') &&
                          (q + 1 >= end || !g_ascii_isalpha (b[q + 1])))
                        {
                          t.poss = 1;
                          p = q + 1;
                        }
                      else if ((b[p - 1] == 's') && (q >= end || !g_ascii_isalpha (b[q])))
                        {
                          t.poss = 1;
                          p = q;
                        }
                    }
                }
              g_array_append_val (S->tokens, t);
              continue;
            }
        }

      if (c < 0x80)
        {
          t.cp = c;
          t.type = (c == '$' || c == '%') ? T_SYM : T_PUNCT;
          t.end = ++p;
          g_array_append_val (S->tokens, t);
          continue;
        }

      {
        gunichar uc = g_utf8_get_char_validated (b + p, end - p);
        guint l = g_utf8_skip[c];

        if (uc == (gunichar) -1 || uc == (gunichar) -2 || p + l > end)
          {
            /* Invalid UTF-8 (the importer should have caught it): one byte
             * of punctuation. */
            t.type = T_PUNCT;
            t.cp = 0xFFFD;
            t.end = ++p;
            g_array_append_val (S->tokens, t);
            continue;
          }
        if (is_cjk (uc))
          {
            t.type = T_CJK;
            p += l;
            while (p < end && (guchar) b[p] >= 0xE3)
              {
                gunichar u2 = g_utf8_get_char_validated (b + p, end - p);

                if (u2 == (gunichar) -1 || u2 == (gunichar) -2 || !is_cjk (u2))
                  break;
                p += g_utf8_skip[(guchar) b[p]];
              }
            t.end = p;
            g_array_append_val (S->tokens, t);
            continue;
          }
        t.cp = uc;
        if (uc == 0xFF05)
          t.cp = '%';
        t.type = (is_currency_symbol (uc) || t.cp == '%') ? T_SYM : T_PUNCT;
        if (uc == 0x2019 || uc == 0x2018)
          t.cp = '\'';
        t.end = p + l;
        p += l;
        g_array_append_val (S->tokens, t);
      }
    }
}

/* Clauses break at ; : ( ) dashes and conjunctions; segments also at
 * commas. */
static void
mark_clauses (Sentence *S)
{
  guint16 clause = 0, segment = 0;

  for (guint i = 0; i < S->tokens->len; i++)
    {
      Token *t = TOK (S, i);

      if (t->type == T_PUNCT &&
          (t->cp == ';' || t->cp == ':' || t->cp == 0x2014 || t->cp == 0xFF1B || t->cp == 0xFF1A))
        {
          clause++;
          segment++;
        }
      /* Brackets hold asides and conversions ("2.8 trillion won ($2.1bn)"),
       * which share their clause. */
      else if (t->type == T_PUNCT && (t->cp == ',' || t->cp == 0xFF0C || t->cp == 0x3001 ||
                                      t->cp == '(' || t->cp == ')'))
        segment++;
      else if (t->type == T_WORD && tok_has (t, W_CONJ))
        {
          clause++;
          segment++;
        }
      t->clause = clause;
      t->segment = segment;
    }
}

static void
mark_mentions (Sentence *S)
{
  const CitedExtractContext *ctx = S->ctx;
  guint k = S->m_first;
  guint i = 0;

  g_array_set_size (S->mention_tokens, 0);
  for (; k < S->m_last; k++)
    {
      const CitedMention *m = &ctx->mentions[k];
      guint tok;

      while (i < S->tokens->len && TOK (S, i)->end <= m->start)
        i++;
      tok = MIN (i, S->tokens->len ? S->tokens->len - 1 : 0);
      g_array_append_val (S->mention_tokens, tok);
      for (guint j = i; j < S->tokens->len && TOK (S, j)->start < m->end; j++)
        TOK (S, j)->mention = (gint16) (k - S->m_first);
    }
}

/* ------------------------------------------------------------------ */
/* Periods: years, dates, quarters                                      */

static gboolean is_word (Sentence *S, const Token *t, const char *word);
static gboolean others_expected_at (Sentence *S, guint k);

static gboolean
year_like (const Token *t)
{
  return t->type == T_NUM && t->ndigits == 4 && !t->sep && !t->decimal &&
         t->num >= 1800 && t->num <= 2100;
}

static gboolean
followed_by_quantity (Sentence *S,
                      guint     i)
{
  Token *n;

  if (i + 1 >= S->tokens->len)
    return FALSE;
  n = TOK (S, i + 1);
  if (n->type == T_SYM && n->cp == '%')
    return TRUE;
  if (n->type != T_WORD)
    return FALSE;
  if (TOK_FIELD (n, unit) || TOK_FIELD (n, currency) ||
      tok_has (n, W_SCALE | W_PERCENT))
    return TRUE;
  return FALSE;
}

static void
mark_periods (Sentence *S)
{
  guint n = S->tokens->len;

  g_array_set_size (S->years, 0);
  g_array_set_size (S->quarters, 0);
  g_array_set_size (S->rel_years, 0);

  for (guint i = 0; i < n; i++)
    {
      Token *t = TOK (S, i);

      if (t->type == T_NUM && !t->used)
        {
          Token *prev = i > 0 ? TOK (S, i - 1) : NULL;
          Token *next = i + 1 < n ? TOK (S, i + 1) : NULL;

          /* ISO and slashed dates: 2024-01-31, 31/01/2024, 2024/1/31. */
          if (next && next->glued && (is_punct (next, '-') || is_punct (next, '/') ||
                                      is_punct (next, '.')) &&
              i + 2 < n && TOK (S, i + 2)->type == T_NUM && TOK (S, i + 2)->glued &&
              !t->decimal && !t->sep && t->ndigits <= 4 && TOK (S, i + 2)->ndigits <= 2 &&
              (year_like (t) ||
               (i + 4 < n && TOK (S, i + 3)->glued && TOK (S, i + 3)->type == T_PUNCT &&
                TOK (S, i + 3)->cp == next->cp && TOK (S, i + 4)->type == T_NUM &&
                TOK (S, i + 4)->glued)))
            {
              guint last = i + 2;

              if (i + 4 < n && TOK (S, i + 3)->glued && TOK (S, i + 3)->type == T_PUNCT &&
                  TOK (S, i + 3)->cp == next->cp && TOK (S, i + 4)->type == T_NUM &&
                  TOK (S, i + 4)->glued)
                last = i + 4;
              /* "2018-19" and "2018/2019" are spans of years, not dates. */
              if (last == i + 2 && year_like (t) && is_punct (next, '.'))
                continue;
              for (guint j = i; j <= last; j++)
                TOK (S, j)->used = 1;
              if (last == i + 2 && year_like (t) && !is_punct (next, '/'))
                {
                  /* "2018-19": a fiscal year; keep the first as the period. */
                  Period per = { i, (int) t->num };

                  if (TOK (S, i + 2)->num > 12 || TOK (S, i + 2)->ndigits == 4)
                    g_array_append_val (S->years, per);
                }
              i = last;
              continue;
            }
          /* Q1..Q4 */
          if (prev && t->glued && prev->type == T_WORD && prev->end - prev->start == 1 &&
              (S->body[prev->start] == 'Q' || S->body[prev->start] == 'q') &&
              t->num >= 1 && t->num <= 4 && !t->decimal)
            {
              Period per = { i, (int) t->num };

              t->used = 1;
              g_array_append_val (S->quarters, per);
              continue;
            }
          /* Times: 10:30, 3pm, 3 p.m. */
          if (next && next->glued && (is_punct (next, ':') || is_punct (next, 0xFF1A)) &&
              i + 2 < n && TOK (S, i + 2)->type == T_NUM && TOK (S, i + 2)->glued &&
              TOK (S, i + 2)->ndigits == 2)
            {
              t->used = next->used = TOK (S, i + 2)->used = 1;
              i += 2;
              continue;
            }
          /* "at 1330", "by 0900": a 24-hour clock after a word of time */
          if (prev && t->ndigits == 4 && !t->decimal && !t->sep && t->num <= 2359 && !year_like (t) &&
              fmod (t->num, 100) < 60 && !followed_by_quantity (S, i) &&
              (is_word (S, prev, "at") || is_word (S, prev, "by") || is_word (S, prev, "until") ||
               is_word (S, prev, "before") || is_word (S, prev, "after")) &&
              !(next && next->type == T_WORD && TOK_FIELD (next, unit) != NULL))
            {
              t->used = 1;
              continue;
            }
          /* "3pm", "10 am", "1130 GMT" */
          if (next && next->type == T_WORD && tok_has (next, W_CLOCK) && !t->decimal && !t->sep &&
              (t->num <= 24 || (t->ndigits == 4 && t->num <= 2359 && fmod (t->num, 100) < 60)))
            {
              t->used = 1;
              continue;
            }
          if (next && next->type == T_WORD && t->num <= 12 && !t->decimal &&
              next->end - next->start == 1 &&
              (S->body[next->start] == 'a' || S->body[next->start] == 'p') &&
              i + 2 < n && is_punct (TOK (S, i + 2), '.') && TOK (S, i + 2)->glued)
            {
              t->used = 1;
              continue;
            }
          /* Older years after "in", "since", "by": "in 1789". */
          if (t->ndigits == 4 && !t->sep && !t->decimal && t->num >= 1000 && t->num < 1800 &&
              prev && (is_word (S, prev, "in") || is_word (S, prev, "since") ||
                       is_word (S, prev, "by") || is_word (S, prev, "during")) &&
              !followed_by_quantity (S, i))
            {
              Period per = { i, (int) t->num };

              t->used = 1;
              if (!is_word (S, prev, "since"))
                g_array_append_val (S->years, per);
              continue;
            }
          /* Years, unless a quantity follows ("2000 people") or money
           * comes before ("$2021"). */
          if (year_like (t) && (!followed_by_quantity (S, i) ||
                                (prev && prev->type == T_WORD && t->num >= 1990 && t->num <= 2040 &&
                                 (tok_has (prev, W_YEARDET) || prev->poss ||
                                  (prev->end - prev->start >= 3 &&
                                   memcmp (S->body + prev->end - 3, "end", 3) == 0)))) &&
              !(prev && prev->type == T_SYM && prev->cp != '%') &&
              !(next && next->glued && next->type == T_WORD &&
                !(S->body[next->start] == 's' && next->end - next->start == 1)))
            {
              Period per = { i, (int) t->num };

              t->used = 1;
              if (next && next->glued && next->type == T_WORD)
                next->used = 1;  /* "2020s" */
              else if (!(prev && is_word (S, prev, "since")))
                g_array_append_val (S->years, per);   /* "since 2016" is no period */
              /* "2018-2019", "2018 to 2020": every year is a period. */
              continue;
            }
          /* Days of months: "December 28th", "28 December", "Nov. 2". */
          {
            Token *pw = prev;

            if (pw && is_punct (pw, '.') && i >= 2)
              pw = TOK (S, i - 2);
            if (t->num >= 1 && t->num <= 31 && !t->decimal && !t->sep &&
                ((pw && pw->type == T_WORD && tok_has (pw, W_MONTH) && pw->cap) ||
                 (next && next->type == T_WORD && tok_has (next, W_MONTH) && next->cap) ||
                 (next && next->type == T_WORD && next->glued && tok_has (next, W_ORDSUFFIX) &&
                  i + 2 < n && TOK (S, i + 2)->type == T_WORD && tok_has (TOK (S, i + 2), W_OF) &&
                  i + 3 < n && tok_has (TOK (S, i + 3), W_MONTH))))
              {
                t->used = 1;
                if (next && next->glued && next->type == T_WORD && tok_has (next, W_ORDSUFFIX))
                  next->used = 1;
                continue;
              }
          }
        }
      else if (t->type == T_WORD)
        {
          guint64 f = tok_flags (t);

          if ((f & W_REL) && i + 1 < n && tok_has (TOK (S, i + 1), W_YEAR))
            {
              Period per = { i, (int) t->w->num };

              g_array_append_val (S->rel_years, per);
            }
          else if ((f & W_ORDINAL) && t->w->num <= 4)
            {
              guint j = i + 1;

              if (j < n && is_dash (TOK (S, j)))
                j++;
              if (j < n && tok_has (TOK (S, j), W_QUARTER))
                {
                  Period per = { i, (int) t->w->num };

                  g_array_append_val (S->quarters, per);
                  t->used = 1;
                }
            }
        }
    }
}

static int
nearest_period (Sentence *S,
                GArray   *periods,
                guint     token,
                gboolean  same_clause)
{
  int best = -1;
  guint best_d = G_MAXUINT;
  guint16 clause = TOK (S, token)->clause;

  for (guint k = 0; k < periods->len; k++)
    {
      const Period *p = &g_array_index (periods, Period, k);
      guint d = p->token > token ? p->token - token : token - p->token;

      if (same_clause && TOK (S, p->token)->clause != clause)
        continue;
      if (d < best_d)
        {
          best_d = d;
          best = (int) k;
        }
    }
  return best;
}

/* ------------------------------------------------------------------ */
/* Figures                                                             */

static gboolean
is_ascii_lower_word (Sentence    *S,
                     const Token *t)
{
  for (guint k = t->start; k < t->end; k++)
    if (!g_ascii_islower (S->body[k]) && S->body[k] != '-')
      return FALSE;
  return TRUE;
}

/* Looks for the counted noun after token @i: a known unit within three
 * words (skipping adjectives such as "mobile" or "offline"), else a plain
 * plural noun right after. Sets *duration when the noun is a span of time. */
static guint
find_unit (Sentence    *S,
           guint        i,
           const char **unit,
           char       **owned,
           gboolean    *duration,
           gboolean    *times)
{
  guint n = S->tokens->len;
  guint j = i + 1;

  *unit = NULL;
  *owned = NULL;
  *duration = FALSE;
  *times = FALSE;

  for (guint skipped = 0; j < n && skipped < 3; j++, skipped++)
    {
      Token *t = TOK (S, j);
      guint64 f;
      const char *u;

      if (t->type == T_PUNCT && t->cp == '-' && t->glued)
        {
          /* "40-year", "locked-in orders" */
          if (j + 1 < n && TOK (S, j + 1)->glued && TOK (S, j + 1)->type == T_WORD)
            {
              j++;
              continue;
            }
          break;
        }
      if (t->type != T_WORD)
        break;
      if (t->mention >= 0)
        {
          /* A product name in the plural: "2 billion iPhones", "iPads". */
          const CitedMention *m = &S->ctx->mentions[S->m_first + t->mention];

          if (m->end + 1 <= S->end && S->body[m->end] == 's' && m->end + 1 == t->end)
            {
              *unit = g_intern_static_string ("units");
              return j;
            }
          if (m->end < t->end)
            break;
          continue;     /* "10 million Xiaomi phones" */
        }
      f = tok_flags (t);
      if (f & W_TIMEUNIT)
        {
          *duration = skipped == 0 || !(f & W_ORDINAL);
          return i;
        }
      if (f & W_TIMES)
        {
          *times = skipped == 0;
          return i;
        }
      if (j + 1 < n)
        {
          const Word *pw = phrase_find (S, t, TOK (S, j + 1));

          if (pw && pw->unit)
            {
              *unit = pw->unit;
              return j + 1;
            }
        }
      u = TOK_FIELD (t, unit);
      if (u != NULL)
        {
          *unit = u;
          return j;
        }
      /* After a brand, its product words: "10,000 Xiaomi Home stores". */
      if (t->cap && j > i + 1 && TOK (S, j - 1)->mention >= 0 && !(f & (W_STOP | W_MONTH)))
        continue;
      if ((f & (W_STOP | W_OF | W_MONTH | W_SCALE | W_PERCENT)) || t->cap ||
          TOK_FIELD (t, currency) || TOK_FIELD (t, metric) || TOK_FIELD (t, qualifier))
        break;
      if (t->end - t->start < 3 || !is_ascii_lower_word (S, t))
        break;
    }

  /* A plain plural right after the number: "10 million transactions", but
   * not "5 million analysts had expected". */
  j = i + 1;
  if (j < n && !others_expected_at (S, j))
    {
      Token *t = TOK (S, j);
      guint len = t->end - t->start;
      guint64 f = tok_flags (t);

      if (t->type == T_WORD && !t->glued && t->mention < 0 && len >= 4 && len < 32 &&
          is_ascii_lower_word (S, t) && S->body[t->end - 1] == 's' &&
          S->body[t->end - 2] != 's' &&
          !(f & (W_STOP | W_OF | W_MONTH | W_SCALE | W_PERCENT | W_VAGUE | W_TIMES | W_TIMEUNIT |
                 W_PRODSUFFIX | W_LABEL | W_CONJ)) &&
          !TOK_FIELD (t, metric) && !TOK_FIELD (t, currency) && !TOK_FIELD (t, qualifier))
        {
          *owned = g_strndup (S->body + t->start, len);
          return j;
        }
    }
  return i;
}

/* Looks for a currency after token @i ("3999 yuan", "75 pence", "US
 * dollars"). Returns the last token of it, or @i. */
static guint
find_currency_after (Sentence    *S,
                     guint        i,
                     const char **currency,
                     double      *factor)
{
  guint n = S->tokens->len;
  guint j = i + 1;

  *factor = 1;
  if (j < n && TOK (S, j)->type == T_WORD)
    {
      Token *t = TOK (S, j);
      const char *c = TOK_FIELD (t, currency);

      /* "Swiss francs", "Hong Kong dollars" */
      if (c == NULL && j + 1 < n)
        {
          const Word *pw = phrase_find (S, t, TOK (S, j + 1));

          if (pw != NULL && pw->currency != NULL)
            {
              *currency = pw->currency;
              return j + 1;
            }
        }
      /* "US dollars" */
      if (c == NULL && j + 1 < n && TOK (S, j + 1)->type == T_WORD &&
          (t->end - t->start == 2) && g_ascii_isupper (S->body[t->start]))
        {
          Token *t2 = TOK (S, j + 1);
          const char *c2 = TOK_FIELD (t2, currency);

          if (c2 != NULL)
            {
              *currency = c2;
              return j + 1;
            }
        }
      /* "50 Cent" is a name, not money. */
      if (c != NULL && t->cap && t->end - t->start == 4 &&
          memcmp (S->body + t->start, "Cent", 4) == 0)
        return i;
      if (c != NULL)
        {
          /* "won" is also a verb ("Halo 2 won three awards"): as money it
           * comes in large amounts. */
          if (strcmp (c, "KRW") == 0 && S->body[t->start] == 'w' &&
              !(TOK (S, i)->type == T_WORD && tok_has (TOK (S, i), W_SCALE)) && TOK (S, i)->num < 1000)
            return i;
          *currency = c;
          if (t->w && t->w->money_factor > 0)
            *factor = t->w->money_factor;
          return j;
        }
      if (t->glued && t->w && t->w->money_factor > 0 && t->end - t->start == 1)
        {
          /* "75p" */
          *currency = g_intern_static_string ("GBP");
          *factor = t->w->money_factor;
          return j;
        }
    }
  return i;
}

/* Reads a number written in words at @i: "two hundred", "a dozen",
 * "half a million", "twenty-five". Returns the number of tokens read. */
static guint
parse_spelled (Sentence *S,
               guint     i,
               double   *value,
               gboolean *has_scale)
{
  guint n = S->tokens->len;
  double total = 0, cur = 0;
  gboolean any = FALSE;
  guint j = i;

  *has_scale = FALSE;
  while (j < n)
    {
      Token *t = TOK (S, j);
      guint64 f = tok_flags (t);

      if (t->type != T_WORD || t->mention >= 0)
        break;
      if ((f & W_ARTICLE) && !any && j + 1 < n &&
          tok_has (TOK (S, j + 1), W_HUNDRED | W_DOZEN | W_SCALE) &&
          !tok_has (TOK (S, j + 1), W_SUFFIX))
        {
          cur = 1;
          j++;
          continue;
        }
      if ((f & W_HALF) && !any && j + 2 < n && tok_has (TOK (S, j + 1), W_ARTICLE) &&
          tok_has (TOK (S, j + 2), W_SCALE) && !tok_has (TOK (S, j + 2), W_SUFFIX))
        {
          total = 0.5 * TOK (S, j + 2)->w->scale;
          any = TRUE;
          *has_scale = TRUE;
          j += 3;
          continue;
        }
      if ((f & W_NUMWORD) && !(f & W_ORDINAL))
        {
          if (any && fmod (cur, 100) != 0 && t->w->num >= 10)
            break;    /* "five ten" */
          cur += t->w->num;
          any = TRUE;
          j++;
          if (j + 1 < n && is_dash (TOK (S, j)) && TOK (S, j)->glued &&
              TOK (S, j + 1)->glued && tok_has (TOK (S, j + 1), W_NUMWORD))
            j++;
          continue;
        }
      if ((f & W_HUNDRED) && (any || cur > 0))
        {
          cur = (cur > 0 ? cur : 1) * 100;
          any = TRUE;
          j++;
          continue;
        }
      if ((f & W_DOZEN) && (any || cur > 0))
        {
          cur = (cur > 0 ? cur : 1) * 12;
          any = TRUE;
          j++;
          continue;
        }
      if ((f & W_SCALE) && !(f & W_SUFFIX) && (any || cur > 0))
        {
          total += (cur > 0 ? cur : 1) * t->w->scale;
          cur = 0;
          any = TRUE;
          *has_scale = TRUE;
          j++;
          continue;
        }
      if ((f & W_AND) && any && j + 1 < n && tok_has (TOK (S, j + 1), W_NUMWORD) &&
          fmod (cur, 100) == 0 && cur > 0)
        {
          j++;
          continue;
        }
      /* "two and a half million" */
      if ((f & W_AND) && any && cur > 0 && j + 3 < n && tok_has (TOK (S, j + 1), W_ARTICLE) &&
          tok_has (TOK (S, j + 2), W_HALF) && tok_has (TOK (S, j + 3), W_SCALE) &&
          !tok_has (TOK (S, j + 3), W_SUFFIX))
        {
          cur += 0.5;
          j += 3;
          continue;
        }
      break;
    }
  if (!any)
    return 0;
  *value = total + cur;
  return j - i;
}

typedef struct {
  guint first;               /* first token (currency symbol or number) */
  guint last;                /* last token of the number with its scale */
  double value;
  const char *currency;
  gboolean scaled;
  gboolean short_suffix;     /* a one-letter scale glued on: "40m", "24K" */
  gboolean percent;
  gboolean spelled;
} Number;

/* Reads a number at @i: currency before, digits or words, scale, percent. */
static gboolean
parse_number (Sentence *S,
              guint     i,
              Number   *num)
{
  guint n = S->tokens->len;
  Token *t = TOK (S, i);
  guint j = i;

  memset (num, 0, sizeof *num);
  num->first = i;

  /* Currency before: "$", "US$", "HK$", "RMB", "Rs". */
  if (t->type == T_SYM && t->cp != '%')
    {
      num->currency = currency_for_symbol (t->cp);
      j++;
      if (j < n && TOK (S, j)->type == T_SYM && TOK (S, j)->cp != '%')
        j++;      /* "$$" */
    }
  else if (t->type == T_WORD && i + 1 < n)
    {
      Token *nx = TOK (S, i + 1);
      guint len = t->end - t->start;

      if (nx->type == T_SYM && nx->cp == '$' && nx->glued && len <= 2 && t->cap)
        {
          const char *w = S->body + t->start;

          if (len == 2 && memcmp (w, "US", 2) == 0)
            num->currency = "USD";
          else if (len == 2 && memcmp (w, "HK", 2) == 0)
            num->currency = "HKD";
          else if (len == 2 && memcmp (w, "NT", 2) == 0)
            num->currency = "TWD";
          else if (len == 1 && w[0] == 'R')
            num->currency = "BRL";
          else if (len == 1 && w[0] == 'A')
            num->currency = "AUD";
          else if (len == 1 && w[0] == 'C')
            num->currency = "CAD";
          else if (len == 1 && w[0] == 'S')
            num->currency = "SGD";
          else
            return FALSE;
          j += 2;
        }
      else if (TOK_FIELD (t, currency) && len >= 3 && !TOK_FIELD (t, unit) &&
               (nx->type == T_NUM) && g_ascii_isupper (S->body[t->start + 1]))
        {
          /* "RMB 3999", "CNY100" */
          num->currency = TOK_FIELD (t, currency);
          j++;
        }
      else if (len == 2 && memcmp (S->body + t->start, "Rs", 2) == 0 && nx->type == T_NUM)
        {
          num->currency = "INR";
          j++;
        }
      else if (len == 2 && memcmp (S->body + t->start, "Rs", 2) == 0 && is_punct (nx, '.') &&
               i + 2 < n && TOK (S, i + 2)->type == T_NUM)
        {
          num->currency = "INR";
          j += 2;
        }
      else if (!tok_has (t, W_NUMWORD | W_ARTICLE | W_HALF))
        return FALSE;
    }
  else if (t->type != T_NUM && !(t->type == T_WORD))
    return FALSE;

  if (j >= n)
    return FALSE;
  t = TOK (S, j);
  if (t->type == T_NUM)
    {
      if (t->used)
        return FALSE;
      num->value = t->num;
      num->last = j;
      /* A scale glued ("2.5bn", "24K") or spaced ("190 million"). */
      if (j + 1 < n)
        {
          Token *s = TOK (S, j + 1);

          /* Glued: any suffix ("2.5bn", "24K"); spaced: words and the
           * two-letter forms ("5 mn units"), not a lone "m" or "k". */
          if (s->type == T_WORD && tok_has (s, W_SCALE) &&
              (s->glued ? tok_has (s, W_SUFFIX) : !tok_has (s, W_SUFFIX) || s->end - s->start > 1))
            {
              num->value *= s->w->scale;
              num->scaled = TRUE;
              num->short_suffix = s->glued && s->end - s->start == 1;
              num->last = j + 1;
              /* "1.5 million" then "thousand"? no: "5 hundred thousand" is rare. */
            }
          else if (s->type == T_WORD && tok_has (s, W_HUNDRED) && !s->glued)
            {
              num->value *= 100;
              num->last = j + 1;
              if (j + 2 < n && tok_has (TOK (S, j + 2), W_SCALE) &&
                  !tok_has (TOK (S, j + 2), W_SUFFIX))
                {
                  num->value *= TOK (S, j + 2)->w->scale;
                  num->scaled = TRUE;
                  num->last = j + 2;
                }
            }
        }
    }
  else if (t->type == T_WORD)
    {
      guint count = parse_spelled (S, j, &num->value, &num->scaled);

      if (count == 0)
        return FALSE;
      num->spelled = TRUE;
      num->last = j + count - 1;
    }
  else
    return FALSE;

  /* Percent: "13%", "13 %", "13 percent", "13 per cent". */
  if (num->last + 1 < n)
    {
      Token *p = TOK (S, num->last + 1);

      if (p->type == T_SYM && p->cp == '%')
        {
          num->percent = TRUE;
          num->last++;
        }
      else if (p->type == T_WORD && tok_has (p, W_PERCENT))
        {
          num->percent = TRUE;
          num->last++;
          if (num->last + 1 < n && TOK (S, num->last + 1)->type == T_WORD &&
              g_ascii_strncasecmp (S->body + TOK (S, num->last + 1)->start, "points", 6) == 0)
            num->last++;
        }
      else if (p->type == T_WORD && tok_has (p, W_PER) && num->last + 2 < n &&
               tok_has (TOK (S, num->last + 2), W_CENT))
        {
          num->percent = TRUE;
          num->last += 2;
        }
    }
  return TRUE;
}

static gboolean
is_word (Sentence    *S,
         const Token *t,
         const char  *word)
{
  guint len = strlen (word);

  return t->type == T_WORD && t->end - t->start == len &&
         g_ascii_strncasecmp (S->body + t->start, word, len) == 0;
}

static gboolean
is_productish (Sentence    *S,
               guint        i)
{
  Token *p;

  if (i == 0)
    return FALSE;
  p = TOK (S, i - 1);
  if (p->type != T_WORD)
    return FALSE;
  if (p->mention >= 0)
    return TRUE;
  if (tok_has (p, W_LABEL))
    return TRUE;
  /* An unknown capitalized word inside the sentence: "Mate 20", "Windows 11";
   * a lone capital anywhere: "S&P 500", "Model S 100", "P 30". */
  if (p->cap && p->w == NULL && p->wx == NULL && i - 1 > 0 && !p->poss)
    return TRUE;
  if (p->cap && p->end - p->start == 1)
    return TRUE;
  return FALSE;
}

static void
candidate_clear (Candidate *c)
{
  g_clear_pointer (&c->unit_owned, g_free);
}

/* Whether the number token @i is part of a code rather than a quantity. */
static gboolean
is_code (Sentence *S,
         guint     i)
{
  guint n = S->tokens->len;
  Token *t = TOK (S, i);

  if (t->ndigits >= 9 && !t->sep && !t->decimal)
    return TRUE;
  /* "--333", "333--" */
  if (i >= 2 && t->glued && is_dash (TOK (S, i - 1)) && TOK (S, i - 1)->glued &&
      (is_dash (TOK (S, i - 2)) || (TOK (S, i - 2)->type == T_NUM && TOK (S, i - 2)->decimal)))
    return TRUE;
  if (i + 2 < n && is_dash (TOK (S, i + 1)) && TOK (S, i + 1)->glued &&
      is_dash (TOK (S, i + 2)) && TOK (S, i + 2)->glued)
    return TRUE;
  /* "-b 4096", "--bits 4096": an option of a command. */
  if (i >= 2 && TOK (S, i - 1)->type == T_WORD && TOK (S, i - 1)->glued &&
      is_dash (TOK (S, i - 2)) && !TOK (S, i - 2)->glued && !t->glued)
    return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Context: metric, scope, brand                                       */

static gboolean
is_company_metric (const char *metric)
{
  return metric != NULL && strcmp (metric, "population") != 0 && strcmp (metric, "growth") != 0;
}

static gboolean
sentence_has_metric (Sentence   *S,
                     const char *metric)
{
  for (guint k = 0; k < S->tokens->len; k++)
    {
      const char *m = TOK_FIELD (TOK (S, k), metric);

      if (m != NULL && strcmp (m, metric) == 0)
        return TRUE;
    }
  return FALSE;
}

static const char *
metric_for (Sentence        *S,
            const Candidate *c,
            gboolean         from_unit)
{
  const Tables *tables = S->tables;
  guint n = S->tokens->len;
  guint16 clause = TOK (S, c->first)->clause;
  const char *unit_metric = NULL;
  const char *best = NULL;
  guint best_d = G_MAXUINT;
  gboolean pct_growth = FALSE;
  gboolean best_from_sales = FALSE;

  if (c->rank)
    return "rank";

  /* A percentage right after a verb of change is the change ("shipments
   * jumped 37%", "up 5%", "fell by 2%"); after "to" it is a level
   * ("market share rose to 13%"). */
  if (g_strcmp0 (c->unit, "%") == 0 && c->first > 0)
    {
      Token *p = TOK (S, c->first - 1);
      const char *pm;

      if (is_word (S, p, "by") && c->first > 1)
        p = TOK (S, c->first - 2);
      pm = TOK_FIELD (p, metric);
      if ((pm != NULL && strcmp (pm, "growth") == 0) || is_word (S, p, "up") ||
          is_word (S, p, "down"))
        return "growth";
    }
  if (c->unit != NULL && c->currency == NULL && from_unit)
    unit_metric = g_hash_table_lookup (tables->unit_metrics, c->unit);
  /* People are staff only where the sentence speaks of staff ("the R&D
   * team has 3000 people"), not when they download or queue. */
  if (unit_metric != NULL && strcmp (unit_metric, "employees") == 0 &&
      strcmp (c->unit, "people") == 0 && !sentence_has_metric (S, "employees"))
    unit_metric = NULL;
  if (unit_metric != NULL && *unit_metric != '\0')
    return unit_metric;

  for (guint k = 0; k < n; k++)
    {
      Token *t = TOK (S, k);
      const char *m = NULL;
      gboolean mapped;
      guint d;

      if (t->clause != clause || t->type != T_WORD)
        continue;
      /* Names are not keywords: "Mr Jobs", "Steve Jobs". */
      if (t->cap && k > 0 && TOK (S, k - 1)->type == T_WORD && TOK (S, k - 1)->cap &&
          TOK (S, k - 1)->mention < 0)
        continue;
      if (k + 1 < n)
        {
          const Word *pw = phrase_find (S, t, TOK (S, k + 1));

          if (pw && pw->metric)
            m = pw->metric;
        }
      if (m == NULL)
        m = TOK_FIELD (t, metric);
      if (m == NULL)
        continue;
      if (strcmp (m, "growth") == 0 && g_strcmp0 (c->unit, "%") != 0 && c->currency == NULL)
        continue;
      /* A percentage is a share, else a change, else of what is named. */
      if (g_strcmp0 (c->unit, "%") == 0)
        {
          if (strcmp (m, "market share") == 0 || strcmp (m, "margin") == 0)
            {
              best = m;
              break;
            }
          if (strcmp (m, "growth") == 0)
            {
              pct_growth = TRUE;
              continue;
            }
        }
      if ((strcmp (m, "market share") == 0 || strcmp (m, "margin") == 0) &&
          g_strcmp0 (c->unit, "%") != 0)
        continue;
      mapped = FALSE;
      if (c->currency != NULL)
        {
          const char *mm = g_hash_table_lookup (tables->money_metrics, m);

          if (mm != NULL)
            {
              if (*mm == '\0')
                continue;
              mapped = strcmp (m, "sales") == 0;
              m = mm;
            }
        }
      d = k < c->first ? c->first - k : (k > c->last ? k - c->last : 0);
      /* Words after the figure count a little less than words before. */
      if (k > c->last)
        d += 1;
      if (d < best_d)
        {
          best_d = d;
          best = m;
          best_from_sales = mapped;
        }
    }
  /* "sold for £339" is a price, "sales of $2bn" revenue. */
  if (best != NULL && c->currency != NULL && strcmp (best, "revenue") == 0 && best_from_sales &&
      c->value < 1e4)
    return "price";
  if (best != NULL && (!pct_growth || strcmp (best, "market share") == 0 ||
                       strcmp (best, "margin") == 0))
    return best;
  if (pct_growth)
    return "growth";
  if (best != NULL)
    return best;
  if (c->currency != NULL && c->value < 1e5)
    {
      /* "£600 and his passport stolen", "fined £500": money, no price. */
      for (guint k = 0; k < n; k++)
        if (TOK (S, k)->clause == clause && tok_has (TOK (S, k), W_NOPRICE))
          return NULL;
      return "price";
    }
  if (c->unit != NULL && strcmp (c->unit, "%") == 0)
    return NULL;
  return NULL;
}

static const char *
scope_for (Sentence        *S,
           const Candidate *c)
{
  guint n = S->tokens->len;
  guint16 clause = TOK (S, c->first)->clause;
  guint16 segment = TOK (S, c->first)->segment;
  const char *best = NULL;
  guint best_d = G_MAXUINT;

  for (guint k = 0; k < n; k++)
    {
      Token *t = TOK (S, k);
      const char *s = NULL;
      guint d;

      guint at = k;

      if (t->clause != clause || t->type != T_WORD)
        continue;
      if (k + 1 < n)
        {
          const Word *pw = phrase_find (S, t, TOK (S, k + 1));

          /* "Latin America" is not "America". */
          if (pw && pw->scope)
            {
              s = pw->scope;
              k++;
            }
        }
      if (s == NULL)
        s = TOK_FIELD (t, scope);
      if (s == NULL)
        continue;
      /* Places after the figure count in its own comma segment only: "145.6
       * million units, and 10,000 stores in mainland China". */
      if (at > c->last && t->segment != segment)
        continue;
      /* "The Korean firm", "a Chinese brand": where a company is from, not
       * where the figure was made. */
      if ((at + 1 < n && tok_has (TOK (S, at + 1), W_COMPANY)) ||
          (at + 2 < n && TOK (S, at + 1)->type == T_WORD && tok_has (TOK (S, at + 2), W_COMPANY)))
        continue;
      /* "the world's", "in the world", not "the technology world". */
      if (t->end - t->start == 5 && g_ascii_strncasecmp (S->body + t->start, "world", 5) == 0 &&
          !t->poss && !(at > 0 && tok_has (TOK (S, at - 1), W_THE)))
        continue;
      d = at < c->first ? c->first - at : (at > c->last ? at - c->last : 0);
      if (t->segment != segment)
        d += 8;
      if (d < best_d)
        {
          best_d = d;
          best = s;
        }
    }
  return best;
}

static const char *
mention_brand (Sentence *S,
               guint     k)
{
  return S->ctx->mentions[S->m_first + k].brand;
}

static guint
mention_token (Sentence *S,
               guint     k)
{
  return g_array_index (S->mention_tokens, guint, k);
}

static gboolean is_modifier_mention (Sentence *S, guint k);

/* The last brand mentioned before token @tok in this sentence, else the
 * previous sentence's. */
static const char *
antecedent (Sentence *S,
            guint     tok)
{
  const char *brand = NULL;

  for (guint k = 0; k < S->mention_tokens->len; k++)
    if (mention_token (S, k) < tok && !is_modifier_mention (S, mention_token (S, k)))
      brand = mention_brand (S, k);
  return brand ? brand : S->ctx->prev_brand;
}

/* "Lenovo-owned", "Google-backed": a brand used as a modifier, not a
 * subject. */
static gboolean
is_modifier_mention (Sentence *S,
                     guint     k)
{
  static const char * const words[] = {
    "owned", "backed", "based", "made", "controlled", "listed", "funded", NULL,
  };
  guint j = k;

  if (TOK (S, k)->mention < 0)
    return FALSE;
  while (j + 1 < S->tokens->len && TOK (S, j + 1)->mention == TOK (S, k)->mention)
    j++;
  if (j + 2 >= S->tokens->len || !is_dash (TOK (S, j + 1)) || !TOK (S, j + 1)->glued)
    return FALSE;
  for (guint i = 0; words[i]; i++)
    if (is_word (S, TOK (S, j + 2), words[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_third_party_word (Sentence    *S,
                     const Token *t)
{
  static const char * const words[] = {
    "research", "analyst", "analysts", "consulting", "consultancy", "data", "rating", NULL,
  };

  for (guint i = 0; words[i]; i++)
    if (is_word (S, t, words[i]))
      return TRUE;
  return FALSE;
}

/* "the 5 million analysts had expected": a forecast by others follows. */
static gboolean
others_expected_at (Sentence *S,
                    guint     k)
{
  static const char * const verbs[] = {
    "had", "expected", "forecast", "predicted", "estimated", "were", "expect", NULL,
  };

  if (k + 1 >= S->tokens->len ||
      (!is_third_party_word (S, TOK (S, k)) && !is_word (S, TOK (S, k), "economists")))
    return FALSE;
  for (guint i = 0; verbs[i]; i++)
    if (is_word (S, TOK (S, k + 1), verbs[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_pronoun_at (Sentence *S,
               guint     k)
{
  Token *t = TOK (S, k);

  if (t->type != T_WORD)
    return FALSE;
  if (tok_has (t, W_PRONOUN))
    return TRUE;
  /* "the company", "the firm", "the Finnish network maker"; not "the
   * research firm", which is someone else. */
  if (tok_has (t, W_COMPANY) &&
      (k + 1 >= S->tokens->len || TOK (S, k + 1)->mention < 0))
    {
      for (guint q = k; q > 0 && k - q < 6; q--)
        {
          Token *b = TOK (S, q - 1);

          if (b->type == T_PUNCT && is_dash (b) && b->glued)
            continue;     /* "the Lenovo-owned brand" */
          if (b->type != T_WORD || (b->mention >= 0 && !is_modifier_mention (S, q - 1)) ||
              is_third_party_word (S, b))
            break;
          if (tok_has (b, W_THE))
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
has_inner_capital (Sentence    *S,
                   const Token *t)
{
  for (guint k = t->start + 1; k < t->end; k++)
    if (g_ascii_isupper (S->body[k]))
      return TRUE;
  return FALSE;
}

/* A company or person not in the lexicon may be the clause's subject
 * ("TimeWarner said sales rose", "President Trump threatened a 50% tariff"):
 * then a brand elsewhere is no guess. */
static gboolean
other_subject (Sentence        *S,
               const Candidate *c)
{
  guint16 clause = TOK (S, c->first)->clause;

  for (guint k = 0; k < c->first; k++)
    {
      Token *t = TOK (S, k);
      Token *nx = k + 1 < S->tokens->len ? TOK (S, k + 1) : NULL;

      if (t->clause != clause || t->type != T_WORD || t->mention >= 0)
        continue;
      /* "Analysts said", "the research firm said" */
      if (is_third_party_word (S, t))
        return TRUE;
      if (!t->cap || t->w != NULL || t->wx != NULL)
        continue;
      /* Inside the sentence a capital marks a name; at its start only a
       * name like "TimeWarner" or one followed by a verb ("Ericsson cut"). */
      if (k > 0 || has_inner_capital (S, t) ||
          (nx != NULL && nx->type == T_WORD && !nx->cap && !tok_has (nx, W_STOP) && !nx->glued))
        return TRUE;
    }
  return FALSE;
}

static const char *
brand_for (Sentence        *S,
           const Candidate *c,
           const char      *metric)
{
  guint16 clause = TOK (S, c->first)->clause;
  guint16 segment = TOK (S, c->first)->segment;
  guint n_m = S->mention_tokens->len;
  const char *nearest = NULL;
  guint nearest_d = G_MAXUINT;

  /* Apposition: "T-Mobile, the third largest operator", "Xiaomi, which
   * sold", "The Finnish network maker, which has 86,000 employees". */
  {
    guint g0 = c->first;

    while (g0 > 0 && TOK (S, g0 - 1)->segment == segment)
      g0--;
    if (g0 >= 1 && g0 + 1 < c->first &&
        (is_punct (TOK (S, g0), ',') || is_punct (TOK (S, g0), 0xFF0C)) &&
        tok_has (TOK (S, g0 + 1), W_APPOS))
      {
        gboolean own = FALSE;

        for (guint q = g0 + 1; q < c->first; q++)
          if (TOK (S, q)->mention >= 0)
            own = TRUE;
        if (!own && TOK (S, g0 - 1)->mention >= 0)
          return mention_brand (S, TOK (S, g0 - 1)->mention);
        if (!own && is_pronoun_at (S, g0 - 1))
          return antecedent (S, g0 - 1);
      }
  }

  /* Others' forecasts are no company's figures. */
  if (others_expected_at (S, c->last + 1))
    return NULL;

  /* "Apple took 24% and Xiaomi 21%": a name right before a share or an
   * amount. */
  if (c->first >= 1 && TOK (S, c->first - 1)->mention >= 0 && !c->rank &&
      (g_strcmp0 (c->unit, "%") == 0 || c->currency != NULL ||
       TOK (S, c->last)->type == T_WORD))
    return mention_brand (S, TOK (S, c->first - 1)->mention);

  /* "followed by Xiaomi with 7.6 million and vivo with 7.2 million" */
  if (c->first >= 2 && TOK (S, c->first - 2)->mention >= 0 &&
      (is_word (S, TOK (S, c->first - 1), "with") || is_word (S, TOK (S, c->first - 1), "at")))
    return mention_brand (S, TOK (S, c->first - 2)->mention);

  /* "No. 2 is Samsung" */
  if (c->rank && c->last + 2 < S->tokens->len &&
      (is_word (S, TOK (S, c->last + 1), "is") || is_word (S, TOK (S, c->last + 1), "was")) &&
      TOK (S, c->last + 2)->mention >= 0)
    return mention_brand (S, TOK (S, c->last + 2)->mention);

  /* The subject of the clause: the first brand or pronoun before the figure,
   * in its own comma segment if there is one there ("the OnePlus 12 costs
   * $799"), else in the clause. */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint k = 0; k < c->first; k++)
        {
          Token *t = TOK (S, k);

          if (t->clause != clause || (pass == 0 && t->segment != segment))
            continue;
          /* "vivo, OPPO and Xiaomi are": a list, whose head is the subject. */
          if (t->mention >= 0 && is_modifier_mention (S, k))
            continue;
          if (pass == 0 && t->mention >= 0 && k >= 2 &&
              (is_punct (TOK (S, k - 1), ',') || is_punct (TOK (S, k - 1), 0x3001)) &&
              TOK (S, k - 2)->mention >= 0 &&
              /* a bare item ("vivo, OPPO"), not "10.3 million iPads, Samsung" */
              (k < 3 || TOK (S, k - 3)->type == T_PUNCT || TOK (S, k - 3)->mention >= 0 ||
               tok_has (TOK (S, k - 3), W_STOP | W_CONJ)))
            break;
          if (t->mention >= 0)
            {
              /* A possessive closer to the figure names its owner: "beat
               * Apple's 50 million". */
              for (guint q = k + 1; q < c->first; q++)
                if (TOK (S, q)->mention >= 0 && TOK (S, q)->poss && TOK (S, q)->segment == segment &&
                    TOK (S, q)->mention != t->mention && c->first - q <= 4)
                  return mention_brand (S, TOK (S, q)->mention);
              return mention_brand (S, t->mention);
            }
          if (is_pronoun_at (S, k))
            {
              /* "Its parent OPPO employs ...": the name after the
               * possessive is the subject. */
              if (is_word (S, t, "its") || is_word (S, t, "their"))
                for (guint q = k + 1; q < c->first && q <= k + 3; q++)
                  if (TOK (S, q)->mention >= 0)
                    return mention_brand (S, TOK (S, q)->mention);
              return antecedent (S, k);
            }
        }
    }

  /* Just after the figure in its segment: "sales of 10 million for Xiaomi". */
  for (guint k = c->last + 1; k < S->tokens->len && k <= c->last + 5; k++)
    {
      Token *t = TOK (S, k);

      if (t->segment != segment)
        break;
      if (t->mention >= 0)
        return mention_brand (S, t->mention);
    }

  /* Market-wide figures belong to no brand. */
  if (metric != NULL && strcmp (metric, "population") == 0)
    return NULL;
  for (guint k = 0; k < S->tokens->len; k++)
    {
      Token *t = TOK (S, k);

      if (t->clause == clause && t->type == T_WORD && tok_has (t, W_MARKET) &&
          k < c->first)
        return NULL;
    }

  /* Further out, only figures of a known kind are a company's to claim:
   * "More than 120 experts were in Nice ... such as Nokia" are no one's. */
  if (other_subject (S, c) || metric == NULL || strcmp (metric, "population") == 0)
    return NULL;

  for (guint k = 0; k < n_m; k++)
    {
      guint tok = mention_token (S, k);
      guint d = tok < c->first ? c->first - tok : tok - c->last;

      if (d < nearest_d)
        {
          nearest_d = d;
          nearest = mention_brand (S, k);
        }
    }
  if (nearest != NULL)
    return nearest;

  /* A figure with no subject of its own belongs with the one before it in
   * the clause: "shipped 9.1 million phones, up 12% on the year before". */
  if (S->clause_brand != NULL && S->clause_brand_clause == clause)
    return S->clause_brand;
  /* A count that is itself the subject of a passive ("about 25 million
   * portable players were sold") is the market's, not the company the
   * sentence before was about. */
  for (guint k = c->last + 1; k + 1 < S->tokens->len && k <= c->last + 4; k++)
    {
      Token *t = TOK (S, k);

      if (t->clause != clause || t->type != T_WORD)
        break;
      if (is_word (S, t, "were") || is_word (S, t, "was") || is_word (S, t, "are") ||
          is_word (S, t, "is") || is_word (S, t, "been"))
        {
          Token *v = TOK (S, k + 1);

          if (v->type == T_WORD && TOK_FIELD (v, metric) != NULL &&
              v->end - v->start > 2 && S->body[v->end - 1] == 'd')
            return NULL;
          break;
        }
    }
  if (is_company_metric (metric))
    return S->ctx->prev_brand;
  return NULL;
}

/* ------------------------------------------------------------------ */
/* The scan                                                            */

/* Rank at @i: "second largest", "the world's largest maker", "number one",
 * "No. 1", "top three". Returns TRUE and fills @c. */
static gboolean
parse_rank (Sentence  *S,
            guint      i,
            Candidate *c)
{
  guint n = S->tokens->len;
  Token *t = TOK (S, i);
  guint64 f = tok_flags (t);
  double rank = 0;
  guint last = i;
  gboolean need_head = FALSE;

  if (t->type == T_WORD && (f & W_ORDINAL))
    {
      guint j = i + 1;

      if (j < n && is_dash (TOK (S, j)))
        j++;
      if (j < n && tok_has (TOK (S, j), W_RANKADJ))
        {
          rank = t->w->num;
          last = j;
        }
    }
  else if (t->type == T_NUM && !t->decimal && t->num >= 1 && t->num <= 100 && i + 1 < n &&
           TOK (S, i + 1)->glued && tok_has (TOK (S, i + 1), W_ORDSUFFIX))
    {
      guint j = i + 2;

      if (j < n && is_dash (TOK (S, j)))
        j++;
      if (j < n && tok_has (TOK (S, j), W_RANKADJ))
        {
          rank = t->num;
          last = j;
        }
    }
  else if (t->type == T_WORD && (f & W_RANKADJ) && i > 0 &&
           (tok_has (TOK (S, i - 1), W_THE) || (TOK (S, i - 1)->poss)))
    {
      rank = 1;
      last = i;
      need_head = !TOK (S, i - 1)->poss;
    }
  else if (t->type == T_WORD && (f & (W_NUMBER | W_NO)) && i + 1 < n)
    {
      guint j = i + 1;
      Token *nx;

      if ((f & W_NO) && j < n && is_punct (TOK (S, j), '.'))
        j++;
      else if (f & W_NO)
        return FALSE;
      if (j >= n)
        return FALSE;
      nx = TOK (S, j);
      if (nx->type == T_NUM && !nx->decimal && nx->num >= 1 && nx->num <= 20)
        rank = nx->num;
      else if (nx->type == T_WORD && tok_has (nx, W_NUMWORD) && nx->w->num >= 1 && nx->w->num <= 20)
        rank = nx->w->num;
      else
        return FALSE;
      if (j + 1 < n && tok_has (TOK (S, j + 1), W_OF))
        return FALSE;
      last = j;
    }
  else if (t->type == T_WORD && (f & W_TOP) && i + 1 < n)
    {
      Token *nx = TOK (S, i + 1);

      if (nx->type == T_NUM && !nx->decimal && nx->num >= 2 && nx->num <= 20)
        rank = nx->num;
      else if (nx->type == T_WORD && tok_has (nx, W_NUMWORD) && nx->w->num >= 2 && nx->w->num <= 20)
        rank = nx->w->num;
      else
        return FALSE;
      if (i + 2 < n && TOK (S, i + 2)->type == T_SYM)
        return FALSE;     /* "top 10%" */
      last = i + 1;
      /* "in the top three in India", "the top three makers"; not "a top 100
       * list" or "the top three as the domestic market". */
      if (i + 2 < n && !(TOK (S, i + 2)->type == T_PUNCT) &&
          !(TOK (S, i + 2)->type == T_WORD && (tok_has (TOK (S, i + 2), W_COMPANY) ||
                                               is_word (S, TOK (S, i + 2), "in"))))
        return FALSE;
    }
  else if (t->type == T_WORD && (f & W_RANKVERB) && i + 1 < n &&
           tok_has (TOK (S, i + 1), W_ORDINAL))
    {
      rank = TOK (S, i + 1)->w->num;
      last = i + 1;
    }

  if (rank <= 0)
    return FALSE;

  /* The head noun decides: a rank among markets or economies is no
   * brand's. */
  {
    gboolean company = FALSE;

    for (guint j = last + 1; j < n && j <= last + 5; j++)
      {
        Token *h = TOK (S, j);

        if (h->type != T_WORD)
          break;
        if (tok_has (h, W_COMPANY))
          {
            company = TRUE;
            break;
          }
        if (tok_has (h, W_MARKET))
          return FALSE;
      }
    if (need_head && !company)
      return FALSE;
  }

  memset (c, 0, sizeof *c);
  c->first = i;
  c->last = last;
  c->value = rank;
  c->value_max = NAN;
  c->rank = TRUE;
  return TRUE;
}

static const char *
qualifier_before (Sentence *S,
                  guint     i)
{
  Token *p1, *p2;

  if (i == 0)
    return NULL;
  p1 = TOK (S, i - 1);
  if (p1->type != T_WORD)
    return NULL;
  if (i >= 2)
    {
      const Word *pw;

      p2 = TOK (S, i - 2);
      pw = phrase_find (S, p2, p1);
      if (pw && pw->qualifier)
        {
          /* "no less than" is "at least"; "no more than" is "up to". */
          if (i >= 3 && tok_has (TOK (S, i - 3), W_NO))
            {
              if (strcmp (pw->qualifier, "less than") == 0)
                return "at least";
              if (strcmp (pw->qualifier, "more than") == 0)
                return "up to";
            }
          return pw->qualifier;
        }
      /* "as many as" */
      if (i >= 3 && p1->type == T_WORD && p2->type == T_WORD)
        {
          pw = phrase_find (S, TOK (S, i - 3), p2);
          if (pw && pw->qualifier && tok_has (p1, W_STOP))
            return pw->qualifier;
        }
    }
  return TOK_FIELD (p1, qualifier);
}

/* Whether the figure's clause states a goal before it: "aims to",
 * "a target of", "plans to become". */
static gboolean
is_goal (Sentence        *S,
         const Candidate *c)
{
  guint16 clause = TOK (S, c->first)->clause;

  for (guint k = c->first; k-- > 0;)
    {
      Token *t = TOK (S, k);

      if (t->clause != clause)
        break;
      if (t->type == T_WORD && tok_has (t, W_GOAL))
        return TRUE;
    }
  return FALSE;
}

/* A minus sign written before a number ("-1.41%", "−1.41%"), not a dash
 * of a range or a code ("40-50", "S-21"). */
static gboolean
has_minus_sign (Sentence        *S,
                const Candidate *c)
{
  Token *t = TOK (S, c->first);
  Token *d;

  if (c->first == 0 || t->type != T_NUM || !t->glued || c->rank)
    return FALSE;
  d = TOK (S, c->first - 1);
  if (!((d->type == T_PUNCT || d->type == T_SYM) && (d->cp == '-' || d->cp == 0x2212)))
    return FALSE;
  if (c->first >= 2 && d->glued &&
      (TOK (S, c->first - 2)->type != T_PUNCT || is_dash (TOK (S, c->first - 2)) ||
       is_punct (TOK (S, c->first - 2), '.')))
    return FALSE;
  /* "-333---600340" is a code. */
  if (c->last + 1 < S->tokens->len && is_dash (TOK (S, c->last + 1)) && TOK (S, c->last + 1)->glued)
    return FALSE;
  return TRUE;
}

/* A change is negative when the verb or noun of change says so: "falls
 * 1.8%", "down 3%", "dropped by 5%", "a 2% decline"; "fell to 5%" is a level,
 * and a minus sign already written stays as it is. */
static gboolean
is_decline (Sentence        *S,
            const Candidate *c)
{
  guint16 clause = TOK (S, c->first)->clause;
  guint lo = c->first > 6 ? c->first - 6 : 0;

  for (guint k = c->first; k-- > lo;)
    {
      Token *t = TOK (S, k);
      const char *m;

      if (t->clause != clause || t->type == T_NUM || t->type == T_SYM)
        break;
      if (t->type != T_WORD)
        continue;
      /* "down from 17%": where the change started, a level. */
      if (tok_has (t, W_TO | W_FROM))
        return FALSE;
      if (tok_has (t, W_DECLINE))
        return TRUE;
      m = TOK_FIELD (t, metric);
      if (m != NULL && strcmp (m, "growth") == 0)
        return FALSE;
      if (is_word (S, t, "up"))
        return FALSE;
    }
  if (c->last + 1 < S->tokens->len)
    {
      Token *t = TOK (S, c->last + 1);

      if (t->type == T_WORD && t->clause == clause && tok_has (t, W_DECLINE))
        return TRUE;
    }
  return FALSE;
}

static void
emit (Sentence  *S,
      Candidate *c,
      GPtrArray *figures)
{
  const char *metric = metric_for (S, c, TRUE);
  const char *brand = brand_for (S, c, metric);
  CitedFigure *f;
  guint sign_start = G_MAXUINT;
  int k;

  /* A company's people are its staff; people at large are not. */
  if (brand == NULL && g_strcmp0 (c->unit, "people") == 0 && g_strcmp0 (metric, "employees") == 0)
    metric = metric_for (S, c, FALSE);

  /* A rank means something only about a company. */
  if (c->rank && brand == NULL)
    return;
  if (brand != NULL)
    {
      S->clause_brand = brand;
      S->clause_brand_clause = TOK (S, c->first)->clause;
    }

  f = cited_figure_new ();
  f->value = cited_clean_value (c->value);
  f->value_max = cited_clean_value (c->value_max);
  f->unit = c->unit_owned ? g_strdup (c->unit_owned) : g_strdup (c->unit);
  f->currency = g_strdup (c->currency);
  f->qualifier = g_strdup (c->qualifier);
  f->metric = g_strdup (metric);
  f->scope = g_strdup (scope_for (S, c));
  f->brand = g_strdup (brand);
  f->language = g_strdup ("en");

  if (has_minus_sign (S, c))
    {
      f->value = -f->value;
      sign_start = TOK (S, c->first - 1)->start;
    }
  else if (g_strcmp0 (metric, "growth") == 0 && f->value > 0 && is_decline (S, c))
    {
      f->value = -f->value;
      if (!isnan (f->value_max))
        {
          /* The range keeps its low end first: "fell 10% to 15%" is -15..-10. */
          double low = -f->value_max;

          f->value_max = f->value;
          f->value = low;
        }
    }

  /* A bare count goes on from the count before it in the sentence:
   * "Samsung led with 7.9 million phones, followed by Xiaomi with 7.6
   * million"; a count of the same thing keeps its metric from the sentence
   * before: "Apple shipped 234.6 million iPhones. Xiaomi came third with
   * 145.9 million units." */
  if (f->unit == NULL && f->currency == NULL && !c->rank && S->last_figure != NULL &&
      S->last_figure->unit != NULL && strcmp (S->last_figure->unit, "%") != 0)
    {
      f->unit = g_strdup (S->last_figure->unit);
      if (f->metric == NULL)
        f->metric = g_strdup (S->last_figure->metric);
    }
  if (f->metric == NULL && f->unit != NULL && strcmp (f->unit, "%") != 0 &&
      S->prev_figure != NULL && g_strcmp0 (S->prev_figure->unit, f->unit) == 0)
    f->metric = g_strdup (S->prev_figure->metric);

  /* A bare number in a short sentence goes on from the figure before it:
   * "... over 150 stores, covering 40 to 50 cities. To open to 1000." */
  if (f->unit == NULL && f->currency == NULL && !c->rank && S->tokens->len <= 8 &&
      S->prev_figure != NULL && S->prev_figure->unit != NULL &&
      strcmp (S->prev_figure->unit, "%") != 0)
    {
      const CitedFigure *p = S->prev_figure;

      f->unit = g_strdup (p->unit);
      if (f->metric == NULL)
        f->metric = g_strdup (p->metric);
      if (f->brand == NULL)
        f->brand = g_strdup (p->brand);
    }

  k = nearest_period (S, S->years, c->first, TRUE);
  if (is_goal (S, c))
    {
      /* A goal keeps only a year of its own comma segment: "sold 190
       * million in 2021, and it aims to sell 300 million" has no period
       * for the 300 million. */
      if (k >= 0 && TOK (S, g_array_index (S->years, Period, k).token)->segment !=
                    TOK (S, c->first)->segment)
        k = -1;
    }
  else if (k < 0)
    k = nearest_period (S, S->years, c->first, FALSE);
  if (k >= 0)
    f->year = g_array_index (S->years, Period, k).year;
  else if (S->ctx->default_year > 0 &&
           (k = nearest_period (S, S->rel_years, c->first, FALSE)) >= 0)
    f->year = S->ctx->default_year + g_array_index (S->rel_years, Period, k).year;
  k = nearest_period (S, S->quarters, c->first, FALSE);
  if (k >= 0)
    f->quarter = g_array_index (S->quarters, Period, k).year;

  f->start = sign_start != G_MAXUINT ? sign_start : TOK (S, c->first)->start;
  f->end = TOK (S, c->last)->end;
  f->text = g_strndup (S->body + f->start, f->end - f->start);
  f->sentence_start = S->start;
  f->sentence_end = S->end;
  f->sentence = g_strndup (S->body + S->start, S->end - S->start);
  g_ptr_array_add (figures, f);
  S->last_figure = f;
}

static void
scan_figures (Sentence  *S,
              GPtrArray *figures)
{
  guint n = S->tokens->len;
  gboolean bare_column = FALSE;

  /* A line where most tokens are numbers is a table's column or row. */
  {
    guint n_num = 0, n_other = 0;

    for (guint i = 0; i < n; i++)
      {
        Token *t = TOK (S, i);

        if (t->type == T_NUM && !t->used)
          n_num++;
        else if (t->type == T_WORD || t->type == T_CJK)
          n_other++;
      }
    bare_column = n_num >= 4 && n_num > n_other;
  }

  for (guint i = 0; i < n; i++)
    {
      Token *t = TOK (S, i);
      Candidate c = { 0 };
      Number a;
      guint last;
      const char *unit = NULL;
      char *owned = NULL;
      gboolean duration = FALSE, times = FALSE;
      double factor = 1;
      const char *cur_after = NULL;

      if (t->used)
        continue;

      if (t->type == T_WORD && parse_rank (S, i, &c))
        {
          emit (S, &c, figures);
          for (guint j = c.first; j <= c.last; j++)
            TOK (S, j)->used = 1;
          i = c.last;
          continue;
        }
      if (t->type == T_WORD && tok_has (t, W_TOP) && i + 1 < n && TOK (S, i + 1)->type == T_NUM)
        {
          /* "a top 100 list": no rank and no figure. */
          TOK (S, i + 1)->used = 1;
          i++;
          continue;
        }
      if (t->type == T_WORD && tok_has (t, W_VAGUE))
        {
          /* "hundreds of millions of users": no number to cite. */
          while (i + 1 < n && tok_has (TOK (S, i + 1), W_OF | W_VAGUE | W_SCALE))
            TOK (S, ++i)->used = 1;
          continue;
        }
      if (t->type == T_NUM && i + 1 < n && TOK (S, i + 1)->glued &&
          tok_has (TOK (S, i + 1), W_ORDSUFFIX))
        {
          if (parse_rank (S, i, &c))
            {
              emit (S, &c, figures);
              i = c.last;
            }
          else
            i++;          /* "the 3rd" */
          continue;
        }
      if (t->type != T_NUM && t->type != T_SYM && t->type != T_WORD)
        continue;
      if (!parse_number (S, i, &a))
        continue;

      /* Attribute values in markup ("width = \"303\""), list markers ("100.")
       * and specifications ("5,000 mAh", "48 MP") are no figures. */
      {
        guint q = a.first;

        while (q > 0 && TOK (S, q - 1)->type == T_PUNCT &&
               (TOK (S, q - 1)->cp == '"' || TOK (S, q - 1)->cp == '\''))
          q--;
        if (q > 0 && is_punct (TOK (S, q - 1), '='))
          {
            TOK (S, a.first)->used = 1;
            i = a.last;
            continue;
          }
        if (a.first == 0 && !a.spelled && a.currency == NULL && !a.percent && !a.scaled &&
            (a.last + 1 >= n || (TOK (S, a.last + 1)->type == T_PUNCT &&
                                 (TOK (S, a.last + 1)->cp == '.' || TOK (S, a.last + 1)->cp == ')'))))
          {
            i = a.last;
            continue;
          }
        /* Codes, versions and identifiers: long digit runs
         * ("v0.0.0-20170915032832"), numbers in runs of dashes
         * ("600331--333---600340"), command-line options ("-b 4096"). */
        if (!a.spelled && a.currency == NULL && !a.percent && !a.scaled &&
            TOK (S, a.last)->type == T_NUM && is_code (S, a.last))
          {
            TOK (S, a.last)->used = 1;
            i = a.last;
            continue;
          }
        /* In a column of bare numbers (a table flattened to text), a
         * number with no unit, currency or scale is a cell, not a figure. */
        if (bare_column && !a.spelled && a.currency == NULL && !a.percent && !a.scaled &&
            (a.last + 1 >= n || TOK (S, a.last + 1)->type != T_WORD ||
             (TOK_FIELD (TOK (S, a.last + 1), unit) == NULL &&
              TOK_FIELD (TOK (S, a.last + 1), currency) == NULL)))
          {
            TOK (S, a.last)->used = 1;
            i = a.last;
            continue;
          }
        if (!a.percent && a.currency == NULL && a.last + 1 < n &&
            tok_has (TOK (S, a.last + 1), W_SPEC))
          {
            for (guint r = a.first; r <= a.last + 1; r++)
              TOK (S, r)->used = 1;
            i = a.last + 1;
            continue;
          }
      }

      {
        /* The first number token, for the model-name checks. */
        guint ni = a.first;

        while (ni <= a.last && TOK (S, ni)->type != T_NUM && !a.spelled)
          ni++;
        if (!a.spelled && ni <= a.last)
          {
            Token *nt = TOK (S, ni);
            Token *pv = ni > 0 ? TOK (S, ni - 1) : NULL;
            Token *nx = ni + 1 < n ? TOK (S, ni + 1) : NULL;

            if (nt->used)
              continue;
            /* Glued to letters before: "Mate10", "SU7", "COVID-19". */
            if (pv && nt->glued && (pv->type == T_WORD || pv->type == T_CJK) && a.currency == NULL)
              {
                nt->used = 1;
                continue;
              }
            if (pv && nt->glued && is_dash (pv) && ni >= 2 && pv->glued &&
                TOK (S, ni - 2)->type == T_WORD)
              {
                nt->used = 1;
                continue;
              }
            if (pv && nt->glued && (is_punct (pv, '#') || is_punct (pv, '.') || is_punct (pv, '/')))
              continue;
            /* Glued to letters after that are no scale: "6T", "5G", "4K" TVs. */
            if (nx && nx->glued && nx->type == T_WORD && !(a.scaled && ni + 1 <= a.last) &&
                !(nx->w && nx->w->money_factor > 0 && nx->end - nx->start == 1))
              {
                nt->used = 1;
                nx->used = 1;
                continue;
              }
            if (nx && nx->glued && nx->type == T_WORD && a.scaled && !a.currency &&
                (nx->end - nx->start) == 1 && (S->body[nx->start] == 'K' || S->body[nx->start] == 'k') &&
                nt->num <= 16 && !nt->decimal)
              {
                nt->used = 1;   /* "4K", "8K" screens */
                continue;
              }
            /* Model names: "Xiaomi 8 Pro", "Mi 14", "iPhone 15", "Windows 11". */
            if (!a.scaled && !a.percent && !a.currency && !nt->sep && !nt->decimal &&
                nt->num < 10000 && is_productish (S, ni))
              {
                const char *u = NULL;
                char *o = NULL;
                gboolean dur, tim;

                find_unit (S, a.last, &u, &o, &dur, &tim);
                g_free (o);
                if (u == NULL || strcmp (u, "units") == 0)
                  {
                    nt->used = 1;
                    continue;
                  }
              }
            if (!a.scaled && !a.percent && !a.currency && nx && !nx->glued &&
                nx->type == T_WORD && tok_has (nx, W_PRODSUFFIX) &&
                (nx->cap || g_ascii_strncasecmp (S->body + nx->start, "series", 6) == 0) &&
                nt->num < 1000 && !nt->sep)
              {
                nt->used = 1;
                continue;
              }
          }
        else if (a.spelled)
          {
            /* "one plus" (OnePlus) and "one" inside other brands. */
            if (TOK (S, a.first)->mention >= 0)
              continue;
          }
      }

      last = a.last;
      c.first = a.first;
      c.value = a.value;
      c.value_max = NAN;
      c.currency = a.currency;

      /* Range: "40 to 50", "40-50", "between 3 and 5", "$3-5bn". */
      if (last + 2 < n)
        {
          Token *r = TOK (S, last + 1);
          gboolean between = a.first > 0 && tok_has (TOK (S, a.first - 1), W_BETWEEN);
          gboolean from = a.first > 0 && tok_has (TOK (S, a.first - 1), W_FROM);
          gboolean sep = is_dash (r) || (r->type == T_WORD && tok_has (r, W_TO) && !from) ||
                         (between && r->type == T_WORD && tok_has (r, W_AND));

          if (sep && !from && !a.percent)
            {
              Number b;

              if (parse_number (S, last + 2, &b) && !TOK (S, b.spelled ? b.first : b.last)->used &&
                  a.spelled == b.spelled &&
                  (b.currency == NULL || a.currency == NULL || b.currency == a.currency))
                {
                  double lo = a.value, hi = b.value;

                  /* "3 to 5 million": the scale of the second applies to both. */
                  if (!a.scaled && b.scaled)
                    {
                      for (guint q = b.first; q <= b.last; q++)
                        {
                          Token *s = TOK (S, q);

                          if (s->type == T_WORD && tok_has (s, W_SCALE))
                            lo *= s->w->scale;
                        }
                    }
                  if (hi > lo)
                    {
                      c.value = lo;
                      c.value_max = hi;
                      last = b.last;
                      if (c.currency == NULL)
                        c.currency = b.currency;
                      a.percent = a.percent || b.percent;
                    }
                }
            }
          else if (sep && a.percent && !from)
            {
              /* "5%-7%", "3% to 3.5%" */
              Number b;

              if (parse_number (S, last + 2, &b) && b.percent && b.value > a.value)
                {
                  c.value_max = b.value;
                  last = b.last;
                }
            }
        }

      if (a.percent || (last > a.last && last > 0 && TOK (S, last)->type == T_SYM &&
                        TOK (S, last)->cp == '%'))
        c.unit = "%";
      else
        {
          guint cl = c.currency == NULL ? find_currency_after (S, last, &cur_after, &factor) : last;

          if (cl > last)
            {
              c.currency = cur_after;
              c.value *= factor;
              if (!isnan (c.value_max))
                c.value_max *= factor;
              last = cl;
            }
          else
            {
              guint ul = find_unit (S, last, &unit, &owned, &duration, &times);

              if (duration || times)
                {
                  g_free (owned);
                  for (guint q = a.first; q <= last; q++)
                    TOK (S, q)->used = 1;
                  i = last;
                  continue;
                }
              /* A number before a singular noun names a model: "their 7610
               * phone", "the 737 plane". */
              if (unit != NULL && c.currency == NULL && !a.scaled && !a.spelled &&
                  c.value != 1 && isnan (c.value_max) && strcmp (unit, "people") != 0 &&
                  ul > last && TOK (S, ul)->type == T_WORD &&
                  S->body[TOK (S, ul)->end - 1] != 's' && S->body[TOK (S, ul)->end - 1] != 'S' &&
                  /* but "500 phone shops" counts shops */
                  !(ul + 1 < n && TOK (S, ul + 1)->type == T_WORD &&
                    S->body[TOK (S, ul + 1)->end - 1] == 's'))
                {
                  g_free (owned);
                  for (guint q = a.first; q <= ul; q++)
                    TOK (S, q)->used = 1;
                  i = ul;
                  continue;
                }
              if (c.currency == NULL)
                {
                  c.unit = unit;
                  c.unit_owned = owned;
                  owned = NULL;
                  last = ul;
                }
              g_free (owned);
            }
        }

      /* A measure used as an adjective: "a 5,000-ton destroyer", "a 90-day
       * truce". */
      if (!a.percent && c.currency == NULL && c.unit == NULL && c.unit_owned == NULL &&
          last + 2 < n && is_dash (TOK (S, last + 1)) && TOK (S, last + 1)->glued &&
          TOK (S, last + 2)->glued && TOK (S, last + 2)->type == T_WORD)
        {
          candidate_clear (&c);
          for (guint q = a.first; q <= last; q++)
            TOK (S, q)->used = 1;
          i = last;
          continue;
        }
      /* "800m" and "17.30m" in sport are metres: a one-letter scale with no
       * currency needs a counted noun ("5m people", "24K stores"). */
      if (a.short_suffix && c.currency == NULL && c.unit == NULL && !a.percent)
        {
          candidate_clear (&c);
          for (guint q = a.first; q <= last; q++)
            TOK (S, q)->used = 1;
          i = last;
          continue;
        }
      /* Words alone are too common to be figures: "one of", "two models";
       * and "two towns", "three partners" are talk, not cited figures. */
      if (a.spelled && ((c.unit == NULL && c.currency == NULL) || c.value < 10) && !a.scaled)
        {
          candidate_clear (&c);
          i = a.last;
          continue;
        }
      /* Plain nouns the tables do not know count only in numbers large
       * enough to be cited: "10 million transactions", not "2 goals". */
      if (c.unit_owned != NULL && (a.spelled || (!a.scaled && c.value < 100)))
        {
          candidate_clear (&c);
          i = a.last;
          continue;
        }
      /* "reached 600 of the previous generation", "600 of its": a bare
       * number that is part of something else counts nothing we can use. */
      if (!a.spelled && c.unit == NULL && c.unit_owned == NULL && c.currency == NULL &&
          !a.scaled && last + 2 < n && tok_has (TOK (S, last + 1), W_OF))
        {
          Token *d = TOK (S, last + 2);

          if (is_word (S, d, "its") || is_word (S, d, "their") || is_word (S, d, "his") ||
              is_word (S, d, "her") || is_word (S, d, "our") ||
              (is_word (S, d, "the") && last + 3 < n &&
               (is_word (S, TOK (S, last + 3), "previous") || is_word (S, TOK (S, last + 3), "last") ||
                is_word (S, TOK (S, last + 3), "prior"))))
            {
              candidate_clear (&c);
              i = a.last;
              continue;
            }
        }
      /* A bare "1" or "2" is more often a list or a name than a figure. */
      /* A bare number under 100 is an age, a score, a position or a name
       * more often than a cited figure. */
      if (!a.spelled && c.unit == NULL && c.unit_owned == NULL && c.currency == NULL && !a.scaled &&
          (isnan (c.value_max) ? c.value : c.value_max) < 100)
        {
          i = a.last;
          continue;
        }

      c.last = last;
      c.qualifier = qualifier_before (S, a.first);
      emit (S, &c, figures);
      candidate_clear (&c);
      for (guint q = a.first; q <= last; q++)
        TOK (S, q)->used = 1;
      i = last;
    }
}

/* The brand the sentence is about, for the next one. */
static const char *
sentence_brand (Sentence *S)
{
  /* The subject: a name, or a pronoun ("It", "The brand, spun off from
   * Huawei, ...") that keeps the company of the sentence before. */
  for (guint k = 0; k < S->tokens->len && k < 6; k++)
    {
      if (TOK (S, k)->mention >= 0 && !is_modifier_mention (S, k))
        return mention_brand (S, TOK (S, k)->mention);
      if (is_pronoun_at (S, k))
        return S->ctx->prev_brand;
    }
  if (S->mention_tokens->len > 0)
    return mention_brand (S, 0);
  /* "the company shipped 11.7 million phones": the brand its figures took. */
  return S->clause_brand;
}

/* ------------------------------------------------------------------ */
/* Sentences                                                           */

static const char * const abbreviations[] = {
  "mr", "mrs", "ms", "dr", "prof", "inc", "ltd", "co", "corp", "st", "jr", "sr", "vs",
  "etc", "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
  "oct", "nov", "dec", "gen", "gov", "sen", "rep", "mt", "ft", "approx", "est", "fig",
  "e.g", "i.e", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "rs", "vol", "op", "cf", "al",
  NULL,
};

static gboolean
is_abbreviation (const char *body,
                 guint       start,
                 guint       dot)
{
  guint a = dot;
  char word[8];
  guint len;

  while (a > start && (g_ascii_isalpha (body[a - 1]) || (body[a - 1] == '.' && a - 1 > start &&
                                                        g_ascii_isalpha (body[a - 2]))))
    a--;
  len = dot - a;
  if (len == 0)
    return FALSE;
  /* A single capital: an initial ("J. Smith"). */
  if (len == 1 && g_ascii_isupper (body[a]))
    return TRUE;
  if (len >= sizeof word)
    return FALSE;
  for (guint k = 0; k < len; k++)
    word[k] = g_ascii_tolower (body[a + k]);
  word[len] = '\0';
  for (guint k = 0; abbreviations[k]; k++)
    if (strcmp (word, abbreviations[k]) == 0)
      return TRUE;
  return FALSE;
}

static inline gboolean
is_closer (const char *b,
           guint       p,
           guint       end,
           guint      *len)
{
  guchar c = b[p];

  if (c == '"' || c == '\'' || c == ')' || c == ']')
    {
      *len = 1;
      return TRUE;
    }
  if (c == 0xE2 && p + 2 < end && (guchar) b[p + 1] == 0x80 &&
      ((guchar) b[p + 2] == 0x9D || (guchar) b[p + 2] == 0x99))
    {
      *len = 3;    /* ” ’ */
      return TRUE;
    }
  if (c == 0xE3 && p + 2 < end && (guchar) b[p + 1] == 0x80 &&
      ((guchar) b[p + 2] == 0x8D || (guchar) b[p + 2] == 0x8F || (guchar) b[p + 2] == 0x8B))
    {
      *len = 3;    /* 」 』 》 */
      return TRUE;
    }
  if (c == 0xEF && p + 2 < end && (guchar) b[p + 1] == 0xBC && (guchar) b[p + 2] == 0x89)
    {
      *len = 3;    /* ） */
      return TRUE;
    }
  return FALSE;
}

/* Finds the sentence that starts at or after @pos: [*start, *end) with the
 * spaces around it trimmed. Returns the position to continue from. */
#define MAX_SENTENCE 2000

/* 0: nothing to do; 1: look closer; 2: a digit or money symbol. */
static guint8 split_class[256];

static void
init_split_class (void)
{
  for (guint c = 0; c < 256; c++)
    split_class[c] = 0;
  split_class['\n'] = split_class['.'] = split_class['!'] = split_class['?'] = 1;
  split_class[0xC2] = split_class[0xE2] = 1;
  for (guint c = 0xE3; c < 256; c++)
    split_class[c] = 1;
  for (guint c = '0'; c <= '9'; c++)
    split_class[c] = 2;
  split_class['$'] = split_class['%'] = 2;
}

static guint
split_sentence (const char *b,
                guint       pos,
                guint       len,
                guint      *start,
                guint      *end,
                gboolean   *has_cjk,
                gboolean   *has_digit)
{
  guint p = pos;
  guint cut = len;
  guint next = len;

  *has_cjk = FALSE;
  *has_digit = FALSE;
  while (p < len && g_ascii_isspace (b[p]))
    p++;
  *start = p;

  while (p < len)
    {
      guint limit = MIN (len, *start + MAX_SENTENCE);
      guchar c;
      guint8 k;

      while (p < limit && split_class[(guchar) b[p]] == 0)
        p++;
      if (p >= limit)
        {
          if (limit == len)
            break;
          /* Text with no sentence end for pages (tables, lists, logs) is
           * cut at a space so that no sentence grows without bound. */
          {
            guint q = p;

            /* Preferably after a comma, so a figure stays whole. */
            while (q < len && q < limit + 512 && b[q] != ',' && b[q] != ';')
              q++;
            if (q < len && q < limit + 512)
              {
                cut = next = q + 1;
                break;
              }
          }
          while (p < len && !g_ascii_isspace (b[p]) &&
                 !(p > limit + 64 && ((guchar) b[p] & 0xC0) != 0x80))
            p++;
          cut = next = p;
          break;
        }
      c = b[p];
      k = split_class[c];
      if (k == 2)
        {
          *has_digit = TRUE;
          p++;
          continue;
        }
      if (c == 0xC2 || c == 0xE2)
        {
          /* £ ¥ (C2 A3, C2 A5), € ₩ ₹ (E2 82 ..) */
          if (p + 1 < len && ((c == 0xC2 && ((guchar) b[p + 1] == 0xA3 || (guchar) b[p + 1] == 0xA5)) ||
                              (c == 0xE2 && (guchar) b[p + 1] == 0x82)))
            *has_digit = TRUE;
          p++;
          continue;
        }

      if (c == '\n')
        {
          guint q = p + 1;
          gboolean blank = FALSE;

          while (q < len && (b[q] == ' ' || b[q] == '\t' || b[q] == '\r' || b[q] == '\n'))
            {
              if (b[q] == '\n')
                blank = TRUE;
              q++;
            }
          /* One line break ends a sentence unless the text goes on in
           * lower case (a wrapped line). */
          if (blank || q >= len || !g_ascii_islower (b[q]))
            {
              cut = p;
              next = q;
              break;
            }
          p = q;
          continue;
        }
      if (c == '!' || c == '?' || c == '.')
        {
          guint q = p + 1;
          guint cl;

          if (c == '.')
            {
              /* Decimals and dotted numbers. */
              if (p > *start && g_ascii_isdigit (b[p - 1]) && q < len && g_ascii_isdigit (b[q]))
                {
                  p++;
                  continue;
                }
            }
          while (q < len && (b[q] == '.' || b[q] == '!' || b[q] == '?'))
            q++;
          while (q < len && is_closer (b, q, len, &cl))
            q += cl;
          if (q >= len)
            {
              cut = q;
              next = q;
              break;
            }
          if (g_ascii_isspace (b[q]))
            {
              guint r = q;

              while (r < len && (b[r] == ' ' || b[r] == '\t'))
                r++;
              if (r < len && (g_ascii_islower (b[r]) || b[r] == ','))
                {
                  p = q;
                  continue;
                }
              if (c == '.' && q == p + 1 && is_abbreviation (b, *start, p) &&
                  !(r < len && b[r] == '\n'))
                {
                  p = q;
                  continue;
                }
              cut = q;
              next = q;
              break;
            }
          /* No space: "overseas.As is known" splits, "example.com" and
           * "U.S." do not. */
          if (g_ascii_isupper (b[q]) && p > *start && g_ascii_islower (b[p - 1]) &&
              (c != '.' || !is_abbreviation (b, *start, p)))
            {
              cut = q;
              next = q;
              break;
            }
          if (q > p + 1 && !g_ascii_isalnum (b[q]))
            {
              cut = q;
              next = q;
              break;
            }
          p = q;
          continue;
        }
      if (c >= 0xE3)
        {
          /* 。！？；… and their closing quotes. */
          if (c == 0xE3 && p + 2 < len && (guchar) b[p + 1] == 0x80 && (guchar) b[p + 2] == 0x82)
            {
              guint q = p + 3, cl;

              while (q < len && is_closer (b, q, len, &cl))
                q += cl;
              cut = next = q;
              *has_cjk = TRUE;
              break;
            }
          if (c == 0xEF && p + 2 < len && (guchar) b[p + 1] == 0xBC &&
              ((guchar) b[p + 2] == 0x81 || (guchar) b[p + 2] == 0x9F || (guchar) b[p + 2] == 0x9B))
            {
              guint q = p + 3, cl;

              while (q < len && ((guchar) b[q] == 0xEF && q + 2 < len && (guchar) b[q + 1] == 0xBC &&
                                 ((guchar) b[q + 2] == 0x81 || (guchar) b[q + 2] == 0x9F)))
                q += 3;
              while (q < len && is_closer (b, q, len, &cl))
                q += cl;
              cut = next = q;
              break;
            }
          if (c <= 0xE9)
            *has_cjk = TRUE;
          else if (c == 0xEF)
            *has_digit = TRUE;
          p += 3;
          continue;
        }
      p++;
    }

  if (p >= len && cut == len)
    next = len;
  while (cut > *start && g_ascii_isspace (b[cut - 1]))
    cut--;
  *end = MIN (cut, len);
  return MAX (next, *start + 1);
}

static gboolean
mostly_cjk (const char *b,
            guint       start,
            guint       end)
{
  guint cjk = 0, words = 0;
  gboolean in_word = FALSE;

  for (guint p = start; p < end;)
    {
      guchar c = b[p];

      if (c < 0x80)
        {
          /* Links in Markdown sources are not prose in either language. */
          if ((c == 'h' && p + 4 < end && memcmp (b + p, "http", 4) == 0) ||
              (c == 'w' && p + 4 < end && memcmp (b + p, "www.", 4) == 0))
            {
              while (p < end && !g_ascii_isspace (b[p]) && b[p] != ')' && b[p] != ']' &&
                     (guchar) b[p] < 0x80)
                p++;
              in_word = FALSE;
              continue;
            }
          if (g_ascii_isalpha (c))
            {
              words += in_word ? 0 : 1;
              in_word = TRUE;
            }
          else
            in_word = FALSE;
          p++;
          continue;
        }
      in_word = FALSE;
      if (c >= 0xE3 && c <= 0xE9 && p + 2 < end)
        {
          gunichar u = ((gunichar) (c & 0x0F) << 12) | ((gunichar) (b[p + 1] & 0x3F) << 6) |
                       (gunichar) (b[p + 2] & 0x3F);

          cjk += is_cjk (u) ? 1 : 0;
          p += 3;
          continue;
        }
      p += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    }
  /* A Chinese character carries about what an English word does. */
  return cjk > 0 && cjk >= words;
}

/* Words that can make a figure without a digit: spelled numbers and
 * ranks. A sentence with neither digits nor these is not tokenized. */
static const char * const trigger_words[] = {
  "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
  "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
  "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
  "eighty", "ninety", "hundred", "thousand", "million", "billion", "trillion",
  "dozen", "half", "largest", "biggest", "number", "top", "ranked", "ranks", NULL,
};

static gboolean
has_trigger_word (const char *b,
                  guint       start,
                  guint       end)
{
  /* Candidates by length and first letter, at most four each. */
  static guint8 slots[16][26][4];
  static gsize init = 0;
  guint p = start;

  if (g_once_init_enter (&init))
    {
      for (guint i = 0; trigger_words[i]; i++)
        {
          guint len = strlen (trigger_words[i]);
          guint8 *slot = slots[len][trigger_words[i][0] - 'a'];
          guint k = 0;

          while (slot[k] != 0)
            k++;
          g_assert (k < 3);
          slot[k] = i + 1;
        }
      g_once_init_leave (&init, 1);
    }

  while (p < end)
    {
      guint w;
      guint len;
      guchar first;

      if (!g_ascii_isalpha (b[p]))
        {
          p++;
          continue;
        }
      w = p;
      while (p < end && g_ascii_isalpha (b[p]))
        p++;
      len = p - w;
      first = lower (b[w]);
      if (len >= 16)
        continue;
      for (const guint8 *slot = slots[len][first - 'a']; *slot != 0; slot++)
        {
          const char *word = trigger_words[*slot - 1];
          guint k;

          for (k = 1; k < len && lower (b[w + k]) == (guchar) word[k]; k++)
            ;
          if (k == len)
            return TRUE;
        }
    }
  return FALSE;
}

/* The brand a sentence without figures is about: its first mention, or the
 * previous sentence's when it opens with a pronoun ("It sold ...", "The
 * company said ..."). */
static const char *
quick_sentence_brand (const CitedExtractContext *ctx,
                      const char                *b,
                      guint                      start,
                      guint                      end,
                      guint                      m_first,
                      guint                      m_last)
{
  static const char * const openers[] = {
    "it", "its", "they", "their", "he", "she", "his", "her", "the company", "the firm",
    "the group", "the brand", NULL,
  };

  for (guint i = 0; openers[i]; i++)
    {
      guint len = strlen (openers[i]);

      if (start + len < end && g_ascii_strncasecmp (b + start, openers[i], len) == 0 &&
          !g_ascii_isalpha (b[start + len]))
        return ctx->prev_brand;
    }
  if (m_first < m_last)
    return ctx->mentions[m_first].brand;
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

static int
year_of (const char *published)
{
  int y = 0;

  if (published == NULL)
    return 0;
  for (int k = 0; k < 4; k++)
    {
      if (!g_ascii_isdigit (published[k]))
        return 0;
      y = y * 10 + (published[k] - '0');
    }
  return (y >= 1900 && y <= 2200) ? y : 0;
}

/**
 * cited_extract:
 * @lexicon: the brands to look for
 * @title: (nullable): the article's title
 * @body: the article's text, UTF-8
 * @length: length of @body in bytes, or -1
 * @published: (nullable): "YYYY-MM-DD"
 *
 * Returns: (transfer full): the figures and brand mentions of @body.
 */
CitedExtraction *
cited_extract (CitedLexicon *lexicon,
               const char   *title,
               const char   *body,
               gssize        length,
               const char   *published)
{
  CitedExtraction *result = g_new0 (CitedExtraction, 1);
  CitedExtractContext ctx = { 0 };
  Sentence S = { 0 };
  guint len;
  guint pos = 0;
  guint m_index = 0;
  gboolean any_cjk = FALSE;

  result->figures = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_figure_unref);
  if (body == NULL || length == 0 || !CITED_IS_LEXICON (lexicon))
    {
      /* A missing lexicon is a programming error, reported; the result
       * stays safe to use either way. */
      g_warn_if_fail (CITED_IS_LEXICON (lexicon));
      result->mentions = g_array_new (FALSE, FALSE, sizeof (CitedMention));
      result->language = g_strdup ("en");
      return result;
    }
  len = length < 0 ? strlen (body) : (guint) length;
  result->mentions = cited_lexicon_find (lexicon, body, len);

  ctx.lexicon = lexicon;
  ctx.body = body;
  ctx.length = len;
  ctx.mentions = (const CitedMention *) (gpointer) result->mentions->data;
  ctx.n_mentions = result->mentions->len;
  ctx.default_year = year_of (published);
  ctx.trace = cited_extract_tracing ();
  if (title != NULL)
    {
      g_autoptr(GArray) tm = cited_lexicon_find (lexicon, title, strlen (title));

      if (tm->len > 0)
        ctx.prev_brand = g_array_index (tm, CitedMention, 0).brand;
    }

  S.tables = get_tables ();
  S.ctx = &ctx;
  S.body = body;
  S.tokens = g_array_sized_new (FALSE, FALSE, sizeof (Token), 256);
  S.years = g_array_new (FALSE, FALSE, sizeof (Period));
  S.quarters = g_array_new (FALSE, FALSE, sizeof (Period));
  S.rel_years = g_array_new (FALSE, FALSE, sizeof (Period));
  S.mention_tokens = g_array_new (FALSE, FALSE, sizeof (guint));

  while (pos < len)
    {
      guint s, e;
      gboolean has_cjk, has_digit;
      const char *about;

      pos = split_sentence (body, pos, len, &s, &e, &has_cjk, &has_digit);
      if (e <= s)
        continue;
      any_cjk |= has_cjk;

      while (m_index < ctx.n_mentions && ctx.mentions[m_index].start < s)
        m_index++;
      S.m_first = m_index;
      S.m_last = m_index;
      while (S.m_last < ctx.n_mentions && ctx.mentions[S.m_last].end <= e)
        S.m_last++;

      if (has_cjk && mostly_cjk (body, s, e))
        {
          about = cited_extract_zh_sentence (&ctx, s, e, result->figures);
          ctx.prev_brand = about;
          S.prev_figure = NULL;
          continue;
        }

      if (!has_digit && !has_trigger_word (body, s, e))
        {
          ctx.prev_brand = quick_sentence_brand (&ctx, body, s, e, S.m_first, S.m_last);
          S.prev_figure = NULL;
          continue;
        }

      S.start = s;
      S.end = e;
      S.clause_brand = NULL;
      S.last_figure = NULL;
      tokenize (&S);
      mark_clauses (&S);
      mark_mentions (&S);
      mark_periods (&S);
      {
        guint before = result->figures->len;

        scan_figures (&S, result->figures);
        /* The sentence's first figure is most often its main one. */
        S.prev_figure = result->figures->len > before ?
          g_ptr_array_index (result->figures, before) : NULL;
      }
      ctx.prev_brand = sentence_brand (&S);
    }

  /* Only text with CJK in it needs counting. */
  result->language = g_strdup (any_cjk ? cited_detect_language (body, len) : "en");

  g_array_unref (S.tokens);
  g_array_unref (S.years);
  g_array_unref (S.quarters);
  g_array_unref (S.rel_years);
  g_array_unref (S.mention_tokens);
  return result;
}

void
cited_extraction_free (CitedExtraction *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->figures, g_ptr_array_unref);
  g_clear_pointer (&self->mentions, g_array_unref);
  g_free (self->language);
  g_free (self);
}

/**
 * cited_detect_language:
 * Returns: "zh" when most of @text is Chinese, else "en".
 */
const char *
cited_detect_language (const char *text,
                       gssize      length)
{
  guint len;

  if (text == NULL)
    return "en";
  len = length < 0 ? strlen (text) : (guint) length;
  return mostly_cjk (text, 0, len) ? "zh" : "en";
}
