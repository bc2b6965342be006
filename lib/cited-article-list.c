/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-article-list"

#include "config.h"

#include <string.h>

#include "cited-article-list.h"
#include "cited-article-list-private.h"
#include "cited-search.h"
#include "cited-store-private.h"

#define PAGE_SIZE 64
/* The ids read before a list without a search is shown: its first
 * pages. The rest follow in the background (see replace_ids()). */
#define HEAD_ROWS (4 * PAGE_SIZE)

/* CitedArticleItem */

struct _CitedArticleItem
{
  GObject       parent_instance;
  gint64        id;
  CitedArticle *article;
};

/**
 * CitedArticleItem:
 *
 * One row of a [class@Cited.ArticleList]: the article's id and, once its
 * page of rows was read, the article as listed.
 */
G_DEFINE_FINAL_TYPE (CitedArticleItem, cited_article_item, G_TYPE_OBJECT)

static void
cited_article_item_finalize (GObject *object)
{
  CitedArticleItem *self = CITED_ARTICLE_ITEM (object);

  g_clear_pointer (&self->article, cited_article_unref);

  G_OBJECT_CLASS (cited_article_item_parent_class)->finalize (object);
}

static void
cited_article_item_class_init (CitedArticleItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cited_article_item_finalize;
}

static void
cited_article_item_init (CitedArticleItem *self)
{
}

/**
 * cited_article_item_get_id:
 * @self: a row of a #CitedArticleList
 *
 * The article's id.
 *
 * Returns: the id
 */
gint64
cited_article_item_get_id (CitedArticleItem *self)
{
  g_return_val_if_fail (CITED_IS_ARTICLE_ITEM (self), 0);
  return self->id;
}

/**
 * cited_article_item_get_article:
 * @self: a row of a #CitedArticleList
 *
 * The article as listed (no body; a snippet when searching).
 *
 * Returns: (transfer none) (nullable): the article, or %NULL when it
 *   could not be read (removed meanwhile)
 */
CitedArticle *
cited_article_item_get_article (CitedArticleItem *self)
{
  g_return_val_if_fail (CITED_IS_ARTICLE_ITEM (self), NULL);
  return self->article;
}

/**
 * CitedArticleList:
 *
 * A #GListModel of [class@Cited.ArticleItem] over
 * [method@Cited.Store.list_article_ids]: the ids of every article a query
 * matches are read at once and the rows themselves in pages of 64, only
 * when asked for. Without a search,
 * [method@Cited.ArticleList.set_query_async] lists the rows from their
 * count and the ids of the first pages, and reads the other ids in the
 * background once the main loop is idle (at once if a row past those
 * pages is asked for first): at a million articles, reading every id
 * takes a tenth of a second and more. While searching, a
 * row's snippet shows the search's words between \x02 and \x03, as
 * [func@Cited.search_match_ranges] finds them.
 */
struct _CitedArticleList
{
  GObject     parent_instance;

  CitedStore *store;
  CitedQuery  query;         /* strings below are owned copies */
  char       *search;
  char       *brand;
  char       *source;
  char       *date_from;
  char       *date_to;

  /* The ids of every row, or of the first ones while partial: guint32,
   * 4 MB at a million articles, or gint64 when one does not fit (@wide). */
  GArray     *ids;
  gboolean    wide;
  guint       n_items;       /* the rows the query lists */
  gboolean    partial;       /* the ids of the other rows are being read */
  gboolean    rest_held;     /* … once cited_article_list_hold_rest() lets it */
  guint       rest_idle;     /* starts reading them */
  GCancellable *rest_cancellable;
  /* The rows read, a page of PAGE_SIZE at a time: one pointer per page
   * (NULL until read) rather than one per row, which at a million
   * articles would be 8 MB before any row is shown. */
  GPtrArray  *pages;         /* CitedArticleItem *[PAGE_SIZE] or NULL */
};

static void cited_article_list_model_init (GListModelInterface *iface);

/* Id @i of @ids: gint64 ids when @wide, else guint32. */
static inline gint64
ids_get (GArray   *ids,
         gboolean  wide,
         guint     i)
{
  return wide ? g_array_index (ids, gint64, i) : g_array_index (ids, guint32, i);
}

/* The id of row @i, which the list has. */
static inline gint64
id_at (CitedArticleList *self,
       guint             i)
{
  return ids_get (self->ids, self->wide, i);
}

/* Keeps @ids (taken; gint64 when @wide, else guint32) as the list's ids. */
static void
take_ids (CitedArticleList *self,
          GArray           *ids,
          gboolean          wide)
{
  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = ids;
  self->wide = wide;
}

/* The ids of the articles @query matches, as guint32 when they fit (then
 * *@wide is FALSE), else as gint64. */
static GArray *
list_ids (CitedStore        *store,
          const CitedQuery  *query,
          gboolean          *wide,
          GError           **error)
{
  g_autoptr(GArray) ids = NULL;
  gboolean fits;

  ids = cited_store_list_article_ids32 (store, query, &fits, error);
  *wide = ids != NULL && !fits;
  if (!*wide)
    return g_steal_pointer (&ids);
  return cited_store_list_article_ids (store, query, error);
}

/* Ids read in a worker: those a query's first frame needs, and how many
 * rows it lists, or every one of them. */
typedef struct {
  GArray    *ids;
  gboolean   wide;    /* gint64 ids, else guint32 */
  guint      total;
  GPtrArray *first;   /* the first page's articles (NULL where unread), or NULL */
} Head;

static void
head_free (gpointer data)
{
  Head *head = data;

  g_clear_pointer (&head->ids, g_array_unref);
  g_clear_pointer (&head->first, g_ptr_array_unref);
  g_free (head);
}

/* Every id of @query, over a reader (cited_store_read_async()). */
static gpointer
ids_read_cb (CitedStore    *reader,
             gpointer       query,
             GCancellable  *cancellable,
             GError       **error)
{
  Head *head = g_new0 (Head, 1);

  head->ids = list_ids (reader, query, &head->wide, error);
  if (head->ids == NULL)
    {
      head_free (head);
      return NULL;
    }
  head->total = head->ids->len;
  return head;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CitedArticleList, cited_article_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, cited_article_list_model_init))

static GType
cited_article_list_get_item_type (GListModel *model)
{
  return CITED_TYPE_ARTICLE_ITEM;
}

static guint
cited_article_list_get_n_items (GListModel *model)
{
  CitedArticleList *self = CITED_ARTICLE_LIST (model);

  return self->n_items;
}

static CitedArticleItem *
item_new (gint64        id,
          CitedArticle *article)
{
  CitedArticleItem *item = g_object_new (CITED_TYPE_ARTICLE_ITEM, NULL);

  item->id = id;
  item->article = article ? cited_article_ref (article) : NULL;
  return item;
}

/* Moves @p back to the start of the character it falls in. */
static const char *
char_start (const char *text,
            const char *p)
{
  while (p > text && ((guchar) *p & 0xC0) == 0x80)
    p--;
  return p;
}

#define SNIPPET_BEFORE 60
#define SNIPPET_LENGTH 220

/* A snippet of @body around the first match of @search, matches between
 * \x02 and \x03 as the store marks them, line breaks as spaces. */
static char *
make_snippet (const char *body,
              const char *search)
{
  g_autoptr(GArray) ranges = cited_search_match_ranges (body, search);
  gsize length = strlen (body);
  const char *start, *end, *p;
  GString *snippet;
  guint r = 0;

  if (ranges->len == 0)
    start = body;
  else
    {
      guint first = g_array_index (ranges, guint, 0);

      start = char_start (body, body + (first > SNIPPET_BEFORE ? first - SNIPPET_BEFORE : 0));
    }
  end = char_start (body, body + MIN (length, (gsize) (start - body) + SNIPPET_LENGTH));

  snippet = g_string_new (start > body ? "…" : NULL);
  for (p = start; p < end; p++)
    {
      guint offset = p - body;

      while (r + 1 < ranges->len && g_array_index (ranges, guint, r + 1) <= offset &&
             g_array_index (ranges, guint, r) < offset)
        r += 2;
      if (r + 1 < ranges->len && g_array_index (ranges, guint, r) == offset)
        g_string_append_c (snippet, '\x02');
      g_string_append_c (snippet, (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p);
      if (r + 1 < ranges->len && g_array_index (ranges, guint, r + 1) == offset + 1)
        {
          g_string_append_c (snippet, '\x03');
          r += 2;
        }
    }
  /* A match cut by the end of the snippet is closed too. */
  if (r + 1 < ranges->len && g_array_index (ranges, guint, r) < (guint) (end - body) &&
      g_array_index (ranges, guint, r + 1) > (guint) (end - body))
    g_string_append_c (snippet, '\x03');
  if (end < body + length)
    g_string_append (snippet, "…");

  return g_string_free (snippet, FALSE);
}

/* Row @id as a list shows it, with the snippet of @search (or NULL), or
 * NULL when it could not be read. */
static CitedArticle *
read_row (CitedStore *store,
          gint64      id,
          const char *search)
{
  g_autoptr(GError) error = NULL;
  CitedArticle *article;

  /* The body only for a search's snippet. */
  article = cited_store_get_listed_article (store, id, search != NULL, &error);
  if (article == NULL)
    {
      g_debug ("Could not load article %" G_GINT64_FORMAT ": %s", id, error->message);
      return NULL;
    }
  if (search != NULL && article->body != NULL)
    {
      g_free (article->snippet);
      article->snippet = make_snippet (article->body, search);
    }
  g_clear_pointer (&article->body, g_free);
  return article;
}

static void
article_free0 (gpointer article)
{
  if (article != NULL)
    cited_article_unref (article);
}

/* Loads the rows of the page holding @position by id: a cheap lookup per
 * row whatever the query, where repeating a search with an offset would
 * cost the whole search again. Bodies are dropped once the snippet is
 * made, so a scrolled list keeps only what rows show. */
static void
load_page (CitedArticleList *self,
           guint             position)
{
  guint start = position - position % PAGE_SIZE;
  guint end = MIN (start + PAGE_SIZE, self->n_items);
  CitedArticleItem **page = g_ptr_array_index (self->pages, position / PAGE_SIZE);

  if (page == NULL)
    page = g_ptr_array_index (self->pages, position / PAGE_SIZE) = g_new0 (CitedArticleItem *, PAGE_SIZE);

  for (guint i = start; i < end; i++)
    {
      gint64 id;
      g_autoptr(CitedArticle) article = NULL;

      if (page[i - start] != NULL)
        continue;
      /* Fewer ids than rows: the store changed since it was counted. */
      if (i >= self->ids->len)
        {
          page[i - start] = item_new (0, NULL);
          continue;
        }
      id = id_at (self, i);
      article = read_row (self->store, id, self->search);
      page[i - start] = item_new (id, article);
    }
}

/* @query's search, or NULL for none: an empty one is none, as the list
 * keeps it (store_query()). */
static const char *
query_search (const CitedQuery *query)
{
  return query->search != NULL && *query->search != '\0' ? query->search : NULL;
}

/* The articles of the first page's rows of @head, read in the worker
 * that read the ids as load_page() would read them: the frame showing
 * the first rows then reads nothing from the store on the main thread. */
static void
read_first_rows (CitedStore       *reader,
                 const CitedQuery *query,
                 Head             *head)
{
  guint n = MIN (PAGE_SIZE, head->ids->len);
  const char *search = query_search (query);

  head->first = g_ptr_array_new_full (n, article_free0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (head->first, read_row (reader, ids_get (head->ids, head->wide, i), search));
}

static CitedArticleItem *
loaded_item (CitedArticleList *self,
             guint             position)
{
  CitedArticleItem **page = g_ptr_array_index (self->pages, position / PAGE_SIZE);

  return page != NULL ? page[position % PAGE_SIZE] : NULL;
}

static void read_rest_now (CitedArticleList *self);

static gpointer
cited_article_list_get_item (GListModel *model,
                             guint       position)
{
  CitedArticleList *self = CITED_ARTICLE_LIST (model);

  if (position >= self->n_items)
    return NULL;
  /* A row past the first pages before the rest of the ids came. */
  if (position >= self->ids->len && self->partial)
    read_rest_now (self);

  if (loaded_item (self, position) == NULL)
    load_page (self, position);

  return g_object_ref (loaded_item (self, position));
}

static void
cited_article_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cited_article_list_get_item_type;
  iface->get_n_items = cited_article_list_get_n_items;
  iface->get_item = cited_article_list_get_item;
}

static void
cancel_rest (CitedArticleList *self)
{
  g_clear_handle_id (&self->rest_idle, g_source_remove);
  g_cancellable_cancel (self->rest_cancellable);
  g_clear_object (&self->rest_cancellable);
  self->partial = FALSE;
}

static void
cited_article_list_finalize (GObject *object)
{
  CitedArticleList *self = CITED_ARTICLE_LIST (object);

  cancel_rest (self);

  g_clear_object (&self->store);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->brand, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->date_from, g_free);
  g_clear_pointer (&self->date_to, g_free);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);

  G_OBJECT_CLASS (cited_article_list_parent_class)->finalize (object);
}

static void
cited_article_list_class_init (CitedArticleListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cited_article_list_finalize;
}

/* Pages never asked for stay NULL. */
static void
page_free (gpointer data)
{
  CitedArticleItem **page = data;

  if (page == NULL)
    return;
  for (guint i = 0; i < PAGE_SIZE; i++)
    g_clear_object (&page[i]);
  g_free (page);
}

static void
cited_article_list_init (CitedArticleList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->pages = g_ptr_array_new_with_free_func (page_free);
}

/**
 * cited_article_list_new:
 * @store: the store to list
 *
 * A list of the store's articles, empty until given a query.
 *
 * Returns: (transfer full): a new #CitedArticleList
 */
CitedArticleList *
cited_article_list_new (CitedStore *store)
{
  CitedArticleList *self;

  g_return_val_if_fail (CITED_IS_STORE (store), NULL);

  self = g_object_new (CITED_TYPE_ARTICLE_LIST, NULL);
  self->store = g_object_ref (store);
  return self;
}

static void
replace_string (char       **field,
                const char  *value)
{
  char *copy = (value != NULL && *value != '\0') ? g_strdup (value) : NULL;

  g_free (*field);
  *field = copy;
}

/* Copies @query into the list's own strings. */
static void
store_query (CitedArticleList *self,
             const CitedQuery *query)
{
  replace_string (&self->search, query->search);
  replace_string (&self->brand, query->brand);
  replace_string (&self->source, query->source);
  replace_string (&self->date_from, query->date_from);
  replace_string (&self->date_to, query->date_to);

  self->query = *query;
  self->query.search = self->search;
  self->query.brand = self->brand;
  self->query.source = self->source;
  self->query.date_from = self->date_from;
  self->query.date_to = self->date_to;
  self->query.offset = 0;
  self->query.limit = 0;
}

static void rest_read_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data);

/* The rest of the ids, once the frame showing the first rows was drawn
 * (this runs after GTK's drawing, at a lower priority). */
static gboolean
rest_idle_cb (gpointer user_data)
{
  CitedArticleList *self = CITED_ARTICLE_LIST (user_data);

  self->rest_idle = 0;
  self->rest_cancellable = g_cancellable_new ();
  cited_store_read_async (self->store, ids_read_cb, cited_query_copy (&self->query),
                          (GDestroyNotify) cited_query_free, head_free, self->rest_cancellable,
                          rest_read_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* Shows @ids (taken) as the list's rows: all of them, or, when @total is
 * larger, the first of @total rows, whose other ids are read in the
 * background (or at once when one of those rows is asked for first). */
static void
replace_ids (CitedArticleList *self,
             GArray           *ids,
             gboolean          wide,
             guint             total,
             GPtrArray        *first)
{
  guint old_n = self->n_items;
  guint new_n = MAX (total, ids->len);

  cancel_rest (self);
  take_ids (self, ids, wide);
  self->n_items = new_n;
  g_ptr_array_set_size (self->pages, 0);
  g_ptr_array_set_size (self->pages, (new_n + PAGE_SIZE - 1) / PAGE_SIZE);
  /* The first page, read with the ids: before the change is told, as
   * whoever hears it asks for the first rows at once. */
  if (first != NULL && first->len > 0)
    {
      CitedArticleItem **page = g_new0 (CitedArticleItem *, PAGE_SIZE);

      for (guint i = 0; i < first->len && i < self->ids->len; i++)
        page[i] = item_new (id_at (self, i), first->pdata[i]);
      g_ptr_array_index (self->pages, 0) = page;
    }
  if (self->ids->len < new_n)
    {
      self->partial = TRUE;
      if (!self->rest_held)
        self->rest_idle = g_idle_add_full (G_PRIORITY_LOW, rest_idle_cb, self, NULL);
    }

  if (old_n > 0 || new_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
}

/* Whether @rest (gint64 when @wide, else guint32) begins with the ids
 * the list has. */
static gboolean
same_head (CitedArticleList *self,
           GArray           *rest,
           gboolean          wide)
{
  if (rest->len < self->ids->len)
    return FALSE;
  for (guint i = 0; i < self->ids->len; i++)
    if (id_at (self, i) != ids_get (rest, wide, i))
      return FALSE;
  return TRUE;
}

static void
rest_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CitedArticleList) self = CITED_ARTICLE_LIST (user_data);
  g_autoptr(GCancellable) cancellable = g_object_ref (g_task_get_cancellable (G_TASK (result)));
  g_autoptr(GError) error = NULL;
  Head *rest = cited_store_read_finish (CITED_STORE (source), result, &error);
  GArray *ids;

  /* Replaced, or read at once meanwhile. */
  if (cancellable != self->rest_cancellable || g_cancellable_is_cancelled (cancellable))
    {
      g_clear_pointer (&rest, head_free);
      return;
    }
  g_clear_object (&self->rest_cancellable);
  if (rest == NULL)
    {
      /* Left partial: a row past the first pages reads them at once. */
      g_debug ("Could not read the list's ids: %s", error->message);
      return;
    }
  self->partial = FALSE;
  ids = g_steal_pointer (&rest->ids);
  if (ids->len == self->n_items && same_head (self, ids, rest->wide))
    /* The rows shown stay as they are. */
    take_ids (self, ids, rest->wide);
  else
    /* The store changed in between: the rows are listed again. */
    replace_ids (self, ids, rest->wide, ids->len, NULL);
  head_free (rest);
}

/* In the calling thread: a row or a position past the first pages was
 * asked for before the rest of the ids came. Rows already counted stay
 * counted; a row the store no longer has shows nothing. */
static void
read_rest_now (CitedArticleList *self)
{
  g_autoptr(GError) error = NULL;
  GArray *ids;
  gboolean wide;

  cancel_rest (self);
  ids = list_ids (self->store, &self->query, &wide, &error);
  if (ids == NULL)
    {
      g_debug ("Could not read the list's ids: %s", error->message);
      return;
    }
  take_ids (self, ids, wide);
}

void
cited_article_list_hold_rest (CitedArticleList *self,
                              gboolean          hold)
{
  g_return_if_fail (CITED_IS_ARTICLE_LIST (self));

  self->rest_held = hold;
  /* Released while partial, with no read under way: read them now. */
  if (!hold && self->partial && self->rest_idle == 0 && self->rest_cancellable == NULL)
    rest_idle_cb (self);
}

/**
 * cited_article_list_set_query:
 * @self: an article list
 * @query: the filters and order (copied; offset and limit are ignored)
 * @error: return location for a #GError, or %NULL
 *
 * Replaces the query and reads the ids again, in this thread.
 *
 * Returns: %TRUE, or %FALSE with @error set (the list is then empty)
 */
gboolean
cited_article_list_set_query (CitedArticleList  *self,
                              const CitedQuery  *query,
                              GError           **error)
{
  g_return_val_if_fail (CITED_IS_ARTICLE_LIST (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  store_query (self, query);
  return cited_article_list_reload (self, error);
}

static gpointer
head_read_cb (CitedStore    *reader,
              gpointer       query,
              GCancellable  *cancellable,
              GError       **error)
{
  Head *head = g_new0 (Head, 1);

  /* A few ids: as gint64, whatever they are. */
  head->ids = cited_store_list_article_ids_head (reader, query, HEAD_ROWS, &head->total, error);
  head->wide = TRUE;
  if (head->ids == NULL)
    {
      head_free (head);
      return NULL;
    }
  read_first_rows (reader, query, head);
  return head;
}

/* A search's ids, every one of them, and its first rows. */
static gpointer
search_read_cb (CitedStore    *reader,
                gpointer       query,
                GCancellable  *cancellable,
                GError       **error)
{
  Head *head = ids_read_cb (reader, query, cancellable, error);

  if (head != NULL)
    read_first_rows (reader, query, head);
  return head;
}

static void
head_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  Head *head = cited_store_read_finish (CITED_STORE (source), result, &error);

  if (head == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, head, head_free);
}

/**
 * cited_article_list_set_query_async:
 * @self: an article list
 * @query: the filters and order (copied; offset and limit are ignored)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the ids are read
 * @user_data: data for @callback
 *
 * Replaces the query with the ids read in a worker thread over the
 * store's readers, so that a slow search never blocks the caller. The
 * list changes in [method@Cited.ArticleList.set_query_finish]; a
 * cancelled search changes nothing.
 */
void
cited_article_list_set_query_async (CitedArticleList    *self,
                                    const CitedQuery    *query,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CitedQuery *copy;

  g_return_if_fail (CITED_IS_ARTICLE_LIST (self));
  g_return_if_fail (query != NULL);

  copy = cited_query_copy (query);
  copy->offset = 0;
  copy->limit = 0;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cited_article_list_set_query_async);
  g_task_set_task_data (task, copy, (GDestroyNotify) cited_query_free);
  /* The store reads the ids over one of its readers. Without a search,
   * the count and the first pages' ids come first and the rest after
   * the rows are shown: a search's rows are read whole, as reading a
   * page of them would run the search again. */
  cited_store_read_async (self->store,
                          query_search (copy) == NULL ? head_read_cb : search_read_cb,
                          cited_query_copy (copy), (GDestroyNotify) cited_query_free, head_free,
                          cancellable, head_done_cb, g_steal_pointer (&task));
}

/**
 * cited_article_list_set_query_finish:
 * @self: an article list
 * @result: the result given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Shows the rows of the query given to
 * [method@Cited.ArticleList.set_query_async].
 *
 * Returns: %TRUE when the list changed, %FALSE with @error set
 */
gboolean
cited_article_list_set_query_finish (CitedArticleList  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  Head *head;

  g_return_val_if_fail (CITED_IS_ARTICLE_LIST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  head = g_task_propagate_pointer (G_TASK (result), error);
  if (head == NULL)
    return FALSE;

  store_query (self, g_task_get_task_data (G_TASK (result)));
  replace_ids (self, g_steal_pointer (&head->ids), head->wide, head->total, head->first);
  head_free (head);
  return TRUE;
}

/**
 * cited_article_list_reload:
 * @self: an article list
 * @error: return location for a #GError, or %NULL
 *
 * Reads the ids again (after an import) and drops the rows read.
 *
 * Returns: %TRUE, or %FALSE with @error set (the list is then empty)
 */
gboolean
cited_article_list_reload (CitedArticleList  *self,
                           GError           **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean wide = FALSE;

  g_return_val_if_fail (CITED_IS_ARTICLE_LIST (self), FALSE);

  ids = list_ids (self->store, &self->query, &wide, &local_error);
  if (ids == NULL)
    ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  replace_ids (self, g_steal_pointer (&ids), wide, 0, NULL);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * cited_article_list_find:
 * @self: an article list
 * @article_id: an article's id
 *
 * The row of an article.
 *
 * Returns: its position, or %G_MAXUINT when the list has no such article
 */
guint
cited_article_list_find (CitedArticleList *self,
                         gint64            article_id)
{
  g_return_val_if_fail (CITED_IS_ARTICLE_LIST (self), G_MAXUINT);

  if (self->partial)
    read_rest_now (self);
  /* A scan, about a millisecond at a million rows, rather than a table
   * of every row's position (40 MB at that size) kept for the next. */
  for (guint i = 0; i < self->ids->len; i++)
    if (id_at (self, i) == article_id)
      return i;
  return G_MAXUINT;
}

/**
 * cited_article_list_get_search:
 * @self: an article list
 *
 * The search text of the current query.
 *
 * Returns: (transfer none) (nullable): the search, or %NULL
 */
const char *
cited_article_list_get_search (CitedArticleList *self)
{
  g_return_val_if_fail (CITED_IS_ARTICLE_LIST (self), NULL);
  return self->search;
}

/**
 * cited_article_list_get_n_loaded:
 * @self: an article list
 *
 * How many rows have been read: a list stays lazy, reading rows in pages
 * only when asked for them.
 *
 * Returns: the number of rows read
 */
guint
cited_article_list_get_n_loaded (CitedArticleList *self)
{
  guint n = 0;

  g_return_val_if_fail (CITED_IS_ARTICLE_LIST (self), 0);

  for (guint i = 0; i < self->n_items; i++)
    if (loaded_item (self, i) != NULL)
      n++;
  return n;
}
