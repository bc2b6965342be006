/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cited-extract-private.h"

/*
 * Figures in Chinese sentences.
 *
 * One pass over the sentence's code points (decoded once into a buffer on
 * the stack, with the byte offset of each), no regex engine and no
 * allocation per token. A number is Arabic digits (ASCII or full-width,
 * with "," or "，" thousands separators and "." or "．" decimals), Chinese
 * numerals (一二三…十百千), or a mix, scaled by 万 (1e4) and 亿 (1e8):
 * "3580 万", "1.9亿", "一千多万", "3万4000". What follows it decides what it
 * is: a measure word or noun gives the unit (台/部 units, 人/名 people …),
 * a currency word the ISO code, % the percent; 年/月/日, times, sizes and
 * camera specs make it not a figure; a year before 年 becomes the period.
 *
 * Choices worth knowing:
 * - "前三" (top three) is value 3, metric "rank", qualifier "top";
 *   "第二大", "排名第三" are ranks 2 and 3; "全球最大" is rank 1, scope global.
 * - A change described as a fall is negative ("同比下降 42.4%" is -42.4,
 *   metric "growth"), as is a number written with a minus sign; "下降至 5%"
 *   is a level and stays positive.
 * - Money counted in sales or shipments ("销售 150 亿美元") is revenue.
 * - A bare number with no unit, scale, currency or percent is a figure only
 *   right after a metric word and a verb ("员工人数达到 3000"); numbers after
 *   Latin words or brand names ("小米 11", "骁龙 888", "Redmi Note 12")
 *   are model names unless a unit or scale follows.
 * - Small counts in Chinese numerals with no scale ("三个摄像头", "一家",
 *   "两人") are not figures unless they are ranges ("三到五家") or count
 *   stores, patents or companies.
 * - "两成" is 20% and "一半" 50% (the latter only where a share or change is
 *   named); "两三万" is the range 20,000-30,000.
 * - The brand is the clause's nearest before the figure, then after it,
 *   then the sentence's nearest, then the previous sentence's; a brand
 *   after a verb of beating ("击败高通") gives way to the subject before
 *   it; chip and system brands inside a product's description ("采用联发科
 *   芯片组的手机") give way to any other brand in the sentence; "分别"
 *   pairs brands and figures in order; market-wide clauses ("全球智能手机
 *   出货量") get no brand.
 */

/* ---- keyword tables (data/metrics-zh.json) ---- */

typedef struct {
  const char *word;   /* interned */
  guint       len;    /* bytes */
  const char *value;  /* interned; "" blocks the word */
} Keyword;

typedef struct {
  Keyword *metrics;
  guint    n_metrics;
  Keyword *scopes;
  guint    n_scopes;
} Tables;

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

static Keyword *
load_keywords (JsonObject *root,
               const char *member,
               const char *value_member,
               guint      *n_out)
{
  JsonArray *groups;
  GArray *out = g_array_new (FALSE, TRUE, sizeof (Keyword));

  if (!json_object_has_member (root, member))
    {
      *n_out = 0;
      return (Keyword *) (void *) g_array_free (out, FALSE);
    }

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
          kw.value = g_intern_string (value);
          g_array_append_val (out, kw);
        }
    }

  g_array_sort (out, keyword_cmp);
  *n_out = out->len;
  return (Keyword *) (void *) g_array_free (out, FALSE);
}

static void init_starters (void);
static void init_first_chars (void);

static const Tables *
get_tables (void)
{
  static gsize init = 0;
  static Tables tables;

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
        {
          JsonObject *root = json_node_get_object (json_parser_get_root (parser));

          tables.metrics = load_keywords (root, "metrics", "metric", &tables.n_metrics);
          tables.scopes = load_keywords (root, "scopes", "scope", &tables.n_scopes);
        }
      else
        {
          /* A build without the table still extracts numbers and units. */
          g_critical ("Chinese metric keywords unavailable: %s",
                      error != NULL ? error->message : "not a JSON object");
        }
      init_starters ();
      init_first_chars ();
      g_once_init_leave (&init, 1);
    }

  return &tables;
}

/* ---- the sentence buffer ---- */

#define STACK_CHARS 512
#define MAX_MARKS 32
#define MAX_CANDS 64

typedef struct {
  const char *body;
  const gunichar *cp;
  const guint *off;   /* off[i]: byte offset of cp[i] in body; off[n]: end */
  guint n;
} Sent;

typedef struct {
  guint idx;
  int value;
} Mark;

typedef enum {
  KIND_COUNT,
  KIND_MONEY,
  KIND_PERCENT,
  KIND_RANK,
} Kind;

typedef struct {
  guint i0, i1;              /* text is chars [i0, i1) */
  double value;
  double value_max;
  const char *unit;
  const char *currency;
  const char *qualifier;
  const char *metric;        /* forced by the form (rank, growth) or NULL */
  const char *scope;         /* forced by the form ("全球最大") or NULL */
  Kind kind;
  gboolean bare;             /* no unit, scale, currency or percent */
  gboolean counted;          /* a measure word said something is counted (个, 次) */
  gboolean needs_metric;     /* a figure only with a metric ("一半" of what?) */
  const char *brand;
} Cand;

static inline gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0;
}

static inline int
arabic_digit (gunichar c)
{
  if (c >= '0' && c <= '9')
    return (int) (c - '0');
  if (c >= 0xFF10 && c <= 0xFF19)
    return (int) (c - 0xFF10);
  return -1;
}

/* One bit per ideograph that is a Chinese digit, set with the tables: most
 * characters are ruled out with one load before the switch. */
static guint8 digit_bits[(0x9FFF - 0x4E00 + 1) / 8 + 1];

static inline int
cn_digit (gunichar c)
{
  if (c != 0x3007 &&
      (c < 0x4E00 || c > 0x9FFF || !((digit_bits[(c - 0x4E00) >> 3] >> ((c - 0x4E00) & 7)) & 1)))
    return -1;
  switch (c)
    {
    case 0x96F6: /* 零 */
    case 0x3007: /* 〇 */
      return 0;
    case 0x4E00: return 1; /* 一 */
    case 0x4E8C: return 2; /* 二 */
    case 0x4E24: return 2; /* 两 */
    case 0x4E09: return 3; /* 三 */
    case 0x56DB: return 4; /* 四 */
    case 0x4E94: return 5; /* 五 */
    case 0x516D: return 6; /* 六 */
    case 0x4E03: return 7; /* 七 */
    case 0x516B: return 8; /* 八 */
    case 0x4E5D: return 9; /* 九 */
    default: return -1;
    }
}

static inline double
cn_small_unit (gunichar c)
{
  switch (c)
    {
    case 0x5341: return 10;   /* 十 */
    case 0x767E: return 100;  /* 百 */
    case 0x5343: return 1000; /* 千 */
    default: return 0;
    }
}

#define CH_WAN 0x4E07 /* 万 */
#define CH_YI  0x4EBF /* 亿 */

static inline gboolean
is_latin (gunichar c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A);
}

static inline gboolean
is_clause_sep (gunichar c)
{
  return c == 0xFF0C /* ， */ || c == 0x3001 /* 、 */ || c == 0xFF1B /* ； */ ||
         c == ',' || c == ';' || c == 0xFF1A /* ： */;
}

/* Separators between clauses that a list ("小米、OPPO 和 vivo") does not
 * cross. */
static inline gboolean
is_big_sep (gunichar c)
{
  return c == 0xFF0C /* ， */ || c == 0xFF1B /* ； */ || c == ',' || c == ';' || c == 0xFF1A /* ： */;
}

static inline gboolean
is_cjk (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

/* Chars in @word if the body at char @i starts with it, else 0. Compares
 * byte by byte: most calls fail within the first character. */
static guint
match_at (const Sent *s,
          guint       i,
          const char *word)
{
  const char *b, *lim;
  guint chars = 0;

  if (i >= s->n)
    return 0;
  b = s->body + s->off[i];
  lim = s->body + s->off[s->n];
  for (const char *w = word; *w != '\0'; w++, b++)
    {
      if (b >= lim || *b != *w)
        return 0;
      chars += ((guchar) *w & 0xC0) != 0x80;
    }
  return chars;
}

/* Index of the first word of @words (NULL-terminated) at char @i, or -1;
 * the match length in chars goes to @n_chars. */
static int
match_any_at (const Sent         *s,
              guint               i,
              const char * const *words,
              guint              *n_chars)
{
  for (int k = 0; words[k] != NULL; k++)
    {
      guint m = match_at (s, i, words[k]);
      if (m > 0)
        {
          if (n_chars != NULL)
            *n_chars = m;
          return k;
        }
    }
  return -1;
}

/* Chars in @word if the text just before char @i ends with it, else 0. */
static guint
match_before (const Sent *s,
              guint       i,
              const char *word)
{
  gsize len = strlen (word);
  guint j;

  if (i == 0 || s->off[i] < s->off[0] + len ||
      memcmp (s->body + s->off[i] - len, word, len) != 0)
    return 0;
  for (j = i; j > 0 && s->off[j] > s->off[i] - len; j--)
    ;
  return s->off[j] == s->off[i] - len ? i - j : 0;
}

static int
match_any_before (const Sent         *s,
                  guint               i,
                  const char * const *words,
                  guint              *n_chars)
{
  for (int k = 0; words[k] != NULL; k++)
    {
      guint m = match_before (s, i, words[k]);
      if (m > 0)
        {
          if (n_chars != NULL)
            *n_chars = m;
          return k;
        }
    }
  return -1;
}

static inline guint
skip_spaces (const Sent *s,
             guint       i)
{
  while (i < s->n && is_space (s->cp[i]))
    i++;
  return i;
}

static inline guint
skip_spaces_back (const Sent *s,
                  guint       i)
{
  while (i > 0 && is_space (s->cp[i - 1]))
    i--;
  return i;
}

/* ---- numbers ---- */

typedef struct {
  guint end;            /* char just past the number */
  double value;
  gboolean has_scale;   /* 万/亿 (or 十/百/千 after Arabic digits) */
  gboolean arabic;      /* starts with Arabic digits */
  gboolean chinese;     /* has Chinese numerals */
  gboolean decimal;
  gboolean separators;
  gboolean more;        /* 多/余 inside ("一千多万") */
  guint n_int_digits;   /* Arabic integer digits (years are 4) */
  double lead;          /* the first group as written: 2000 in "2000 万" */
  double approx_ratio;  /* "两三万": 3/2, the top of the range over the value */
} Num;

/* Arabic digits at @i: "2,300", "2，300", "１．５", "13.1". */
static guint
parse_arabic (const Sent *s,
              guint       i,
              Num        *num)
{
  double v = 0;
  double scale = 0.1;
  gboolean frac = FALSE;

  while (i < s->n)
    {
      gunichar c = s->cp[i];
      int d = arabic_digit (c);

      if (d >= 0)
        {
          if (frac)
            {
              v += d * scale;
              scale /= 10;
            }
          else
            {
              v = v * 10 + d;
              num->n_int_digits++;
            }
          i++;
          continue;
        }

      /* A separator needs exactly three digits after it: "2，300" but not
       * the clause comma in "出货 300，500 万台 …". */
      if ((c == ',' || c == 0xFF0C) && !frac && num->n_int_digits > 0 &&
          num->n_int_digits <= 3 + 4 * (guint) num->separators && i + 3 < s->n &&
          arabic_digit (s->cp[i + 1]) >= 0 && arabic_digit (s->cp[i + 2]) >= 0 &&
          arabic_digit (s->cp[i + 3]) >= 0 &&
          (i + 4 >= s->n || arabic_digit (s->cp[i + 4]) < 0 ||
           s->cp[i + 4] == ',' || s->cp[i + 4] == 0xFF0C))
        {
          num->separators = TRUE;
          i++;
          continue;
        }

      if ((c == '.' || c == 0xFF0E) && !frac && i + 1 < s->n &&
          arabic_digit (s->cp[i + 1]) >= 0)
        {
          frac = TRUE;
          num->decimal = TRUE;
          i++;
          continue;
        }
      break;
    }

  num->value = v;
  return i;
}

/* A number at @i (Arabic, Chinese or mixed, with 万/亿). Returns FALSE when
 * there is no number there. */
static gboolean
parse_number (const Sent *s,
              guint       i,
              Num        *num)
{
  double yi = 0, wan = 0, section = 0, cur = 0;
  gboolean have_cur = FALSE;
  gboolean last_cn_digit = FALSE;
  gboolean positional = FALSE;
  gboolean any = FALSE;
  guint start = i;

  memset (num, 0, sizeof *num);

  while (i < s->n)
    {
      gunichar c = s->cp[i];
      int d;
      double u;

      if (arabic_digit (c) >= 0 && !have_cur && !last_cn_digit)
        {
          Num a = { 0 };
          guint j;

          /* Arabic digits come first or right after a scale ("3万4000"). */
          if (i != start && !(s->cp[i - 1] == CH_WAN || s->cp[i - 1] == CH_YI))
            break;
          if (i == start)
            num->arabic = TRUE;
          i = parse_arabic (s, i, &a);
          if (num->n_int_digits == 0)
            {
              num->n_int_digits = a.n_int_digits;
              num->decimal = a.decimal;
              num->separators = a.separators;
              num->lead = a.value;
            }
          cur = a.value;
          have_cur = TRUE;
          any = TRUE;
          /* "3580 万": a space may sit between digits and their scale. */
          j = skip_spaces (s, i);
          if (j > i && j + 1 < s->n && (s->cp[j] == 0x591A || s->cp[j] == 0x4F59) &&
              (s->cp[j + 1] == CH_WAN || s->cp[j + 1] == CH_YI))
            i = j; /* "10 余万" */
          else if (j > i && j < s->n &&
              (s->cp[j] == CH_WAN || s->cp[j] == CH_YI ||
               (cn_small_unit (s->cp[j]) > 0 && j + 1 < s->n &&
                (s->cp[j + 1] == CH_WAN || s->cp[j + 1] == CH_YI))))
            i = j;
          continue;
        }

      d = cn_digit (c);
      if (d >= 0)
        {
          if (have_cur && !last_cn_digit)
            break; /* "3五": not one number */
          if (last_cn_digit)
            {
              /* Digits in a row are positional only in years and with a
               * zero ("二〇二一年", "一〇五"); "两三", "三四" say "two or
               * three", a range; "一一" (one by one) is no number. */
              if (positional)
                cur = cur * 10 + d;
              else if (d == (int) cur + 1 || (cur == 1 && d == 2))
                {
                  num->approx_ratio = (double) d / cur;
                  i++;
                  last_cn_digit = FALSE;
                  continue;
                }
              else
                break;
            }
          else
            {
              guint r = i;
              while (r < s->n && cn_digit (s->cp[r]) >= 0)
                r++;
              positional = (r - i == 4 && r < s->n && s->cp[r] == 0x5E74 /* 年 */);
              for (guint q = i; q < r && !positional; q++)
                positional = cn_digit (s->cp[q]) == 0 && r - i > 1 && q > i;
              cur = d;
            }
          if (num->lead == 0)
            num->lead = d;
          have_cur = TRUE;
          last_cn_digit = TRUE;
          num->chinese = TRUE;
          any = TRUE;
          i++;
          /* Chinese decimals: "一点九亿". */
          if (i + 1 < s->n && s->cp[i] == 0x70B9 /* 点 */ && cn_digit (s->cp[i + 1]) >= 0)
            {
              double scale = 0.1;
              i++;
              while (i < s->n && (d = cn_digit (s->cp[i])) >= 0)
                {
                  cur += d * scale;
                  scale /= 10;
                  i++;
                }
              num->decimal = TRUE;
              last_cn_digit = FALSE;
            }
          continue;
        }

      u = cn_small_unit (c);
      if (u > 0)
        {
          /* 百分之/百分点 are not hundreds; 千瓦, 千米 … stop at the
           * unit check later. A small unit needs something to multiply or
           * to be followed by more numerals ("十三", "百万"). */
          if (c == 0x767E && i + 1 < s->n && s->cp[i + 1] == 0x5206 /* 分 */)
            break;
          if (!have_cur && section == 0 && !any)
            {
              if (!(i + 1 < s->n &&
                    (cn_digit (s->cp[i + 1]) >= 0 || s->cp[i + 1] == CH_WAN ||
                     s->cp[i + 1] == CH_YI || c == 0x5341)))
                break;
            }
          section += (have_cur ? cur : 1) * u;
          cur = 0;
          have_cur = FALSE;
          last_cn_digit = FALSE;
          num->chinese = TRUE;
          if (num->arabic)
            num->has_scale = TRUE;
          any = TRUE;
          i++;
          continue;
        }

      if ((c == CH_WAN || c == CH_YI) && any)
        {
          if (c == CH_WAN)
            {
              if (wan != 0)
                break;
              wan = (section + cur) * 1e4;
            }
          else
            {
              yi = (yi + wan + section + cur) * 1e8;
              wan = 0;
            }
          section = 0;
          cur = 0;
          have_cur = FALSE;
          last_cn_digit = FALSE;
          num->has_scale = TRUE;
          i++;
          continue;
        }

      /* "一千多万", "1000 多万", "50 多亿": 多/余 between a number and a
       * larger unit. */
      if ((c == 0x591A /* 多 */ || c == 0x4F59 /* 余 */) && any && i + 1 < s->n &&
          (s->cp[i + 1] == CH_WAN || s->cp[i + 1] == CH_YI ||
           cn_small_unit (s->cp[i + 1]) > 0))
        {
          num->more = TRUE;
          last_cn_digit = FALSE;
          i++;
          continue;
        }

      break;
    }

  if (!any)
    return FALSE;

  num->value = yi + wan + section + cur;
  if (num->has_scale && fabs (num->value - nearbyint (num->value)) < 1e-6 * fmax (1, num->value))
    num->value = nearbyint (num->value);
  num->end = i;
  return TRUE;
}

/* ---- what follows a number ---- */

typedef struct {
  const char *word;
  const char *unit;       /* unit, or currency code for KIND_MONEY */
  Kind kind;
  const char *not_before; /* NUL-separated chars that make it another word */
  gboolean needs_noun;    /* 个, 位 …: only a noun after them says what is counted */
} UnitWord;

/* Longest first where words overlap. */
static const UnitWord unit_words[] = {
  { "人民币", "CNY", KIND_MONEY, NULL, FALSE },
  { "美元", "USD", KIND_MONEY, NULL, FALSE },
  { "美金", "USD", KIND_MONEY, NULL, FALSE },
  { "欧元", "EUR", KIND_MONEY, NULL, FALSE },
  { "英镑", "GBP", KIND_MONEY, NULL, FALSE },
  { "卢比", "INR", KIND_MONEY, NULL, FALSE },
  { "日元", "JPY", KIND_MONEY, NULL, FALSE },
  { "韩元", "KRW", KIND_MONEY, NULL, FALSE },
  { "港元", "HKD", KIND_MONEY, NULL, FALSE },
  { "港币", "HKD", KIND_MONEY, NULL, FALSE },
  { "元新台币", "TWD", KIND_MONEY, NULL, FALSE },
  { "元台币", "TWD", KIND_MONEY, NULL, FALSE },
  { "元港币", "HKD", KIND_MONEY, NULL, FALSE },
  { "元港元", "HKD", KIND_MONEY, NULL, FALSE },
  { "新台币", "TWD", KIND_MONEY, NULL, FALSE },
  { "台币", "TWD", KIND_MONEY, NULL, FALSE },
  { "块钱", "CNY", KIND_MONEY, NULL, FALSE },
  { "元", "CNY", KIND_MONEY, "素\0件\0宇\0器\0旦\0老\0", FALSE },
  { "用户", "users", KIND_COUNT, NULL, FALSE },
  { "月活跃用户", "users", KIND_COUNT, NULL, FALSE },
  { "月活用户", "users", KIND_COUNT, NULL, FALSE },
  { "月活", "users", KIND_COUNT, NULL, FALSE },
  { "日活", "users", KIND_COUNT, NULL, FALSE },
  { "门店", "stores", KIND_COUNT, NULL, FALSE },
  { "员工", "people", KIND_COUNT, NULL, FALSE },
  { "城市", "cities", KIND_COUNT, NULL, FALSE },
  { "国家", "countries", KIND_COUNT, NULL, FALSE },
  { "台", "units", KIND_COUNT, "湾\0阶\0风\0词\0上\0下\0", FALSE },
  { "部", "units", KIND_COUNT, "分\0门\0署\0长\0落\0件\0", FALSE },
  { "辆", "cars", KIND_COUNT, NULL, FALSE },
  { "颗", "units", KIND_COUNT, "粒\0", FALSE },
  { "块", "units", KIND_COUNT, "钱\0", FALSE },
  { "件", "pieces", KIND_COUNT, "事\0", FALSE },
  { "家", "companies", KIND_COUNT, "庭\0族\0居\0人\0乡\0电\0用\0", FALSE },
  { "名", "people", KIND_COUNT, "字\0义\0称\0牌\0列\0次\0", FALSE },
  { "位", NULL, KIND_COUNT, "数\0于\0居\0置\0列\0", TRUE },
  { "人", "people", KIND_COUNT, "民\0工\0气\0均\0士\0物\0", FALSE },
  { "个", NULL, KIND_COUNT, NULL, TRUE },
  { "座", NULL, KIND_COUNT, NULL, TRUE },
  { "项", NULL, KIND_COUNT, "目\0", TRUE },
  { "次", NULL, KIND_COUNT, NULL, TRUE },
};

/* After a number these make it not a figure: sizes, specs, durations,
 * dates, times, ages, generations, scores. */
static const char * const reject_words[] = {
  "像素", "英寸", "寸", "毫安", "小时", "分钟", "秒", "天", "周年", "周", "个月",
  "个小时", "个星期", "星期", "月", "日", "号", "年", "岁", "后", "纳米", "核",
  "帧", "瓦", "千瓦", "倍", "度", "米", "厘米", "毫米", "公里", "千米", "克",
  "千克", "公斤", "吨", "层", "楼", "代", "版", "期", "届", "章", "节", "集",
  "分", "点", "时", "季度", "季", "款", "英里", "摄像头", "纳", "毫秒", "兆",
  "G", "GB", "TB", "MB", "Hz", "GHz", "mAh", "W", "nm", "mm", "fps", "MP", "K",
  "x", "X", "V", "mAH", "MHz", "KB", "kg", "km", "cm", "ms",
  "立方米", "平方米", "平米", "平方公里", "亩", "公顷", "升", "毫升", "株", "棵", "斤",
  "公斤", "英尺", "赫兹", "兆赫", "毫安时", "安时", "伏", "摄氏度", "度电", "千瓦时",
  "种", "首", "尼特", "色", "行代码", "条评论", "次运算", "个字",
  NULL
};

/* Nouns after 个/座/项/家/件 that name the unit. */
typedef struct {
  const char *word;
  const char *unit;
} NounUnit;

static const NounUnit measure_nouns[] = {
  { "国家和地区", "countries" },
  { "国家", "countries" },
  { "城市", "cities" },
  { "零售店", "stores" },
  { "专卖店", "stores" },
  { "体验店", "stores" },
  { "授权店", "stores" },
  { "小米之家", "stores" },
  { "门店", "stores" },
  { "店", "stores" },
  { "用户", "users" },
  { "专利", "patents" },
  { "员工", "people" },
  { "工程师", "people" },
  { "开发者", "people" },
  { "开发人员", "people" },
  { "研究人员", "people" },
  { "高管", "people" },
  { "客户", "people" },
  { "百分点", "%" },
  { "智能手机", "units" },
  { "手机", "units" },
  { "设备", "units" },
  { "公司", "companies" },
  { "企业", "companies" },
  { "品牌", NULL },
};

static const char * const qualifiers_before[] = {
  "超过了", "超过", "超出", "多于", "高于", "大于", "逾",
  "大约", "约为", "约有", "约合", "折合", "约", "大概", "估计",
  "将近", "接近", "逼近", "几乎", "近",
  "不到", "不足", "少于", "低于", "小于",
  "至少", "最少",
  "高达", "多达", "最高", "最多",
  "突破了", "突破", "超",
  NULL
};

static const char * const qualifiers_before_value[] = {
  "more than", "more than", "more than", "more than", "more than", "more than", "more than",
  "about", "about", "about", "about", "about", "about", "about", "about",
  "nearly", "nearly", "nearly", "almost", "nearly",
  "less than", "less than", "less than", "less than", "less than",
  "at least", "at least",
  "up to", "up to", "up to", "up to",
  "exceeded", "exceeded", "more than",
};

G_STATIC_ASSERT (G_N_ELEMENTS (qualifiers_before) == G_N_ELEMENTS (qualifiers_before_value) + 1);

static const char * const qualifiers_after[] = {
  "以上", "多", "余", "出头", "左右", "上下", "以下", "以内", NULL
};

static const char * const qualifiers_after_value[] = {
  "more than", "more than", "more than", "more than", "about", "about", "less than", "less than",
};

G_STATIC_ASSERT (G_N_ELEMENTS (qualifiers_after) == G_N_ELEMENTS (qualifiers_after_value) + 1);

static const char * const currency_prefixes[] = {
  "US$", "US $", "RMB", "人民币", "￥", "¥", "$", "€", "£", "₹", "Rs.", "Rs", NULL
};

static const char * const currency_prefix_codes[] = {
  "USD", "USD", "CNY", "CNY", "CNY", "CNY", "USD", "EUR", "GBP", "INR", "INR", "INR",
};

G_STATIC_ASSERT (G_N_ELEMENTS (currency_prefixes) == G_N_ELEMENTS (currency_prefix_codes) + 1);

static gboolean
char_in (gunichar c,
         const char *list)
{
  if (list == NULL)
    return FALSE;
  for (const char *p = list; *p != '\0'; p += strlen (p) + 1)
    if (g_utf8_get_char (p) == c)
      return TRUE;
  return FALSE;
}

/* First characters of reject_words and unit_words, filled once with the
 * tables, so most words are ruled out by one comparison. */
static gunichar reject_first[G_N_ELEMENTS (reject_words)];
static gunichar unit_first[G_N_ELEMENTS (unit_words)];

static void
init_first_chars (void)
{
  for (guint k = 0; reject_words[k] != NULL; k++)
    reject_first[k] = g_utf8_get_char (reject_words[k]);
  for (guint k = 0; k < G_N_ELEMENTS (unit_words); k++)
    unit_first[k] = g_utf8_get_char (unit_words[k].word);
}

/* Matches a unit word at @i; returns chars consumed or 0. */
static guint
match_unit (const Sent      *s,
            guint            i,
            const UnitWord **out)
{
  if (i >= s->n)
    return 0;
  for (guint k = 0; k < G_N_ELEMENTS (unit_words); k++)
    {
      guint m;

      if (unit_first[k] != s->cp[i])
        continue;
      m = match_at (s, i, unit_words[k].word);
      if (m == 0)
        continue;
      if (i + m < s->n && char_in (s->cp[i + m], unit_words[k].not_before))
        continue;
      *out = &unit_words[k];
      return m;
    }
  return 0;
}

static guint
match_reject (const Sent *s,
              guint       i)
{
  guint m = 0;
  gunichar c;

  if (i >= s->n)
    return 0;
  c = s->cp[i];
  for (guint k = 0; reject_words[k] != NULL; k++)
    if (reject_first[k] == c && (m = match_at (s, i, reject_words[k])) > 0)
      break;
  if (m == 0)
    return 0;
  /* A Latin spec unit must end there: "5 GB" but not "5 Galaxy". */
  if (is_latin (s->cp[i]) && i + m < s->n && is_latin (s->cp[i + m]))
    return 0;
  return m;
}

/* ---- keyword windows ---- */

/* The value of the keyword nearest to the char range [a, b) within
 * [lo, hi): before it (nearest end) or, when @after, after it. Words with
 * an empty value block the span they cover. @accept filters values. */
static const char *
nearest_keyword (const Sent    *s,
                 const Keyword *kws,
                 guint          n_kws,
                 guint          lo,
                 guint          hi,
                 guint          a,
                 guint          b,
                 gboolean       before,
                 gboolean       after,
                 gboolean     (*accept) (const char *value, gpointer data),
                 gpointer       data)
{
  const char *best_before = NULL;
  const char *best_after = NULL;
  guint i = lo;

  while (i < hi)
    {
      gboolean matched = FALSE;
      guint base;
      gunichar c = s->cp[i];

      if (i >= a && i < b)
        {
          i = b;
          continue;
        }
      if (c < 0x80 && !is_latin (c))
        {
          i++;
          continue;
        }

      base = s->off[i];
      for (guint k = 0; k < n_kws; k++)
        {
          const Keyword *kw = &kws[k];
          guint m;

          if ((guchar) s->body[base] != (guchar) kw->word[0] ||
              base + kw->len > s->off[hi] ||
              memcmp (s->body + base, kw->word, kw->len) != 0)
            continue;
          m = match_at (s, i, kw->word);
          if (m == 0)
            continue;
          if (kw->value[0] != '\0' && (accept == NULL || accept (kw->value, data)))
            {
              if (i + m <= a)
                best_before = kw->value;
              else if (i >= b && best_after == NULL)
                best_after = kw->value;
            }
          i += m;
          matched = TRUE;
          break;
        }
      if (!matched)
        i++;
      if (best_after != NULL)
        break;
    }

  if (before && best_before != NULL)
    return best_before;
  if (after)
    return best_after;
  return NULL;
}

static gboolean
accept_metric_cb (const char *value,
                  gpointer    data)
{
  Kind kind = GPOINTER_TO_INT (data);
  gboolean share_or_growth = g_str_equal (value, "market share") || g_str_equal (value, "growth");
  gboolean money = g_str_equal (value, "revenue") || g_str_equal (value, "profit") ||
                   g_str_equal (value, "price") || g_str_equal (value, "capital") ||
                   g_str_equal (value, "investment");

  switch (kind)
    {
    case KIND_PERCENT:
      return share_or_growth;
    case KIND_MONEY:
      return money || g_str_equal (value, "sales") || g_str_equal (value, "shipments");
    case KIND_COUNT:
      return !share_or_growth && !money;
    case KIND_RANK:
    default:
      return FALSE;
    }
}

/* ---- brands ---- */

/* Index of the first mention that starts at or after @pos. */
static guint
first_mention_from (const CitedExtractContext *ctx,
                    guint                      pos)
{
  guint lo = 0, hi = ctx->n_mentions;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (ctx->mentions[mid].start < pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static const char * const pronouns[] = {
  "该公司", "这家公司", "该品牌", "这家", "该厂商", "其", "它", "他们", "公司",
  "巨头", "该集团", "我们", NULL
};

/* A figure about the market, not a company: "全球智能手机出货量达 3 亿台". */
static const char * const market_words[] = {
  "全球智能手机", "全球手机", "全球平板", "全球市场", "智能手机市场", "手机市场",
  "平板电脑市场", "市场规模", "整体市场", "整个市场", "市场整体", "行业", "总出货",
  "总销量", "全国", "大盘", NULL
};

static gboolean range_has_any (const Sent *s, guint lo, guint hi, const char * const *words);

/* Market words in [lo, hi), except where they are part of a share
 * ("全球市场份额" is a company's share of the global market). */
static gboolean
market_wide (const Sent *s,
             guint       lo,
             guint       hi)
{
  for (guint i = lo; i < hi; i++)
    {
      guint m = 0;
      if (match_any_at (s, i, market_words, &m) >= 0 && i + m <= hi &&
          !match_at (s, i + m, "份额") && !match_at (s, i + m, "占有率"))
        return TRUE;
    }
  return FALSE;
}

static const char * const goal_words[] = {
  "目标", "旨在", "计划", "力争", "希望", "争取", "有望", "预计", "打算", "愿景", NULL
};

static const char * const other_rates[] = {
  "录取率", "失业率", "通胀率", "通货膨胀率", "出生率", "死亡率", "就业率", "入学率",
  "投票率", "利率", "税率", "汇率", "支持率", "升学率", NULL
};

/* The nearest word of change before @i in [lo, i), within a few
 * characters: TRUE when it says down ("同比下降 42.4%", "下滑 5%"), FALSE
 * when up or when none; "下降至 5%" is a level, not a change. */
static gboolean
is_decline_before (const Sent *s,
                   guint       lo,
                   guint       i)
{
  static const char * const down[] = {
    "下降", "下滑", "下跌", "减少", "暴跌", "跌幅", "降幅", "下挫", "回落", "萎缩",
    "缩水", "降低", "减小", "跌", "降", NULL
  };
  static const char * const up[] = {
    "增长", "上升", "提升", "增加", "上涨", "暴涨", "增幅", "涨幅", "增", "涨", NULL
  };
  guint b = skip_spaces_back (s, i);
  guint floor = b > lo + 8 ? b - 8 : lo;

  if (b > lo && (s->cp[b - 1] == 0x81F3 /* 至 */ || s->cp[b - 1] == 0x5230 /* 到 */))
    return FALSE;
  for (guint e = b; e > floor; e--)
    {
      for (guint side = 0; side < 2; side++)
        {
          const char * const *words = side == 0 ? down : up;

          for (guint k = 0; words[k] != NULL; k++)
            {
              gsize len = strlen (words[k]);

              if (s->off[e] >= s->off[lo] + len &&
                  memcmp (s->body + s->off[e] - len, words[k], len) == 0)
                return side == 0;
            }
        }
    }
  return FALSE;
}

static gboolean
range_has_any (const Sent         *s,
               guint               lo,
               guint               hi,
               const char * const *words)
{
  for (guint i = lo; i < hi; i++)
    {
      guint m = 0;
      if (match_any_at (s, i, words, &m) >= 0 && i + m <= hi)
        return TRUE;
    }
  return FALSE;
}

/* ---- the sentence ---- */

static const char * const beat_verbs[] = {
  "击败了", "击败", "超越了", "超越", "超过了", "超过", "打败了", "打败", "取代了", "取代",
  "力压", "压过", "领先于", "紧随", "仅次于", "落后于", "反超", "战胜了", "战胜", "挤下",
  "从", NULL
};

static const char * const component_words[] = {
  "芯片组", "芯片", "处理器", "平台", "系统", "基带", "调制解调器", "SoC", "的芯片",
  "的处理器", NULL
};

/* A brand named as a part of something else: "联发科芯片", "骁龙 888 处理器". */
static gboolean
is_component (const Sent         *s,
              const CitedMention *m)
{
  guint lo = 0, hi = s->n, i;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (s->off[mid] < m->end)
        lo = mid + 1;
      else
        hi = mid;
    }
  i = skip_spaces (s, lo);
  /* Skip a model number: "骁龙 888 处理器". */
  while (i < s->n && (arabic_digit (s->cp[i]) >= 0 || is_latin (s->cp[i])))
    i++;
  i = skip_spaces (s, i);
  return match_any_at (s, i, component_words, NULL) >= 0;
}

/* Ideographs the scan acts on: numerals, 第/前 (ranks, quarters), 最 (最大),
 * 百 (百分之), 人 (人民币), 今/去/明 (relative years). */
static const gunichar starters[] = {
  0x96F6, 0x4E00, 0x4E8C, 0x4E24, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D,
  0x5341, 0x767E, 0x5343, 0x7B2C, 0x524D, 0x6700, 0x4EBA, 0x4ECA, 0x53BB, 0x660E,
  CH_WAN,
};

/* One bit per ideograph in U+4E00..U+9FFF, so the test is one load. */
static guint8 starter_bits[(0x9FFF - 0x4E00 + 1) / 8 + 1];

/* Ideographs that can follow a Chinese numeral inside a figure: numerals
 * and scales, the first characters of unit words, 成, 点, 多, 余, 半, 到, 至. */
static guint8 follow_bits[(0x9FFF - 0x4E00 + 1) / 8 + 1];
/* First characters of currency words: "一元" is a price. */
static guint8 money_bits[(0x9FFF - 0x4E00 + 1) / 8 + 1];

static inline void
set_bit (guint8   *bits,
         gunichar  c)
{
  if (c >= 0x4E00 && c <= 0x9FFF)
    bits[(c - 0x4E00) >> 3] |= 1 << ((c - 0x4E00) & 7);
}

static inline gboolean
has_bit (const guint8 *bits,
         gunichar      c)
{
  return c >= 0x4E00 && c <= 0x9FFF && ((bits[(c - 0x4E00) >> 3] >> ((c - 0x4E00) & 7)) & 1);
}

static void
init_starters (void)
{
  static const char follow[] = "零一二两三四五六七八九十百千万亿成点多余半到至";

  for (guint k = 0; k < G_N_ELEMENTS (starters); k++)
    set_bit (starter_bits, starters[k]);
  for (const char *p = "零一二两三四五六七八九"; *p != '\0'; p = g_utf8_next_char (p))
    set_bit (digit_bits, g_utf8_get_char (p));
  for (const char *p = follow; *p != '\0'; p = g_utf8_next_char (p))
    set_bit (follow_bits, g_utf8_get_char (p));
  for (guint k = 0; k < G_N_ELEMENTS (unit_words); k++)
    {
      set_bit (follow_bits, g_utf8_get_char (unit_words[k].word));
      if (unit_words[k].kind == KIND_MONEY)
        set_bit (money_bits, g_utf8_get_char (unit_words[k].word));
    }
}

/* Whether the sentence can hold a figure at all: a digit, 第/最/百, a
 * Chinese numeral followed by something that makes it one ("三万",
 * "五家", "两成"; not "一个", "一些"). Reads the bytes once, decoding only
 * three-byte characters. */
static gboolean
worth_scanning (const char *b,
                guint       start,
                guint       end)
{
  int prev_digit = -1;   /* value of the Chinese numeral just before, or -1 */
  gboolean prev_qian = FALSE;

  for (guint p = start; p < end;)
    {
      guchar c0 = (guchar) b[p];
      gunichar c;
      int d;

      if (c0 < 0x80)
        {
          if (c0 >= '0' && c0 <= '9')
            return TRUE;
          prev_digit = -1;
          prev_qian = FALSE;
          p++;
          continue;
        }
      if ((c0 & 0xF0) != 0xE0 || p + 2 >= end)
        {
          prev_digit = -1;
          prev_qian = FALSE;
          p += c0 >= 0xF0 ? 4 : c0 >= 0xE0 ? 3 : c0 >= 0xC0 ? 2 : 1;
          continue;
        }
      c = ((gunichar) (c0 & 0x0F) << 12) | ((gunichar) ((guchar) b[p + 1] & 0x3F) << 6) |
          ((guchar) b[p + 2] & 0x3F);
      p += 3;

      if ((c >= 0xFF10 && c <= 0xFF19) || c == 0x7B2C /* 第 */ || c == 0x6700 /* 最 */ ||
          c == 0x767E /* 百 */)
        return TRUE;
      if (prev_digit >= 0 && has_bit (follow_bits, c))
        {
          /* "一个", "一家": one of something is no figure; "一万", "一成",
           * "一半" are. */
          if (prev_digit != 1 || cn_digit (c) >= 0 || cn_small_unit (c) > 0 || c == CH_WAN ||
              c == CH_YI || c == 0x6210 /* 成 */ || c == 0x534A /* 半 */ || c == 0x70B9 /* 点 */ ||
              has_bit (money_bits, c))
            return TRUE;
        }
      d = cn_digit (c);
      /* "前三", "前十大": top three, top ten. */
      if (prev_qian && (d >= 0 || c == 0x5341 /* 十 */))
        return TRUE;
      prev_qian = c == 0x524D; /* 前 */
      if (d < 0 && (cn_small_unit (c) > 0 || c == CH_WAN))
        d = 10;
      /* 〇 is in the CJK symbols block, the rest are ideographs. */
      if (d < 0 && c == 0x3007)
        d = 0;
      prev_digit = d;
    }
  return FALSE;
}

static inline gboolean
starts_something (gunichar c)
{
  return (starter_bits[(c - 0x4E00) >> 3] >> ((c - 0x4E00) & 7)) & 1;
}

static void
add_mark (Mark  *marks,
          guint *n,
          guint  idx,
          int    value)
{
  if (*n < MAX_MARKS)
    {
      marks[*n].idx = idx;
      marks[*n].value = value;
      (*n)++;
    }
}

static int
nearest_mark (const Mark *marks,
              guint       n,
              guint       idx)
{
  int before = 0, after = 0;

  for (guint k = 0; k < n; k++)
    {
      if (marks[k].idx <= idx)
        before = marks[k].value;
      else if (after == 0)
        after = marks[k].value;
    }
  return before != 0 ? before : after;
}

static const char * const place_words[] = {
  "全世界", "世界上", "全球", "世界", "中国", "国内", "全国", "印度", "欧洲", "亚洲",
  "美国", "非洲", NULL
};
static const char * const place_scopes[] = {
  "global", "global", "global", "global", "China", "domestic", "domestic", "India",
  "Europe", "Asia", "United States", "Africa",
};

G_STATIC_ASSERT (G_N_ELEMENTS (place_words) == G_N_ELEMENTS (place_scopes) + 1);

static const char * const rank_before[] = {
  "排名", "位居", "位列", "名列", "排在", "排行", "排", "居", "位于", "成为", "是", NULL
};

static const char * const spec_words[] = {
  "充电", "充至", "充满", "电量", "电池", "续航", "色域", "DCI", "sRGB", "NTSC", "音量", "亮度",
  "屏占比", "屏幕", "帧", "性能", "速度", "效率", "功耗", "能效", "散热", "温度", "分辨率",
  "正常工作", "确定", "确认", "肯定", NULL
};

static const char * const part_words[] = {
  "传感器", "摄像头", "镜头", "屏幕", "显示屏", "电池", "处理器", "芯片", "面板", NULL
};

static const char * const maker_words[] = {
  "厂商", "品牌", "公司", "供应商", "制造商", "企业", "代工", NULL
};

static const char * const rank_words[] = {
  "排名", "位居", "位列", "名列", "排在", "排行", NULL
};

static const char * const top_before[] = {
  "排名", "跻身", "进入", "位列", "挤进", "名列", "位居", NULL
};

static const char * const ordinal_nouns[] = {
  "次", "批", "步", "轮", "条", "页", "场", "波", "阶", "手", "把", "款", "届", "任",
  "款", "种", "点", "部分", "方", "季", NULL
};

static gboolean
is_year_value (double v)
{
  return v >= 1900 && v <= 2100 && v == floor (v);
}

/* After "2021-": a month ("03") or another year ("2022"), not the top of
 * a range like "2000-3000 元". */
static gboolean
looks_like_date_part (const Sent *s,
                      guint       i)
{
  guint k = i;
  double v = 0;

  while (k < s->n && arabic_digit (s->cp[k]) >= 0)
    v = v * 10 + arabic_digit (s->cp[k++]);
  return k - i <= 2 || (k - i == 4 && is_year_value (v));
}

static const char * const bare_verbs[] = {
  "达到", "达", "为", "至", "是", "共有", "共", "有", "总计", "合计", NULL
};

/* Fills @c from the number @num that starts at char @i0 (text start, a
 * currency prefix included) and whose digits start at @ni. Returns the char
 * to continue scanning from; @ok tells whether @c is a figure. */
static guint
read_figure (const Sent                *s,
             guint                      clause_lo,
             guint                      i0,
             guint                      ni,
             const Num                 *num,
             const char                *prefix_currency,
             gboolean                   model_context,
             Mark                      *years,
             guint                     *n_years,
             Mark                      *quarters,
             guint                     *n_quarters,
             Cand                      *c,
             gboolean                  *ok)
{
  guint i = num->end;
  guint j;
  const UnitWord *uw = NULL;
  guint m;
  gboolean strong = FALSE;   /* scale, unit, currency or percent */
  double value = num->value;
  double value_max = NAN;
  int qk;

  *ok = FALSE;
  memset (c, 0, sizeof *c);
  c->value_max = NAN;
  c->kind = KIND_COUNT;
  c->currency = prefix_currency;
  if (prefix_currency != NULL)
    {
      c->kind = KIND_MONEY;
      strong = TRUE;
    }
  if (num->more)
    c->qualifier = "more than";
  if (num->approx_ratio > 1)
    value_max = nearbyint (value * num->approx_ratio);

  /* Glued Latin letters: "5G", "888Plus", "12GB", "3Q20". */
  if (i < s->n && is_latin (s->cp[i]))
    {
      if ((s->cp[i] == 'Q' || s->cp[i] == 'q') && num->arabic && value >= 1 && value <= 4 &&
          !num->decimal)
        add_mark (quarters, n_quarters, ni, (int) value);
      while (i < s->n && (is_latin (s->cp[i]) || arabic_digit (s->cp[i]) >= 0))
        i++;
      return i;
    }

  /* Dates, times, fractions, versions: "2021-03-15", "10:30", "1/1.53",
   * "12.5.1", "2021.03". */
  if (num->arabic && i + 1 < s->n && arabic_digit (s->cp[i + 1]) >= 0 &&
      (s->cp[i] == '/' || s->cp[i] == ':' || s->cp[i] == 0xFF1A || s->cp[i] == '.' ||
       ((s->cp[i] == '-' || s->cp[i] == 0xFF0D) && num->n_int_digits == 4 &&
        is_year_value (value) && looks_like_date_part (s, i + 1))))
    {
      if (is_year_value (value) && num->n_int_digits == 4 && !num->decimal &&
          s->cp[i] != ':')
        add_mark (years, n_years, ni, (int) value);
      while (i < s->n && (arabic_digit (s->cp[i]) >= 0 || s->cp[i] == '/' ||
                          s->cp[i] == ':' || s->cp[i] == '-' || s->cp[i] == '.' ||
                          s->cp[i] == 0xFF1A || s->cp[i] == 0xFF0D))
        i++;
      return i;
    }
  if (num->arabic && num->decimal && i + 1 < s->n && s->cp[i] == '.' &&
      arabic_digit (s->cp[i + 1]) >= 0)
    return i + 1;

  j = skip_spaces (s, i);

  /* Years: "2021年", "2021 年", "二〇二一年". */
  if (j < s->n && s->cp[j] == 0x5E74 /* 年 */ && !num->decimal && !num->separators &&
      !num->has_scale && is_year_value (value) &&
      (num->n_int_digits == 4 || (num->chinese && value >= 1900)))
    {
      add_mark (years, n_years, ni, (int) value);
      return j + 1;
    }

  /* Quarters without 第: "三季度", "3 季度". */
  if (j < s->n && value >= 1 && value <= 4 && !num->decimal && !num->has_scale &&
      match_at (s, j, "季度") > 0)
    {
      add_mark (quarters, n_quarters, ni, (int) value);
      return j + 2;
    }

  /* Ranges: "5000 万至 6000 万", "40-50", "三到五", "1500 到 2000 万". */
  {
    guint k = j;
    gboolean sep = FALSE;

    if (k < s->n)
      {
        gunichar sc = s->cp[k];
        if (sc == 0x81F3 /* 至 */ || sc == 0x5230 /* 到 */ || sc == '~' || sc == 0xFF5E ||
            sc == 0x2014 || sc == 0x2013 || sc == 0x301C || sc == 0xFF0D ||
            (sc == '-' && num->arabic))
          {
            sep = TRUE;
            k++;
          }
      }
    /* "从 X 到 Y" is a change, not a range. */
    if (sep && match_before (s, skip_spaces_back (s, i0), "从") > 0)
      sep = FALSE;
    if (sep)
      {
        Num second;

        k = skip_spaces (s, k);
        /* "₹10,000-₹15,000": the currency sign may come again. */
        if (prefix_currency != NULL && k + 1 < s->n &&
            (s->cp[k] == 0xFFE5 || s->cp[k] == 0xA5 || s->cp[k] == '$' || s->cp[k] == 0x20AC ||
             s->cp[k] == 0xA3 || s->cp[k] == 0x20B9) && arabic_digit (s->cp[k + 1]) >= 0)
          k++;
        if (k < s->n && (arabic_digit (s->cp[k]) >= 0 || cn_digit (s->cp[k]) >= 0 ||
                         cn_small_unit (s->cp[k]) > 0) &&
            parse_number (s, k, &second) && second.arabic == num->arabic &&
            !(second.n_int_digits == 4 && is_year_value (second.value) && !second.has_scale &&
              num->n_int_digits == 4))
          {
            double lo = value, hi = second.value;

            /* "1500 到 2000 万": the scale of the second applies to both. */
            if (second.has_scale && !num->has_scale && second.lead > 0)
              {
                double f = pow (10, nearbyint (log10 (second.value / second.lead)));

                if (lo * f <= hi)
                  lo *= f;
              }
            if (hi > lo)
              {
                value_max = hi;
                value = lo;
                i = second.end;
                if (second.has_scale)
                  strong = TRUE;
                j = skip_spaces (s, i);
              }
          }
      }
  }

  if (num->has_scale)
    strong = TRUE;

  /* Trailing 多/余 before a unit: "300 多家", "100 余人". */
  if (j < s->n && (s->cp[j] == 0x591A || s->cp[j] == 0x4F59) && j + 1 < s->n &&
      (match_unit (s, j + 1, &uw) > 0 || s->cp[j + 1] == '%'))
    {
      c->qualifier = "more than";
      j++;
    }

  /* Percent. */
  if (j < s->n && (s->cp[j] == '%' || s->cp[j] == 0xFF05))
    {
      guint k = skip_spaces (s, j + 1);
      Num second;

      c->kind = KIND_PERCENT;
      c->unit = "%";
      i = j + 1;
      strong = TRUE;
      /* "20%-22%", "20% 至 22%" */
      if (isnan (value_max) && k < s->n &&
          (s->cp[k] == '-' || s->cp[k] == 0x81F3 || s->cp[k] == 0x5230 || s->cp[k] == '~' ||
           s->cp[k] == 0xFF5E || s->cp[k] == 0x2014 || s->cp[k] == 0x2013 || s->cp[k] == 0xFF0D))
        {
          k = skip_spaces (s, k + 1);
          if (k < s->n && arabic_digit (s->cp[k]) >= 0 && parse_number (s, k, &second) &&
              second.end < s->n && (s->cp[second.end] == '%' || s->cp[second.end] == 0xFF05) &&
              second.value > value)
            {
              value_max = second.value;
              i = second.end + 1;
            }
        }
      goto done;
    }

  /* Tenths: "三成" is 30%, "超过七成" more than 70% ("成为", "成本" are
   * other words). */
  if (j == i && j < s->n && s->cp[j] == 0x6210 /* 成 */ && !num->has_scale && !num->decimal &&
      value >= 1 && value <= 10 && isnan (value_max) &&
      !(j + 1 < s->n && char_in (s->cp[j + 1], "为\0立\0功\0长\0本\0员\0果\0交\0都\0绩\0型\0品\0熟\0就\0像\0")))
    {
      c->kind = KIND_PERCENT;
      c->unit = "%";
      value *= 10;
      i = j + 1;
      strong = TRUE;
      goto done;
    }

  m = match_unit (s, j, &uw);
  if (m == 0 && match_reject (s, j) > 0)
    {
      /* "5000 万像素", "3 年", "10 点", "5 个月"; keep scanning past it. */
      return j;
    }
  if (m > 0)
    {
      i = j + m;
      strong = TRUE;
      if (uw->kind == KIND_MONEY)
        {
          c->kind = KIND_MONEY;
          c->currency = uw->unit;
          /* "646 亿元人民币": one currency said twice. */
          if (g_str_equal (uw->word, "元"))
            i += match_at (s, i, "人民币");
          /* "5.95万元/平方米", "2.6万元每平米": a price per something. */
          if (i < s->n && (s->cp[i] == '/' || s->cp[i] == 0x6BCF /* 每 */ ||
                           s->cp[i] == 0xFF0F))
            c->metric = "price";
        }
      else
        {
          guint nm = 0;
          const char *unit = uw->unit;

          /* The noun after a measure word names the unit: 个国家, 家门店. */
          for (guint k = 0; k < G_N_ELEMENTS (measure_nouns); k++)
            {
              nm = match_at (s, i, measure_nouns[k].word);
              if (nm > 0)
                {
                  if (measure_nouns[k].unit != NULL &&
                      (unit == NULL || g_str_equal (measure_nouns[k].word, "百分点") ||
                       g_str_equal (uw->word, "家") || g_str_equal (uw->word, "件") ||
                       g_str_equal (uw->word, "个") || g_str_equal (uw->word, "项") ||
                       g_str_equal (uw->word, "座") || g_str_equal (uw->word, "名") ||
                       g_str_equal (uw->word, "位")))
                    {
                      unit = measure_nouns[k].unit;
                      i += nm;
                    }
                  break;
                }
            }
          if (match_reject (s, i) > 0 && (unit == NULL || g_str_equal (uw->word, "个")))
            return i;
          /* "64 位", "37 个", "10 次": counted what? Only millions say
           * enough on their own ("1000 万次"). */
          if (uw->needs_noun && unit == NULL && !num->has_scale)
            return i;
          c->counted = TRUE;
          if (g_strcmp0 (unit, "%") == 0)
            {
              c->kind = KIND_PERCENT;
              c->unit = "%";
              c->metric = "growth";
              goto done;
            }
          /* 件 of patents, 家 of stores, judged by the clause. */
          if (g_str_equal (uw->word, "件") && g_strcmp0 (unit, "pieces") == 0)
            {
              guint hi = i;
              while (hi < s->n && !is_clause_sep (s->cp[hi]))
                hi++;
              if (range_has_any (s, clause_lo, hi, (const char * const[]) { "专利", NULL }))
                unit = "patents";
            }
          if (g_str_equal (uw->word, "家") && g_strcmp0 (unit, "companies") == 0)
            {
              guint hi = i;
              while (hi < s->n && !is_clause_sep (s->cp[hi]))
                hi++;
              if (range_has_any (s, clause_lo, hi, (const char * const[]) { "门店", "店", NULL }))
                unit = "stores";
            }
          c->unit = unit;
        }
    }
  else if (j < s->n && prefix_currency == NULL)
    {
      /* Latin currency codes after the number: "3999 RMB". */
      static const char * const codes[] = { "RMB", "CNY", "USD", "EUR", "GBP", "INR", "JPY", "KRW", NULL };
      static const char * const code_vals[] = { "CNY", "CNY", "USD", "EUR", "GBP", "INR", "JPY", "KRW" };
      guint cm = 0;
      int k = match_any_at (s, j, codes, &cm);

      if (k >= 0 && (j + cm >= s->n || !is_latin (s->cp[j + cm])))
        {
          c->kind = KIND_MONEY;
          c->currency = code_vals[k];
          i = j + cm;
          strong = TRUE;
        }
    }

  /* "千万" alone is "by all means" as often as ten million: without a
   * digit it needs a unit or a currency ("百万台", "千万元"). */
  if (!num->arabic && num->lead == 0 && c->unit == NULL && c->currency == NULL &&
      c->kind != KIND_PERCENT)
    return i;

  /* Model names: "小米 11", "Redmi Note 12", "骁龙 888" stay out unless
   * a scale, unit or currency follows. */
  if (model_context && !strong)
    return i;
  if (model_context && c->unit == NULL && c->currency == NULL && !num->has_scale)
    return i;

  if (!strong)
    {
      guint b = skip_spaces_back (s, i0);
      gboolean verb = match_any_before (s, b, bare_verbs, NULL) >= 0 ||
                      match_any_before (s, b, qualifiers_before, NULL) >= 0;

      /* A bare number counts right after a metric word and a verb:
       * "员工人数达到 3000". */
      if (verb)
        {
          const Tables *tables = get_tables ();
          verb = nearest_keyword (s, tables->metrics, tables->n_metrics, clause_lo, i0,
                                  i0, i0, TRUE, FALSE, accept_metric_cb,
                                  GINT_TO_POINTER (KIND_COUNT)) != NULL;
        }
      if (!verb || value < 10 || num->chinese || (is_year_value (value) && num->n_int_digits == 4))
        {
          if (is_year_value (value) && num->n_int_digits == 4 && !num->decimal && !num->separators)
            add_mark (years, n_years, ni, (int) value);
          return i;
        }
      c->kind = KIND_COUNT;
      c->bare = TRUE;
    }

  /* Small Chinese counts are words ("一家", "两人", "三个摄像头"), not
   * figures, unless they count something that matters ("三家门店"). */
  if (num->chinese && !num->arabic && !num->has_scale && isnan (value_max) &&
      c->kind == KIND_COUNT && value < 10 &&
      (value < 2 || c->unit == NULL || g_str_equal (c->unit, "units") ||
       g_str_equal (c->unit, "pieces") || g_str_equal (c->unit, "people")))
    return i;
  if (c->kind == KIND_COUNT && c->unit == NULL && !num->has_scale && value < 10)
    return i;

done:
  {
    guint k = skip_spaces (s, i);
    guint qm = 0;

    qk = match_any_at (s, k, qualifiers_after, &qm);
    if (qk >= 0 && c->qualifier == NULL)
      {
        /* 多/余 only as a qualifier when nothing counted follows. */
        c->qualifier = qualifiers_after_value[qk];
      }
  }

  if (c->qualifier == NULL)
    {
      guint b = skip_spaces_back (s, i0);
      guint qm = 0;

      qk = match_any_before (s, b, qualifiers_before, &qm);
      /* "至少售出了 300 万部": the qualifier sits before the verb. */
      if (qk < 0 && b > 1 && s->cp[b - 1] == 0x4E86 /* 了 */)
        {
          static const char * const before_verb[] = { "至少", "最少", "超过", "将近", "接近", "累计超过", NULL };
          static const char * const before_verb_value[] = { "at least", "at least", "more than", "nearly", "nearly", "more than" };
          for (guint v = b - 1; v + 4 > b && v > 0; v--)
            {
              int vk = match_any_before (s, v, before_verb, NULL);
              if (vk >= 0)
                {
                  c->qualifier = before_verb_value[vk];
                  break;
                }
              if (!is_cjk (s->cp[v - 1]))
                break;
            }
        }
      /* "最近" is recently, not nearly. */
      if (qk >= 0 && !(g_str_equal (qualifiers_before[qk], "近") &&
                       b >= 2 && (s->cp[b - 2] == 0x6700 /* 最 */ ||
                                  s->cp[b - 2] == 0x9644 /* 附 */ ||
                                  s->cp[b - 2] == 0x65B0 /* 新 */)))
        c->qualifier = qualifiers_before_value[qk];
    }

  c->i0 = i0;
  c->i1 = i;
  c->value = value;
  c->value_max = value_max;
  *ok = TRUE;
  return i;
}

const char *
cited_extract_zh_sentence (const CitedExtractContext *ctx,
                           guint                      start,
                           guint                      end,
                           GPtrArray                 *figures)
{
  const Tables *tables = get_tables ();
  gunichar cp_stack[STACK_CHARS];
  guint off_stack[STACK_CHARS + 1];
  g_autofree gunichar *cp_heap = NULL;
  g_autofree guint *off_heap = NULL;
  gunichar *cp = cp_stack;
  guint *off = off_stack;
  guint n = 0;
  Sent s;
  Mark years[MAX_MARKS], quarters[MAX_MARKS];
  guint n_years = 0, n_quarters = 0;
  Cand cands[MAX_CANDS];
  guint n_cands = 0;
  guint m_first, m_end, mi;
  guint clause_lo = 0;
  const char *sentence_brand;
  g_autofree char *sentence = NULL;
  const char *p;

  g_return_val_if_fail (ctx != NULL && ctx->body != NULL, NULL);

  if (end > ctx->length)
    end = ctx->length;

  /* Trim ASCII and ideographic spaces so offsets point at text. */
  while (start < end)
    {
      gunichar c = g_utf8_get_char_validated (ctx->body + start, end - start);
      if (c == (gunichar) -1 || c == (gunichar) -2 || !is_space (c))
        break;
      start = g_utf8_next_char (ctx->body + start) - ctx->body;
    }
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (ctx->body + start, ctx->body + end);
      gunichar c;

      if (prev == NULL)
        break;
      c = g_utf8_get_char_validated (prev, ctx->body + end - prev);
      if (c == (gunichar) -1 || c == (gunichar) -2 || !is_space (c))
        break;
      end = prev - ctx->body;
    }
  if (start >= end)
    return ctx->prev_brand;

  /* Most sentences hold no figure: find that out without decoding them. */
  if (!worth_scanning (ctx->body, start, end))
    {
      m_first = first_mention_from (ctx, start);
      m_end = first_mention_from (ctx, end);
      return m_first < m_end ? ctx->mentions[m_first].brand : ctx->prev_brand;
    }

  if (end - start > STACK_CHARS)
    {
      /* At most one char per byte. */
      cp_heap = g_new (gunichar, end - start);
      off_heap = g_new (guint, end - start + 1);
      cp = cp_heap;
      off = off_heap;
    }

  p = ctx->body + start;
  while (p < ctx->body + end)
    {
      guchar b0 = (guchar) *p;
      gunichar c;

      off[n] = p - ctx->body;
      /* ASCII and well-formed three-byte CJK are nearly all of it. */
      if (b0 < 0x80)
        {
          cp[n++] = b0;
          p++;
          continue;
        }
      if ((b0 & 0xF0) == 0xE0 && p + 2 < ctx->body + end &&
          ((guchar) p[1] & 0xC0) == 0x80 && ((guchar) p[2] & 0xC0) == 0x80)
        {
          c = ((b0 & 0x0F) << 12) | (((guchar) p[1] & 0x3F) << 6) | ((guchar) p[2] & 0x3F);
          if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF))
            {
              cp[n++] = c;
              p += 3;
              continue;
            }
        }
      c = g_utf8_get_char_validated (p, ctx->body + end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          cp[n++] = 0xFFFD;
          p++;
          continue;
        }
      cp[n++] = c;
      p = g_utf8_next_char (p);
    }
  off[n] = end;

  s.body = ctx->body;
  s.cp = cp;
  s.off = off;
  s.n = n;

  m_first = first_mention_from (ctx, start);
  m_end = first_mention_from (ctx, end);
  mi = m_first;

  /* Pass 1: numbers, periods and ranks, in order. */
  for (guint i = 0; i < n;)
    {
      gunichar c = cp[i];
      guint m = 0;
      Num num;
      Cand cand;
      gboolean ok;
      const char *prefix_currency = NULL;
      guint ni;
      gboolean model_context = FALSE;

      /* Most ideographs start nothing: skip them before any other test. */
      if (c >= 0x4E00 && c <= 0x9FFF && !starts_something (c))
        {
          i++;
          continue;
        }

      if (is_clause_sep (c))
        {
          clause_lo = i + 1;
          i++;
          continue;
        }

      /* Skip brand mentions ("三星", "一加" hold numerals). */
      while (mi < m_end && ctx->mentions[mi].end <= off[i])
        mi++;
      if (mi < m_end && ctx->mentions[mi].start <= off[i])
        {
          while (i < n && off[i] < ctx->mentions[mi].end)
            i++;
          continue;
        }

      /* URLs: their digits are no figures. */
      if ((c == 'h' && (match_at (&s, i, "http://") || match_at (&s, i, "https://"))) ||
          (c == 'w' && match_at (&s, i, "www.")))
        {
          while (i < n && !is_space (cp[i]) && cp[i] != ')' && cp[i] != ']' &&
                 cp[i] != '>' && cp[i] != '"' && cp[i] < 0x2E80)
            i++;
          continue;
        }

      /* Latin words carry model numbers and versions: skip them whole, and
       * note that a number right after one is a model name. */
      if (is_latin (c))
        {
          if ((c == 'Q' || c == 'q') && i + 1 < n && cp[i + 1] >= '1' && cp[i + 1] <= '4' &&
              (i == 0 || !is_latin (cp[i - 1])) &&
              (i + 2 >= n || (!is_latin (cp[i + 2]) && arabic_digit (cp[i + 2]) < 0)))
            {
              add_mark (quarters, &n_quarters, i, (int) (cp[i + 1] - '0'));
              i += 2;
              continue;
            }
          /* Currency prefixes spelled in Latin: "US$", "RMB", "Rs". */
          if (c == 'U' || c == 'R')
            {
              int k = match_any_at (&s, i, currency_prefixes, &m);
              guint ds = skip_spaces (&s, i + (k >= 0 ? m : 0));
              if (k >= 0 && ds < n && arabic_digit (cp[ds]) >= 0 &&
                  parse_number (&s, ds, &num))
                {
                  prefix_currency = currency_prefix_codes[k];
                  ni = ds;
                  goto have_number;
                }
            }
          while (i < n && (is_latin (cp[i]) || arabic_digit (cp[i]) >= 0 ||
                           cp[i] == '-' || cp[i] == '_'))
            i++;
          continue;
        }

      /* Relative years. */
      if (ctx->default_year > 0 && (c == 0x4ECA || c == 0x53BB || c == 0x524D || c == 0x660E))
        {
          static const char * const rel[] = { "今年", "去年", "前年", "明年", NULL };
          static const int rel_delta[] = { 0, -1, -2, 1 };
          int k = match_any_at (&s, i, rel, &m);

          if (k >= 0 && !(k == 2 && i + 2 < n && cn_digit (cp[i + 2]) >= 0))
            {
              add_mark (years, &n_years, i, ctx->default_year + rel_delta[k]);
              i += m;
              continue;
            }
        }

      /* "全球最大", "中国最大": rank 1. */
      if (c == 0x6700 /* 最 */ && match_at (&s, i, "最大") > 0)
        {
          int k = match_any_before (&s, i, place_words, &m);
          if (k >= 0 && n_cands < MAX_CANDS)
            {
              Cand *r = &cands[n_cands++];
              memset (r, 0, sizeof *r);
              r->i0 = i - m;
              r->i1 = i + 2;
              r->value = 1;
              r->value_max = NAN;
              r->kind = KIND_RANK;
              r->metric = "rank";
              r->scope = place_scopes[k];
            }
          i += 2;
          continue;
        }

      /* 第N: quarters, ranks, or ordinals that are no figures. */
      /* "第三", "第 3" (spaced as machine translation writes it). */
      if (c == 0x7B2C /* 第 */ && i + 1 < n &&
          (cn_digit (cp[i + 1]) >= 0 || arabic_digit (cp[i + 1]) >= 0 || cp[i + 1] == 0x5341 ||
           (is_space (cp[i + 1]) && skip_spaces (&s, i + 1) < n &&
            arabic_digit (cp[skip_spaces (&s, i + 1)]) >= 0)))
        {
          guint k, kend;
          gboolean spaced = is_space (cp[i + 1]);

          if (!parse_number (&s, skip_spaces (&s, i + 1), &num) || num.has_scale)
            {
              i++;
              continue;
            }
          kend = k = num.end;
          if (spaced)
            k = skip_spaces (&s, k);
          if (num.value >= 1 && num.value <= 4 && (match_at (&s, k, "季度") || match_at (&s, k, "季")))
            {
              add_mark (quarters, &n_quarters, i, (int) num.value);
              i = k + (match_at (&s, k, "季度") ? 2 : 1);
              continue;
            }
          {
            gboolean rank = FALSE;
            const UnitWord *rank_unit = NULL;
            guint t0 = i, t1 = kend;
            guint rb = 0;
            int rk = match_any_before (&s, skip_spaces_back (&s, i), rank_before, &rb);

            if (k < n && (cp[k] == 0x5927 /* 大 */ || cp[k] == 0x540D /* 名 */ ||
                          cp[k] == 0x4F4D /* 位 */))
              {
                rank = !(cp[k] == 0x4F4D && k + 1 < n && cp[k + 1] == 0x6570); /* 位数 */
                /* "第一位中国学生", "第三名选手": an ordinal before a noun,
                 * unless a rank word says otherwise ("排名第三位"). */
                if (cp[k] != 0x5927 && k + 1 < n && is_cjk (cp[k + 1]) &&
                    cp[k + 1] != 0x7684 /* 的 */ && rk < 0)
                  rank = FALSE;
                t1 = k + 1;
              }
            else if (match_reject (&s, k) > 0 || match_unit (&s, k, &rank_unit) > 0 ||
                     match_any_at (&s, k, ordinal_nouns, NULL) >= 0)
              rank = FALSE; /* 第一次, 第二天, 第三代, 第一家, 第1章 */
            else if (rk >= 0)
              rank = TRUE;
            else if ((k >= n || is_clause_sep (cp[k]) || cp[k] == 0x3002 || cp[k] == 0x7684 /* 的 */ ||
                      cp[k] == 0xFF01 || cp[k] == 0xFF1F ||
                      match_at (&s, k, "品牌") || match_at (&s, k, "供应商") ||
                      match_at (&s, k, "厂商")) && i > clause_lo)
              rank = TRUE;
            /* "排名第三和第四" are ranks, "第三和第四张照片" are not. */
            if (rank && k < n && cp[k] == 0x548C /* 和 */)
              rank = FALSE;
            if (!rank && (k >= n || cp[k] == 0x548C || cp[k] == 0x3002 || is_clause_sep (cp[k])) &&
                range_has_any (&s, clause_lo, i, rank_words))
              rank = TRUE;

            /* "业界第二大图像传感器" ranks a part, not a company. */
            if (rank && t1 < n && cp[t1 - 1] == 0x5927 /* 大 */)
              {
                guint e = t1;
                while (e < n && e < t1 + 10 && !is_clause_sep (cp[e]) && cp[e] != 0x3002 &&
                       cp[e] != 0x7684 /* 的 */)
                  e++;
                if (range_has_any (&s, t1, e, part_words) && !range_has_any (&s, t1, e, maker_words))
                  rank = FALSE;
              }
            if (rank && rk >= 0 && rk < 2)
              t0 = skip_spaces_back (&s, i) - rb;
            if (rank && num.value >= 1 && num.value <= 1000 && num.value == floor (num.value) &&
                n_cands < MAX_CANDS)
              {
                Cand *r = &cands[n_cands++];
                memset (r, 0, sizeof *r);
                r->i0 = t0;
                r->i1 = t1;
                r->value = num.value;
                r->value_max = NAN;
                r->kind = KIND_RANK;
                r->metric = "rank";
                i = t1;
                continue;
              }
          }
          i = k;
          continue;
        }

      /* 前N: top N. */
      if (c == 0x524D /* 前 */ && i + 1 < n &&
          (cn_digit (cp[i + 1]) >= 0 || arabic_digit (cp[i + 1]) >= 0 || cp[i + 1] == 0x5341) &&
          parse_number (&s, i + 1, &num) && !num.has_scale && num.value >= 2 &&
          num.value <= 100 && num.value == floor (num.value))
        {
          guint k = num.end;
          guint t1 = k;
          gboolean top = FALSE;

          if (k < n && (cp[k] == 0x540D || cp[k] == 0x5927 || cp[k] == 0x5F3A /* 强 */ ||
                        cp[k] == 0x4F4D))
            {
              top = TRUE;
              t1 = k + 1;
            }
          else if (match_any_before (&s, skip_spaces_back (&s, i), top_before, NULL) >= 0 ||
                   k >= n || is_clause_sep (cp[k]) || cp[k] == 0x3002 || cp[k] == 0x7684)
            top = TRUE;
          if (top && n_cands < MAX_CANDS)
            {
              Cand *r = &cands[n_cands++];
              memset (r, 0, sizeof *r);
              r->i0 = i;
              r->i1 = t1;
              r->value = num.value;
              r->value_max = NAN;
              r->kind = KIND_RANK;
              r->metric = "rank";
              r->qualifier = "top";
              i = t1;
              continue;
            }
          i = k;
          continue;
        }

      /* "一半" is 50%: "近一半的市场份额". */
      if (c == 0x4E00 && match_at (&s, i, "一半") > 0 && n_cands < MAX_CANDS)
        {
          Cand *r = &cands[n_cands++];
          guint qm = 0;
          int qk = match_any_before (&s, skip_spaces_back (&s, i), qualifiers_before, &qm);

          memset (r, 0, sizeof *r);
          r->i0 = i;
          r->i1 = i + 2;
          r->value = 50;
          r->value_max = NAN;
          r->kind = KIND_PERCENT;
          r->unit = "%";
          r->needs_metric = TRUE;
          if (qk >= 0)
            r->qualifier = qualifiers_before_value[qk];
          else if (match_at (&s, i + 2, "以上") > 0)
            r->qualifier = "more than";
          i += 2;
          continue;
        }

      /* 百分之十三 */
      if (c == 0x767E && match_at (&s, i, "百分之") > 0 && i + 3 < n &&
          parse_number (&s, i + 3, &num))
        {
          if (n_cands < MAX_CANDS)
            {
              Cand *r = &cands[n_cands++];
              guint qm = 0;
              int qk = match_any_before (&s, skip_spaces_back (&s, i), qualifiers_before, &qm);

              memset (r, 0, sizeof *r);
              r->i0 = i;
              r->i1 = num.end;
              r->value = num.value;
              r->value_max = NAN;
              r->kind = KIND_PERCENT;
              r->unit = "%";
              r->qualifier = qk >= 0 ? qualifiers_before_value[qk] : NULL;
            }
          i = num.end;
          continue;
        }

      /* Currency signs before the number. */
      if (c == 0xFFE5 || c == 0xA5 || c == '$' || c == 0x20AC || c == 0xA3 || c == 0x20B9 ||
          c == 0x4EBA /* 人民币 */)
        {
          int k = match_any_at (&s, i, currency_prefixes, &m);
          guint ds = k >= 0 ? skip_spaces (&s, i + m) : n;

          if (k >= 0 && ds < n && (arabic_digit (cp[ds]) >= 0 || cn_digit (cp[ds]) >= 0) &&
              parse_number (&s, ds, &num))
            {
              prefix_currency = currency_prefix_codes[k];
              ni = ds;
              goto have_number;
            }
          i++;
          continue;
        }

      /* "近千家门店", "逾万名员工": a round thousand or ten thousand after
       * a qualifier, with the measure word right after it. */
      if ((c == 0x5343 || c == 0x767E || c == CH_WAN) && i > 0 && i + 1 < n &&
          (cp[i - 1] == 0x8FD1 /* 近 */ || cp[i - 1] == 0x903E /* 逾 */ ||
           cp[i - 1] == 0x8D85 /* 超 */ || cp[i - 1] == 0x7EA6 /* 约 */))
        {
          const UnitWord *uw = NULL;

          if (match_unit (&s, i + 1, &uw) > 0)
            {
              memset (&num, 0, sizeof num);
              num.value = c == CH_WAN ? 1e4 : cn_small_unit (c);
              num.chinese = TRUE;
              num.lead = 1;
              num.has_scale = c == CH_WAN;
              num.end = i + 1;
              ni = i;
              goto have_number;
            }
        }

      if (arabic_digit (c) < 0 && cn_digit (c) < 0 && cn_small_unit (c) == 0)
        {
          i++;
          continue;
        }

      /* Vague amounts ("数百万", "上千", "几十万") and numerals inside
       * words are no figures. */
      if (arabic_digit (c) < 0 && i > 0 &&
          (cp[i - 1] == 0x6570 /* 数 */ || cp[i - 1] == 0x51E0 /* 几 */ ||
           cp[i - 1] == 0x4E0A /* 上 */ || cp[i - 1] == 0x6210 /* 成 */ ||
           cp[i - 1] == 0x5341 || cn_small_unit (cp[i - 1]) > 0))
        {
          i++;
          continue;
        }

      if (!parse_number (&s, i, &num))
        {
          i++;
          continue;
        }
      ni = i;

have_number:
      {
        guint b = skip_spaces_back (&s, ni);
        guint i0 = prefix_currency != NULL ? i : ni;

        /* A number right after a Latin word or a brand name is a model. */
        if (b > 0 && b < ni && (is_latin (cp[b - 1]) || arabic_digit (cp[b - 1]) >= 0))
          model_context = TRUE;
        if (b > 0 && b == ni && is_latin (cp[b - 1]))
          model_context = TRUE;
        for (guint k = m_first; k < m_end && prefix_currency == NULL; k++)
          if (ctx->mentions[k].end == off[b])
            model_context = TRUE;

        i = read_figure (&s, clause_lo, i0, ni, &num, prefix_currency, model_context,
                         years, &n_years, quarters, &n_quarters, &cand, &ok);
        if (i <= ni)
          i = num.end > ni ? num.end : ni + 1;
        if (ok && n_cands < MAX_CANDS)
          cands[n_cands++] = cand;
      }
    }

  /* A year things are counted since is their start, not their period:
   * "自 2011 年成立以来，小米已售出近 8 亿部" is a running total. */
  {
    guint kept = 0;

    for (guint k = 0; k < n_years; k++)
      {
        guint y = years[k].idx;
        guint b = skip_spaces_back (&s, y);
        gboolean since = b > 0 && (cp[b - 1] == 0x81EA /* 自 */ || cp[b - 1] == 0x4ECE /* 从 */);

        for (guint q = y; !since && q + 1 < n && q < y + 16 && !is_clause_sep (cp[q]); q++)
          since = cp[q] == 0x4EE5 /* 以 */ && cp[q + 1] == 0x6765 /* 来 */;
        if (!since)
          years[kept++] = years[k];
      }
    n_years = kept;
  }

  /* Pass 2: the brand, metric, scope and period of each figure. */
  sentence_brand = m_first < m_end ? ctx->mentions[m_first].brand : ctx->prev_brand;
  if (n_cands == 0)
    return sentence_brand;

  sentence = g_strndup (ctx->body + start, end - start);

  for (guint k = 0; k < n_cands; k++)
    {
      Cand *c = &cands[k];
      guint lo = c->i0, hi = c->i1;
      const char *metric = c->metric;
      const char *scope = c->scope;
      const char *brand = NULL;
      CitedFigure *f;
      guint fs = off[c->i0], fe = off[c->i1];

      while (lo > 0 && !is_clause_sep (cp[lo - 1]))
        lo--;
      while (hi < n && !is_clause_sep (cp[hi]))
        hi++;

      /* A rate of something else named before the percentage ("录取率
       * 6.9%") is neither a share nor a change of the market. */
      if (c->kind == KIND_PERCENT && range_has_any (&s, lo, c->i0, other_rates))
        metric = "";

      /* Metric: "N%的市场份额" binds tightest, then the clause, then the
       * sentence. */
      if (metric == NULL && c->kind != KIND_RANK)
        {
          guint a = skip_spaces (&s, c->i1);
          if (a < hi && cp[a] == 0x7684 /* 的 */)
            metric = nearest_keyword (&s, tables->metrics, tables->n_metrics, a + 1,
                                      MIN (hi, a + 8), a, a + 1, FALSE, TRUE,
                                      accept_metric_cb, GINT_TO_POINTER (c->kind));
          if (metric == NULL)
            metric = nearest_keyword (&s, tables->metrics, tables->n_metrics, lo, hi,
                                      c->i0, c->i1, TRUE, TRUE,
                                      accept_metric_cb, GINT_TO_POINTER (c->kind));
          /* The sentence helps only where the figure's unit leaves the
           * metric open: "三到五家工厂" are no sales. */
          if (metric == NULL && !(c->kind == KIND_COUNT && c->counted && c->unit == NULL) &&
              (c->kind != KIND_COUNT || c->unit == NULL || g_str_equal (c->unit, "units") ||
               g_str_equal (c->unit, "people")))
            metric = nearest_keyword (&s, tables->metrics, tables->n_metrics, 0, n,
                                      c->i0, c->i1, TRUE, TRUE,
                                      accept_metric_cb, GINT_TO_POINTER (c->kind));
          /* No share is over 100%: that is a change. */
          if (c->kind == KIND_PERCENT && g_strcmp0 (metric, "market share") == 0 &&
              (c->value > 100 || (!isnan (c->value_max) && c->value_max > 100)))
            metric = "growth";
          if (c->kind == KIND_MONEY && metric != NULL &&
              (g_str_equal (metric, "sales") || g_str_equal (metric, "shipments")))
            metric = "revenue";
          if (c->kind == KIND_COUNT && c->unit != NULL)
            {
              if (g_str_equal (c->unit, "patents") || g_str_equal (c->unit, "stores") ||
                  g_str_equal (c->unit, "users") || g_str_equal (c->unit, "cities"))
                metric = c->unit;
              else if (g_str_equal (c->unit, "people"))
                {
                  static const char * const staff[] = { "员工", "工程师", "人员", "雇员", NULL };
                  if (range_has_any (&s, c->i0, c->i1, staff))
                    metric = "employees";  /* "1.2 万名工程师" */
                  else if (metric == NULL || !g_str_equal (metric, "employees"))
                    metric = NULL;
                }
            }
          /* Phones counted are sold or shipped, not staff or stores:
           * "该团队 3万4000部手机". */
          if (c->kind == KIND_COUNT && g_strcmp0 (c->unit, "units") == 0 && metric != NULL &&
              (g_str_equal (metric, "employees") || g_str_equal (metric, "users") ||
               g_str_equal (metric, "stores") || g_str_equal (metric, "patents") ||
               g_str_equal (metric, "cities")))
            metric = NULL;
          /* Countries counted are markets, as the English side says. */
          if (c->kind == KIND_COUNT && g_strcmp0 (c->unit, "countries") == 0)
            metric = "markets";
          else if (c->kind == KIND_COUNT && g_strcmp0 (c->unit, "companies") == 0)
            metric = NULL;
          if (c->kind == KIND_COUNT && c->unit == NULL && !c->counted && metric != NULL)
            {
              if (g_str_equal (metric, "patents") || g_str_equal (metric, "stores") ||
                  g_str_equal (metric, "users") || (c->bare && g_str_equal (metric, "cities")))
                c->unit = metric;
              else if (g_str_equal (metric, "employees"))
                c->unit = "people";
            }
        }

      if (c->needs_metric && metric == NULL)
        continue;
      /* Percentages of a battery, a colour gamut or a frame rate are specs,
       * not figures of a market. */
      if (c->kind == KIND_PERCENT && metric == NULL && range_has_any (&s, lo, hi, spec_words))
        continue;

      if (scope == NULL)
        {
          scope = nearest_keyword (&s, tables->scopes, tables->n_scopes, lo, hi,
                                   c->i0, c->i1, TRUE, TRUE, NULL, NULL);
          if (scope == NULL)
            scope = nearest_keyword (&s, tables->scopes, tables->n_scopes, 0, n,
                                     c->i0, c->i1, TRUE, TRUE, NULL, NULL);
        }

      /* Brand: the clause's (nearest before the figure, then after), then
       * the sentence's nearest, then the previous sentence's; none when the
       * figure is market-wide. */
      {
        const CitedMention *before_clause = NULL, *after_clause = NULL, *nearest = NULL;
        guint best_dist = G_MAXUINT;
        guint clause_s = off[lo], clause_e = off[hi];
        /* A share is always somebody's. */
        gboolean market_share = g_strcmp0 (metric, "market share") == 0;

        gboolean any_owner = FALSE;

        /* Chip and system brands inside a phone's description ("采用联发科
         * 芯片组的智能手机") own nothing there, when another brand does. */
        for (guint q = m_first; q < m_end && !any_owner; q++)
          any_owner = !is_component (&s, &ctx->mentions[q]);

        for (guint q = m_first; q < m_end; q++)
          {
            const CitedMention *mm = &ctx->mentions[q];
            guint dist;

            if (any_owner && is_component (&s, mm))
              continue;
            if (mm->start >= clause_s && mm->end <= fs)
              before_clause = mm;
            else if (mm->start >= fe && mm->end <= clause_e && after_clause == NULL)
              after_clause = mm;
            dist = mm->end <= fs ? fs - mm->end : (mm->start >= fe ? mm->start - fe : 0);
            if (dist < best_dist)
              {
                best_dist = dist;
                nearest = mm;
              }
          }

        /* "小米和 OPPO 分别以 11.2%和 8.8%的份额", "小米、OPPO 和 vivo 的
         *出货量分别为 4000 万台、3000 万台和 2900 万台": the i-th figure of
         * a kind after 分别 goes to the i-th brand before it. Lists run
         * across "、", so the span here ends only at "，", "；" or "：". */
        {
          guint big_lo = c->i0, pb = G_MAXUINT;

          while (big_lo > 0 && !is_big_sep (cp[big_lo - 1]))
            big_lo--;
          for (guint q = big_lo; q + 1 < c->i0; q++)
            if (cp[q] == 0x5206 /* 分 */ && cp[q + 1] == 0x522B /* 别 */)
              pb = q;
          if (pb != G_MAXUINT)
            {
              const CitedMention *list[8];
              guint n_list = 0, ordinal = 0;

              for (guint q = m_first; q < m_end; q++)
                {
                  const CitedMention *mm = &ctx->mentions[q];

                  if (mm->start < off[big_lo] || mm->end > off[pb])
                    continue;
                  if (any_owner && is_component (&s, mm))
                    continue;
                  if (n_list < G_N_ELEMENTS (list) &&
                      (n_list == 0 || list[n_list - 1]->brand != mm->brand))
                    list[n_list++] = mm;
                }
              for (guint q = 0; q < k; q++)
                if (cands[q].kind == c->kind && cands[q].i0 > pb && cands[q].i0 >= big_lo)
                  ordinal++;
              /* One brand before 分别 owns every figure after it ("骁龙 888
               * 分别比骁龙 865 和骁龙 855 高出 30% 和 90%"). */
              if (n_list == 1 || (n_list > 1 && ordinal < n_list))
                {
                  before_clause = list[n_list == 1 ? 0 : ordinal];
                  after_clause = NULL;
                }
            }
        }

        {
          const CitedMention *chosen = NULL;
          guint floor_s = clause_s;
          gboolean beaten = FALSE;

          if (before_clause != NULL)
            chosen = before_clause;
          else if (after_clause != NULL)
            chosen = after_clause;
          else if (!market_share && market_wide (&s, lo, hi) &&
                   !range_has_any (&s, lo, hi, pronouns))
            chosen = NULL;
          else if (nearest != NULL)
            {
              chosen = nearest;
              floor_s = off[0];
            }

          /* "联发科击败高通，成为全球最大的芯片组供应商": the subject
           * before a verb of beating or following owns the figure, not
           * the brand beaten. */
          while (chosen != NULL && chosen->end <= fs)
            {
              guint mb = 0;
              const CitedMention *prev = NULL;

              while (mb < s.n && off[mb] < chosen->start)
                mb++;
              if (match_any_before (&s, skip_spaces_back (&s, mb), beat_verbs, NULL) < 0)
                break;
              /* The brand beaten is no owner; with no brand before it the
               * subject is a pronoun ("该公司超过三星") or no brand at all
               * ("中国代工厂商超过三星"). */
              beaten = TRUE;
              for (const CitedMention *q = chosen - 1; q >= ctx->mentions + m_first; q--)
                if (q->start >= floor_s && q->brand != chosen->brand &&
                    !(any_owner && is_component (&s, q)))
                  {
                    prev = q;
                    break;
                  }
              chosen = prev;
              if (prev != NULL)
                beaten = FALSE;
            }

          if (chosen != NULL)
            brand = chosen->brand;
          else if (beaten)
            brand = range_has_any (&s, 0, c->i0, pronouns) ? ctx->prev_brand : NULL;
          else if (before_clause == NULL && after_clause == NULL && nearest != NULL)
            brand = NULL; /* market-wide clause */
          else if (!market_share && market_wide (&s, 0, n) &&
                   !range_has_any (&s, 0, n, pronouns))
            brand = NULL;
          else
            brand = ctx->prev_brand;
        }
      }
      c->brand = brand;

      f = cited_figure_new ();
      f->value = cited_clean_value (c->value);
      f->value_max = cited_clean_value (c->value_max);
      /* A minus sign written before the number keeps its sign
       * ("增长率分别为-1.41%、-1.29%"); a change described as a fall is
       * negative ("同比下降 42.4%" is -42.4). */
      if (c->i0 > 0 && c->kind != KIND_RANK &&
          (cp[c->i0 - 1] == '-' || cp[c->i0 - 1] == 0x2212 || cp[c->i0 - 1] == 0xFF0D) &&
          (c->i0 < 2 || !(is_latin (cp[c->i0 - 2]) || arabic_digit (cp[c->i0 - 2]) >= 0)))
        {
          f->value = -f->value;
          fs = off[c->i0 - 1];
        }
      else if (g_strcmp0 (metric, "growth") == 0 && f->value > 0 &&
               is_decline_before (&s, lo, c->i0))
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
      f->unit = g_strdup (c->unit);
      f->currency = g_strdup (c->currency);
      f->qualifier = g_strdup (c->qualifier);
      f->metric = metric != NULL && *metric != '\0' ? g_strdup (metric) : NULL;
      f->scope = g_strdup (scope);
      f->year = nearest_mark (years, n_years, c->i0);
      /* A goal ("目标是成为全球第一") keeps only a year of its own clause. */
      if (f->year != 0 && range_has_any (&s, lo, c->i0, goal_words))
        {
          f->year = 0;
          for (guint q = 0; q < n_years; q++)
            if (years[q].idx >= lo && years[q].idx < hi)
              f->year = years[q].value;
        }
      f->quarter = nearest_mark (quarters, n_quarters, c->i0);
      f->brand = g_strdup (brand);
      f->text = g_strndup (ctx->body + fs, fe - fs);
      f->sentence = g_strdup (sentence);
      f->language = g_strdup ("zh");
      f->start = fs;
      f->end = fe;
      f->sentence_start = start;
      f->sentence_end = end;
      g_ptr_array_add (figures, f);
    }

  return sentence_brand;
}
