/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "cited-extract-en-private.h"

/*
 * Companies the lexicon does not know, found in the text itself.
 *
 * One pass over the body cuts it into words (offsets, a hash of the folded
 * word, whether it starts with a capital, is followed by 's, opens a
 * sentence, and what separates it from the word before) and notes where a
 * Chinese company suffix stands. Runs of capitalised words are the
 * candidate names; each collects evidence (a corporate suffix, a cue such
 * as "shares in X", "X's profits", "X chief executive", "X, the Russian oil
 * giant", "X said") and each can be refused (a person, a place, a month, a
 * government body, a common word). The names that pass are then found
 * again, every occurrence, with the short form used after the full name.
 * The word lists are data/discover.json.
 */

/* Discovered names are kept for the life of the process, as interned
 * strings are, but in a table of their own: a long import discovers
 * thousands of names, and GLib's quark table, grown for each of them, leaves
 * its old blocks behind. */
static const char *
discover_intern (const char *name)
{
  static GMutex lock;
  static GHashTable *names;
  const char *kept;

  g_mutex_lock (&lock);
  if (names == NULL)
    names = g_hash_table_new (g_str_hash, g_str_equal);
  kept = g_hash_table_lookup (names, name);
  if (kept == NULL)
    {
      char *copy = g_strdup (name);

      g_hash_table_add (names, copy);
      kept = copy;
    }
  g_mutex_unlock (&lock);
  return kept;
}

/* ------------------------------------------------------------------ */
/* The word lists                                                      */

enum {
  D_SUFFIX       = 1u << 0,   /* Inc, plc, AG: stripped from the name */
  D_HEAD         = 1u << 1,   /* Bank, Airways: kept in the name */
  D_CUE_BEFORE   = 1u << 2,   /* "firm X", "carmaker X" */
  D_CUE_PAIR     = 1u << 3,   /* "shares in X" */
  D_CUE_AFTER    = 1u << 4,   /* "X shares", "X chief executive" */
  D_OWNED        = 1u << 5,   /* "X's profits" */
  D_SAID         = 1u << 6,   /* "X said" */
  D_APPOS        = 1u << 7,   /* "X, the ..." */
  D_TITLE        = 1u << 8,   /* Mr, Dr: a person follows */
  D_ROLE         = 1u << 9,   /* "chief executive X": a person follows */
  D_PERSON_AFTER = 1u << 10,  /* "X said he", "X, who" */
  D_FIRST        = 1u << 11,  /* a first name */
  D_PLACE        = 1u << 12,
  D_MONTH        = 1u << 13,
  D_GOVWORD      = 1u << 14,  /* Ministry, Commission: a body of state */
  D_GOV          = 1u << 15,  /* SEC, Bank of England */
  D_STOP         = 1u << 16,  /* The, However, Analysts: never part of a name */
  D_GENERIC      = 1u << 17,  /* Royal, General: part of a name, none alone */
  D_OF           = 1u << 18,  /* "Bank of America" */
  D_THE          = 1u << 19,
  D_HE           = 1u << 20,
  D_PHRASE_END   = 1u << 21,  /* ends a phrase of several words in a list */
  D_MEDIA        = 1u << 22,  /* Reuters: a company, but most often a source */
  D_COPULA       = 1u << 23,  /* "is", "was", "remains" */
};

/* Flags that help a rule find its words and say nothing of whether a word
 * is a name: a test for "no flags" leaves them out. */
#define D_HINTS (D_PHRASE_END | D_COPULA)

/* Whatever makes a single word no name on its own. */
#define D_NOT_NAME (D_PLACE | D_MONTH | D_GOV | D_STOP | D_GENERIC | D_FIRST | D_TITLE)

/* Keys up to this long are kept in their entry, so that a hit reads one
 * cache line, not the entry's and then the key's. */
#define DKEY_INLINE 16

typedef struct {
  guint   len;
  guint32 flags;
  union {
    char  in[DKEY_INLINE];  /* len <= DKEY_INLINE */
    char *out;              /* longer */
  } key;                    /* folded: ASCII lower case, padded with zeros
                             * to a multiple of eight bytes */
} DEntry;

typedef struct {
  guint16   *tags;            /* per slot: dict_tag() of its key's hash, 0 when empty */
  DEntry    *slots;
  guint      mask;
  GPtrArray *zh_strip;        /* 公司, 集团 ...: stripped from the name */
  GPtrArray *zh_heads;        /* 银行: kept */
  GPtrArray *zh_cues;         /* 旗下: the name stands before it */
  GPtrArray *zh_stop_words;
  GPtrArray *zh_generic;
  GPtrArray *zh_gov;
  GArray    *zh_stop_chars;   /* gunichar */
  GArray    *zh_first;        /* guint32: the first three bytes of each suffix and cue */
  guint64    zh_first_bits[64]; /* bit zh_first_bit() of each: most characters are
                                 * passed over after one look-up */
} Dict;

/* Whether @key, in lower case and padded with zeros to a multiple of eight
 * bytes, is s[0, len) folded. */
static inline gboolean
same_folded (const char *key,
             const char *s,
             guint       len,
             const char *limit)
{
  for (; len > 8; key += 8, s += 8, len -= 8)
    if (load8 (key) != fold8 (load8 (s)))
      return FALSE;
  return load8 (key) == fold8 (chunk_at (s, len, limit));
}

/* The slot of s[0, len), whose hash is @h, or the empty slot where it
 * would go (whose flags are 0). The probe reads the tags, 8 kB the cache
 * keeps, and an entry and its key only when the tag matches: nearly half
 * of the words looked up are in no list. */
static inline guint16
dict_tag (guint32 h)
{
  return (guint16) (h >> 16) | 1;   /* the low bits choose the slot */
}

G_ALWAYS_INLINE static inline guint
dict_slot (const Dict *d,
           const char *s,
           guint       len,
           const char *limit,
           guint32     h)
{
  guint16 tag = dict_tag (h);

  for (guint i = h & d->mask;; i = (i + 1) & d->mask)
    {
      guint16 t = d->tags[i];

      if (t == 0)
        return i;
      if (t == tag)
        {
          const DEntry *e = &d->slots[i];

          if (e->len == len &&
              same_folded (len <= DKEY_INLINE ? e->key.in : e->key.out, s, len, limit))
            return i;
        }
    }
}

/* The flags of the entry at @slot (dict_slot()): 0 for an empty slot,
 * whose entry is not read. */
static inline guint32
dict_flags_at (const Dict *d,
               guint       slot)
{
  return d->tags[slot] != 0 ? d->slots[slot].flags : 0;
}

static guint32
dict_find (const Dict *d,
           const char *s,
           guint       len)
{
  return dict_flags_at (d, dict_slot (d, s, len, s + len, hash_folded (s, len, s + len)));
}

static void
dict_add (Dict       *d,
          const char *word,
          guint32     flags)
{
  guint len = strlen (word);
  guint32 h = hash_folded (word, len, word + len);
  guint i = dict_slot (d, word, len, word + len, h);
  DEntry *e = &d->slots[i];

  if (d->tags[i] == 0)
    {
      d->tags[i] = dict_tag (h);
      /* zeros after it up to a multiple of eight bytes (same_folded()) */
      char *key = len <= DKEY_INLINE ? e->key.in : (e->key.out = g_malloc0 ((len / 8 + 1) * 8));

      for (guint k = 0; k < len; k++)
        key[k] = lower (word[k]);
      e->len = len;
    }
  e->flags |= flags;
}

static void
load_list (Dict       *d,
           JsonObject *root,
           const char *name,
           guint32     flags)
{
  JsonArray *list = json_object_get_array_member (root, name);

  if (list == NULL)
    {
      g_critical ("discover.json has no list %s", name);
      return;
    }
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      const char *phrase = json_array_get_string_element (list, i);
      const char *last = phrase;

      dict_add (d, phrase, flags);
      /* phrase_flags() joins words with " ", "-" or " & " */
      for (const char *p = phrase; *p != '\0'; p++)
        if (*p == ' ' || *p == '-')
          last = p + 1;
      if (last != phrase && *last != '\0')
        dict_add (d, last, D_PHRASE_END);
    }
}

static GPtrArray *
load_strings (JsonObject *root,
              const char *name)
{
  JsonArray *list = json_object_get_array_member (root, name);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    g_ptr_array_add (out, (gpointer) g_intern_string (json_array_get_string_element (list, i)));
  return out;
}

static guint32
first3 (const char *s)
{
  return ((guint32) (guchar) s[0] << 16) | ((guint32) (guchar) s[1] << 8) | (guchar) s[2];
}

static inline guint
zh_first_bit (guint32 f)
{
  return (f * 0x9E3779B1u) >> 20;   /* 12 bits: 64 words of 64 */
}

/* Whether a suffix or cue may start with the three bytes @f. */
static inline gboolean
zh_first_may (const Dict *d,
              guint32     f)
{
  return (d->zh_first_bits[zh_first_bit (f) / 64] >> (zh_first_bit (f) % 64)) & 1;
}

static void
add_first (Dict      *d,
           GPtrArray *words)
{
  for (guint i = 0; i < words->len; i++)
    {
      const char *w = g_ptr_array_index (words, i);
      guint32 f;

      if (strlen (w) < 3)
        continue;
      f = first3 (w);
      d->zh_first_bits[zh_first_bit (f) / 64] |= G_GUINT64_CONSTANT (1) << (zh_first_bit (f) % 64);
      for (guint k = 0; k < d->zh_first->len; k++)
        if (g_array_index (d->zh_first, guint32, k) == f)
          goto next;
      g_array_append_val (d->zh_first, f);
next:
      ;
    }
}

/* ASCII letters and digits folded to lower case, 0 for any other byte. */
static guchar word_fold[256];

static void
init_word_fold (void)
{
  for (guint c = 0; c < 256; c++)
    {
      word_fold[c] = g_ascii_isalnum (c) ? lower (c) : 0;
    }
}

static Dict *
dict_new (void)
{
  static const struct {
    const char *list;
    guint32     flags;
  } lists[] = {
    { "suffixes", D_SUFFIX }, { "heads", D_HEAD }, { "cue_before", D_CUE_BEFORE },
    { "cue_before_pairs", D_CUE_PAIR }, { "cue_after", D_CUE_AFTER }, { "owned", D_OWNED },
    { "said", D_SAID }, { "apposition", D_APPOS }, { "titles", D_TITLE }, { "roles", D_ROLE },
    { "person_after", D_PERSON_AFTER }, { "first_names", D_FIRST }, { "places", D_PLACE },
    { "months", D_MONTH }, { "gov_words", D_GOVWORD }, { "gov_names", D_GOV }, { "media", D_MEDIA },
    { "stop", D_STOP }, { "generic", D_GENERIC },
  };
  Dict *d = g_new0 (Dict, 1);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  const char *stops;

  init_word_fold ();
  d->mask = 4095;
  d->slots = g_new0 (DEntry, d->mask + 1);
  d->tags = g_new0 (guint16, d->mask + 1);
  d->zh_stop_chars = g_array_new (FALSE, FALSE, sizeof (gunichar));
  d->zh_first = g_array_new (FALSE, FALSE, sizeof (guint32));
  dict_add (d, "of", D_OF);
  dict_add (d, "the", D_THE);
  dict_add (d, "he", D_HE);
  dict_add (d, "she", D_HE);
  dict_add (d, "is", D_COPULA);
  dict_add (d, "was", D_COPULA);
  dict_add (d, "remains", D_COPULA);

  bytes = g_resources_lookup_data ("/io/github/cited/lib/discover.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_critical ("The extractor's table discover.json is missing or invalid: %s",
                  error ? error->message : "not an object");
      d->zh_strip = g_ptr_array_new ();
      d->zh_heads = g_ptr_array_new ();
      d->zh_cues = g_ptr_array_new ();
      d->zh_stop_words = g_ptr_array_new ();
      d->zh_generic = g_ptr_array_new ();
      d->zh_gov = g_ptr_array_new ();
      return d;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    load_list (d, root, lists[i].list, lists[i].flags);
  d->zh_strip = load_strings (root, "zh_suffixes");
  d->zh_heads = load_strings (root, "zh_heads");
  d->zh_cues = load_strings (root, "zh_cues");
  d->zh_stop_words = load_strings (root, "zh_stop_words");
  d->zh_generic = load_strings (root, "zh_generic");
  d->zh_gov = load_strings (root, "zh_gov");
  stops = json_object_get_string_member_with_default (root, "zh_stop_chars", "");
  for (const char *p = stops; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_array_append_val (d->zh_stop_chars, c);
    }
  add_first (d, d->zh_strip);
  add_first (d, d->zh_heads);
  add_first (d, d->zh_cues);
  return d;
}

static const Dict *
get_dict (void)
{
  static Dict *dict;

  if (g_once_init_enter (&dict))
    g_once_init_leave (&dict, dict_new ());
  return dict;
}

/* Whether text[0, len) is a word that is never part of a name ("The",
 * "Despite": data/discover.json's stop words), and with @generic also
 * one that names nothing alone ("Total", "Gross": its generic words). */
gboolean
discover_is_common_word (const char *text,
                         guint       len,
                         gboolean    generic)
{
  return (dict_find (get_dict (), text, len) & (D_STOP | (generic ? D_GENERIC : 0))) != 0;
}

/* ------------------------------------------------------------------ */
/* Words                                                               */

enum {
  GAP_SPACE,                  /* spaces, or one line break */
  GAP_HYPHEN,                 /* "Rolls-Royce" */
  GAP_AMP,                    /* "Marks & Spencer" */
  GAP_COMMA,
  GAP_HARD,                   /* the end of a sentence, a bracket, a quote, a number ... */
};

#define NO_FLAGS G_MAXUINT32

typedef struct {
  guint   start;
  guint   end;                /* without a possessive 's */
  guint32 hash;               /* of the folded word, 0 until asked for */
  guint32 flags;              /* from the word lists, NO_FLAGS until looked up */
  guint8  cap;                /* starts with a capital */
  guint8  poss;               /* followed by 's or s' */
  guint8  sstart;             /* opens a sentence */
  guint8  gap;                /* what separates it from the word before */
  guint8  dotted;             /* "U.S": a dot inside */
  guint8  paren;              /* right after an opening bracket */
} DWord;

typedef struct {
  guint pos;                  /* byte offset of the suffix or cue */
  guint len;
  guint kind;                 /* ZH_STRIP, ZH_HEAD, ZH_CUE */
} ZhHit;

enum { ZH_STRIP, ZH_HEAD, ZH_CUE };

enum {
  EV_SUFFIX   = 1u << 0,
  EV_HEAD     = 1u << 1,
  EV_CUE      = 1u << 2,
  EV_CUE_PAIR = 1u << 3,
  EV_AFTER    = 1u << 4,
  EV_OWNED    = 1u << 5,
  EV_APPOS    = 1u << 6,
  EV_SAID     = 1u << 7,
  EV_HEADLINE = 1u << 8,
  EV_REPEAT   = 1u << 9,
  EV_ZH       = 1u << 10,
};

#define EV_STRONG (EV_SUFFIX | EV_HEAD | EV_CUE | EV_CUE_PAIR | EV_AFTER | EV_OWNED | EV_APPOS)

static const char * const evidence_names[] = {
  "suffix", "head word", "cue before", "cue before", "cue after", "possessive",
  "apposition", "said", "headline", "repetition", "Chinese suffix",
};

#define MAX_NAME_WORDS 6

typedef struct {
  guint    first;             /* words of the name's first occurrence */
  guint    last;
  guint    count;             /* occurrences as a run of their own */
  guint    evidence;
  gboolean refused;
  gboolean short_form;        /* the first word alone names it later */
  gboolean short_anywhere;    /* ... and before it too */
  const char *name;           /* interned, once accepted */
  const char *short_of;       /* the lexicon's brand it is the short form of */
  guint    chain;             /* 1 + the next candidate in its find_cand() bucket, or 0 */
} Cand;

/* find_cand()'s buckets, by the first word's hash and the name's length. */
#define CAND_BUCKETS 128

typedef struct {
  const Dict                *dict;
  const CitedExtractContext *ctx;
  const char                *b;
  guint                      len;
  DWord                     *wv;      /* the words */
  guint                      nw;
  guint                      wcap;
  guint                     *caps;    /* indices of the capitalised words */
  guint                      ncaps;
  guint                     *parens;  /* indices of the words right after a bracket */
  guint                      nparens;
  GArray                    *cands;   /* Cand */
  guint                      cand_head[CAND_BUCKETS]; /* 1 + a bucket's first candidate, or 0 */
  GArray                    *persons; /* guint: word index of a surname */
  GArray                    *bodies;  /* guint: word index of a public body's letters; NULL until one */
  GArray                    *zh;      /* ZhHit; NULL until one */
  gboolean                   want_zh; /* look for Chinese suffixes */
  guint32                    lower_memo[8];  /* lower_elsewhere(): (hash, length, answer) */
  guint8                     lower_len[8];
  guint8                     lower_ans[8];
  guint                      nlower;
  guint8                    *lowlen;  /* lower_elsewhere(): per word, its length when it is in
                                       * lower case, starts with an ASCII letter and is at most
                                       * 255 bytes long, else 0 */
  gboolean                   scratch; /* the block is the thread's (disc_free() keeps it) */
  guint64                   *trig;    /* bit p: a plain word that may make a figure without a
                                       * digit starts at byte p (is_trigger_word()) */
  guint64                   *odd;     /* bit p: byte p is in a word that is no plain run of
                                       * ASCII letters and digits, or was skipped */
  gboolean                   capped;  /* words past wcap were not kept */
  guint64                   *alnum;   /* bit k of alnum[i]: byte 64 i + k is an ASCII letter or
                                       * digit; zeros past the end */
} Disc;

#define DW(D, i) (&(D)->wv[i])

static void note_alnum (Disc *D);

static inline void
set_bit (guint64 *bits,
         guint    p)
{
  bits[p / 64] |= G_GUINT64_CONSTANT (1) << (p % 64);
}

/* Bytes [a, b) of a word that is no plain run of letters and digits, or
 * skipped: the sentences that hold them look for trigger words
 * themselves (cited_extract()). */
static void
set_odd (Disc *D,
         guint a,
         guint b)
{
  for (guint p = a; p < b && p < D->len; p++)
    set_bit (D->odd, p);
}

/* The plain word [start, end), of ASCII letters and digits: its start
 * noted when it may make a figure without a digit. */
static inline void
note_plain_word (Disc *D,
                 guint start,
                 guint end)
{
  if (G_UNLIKELY (trigger_may (D->b, start, end - start)) && is_trigger_word (D->b, start, end - start))
    set_bit (D->trig, start);
}

/* A thread's block for the words of the articles it reads one after the
 * other, kept up to this size: an article of some 60 kB. */
#define SCRATCH_KEEP (1024 * 1024)

typedef struct {
  gpointer mem;
  gsize    size;
} Scratch;

static void
scratch_free (gpointer data)
{
  Scratch *scratch = data;

  g_free (scratch->mem);
  g_free (scratch);
}

static GPrivate scratch_key = G_PRIVATE_INIT (scratch_free);

static Scratch *
get_scratch (void)
{
  Scratch *scratch = g_private_get (&scratch_key);

  if (scratch == NULL)
    {
      scratch = g_new0 (Scratch, 1);
      g_private_set (&scratch_key, scratch);
    }
  return scratch;
}

/* The text's letter and digit bits, the words, their index lists and
 * lengths, in one block: with @reuse, the thread's, when it is small
 * enough to keep (no allocation, and memory already in the cache). */
static void
disc_alloc (Disc     *D,
            gboolean  reuse)
{
  gsize blocks = D->len / 64 + 2;
  gsize size = 3 * blocks * sizeof (guint64) + (sizeof (DWord) + 2 * sizeof (guint) + 1) * (gsize) D->wcap;
  gpointer mem;

  if (reuse && size <= SCRATCH_KEEP)
    {
      Scratch *scratch = get_scratch ();

      if (scratch->size < size)
        {
          g_free (scratch->mem);
          /* a little more, not once for every larger article */
          scratch->size = MIN (MAX (size, scratch->size * 2), SCRATCH_KEEP);
          scratch->mem = g_malloc (scratch->size);
        }
      mem = scratch->mem;
      D->scratch = TRUE;
    }
  else
    mem = g_malloc (size);
  /* 8-byte aligned first; a DWord is 24 bytes */
  D->alnum = mem;
  D->trig = D->alnum + blocks;
  D->odd = D->trig + blocks;
  memset (D->trig, 0, 2 * blocks * sizeof (guint64));
  D->wv = (DWord *) (gpointer) (D->odd + blocks);
  D->caps = (guint *) (gpointer) (D->wv + D->wcap);
  D->parens = D->caps + D->wcap;
  D->lowlen = (guint8 *) (D->parens + D->wcap);
  note_alnum (D);
}

static void
disc_free (Disc *D)
{
  if (!D->scratch)
    g_free (D->alnum);
}

/* The hash of the folded word, computed the first time it is needed (a
 * word whose hash is 0 is merely hashed again). */
static inline guint32
whash (const Disc *D,
       DWord      *w)
{
  if (w->hash == 0)
    w->hash = hash_folded (D->b + w->start, w->end - w->start, D->b + D->len);
  return w->hash;
}

static G_GNUC_NO_INLINE guint32
wflags_slow (Disc  *D,
             DWord *w)
{
  const Dict *d = D->dict;

  w->flags = dict_flags_at (d, dict_slot (d, D->b + w->start, w->end - w->start, D->b + D->len, whash (D, w)));
  return w->flags;
}

static inline guint32
wflags (Disc *D,
        guint i)
{
  DWord *w = DW (D, i);

  if (G_LIKELY (w->flags != NO_FLAGS))
    return w->flags;
  return wflags_slow (D, w);
}

static inline gboolean
is_upper_at (const char *b,
             guint       p,
             guint       len)
{
  guchar c = b[p];

  if (c >= 'A' && c <= 'Z')
    return TRUE;
  /* Latin-1 capitals: "Électricité" */
  return c == 0xC3 && p + 1 < len && (guchar) b[p + 1] >= 0x80 && (guchar) b[p + 1] <= 0x9E &&
         (guchar) b[p + 1] != 0x97;
}

/* The bytes of the letter at @p (1 or 2), 0 when none: ASCII letters and
 * Latin letters with accents. */
static inline guint
letter_at (const char *b,
           guint       p,
           guint       len)
{
  guchar c = b[p];

  if (g_ascii_isalpha (c))
    return 1;
  if (c >= 0xC3 && c <= 0xC9 && p + 1 < len && ((guchar) b[p + 1] & 0xC0) == 0x80)
    return 2;
  return 0;
}

/* An apostrophe at @p: ' or ’; its length, else 0. */
static inline guint
apostrophe_at (const char *b,
               guint       p,
               guint       len)
{
  if (b[p] == '\'')
    return 1;
  if ((guchar) b[p] == 0xE2 && p + 2 < len && (guchar) b[p + 1] == 0x80 && (guchar) b[p + 2] == 0x99)
    return 3;
  return 0;
}

/* A Chinese suffix or cue at @p: recorded, and its length returned so that
 * the scan goes on after it; 0 when there is none. */
static guint
zh_hit_at (Disc  *D,
           guint  p)
{
  const Dict *d = D->dict;
  GPtrArray *lists[3] = { d->zh_strip, d->zh_heads, d->zh_cues };
  gboolean any = FALSE;
  guint32 f;

  if (p + 3 > D->len)
    return 0;
  f = first3 (D->b + p);
  if (!zh_first_may (d, f))
    return 0;
  for (guint k = 0; k < d->zh_first->len && !any; k++)
    any = g_array_index (d->zh_first, guint32, k) == f;
  if (!any)
    return 0;
  for (guint l = 0; l < 3; l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        const char *s = g_ptr_array_index (lists[l], i);
        guint n = strlen (s);

        if (p + n <= D->len && memcmp (D->b + p, s, n) == 0)
          {
            ZhHit hit = { p, n, l };

            if (D->zh == NULL)
              D->zh = g_array_sized_new (FALSE, FALSE, sizeof (ZhHit), 8);
            g_array_append_val (D->zh, hit);
            return n;
          }
      }
  return 0;
}

/* "Inc.", "Mr.", "U.S.": a dot after these ends no sentence. */
static gboolean
abbreviation_before (Disc *D)
{
  guint i;
  DWord *w;

  if (D->nw == 0)
    return FALSE;
  i = D->nw - 1;
  w = DW (D, i);
  return w->dotted || w->end - w->start == 1 || (wflags (D, i) & (D_TITLE | D_SUFFIX)) != 0;
}

#if defined(__SSE2__)
#include <emmintrin.h>

/* Bit k set when byte k of the 64 at @s is an ASCII letter or digit: four
 * times sixteen bytes compared at once. */
static inline guint64
alnum_mask64 (const char *s)
{
  guint64 mask = 0;

  for (guint k = 0; k < 4; k++)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (gconstpointer) (s + 16 * k));
      __m128i y = _mm_or_si128 (v, _mm_set1_epi8 (0x20));
      /* a byte minus the range's start, saturated past its length, is 0
       * inside the range */
      __m128i letter = _mm_subs_epu8 (_mm_sub_epi8 (y, _mm_set1_epi8 ('a')), _mm_set1_epi8 (25));
      __m128i digit = _mm_subs_epu8 (_mm_sub_epi8 (v, _mm_set1_epi8 ('0')), _mm_set1_epi8 (9));
      __m128i in = _mm_cmpeq_epi8 (_mm_min_epu8 (letter, digit), _mm_setzero_si128 ());

      mask |= (guint64) (guint16) _mm_movemask_epi8 (in) << (16 * k);
    }
  return mask;
}
#else
static inline guint64
alnum_mask64 (const char *s)
{
  guint64 mask = 0;

  for (guint k = 0; k < 64; k++)
    mask |= (guint64) (word_fold[(guchar) s[k]] != 0) << k;
  return mask;
}
#endif

/* Fills D->alnum for the text, a bit a byte, so that a word's end is
 * found by one look-up, not by a loop over its letters whose length
 * varies (a branch mispredicted about once a word). */
static void
note_alnum (Disc *D)
{
  const char *b = D->b;
  guint len = D->len, blk = 0;
  guint64 tail = 0;

  for (; (blk + 1) * 64 <= len; blk++)
    D->alnum[blk] = alnum_mask64 (b + blk * 64);
  for (guint p = blk * 64; p < len; p++)
    tail |= (guint64) (word_fold[(guchar) b[p]] != 0) << (p - blk * 64);
  D->alnum[blk] = tail;
  D->alnum[blk + 1] = 0;
}

/* The first byte from @p that is no ASCII letter or digit, or the end of
 * the text. */
static inline guint
skip_alnum (const Disc *D,
            guint       p)
{
  guint blk = p >> 6;
  guint64 x = ~D->alnum[blk] >> (p & 63);

  /* zeros shifted in at the top: when nothing else is left, the word
   * goes on into the next block */
  if (G_LIKELY (x != 0))
    return p + (guint) __builtin_ctzll (x);
  /* the block after the text's last is all zeros */
  for (blk++;; blk++)
    if (~D->alnum[blk] != 0)
      return blk * 64 + (guint) __builtin_ctzll (~D->alnum[blk]);
}

static inline void
add_word (Disc    *D,
          guint    start,
          guint    end,
          gboolean cap,
          gboolean poss,
          gboolean dotted,
          guint8   gap,
          gboolean sentence,
          gboolean paren)
{
  DWord *w;

  if (G_UNLIKELY (D->nw >= D->wcap))
    {
      D->capped = TRUE;
      return;
    }
  /* Written always, kept when capitalised: one word in three or four is,
   * too irregular a branch to predict. */
  D->caps[D->ncaps] = D->nw;
  D->ncaps += cap ? 1 : 0;
  if (paren)
    D->parens[D->nparens++] = D->nw;
  /* Bitwise, not &&: the outcome varies from word to word. */
  D->lowlen[D->nw] = (guint8) ((end - start) * ((guint) !cap & (guint) g_ascii_isalpha (D->b[start]) &
                                                 (guint) (end - start <= G_MAXUINT8)));
  w = &D->wv[D->nw++];
  w->start = start;
  w->end = end;
  w->hash = 0;
  w->flags = NO_FLAGS;
  w->cap = cap;
  w->poss = poss;
  w->sstart = sentence;
  w->gap = gap;
  w->dotted = dotted;
  w->paren = paren;
}

/* Reads the word at @start into the word list, its bytes up to @p known
 * to be ASCII letters or digits; returns where the scan goes on. The
 * word's hash waits until a rule asks for it (whash()). */
static guint
read_word (Disc    *D,
           guint    start,
           guint    p,
           guint8   gap,
           gboolean sentence,
           gboolean paren)
{
  const char *b = D->b;
  guint len = D->len;
  guint next = 0;
  gboolean cap = is_upper_at (b, start, len), dotted = FALSE, poss = FALSE;

  while (p < len)
    {
      guint m;
      guint a;

      /* ASCII letters and digits ("G8", "A380"): the common case */
      p = skip_alnum (D, p);
      if (p >= len)
        break;
      m = letter_at (b, p, len);
      if (m > 0)
        {
          p += m;
          continue;
        }
      /* "U.S", "U.K" */
      if (b[p] == '.' && p + 1 < len && g_ascii_isalpha (b[p + 1]) &&
          (p + 2 >= len || !g_ascii_isalpha (b[p + 2])))
        {
          dotted = TRUE;
          p++;
          continue;
        }
      a = apostrophe_at (b, p, len);
      if (a == 0)
        break;
      if (p + a < len && (b[p + a] == 's' || b[p + a] == 'S') &&
          (p + a + 1 >= len || letter_at (b, p + a + 1, len) == 0))
        {
          /* "Yukos's", "McDonald's": the name without its 's */
          poss = TRUE;
          next = p + a + 1;
          break;
        }
      if (p + a < len && letter_at (b, p + a, len) > 0)
        {
          p += a;                   /* "O'Leary" */
          continue;
        }
      if (b[p - 1] == 's')
        {
          poss = TRUE;              /* "the analysts' view" */
          next = p + a;
        }
      break;
    }
  if (skip_alnum (D, start) >= p)
    note_plain_word (D, start, p);
  else
    set_odd (D, start, p);
  add_word (D, start, p, cap, poss, dotted, gap, sentence, paren);
  return next ? next : p;
}

/* The words from @p, each of ASCII letters and digits and followed by a
 * space, that follow a word so: what scan_words() would make of them, the
 * scan's state being the same before each ("letter, space, letter").
 * Returns where the scan goes on. */
static guint
plain_words (Disc  *D,
             guint  p)
{
  const char *b = D->b;
  guint len = D->len;
  DWord *wv = D->wv;
  guint *caps = D->caps;
  guint8 *lowlen = D->lowlen;
  guint nw = D->nw, ncaps = D->ncaps, wcap = D->wcap;

  while (p < len && g_ascii_isalpha (b[p]) && nw < wcap)
    {
      guint q = skip_alnum (D, p + 1);
      gboolean cap = b[p] <= 'Z';

      if (q >= len || b[q] != ' ')
        break;
      note_plain_word (D, p, q);
      caps[ncaps] = nw;         /* kept when capitalised, as in add_word() */
      ncaps += cap ? 1 : 0;
      lowlen[nw] = (guint8) ((q - p) * ((guint) !cap & (guint) (q - p <= G_MAXUINT8)));
      wv[nw++] = (DWord) { p, q, 0, NO_FLAGS, cap, FALSE, FALSE, GAP_SPACE, FALSE, FALSE };
      p = q + 1;
    }
  D->nw = nw;
  D->ncaps = ncaps;
  return p;
}

/* Passes over the three-byte character at @p. Bytes of invalid UTF-8
 * there could hide letters: they are noted as odd (sentence_has_trigger()
 * then reads the letters itself). */
static inline guint
skip_char3 (Disc *D,
            guint p)
{
  const char *b = D->b;

  if (G_UNLIKELY (p + 2 >= D->len || ((guchar) b[p + 1] & (guchar) b[p + 2]) < 0x80))
    set_odd (D, p, p + 3);
  return p + 3;
}

/* A run of Chinese characters from @p (U+4000 to U+9FFF: E4 to E9
 * first), in a loop of its own: its suffixes and cues noted (zh_hit_at()).
 * Returns where the run ends. */
static guint
chinese_run (Disc *D,
             guint p)
{
  const char *b = D->b;
  guint len = D->len;

  do
    {
      guint skip = 0;

      if (D->want_zh && p + 3 <= len && zh_first_may (D->dict, first3 (b + p)))
        skip = zh_hit_at (D, p);
      p = skip ? p + skip : skip_char3 (D, p);
    }
  while (p < len && (guchar) b[p] >= 0xE4 && (guchar) b[p] <= 0xE9);
  return p;
}

/* The word starting with the ASCII letter at @p. Returns where the scan
 * goes on. */
static inline guint
ascii_word (Disc    *D,
            guint    p,
            guint8   gap,
            gboolean sentence,
            gboolean paren)
{
  const char *b = D->b;
  guint len = D->len;
  guint q = skip_alnum (D, p + 1);
  gboolean cap = b[p] <= 'Z';

  /* the common case: ASCII letters and digits before a space */
  if (q < len && b[q] == ' ')
    {
      note_plain_word (D, p, q);
      add_word (D, p, q, cap, FALSE, FALSE, gap, sentence, paren);
      return plain_words (D, q + 1);
    }
  /* ... or before the end or any other ASCII byte that cannot go on the
   * word (read_word() stops there too): ",", ")", "\n" */
  if (q >= len || ((guchar) b[q] < 0x80 && b[q] != '.' && b[q] != '\''))
    {
      note_plain_word (D, p, q);
      add_word (D, p, q, cap, FALSE, FALSE, gap, sentence, paren);
      return q;
    }
  return read_word (D, p, q, gap, sentence, paren);
}

/* One pass over the text: the words, and where Chinese suffixes stand. */
static void
scan_words (Disc *D)
{
  const char *b = D->b;
  guint len = D->len, p = 0;
  guint8 gap = GAP_HARD;
  gboolean sentence = TRUE, line = FALSE, paren = FALSE;

  while (p < len)
    {
      guchar c = b[p];

      if (c == ' ')
        {
          p++;
          continue;
        }
      if (c >= 0xE4 && c <= 0xE9)
        {
          p = chinese_run (D, p);
          gap = GAP_HARD;
          line = FALSE;
          continue;
        }
      if (g_ascii_isalpha (c))
        {
          p = ascii_word (D, p, gap, sentence, paren);
          paren = FALSE;
          gap = GAP_SPACE;
          sentence = line = FALSE;
          continue;
        }
      /* Figures: a run of digits is what each of them would be alone
       * below, a hard gap; what follows it is read as before ("bn" of
       * "4bn" is a word). */
      if (c >= '0' && c <= '9')
        {
          for (p++; p < len && g_ascii_isdigit (b[p]); p++)
            ;
          gap = GAP_HARD;
          line = FALSE;
          continue;
        }
      if (letter_at (b, p, len) > 0)
        {
          p = read_word (D, p, p, gap, sentence, paren);
          paren = FALSE;
          gap = GAP_SPACE;
          sentence = line = FALSE;
          continue;
        }
      switch (c)
        {
        case ' ':
        case '\t':
        case '\r':
          p++;
          continue;
        case '\n':
          /* A blank line ends a paragraph; one line break wraps a line. */
          if (line)
            {
              gap = GAP_HARD;
              sentence = TRUE;
            }
          line = TRUE;
          p++;
          continue;
        case ',':
          gap = MAX (gap, GAP_COMMA);
          break;
        case '(':
          paren = TRUE;
          gap = GAP_HARD;
          break;
        case '&':
          gap = gap == GAP_SPACE ? GAP_AMP : GAP_HARD;
          break;
        case '-':
          gap = gap == GAP_SPACE && p > 0 && g_ascii_isalpha (b[p - 1]) && p + 1 < len &&
                letter_at (b, p + 1, len) > 0 ? GAP_HYPHEN : GAP_HARD;
          break;
        case '.':
        case '!':
        case '?':
          if (c != '.' || !abbreviation_before (D))
            sentence = TRUE;
          gap = GAP_HARD;
          break;
        default:
          gap = GAP_HARD;
          /* E4 to E9 are Chinese runs, above */
          if (c >= 0xE0 && c <= 0xEF)
            {
              if (c == 0xE3 && p + 2 < len && (guchar) b[p + 1] == 0x80 && (guchar) b[p + 2] == 0x82)
                sentence = TRUE;  /* 。 */
              p = skip_char3 (D, p);
              line = FALSE;
              continue;
            }
          if (c >= 0xF0)
            {
              set_odd (D, p, p + 4);
              p += 3;
            }
          else if (c >= 0xC0)
            {
              set_odd (D, p, p + 2);
              p += 1;
            }
          break;
        }
      line = FALSE;
      p++;
    }
}

/* ------------------------------------------------------------------ */
/* Names                                                               */

/* The folded words [i, j] joined as the word lists write phrases. */
static guint32
phrase_flags (Disc  *D,
              guint  i,
              guint  j)
{
  char buf[128];
  guint n = 0;

  if (i == j)
    return wflags (D, i);
  /* most words end no phrase: no need to join them */
  if (!(wflags (D, j) & D_PHRASE_END))
    return 0;
  for (guint k = i; k <= j; k++)
    {
      DWord *w = DW (D, k);
      const char *sep = k == i ? "" : w->gap == GAP_HYPHEN ? "-" : w->gap == GAP_AMP ? " & " : " ";
      guint sl = strlen (sep);

      if (n + sl + (w->end - w->start) >= sizeof buf)
        return 0;
      memcpy (buf + n, sep, sl);
      n += sl;
      memcpy (buf + n, D->b + w->start, w->end - w->start);
      n += w->end - w->start;
    }
  return dict_find (D->dict, buf, n);
}

static inline gboolean
same_word (const Disc *A,
           guint       a,
           const Disc *B,
           guint       b)
{
  DWord *x = DW (A, a), *y = DW (B, b);

  return x->end - x->start == y->end - y->start && x->cap == y->cap && whash (A, x) == whash (B, y);
}

/* Words [a, a + n) of @A and [b, b + n) of @B spell the same name. */
static gboolean
same_words (const Disc *A,
            guint       a,
            const Disc *B,
            guint       b,
            guint       n)
{
  for (guint k = 0; k < n; k++)
    if (!same_word (A, a + k, B, b + k) || (k > 0 && DW (A, a + k)->gap != DW (B, b + k)->gap))
      return FALSE;
  return TRUE;
}

static gboolean
is_plc (Disc *D,
        guint i)
{
  DWord *w = DW (D, i);

  return w->end - w->start == 3 && memcmp (D->b + w->start, "plc", 3) == 0;
}

/* The last word of the run of capitalised words from @a: "Marks &
 * Spencer", "Rolls-Royce", "Bank of America", "Cadbury Schweppes plc". */
static guint
run_end (Disc *D,
         guint a)
{
  guint b = a, n = D->nw;

  while (b + 1 < n && !DW (D, b)->poss)
    {
      DWord *nx = DW (D, b + 1);

      if (nx->cap && nx->gap <= GAP_AMP)
        b++;
      else if (nx->gap == GAP_SPACE && is_plc (D, b + 1))
        return b + 1;
      else if (!nx->cap && nx->gap == GAP_SPACE && b + 2 < n && nx->end - nx->start == 2 && (wflags (D, b + 1) & D_OF) &&
               (wflags (D, b) & (D_HEAD | D_GOVWORD)) && DW (D, b + 2)->cap &&
               DW (D, b + 2)->gap == GAP_SPACE)
        b += 2;
      else
        break;
    }
  return b;
}

/* "the British Retail Consortium (BRC)": the letters in brackets after a
 * public body are that body. */
static void
note_bodies (Disc *D)
{
  for (guint pi = 0; pi < D->nparens; pi++)
    {
      guint i = D->parens[pi];
      guint a = i - 1;

      if (i == 0 || !DW (D, a)->cap)
        continue;
      while (a > 0 && DW (D, a)->gap <= GAP_AMP && (DW (D, a - 1)->cap || (wflags (D, a - 1) & D_OF)))
        a--;
      for (guint k = a; k < i; k++)
        if (wflags (D, k) & D_GOVWORD)
          {
            if (D->bodies == NULL)
              D->bodies = g_array_sized_new (FALSE, FALSE, sizeof (guint), 8);
            g_array_append_val (D->bodies, i);
            break;
          }
    }
}

static gboolean
is_body (Disc *D,
         guint i)
{
  if (D->bodies == NULL)
    return FALSE;
  for (guint k = 0; k < D->bodies->len; k++)
    if (same_word (D, g_array_index (D->bodies, guint, k), D, i))
      return TRUE;
  return FALSE;
}

static void
add_person (Disc *D,
            guint i)
{
  g_array_append_val (D->persons, i);
}

static gboolean
is_person (Disc *D,
           guint i)
{
  for (guint k = 0; k < D->persons->len; k++)
    if (same_word (D, g_array_index (D->persons, guint, k), D, i))
      return TRUE;
  return FALSE;
}

/* The word also stands in lower case somewhere: a common word. */
static gboolean
lower_elsewhere (Disc *D,
                 guint i)
{
  DWord *w = DW (D, i);
  guint n = w->end - w->start;
  guint32 h = whash (D, w);
  gboolean found = FALSE;

  /* the answer depends on the length and the hash only: asked again for
   * the same word, it is remembered */
  for (guint k = 0; k < D->nlower; k++)
    if (D->lower_memo[k] == h && D->lower_len[k] == n)
      return D->lower_ans[k];
  if (n > 0 && n <= G_MAXUINT8)
    {
      /* The words of its length, found by memchr() in a byte per word,
       * not by a test of each word whose outcome varies. */
      const guint8 *hit;

      for (guint k = 0; !found && k < D->nw &&
                         (hit = memchr (D->lowlen + k, (int) n, D->nw - k)) != NULL; k++)
        {
          k = (guint) (hit - D->lowlen);
          found = whash (D, DW (D, k)) == h;
        }
    }
  else
    for (guint k = 0; k < D->nw && !found; k++)
      {
        DWord *o = DW (D, k);

        found = o->end - o->start == n && !o->cap && letter_at (D->b, o->start, D->len) == 1 &&
                whash (D, o) == h;
      }
  if (n <= G_MAXUINT8 && D->nlower < G_N_ELEMENTS (D->lower_memo))
    {
      D->lower_memo[D->nlower] = h;
      D->lower_len[D->nlower] = n;
      D->lower_ans[D->nlower++] = found;
    }
  return found;
}

/* The extractor's vocabulary knows the word for itself, not only as the
 * start of a phrase ("Deutsche" of "deutsche mark"). */
static gboolean
in_vocabulary (const char *s,
               guint       len)
{
  const Word *w = word_find_folded (get_tables (), s, len);

  return w != NULL && ((w->flags & ~W_PHRASE) != 0 || w->unit || w->metric || w->scope ||
                       w->qualifier || w->currency);
}

/* A word that could stand alone for a company. */
static gboolean
could_be_name (Disc *D,
               guint i)
{
  DWord *w = DW (D, i);

  return w->end - w->start >= 2 && (wflags (D, i) & ~(D_OF | D_THE | D_HE | D_MEDIA | D_HINTS)) == 0 &&
         !in_vocabulary (D->b + w->start, w->end - w->start) &&
         !lower_elsewhere (D, i) && !is_person (D, i);
}

/* The name in the run [*a, b]: leading words that are never names go
 * ("The", "Shares"), a corporate suffix goes into *suffix; FALSE when the
 * run names a person ("Mr Smith", "Richard Parsons", "chief executive
 * Richard Parsons"), whose surname is noted. */
static gboolean
name_in_run (Disc    *D,
             guint   *a,
             guint    b,
             guint   *last,
             gboolean *suffix)
{
  guint i = *a;

  /* "The", "However", "On Tuesday"; at the start of a sentence also a
   * word that is no name elsewhere ("Later Quarvis said") */
  while (i <= b && !(wflags (D, i) & D_TITLE) &&
         ((wflags (D, i) & (D_STOP | D_MONTH)) ||
          (i < b && DW (D, i)->sstart && (wflags (D, i) & ~D_HINTS) == 0 && !could_be_name (D, i))))
    i++;
  if (i > b)
    return FALSE;
  if ((wflags (D, i) & D_TITLE) || (i < b && (wflags (D, i) & D_FIRST)) ||
      (i > 0 && DW (D, i)->gap == GAP_SPACE && !DW (D, i - 1)->cap && (wflags (D, i - 1) & D_ROLE)))
    {
      if (i < b || !(wflags (D, i) & D_TITLE))
        add_person (D, b);
      return FALSE;
    }
  *a = i;
  *last = b;
  *suffix = FALSE;
  while (*last > i && (wflags (D, *last) & D_SUFFIX) && (DW (D, *last)->cap || is_plc (D, *last)))
    {
      (*last)--;
      *suffix = TRUE;
    }
  return *last - i < MAX_NAME_WORDS;
}

static inline guint
cand_bucket (guint32 h,
             guint   words)
{
  return ((h ^ words) * 0x9E3779B1u) >> 25;   /* the product's top 7 bits: CAND_BUCKETS */
}

/* The candidate for the words [a, last], or NULL. A name recurs among
 * dozens of candidates in an article; its bucket holds the few with its
 * first word's hash and its length, so that the rest are not looked at. */
static Cand *
find_cand (Disc *D,
           guint a,
           guint last)
{
  guint32 h = whash (D, DW (D, a));

  for (guint k = D->cand_head[cand_bucket (h, last - a)]; k != 0;)
    {
      Cand *c = &g_array_index (D->cands, Cand, k - 1);

      if (c->last - c->first == last - a && whash (D, DW (D, c->first)) == h &&
          same_words (D, c->first, D, a, last - a + 1))
        return c;
      k = c->chain;
    }
  return NULL;
}

/* Adds the candidate [a, last], which find_cand() did not find. */
static Cand *
add_cand (Disc *D,
          guint a,
          guint last)
{
  guint bucket = cand_bucket (whash (D, DW (D, a)), last - a);
  Cand nc = { .first = a, .last = last, .chain = D->cand_head[bucket] };

  g_array_append_val (D->cands, nc);
  D->cand_head[bucket] = D->cands->len;
  return &g_array_index (D->cands, Cand, D->cands->len - 1);
}

/* Whether word @i is @lower, a word in lower case. */
static inline gboolean
word_is (Disc       *D,
         guint       i,
         const char *lower)
{
  const DWord *w = DW (D, i);
  guint n = w->end - w->start;

  return lower[0] == D->b[w->start] && strncmp (D->b + w->start, lower, n) == 0 && lower[n] == '\0';
}

/* A cue word that names people as well as firms. */
static gboolean
is_people_noun (Disc *D,
                guint i)
{
  static const char * const people[] = {
    "owner", "investor", "partner", "buyer", "seller", "bidder", "parent", "rival", "developer",
    "broker", "stockbroker", "builder", "founder", "producer", "publisher", "supplier", "miner",
  };

  for (guint k = 0; k < G_N_ELEMENTS (people); k++)
    if (word_is (D, i, people[k]))
      return TRUE;
  return FALSE;
}

/* What the words around the name [a, last] (the run ending at @b) say. */
static guint
evidence_around (Disc *D,
                 guint a,
                 guint last,
                 guint b)
{
  guint n = D->nw;
  guint ev = 0;

  for (guint k = a; k <= last && last > a; k++)
    if (wflags (D, k) & D_HEAD)
      ev |= EV_HEAD;
  /* "firm Rowntree", "shares in Rowntree" */
  if (a > 0 && DW (D, a)->gap == GAP_SPACE && !DW (D, a - 1)->cap)
    {
      if (wflags (D, a - 1) & D_CUE_BEFORE)
        ev |= EV_CUE;
      if (a > 1 && DW (D, a - 1)->gap == GAP_SPACE && (!DW (D, a - 2)->cap || DW (D, a - 2)->sstart) &&
          (phrase_flags (D, a - 2, a - 1) & D_CUE_PAIR))
        ev |= EV_CUE_PAIR;
    }
  if (b + 1 >= n)
    return ev;
  /* "Yukos shares", "Yukos said" */
  if (DW (D, b + 1)->gap == GAP_SPACE && !DW (D, b + 1)->cap && !DW (D, b)->poss)
    {
      guint32 f = wflags (D, b + 1);

      if (f & D_CUE_AFTER)
        ev |= EV_AFTER;
      if (f & D_SAID)
        {
          if (b + 2 < n && DW (D, b + 2)->gap == GAP_SPACE && (wflags (D, b + 2) & D_HE))
            return G_MAXUINT;     /* "Smith said he" */
          ev |= EV_SAID;
        }
    }
  /* "Yukos's main production unit", "Yukos's chief executive" */
  if (DW (D, b)->poss && DW (D, b + 1)->gap == GAP_SPACE)
    for (guint k = b + 1; k < n && k <= b + 3; k++)
      {
        if (DW (D, k)->cap || DW (D, k)->gap > GAP_HYPHEN)
          break;
        if ((wflags (D, k) & D_OWNED) || (k + 1 < n && (phrase_flags (D, k, k + 1) & D_OWNED)))
          {
            ev |= EV_OWNED;
            break;
          }
      }
  /* "KFB is South Korea's seventh largest bank", "Fiat is Italy's
   * biggest carmaker": a copula and a company noun that ends the clause */
  if (DW (D, b + 1)->gap == GAP_SPACE && !DW (D, b + 1)->cap && !DW (D, b)->poss &&
      (wflags (D, b + 1) & D_COPULA))
    for (guint k = b + 2; k < n && k <= b + 8 && DW (D, k)->gap <= GAP_HYPHEN; k++)
      {
        /* not "Brown is the chairman of the bank" */
        if (word_is (D, k, "of") || word_is (D, k, "at") || word_is (D, k, "for") ||
            word_is (D, k, "with") || word_is (D, k, "in"))
          break;
        if (!DW (D, k)->cap && (wflags (D, k) & D_CUE_BEFORE))
          {
            /* "Smith is a partner", "Jones is the owner": people too */
            if ((k + 1 >= n || DW (D, k + 1)->gap >= GAP_COMMA) && !is_people_noun (D, k))
              ev |= EV_APPOS;
            break;
          }
      }
  /* "Yukos, the Russian oil giant"; "Smith, who" */
  if (DW (D, b + 1)->gap == GAP_COMMA && !DW (D, b + 1)->cap)
    {
      guint32 f = wflags (D, b + 1);

      if (f & D_PERSON_AFTER)
        return G_MAXUINT;
      if (f & D_APPOS)
        for (guint k = b + 2; k < n && k <= b + 8 && DW (D, k)->gap <= GAP_HYPHEN; k++)
          if (!DW (D, k)->cap && (wflags (D, k) & D_CUE_BEFORE))
            {
              /* ... and closes there: not "Overall, the company made" */
              if (k + 1 >= n || DW (D, k + 1)->gap >= GAP_COMMA)
                ev |= EV_APPOS;
              break;
            }
    }
  return ev;
}

static void
collect_candidates (Disc *D)
{
  guint next = 0;

  for (guint ci = 0; ci < D->ncaps; ci++)
    {
      guint i = D->caps[ci];
      guint a = i, b, last;
      gboolean suffix;
      guint ev;
      Cand *c;

      if (i < next)
        continue;
      b = run_end (D, i);
      next = b + 1;
      if (!name_in_run (D, &a, b, &last, &suffix))
        continue;
      ev = evidence_around (D, a, last, b);
      if (ev == G_MAXUINT)
        {
          add_person (D, last);
          continue;
        }
      if (suffix)
        ev |= EV_SUFFIX;
      c = find_cand (D, a, last);
      if (c == NULL)
        c = add_cand (D, a, last);
      c->count++;
      c->evidence |= ev;
    }
}

/* "I've", "We're", "Don't": a word with an apostrophe and one of the
 * endings of a contraction. */
static gboolean
is_contraction (Disc *D,
                guint i)
{
  static const char * const endings[] = { "'ve", "'re", "'ll", "'d", "'m", "n't",
                                          "\u2019ve", "\u2019re", "\u2019ll", "\u2019d", "\u2019m", "n\u2019t" };
  const DWord *w = DW (D, i);
  guint n = w->end - w->start;

  for (guint e = 0; e < G_N_ELEMENTS (endings); e++)
    {
      guint el = strlen (endings[e]);

      if (n > el && g_ascii_strncasecmp (D->b + w->end - el, endings[e], el) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Why a name is no company, or NULL. */
static const char *
refusal (Disc *D,
         Cand *c)
{
  guint32 whole = phrase_flags (D, c->first, c->last);
  gboolean any_name = FALSE;

  if (whole & D_PLACE)
    return "a place";
  if (whole & D_MONTH)
    return "a date";
  if (whole & D_GOV)
    return "a public body";
  /* "Reuters said", "told Bloomberg": a source; "media group Reuters",
   * "Reuters shares", "Reuters's profits": the company */
  if ((whole & D_MEDIA) &&
      !(c->evidence & (EV_SUFFIX | EV_HEAD | EV_CUE | EV_CUE_PAIR | EV_AFTER | EV_OWNED | EV_APPOS | EV_HEADLINE)))
    return "a news agency, as a source";
  for (guint k = c->first; k <= c->last; k++)
    {
      guint32 f = wflags (D, k);

      if (f & D_GOVWORD)
        return "a public body";
      if (f & D_STOP)
        return "common words";  /* "Mi GMT" */
      if (!(f & D_NOT_NAME) || ((f & D_HEAD) && c->last > c->first))
        any_name |= !(f & D_OF);
    }
  if (!any_name)
    return "common words";
  /* "I've said", "We're told" */
  for (guint k = c->first; k <= c->last; k++)
    if (is_contraction (D, k))
      return "common words";
  if (!(c->evidence & EV_SUFFIX))
    for (guint k = c->first; k <= c->last; k++)
      for (guint q = DW (D, k)->start; q < DW (D, k)->end; q++)
        if (g_ascii_isdigit (D->b[q]))
          return "a model name";  /* "Tab S8 Plus", "P50 Pro" */
  if (c->last > c->first && is_person (D, c->last) && !(wflags (D, c->last) & D_HEAD))
    return "a person";        /* "Shawn Burns" ... "Mr Burns" */
  if (is_body (D, c->first))
    return "a public body";   /* "the British Retail Consortium (BRC)" */
  if (c->first == c->last && !could_be_name (D, c->first))
    return is_person (D, c->first) ? "a person" : "a common word";
  return NULL;
}

/* Headline subjects: a name of the title that the body repeats. */
static Cand *
mark_headline (Disc       *D,
               const char *title)
{
  Disc T = { .dict = D->dict, .ctx = D->ctx, .b = title, .len = strlen (title) };
  Cand *found = NULL;
  gboolean any_lower = FALSE;

  for (guint k = 0; k < T.len && !any_lower; k++)
    any_lower = g_ascii_islower (title[k]);
  if (!any_lower)
    return NULL;                /* "YUKOS SAYS ...": capitals say nothing */
  T.wcap = T.len / 2 + 2;
  disc_alloc (&T, FALSE);
  T.persons = g_array_new (FALSE, FALSE, sizeof (guint));
  scan_words (&T);
  for (guint ci = 0, next = 0; ci < T.ncaps; ci++)
    {
      guint i = T.caps[ci];
      guint a = i, b, last;
      gboolean suffix;

      if (i < next)
        continue;
      b = run_end (&T, i);
      next = b + 1;
      if (!name_in_run (&T, &a, b, &last, &suffix))
        continue;
      for (guint k = 0; k < D->cands->len; k++)
        {
          Cand *c = &g_array_index (D->cands, Cand, k);

          if (c->last - c->first == last - a && c->count >= 2 &&
              same_words (D, c->first, &T, a, last - a + 1))
            {
              c->evidence |= EV_HEADLINE;
              if (found == NULL)
                found = c;
            }
        }
    }
  disc_free (&T);
  g_array_unref (T.persons);
  return found;
}

static const char *
canonical_name (Disc *D,
                Cand *c)
{
  GString *s = g_string_new (NULL);
  const char *name;

  for (guint k = c->first; k <= c->last; k++)
    {
      DWord *w = DW (D, k);

      if (k > c->first)
        g_string_append (s, w->gap == GAP_HYPHEN ? "-" : w->gap == GAP_AMP ? " & " : " ");
      g_string_append_len (s, D->b + w->start, w->end - w->start);
    }
  name = discover_intern (s->str);
  g_string_free (s, TRUE);
  return name;
}

/* The lexicon knows the name, or a brand within it ("Apple Computer"):
 * the lexicon wins. */
static gboolean
known_to_lexicon (const CitedExtractContext *ctx,
                  const char                *name)
{
  g_autoptr(GArray) inside = NULL;

  if (cited_lexicon_lookup (ctx->lexicon, name) != NULL)
    return TRUE;
  inside = cited_lexicon_find (ctx->lexicon, name, strlen (name));
  return inside->len > 0;
}

static void
add_mention (GArray     *out,
             const char *brand,
             guint       start,
             guint       end)
{
  CitedMention m = { brand, start, end, TRUE };

  g_array_append_val (out, m);
}

/* Whether word @i joins the words around it into a longer name. */
static gboolean
joined_before (Disc *D,
               guint i)
{
  return i > 0 && DW (D, i)->gap <= GAP_AMP && DW (D, i - 1)->cap && !DW (D, i - 1)->poss &&
         !(wflags (D, i - 1) & D_STOP);
}

static gboolean
joined_after (Disc *D,
              guint j)
{
  return j + 1 < D->nw && DW (D, j + 1)->gap <= GAP_AMP && DW (D, j + 1)->cap &&
         !DW (D, j)->poss && !(wflags (D, j + 1) & D_SUFFIX);
}

/* Every occurrence of the accepted names, the full name with its suffix
 * ("Cadbury Schweppes plc") and, after it, the short form ("Cadbury"). */
static void
find_occurrences (Disc      *D,
                  GPtrArray *accepted,
                  GArray    *out)
{
  guint n = D->nw, next = 0;

  /* Most articles have no name to find. */
  if (accepted->len == 0)
    return;
  for (guint ci = 0; ci < D->ncaps; ci++)
    {
      guint i = D->caps[ci];
      gboolean done = FALSE;

      if (i < next || joined_before (D, i))
        continue;
      next = i + 1;
      for (guint k = 0; k < accepted->len && !done; k++)
        {
          Cand *c = g_ptr_array_index (accepted, k);
          guint nw = c->last - c->first + 1, j = i + nw - 1;

          if (j >= n || !same_words (D, c->first, D, i, nw) || joined_after (D, j))
            continue;
          while (j + 1 < n && !DW (D, j)->poss && DW (D, j + 1)->gap == GAP_SPACE &&
                 (wflags (D, j + 1) & D_SUFFIX) && (DW (D, j + 1)->cap || is_plc (D, j + 1)))
            j++;
          add_mention (out, c->name, DW (D, i)->start, DW (D, j)->end);
          next = j + 1;
          done = TRUE;
        }
      for (guint k = 0; k < accepted->len && !done; k++)
        {
          Cand *c = g_ptr_array_index (accepted, k);

          if (c->short_form && (c->short_anywhere || DW (D, c->first)->start < DW (D, i)->start) &&
              same_word (D, c->first, D, i) && !joined_after (D, i))
            {
              add_mention (out, c->name, DW (D, i)->start, DW (D, i)->end);
              done = TRUE;
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Chinese: 蒙牛乳业集团, 招商银行, 阿里巴巴旗下                           */

static gboolean
ends_with_any (const char *b,
               guint       from,
               guint       q,
               GPtrArray  *words,
               guint      *len)
{
  for (guint i = 0; i < words->len; i++)
    {
      const char *w = g_ptr_array_index (words, i);
      guint n = strlen (w);

      if (q >= from + n && memcmp (b + q - n, w, n) == 0)
        {
          *len = n;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
zh_stop_char (const Dict *d,
              gunichar    c)
{
  for (guint k = 0; k < d->zh_stop_chars->len; k++)
    if (g_array_index (d->zh_stop_chars, gunichar, k) == c)
      return TRUE;
  return FALSE;
}

static gboolean
lexicon_ends_at (const CitedExtractContext *ctx,
                 guint                      q)
{
  for (guint k = 0; k < ctx->n_mentions; k++)
    if (ctx->mentions[k].end == q)
      return TRUE;
  return FALSE;
}

static gboolean
lexicon_overlaps (const CitedExtractContext *ctx,
                  guint                      start,
                  guint                      end)
{
  for (guint k = 0; k < ctx->n_mentions; k++)
    if (ctx->mentions[k].start < end && ctx->mentions[k].end > start)
      return TRUE;
  return FALSE;
}

/* Made of generic words only: 科技, 美国科技, 上市 */
static gboolean
zh_all_generic (const Dict *d,
                const char *s,
                guint       n)
{
  guint p = 0;

  while (p < n)
    {
      guint best = 0;

      for (guint i = 0; i < d->zh_generic->len; i++)
        {
          const char *g = g_ptr_array_index (d->zh_generic, i);
          guint l = strlen (g);

          if (l > best && p + l <= n && memcmp (s + p, g, l) == 0)
            best = l;
        }
      if (best == 0)
        return FALSE;
      p += best;
    }
  return TRUE;
}

/* The name before the suffix or cue of @hit, walking back over ideographs
 * to a stop character, a stop word, a brand, or anything not Chinese. */
static const char *
zh_name (Disc        *D,
         const ZhHit *hit,
         guint       *start)
{
  const Dict *d = D->dict;
  const char *b = D->b;
  guint q = hit->pos, end, chars = 0, l;
  g_autofree char *name = NULL;

  while (q >= 3)
    {
      const guchar *pc = (const guchar *) b + q - 3;

      if (pc[0] < 0xE4 || pc[0] > 0xE9 || (pc[1] & 0xC0) != 0x80 || (pc[2] & 0xC0) != 0x80 ||
          zh_stop_char (d, g_utf8_get_char ((const char *) pc)) ||
          ends_with_any (b, 0, q, d->zh_stop_words, &l) || lexicon_ends_at (D->ctx, q))
        break;
      if (++chars > 10)
        return NULL;            /* no telling where the name starts */
      q -= 3;
    }
  end = hit->kind == ZH_HEAD ? hit->pos + hit->len : hit->pos;
  /* 腾讯控股集团旗下: the name without its suffixes */
  while (hit->kind != ZH_HEAD && ends_with_any (b, q, end, d->zh_strip, &l))
    end -= l;
  /* A company the lexicon knows right before is the whole name's:
   * "蒙牛乳业集团" is Mengniu's, not a company called 乳业. */
  if ((hit->kind == ZH_HEAD ? hit->pos : end) < q + 6 ||
      lexicon_overlaps (D->ctx, q > 0 ? q - 1 : q, hit->pos + hit->len))
    return NULL;
  if (zh_all_generic (d, b + q, hit->kind == ZH_HEAD ? hit->pos - q : end - q))
    return NULL;
  name = g_strndup (b + q, end - q);
  for (guint i = 0; i < d->zh_gov->len; i++)
    if (strstr (name, g_ptr_array_index (d->zh_gov, i)) != NULL)
      return NULL;
  *start = q;
  return discover_intern (name);
}

static guint
count_in (Disc       *D,
          const char *name)
{
  guint n = 0, nl = strlen (name);
  const char *p = D->b, *end = D->b + D->len;

  while (p < end && (p = g_strstr_len (p, end - p, name)) != NULL)
    {
      n++;
      p += nl;
    }
  return n;
}

static void
zh_discover (Disc   *D,
             GArray *out)
{
  const Dict *d = D->dict;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < D->zh->len; i++)
    {
      const ZhHit *hit = &g_array_index (D->zh, ZhHit, i);
      guint start = 0;
      const char *name = zh_name (D, hit, &start);

      if (name == NULL || g_ptr_array_find (names, name, NULL))
        continue;
      /* A bare 公司 follows common nouns too (任何公司, 手机公司): the name
       * must come back. */
      if (hit->kind == ZH_STRIP && hit->len == strlen ("公司") &&
          memcmp (D->b + hit->pos, "公司", hit->len) == 0 && count_in (D, name) < 2)
        continue;
      g_ptr_array_add (names, (gpointer) name);
      if (D->ctx->trace)
        cited_extract_trace (D->ctx, start, hit->pos + hit->len, "discovered by %s",
                             hit->kind == ZH_CUE ? "旗下" : evidence_names[10]);
    }
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      guint nl = strlen (name);
      const char *p = D->b;
      const char *end = D->b + D->len;

      while (p < end && (p = g_strstr_len (p, end - p, name)) != NULL)
        {
          guint s = p - D->b, e = s + nl, l;

          /* 蒙牛乳业集团有限公司: the suffixes go with the mention */
          for (gboolean more = TRUE; more;)
            {
              more = FALSE;
              for (guint k = 0; k < d->zh_strip->len && !more; k++)
                {
                  const char *w = g_ptr_array_index (d->zh_strip, k);

                  l = strlen (w);
                  if (e + l <= D->len && memcmp (D->b + e, w, l) == 0)
                    {
                      e += l;
                      more = TRUE;
                    }
                }
            }
          add_mention (out, name, s, e);
          p = D->b + e;
        }
    }
}

/* ------------------------------------------------------------------ */
/* The whole text                                                      */

static int
by_start (gconstpointer a,
          gconstpointer b)
{
  const CitedMention *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end > y->end ? -1 : x->end < y->end;
}

static int
longest_first (gconstpointer a,
               gconstpointer b)
{
  const Cand *x = *(Cand * const *) a, *y = *(Cand * const *) b;

  return (int) (y->last - y->first) - (int) (x->last - x->first);
}

/* Drops the mentions that overlap a lexicon mention (the lexicon wins) or
 * the discovered mention before them. */
static void
drop_overlaps (const CitedExtractContext *ctx,
               GArray                    *out)
{
  guint kept = 0, l = 0, prev_end = 0;

  for (guint i = 0; i < out->len; i++)
    {
      CitedMention m = g_array_index (out, CitedMention, i);

      while (l < ctx->n_mentions && ctx->mentions[l].end <= m.start)
        l++;
      if ((l < ctx->n_mentions && ctx->mentions[l].start < m.end) || (kept > 0 && m.start < prev_end))
        continue;
      g_array_index (out, CitedMention, kept++) = m;
      prev_end = m.end;
    }
  g_array_set_size (out, kept);
}

/* The word that starts at byte @pos, or G_MAXUINT. */
static guint
word_starting_at (Disc *D,
                  guint pos)
{
  guint lo = 0, hi = D->nw;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (DW (D, mid)->start < pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < D->nw && DW (D, lo)->start == pos ? lo : G_MAXUINT;
}

/* Whether a mention of the lexicon's @brand starts at byte @pos. */
static gboolean
lexicon_name_at (const CitedExtractContext *ctx,
                 guint                      pos,
                 const char                *brand)
{
  for (guint m = 0; m < ctx->n_mentions && ctx->mentions[m].start <= pos; m++)
    if (ctx->mentions[m].start == pos && ctx->mentions[m].brand == brand)
      return TRUE;
  return FALSE;
}

/* A short form of a lexicon name of several words: its first word. */
typedef struct {
  guint       word;           /* in the name's first mention */
  const char *brand;          /* NULL when two names share the word */
  guint       after;          /* where that mention ends */
  gboolean    anywhere;       /* a name before it too: a company of its own evidence */
} LexShort;

/* "Pernod" after "Pernod Ricard", "Allied" after "Allied Domecq", "Tate's
 * shares" after "Tate & Lyle": the first word of a name of the lexicon's
 * of several words, when it could be a name on its own. NULL when there
 * is none. */
static GArray *
lexicon_short_forms (Disc *D)
{
  const CitedExtractContext *ctx = D->ctx;
  GArray *forms = NULL;

  for (guint m = 0; m < ctx->n_mentions; m++)
    {
      const CitedMention *mention = &ctx->mentions[m];
      guint w = word_starting_at (D, mention->start);
      gboolean seen = FALSE;

      if (w == G_MAXUINT || w + 1 >= D->nw || DW (D, w + 1)->start >= mention->end ||
          !DW (D, w)->cap || DW (D, w)->poss || DW (D, w)->end - DW (D, w)->start < 3 ||
          !could_be_name (D, w))
        continue;
      if (forms == NULL)
        forms = g_array_new (FALSE, FALSE, sizeof (LexShort));
      for (guint k = 0; k < forms->len && !seen; k++)
        {
          LexShort *f = &g_array_index (forms, LexShort, k);

          if (same_word (D, f->word, D, w))
            {
              if (f->brand != mention->brand)
                f->brand = NULL;
              seen = TRUE;
            }
        }
      if (!seen)
        {
          LexShort f = { w, mention->brand, mention->end, FALSE };

          g_array_append_val (forms, f);
        }
    }
  /* "Sumitomo Mitsui" beside "Sumitomo Chemical", which the lexicon does
   * not know: "Sumitomo" alone is either */
  for (guint ci = 0; forms != NULL && ci < D->ncaps; ci++)
    {
      guint i = D->caps[ci];

      if (!joined_after (D, i))
        continue;
      for (guint k = 0; k < forms->len; k++)
        {
          LexShort *f = &g_array_index (forms, LexShort, k);

          if (f->brand != NULL && same_word (D, f->word, D, i) && !lexicon_name_at (ctx, DW (D, i)->start, f->brand))
            f->brand = NULL;
        }
    }
  return forms;
}

/* The short form of a lexicon name that the one word @w is, if any. */
static LexShort *
lexicon_short_for (Disc   *D,
                   GArray *forms,
                   guint   w)
{
  for (guint k = 0; forms != NULL && k < forms->len; k++)
    if (same_word (D, g_array_index (forms, LexShort, k).word, D, w))
      return &g_array_index (forms, LexShort, k);
  return NULL;
}

/* Each short form alone after its full name: a mention of the lexicon's
 * brand (not a discovered one). */
static void
find_lexicon_short_forms (Disc   *D,
                          GArray *forms,
                          GArray *out)
{
  for (guint ci = 0; forms != NULL && ci < D->ncaps; ci++)
    {
      guint i = D->caps[ci];
      LexShort *f;

      if (joined_before (D, i) || joined_after (D, i))
        continue;
      f = lexicon_short_for (D, forms, i);
      if (f != NULL && f->brand != NULL && (f->anywhere || DW (D, i)->start >= f->after))
        {
          CitedMention m = { f->brand, DW (D, i)->start, DW (D, i)->end, FALSE };

          g_array_append_val (out, m);
          if (D->ctx->trace)
            cited_extract_trace (D->ctx, m.start, m.end, "%s by its short form", f->brand);
        }
    }
}

/* Whether the candidate @c is a company the lexicon does not know: enough
 * evidence, no refusal, not one of the lexicon's names nor the short form
 * of one (which @short_forms, the text's, then names wherever it stands).
 * Sets its name. */
static gboolean
accept_candidate (Disc   *D,
                  Cand   *c,
                  GArray *short_forms)
{
  const CitedExtractContext *ctx = D->ctx;
  const char *why;
  guint ev = c->evidence;

  /* A name of several words that comes back, once with a verb or a
   * possessive of its own ("Calder Rowe said", "Calder Rowe's
   * shares") */
  if (c->last > c->first && c->count >= 2 && (ev & (EV_SAID | EV_OWNED)))
    ev |= EV_REPEAT;
  if (!((ev & (EV_STRONG | EV_HEADLINE | EV_REPEAT)) || ((ev & EV_SAID) && c->count >= 2)))
    return FALSE;
  /* "Yukos's market share", "Yukos said": a possessive or a verb
   * after a single word, which text glued together ("GMTpeople's
   * share") can also show, needs the name to come back. */
  if (c->first == c->last && c->count < 2 &&
      !(ev & (EV_SUFFIX | EV_CUE | EV_CUE_PAIR | EV_AFTER | EV_APPOS | EV_HEADLINE)))
    return FALSE;
  /* "American and Southwest", then "Southwest Airlines": the short
   * form wherever it stands. One that two names share stays a
   * company of its own ("Reliance Group" beside "Reliance Energy"
   * and "Reliance Industries"). */
  if (c->first == c->last && short_forms != NULL)
    {
      LexShort *f = lexicon_short_for (D, short_forms, c->first);

      if (f != NULL && f->brand != NULL)
        {
          c->short_of = f->brand;
          f->anywhere = TRUE;
          if (ctx->trace)
            cited_extract_trace (ctx, DW (D, c->first)->start, DW (D, c->last)->end,
                                 "not discovered: the short form of %s", f->brand);
          return FALSE;
        }
    }
  why = refusal (D, c);
  if (why != NULL)
    {
      if (ctx->trace)
        cited_extract_trace (ctx, DW (D, c->first)->start, DW (D, c->last)->end,
                             "not discovered: %s", why);
      return FALSE;
    }
  c->name = canonical_name (D, c);
  if (known_to_lexicon (ctx, c->name))
    {
      if (ctx->trace)
        cited_extract_trace (ctx, DW (D, c->first)->start, DW (D, c->last)->end,
                             "not discovered: the lexicon's");
      c->name = NULL;
      return FALSE;
    }
  c->short_form = c->last > c->first && could_be_name (D, c->first) &&
                  DW (D, c->first)->end - DW (D, c->first)->start >= 3;
  if (ctx->trace)
    cited_extract_trace (ctx, DW (D, c->first)->start, DW (D, c->last)->end,
                         "discovered by %s", evidence_names[g_bit_nth_lsf (ev, -1)]);
  return TRUE;
}

/**
 * discover_companies:
 * @ctx: the text and its lexicon mentions, sorted by start
 * @title: (nullable): the article's title
 * @headline: (out): the company the title is about when it is a
 *   discovered one or the short form of a lexicon name, or NULL
 *
 * Finds the companies of @ctx's body that the lexicon does not know, and
 * the short forms of the lexicon's names of several words after them.
 *
 * Returns: (transfer full): every occurrence of each discovered company,
 *   as CitedMention with discovered set, and of each short form, as a
 *   mention of its lexicon brand; sorted by start and overlapping no
 *   lexicon mention.
 */
GArray *
discover_companies (const CitedExtractContext *ctx,
                    const char                *title,
                    const char               **headline,
                    const guint64            **trigger_bits,
                    const guint64            **odd_bits)
{
  Disc D = {
    .dict = get_dict (),
    .ctx = ctx,
    .b = ctx->body,
    .len = ctx->length,
    .want_zh = TRUE,
  };
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (CitedMention), 16);
  g_autoptr(GPtrArray) accepted = g_ptr_array_new ();
  Cand *head = NULL;
  g_autoptr(GArray) short_forms = NULL;

  *headline = NULL;
  triggers_init ();
  D.wcap = D.len / 2 + 2;
  disc_alloc (&D, TRUE);
  D.cands = scratch_array_take (SCRATCH_CANDIDATES, sizeof (Cand), 64);
  D.persons = scratch_array_take (SCRATCH_PERSONS, sizeof (guint), 32);
  scan_words (&D);
  note_bodies (&D);
  collect_candidates (&D);
  if (title != NULL && D.cands->len > 0)
    head = mark_headline (&D, title);
  if (ctx->n_mentions > 0)
    short_forms = lexicon_short_forms (&D);

  for (guint k = 0; k < D.cands->len; k++)
    if (accept_candidate (&D, &g_array_index (D.cands, Cand, k), short_forms))
      g_ptr_array_add (accepted, &g_array_index (D.cands, Cand, k));
  g_ptr_array_sort (accepted, longest_first);
  /* "Rowntree's chief executive" after "Rowntree Mackintosh": the short
   * form, not a company of its own; it names the full one wherever it
   * stands. */
  for (guint k = accepted->len; k-- > 0;)
    {
      Cand *c = g_ptr_array_index (accepted, k);

      if (c->last != c->first)
        break;
      for (guint f = 0; f < k; f++)
        {
          Cand *full = g_ptr_array_index (accepted, f);

          if (full->short_form && same_word (&D, full->first, &D, c->first))
            {
              full->short_anywhere = TRUE;
              g_ptr_array_remove_index (accepted, k);
              break;
            }
        }
    }
  find_occurrences (&D, accepted, out);
  find_lexicon_short_forms (&D, short_forms, out);
  if (D.zh != NULL)
    zh_discover (&D, out);
  g_array_sort (out, by_start);
  drop_overlaps (ctx, out);
  if (head != NULL && head->short_of != NULL)
    *headline = head->short_of;
  else if (head != NULL && head->name != NULL)
    for (guint k = 0; k < out->len && *headline == NULL; k++)
      if (g_array_index (out, CitedMention, k).brand == head->name)
        *headline = head->name;

  /* kept in the thread's block until its next article */
  *trigger_bits = D.scratch && !D.capped ? D.trig : NULL;
  *odd_bits = D.scratch && !D.capped ? D.odd : NULL;
  disc_free (&D);
  /* an array only grows: its length is its peak */
  scratch_array_give (SCRATCH_CANDIDATES, D.cands, D.cands->len <= 1024);
  scratch_array_give (SCRATCH_PERSONS, D.persons, D.persons->len <= 1024);
  g_clear_pointer (&D.bodies, g_array_unref);
  g_clear_pointer (&D.zh, g_array_unref);
  return out;
}
