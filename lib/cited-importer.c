/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-importer"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "cited-error.h"
#include "cited-extractor.h"
#include "cited-importer-private.h"
#include "cited-scheduler-private.h"
#include "cited-store-private.h"

/*
 * The importer turns files into CitedArticles and hands them to the store in
 * batches. Decoding rules (cited_decode_text):
 *
 *  - UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such.
 *  - NUL bytes, known binary signatures (PNG, JPEG, PDF, ZIP, ...) or many
 *    control characters mean binary data: CITED_ERROR_BINARY.
 *  - Bytes that are not UTF-8 are read as GB18030 only when most double-byte
 *    pairs fall in the GB2312 range and the characters that come out include
 *    the common ones every Chinese text has; Shift-JIS, EUC-KR or Latin-1
 *    text converted as GB18030 would be mojibake.
 *  - A file that is valid UTF-8 except for a few stray bytes (at most one in
 *    200 bytes, at most 64 in all) reads those bytes as Windows-1252, the
 *    superset of Latin-1 English text is written in ("£15.8m"). Anything with
 *    more non-UTF-8 bytes is rejected instead of guessed.
 *
 * When a file is not valid UTF-8 and its XML declaration or HTML <meta>
 * names an encoding (ISO-8859-1, GB2312, ...), that encoding is used; the
 * parsers then always get UTF-8 and are told to ignore the declaration.
 *
 * Formats are sniffed from the content, helped by the extension: <doc>
 * items (Sogou), HTML, XML feeds (RSS 2.0, RSS 1.0/RDF, Atom; OPML is
 * refused), JSON (JSON Feed, RSS in JSON, an article or an array of them)
 * and JSON Lines, THUCNews "label<TAB>text" lines, Markdown, plain text.
 * Items of one file that cannot be read (a bad JSON line, an empty feed
 * item) are reported as "<file>:<where>" and the others kept; a file that
 * cannot be read as a whole writes nothing.
 *
 * Files over 64 MiB are refused; CITED_IMPORT_MAX_SIZE (bytes) sets another
 * limit, for tests.
 */

#define DEFAULT_MAX_SIZE ((gsize) 64 * 1024 * 1024)
/* A title cut from body text; a title line of the file may be longer. */
#define TITLE_COLUMNS 100
#define TITLE_LINE_COLUMNS 240
#define PROGRESS_INTERVAL_USEC (G_USEC_PER_SEC / 30)

G_DEFINE_BOXED_TYPE (CitedRejection, cited_rejection, cited_rejection_copy, cited_rejection_free)
G_DEFINE_BOXED_TYPE (CitedImportResult, cited_import_result,
                     cited_import_result_copy, cited_import_result_free)

/**
 * cited_rejection_copy:
 * @self: a rejection
 *
 * Returns: (transfer full): a copy of @self
 */
CitedRejection *
cited_rejection_copy (const CitedRejection *self)
{
  CitedRejection *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = g_new0 (CitedRejection, 1);
  copy->path = g_strdup (self->path);
  copy->reason = g_strdup (self->reason);
  return copy;
}

void
cited_rejection_free (CitedRejection *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->reason);
  g_free (self);
}

void
cited_import_result_free (CitedImportResult *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->rejected, g_ptr_array_unref);
  g_free (self);
}

/**
 * cited_import_result_copy:
 * @self: a result
 *
 * Returns: (transfer full): a copy of @self with copies of its rejections
 */
CitedImportResult *
cited_import_result_copy (const CitedImportResult *self)
{
  CitedImportResult *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = g_memdup2 (self, sizeof *self);
  if (self->rejected != NULL)
    {
      copy->rejected = g_ptr_array_copy (self->rejected, (GCopyFunc) (void (*) (void)) cited_rejection_copy, NULL);
      /* The copies are the array's, whatever the original's were. */
      g_ptr_array_set_free_func (copy->rejected, (GDestroyNotify) cited_rejection_free);
    }
  return copy;
}

static CitedImportResult *
import_result_new (void)
{
  CitedImportResult *self = g_new0 (CitedImportResult, 1);

  self->rejected = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_rejection_free);
  return self;
}

static void
add_rejection (GPtrArray  *rejected,
               const char *path,
               const char *reason)
{
  CitedRejection *rejection;

  if (rejected == NULL)
    return;
  rejection = g_new0 (CitedRejection, 1);
  rejection->path = g_strdup (path);
  rejection->reason = g_strdup (reason);
  g_ptr_array_add (rejected, rejection);
}

/* A positive number from the environment variable @name, or @fallback:
 * the limits tests set lower (CITED_IMPORT_MAX_SIZE, so that they need
 * not write 64 MiB files; CITED_IMPORT_BATCH, the articles a transaction
 * holds). */
static guint64
env_number (const char *name,
            guint64     fallback)
{
  const char *env = g_getenv (name);

  if (env != NULL && *env != '\0')
    {
      guint64 value = g_ascii_strtoull (env, NULL, 10);

      if (value > 0)
        return value;
    }
  return fallback;
}

static gsize
get_max_size (void)
{
  return (gsize) MIN (env_number ("CITED_IMPORT_MAX_SIZE", DEFAULT_MAX_SIZE), G_MAXSIZE);
}

static guint
get_batch_size (void)
{
  return (guint) MIN (env_number ("CITED_IMPORT_BATCH", CITED_IMPORT_BATCH_SIZE), G_MAXUINT);
}

static gboolean
check_size (gsize     size,
            GError  **error)
{
  gsize max = get_max_size ();

  if (size > max)
    {
      g_autofree char *size_str = g_format_size (size);
      g_autofree char *max_str = g_format_size (max);

      g_set_error (error, CITED_ERROR, CITED_ERROR_TOO_LARGE,
                   _("The file is %s, larger than the import limit of %s"),
                   size_str, max_str);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Decoding                                                                  */
/* ------------------------------------------------------------------------ */

static const gunichar cp1252_high[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static const struct {
  const char *magic;
  gsize len;
  const char *what;
} binary_signatures[] = {
  { "\x89PNG\r\n\x1a\n", 8, N_("a PNG image") },
  { "\xff\xd8\xff", 3, N_("a JPEG image") },
  { "GIF87a", 6, N_("a GIF image") },
  { "GIF89a", 6, N_("a GIF image") },
  { "%PDF-", 5, N_("a PDF document") },
  { "PK\x03\x04", 4, N_("a ZIP archive or office document") },
  { "\x1f\x8b", 2, N_("gzip-compressed data") },
  { "\x7f" "ELF", 4, N_("a program") },
  { "SQLite format 3", 16, N_("an SQLite database") },
};

static gboolean
check_binary (const guchar  *data,
              gsize          length,
              GError       **error)
{
  gsize n_control = 0;

  for (guint i = 0; i < G_N_ELEMENTS (binary_signatures); i++)
    {
      if (length >= binary_signatures[i].len &&
          memcmp (data, binary_signatures[i].magic, binary_signatures[i].len) == 0)
        {
          g_set_error (error, CITED_ERROR, CITED_ERROR_BINARY,
                       _("The file is %s, not text"),
                       _(binary_signatures[i].what));
          return FALSE;
        }
    }

  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_BINARY,
                           _("The file contains NUL bytes: it is binary data "
                             "(or UTF-16 text without a byte-order mark), not text"));
      return FALSE;
    }

  for (gsize i = 0; i < length; i++)
    {
      guchar c = data[i];

      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' &&
          c != '\v' && c != 0x1b)
        n_control++;
    }
  if (n_control > 8 && n_control * 100 > length)
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_BINARY,
                           _("The file is mostly control characters: it is binary data, not text"));
      return FALSE;
    }

  return TRUE;
}

/* Real Chinese text in GB18030/GBK is mostly GB2312 characters: both bytes
 * in 0xA1..0xFE, the first at most 0xF7. Shift-JIS, Big5 or Latin-1 bytes
 * read as GB18030 look different. */
static gboolean
looks_like_gb (const guchar *data,
               gsize         length)
{
  gsize pairs = 0;
  gsize gb2312 = 0;
  gsize hanzi = 0;

  for (gsize i = 0; i < length;)
    {
      guchar a = data[i];
      guchar b;

      if (a < 0x80)
        {
          i++;
          continue;
        }
      /* A file cut in the middle of its last character. */
      if (i + 1 >= length)
        break;
      b = data[i + 1];
      pairs++;
      if (b >= 0x30 && b <= 0x39)
        {
          i += 4;
          continue;
        }
      if (a >= 0xA1 && a <= 0xF7 && b >= 0xA1 && b <= 0xFE)
        {
          gb2312++;
          if (a >= 0xB0)
            hanzi++;
        }
      i += 2;
    }

  return pairs > 0 && hanzi > 0 && gb2312 * 10 >= pairs * 8;
}

/* The most frequent Chinese characters make up a large share of any Chinese
 * text; EUC-KR Korean or other double-byte text read as GB18030 gives
 * characters from all over the table instead. */
static const char common_hanzi[] =
  "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
  "产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使"
  "点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明"
  "看原又么利比或但质气第向道此变条只没结解问意建月公无系很情者最立代想已通并提直题程展五果员位入常"
  "文总次品式活设及管特件长求头基资边流路级少图统接知较将组见计别她手期根论运指几九区强放决西被做必"
  "先回则任取据处南给色光门即保治北造百规热领七海口东导器压志世金增争济思术极交受联什认六共权收证改"
  "清己美再转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报完类八离华名确才科张信马节话"
  "米整空元况今集传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深"
  "难近千周委素技备半办青省列习响约支般史感劳便团往历市克何除消构府称太准精值号率族维划选标写存候";

static int
compare_unichar_cb (gconstpointer a,
                    gconstpointer b)
{
  gunichar x = *(const gunichar *) a;
  gunichar y = *(const gunichar *) b;

  return x < y ? -1 : x > y;
}

static gboolean
plausibly_chinese (const char *text)
{
  static gunichar *common = NULL;
  static glong n_common = 0;
  guint hanzi = 0;
  guint frequent = 0;

  if (g_once_init_enter (&common))
    {
      gunichar *chars = g_utf8_to_ucs4_fast (common_hanzi, -1, &n_common);

      qsort (chars, n_common, sizeof (gunichar), compare_unichar_cb);
      g_once_init_leave (&common, chars);
    }

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x4E00 || c > 0x9FFF)
        continue;
      hanzi++;
      if (bsearch (&c, common, n_common, sizeof (gunichar), compare_unichar_cb) != NULL)
        frequent++;
    }
  if (hanzi < 10)
    return frequent > 0;
  return frequent * 100 >= hanzi * 15;
}

/* Valid UTF-8 with a few stray single bytes, read as Windows-1252. */
static char *
decode_utf8_with_strays (const char *data,
                         gsize       length)
{
  g_autoptr(GString) out = g_string_sized_new (length + 16);
  const char *p = data;
  const char *end = data + length;
  gsize n_stray = 0;

  while (p < end)
    {
      const char *valid_end;
      guchar c;
      gunichar u;

      if (g_utf8_validate_len (p, end - p, &valid_end))
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, valid_end - p);
      c = (guchar) *valid_end;
      u = c >= 0xA0 ? c : (c >= 0x80 ? cp1252_high[c - 0x80] : 0);
      if (u == 0)
        return NULL;
      n_stray++;
      if (n_stray > 64 || n_stray * 200 > length)
        return NULL;
      g_string_append_unichar (out, u);
      p = valid_end + 1;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_blank_text (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0xFEFF && c != 0x200B)
        return FALSE;
    }
  return TRUE;
}

static const char *
canonical_charset (const char *declared)
{
  if (declared == NULL)
    return NULL;
  /* A declaration read from the bytes as ASCII cannot be true of an
   * encoding that does not keep ASCII as it is (UTF-16 has its byte-order
   * mark, read before this): taken at its word, "UCS-2" on an ASCII page
   * turns every two letters into one Chinese character. */
  if (g_ascii_strcasecmp (declared, "utf-8") == 0 ||
      g_ascii_strcasecmp (declared, "utf8") == 0 ||
      g_ascii_strncasecmp (declared, "utf-16", 6) == 0 ||
      g_ascii_strncasecmp (declared, "utf16", 5) == 0 ||
      g_ascii_strncasecmp (declared, "utf-32", 6) == 0 ||
      g_ascii_strncasecmp (declared, "utf32", 5) == 0 ||
      g_ascii_strncasecmp (declared, "ucs-2", 5) == 0 ||
      g_ascii_strncasecmp (declared, "ucs2", 4) == 0 ||
      g_ascii_strncasecmp (declared, "ucs-4", 5) == 0 ||
      g_ascii_strncasecmp (declared, "ucs4", 4) == 0 ||
      g_ascii_strncasecmp (declared, "utf-7", 5) == 0 ||
      g_ascii_strncasecmp (declared, "utf7", 4) == 0 ||
      g_ascii_strcasecmp (declared, "unicode") == 0)
    return NULL;
  /* Pages labelled with the subsets hold characters of the supersets in
   * practice; browsers read them so too. */
  if (g_ascii_strcasecmp (declared, "gb2312") == 0 ||
      g_ascii_strcasecmp (declared, "gbk") == 0 ||
      g_ascii_strcasecmp (declared, "gb18030") == 0)
    return "GB18030";
  if (g_ascii_strcasecmp (declared, "iso-8859-1") == 0 ||
      g_ascii_strcasecmp (declared, "latin1") == 0 ||
      g_ascii_strcasecmp (declared, "latin-1") == 0 ||
      g_ascii_strcasecmp (declared, "us-ascii") == 0 ||
      g_ascii_strcasecmp (declared, "ascii") == 0)
    return "WINDOWS-1252";
  return declared;
}

static char *
decode_with_charset (const char  *data,
                     gsize        length,
                     const char  *declared,
                     GError     **error)
{
  const guchar *u = (const guchar *) data;
  g_autofree char *text = NULL;
  const char *charset = canonical_charset (declared);

  if (length == 0)
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_EMPTY,
                           _("The file is empty"));
      return NULL;
    }

  if (length >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
    {
      const char *from = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
      g_autoptr(GError) local_error = NULL;
      gsize written = 0;

      text = g_convert (data + 2, length - 2, "UTF-8", from, NULL, &written, &local_error);
      if (text == NULL)
        {
          g_set_error (error, CITED_ERROR, CITED_ERROR_ENCODING,
                       _("The file starts with a %s byte-order mark but is not valid %s text"),
                       from, from);
          return NULL;
        }
      if (memchr (text, '\0', written) != NULL)
        {
          g_set_error_literal (error, CITED_ERROR, CITED_ERROR_BINARY,
                               _("The file contains NUL characters: it is binary data, not text"));
          return NULL;
        }
    }
  else
    {
      gsize skip = 0;
      const char *invalid = NULL;

      if (length >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        {
          skip = 3;
          if (!g_utf8_validate_len (data + 3, length - 3, &invalid))
            {
              g_set_error (error, CITED_ERROR, CITED_ERROR_ENCODING,
                           _("The file starts with a UTF-8 byte-order mark but is not valid "
                             "UTF-8 (invalid byte at offset %lu)"),
                           (unsigned long) (invalid - data));
              return NULL;
            }
        }

      if (!check_binary (u + skip, length - skip, error))
        return NULL;

      if (skip > 0 || g_utf8_validate_len (data, length, &invalid))
        text = g_strndup (data + skip, length - skip);
      else if (charset != NULL)
        {
          text = g_convert (data, length, "UTF-8", charset, NULL, NULL, NULL);
          if (text == NULL)
            {
              g_set_error (error, CITED_ERROR, CITED_ERROR_ENCODING,
                           _("The file declares the %s encoding but is not valid %s text"),
                           declared, declared);
              return NULL;
            }
        }
      else
        {
          if (looks_like_gb (u, length))
            {
              g_autoptr(GError) gb_error = NULL;
              gsize bytes_read = 0;

              text = g_convert (data, length, "UTF-8", "GB18030", &bytes_read, NULL, &gb_error);
              /* A file cut in the middle of its last character keeps the
               * characters before the cut; an invalid byte elsewhere is
               * told at its own offset, not at the first byte UTF-8
               * could not read. */
              if (text == NULL && bytes_read > 0 &&
                  g_error_matches (gb_error, G_CONVERT_ERROR, G_CONVERT_ERROR_PARTIAL_INPUT))
                text = g_convert (data, bytes_read, "UTF-8", "GB18030", NULL, NULL, NULL);
              else if (text == NULL)
                invalid = data + bytes_read;
              if (text != NULL && !plausibly_chinese (text))
                g_clear_pointer (&text, g_free);
            }
          if (text == NULL)
            text = decode_utf8_with_strays (data, length);
          if (text == NULL)
            {
              g_set_error (error, CITED_ERROR, CITED_ERROR_ENCODING,
                           _("Not valid UTF-8, UTF-16 or GB18030 text (first invalid byte "
                             "at offset %lu)"),
                           (unsigned long) (invalid - data));
              return NULL;
            }
        }
    }

  if (is_blank_text (text))
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_EMPTY,
                           _("The file contains only whitespace"));
      return NULL;
    }

  return g_steal_pointer (&text);
}

/**
 * cited_decode_text:
 * @data: the file's bytes
 * @length: their length
 * @error: return location for a #GError
 *
 * Decodes a file's bytes to UTF-8 following the rules at the top of this
 * file.
 *
 * Returns: (transfer full): UTF-8 text without a BOM, or %NULL
 */
char *
cited_decode_text (const char  *data,
                   gsize        length,
                   GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  return decode_with_charset (data, length, NULL, error);
}

/* ------------------------------------------------------------------------ */
/* Small text helpers                                                        */
/* ------------------------------------------------------------------------ */

static gboolean
is_cjk (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ||
         (c >= 0x20000 && c <= 0x2FFFF);
}

static gboolean
mostly_cjk (const char *text,
            gssize      length)
{
  guint cjk = 0;
  guint other = 0;
  const char *end = length < 0 ? text + strlen (text) : text + length;

  for (const char *p = text; p < end && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_cjk (c))
        cjk++;
      else if (g_unichar_isalpha (c))
        other++;
    }
  return cjk > other / 3;
}

/* Collapses runs of whitespace to one space and trims. */
static char *
collapse_spaces (const char *text)
{
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return NULL;
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0xFEFF)
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_closing_quote (gunichar c)
{
  return c == '\'' || c == '"' || c == 0x2019 || c == 0x201D || c == 0x300D ||
         c == 0x300F || c == ')' || c == 0xFF09;
}

static gboolean
is_abbreviation (const char *start,
                 const char *dot)
{
  static const char * const abbrevs[] = {
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Inc", "Ltd", "Co", "Corp", "vs",
    "No", "Jr", "Sr", "Gen", "Gov", "Sen", "Rep", "Jan", "Feb", "Mar", "Apr",
    "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "e.g", "i.e",
    "U.S", "U.K", "approx", "est", "etc", NULL,
  };
  const char *w = dot;
  gsize len;

  while (w > start && !g_ascii_isspace (w[-1]) && w[-1] != '(' && w[-1] != '"')
    w--;
  len = dot - w;
  if (len == 1 && g_ascii_isupper (w[0]))
    return TRUE;
  for (guint i = 0; abbrevs[i]; i++)
    if (strlen (abbrevs[i]) == len && strncmp (w, abbrevs[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* The length in bytes of the first sentence of @text (to a line end at
 * most). */
static gsize
first_sentence_length (const char *text)
{
  const char *p = text;

  while (*p && *p != '\n')
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B)
        {
          while (*next && is_closing_quote (g_utf8_get_char (next)))
            next = g_utf8_next_char (next);
          return next - text;
        }
      if (c == '.' || c == '!' || c == '?')
        {
          const char *q = next;

          while (*q && is_closing_quote (g_utf8_get_char (q)))
            q = g_utf8_next_char (q);
          if ((*q == '\0' || g_ascii_isspace (*q)) &&
              (c != '.' || !is_abbreviation (text, p)))
            return q - text;
        }
      p = next;
    }
  return p - text;
}

/* Cuts @text (already one line) to a title: at most TITLE_COLUMNS columns,
 * CJK characters counting two, at a word boundary when there is one in the
 * second half, with "…" when cut. */
static char *
make_title (const char *text,
            gssize      length,
            guint       max_columns)
{
  g_autofree char *copy = length < 0 ? g_strdup (text) : g_strndup (text, length);
  g_autofree char *line = collapse_spaces (copy);
  const char *p;
  const char *cut = NULL;
  const char *last_space = NULL;
  guint columns = 0;
  GString *out;

  for (p = line; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      columns += g_unichar_iswide (c) ? 2 : 1;
      if (columns > max_columns)
        {
          cut = p;
          break;
        }
      if (c == ' ' && columns > max_columns / 2)
        last_space = p;
    }

  if (cut == NULL)
    return g_steal_pointer (&line);

  if (last_space != NULL)
    cut = last_space;
  out = g_string_new_len (line, cut - line);
  while (out->len > 0)
    {
      const char *prev = g_utf8_find_prev_char (out->str, out->str + out->len);
      gunichar c = g_utf8_get_char (prev);

      if (g_unichar_isspace (c) || (c < 128 && strchr (",;:-([", (int) c) != NULL) ||
          c == 0x3001 || c == 0xFF0C || c == 0xFF1B || c == 0xFF1A || c == 0x2014 ||
          c == 0x2013)
        g_string_truncate (out, prev - out->str);
      else
        break;
    }
  g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static char *
title_from_body (const char *body)
{
  while (*body && g_ascii_isspace (*body))
    body++;
  return make_title (body, first_sentence_length (body), TITLE_COLUMNS);
}

/* ------------------------------------------------------------------------ */
/* Dates                                                                     */
/* ------------------------------------------------------------------------ */

static const char * const month_names[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};

static char *
format_date (int year,
             int month,
             int day)
{
  if (year >= 0 && year < 100)
    year += year < 70 ? 2000 : 1900;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

/* Normalizes RFC 822 ("Thu, 01 May 2025 12:49:20 GMT"), ISO 8601
 * ("2024-01-31T10:00:00Z", "2024/01/31"), "January 31, 2024", "31 Jan 2024"
 * and Chinese "2012年7月6日" dates to YYYY-MM-DD, the date as written. */
static char *
normalize_date (const char *text)
{
  int numbers[3] = { -1, -1, -1 };
  int digits[3] = { 0 };
  int n_numbers = 0;
  int month = 0;
  const char *p;

  if (text == NULL)
    return NULL;
  while (*text && g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return NULL;

  /* ISO first: YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYY年M月D日 */
  if (g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) &&
      g_ascii_isdigit (text[2]) && g_ascii_isdigit (text[3]))
    {
      char *end;
      int year = (int) g_ascii_strtoll (text, &end, 10);

      if (*end == '-' || *end == '/' || *end == '.' || g_str_has_prefix (end, "年"))
        {
          int m, d;

          end += g_str_has_prefix (end, "年") ? strlen ("年") : 1;
          m = (int) g_ascii_strtoll (end, &end, 10);
          if (*end == '-' || *end == '/' || *end == '.' || g_str_has_prefix (end, "月"))
            {
              end += g_str_has_prefix (end, "月") ? strlen ("月") : 1;
              d = (int) g_ascii_strtoll (end, &end, 10);
              return format_date (year, m, d);
            }
        }
      else if (end - text == 8)
        {
          int v = (int) g_ascii_strtoll (text, NULL, 10);

          return format_date (v / 10000, v / 100 % 100, v % 100);
        }
    }

  /* Words: a month name, a day and a year in either order. */
  p = text;
  while (*p)
    {
      if (g_ascii_isdigit (*p))
        {
          const char *start = p;
          int v = 0;

          while (g_ascii_isdigit (*p))
            {
              if (v < 100000)
                v = v * 10 + (*p - '0');
              p++;
            }
          /* Times (12:49:20) and zones (+0000) are not date parts. */
          if (*p == ':' || (start > text && (start[-1] == ':' || start[-1] == '+' ||
                                             start[-1] == '-')))
            {
              while (*p && !g_ascii_isspace (*p))
                p++;
              continue;
            }
          if (n_numbers < 3)
            {
              digits[n_numbers] = p - start;
              numbers[n_numbers++] = v;
            }
        }
      else if (g_ascii_isalpha (*p))
        {
          const char *start = p;

          while (g_ascii_isalpha (*p))
            p++;
          if (month == 0 && p - start >= 3)
            for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
              if (g_ascii_strncasecmp (start, month_names[i], 3) == 0)
                {
                  month = i + 1;
                  break;
                }
        }
      else
        p++;
    }

  if (month > 0 && n_numbers >= 2)
    {
      /* "01 May 2025" or "May 1, 2025": the year has four digits or comes last. */
      if (digits[0] == 4)
        return format_date (numbers[0], month, numbers[1]);
      return format_date (numbers[1], month, numbers[0]);
    }

  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Articles                                                                  */
/* ------------------------------------------------------------------------ */

/* Fills the title from the body when missing, detects the language and
 * returns FALSE when the article has no text. Takes ownership of nothing. */
static void
ensure_valid_utf8 (char **text)
{
  /* Decoded input is valid UTF-8, but JSON escapes can still name lone
   * surrogates; the store and the views must never see broken text. */
  if (*text != NULL && !g_utf8_validate (*text, -1, NULL))
    {
      char *valid = g_utf8_make_valid (*text, -1);

      g_free (*text);
      *text = valid;
    }
}

static gboolean
finish_article (CitedArticle *article)
{
  ensure_valid_utf8 (&article->title);
  ensure_valid_utf8 (&article->body);
  ensure_valid_utf8 (&article->source);
  ensure_valid_utf8 (&article->path);

  if (article->body != NULL)
    g_strstrip (article->body);
  if (article->body == NULL || is_blank_text (article->body))
    {
      if (article->title == NULL || is_blank_text (article->title))
        return FALSE;
      g_free (article->body);
      article->body = g_strdup (article->title);
    }
  if (article->title != NULL)
    {
      char *title = make_title (article->title, -1, TITLE_LINE_COLUMNS);

      g_free (article->title);
      article->title = title;
    }
  if (article->title == NULL || *article->title == '\0')
    {
      g_free (article->title);
      article->title = title_from_body (article->body);
    }
  if (article->source != NULL)
    {
      char *source = collapse_spaces (article->source);

      g_free (article->source);
      article->source = *source ? source : (g_free (source), NULL);
    }
  g_free (article->language);
  article->language = g_strdup (cited_detect_language (article->body, -1));
  return TRUE;
}

typedef struct {
  const char *name;
  GPtrArray  *articles;
  GPtrArray  *rejected;    /* per-item rejections, may be NULL */
  CitedFeedItemInfo *feed; /* a fetched feed: what its items say besides articles, or NULL */
} ParseContext;

static void
item_rejected (ParseContext *ctx,
               const char   *where,
               const char   *reason)
{
  g_autofree char *path = where ? g_strdup_printf ("%s:%s", ctx->name, where) : g_strdup (ctx->name);

  add_rejection (ctx->rejected, path, reason);
}

/* ------------------------------------------------------------------------ */
/* Plain text and Markdown                                                   */
/* ------------------------------------------------------------------------ */

static gboolean
line_is_blank (const char *line)
{
  for (const char *p = line; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
ends_like_sentence (const char *line)
{
  const char *end = line + strlen (line);

  while (end > line)
    {
      const char *prev = g_utf8_find_prev_char (line, end);
      gunichar c = g_utf8_get_char (prev);

      if (g_unichar_isspace (c) || is_closing_quote (c))
        {
          end = prev;
          continue;
        }
      return c == '.' || c == '!' || c == '?' || c == 0x3002 || c == 0xFF01 ||
             c == 0xFF1F || c == 0x2026;
    }
  return FALSE;
}

/* A first line is body text rather than a title when it is long, ends like a
 * sentence and no blank line follows it (seed 002), or when it is very long. */
static gboolean
first_line_is_body (const char *line,
                    const char *next)
{
  glong n_chars = g_utf8_strlen (line, -1);
  glong long_enough = mostly_cjk (line, -1) ? 40 : 80;

  if (n_chars > 300)
    return TRUE;
  return n_chars >= long_enough && ends_like_sentence (line) &&
         (next == NULL || !line_is_blank (next));
}

/* "Mondo Social Updated on 2024-01-31" */
static gboolean
parse_updated_line (const char  *line,
                    char       **source,
                    char       **date)
{
  const char *marker = strstr (line, "Updated on ");
  g_autofree char *parsed = NULL;

  if (marker == NULL || marker - line > 80)
    return FALSE;
  parsed = normalize_date (marker + strlen ("Updated on "));
  if (parsed == NULL)
    return FALSE;
  *date = g_steal_pointer (&parsed);
  *source = marker > line ? g_strstrip (g_strndup (line, marker - line)) : NULL;
  if (*source != NULL && **source == '\0')
    g_clear_pointer (source, g_free);
  return TRUE;
}

/* "> 原文：<https://...>" */
static char *
parse_origin_line (const char *line)
{
  static const char * const markers[] = { "原文：", "原文:", "Source:", "Original:", NULL };
  const char *p = line;

  if (*p != '>')
    return NULL;
  p++;
  while (*p == ' ')
    p++;
  for (guint i = 0; markers[i]; i++)
    if (g_str_has_prefix (p, markers[i]))
      {
        g_autofree char *url = NULL;

        p += strlen (markers[i]);
        while (*p == ' ')
          p++;
        url = g_strstrip (g_strdup (p));
        if (url[0] == '<' && g_str_has_suffix (url, ">"))
          return g_strndup (url + 1, strlen (url) - 2);
        if (url[0] == '[' && strstr (url, "](") != NULL && g_str_has_suffix (url, ")"))
          {
            const char *start = strstr (url, "](") + 2;

            return g_strndup (start, strlen (start) - 1);
          }
        return *url ? g_steal_pointer (&url) : NULL;
      }
  return NULL;
}

/* Drops the Markdown markup a reader does not see: heading and quote
 * markers, images, link targets, bold markers. */
static void
append_markdown_line (GString    *out,
                      const char *line)
{
  const char *p = line;

  if (g_str_has_prefix (p, "```") || g_str_has_prefix (p, "~~~"))
    return;
  while (*p == '#')
    p++;
  if (p > line && *p == ' ')
    p++;
  else
    p = line;
  while (*p == '>')
    {
      p++;
      while (*p == ' ')
        p++;
    }

  while (*p)
    {
      if ((p[0] == '*' && p[1] == '*') || (p[0] == '_' && p[1] == '_'))
        {
          p += 2;
          continue;
        }
      if ((p[0] == '!' && p[1] == '[') || p[0] == '[')
        {
          gboolean image = p[0] == '!';
          const char *text = p + (image ? 2 : 1);
          const char *close = strchr (text, ']');

          if (close != NULL && close[1] == '(' && strchr (close + 2, ')') != NULL)
            {
              const char *after = strchr (close + 2, ')') + 1;

              if (!image)
                g_string_append_len (out, text, close - text);
              p = after;
              continue;
            }
        }
      g_string_append_c (out, *p);
      p++;
    }
}

static gboolean
is_markdown_heading (const char *line)
{
  const char *p = line;

  while (*p == '#')
    p++;
  return p > line && p - line <= 6 && (*p == ' ' || *p == '\t');
}

static void
parse_front_matter_line (CitedArticle *article,
                         const char   *line)
{
  const char *colon = strchr (line, ':');
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  gsize len;

  if (colon == NULL || colon == line)
    return;
  key = g_ascii_strdown (line, colon - line);
  g_strstrip (key);
  value = g_strstrip (g_strdup (colon + 1));
  len = strlen (value);
  if (len >= 2 && (value[0] == '"' || value[0] == '\'') && value[len - 1] == value[0])
    {
      memmove (value, value + 1, len - 2);
      value[len - 2] = '\0';
    }
  if (*value == '\0')
    return;

  if (article->title == NULL && g_str_equal (key, "title"))
    article->title = g_steal_pointer (&value);
  else if (article->published == NULL &&
           (g_str_equal (key, "date") || g_str_equal (key, "published")))
    article->published = normalize_date (value);
  else if (article->source == NULL &&
           (g_str_equal (key, "source") || g_str_equal (key, "publisher") ||
            g_str_equal (key, "site")))
    article->source = g_steal_pointer (&value);
  else if (article->path == NULL &&
           (g_str_equal (key, "url") || g_str_equal (key, "link") ||
            g_str_equal (key, "original") || g_str_equal (key, "source_url")))
    article->path = g_steal_pointer (&value);
}

static void
parse_plain (ParseContext *ctx,
             char         *text,
             gboolean      markdown)
{
  g_autoptr(CitedArticle) article = cited_article_new ();
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) body = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  guint n_lines;
  guint first = 0;
  guint body_start;
  guint body_end;
  guint n_meta = 0;
  gboolean blank_pending = FALSE;

  /* CRLF and lone CR to LF. */
  {
    char *w = text;

    for (char *r = text; *r; r++)
      {
        if (*r == '\r')
          {
            if (r[1] != '\n')
              *w++ = '\n';
            continue;
          }
        *w++ = *r;
      }
    *w = '\0';
  }

  lines = g_strsplit (text, "\n", -1);
  n_lines = g_strv_length (lines);
  for (guint i = 0; i < n_lines; i++)
    g_strchomp (lines[i]);

  while (first < n_lines && line_is_blank (lines[first]))
    first++;
  if (first == n_lines)
    return;

  /* YAML front matter of blog exports (Jekyll, Hugo):
   * ---\ntitle: ...\ndate: ...\n--- */
  if (g_str_equal (lines[first], "---"))
    {
      guint end = first + 1;

      while (end < n_lines && end < first + 60 && !g_str_equal (lines[end], "---") &&
             !g_str_equal (lines[end], "..."))
        end++;
      if (end < n_lines && end < first + 60)
        {
          for (guint i = first + 1; i < end; i++)
            parse_front_matter_line (article, lines[i]);
          first = end + 1;
          while (first < n_lines && line_is_blank (lines[first]))
            first++;
          if (first == n_lines)
            return;
        }
    }

  if (article->title != NULL)
    body_start = first;
  else if (markdown && is_markdown_heading (lines[first]))
    {
      const char *t = lines[first];

      while (*t == '#')
        t++;
      article->title = g_strstrip (g_strdup (t));
      while (g_str_has_suffix (article->title, "#"))
        article->title[strlen (article->title) - 1] = '\0';
      body_start = first + 1;
    }
  else if (first_line_is_body (lines[first], first + 1 < n_lines ? lines[first + 1] : NULL))
    {
      article->title = title_from_body (lines[first]);
      body_start = first;
    }
  else
    {
      article->title = g_strstrip (g_strdup (lines[first]));
      body_start = first + 1;
    }

  /* Metadata lines right under the title: "Source Updated on DATE" and
   * Markdown "> 原文：<URL>". They are cut from the body. */
  for (guint i = body_start; i < n_lines && n_meta < 3; i++)
    {
      g_autofree char *source = NULL;
      g_autofree char *date = NULL;
      g_autofree char *origin = NULL;

      if (line_is_blank (lines[i]))
        continue;
      n_meta++;
      if (article->published == NULL && parse_updated_line (lines[i], &source, &date))
        {
          /* A source the front matter gave stays (its date may not have
           * parsed, which is why this line is read). */
          if (article->source == NULL)
            article->source = g_steal_pointer (&source);
          article->published = g_steal_pointer (&date);
          lines[i][0] = '\0';
        }
      else if ((origin = parse_origin_line (lines[i])) != NULL)
        {
          /* The article keeps the path it was imported from, so users can
           * find the file again; the original's site names the source. */
          if (article->source == NULL)
            {
              g_autoptr(GUri) uri = g_uri_parse (origin, G_URI_FLAGS_NONE, NULL);
              const char *host = uri ? g_uri_get_host (uri) : NULL;

              if (host != NULL && *host != '\0')
                article->source = g_strdup (g_str_has_prefix (host, "www.") ? host + 4 : host);
            }
          lines[i][0] = '\0';
        }
    }

  /* A trailing "Related Pages" is the site's navigation, not the article. */
  body_end = n_lines;
  while (body_end > body_start && line_is_blank (lines[body_end - 1]))
    body_end--;
  if (body_end > body_start && g_ascii_strcasecmp (g_strstrip (lines[body_end - 1]), "Related Pages") == 0)
    body_end--;

  body = g_string_sized_new (strlen (text));
  for (guint i = body_start; i < body_end; i++)
    {
      if (line_is_blank (lines[i]))
        {
          blank_pending = TRUE;
          continue;
        }
      if (markdown)
        {
          g_string_truncate (line, 0);
          append_markdown_line (line, lines[i]);
          if (line_is_blank (line->str))
            {
              blank_pending = TRUE;
              continue;
            }
        }
      if (body->len > 0)
        g_string_append (body, blank_pending ? "\n\n" : "\n");
      blank_pending = FALSE;
      g_string_append (body, markdown ? line->str : lines[i]);
    }

  article->body = g_string_free (g_steal_pointer (&body), FALSE);
  if (article->path == NULL)
    article->path = g_strdup (ctx->name);
  if (finish_article (article))
    g_ptr_array_add (ctx->articles, g_steal_pointer (&article));
}

/* THUCNews: "label<TAB>text" per line, the title running into the body. */
static void
parse_thucnews (ParseContext *ctx,
                const char   *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(CitedArticle) article = NULL;
      const char *tab;
      char *line = g_strstrip (lines[i]);
      g_autofree char *where = NULL;

      if (*line == '\0')
        continue;
      where = g_strdup_printf ("%u", i + 1);
      tab = strchr (line, '\t');
      if (tab == NULL)
        {
          item_rejected (ctx, where, _("No tab between label and text"));
          continue;
        }
      article = cited_article_new ();
      article->body = g_strstrip (g_strdup (tab + 1));
      article->path = g_strdup (ctx->name);
      if (finish_article (article))
        g_ptr_array_add (ctx->articles, g_steal_pointer (&article));
      else
        item_rejected (ctx, where, _("No article text"));
    }
}

static gboolean
looks_like_thucnews (const char *text)
{
  guint checked = 0;
  guint matched = 0;
  const char *p = text;

  while (*p && checked < 20)
    {
      const char *eol = strchr (p, '\n');
      const char *tab;
      gsize len = eol ? (gsize) (eol - p) : strlen (p);

      if (len > 0 && !(len == 1 && *p == '\r'))
        {
          checked++;
          tab = memchr (p, '\t', len);
          if (tab != NULL && tab > p && tab - p <= 30 && memchr (p, ' ', tab - p) == NULL &&
              len - (tab - p) > 1)
            matched++;
        }
      if (eol == NULL)
        break;
      p = eol + 1;
    }
  return checked > 0 && matched * 10 >= checked * 9;
}

/* ------------------------------------------------------------------------ */
/* HTML                                                                      */
/* ------------------------------------------------------------------------ */

/* Text that references to entities declared in a feed's DOCTYPE may add to
 * the whole file. Feeds declare such entities seldom and for a character or
 * a word; one of 33,000 characters referenced 33,000 times would make a
 * gigabyte of text out of 132 KB. The parser does not substitute entities
 * (no XML_PARSE_NOENT); their text is added here, within this budget. */
#define MAX_ENTITY_TEXT (1024 * 1024)

typedef struct {
  gsize    entity_text;
  gboolean exceeded;
} EntityBudget;

static void
append_node_text (GString      *out,
                  xmlNode      *node,
                  EntityBudget *budget,
                  gboolean      in_entity,
                  guint         entity_depth)
{
  /* libxml2 refuses entity loops; this is a second guard for the stack.
   * Elements nest at most 256 deep: libxml2 refuses deeper documents. */
  if (entity_depth > 64)
    {
      budget->exceeded = TRUE;
      return;
    }
  for (; node != NULL && !budget->exceeded; node = node->next)
    switch (node->type)
      {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        if (node->content != NULL)
          {
            gsize len = strlen ((const char *) node->content);

            if (in_entity)
              {
                budget->entity_text += len;
                if (budget->entity_text > MAX_ENTITY_TEXT)
                  {
                    budget->exceeded = TRUE;
                    return;
                  }
              }
            g_string_append_len (out, (const char *) node->content, len);
          }
        break;
      case XML_ELEMENT_NODE:
        append_node_text (out, node->children, budget, in_entity, entity_depth);
        break;
      case XML_ENTITY_REF_NODE:
        {
          xmlEntity *entity = xmlGetDocEntity (node->doc, node->name);

          if (entity != NULL)
            append_node_text (out, entity->children, budget, TRUE, entity_depth + 1);
        }
        break;
      default:
        break;
      }
}

/* The text of @node with its entities expanded, as xmlNodeGetContent()
 * gives it, but within the budget a feed's document carries in _private. */
static char *
xml_text (xmlNode *node)
{
  EntityBudget *budget = node->doc != NULL ? node->doc->_private : NULL;
  GString *out;

  if (budget == NULL)
    {
      xmlChar *content = xmlNodeGetContent (node);
      char *text = g_strdup ((const char *) content);

      xmlFree (content);
      return text;
    }
  out = g_string_new (NULL);
  if (node->type == XML_ELEMENT_NODE)
    append_node_text (out, node->children, budget, FALSE, 0);
  else
    append_node_text (out, node, budget, FALSE, 0);
  return g_string_free (out, FALSE);
}

/* An attribute without a namespace (as xmlGetProp() finds it), its entity
 * references expanded within the document's budget like xml_text(). */
static char *
xml_prop (xmlNode    *node,
          const char *name)
{
  EntityBudget *budget = node->doc != NULL ? node->doc->_private : NULL;

  if (budget == NULL)
    return (char *) xmlGetProp (node, (const xmlChar *) name);
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    if (attr->ns == NULL && attr->name != NULL && g_str_equal ((const char *) attr->name, name))
      {
        GString *out = g_string_new (NULL);

        append_node_text (out, attr->children, budget, FALSE, 0);
        return g_string_free (out, FALSE);
      }
  return NULL;
}

typedef struct {
  GString *out;
  gboolean space;
  int      pending_break;   /* newlines owed before the next text */
  gboolean page;            /* a whole web page, not a feed item's content */
} TextSink;

static gboolean
name_in (const char         *name,
         const char * const *names)
{
  for (guint i = 0; names[i]; i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char * const dropped_elements[] = {
  "script", "style", "nav", "header", "footer", "aside", "form", "noscript",
  "template", "svg", "iframe", "button", "select", "textarea", "object",
  "embed", "canvas", "head", "title", "menu", NULL,
};

static const char * const block_elements[] = {
  "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "article", "main",
  "section", "blockquote", "pre", "ul", "ol", "dl", "table", "figure",
  "figcaption", "hr", "address", "details", "summary", "body", "html", NULL,
};

static const char * const line_elements[] = {
  "br", "li", "tr", "dt", "dd", NULL,
};

static void
sink_break (TextSink *sink,
            int       lines)
{
  sink->pending_break = MAX (sink->pending_break, lines);
}

static void
sink_text (TextSink   *sink,
           const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x200B || c == 0xFEFF)
        {
          sink->space = TRUE;
          continue;
        }
      if (sink->out->len > 0)
        {
          if (sink->pending_break > 0)
            g_string_append (sink->out, sink->pending_break > 1 ? "\n\n" : "\n");
          else if (sink->space)
            g_string_append_c (sink->out, ' ');
        }
      sink->pending_break = 0;
      sink->space = FALSE;
      g_string_append_unichar (sink->out, c == 0xA0 ? ' ' : c);
    }
}

static const char * const boilerplate_containers[] = {
  "div", "section", "ul", "ol", "table", "aside", "figure", "dl", NULL,
};

/* Page furniture news sites mark with roles, classes or ids: sharing bars
 * ("Share 1.2K"), cookie banners, related links. Matched by whole words of
 * the attribute so that "ad" does not hit "header-image". */
static gboolean
is_boilerplate (xmlNode *node)
{
  static const char * const words[] = {
    "cookie", "cookies", "consent", "share", "sharing", "social", "comments",
    "newsletter", "advert", "advertisement", "ad", "ads", "promo", "related",
    "subscribe", "breadcrumb", "breadcrumbs", "sidebar", "nav", "navbar",
    "navigation", "menu", "footer", NULL,
  };
  static const char * const roles[] = {
    "navigation", "banner", "contentinfo", "complementary", "search", NULL,
  };
  static const char * const attributes[] = { "class", "id", NULL };
  g_autofree char *role = (char *) xmlGetProp (node, (const xmlChar *) "role");
  g_autofree char *aria_hidden = (char *) xmlGetProp (node, (const xmlChar *) "aria-hidden");

  if (node->properties == NULL)
    return FALSE;
  if (role != NULL && name_in (role, roles))
    return TRUE;
  if (aria_hidden != NULL && g_ascii_strcasecmp (aria_hidden, "true") == 0)
    return TRUE;

  for (guint i = 0; attributes[i]; i++)
    {
      g_autofree char *value = (char *) xmlGetProp (node, (const xmlChar *) attributes[i]);
      g_auto(GStrv) parts = NULL;

      if (value == NULL)
        continue;
      g_strdelimit (value, "-_", ' ');
      parts = g_strsplit_set (value, " \t\n", -1);
      for (guint j = 0; parts[j]; j++)
        if (*parts[j] != '\0' && name_in (parts[j], words))
          return TRUE;
    }
  return FALSE;
}

static void
collect_text (xmlNode  *node,
              TextSink *sink)
{
  for (; node != NULL; node = node->next)
    {
      const char *name = (const char *) node->name;

      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          if (node->content != NULL)
            sink_text (sink, (const char *) node->content);
          continue;
        }
      if (node->type != XML_ELEMENT_NODE || name == NULL)
        continue;
      if (name_in (name, dropped_elements) || xmlHasProp (node, (const xmlChar *) "hidden"))
        continue;
      /* Only whole blocks of a web page: a <span class="menu"> in a post
       * about menus is text. */
      if (sink->page && name_in (name, boilerplate_containers) && is_boilerplate (node))
        continue;
      if (name_in (name, block_elements))
        {
          sink_break (sink, 2);
          collect_text (node->children, sink);
          sink_break (sink, 2);
        }
      else if (name_in (name, line_elements))
        {
          sink_break (sink, 1);
          collect_text (node->children, sink);
          sink_break (sink, 1);
        }
      else
        {
          if (g_ascii_strcasecmp (name, "td") == 0 || g_ascii_strcasecmp (name, "th") == 0)
            sink->space = TRUE;
          collect_text (node->children, sink);
        }
    }
}

static char *
node_text (xmlNode *node)
{
  TextSink sink = { g_string_new (NULL), FALSE, 0, FALSE };

  if (node != NULL)
    collect_text (node->children, &sink);
  return g_string_free (sink.out, FALSE);
}

/* Text of a web page's article root, leaving page furniture out. */
static char *
page_text (xmlNode *node)
{
  TextSink sink = { g_string_new (NULL), FALSE, 0, TRUE };

  if (node != NULL)
    collect_text (node->children, &sink);
  return g_string_free (sink.out, FALSE);
}

/* Text of an HTML fragment (a feed item's description). */
static char *
html_fragment_to_text (const char *html)
{
  htmlDocPtr doc;
  char *text;

  if (html == NULL)
    return NULL;
  if (strchr (html, '<') == NULL && strchr (html, '&') == NULL)
    return collapse_spaces (html);
  doc = htmlReadMemory (html, (int) strlen (html), NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED);
  if (doc == NULL)
    return collapse_spaces (html);
  {
    TextSink sink = { g_string_new (NULL), FALSE, 0, FALSE };

    collect_text (doc->children, &sink);
    text = g_string_free (sink.out, FALSE);
  }
  xmlFreeDoc (doc);
  return text;
}

typedef struct {
  xmlNode *title;
  xmlNode *h1;
  xmlNode *time;
  xmlNode *article;
  xmlNode *main;
  xmlNode *body;
  guint    n_articles;
  guint    n_mains;
  char    *og_title;
  char    *site_name;
  char    *published;
  char    *ld_headline;
  char    *ld_publisher;
  char    *ld_published;
} HtmlScan;

static void scan_json_ld (const char *json,
                          HtmlScan   *scan);

static void
html_scan (xmlNode  *node,
           HtmlScan *scan)
{
  for (; node != NULL; node = node->next)
    {
      const char *name;

      if (node->type != XML_ELEMENT_NODE || node->name == NULL)
        continue;
      name = (const char *) node->name;
      if (g_ascii_strcasecmp (name, "meta") == 0)
        {
          g_autofree char *property = (char *) xmlGetProp (node, (const xmlChar *) "property");
          g_autofree char *meta_name = (char *) xmlGetProp (node, (const xmlChar *) "name");
          g_autofree char *itemprop = (char *) xmlGetProp (node, (const xmlChar *) "itemprop");
          g_autofree char *content = (char *) xmlGetProp (node, (const xmlChar *) "content");
          const char *key = property ? property : meta_name ? meta_name : itemprop;

          if (key == NULL || content == NULL)
            continue;
          if (scan->og_title == NULL && (g_ascii_strcasecmp (key, "og:title") == 0 ||
                                         g_ascii_strcasecmp (key, "twitter:title") == 0))
            scan->og_title = g_steal_pointer (&content);
          else if (scan->site_name == NULL && g_ascii_strcasecmp (key, "og:site_name") == 0)
            scan->site_name = g_steal_pointer (&content);
          else if (scan->published == NULL &&
                   (g_ascii_strcasecmp (key, "article:published_time") == 0 ||
                    g_ascii_strcasecmp (key, "datePublished") == 0 ||
                    g_ascii_strcasecmp (key, "date") == 0 ||
                    g_ascii_strcasecmp (key, "pubdate") == 0 ||
                    g_ascii_strcasecmp (key, "dc.date") == 0))
            scan->published = normalize_date (content);
          continue;
        }
      if (scan->title == NULL && g_ascii_strcasecmp (name, "title") == 0)
        scan->title = node;
      else if (scan->h1 == NULL && g_ascii_strcasecmp (name, "h1") == 0)
        scan->h1 = node;
      else if (scan->time == NULL && g_ascii_strcasecmp (name, "time") == 0 &&
               xmlHasProp (node, (const xmlChar *) "datetime"))
        scan->time = node;
      else if (g_ascii_strcasecmp (name, "article") == 0)
        {
          if (scan->n_articles++ == 0)
            scan->article = node;
        }
      else if (g_ascii_strcasecmp (name, "main") == 0)
        {
          if (scan->n_mains++ == 0)
            scan->main = node;
        }
      else if (scan->body == NULL && g_ascii_strcasecmp (name, "body") == 0)
        scan->body = node;
      else if (g_ascii_strcasecmp (name, "script") == 0)
        {
          g_autofree char *type = (char *) xmlGetProp (node, (const xmlChar *) "type");

          /* schema.org metadata most news sites publish. */
          if (type != NULL && g_ascii_strcasecmp (type, "application/ld+json") == 0)
            {
              g_autofree char *json = xml_text (node);

              scan_json_ld (json, scan);
            }
          continue;
        }
      if (g_ascii_strcasecmp (name, "style") != 0)
        html_scan (node->children, scan);
    }
}

static void
parse_html (ParseContext  *ctx,
            const char    *text,
            GError       **error)
{
  g_autoptr(CitedArticle) article = NULL;
  HtmlScan scan = { 0 };
  xmlNode *root;
  htmlDocPtr doc;

  doc = htmlReadMemory (text, (int) strlen (text), ctx->name, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET | HTML_PARSE_COMPACT);
  if (doc == NULL)
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_PARSE,
                           _("The HTML could not be read"));
      return;
    }

  html_scan (doc->children, &scan);
  if (scan.n_articles == 1)
    root = scan.article;
  else if (scan.n_mains == 1)
    root = scan.main;
  else
    root = scan.body ? scan.body : xmlDocGetRootElement (doc);

  article = cited_article_new ();
  if (scan.og_title != NULL)
    article->title = g_steal_pointer (&scan.og_title);
  else if (scan.ld_headline != NULL)
    article->title = g_steal_pointer (&scan.ld_headline);
  else if (scan.title != NULL)
    article->title = node_text (scan.title);
  if (scan.h1 != NULL)
    {
      g_autofree char *h1 = node_text (scan.h1);

      /* "Headline | Site" in <title> and "Headline" in <h1>: the headline. */
      if (article->title == NULL || *article->title == '\0' ||
          (*h1 != '\0' && scan.og_title == NULL && g_str_has_prefix (article->title, h1) &&
           strlen (article->title) > strlen (h1)))
        {
          g_free (article->title);
          article->title = g_steal_pointer (&h1);
        }
    }
  article->source = scan.site_name ? g_steal_pointer (&scan.site_name)
                                    : g_steal_pointer (&scan.ld_publisher);
  article->published = scan.published ? g_steal_pointer (&scan.published)
                                      : normalize_date (scan.ld_published);
  if (article->published == NULL && scan.time != NULL)
    {
      g_autofree char *datetime = (char *) xmlGetProp (scan.time, (const xmlChar *) "datetime");

      article->published = normalize_date (datetime);
    }
  article->body = page_text (root);
  article->path = g_strdup (ctx->name);

  g_free (scan.og_title);
  g_free (scan.site_name);
  g_free (scan.published);
  g_free (scan.ld_headline);
  g_free (scan.ld_publisher);
  g_free (scan.ld_published);
  xmlFreeDoc (doc);

  if (finish_article (article) && !line_is_blank (article->body))
    g_ptr_array_add (ctx->articles, g_steal_pointer (&article));
  else
    g_set_error_literal (error, CITED_ERROR, CITED_ERROR_EMPTY,
                         _("The HTML page has no article text"));
}

/* ------------------------------------------------------------------------ */
/* Feeds: RSS 2.0, RSS 1.0 (RDF) and Atom                                    */
/* ------------------------------------------------------------------------ */

static gboolean
is_named (xmlNode    *node,
          const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->name != NULL &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static const char *
ns_prefix (xmlNode *node)
{
  return node->ns && node->ns->prefix ? (const char *) node->ns->prefix : "";
}

static xmlNode *
child_named (xmlNode    *parent,
             const char *name)
{
  for (xmlNode *c = parent->children; c != NULL; c = c->next)
    if (is_named (c, name))
      return c;
  return NULL;
}

/* Atom <content>/<summary>/<title> by its type attribute. */
static char *
atom_text (xmlNode *node)
{
  g_autofree char *type = xml_prop (node, "type");

  if (type != NULL && g_ascii_strcasecmp (type, "xhtml") == 0)
    return node_text (node);
  if (type != NULL && (g_ascii_strcasecmp (type, "html") == 0 ||
                       g_ascii_strcasecmp (type, "text/html") == 0))
    {
      g_autofree char *html = xml_text (node);

      return html_fragment_to_text (html);
    }
  {
    g_autofree char *raw = xml_text (node);

    /* Plain text in theory; feeds put markup there anyway. */
    return html_fragment_to_text (raw);
  }
}

/* RSS fields hold escaped HTML (or CDATA) more often than not. */
static char *
html_from_node (xmlNode *node)
{
  g_autofree char *raw = xml_text (node);

  return html_fragment_to_text (raw);
}

static void
parse_feed_item (ParseContext *ctx,
                 xmlNode      *item,
                 gboolean      atom,
                 const char   *feed_title,
                 GHashTable   *seen,
                 guint         index)
{
  g_autoptr(CitedArticle) article = cited_article_new ();
  g_autofree char *guid = NULL;
  g_autofree char *link = NULL;
  g_autofree char *date = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *description = NULL;
  g_autofree char *content = NULL;
  g_autofree char *creator = NULL;
  g_autofree char *where = g_strdup_printf ("item %u", index);
  const char *key;
  gboolean summary_only;

  for (xmlNode *c = item->children; c != NULL; c = c->next)
    {
      const char *name;
      const char *prefix;

      if (c->type != XML_ELEMENT_NODE || c->name == NULL)
        continue;
      name = (const char *) c->name;
      prefix = ns_prefix (c);

      /* Elements of other vocabularies (media:title, itunes:summary, ...)
       * are not the item's own. */
      if (*prefix != '\0' && !g_str_equal (prefix, "atom") && !g_str_equal (prefix, "dc") &&
          !g_str_equal (prefix, "content"))
        continue;

      if (g_str_equal (name, "title") && *prefix == '\0' && article->title == NULL)
        article->title = atom ? atom_text (c) : html_from_node (c);
      else if (g_str_equal (name, "link") && link == NULL)
        {
          if (atom || g_str_equal (prefix, "atom"))
            {
              g_autofree char *rel = xml_prop (c, "rel");

              if (rel == NULL || g_str_equal (rel, "alternate"))
                link = xml_prop (c, "href");
            }
          else
            link = g_strstrip (xml_text (c));
        }
      else if (*prefix == '\0' && guid == NULL &&
               (g_str_equal (name, "guid") || (atom && g_str_equal (name, "id"))))
        guid = g_strstrip (xml_text (c));
      else if (*prefix == '\0' && date == NULL &&
               (g_str_equal (name, "pubDate") || g_str_equal (name, "published") ||
                g_str_equal (name, "issued")))
        {
          g_autofree char *raw = xml_text (c);

          date = normalize_date (raw);
        }
      else if (updated == NULL &&
               ((*prefix == '\0' && (g_str_equal (name, "updated") || g_str_equal (name, "modified"))) ||
                (g_str_equal (prefix, "dc") && g_str_equal (name, "date"))))
        {
          g_autofree char *raw = xml_text (c);

          updated = normalize_date (raw);
        }
      else if (*prefix == '\0' && description == NULL &&
               (g_str_equal (name, "description") || g_str_equal (name, "summary")))
        description = atom ? atom_text (c) : html_from_node (c);
      else if (content == NULL &&
               ((*prefix == '\0' && g_str_equal (name, "content")) ||
                (g_str_equal (prefix, "content") && g_str_equal (name, "encoded"))))
        content = atom ? atom_text (c) : html_from_node (c);
      else if (creator == NULL &&
               ((g_str_equal (prefix, "dc") && g_str_equal (name, "creator")) ||
                (*prefix == '\0' && g_str_equal (name, "author"))))
        {
          xmlNode *author_name = child_named (c, "name");

          creator = g_strstrip (xml_text (author_name ? author_name : c));
        }
    }

  summary_only = content == NULL;
  if (content != NULL && (description == NULL || strlen (content) >= strlen (description)))
    article->body = g_steal_pointer (&content);
  else
    article->body = g_steal_pointer (&description);

  key = guid && *guid ? guid : link && *link ? link : NULL;
  if (key != NULL)
    {
      if (g_hash_table_contains (seen, key))
        return;
      g_hash_table_add (seen, g_strdup (key));
    }

  article->published = date ? g_steal_pointer (&date) : g_steal_pointer (&updated);
  article->path = link && *link ? g_steal_pointer (&link) : g_strdup (ctx->name);
  article->source = g_strdup (feed_title && *feed_title ? feed_title : creator);

  if (finish_article (article))
    {
      if (ctx->feed != NULL && guid != NULL && *guid != '\0')
        g_hash_table_insert (ctx->feed->guids, article, g_steal_pointer (&guid));
      if (ctx->feed != NULL && summary_only && article->body != NULL)
        g_hash_table_add (ctx->feed->summary_only, article);
      g_ptr_array_add (ctx->articles, g_steal_pointer (&article));
    }
  else
    item_rejected (ctx, where, _("The feed item has no title and no text"));
}

static char *
first_line_of (const char *text)
{
  const char *eol = strchr (text, '\n');

  return g_strstrip (eol ? g_strndup (text, eol - text) : g_strdup (text));
}

/* Errors that cost a character at most, which the recovering parser
 * drops: HTML entities, a bare "&", a reference to a character XML does
 * not allow (&#x1b;) or such a character itself. */
static gboolean
is_entity_error (const xmlError *error)
{
  return error != NULL &&
         (error->code == XML_ERR_UNDECLARED_ENTITY || error->code == XML_WAR_UNDECLARED_ENTITY ||
          error->code == XML_ERR_ENTITYREF_SEMICOL_MISSING || error->code == XML_ERR_NAME_REQUIRED ||
          error->code == XML_ERR_INVALID_CHAR || error->code == XML_ERR_INVALID_CHARREF ||
          error->code == XML_ERR_INVALID_DEC_CHARREF || error->code == XML_ERR_INVALID_HEX_CHARREF);
}

/* libxml2 stops at elements nested deeper than 256 levels. */
static gboolean
is_depth_error (const xmlError *error)
{
  return error != NULL && error->code == XML_ERR_INTERNAL_ERROR && error->message != NULL &&
         strstr (error->message, "depth") != NULL;
}

/* The first error of a parse that is not an entity error. */
typedef struct {
  int       line;
  char     *message;
  gboolean  too_deep;
} XmlFirstError;

static void
xml_first_error_clear (XmlFirstError *first)
{
  g_clear_pointer (&first->message, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (XmlFirstError, xml_first_error_clear)

static void
xml_first_error_cb (void        *data,
                    xmlErrorPtr  error)
{
  xmlParserCtxtPtr parser = data;
  XmlFirstError *first = parser->_private;

  if (first->message != NULL || is_entity_error (error))
    return;
  first->too_deep = is_depth_error (error);
  first->line = error->line;
  first->message = error->message != NULL ? first_line_of (error->message) : g_strdup ("?");
}

/* Whether an error on @error_line is where @text ends, as when the file
 * was cut off: no more than blank space follows that line. */
static gboolean
error_at_end (int         error_line,
              const char *text)
{
  int line = 1;
  const char *p;

  if (error_line <= 0)
    return FALSE;
  for (p = text; *p && line < error_line; p++)
    if (*p == '\n')
      line++;
  if (line < error_line)
    return TRUE;
  /* The rest of the error's line and any lines after it hold nothing. */
  p = strchr (p, '\n');
  if (p == NULL)
    return TRUE;
  for (; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* How many times </NAME> (or </prefix:NAME>) closes an element in @text. */
static guint
count_end_tags (const char *text,
                const char *name)
{
  gsize name_len = strlen (name);
  guint n = 0;

  for (const char *p = strstr (text, "</"); p != NULL; p = strstr (p, "</"))
    {
      const char *q = p + 2;
      const char *colon;

      p += 2;
      /* Skip a namespace prefix. */
      for (colon = q; g_ascii_isalnum (*colon) || *colon == '_' || *colon == '-'; colon++)
        ;
      if (*colon == ':')
        q = colon + 1;
      if (strncmp (q, name, name_len) != 0)
        continue;
      q += name_len;
      while (g_ascii_isspace (*q))
        q++;
      if (*q == '>')
        n++;
    }
  return n;
}

static void
parse_xml_feed (ParseContext  *ctx,
                const char    *text,
                GError       **error)
{
  xmlParserCtxtPtr parser = xmlNewParserCtxt ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *feed_title = NULL;
  xmlDocPtr doc;
  xmlNode *root;
  xmlNode *container = NULL;
  const char *item_name = "item";
  gboolean atom = FALSE;
  gboolean truncated = FALSE;
  g_auto(XmlFirstError) first = { 0, NULL, FALSE };
  EntityBudget budget = { 0, FALSE };
  guint n_complete = 0;
  guint index = 0;
  guint n_before = ctx->articles->len;

  /* Blank lines (or junk like "<?phpxml ...?>") before the declaration are
   * common in real feeds; the declaration only matters for its encoding,
   * which the text no longer has. */
  while (*text && g_ascii_isspace (*text))
    text++;
  if (g_str_has_prefix (text, "<?") && (g_ascii_strncasecmp (text, "<?xml ", 6) == 0 ||
                                        g_ascii_strncasecmp (text, "<?phpxml ", 9) == 0))
    {
      const char *end = strstr (text, "?>");

      if (end != NULL)
        text = end + 2;
    }

  /* The first error says what is wrong; later ones follow from it. */
  parser->_private = &first;
  parser->sax->serror = xml_first_error_cb;
  doc = xmlCtxtReadMemory (parser, text, (int) strlen (text), ctx->name, "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC);
  xmlFreeParserCtxt (parser);
  if (doc == NULL && first.too_deep)
    {
      /* Not a cut-off file, though the parser stops where it was. */
      g_set_error (error, CITED_ERROR, CITED_ERROR_PARSE,
                   _("Elements nested deeper than %d levels"), 256);
      return;
    }
  if (doc == NULL && first.message != NULL && error_at_end (first.line, text))
    truncated = TRUE;
  if (doc == NULL && (first.message == NULL || truncated))
    {
      /* HTML entities (&nbsp;) or a bare "&" in a feed lose a character at
       * most. A feed cut off in the middle (a download that stopped) still
       * holds its complete items; the partial last one is dropped below.
       * Any other damage is refused. */
      parser = xmlNewParserCtxt ();
      doc = xmlCtxtReadMemory (parser, text, (int) strlen (text), ctx->name, "UTF-8",
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                               XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC | XML_PARSE_RECOVER);
      xmlFreeParserCtxt (parser);
    }
  if (doc == NULL)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_PARSE,
                   _("Not well-formed XML (line %d: %s); the file may be truncated"),
                   first.line, first.message != NULL ? first.message : "?");
      return;
    }

  doc->_private = &budget;
  root = xmlDocGetRootElement (doc);
  if (root != NULL && is_named (root, "rss"))
    {
      container = child_named (root, "channel");
      if (container != NULL)
        {
          xmlNode *title = child_named (container, "title");

          if (title != NULL)
            feed_title = html_from_node (title);
        }
    }
  else if (root != NULL && is_named (root, "RDF"))
    {
      xmlNode *channel = child_named (root, "channel");

      container = root;
      if (channel != NULL && child_named (channel, "title") != NULL)
        feed_title = html_from_node (child_named (channel, "title"));
    }
  else if (root != NULL && is_named (root, "feed"))
    {
      container = root;
      item_name = "entry";
      atom = TRUE;
      if (child_named (root, "title") != NULL)
        feed_title = atom_text (child_named (root, "title"));
    }
  else if (root != NULL && is_named (root, "opml"))
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_UNSUPPORTED,
                           _("The file is an OPML subscription list, not articles"));
      xmlFreeDoc (doc);
      return;
    }
  else
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_UNSUPPORTED,
                   _("An XML file with a <%s> root is not a feed Cited reads"),
                   root && root->name ? (const char *) root->name : "?");
      xmlFreeDoc (doc);
      return;
    }

  if (truncated)
    {
      guint n_items = 0;

      /* The recovering parser closes the elements still open at the cut,
       * so the tree cannot tell a complete item from the partial last one;
       * the text can: only complete items have their end tag. */
      for (xmlNode *c = container != NULL ? container->children : NULL; c != NULL; c = c->next)
        if (is_named (c, item_name))
          n_items++;
      n_complete = MIN (n_items, count_end_tags (text, item_name));
    }

  if (container != NULL)
    for (xmlNode *c = container->children; c != NULL; c = c->next)
      if (is_named (c, item_name))
        {
          if (truncated && index >= n_complete)
            break;
          if (budget.exceeded)
            break;
          parse_feed_item (ctx, c, atom, feed_title, seen, ++index);
        }

  xmlFreeDoc (doc);

  if (budget.exceeded)
    {
      /* Whatever was read is incomplete: the whole file is refused. */
      g_ptr_array_set_size (ctx->articles, n_before);
      g_set_error (error, CITED_ERROR, CITED_ERROR_TOO_LARGE,
                   _("Entities declared in the file expand to more than %u MB of text"),
                   MAX_ENTITY_TEXT / (1024 * 1024));
      return;
    }

  if (truncated && n_complete == 0)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_PARSE,
                   _("Not well-formed XML (line %d: %s); the file may be truncated"),
                   first.line, first.message);
      return;
    }
  if (truncated)
    {
      g_autofree char *reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "Truncated: kept %u complete item",
                                                              "Truncated: kept %u complete items",
                                                              n_complete),
                                                 n_complete);

      /* Told as a rejection of the file, so that the user knows the rest
       * of the feed is missing. */
      item_rejected (ctx, NULL, reason);
    }

  if (index == 0 && ctx->articles->len == n_before)
    g_set_error_literal (error, CITED_ERROR, CITED_ERROR_EMPTY,
                         _("The feed has no items"));
}

/* ------------------------------------------------------------------------ */
/* JSON Lines and JSON Feed                                                  */
/* ------------------------------------------------------------------------ */

/* json-glib's parser recurses once per level of nesting, so a file of a
 * hundred thousand "[" overflows the stack. JSON that is read is first
 * scanned for its depth: brackets outside strings, as jq counts them. */
#define MAX_JSON_DEPTH 512

static gboolean
json_too_deep (const char *text,
               gsize       length)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length && text[i] != '\0'; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\' && i + 1 < length)
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return TRUE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return FALSE;
}

static void
set_json_depth_error (GError **error)
{
  g_set_error (error, CITED_ERROR, CITED_ERROR_PARSE,
               _("JSON nested deeper than %u levels"), MAX_JSON_DEPTH);
}

/* json-glib prefixes its messages with "<data>:" when parsing memory. */
static const char *
json_message (const GError *error)
{
  if (g_str_has_prefix (error->message, "<data>:"))
    return error->message + strlen ("<data>:");
  return error->message;
}

static const char *
json_string (JsonObject         *object,
             const char * const *names)
{
  for (guint i = 0; names[i]; i++)
    {
      JsonNode *node = json_object_get_member (object, names[i]);

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (node);

          if (s != NULL && *s != '\0')
            return s;
        }
    }
  return NULL;
}

static const char *
json_author (JsonObject *object)
{
  static const char * const name_keys[] = { "name", NULL };
  JsonNode *node;

  node = json_object_get_member (object, "author");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_string (json_node_get_object (node), name_keys);
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  node = json_object_get_member (object, "authors");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) &&
      json_array_get_length (json_node_get_array (node)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (node), 0);

      if (JSON_NODE_HOLDS_OBJECT (first))
        return json_string (json_node_get_object (first), name_keys);
    }
  return NULL;
}

static void
scan_json_ld_node (JsonNode *node,
                   HtmlScan *scan,
                   guint     depth)
{
  static const char * const headline_keys[] = { "headline", NULL };
  static const char * const date_keys[] = { "datePublished", "dateCreated", NULL };
  static const char * const name_keys[] = { "name", NULL };

  if (node == NULL || depth > 4)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        scan_json_ld_node (json_array_get_element (array, i), scan, depth + 1);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonNode *publisher = json_object_get_member (object, "publisher");

      if (scan->ld_headline == NULL && json_string (object, headline_keys) != NULL)
        scan->ld_headline = g_strdup (json_string (object, headline_keys));
      if (scan->ld_published == NULL && json_string (object, date_keys) != NULL)
        scan->ld_published = g_strdup (json_string (object, date_keys));
      if (scan->ld_publisher == NULL && publisher != NULL && JSON_NODE_HOLDS_OBJECT (publisher) &&
          json_string (json_node_get_object (publisher), name_keys) != NULL)
        scan->ld_publisher = g_strdup (json_string (json_node_get_object (publisher), name_keys));
      scan_json_ld_node (json_object_get_member (object, "@graph"), scan, depth + 1);
    }
}

static void
scan_json_ld (const char *json,
              HtmlScan   *scan)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  /* Metadata only: a block too deep to read is skipped, the page is not. */
  if (json != NULL && !json_too_deep (json, strlen (json)) &&
      json_parser_load_from_data (parser, json, -1, NULL))
    scan_json_ld_node (json_parser_get_root (parser), scan, 0);
}

/* One article from a JSON object: a JSON Lines record or a JSON Feed item. */
static CitedArticle *
article_from_json (ParseContext  *ctx,
                   JsonObject    *object,
                   const char    *feed_title,
                   const char   **reason)
{
  static const char * const title_keys[] = { "title", "headline", NULL };
  static const char * const text_keys[] = { "text", "body", "content", "content_text", "article", NULL };
  static const char * const html_keys[] = { "content_html", "html", NULL };
  static const char * const summary_keys[] = { "summary", "description", NULL };
  static const char * const date_keys[] = { "date", "published", "date_published", "published_at",
                                            "pubDate", "datePublished", "date_modified", "updated", NULL };
  static const char * const url_keys[] = { "url", "link", "external_url", "path", NULL };
  static const char * const source_keys[] = { "source", "site", "publisher", NULL };
  g_autoptr(CitedArticle) article = cited_article_new ();
  const char *text = json_string (object, text_keys);
  const char *source = json_string (object, source_keys);

  if (text != NULL)
    article->body = g_strdup (text);
  else if (json_string (object, html_keys) != NULL)
    article->body = html_fragment_to_text (json_string (object, html_keys));
  else if (json_string (object, summary_keys) != NULL)
    article->body = html_fragment_to_text (json_string (object, summary_keys));
  else
    {
      *reason = _("No text field (text, body or content)");
      return NULL;
    }

  if (json_string (object, title_keys) != NULL)
    article->title = html_fragment_to_text (json_string (object, title_keys));
  article->published = normalize_date (json_string (object, date_keys));
  article->path = g_strdup (json_string (object, url_keys) ? json_string (object, url_keys) : ctx->name);
  if (source == NULL)
    source = feed_title;
  if (source == NULL)
    source = json_author (object);
  article->source = g_strdup (source);

  if (!finish_article (article))
    {
      *reason = _("The text field is empty");
      return NULL;
    }
  return g_steal_pointer (&article);
}

static void
parse_json_lines (ParseContext *ctx,
                  const char   *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  const char *p = text;
  guint line_no = 0;

  while (*p)
    {
      const char *eol = strchr (p, '\n');
      gsize len = eol ? (gsize) (eol - p) : strlen (p);
      g_autofree char *line = g_strndup (p, len);
      g_autofree char *where = NULL;
      g_autoptr(GError) local_error = NULL;
      CitedArticle *article;
      const char *reason = NULL;

      line_no++;
      p = eol ? eol + 1 : p + len;
      g_strstrip (line);
      if (*line == '\0')
        continue;
      where = g_strdup_printf ("%u", line_no);
      if (json_too_deep (line, len))
        {
          set_json_depth_error (&local_error);
          item_rejected (ctx, where, local_error->message);
          continue;
        }
      if (!json_parser_load_from_data (parser, line, -1, &local_error))
        {
          g_autofree char *message = g_strdup_printf (_("Not valid JSON: %s"),
                                                      json_message (local_error));

          item_rejected (ctx, where, message);
          continue;
        }
      /* A line of nothing but a comment ("//") parses to no value at all. */
      if (json_parser_get_root (parser) == NULL ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          item_rejected (ctx, where, _("Not a JSON object"));
          continue;
        }
      article = article_from_json (ctx, json_node_get_object (json_parser_get_root (parser)),
                                   NULL, &reason);
      if (article != NULL)
        g_ptr_array_add (ctx->articles, article);
      else
        item_rejected (ctx, where, reason);
    }
}

static gboolean
parse_json_document (ParseContext  *ctx,
                     const char    *text,
                     GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonNode *root;
  JsonArray *items = NULL;
  const char *feed_title = NULL;

  if (json_too_deep (text, strlen (text)))
    {
      set_json_depth_error (error);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, text, -1, error))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      static const char * const feed_title_keys[] = { "title", NULL };
      JsonObject *object = json_node_get_object (root);
      JsonNode *items_node = json_object_get_member (object, "items");
      JsonNode *rss = json_object_get_member (object, "rss");

      /* RSS in JSON (Scripting News): {"rss": {"channel": {"item": [...]}}} */
      if (items_node == NULL && rss != NULL && JSON_NODE_HOLDS_OBJECT (rss))
        {
          JsonNode *channel = json_object_get_member (json_node_get_object (rss), "channel");

          if (channel != NULL && JSON_NODE_HOLDS_OBJECT (channel))
            {
              object = json_node_get_object (channel);
              items_node = json_object_get_member (object, "item");
            }
        }

      if (items_node != NULL && JSON_NODE_HOLDS_ARRAY (items_node))
        {
          items = json_node_get_array (items_node);
          feed_title = json_string (object, feed_title_keys);
        }
      else
        {
          const char *reason = NULL;
          CitedArticle *article = article_from_json (ctx, object, NULL, &reason);

          if (article == NULL)
            {
              g_set_error (error, CITED_ERROR, CITED_ERROR_UNSUPPORTED,
                           _("JSON that is neither a JSON Feed nor an article: %s"), reason);
              return FALSE;
            }
          g_ptr_array_add (ctx->articles, article);
          return TRUE;
        }
    }
  else if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    items = json_node_get_array (root);

  if (items == NULL)
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_UNSUPPORTED,
                           _("JSON that is neither a JSON Feed nor a list of articles"));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      static const char * const id_keys[] = { "id", "guid", "url", "link", NULL };
      JsonNode *node = json_array_get_element (items, i);
      g_autofree char *where = g_strdup_printf ("item %u", i + 1);
      const char *reason = NULL;
      const char *id;
      CitedArticle *article;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          item_rejected (ctx, where, _("Not a JSON object"));
          continue;
        }
      id = json_string (json_node_get_object (node), id_keys);
      if (id != NULL)
        {
          if (g_hash_table_contains (seen, id))
            continue;
          g_hash_table_add (seen, g_strdup (id));
        }
      article = article_from_json (ctx, json_node_get_object (node), feed_title, &reason);
      if (article != NULL)
        g_ptr_array_add (ctx->articles, article);
      else
        item_rejected (ctx, where, reason);
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Sogou: <doc><url/><docno/><contenttitle/><content/></doc>, no root        */
/* ------------------------------------------------------------------------ */

static char *
unescape_entities (const char *text,
                   gsize       length)
{
  static const struct { const char *entity; const char *text; } entities[] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
    { "&apos;", "'" }, { "&nbsp;", " " },
  };
  GString *out = g_string_sized_new (length);
  const char *end = text + length;

  for (const char *p = text; p < end;)
    {
      gboolean replaced = FALSE;

      if (*p == '&')
        for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
          {
            gsize elen = strlen (entities[i].entity);

            if ((gsize) (end - p) >= elen && strncmp (p, entities[i].entity, elen) == 0)
              {
                g_string_append (out, entities[i].text);
                p += elen;
                replaced = TRUE;
                break;
              }
          }
      if (!replaced)
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

static char *
sogou_field (const char *doc,
             const char *doc_end,
             const char *tag)
{
  g_autofree char *open = g_strdup_printf ("<%s>", tag);
  g_autofree char *close = g_strdup_printf ("</%s>", tag);
  const char *start = g_strstr_len (doc, doc_end - doc, open);
  const char *stop;

  if (start == NULL)
    return NULL;
  start += strlen (open);
  stop = g_strstr_len (start, doc_end - start, close);
  if (stop == NULL)
    stop = doc_end;
  return unescape_entities (start, stop - start);
}

/* Sohu URLs carry the date: http://gongyi.sohu.com/20120706/n347457739.shtml */
static char *
date_from_url (const char *url)
{
  if (url == NULL)
    return NULL;
  for (const char *p = strchr (url, '/'); p != NULL; p = strchr (p + 1, '/'))
    {
      int i;

      for (i = 1; i <= 8 && g_ascii_isdigit (p[i]); i++)
        ;
      if (i == 9 && p[9] == '/')
        {
          char digits[9];

          memcpy (digits, p + 1, 8);
          digits[8] = '\0';
          return normalize_date (digits);
        }
    }
  return NULL;
}

static void
parse_sogou (ParseContext *ctx,
             const char   *text)
{
  const char *p = text;
  guint index = 0;

  while ((p = strstr (p, "<doc>")) != NULL)
    {
      const char *end = strstr (p + 5, "</doc>");
      const char *next = strstr (p + 5, "<doc>");
      g_autoptr(CitedArticle) article = cited_article_new ();
      g_autofree char *where = g_strdup_printf ("doc %u", ++index);
      g_autofree char *content = NULL;

      if (end == NULL || (next != NULL && next < end))
        end = next ? next : p + strlen (p);

      article->title = sogou_field (p, end, "contenttitle");
      content = sogou_field (p, end, "content");
      article->path = sogou_field (p, end, "url");
      article->published = date_from_url (article->path);
      if (article->path == NULL || *article->path == '\0')
        {
          g_free (article->path);
          article->path = g_strdup (ctx->name);
        }
      p = end;

      if (content == NULL || line_is_blank (content))
        {
          item_rejected (ctx, where, _("The item has no content"));
          continue;
        }
      article->body = g_steal_pointer (&content);
      if (finish_article (article))
        g_ptr_array_add (ctx->articles, g_steal_pointer (&article));
    }
}

/* ------------------------------------------------------------------------ */
/* Sniffing                                                                  */
/* ------------------------------------------------------------------------ */

/* The encoding an XML declaration or an HTML <meta> names, from the first
 * kilobyte of raw bytes. */
static char *
declared_charset (const char *data,
                  gsize       length)
{
  g_autofree char *head = g_ascii_strdown (data, MIN (length, 1024));
  const char *p = NULL;
  const char *markers[] = { "encoding=", "charset=", NULL };

  /* The head may contain NULs (UTF-16) or stop early; that is fine. */
  for (guint i = 0; markers[i] && p == NULL; i++)
    {
      p = strstr (head, markers[i]);
      if (p != NULL)
        p += strlen (markers[i]);
    }
  if (p == NULL)
    return NULL;
  while (*p == '"' || *p == '\'' || *p == ' ')
    p++;
  {
    const char *start = p;

    while (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' || *p == ':')
      p++;
    return p > start ? g_strndup (start, p - start) : NULL;
  }
}

static const char *
extension_of (const char *name)
{
  const char *base = strrchr (name, '/');
  const char *dot = strrchr (base ? base : name, '.');

  return dot ? dot + 1 : "";
}

typedef enum {
  FORMAT_PLAIN,
  FORMAT_MARKDOWN,
  FORMAT_HTML,
  FORMAT_XML,
  FORMAT_JSON,
  FORMAT_SOGOU,
  FORMAT_THUCNEWS,
} Format;

static Format
sniff_format (const char *name,
              const char *text)
{
  const char *ext = extension_of (name);
  const char *s = text;
  g_autofree char *head = NULL;

  while (*s && g_ascii_isspace (*s))
    s++;
  head = g_ascii_strdown (s, MIN (strlen (s), 1024));

  if (g_str_has_prefix (head, "<doc>"))
    return FORMAT_SOGOU;
  if (*s == '<')
    {
      if (g_str_has_prefix (head, "<!doctype html") || g_str_has_prefix (head, "<html"))
        return FORMAT_HTML;
      if (strstr (head, "<rss") || strstr (head, "<feed") || strstr (head, "<rdf:rdf") ||
          strstr (head, "<opml") || g_str_has_prefix (head, "<?xml"))
        return FORMAT_XML;
      return FORMAT_HTML;
    }
  if (*s == '{' || *s == '[')
    return FORMAT_JSON;
  if (g_ascii_strcasecmp (ext, "html") == 0 || g_ascii_strcasecmp (ext, "htm") == 0 ||
      g_ascii_strcasecmp (ext, "xhtml") == 0)
    return FORMAT_HTML;
  if (looks_like_thucnews (s))
    return FORMAT_THUCNEWS;
  if (g_ascii_strcasecmp (ext, "md") == 0 || g_ascii_strcasecmp (ext, "markdown") == 0 ||
      g_str_has_prefix (s, "# "))
    return FORMAT_MARKDOWN;
  return FORMAT_PLAIN;
}

/* libxml2 wants its globals set up once before threads use it. */
static void
ensure_xml_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

/* Items of one file refused for the same reason many times over (a corpus
 * where a fifth of the items are empty) make one line, not hundreds. */
#define MAX_ITEMS_PER_REASON 5

static void
move_item_rejections (const char *name,
                      GPtrArray  *items,
                      GPtrArray  *rejected)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) summarized = g_hash_table_new (g_str_hash, g_str_equal);
  gsize name_len = strlen (name);

  for (guint i = 0; i < items->len; i++)
    {
      CitedRejection *item = g_ptr_array_index (items, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, item->reason));

      g_hash_table_insert (counts, item->reason, GUINT_TO_POINTER (n + 1));
    }

  for (guint i = 0; i < items->len; i++)
    {
      CitedRejection *item = g_ptr_array_index (items, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, item->reason));
      g_autoptr(GString) where = NULL;
      g_autofree char *reason = NULL;
      guint listed = 0;

      if (n <= MAX_ITEMS_PER_REASON)
        {
          g_ptr_array_add (rejected, g_steal_pointer (&items->pdata[i]));
          continue;
        }
      if (g_hash_table_contains (summarized, item->reason))
        continue;
      g_hash_table_add (summarized, item->reason);

      where = g_string_new (NULL);
      for (guint j = i; j < items->len && listed < 3; j++)
        {
          CitedRejection *other = g_ptr_array_index (items, j);

          if (other == NULL || g_strcmp0 (other->reason, item->reason) != 0)
            continue;
          if (where->len > 0)
            g_string_append (where, ", ");
          g_string_append (where, other->path + MIN (name_len + 1, strlen (other->path)));
          listed++;
        }
      g_string_append (where, ", …");
      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item: %s (%s)",
                                             "%u items: %s (%s)", n),
                                n, item->reason, where->str);
      add_rejection (rejected, name, reason);
    }

  g_ptr_array_set_size (items, 0);
}

static GPtrArray *
parse_data_full (const char  *name,
                 const char  *data,
                 gsize        length,
                 GPtrArray   *rejected,
                 CitedFeedItemInfo *feed,
                 GError     **error)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  g_autoptr(GPtrArray) local_rejected = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_rejection_free);
  g_autofree char *charset = NULL;
  g_autofree char *text = NULL;
  GError *local_error = NULL;
  ParseContext ctx = { name, articles, local_rejected, feed };
  const char *ext = extension_of (name);
  Format format;

  if (!check_size (length, error))
    return NULL;

  ensure_xml_init ();
  charset = declared_charset (data, length);
  text = decode_with_charset (data, length, charset, error);
  if (text == NULL)
    return NULL;

  format = sniff_format (name, text);
  if (feed != NULL && format != FORMAT_XML)
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_PARSE,
                           _("This is not an RSS or Atom feed"));
      return NULL;
    }
  switch (format)
    {
    case FORMAT_SOGOU:
      parse_sogou (&ctx, text);
      break;
    case FORMAT_HTML:
      parse_html (&ctx, text, &local_error);
      break;
    case FORMAT_XML:
      parse_xml_feed (&ctx, text, &local_error);
      break;
    case FORMAT_JSON:
      {
        gboolean lines = g_ascii_strcasecmp (ext, "jsonl") == 0 ||
                         g_ascii_strcasecmp (ext, "ndjson") == 0;

        if (!lines)
          {
            if (!parse_json_document (&ctx, text, &local_error))
              {
                const char *eol = strchr (text, '\n');
                /* Not JSON as a whole, or too deep to read as a whole. */
                gboolean syntax = local_error->domain == JSON_PARSER_ERROR ||
                                  g_error_matches (local_error, CITED_ERROR, CITED_ERROR_PARSE);

                /* Several lines that each start an object: JSON Lines. */
                if (syntax && eol != NULL && strstr (eol, "\n{") != NULL)
                  {
                    g_clear_error (&local_error);
                    lines = TRUE;
                  }
                /* A text file that happens to start with a brace. */
                else if (syntax &&
                         (g_ascii_strcasecmp (ext, "txt") == 0 ||
                          g_ascii_strcasecmp (ext, "text") == 0 ||
                          g_ascii_strcasecmp (ext, "md") == 0))
                  {
                    g_clear_error (&local_error);
                    parse_plain (&ctx, text, g_ascii_strcasecmp (ext, "md") == 0);
                  }
                else if (local_error->domain != CITED_ERROR)
                  {
                    GError *wrapped = g_error_new (CITED_ERROR, CITED_ERROR_PARSE,
                                                   _("Not valid JSON: %s"),
                                                   json_message (local_error));

                    g_clear_error (&local_error);
                    local_error = wrapped;
                  }
              }
          }
        if (lines)
          parse_json_lines (&ctx, text);
      }
      break;
    case FORMAT_THUCNEWS:
      parse_thucnews (&ctx, text);
      break;
    case FORMAT_MARKDOWN:
      parse_plain (&ctx, text, TRUE);
      break;
    case FORMAT_PLAIN:
    default:
      parse_plain (&ctx, text, FALSE);
      break;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  if (articles->len == 0)
    {
      if (local_rejected->len > 0 && rejected != NULL)
        {
          guint n = local_rejected->len;

          /* Every line or item is named with its own reason; the file's
           * own rejection only says that nothing was left. */
          move_item_rejections (name, local_rejected, rejected);
          g_set_error (error, CITED_ERROR, CITED_ERROR_PARSE,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "No article could be read (%u item refused)",
                                    "No article could be read (%u items refused)", n),
                       n);
        }
      else if (local_rejected->len > 0)
        {
          g_autoptr(GString) list = g_string_new (NULL);
          guint shown = MIN (local_rejected->len, MAX_ITEMS_PER_REASON);

          for (guint i = 0; i < shown; i++)
            {
              CitedRejection *item = g_ptr_array_index (local_rejected, i);

              if (i > 0)
                g_string_append (list, "; ");
              g_string_append_printf (list, "%s: %s", item->path, item->reason);
            }
          if (local_rejected->len > shown)
            g_string_append (list, "; …");
          g_set_error (error, CITED_ERROR, CITED_ERROR_PARSE,
                       _("No article could be read (%s)"), list->str);
        }
      else
        g_set_error_literal (error, CITED_ERROR, CITED_ERROR_EMPTY,
                             _("The file has no article text"));
      return NULL;
    }

  if (rejected != NULL)
    move_item_rejections (name, local_rejected, rejected);

  return g_steal_pointer (&articles);
}

/**
 * cited_parse_data:
 * @name: the file name or URL, used as the articles' path and to help sniffing
 * @data: the file's bytes
 * @length: their length
 * @error: return location for a #GError
 *
 * Parses one file's bytes into articles. Items of a feed or lines of a JSON
 * Lines file that cannot be read are skipped when others can.
 *
 * Returns: (transfer container) (element-type CitedArticle): the articles, or %NULL
 */
GPtrArray *
cited_parse_data (const char  *name,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  return parse_data_full (name, data, length, NULL, NULL, error);
}

static void
set_error_from_errno (GError     **error,
                      int          saved_errno)
{
  g_set_error_literal (error, CITED_ERROR,
                       saved_errno == ENOENT || saved_errno == ENOTDIR ? CITED_ERROR_NOT_FOUND
                                                                      : CITED_ERROR_FAILED,
                       g_strerror (saved_errno));
}

/* Reads a regular file of at most the import limit; the reasons it gives
 * are the operating system's ("Permission denied"). */
static char *
read_file (const char  *path,
           gsize       *length,
           GError     **error)
{
  g_autofree char *contents = NULL;
  GStatBuf st;
  gsize done = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      set_error_from_errno (error, errno);
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      set_error_from_errno (error, errno);
      g_close (fd, NULL);
      return NULL;
    }
  if (S_ISDIR (st.st_mode) || !S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_UNSUPPORTED,
                           S_ISDIR (st.st_mode) ? _("It is a folder, not a file")
                                                : _("It is not a regular file"));
      g_close (fd, NULL);
      return NULL;
    }
  if (!check_size ((gsize) st.st_size, error))
    {
      g_close (fd, NULL);
      return NULL;
    }

  contents = g_malloc ((gsize) st.st_size + 1);
  while (done < (gsize) st.st_size)
    {
      gssize n = read (fd, contents + done, (gsize) st.st_size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_error_from_errno (error, errno);
          g_close (fd, NULL);
          return NULL;
        }
      if (n == 0)
        break;   /* the file shrank while we read it */
      done += n;
    }
  g_close (fd, NULL);
  contents[done] = '\0';
  *length = done;
  return g_steal_pointer (&contents);
}

static GPtrArray *
parse_file_full (const char  *path,
                 GPtrArray   *rejected,
                 GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  contents = read_file (path, &length, error);
  if (contents == NULL)
    return NULL;
  return parse_data_full (path, contents, length, rejected, NULL, error);
}

/**
 * cited_parse_file:
 * @path: a file
 * @error: return location for a #GError
 *
 * Reads and parses one file (see cited_parse_data()).
 *
 * Returns: (transfer container) (element-type CitedArticle): the articles, or %NULL
 */
GPtrArray *
cited_parse_file (const char  *path,
                  GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return parse_file_full (path, NULL, error);
}

/* ------------------------------------------------------------------------ */
/* Importing into the store                                                  */
/* ------------------------------------------------------------------------ */

static int
compare_names_cb (gconstpointer a,
                  gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

typedef struct {
  CitedImportProgress func;
  gpointer            data;
  guint               n_skipped;
} WalkProgress;

/* README, LICENSE and COPYING files (any case; no extension, .txt or .md)
 * describe a folder of articles; they are not articles themselves. */
static gboolean
is_folder_notice (const char *name)
{
  static const char * const stems[] = { "readme", "license", "licence", "copying" };
  g_autofree char *lower = g_ascii_strdown (name, -1);
  char *dot = strrchr (lower, '.');

  if (dot != NULL)
    {
      if (!g_str_equal (dot, ".txt") && !g_str_equal (dot, ".md"))
        return FALSE;
      *dot = '\0';
    }
  for (guint i = 0; i < G_N_ELEMENTS (stems); i++)
    if (g_str_equal (lower, stems[i]))
      return TRUE;
  return FALSE;
}

static void
collect_dir (const char   *dir_path,
             gboolean      recursive,
             GPtrArray    *files,
             GPtrArray    *rejected,
             GHashTable   *visited,
             WalkProgress *progress)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GStatBuf st;
  const char *name;

  /* Symbolic links may loop; each real folder is walked once. */
  if (g_stat (dir_path, &st) == 0)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                                              (guint64) st.st_dev, (guint64) st.st_ino);

      if (g_hash_table_contains (visited, key))
        return;
      g_hash_table_add (visited, g_steal_pointer (&key));
    }

  /* While the walk counts, the total is 0. */
  if (progress->func != NULL)
    progress->func (0, 0, dir_path, progress->data);

  dir = g_dir_open (dir_path, 0, &local_error);
  if (dir == NULL)
    {
      add_rejection (rejected, dir_path, local_error->message);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names_cb);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);

      if (g_stat (child, &st) != 0)
        {
          int saved_errno = errno;

          /* A dangling link or a file that vanished. */
          add_rejection (rejected, child, g_strerror (saved_errno));
          continue;
        }
      if (S_ISDIR (st.st_mode))
        {
          if (recursive)
            collect_dir (child, recursive, files, rejected, visited, progress);
        }
      else if (S_ISREG (st.st_mode))
        {
          /* Only in a folder walk: a notice named on its own is imported. */
          if (is_folder_notice (g_ptr_array_index (names, i)))
            progress->n_skipped++;
          else
            g_ptr_array_add (files, g_steal_pointer (&child));
        }
    }
}

static GPtrArray *
collect_files (const char * const *paths,
               gboolean            recursive,
               GPtrArray          *rejected,
               WalkProgress       *progress)
{
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autofree char *path = g_canonicalize_filename (paths[i], NULL);
      GStatBuf st;

      if (g_stat (path, &st) != 0)
        {
          int saved_errno = errno;

          add_rejection (rejected, paths[i], g_strerror (saved_errno));
          continue;
        }
      if (S_ISDIR (st.st_mode))
        collect_dir (path, recursive, files, rejected, visited, progress);
      else
        /* Files named explicitly are always tried, hidden or not. */
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
  return files;
}

/* Errors of the store that are one article's fault, not the database's. */
static gboolean
is_article_error (const GError *error)
{
  return g_error_matches (error, CITED_ERROR, CITED_ERROR_TOO_LARGE) ||
         g_error_matches (error, CITED_ERROR, CITED_ERROR_INVALID);
}

/* @batch_paths holds the file each article of @batch came from. */
static gboolean
flush_batch (CitedStore         *store,
             GPtrArray          *batch,
             GPtrArray          *batch_paths,
             CitedImportResult  *result,
             GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  guint n_added = 0;
  guint n_duplicates = 0;

  if (batch->len == 0)
    return TRUE;
  if (cited_scheduler_add_articles (cited_scheduler_get_default (), store, batch, &n_added, &n_duplicates, &local_error))
    {
      result->n_added += n_added;
      result->n_duplicates += n_duplicates;
    }
  else if (!is_article_error (local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  else
    {
      /* The store refused one article and so wrote nothing of the batch.
       * Each file's articles go in again by themselves: only the file that
       * holds the refused article is refused, with the store's reason. */
      for (guint i = 0; i < batch->len;)
        {
          const char *path = g_ptr_array_index (batch_paths, i);
          g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
          g_autoptr(GError) file_error = NULL;

          for (; i < batch->len && g_ptr_array_index (batch_paths, i) == path; i++)
            g_ptr_array_add (one, cited_article_ref (g_ptr_array_index (batch, i)));
          if (cited_scheduler_add_articles (cited_scheduler_get_default (), store, one, &n_added, &n_duplicates, &file_error))
            {
              result->n_added += n_added;
              result->n_duplicates += n_duplicates;
            }
          else if (is_article_error (file_error))
            add_rejection (result->rejected, path, file_error->message);
          else
            {
              g_propagate_error (error, g_steal_pointer (&file_error));
              return FALSE;
            }
        }
    }
  for (guint i = 0; i < batch->len; i++)
    {
      CitedArticle *article = g_ptr_array_index (batch, i);

      if (article->figures_capped)
        {
          /* TRANSLATORS: an imported file that cites an implausible number of figures */
          g_autofree char *reason = g_strdup_printf (_("Too many figures: kept the first %u"),
                                                     (guint) CITED_EXTRACT_MAX_FIGURES);

          add_rejection (result->rejected, article->path, reason);
        }
    }
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_set_size (batch_paths, 0);
  return TRUE;
}

/* The database failed part way (a full disk): the batches committed
 * before stay, and the message says how many articles they hold. */
static void
note_articles_kept (GError **error,
                    guint    n_added)
{
  char *message;

  if (error == NULL || *error == NULL)
    return;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s; the %u article imported before was kept",
                                          "%s; the %u articles imported before were kept",
                                          n_added),
                             (*error)->message, n_added);
  g_free ((*error)->message);
  (*error)->message = message;
}

/**
 * cited_import_paths:
 * @store: the store to add to
 * @paths: (array zero-terminated=1): files and folders
 * @recursive: whether to walk folders to any depth
 * @cancellable: (nullable): checked between files
 * @progress: (nullable) (scope call): called for each folder while the walk
 *   counts files (total 0), then after each file
 * @user_data: for @progress
 * @error: return location for a #GError
 *
 * Imports @paths into @store in batches of up to 10,000 articles, one
 * transaction each. Hidden files in folders are skipped. A file that cannot
 * be read or parsed is listed in the result's rejections and never writes
 * anything; the rest goes on. When the store fails, the error's message
 * ends with how many articles the batches committed before it hold. When @cancellable is cancelled, the articles
 * parsed so far are committed and the result says it was cancelled.
 *
 * Returns: (transfer full): the result, or %NULL when the store failed
 */
CitedImportResult *
cited_import_paths (CitedStore          *store,
                    const char * const  *paths,
                    gboolean             recursive,
                    GCancellable        *cancellable,
                    CitedImportProgress  progress,
                    gpointer             user_data,
                    GError             **error)
{
  g_autoptr(CitedImportResult) result = import_result_new ();
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  g_autoptr(GPtrArray) batch_paths = g_ptr_array_new ();   /* borrowed from files */
  WalkProgress walk = { progress, user_data, 0 };
  guint batch_size = get_batch_size ();
  gsize batch_bytes = 0;

  g_return_val_if_fail (CITED_IS_STORE (store), NULL);

  files = collect_files (paths, recursive, result->rejected, &walk);
  result->n_skipped = walk.n_skipped;
  if (progress != NULL)
    progress (0, files->len, NULL, user_data);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GPtrArray) articles = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        {
          result->cancelled = TRUE;
          break;
        }

      result->n_files++;
      articles = parse_file_full (path, result->rejected, &local_error);
      if (articles == NULL)
        add_rejection (result->rejected, path, local_error->message);
      else
        for (guint j = 0; j < articles->len; j++)
          {
            CitedArticle *article = g_ptr_array_index (articles, j);

            g_ptr_array_add (batch, cited_article_ref (article));
            g_ptr_array_add (batch_paths, (gpointer) path);
            batch_bytes += (article->title != NULL ? strlen (article->title) : 0) +
                           (article->body != NULL ? strlen (article->body) : 0);
          }

      if (batch->len >= batch_size || batch_bytes >= CITED_IMPORT_BATCH_BYTES)
        {
          if (!flush_batch (store, batch, batch_paths, result, error))
            {
              note_articles_kept (error, result->n_added);
              cited_store_checkpoint (store);
              return NULL;
            }
          batch_bytes = 0;
        }

      if (progress != NULL)
        progress (i + 1, files->len, path, user_data);
    }

  if (!flush_batch (store, batch, batch_paths, result, error))
    {
      note_articles_kept (error, result->n_added);
      cited_store_checkpoint (store);
      return NULL;
    }
  cited_store_checkpoint (store);

  return g_steal_pointer (&result);
}

/* ------------------------------------------------------------------------ */
/* Async                                                                     */
/* ------------------------------------------------------------------------ */

/* Progress from the worker, delivered on the caller's main context at most
 * about 30 times a second: the worker stores the latest values and keeps at
 * most one idle source in flight, which reads them when it runs. */
typedef struct {
  GMutex              mutex;
  GMainContext       *context;
  CitedImportProgress func;
  gpointer            data;
  GDestroyNotify      notify;
  guint               done;
  guint               total;
  char               *path;
  gboolean            scheduled;
  gboolean            dirty;
  gint64              last_sent;
} ProgressState;

static void
progress_state_clear (gpointer data)
{
  ProgressState *state = data;

  g_mutex_clear (&state->mutex);
  g_free (state->path);
  g_main_context_unref (state->context);
}

static void
progress_state_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, progress_state_clear);
}

static gboolean
progress_dispatch_cb (gpointer data)
{
  ProgressState *state = data;
  g_autofree char *path = NULL;
  guint done, total;

  g_mutex_lock (&state->mutex);
  done = state->done;
  total = state->total;
  path = g_strdup (state->path);
  state->scheduled = FALSE;
  state->dirty = FALSE;
  g_mutex_unlock (&state->mutex);

  if (state->func != NULL)
    state->func (done, total, path, state->data);
  return G_SOURCE_REMOVE;
}

/* Called with the mutex held. */
static void
progress_schedule_locked (ProgressState *state)
{
  GSource *source;

  if (state->scheduled)
    return;
  state->scheduled = TRUE;
  state->last_sent = g_get_monotonic_time ();
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_dispatch_cb,
                         g_atomic_rc_box_acquire (state),
                         progress_state_release);
  g_source_set_static_name (source, "[cited] import progress");
  g_source_attach (source, state->context);
  g_source_unref (source);
}

/* The CitedImportProgress of the worker thread. */
static void
progress_from_worker_cb (guint       done,
                         guint       total,
                         const char *current_path,
                         gpointer    user_data)
{
  ProgressState *state = user_data;

  g_mutex_lock (&state->mutex);
  state->done = done;
  state->total = total;
  if (g_strcmp0 (state->path, current_path) != 0)
    {
      g_free (state->path);
      state->path = g_strdup (current_path);
    }
  state->dirty = TRUE;
  if ((total > 0 && done == total) ||
      g_get_monotonic_time () - state->last_sent >= PROGRESS_INTERVAL_USEC)
    progress_schedule_locked (state);
  g_mutex_unlock (&state->mutex);
}

typedef struct {
  char          *db_path;
  GStrv          paths;
  gboolean       recursive;
  ProgressState *progress;
} ImportTaskData;

static gboolean
call_notify_cb (gpointer data)
{
  ProgressState *state = data;

  if (state->notify != NULL)
    state->notify (state->data);
  return G_SOURCE_REMOVE;
}

static void
import_task_data_free (gpointer data)
{
  ImportTaskData *task_data = data;

  if (task_data->progress != NULL)
    {
      /* The caller's destroy notify runs on the caller's context, like the
       * progress callback. */
      g_main_context_invoke_full (task_data->progress->context, G_PRIORITY_DEFAULT,
                                  call_notify_cb,
                                  g_atomic_rc_box_acquire (task_data->progress),
                                  progress_state_release);
      progress_state_release (task_data->progress);
    }
  g_free (task_data->db_path);
  g_strfreev (task_data->paths);
  g_free (task_data);
}

static void
import_thread_cb (GTask        *task,
                  gpointer      source_object,
                  gpointer      data,
                  GCancellable *cancellable)
{
  ImportTaskData *task_data = data;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CitedImportResult *result;

  /* One connection per thread: the worker opens the caller's database anew. */
  store = cited_store_open (task_data->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = cited_import_paths (store, (const char * const *) task_data->paths,
                               task_data->recursive, cancellable,
                               task_data->progress ? progress_from_worker_cb : NULL,
                               task_data->progress, &error);

  /* The last values go out before the result. */
  if (task_data->progress != NULL)
    {
      g_mutex_lock (&task_data->progress->mutex);
      if (task_data->progress->dirty)
        progress_schedule_locked (task_data->progress);
      g_mutex_unlock (&task_data->progress->mutex);
    }

  /* Closed before the result goes out: a caller that exits on it (the
   * CLI) must not leave this connection, and with it the WAL and shared
   * memory files, open behind it. */
  g_clear_object (&store);

  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) cited_import_result_free);
}

/**
 * cited_import_paths_async:
 * @store: the store to add to
 * @paths: (array zero-terminated=1): files and folders
 * @recursive: whether to walk folders to any depth
 * @cancellable: (nullable): checked between files
 * @progress: (nullable) (scope notified): progress callback
 * @progress_data: for @progress
 * @progress_notify: (nullable): frees @progress_data, on the caller's context
 * @callback: called when done
 * @user_data: for @callback
 *
 * Runs cited_import_paths() in a worker thread with its own connection to
 * the store's database. Progress, coalesced to about 30 updates a second,
 * and the result are delivered on the thread-default main context of the
 * caller. A cancelled import still returns a result, with cancelled set.
 */
void
cited_import_paths_async (CitedStore          *store,
                          const char * const  *paths,
                          gboolean             recursive,
                          GCancellable        *cancellable,
                          CitedImportProgress  progress,
                          gpointer             progress_data,
                          GDestroyNotify       progress_notify,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportTaskData *task_data;

  g_return_if_fail (CITED_IS_STORE (store));

  ensure_xml_init ();
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, cited_import_paths_async);
  g_task_set_check_cancellable (task, FALSE);

  task_data = g_new0 (ImportTaskData, 1);
  task_data->db_path = g_strdup (cited_store_get_path (store));
  task_data->paths = g_strdupv ((char **) paths);
  task_data->recursive = recursive;
  if (progress != NULL || progress_notify != NULL)
    {
      ProgressState *state = g_atomic_rc_box_new0 (ProgressState);

      g_mutex_init (&state->mutex);
      state->context = g_main_context_ref_thread_default ();
      state->func = progress;
      state->data = progress_data;
      state->notify = progress_notify;
      task_data->progress = state;
    }
  g_task_set_task_data (task, task_data, import_task_data_free);
  g_task_run_in_thread (task, import_thread_cb);
}

/**
 * cited_import_paths_finish:
 * @store: the store given to cited_import_paths_async()
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the result, or %NULL when the store failed
 */
CitedImportResult *
cited_import_paths_finish (CitedStore    *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (CITED_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cited_feed_item_info_clear (CitedFeedItemInfo *info)
{
  g_clear_pointer (&info->guids, g_hash_table_unref);
  g_clear_pointer (&info->summary_only, g_hash_table_unref);
}

/**
 * cited_parse_feed:
 * @url: the feed's address, the articles' path when an item has no link
 * @data: the document's bytes
 * @length: their length
 * @rejected: (nullable): items that could not be read go here
 * @info: (out caller-allocates): each article's guid or Atom id, when its
 *   item has one, and the articles whose items had only a summary; clear
 *   it with cited_feed_item_info_clear()
 * @error: return location for a #GError
 *
 * Parses a fetched RSS or Atom document the way an imported feed file is
 * parsed; anything else (a web page, JSON) fails with CITED_ERROR_PARSE.
 *
 * Returns: (transfer full) (element-type CitedArticle): the articles, or %NULL
 */
GPtrArray *
cited_parse_feed (const char         *url,
                  const char         *data,
                  gsize               length,
                  GPtrArray          *rejected,
                  CitedFeedItemInfo  *info,
                  GError            **error)
{
  g_return_val_if_fail (url != NULL && info != NULL, NULL);

  info->guids = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  info->summary_only = g_hash_table_new (g_direct_hash, g_direct_equal);
  return parse_data_full (url, data, length, rejected, info, error);
}
