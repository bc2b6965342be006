/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-figure-model"
#include "config.h"

#include <math.h>

#include "cited-claims.h"
#include "cited-figure-model.h"
#include "cited-store-private.h"

/* Rows read at once, and how many such pages the model keeps: a window of
 * a few thousand rows, whatever the size of the store. */
#define PAGE_SIZE 200
#define MAX_PAGES 8

/* The claim of one figure: a few bytes a figure, not the figure. */
typedef struct {
  gint64 figure_id;
  gint64 claim_id;
  guint n_sources;
} ClaimOf;

/* Rows read on the main thread: in the store's order (served by the
 * articles' date index), unfiltered by text, near the top. Other pages are
 * read in a worker when the model reads in one (set_read_async()). */
#define CHEAP_PAGES 10

/* Claims kept for the rows read (set_claims_of_rows()): beyond this many
 * figures the model forgets them and finds them again as rows are read. */
#define MAX_CLAIMS_OF 500000

typedef struct {
  guint index;                /* the page's first row is index * PAGE_SIZE */
  GPtrArray *objects;         /* CitedFigureObject, PAGE_SIZE or fewer on the last page */
  GCancellable *cancellable;  /* while its rows are read in a worker */
  gpointer to_read;           /* PageRead: the read, until it starts */
} Page;

/**
 * CitedFigureModel:
 *
 * A #GListModel of [class@Cited.FigureObject] over the figures of a
 * [class@Cited.Store] that a query selects, in the order of a
 * [enum@Cited.FigureSort]. Filtering and sorting are SQL: the model counts
 * the rows and reads those asked for, in pages of 200, keeping only the
 * eight pages used last, so that a store of millions of figures shows its
 * first rows as soon as one page is read and never holds them all.
 *
 * The model follows the store: when its figures or articles change it
 * counts again and tells its views, with #GListModel::items-changed, that
 * every row changed.
 */
struct _CitedFigureModel
{
  GObject parent_instance;

  CitedStore *store;
  gulong changed_id;
  gboolean follow_store;
  GArray *claims;             /* ClaimOf by figure id, or NULL */

  CitedQuery *query;
  char *contains;
  CitedFigureSort sort;
  gboolean descending;

  guint n_items;
  GHashTable *pages;          /* page index -> Page */
  GQueue lru;                 /* Page, used last first */

  gboolean read_async;        /* slow pages read in a worker, placeholders meanwhile */
  guint order_generation;     /* counted up when the rows are counted or sorted again */
  /* The ids of every row in order, read once in a worker for pages past
   * the first few, which are then read by id rather than with OFFSET (a
   * sort per page); or NULL. guint32 (see
   * cited_store_read_figure_row_ids()). */
  GArray *ids;
  GCancellable *ids_cancellable;  /* while they are read */
  guint n_pending;            /* as last notified */

  /* The claims of the rows read (claims_of_rows): tables of ClaimOf,
   * and the claim keys looked up or being looked up. */
  gboolean claims_of_rows;
  GPtrArray *claim_of;        /* GArray of ClaimOf, each sorted by figure id */
  guint n_claim_of;
  GHashTable *claim_keys;     /* key -> GINT_TO_POINTER (KEY_*) */
  guint claims_generation;    /* a read of claims older than this is dropped */
  guint n_claim_reads;        /* under way */
  gboolean claims_reading;    /* one read of claims at a time: the store's readers serve
                               * the other pages too */
  GPtrArray *claims_wanted;   /* CitedFigure: one of each claim key to read, or NULL */
  GPtrArray *claims_wanted_keys;
  guint start_reads_id;       /* an idle after the next frame starts the reads asked for */
  GCancellable *claims_cancellable;
};

enum {
  KEY_READING = 1,
  KEY_KNOWN,
};

enum {
  PROP_0,
  PROP_N_PENDING,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

static void cited_figure_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CitedFigureModel, cited_figure_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, cited_figure_model_list_init))

static void page_read_free (gpointer read);

static void
page_free (gpointer data)
{
  Page *page = data;

  g_clear_pointer (&page->to_read, page_read_free);
  /* A page let go of while read: its read is not needed any more. */
  if (page->cancellable != NULL)
    g_cancellable_cancel (page->cancellable);
  g_clear_object (&page->cancellable);
  g_ptr_array_unref (page->objects);
  g_free (page);
}

/* Counts the pages being read and tells when that changed. */
static void
sync_pending (CitedFigureModel *self)
{
  guint n = 0;

  for (GList *l = self->lru.head; l != NULL; l = l->next)
    n += ((Page *) l->data)->cancellable != NULL;
  n += self->n_claim_reads;
  if (n == self->n_pending)
    return;
  self->n_pending = n;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_N_PENDING]);
}

static void
drop_pages (CitedFigureModel *self)
{
  self->order_generation++;
  g_clear_pointer (&self->ids, g_array_unref);
  if (self->ids_cancellable != NULL)
    g_cancellable_cancel (self->ids_cancellable);
  g_clear_object (&self->ids_cancellable);
  g_queue_clear (&self->lru);
  g_hash_table_remove_all (self->pages);
  sync_pending (self);
}

static int
compare_claim_of (gconstpointer a,
                  gconstpointer b)
{
  gint64 ia = ((const ClaimOf *) a)->figure_id;
  gint64 ib = ((const ClaimOf *) b)->figure_id;

  return (ia > ib) - (ia < ib);
}

static void
set_claim_of (CitedFigureModel  *self,
              CitedFigureObject *object)
{
  ClaimOf key = { cited_figure_object_get_id (object), 0, 0 };
  ClaimOf *found = NULL;
  guint index;

  if (self->claims != NULL &&
      g_array_binary_search (self->claims, &key, compare_claim_of, &index))
    found = &g_array_index (self->claims, ClaimOf, index);
  else if (self->claims == NULL && self->claim_of != NULL)
    {
      /* One table per read, each made and sorted in its worker: the main
       * thread adds a table, not a hundred thousand entries. */
      for (guint t = 0; t < self->claim_of->len && found == NULL; t++)
        {
          GArray *table = g_ptr_array_index (self->claim_of, t);

          if (g_array_binary_search (table, &key, compare_claim_of, &index))
            found = &g_array_index (table, ClaimOf, index);
        }
    }

  if (found != NULL)
    cited_figure_object_set_claim (object, found->claim_id, found->n_sources);
  else
    cited_figure_object_set_claim (object, 0, 0);
}

static GPtrArray *
objects_from (CitedFigureModel *self,
              GPtrArray        *figures)
{
  GPtrArray *objects = g_ptr_array_new_full (figures->len, g_object_unref);

  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigureObject *object = cited_figure_object_new (g_ptr_array_index (figures, i));

      set_claim_of (self, object);
      g_ptr_array_add (objects, object);
    }
  return objects;
}

static void find_claims_of (CitedFigureModel *self, GPtrArray *figures);
static void forget_claims_of (CitedFigureModel *self);
static guint find_read (CitedFigureModel *self, gint64 figure_id);

/* A page of placeholder rows: figures with no id, shown empty. */
static GPtrArray *
placeholders (guint n)
{
  g_autoptr(CitedFigure) empty = cited_figure_new ();
  GPtrArray *objects = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (objects, cited_figure_object_new (empty));
  return objects;
}

/* Whether page @index is quick to read on the main thread: in the store's
 * order, which the articles' date index gives, with no filter that SQL
 * must test on every figure, and near the top (OFFSET reads every row
 * before it). */
static gboolean
page_is_cheap (CitedFigureModel *self,
               guint             index)
{
  const CitedQuery *q = self->query;

  return self->sort == CITED_FIGURE_SORT_NONE && self->contains == NULL &&
         (q->search == NULL || *q->search == '\0') &&
         (q->metric == NULL || *q->metric == '\0') &&
         q->span == NULL && q->claim_status == NULL && index < CHEAP_PAGES;
}

typedef struct {
  CitedQuery *query;
  char *contains;
  CitedFigureSort sort;
  gboolean descending;
  guint offset;
  GArray *ids;                /* the page's ids, when known: read by id */
} PageRead;

/* Pages from this one on are read by id once the ids are read. */
#define FIRST_PAGE_BY_ID 2

static void
page_read_free (gpointer data)
{
  PageRead *read = data;

  cited_query_free (read->query);
  g_free (read->contains);
  g_clear_pointer (&read->ids, g_array_unref);
  g_free (read);
}

static gpointer
read_page_cb (CitedStore    *reader,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  PageRead *read = data;

  if (read->ids != NULL)
    return cited_store_read_figures_by_id (reader, (const gint64 *) read->ids->data, read->ids->len, error);
  return cited_store_read_figure_rows (reader, read->query, read->contains, read->sort,
                                       read->descending, read->offset, PAGE_SIZE, error);
}

typedef struct {
  CitedFigureModel *model;    /* weak: cleared when it goes */
  GCancellable *cancellable;  /* the page's, telling it from a newer one */
  guint index;
} PageDone;

static void
page_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PageDone *done = user_data;
  CitedFigureModel *self = done->model;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GError) error = NULL;
  Page *page;

  figures = cited_store_read_finish (CITED_STORE (source), result, &error);
  if (self != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self), (gpointer *) &done->model);
  page = self != NULL ? g_hash_table_lookup (self->pages, GUINT_TO_POINTER (done->index)) : NULL;
  /* Dropped, or a newer read of the page: nothing to fill. */
  if (page == NULL || page->cancellable != done->cancellable)
    goto out;

  g_clear_object (&page->cancellable);
  if (figures == NULL)
    g_debug ("Could not read rows from %u: %s", done->index * PAGE_SIZE, error->message);
  else
    {
      guint n = page->objects->len;

      g_ptr_array_unref (page->objects);
      page->objects = objects_from (self, figures);
      if (self->claims_of_rows && self->claims == NULL)
        find_claims_of (self, figures);
      /* As many rows as before: the store lost some since they were
       * counted when it gave fewer (get_item() stands in for them). */
      g_list_model_items_changed (G_LIST_MODEL (self), done->index * PAGE_SIZE, n, n);
    }
  sync_pending (self);

out:
  g_object_unref (done->cancellable);
  g_free (done);
}

static void start_claims_read (CitedFigureModel *self);
static void queue_reads (CitedFigureModel *self);

static gpointer
read_ids_cb (CitedStore    *reader,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  PageRead *read = data;

  return cited_store_read_figure_row_ids (reader, read->query, read->contains, read->sort,
                                          read->descending, error);
}

typedef struct {
  CitedFigureModel *model;    /* weak */
  GCancellable *cancellable;  /* the read's, telling it from a newer one */
} IdsDone;

static void
ids_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  IdsDone *done = user_data;
  CitedFigureModel *self = done->model;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  ids = cited_store_read_finish (CITED_STORE (source), result, &error);
  if (self == NULL)
    goto out;
  g_object_remove_weak_pointer (G_OBJECT (self), (gpointer *) &done->model);
  if (self->ids_cancellable != done->cancellable)
    goto out;
  g_clear_object (&self->ids_cancellable);
  if (ids == NULL)
    {
      /* The pages waiting for them are read with OFFSET instead. */
      g_debug ("Could not read the rows' ids: %s", error->message);
      self->ids = g_array_new (FALSE, FALSE, sizeof (guint32));
    }
  else
    self->ids = g_steal_pointer (&ids);
  queue_reads (self);

out:
  g_object_unref (done->cancellable);
  g_free (done);
}

/* Reads the ids of every row, in order, in a worker. */
static void
read_ids (CitedFigureModel *self)
{
  PageRead *read = g_new0 (PageRead, 1);
  IdsDone *done = g_new0 (IdsDone, 1);

  read->query = cited_query_copy (self->query);
  read->contains = g_strdup (self->contains);
  read->sort = self->sort;
  read->descending = self->descending;
  self->ids_cancellable = g_cancellable_new ();
  done->model = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &done->model);
  done->cancellable = g_object_ref (self->ids_cancellable);
  cited_store_read_async (self->store, read_ids_cb, read, page_read_free, (GDestroyNotify) g_array_unref,
                          self->ids_cancellable, ids_done_cb, done);
}

/* Starts the reads asked for since the last time: at a priority below
 * GTK's drawing, so that the frame that shows the placeholders, or the
 * rows just read, is drawn before the worker takes the processor. */
static gboolean
start_reads_cb (gpointer user_data)
{
  CitedFigureModel *self = user_data;

  self->start_reads_id = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;
  for (GList *l = self->lru.head; l != NULL; l = l->next)
    {
      Page *page = l->data;
      PageDone *done;

      if (page->to_read == NULL)
        continue;
      if (page->index >= FIRST_PAGE_BY_ID)
        {
          PageRead *read = page->to_read;

          /* Past the first pages: by id, once the ids are read. */
          if (self->ids == NULL)
            {
              if (self->ids_cancellable == NULL)
                read_ids (self);
              continue;
            }
          if (self->ids->len > read->offset)
            {
              guint end = MIN (read->offset + PAGE_SIZE, self->ids->len);

              read->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), PAGE_SIZE);
              for (guint i = read->offset; i < end; i++)
                {
                  gint64 id = g_array_index (self->ids, guint32, i);

                  g_array_append_val (read->ids, id);
                }
            }
        }
      done = g_new0 (PageDone, 1);
      done->model = self;
      g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &done->model);
      done->cancellable = g_object_ref (page->cancellable);
      done->index = page->index;
      cited_store_read_async (self->store, read_page_cb, g_steal_pointer (&page->to_read),
                              page_read_free, (GDestroyNotify) g_ptr_array_unref,
                              page->cancellable, page_done_cb, done);
    }
  if (self->claims_wanted != NULL && !self->claims_reading)
    start_claims_read (self);
  return G_SOURCE_REMOVE;
}

static void
queue_reads (CitedFigureModel *self)
{
  if (self->start_reads_id == 0)
    self->start_reads_id = g_idle_add_full (G_PRIORITY_LOW, start_reads_cb, self, NULL);
}

/* Reads page @index in a worker; placeholders stand in for its rows. */
static GPtrArray *
read_page_async (CitedFigureModel *self,
                 Page             *page)
{
  PageRead *read = g_new0 (PageRead, 1);
  guint offset = page->index * PAGE_SIZE;

  read->query = cited_query_copy (self->query);
  read->contains = g_strdup (self->contains);
  read->sort = self->sort;
  read->descending = self->descending;
  read->offset = offset;

  page->cancellable = g_cancellable_new ();
  page->to_read = read;
  queue_reads (self);
  return placeholders (MIN (PAGE_SIZE, self->n_items - offset));
}

static Page *
load_page (CitedFigureModel *self,
           guint             index)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GError) error = NULL;

  if (page != NULL)
    {
      /* Used last: to the front. */
      g_queue_remove (&self->lru, page);
      g_queue_push_head (&self->lru, page);
      return page;
    }

  page = g_new0 (Page, 1);
  page->index = index;
  if (self->read_async && !page_is_cheap (self, index))
    page->objects = read_page_async (self, page);
  else
    {
      figures = cited_store_read_figure_rows (self->store, self->query, self->contains, self->sort,
                                              self->descending, index * PAGE_SIZE, PAGE_SIZE, &error);
      if (figures == NULL)
        {
          /* The view asks again when it next draws; it gets empty rows now. */
          g_debug ("Could not read rows from %u: %s", index * PAGE_SIZE, error->message);
          g_free (page);
          return NULL;
        }
      page->objects = objects_from (self, figures);
    }

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  g_queue_push_head (&self->lru, page);
  while (self->lru.length > MAX_PAGES)
    {
      Page *oldest = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->pages, GUINT_TO_POINTER (oldest->index));
    }
  sync_pending (self);
  if (figures != NULL && self->claims_of_rows && self->claims == NULL)
    find_claims_of (self, figures);
  return page;
}

static GType
cited_figure_model_get_item_type (GListModel *model)
{
  return CITED_TYPE_FIGURE_OBJECT;
}

static guint
cited_figure_model_get_n_items (GListModel *model)
{
  return CITED_FIGURE_MODEL (model)->n_items;
}

static gpointer
cited_figure_model_get_item (GListModel *model,
                             guint       position)
{
  CitedFigureModel *self = CITED_FIGURE_MODEL (model);
  Page *page;
  guint row;

  if (position >= self->n_items)
    return NULL;

  page = load_page (self, position / PAGE_SIZE);
  row = position % PAGE_SIZE;
  if (page == NULL || row >= page->objects->len)
    {
      /* The store lost rows since they were counted (the change that
       * tells the model so is on its way): an empty figure stands in. */
      g_autoptr(CitedFigure) empty = cited_figure_new ();

      return cited_figure_object_new (empty);
    }
  return g_object_ref (g_ptr_array_index (page->objects, row));
}

static void
cited_figure_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = cited_figure_model_get_item_type;
  iface->get_n_items = cited_figure_model_get_n_items;
  iface->get_item = cited_figure_model_get_item;
}

static void
cited_figure_model_dispose (GObject *object)
{
  CitedFigureModel *self = CITED_FIGURE_MODEL (object);

  if (self->changed_id != 0)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_handle_id (&self->start_reads_id, g_source_remove);
  if (self->ids_cancellable != NULL)
    g_cancellable_cancel (self->ids_cancellable);
  g_clear_object (&self->ids_cancellable);
  forget_claims_of (self);
  g_clear_object (&self->store);
  g_queue_clear (&self->lru);
  g_hash_table_remove_all (self->pages);

  G_OBJECT_CLASS (cited_figure_model_parent_class)->dispose (object);
}

static void
cited_figure_model_finalize (GObject *object)
{
  CitedFigureModel *self = CITED_FIGURE_MODEL (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->claims, g_array_unref);
  g_clear_pointer (&self->query, cited_query_free);
  g_free (self->contains);

  G_OBJECT_CLASS (cited_figure_model_parent_class)->finalize (object);
}

static void
cited_figure_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CitedFigureModel *self = CITED_FIGURE_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cited_figure_model_class_init (CitedFigureModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cited_figure_model_dispose;
  object_class->finalize = cited_figure_model_finalize;
  object_class->get_property = cited_figure_model_get_property;

  /**
   * CitedFigureModel:n-pending:
   *
   * How many pages of rows, and of claims of the rows, are being read in
   * a worker thread.
   */
  props[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
cited_figure_model_init (CitedFigureModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
  g_queue_init (&self->lru);
  self->query = cited_query_new ();
  self->query->include_rejected = TRUE;
  self->follow_store = TRUE;
}

/* Counts again and tells the views every row changed. */
static gboolean
recount (CitedFigureModel  *self,
         GError           **error)
{
  guint removed = self->n_items;
  guint n = 0;
  gboolean ok;

  drop_pages (self);
  /* No store: no rows. */
  ok = self->store == NULL ||
       cited_store_count_figure_rows (self->store, self->query, self->contains, &n, error);
  self->n_items = ok ? n : 0;
  if (removed > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->n_items);
  return ok;
}

static void
store_changed_cb (CitedFigureModel *self,
                  CitedStoreChange  changes)
{
  g_autoptr(GError) error = NULL;

  if ((changes & (CITED_STORE_CHANGE_FIGURES | CITED_STORE_CHANGE_ARTICLES |
                  CITED_STORE_CHANGE_BRANDS | CITED_STORE_CHANGE_DISCOVERED)) == 0)
    return;
  forget_claims_of (self);
  if (!recount (self, &error))
    g_debug ("Could not count the figures: %s", error->message);
}

/**
 * cited_figure_model_new:
 * @store: (nullable): the store to read, or %NULL for no rows
 *
 * A model of every figure of @store, rejected ones included, in the
 * store's order, until given filters with
 * [method@Cited.FigureModel.set_filter] and a sort with
 * [method@Cited.FigureModel.set_sort].
 *
 * Returns: (transfer full): a new #CitedFigureModel
 */
CitedFigureModel *
cited_figure_model_new (CitedStore *store)
{
  CitedFigureModel *self;

  g_return_val_if_fail (store == NULL || CITED_IS_STORE (store), NULL);

  self = g_object_new (CITED_TYPE_FIGURE_MODEL, NULL);
  cited_figure_model_set_store (self, store);
  return self;
}

static void
follow (CitedFigureModel *self)
{
  gboolean connected = self->changed_id != 0;

  if (connected && (self->store == NULL || !self->follow_store))
    g_clear_signal_handler (&self->changed_id, self->store);
  else if (!connected && self->store != NULL && self->follow_store)
    self->changed_id = g_signal_connect_swapped (self->store, "changed", G_CALLBACK (store_changed_cb), self);
}

/**
 * cited_figure_model_set_store:
 * @self: a figure model
 * @store: (nullable): the store to read, or %NULL for no rows
 *
 * Reads another store, with the same filters and sort, and counts again.
 */
void
cited_figure_model_set_store (CitedFigureModel *self,
                              CitedStore       *store)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CITED_IS_FIGURE_MODEL (self));
  g_return_if_fail (store == NULL || CITED_IS_STORE (store));

  if (self->store == store && self->store != NULL)
    return;
  if (self->changed_id != 0)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  g_clear_pointer (&self->claims, g_array_unref);
  forget_claims_of (self);
  follow (self);
  if (!recount (self, &error))
    g_debug ("Could not count the figures: %s", error->message);
}

/**
 * cited_figure_model_set_follow_store:
 * @self: a figure model
 * @follow: whether to count again when the store changes
 *
 * By default the model counts its rows again whenever its store says its
 * figures or articles changed, and tells its views every row changed; a
 * view that reloads it at times of its own choosing (keeping its
 * selection) turns that off and calls [method@Cited.FigureModel.reload].
 */
void
cited_figure_model_set_follow_store (CitedFigureModel *self,
                                     gboolean          follow_store)
{
  g_return_if_fail (CITED_IS_FIGURE_MODEL (self));

  self->follow_store = !!follow_store;
  follow (self);
}

/**
 * cited_figure_model_count_all:
 * @self: a figure model
 * @error: return location for a #GError, or %NULL
 *
 * Counts every figure of the store, rejected ones too, whatever the
 * model's filters: how many the filters choose from.
 *
 * Returns: the number of figures, 0 with @error set on failure
 */
guint
cited_figure_model_count_all (CitedFigureModel  *self,
                              GError           **error)
{
  CitedQuery all = { .include_rejected = TRUE };
  guint n = 0;

  g_return_val_if_fail (CITED_IS_FIGURE_MODEL (self), 0);

  if (self->store == NULL)
    return 0;
  cited_store_count_figure_rows (self->store, &all, NULL, &n, error);
  return n;
}

/* Installs @claims (ClaimOf, sorted) and shows them in the rows read. */
static void
take_claims (CitedFigureModel *self,
             GArray           *claims)
{
  GHashTableIter iter;
  gpointer value;

  g_clear_pointer (&self->claims, g_array_unref);
  self->claims = claims;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Page *page = value;

      for (guint i = 0; i < page->objects->len; i++)
        set_claim_of (self, g_ptr_array_index (page->objects, i));
      /* The same objects: a view keeps its selection. */
      if (page->objects->len > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), page->index * PAGE_SIZE,
                                    page->objects->len, page->objects->len);
    }
}

static void
add_claims (GPtrArray *claims,
            gpointer   user_data)
{
  GArray *table = user_data;

  for (guint c = 0; c < claims->len; c++)
    {
      CitedClaim *claim = g_ptr_array_index (claims, c);

      for (guint k = 0; k < claim->figures->len; k++)
        {
          ClaimOf of = { ((CitedFigure *) g_ptr_array_index (claim->figures, k))->id,
                         claim->id, claim->n_sources };

          g_array_append_val (table, of);
        }
    }
}

/**
 * cited_figure_model_set_claims:
 * @self: a figure model
 * @claims: (nullable) (element-type CitedClaim): the claims of the store's
 *   figures, as cited_store_list_claims() lists them, or %NULL for none
 *
 * Tells each row the claim its figure is part of (see
 * [method@Cited.FigureObject.get_claim_id]): the model keeps a few bytes
 * per figure, not the claims. The rows read already change in place.
 */
void
cited_figure_model_set_claims (CitedFigureModel *self,
                               GPtrArray        *claims)
{
  GArray *table = NULL;

  g_return_if_fail (CITED_IS_FIGURE_MODEL (self));

  if (claims != NULL)
    {
      table = g_array_new (FALSE, FALSE, sizeof (ClaimOf));
      add_claims (claims, table);
      g_array_sort (table, compare_claim_of);
    }
  take_claims (self, table);
}

static gpointer
read_claims_cb (CitedStore    *reader,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GArray) table = g_array_new (FALSE, FALSE, sizeof (ClaimOf));

  if (!cited_store_foreach_claims (reader, add_claims, table, cancellable, error))
    return NULL;
  g_array_sort (table, compare_claim_of);
  return g_steal_pointer (&table);
}

static void
claims_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GArray *table = cited_store_read_finish (CITED_STORE (source), result, &error);

  if (table == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, table, (GDestroyNotify) g_array_unref);
}

/* Claims of the rows read */

typedef struct {
  GPtrArray *figures;         /* CitedFigure: one of each claim key */
} ClaimsRead;

typedef struct {
  CitedFigureModel *model;    /* weak */
  guint generation;
  GPtrArray *keys;            /* the claim keys read */
} ClaimsDone;

static void
claims_read_free (ClaimsRead *read)
{
  g_ptr_array_unref (read->figures);
  g_free (read);
}

static gpointer
read_claims_of_cb (CitedStore    *reader,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  ClaimsRead *read = data;
  g_autoptr(GArray) table = g_array_new (FALSE, FALSE, sizeof (ClaimOf));

  if (!cited_store_foreach_claims_of (reader, read->figures, add_claims, table, cancellable, error))
    return NULL;
  g_array_sort (table, compare_claim_of);
  return g_steal_pointer (&table);
}

static void
forget_claims_of (CitedFigureModel *self)
{
  if (self->claims_wanted != NULL)
    {
      g_clear_pointer (&self->claims_wanted, g_ptr_array_unref);
      g_clear_pointer (&self->claims_wanted_keys, g_ptr_array_unref);
      self->n_claim_reads--;
      sync_pending (self);
    }
  self->claims_generation++;
  if (self->claims_cancellable != NULL)
    g_cancellable_cancel (self->claims_cancellable);
  g_clear_object (&self->claims_cancellable);
  g_clear_pointer (&self->claim_of, g_ptr_array_unref);
  self->n_claim_of = 0;
  g_clear_pointer (&self->claim_keys, g_hash_table_unref);
}

/* Shows the claims now known in the rows read, with an items-changed of
 * each page's rows whose claim changed. */
static void
show_claims_of (CitedFigureModel *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Page *page = value;
      guint first = G_MAXUINT, last = 0;

      for (guint i = 0; i < page->objects->len; i++)
        {
          CitedFigureObject *object = g_ptr_array_index (page->objects, i);
          gint64 before = cited_figure_object_get_claim_id (object);
          guint sources = cited_figure_object_get_claim_sources (object);

          if (cited_figure_object_get_id (object) == 0)
            continue;
          set_claim_of (self, object);
          if (cited_figure_object_get_claim_id (object) != before ||
              cited_figure_object_get_claim_sources (object) != sources)
            {
              first = MIN (first, i);
              last = i;
            }
        }
      /* The same objects: a view keeps its selection. */
      if (first != G_MAXUINT)
        g_list_model_items_changed (G_LIST_MODEL (self), page->index * PAGE_SIZE + first,
                                    last - first + 1, last - first + 1);
    }
}

static void
claims_of_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClaimsDone *done = user_data;
  CitedFigureModel *self = done->model;
  g_autoptr(GArray) table = NULL;
  g_autoptr(GError) error = NULL;

  table = cited_store_read_finish (CITED_STORE (source), result, &error);
  if (self == NULL)
    goto out;
  g_object_remove_weak_pointer (G_OBJECT (self), (gpointer *) &done->model);
  self->n_claim_reads--;
  self->claims_reading = FALSE;
  /* The keys asked for meanwhile. */
  if (self->claims_wanted != NULL)
    queue_reads (self);
  if (done->generation != self->claims_generation || self->claim_keys == NULL)
    {
      sync_pending (self);
      goto out;
    }

  if (table == NULL)
    {
      /* Looked up again when rows of these keys are next read. */
      g_debug ("Could not group the rows' figures into claims: %s", error->message);
      for (guint i = 0; i < done->keys->len; i++)
        g_hash_table_remove (self->claim_keys, g_ptr_array_index (done->keys, i));
      sync_pending (self);
      goto out;
    }

  for (guint i = 0; i < done->keys->len; i++)
    g_hash_table_replace (self->claim_keys, g_strdup (g_ptr_array_index (done->keys, i)),
                          GINT_TO_POINTER (KEY_KNOWN));
  self->n_claim_of += table->len;
  g_ptr_array_add (self->claim_of, g_steal_pointer (&table));
  show_claims_of (self);
  sync_pending (self);

out:
  g_ptr_array_unref (done->keys);
  g_free (done);
}

/* Looks up, in a worker, the claims of @figures (just read) whose claim
 * keys were not looked up yet: every figure of those keys, grouped. */
static void
find_claims_of (CitedFigureModel *self,
                GPtrArray        *figures)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_figure_unref);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  if (self->store == NULL)
    return;
  if (self->claim_of != NULL && self->n_claim_of > MAX_CLAIMS_OF)
    {
      /* Bounded: found again for the rows read from now on. */
      forget_claims_of (self);
    }
  if (self->claim_of == NULL)
    {
      self->claim_of = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      self->claim_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *f = g_ptr_array_index (figures, i);
      char *key;

      /* In no claim, as cited_claims_group() has it. */
      if (f->status == CITED_FIGURE_REJECTED || !isfinite (f->value))
        continue;
      key = cited_claim_key_of (f);
      if (g_hash_table_contains (self->claim_keys, key))
        {
          g_free (key);
          continue;
        }
      g_hash_table_insert (self->claim_keys, key, GINT_TO_POINTER (KEY_READING));
      g_ptr_array_add (keys, g_strdup (key));
      g_ptr_array_add (wanted, cited_figure_ref (f));
    }
  if (wanted->len == 0)
    return;

  /* One read for the pages read before the next frame. */
  if (self->claims_wanted == NULL)
    {
      self->claims_wanted = g_steal_pointer (&wanted);
      self->claims_wanted_keys = g_steal_pointer (&keys);
      self->n_claim_reads++;
      sync_pending (self);
    }
  else
    {
      g_ptr_array_extend_and_steal (self->claims_wanted, g_steal_pointer (&wanted));
      g_ptr_array_extend_and_steal (self->claims_wanted_keys, g_steal_pointer (&keys));
    }
  queue_reads (self);
}

static void
start_claims_read (CitedFigureModel *self)
{
  ClaimsRead *read;
  ClaimsDone *done;

  if (self->claims_cancellable == NULL)
    self->claims_cancellable = g_cancellable_new ();
  self->claims_reading = TRUE;
  read = g_new0 (ClaimsRead, 1);
  read->figures = g_steal_pointer (&self->claims_wanted);
  done = g_new0 (ClaimsDone, 1);
  done->model = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &done->model);
  done->generation = self->claims_generation;
  done->keys = g_steal_pointer (&self->claims_wanted_keys);
  cited_store_read_async (self->store, read_claims_of_cb, read, (GDestroyNotify) claims_read_free,
                          (GDestroyNotify) g_array_unref, self->claims_cancellable,
                          claims_of_done_cb, done);
}

/**
 * cited_figure_model_set_claims_of_rows:
 * @self: a figure model
 * @claims_of_rows: whether the rows read learn their claims
 *
 * With @claims_of_rows, each page of rows read is followed by a read in a
 * worker thread of the claims of its figures: for each claim key (what
 * a claim's figures share: brand, measure, period, span, status,
 * currency…) not looked up yet, every figure of the store with that key,
 * grouped as cited_store_list_claims() groups them, so each row shows
 * the claim and the count of sources it would show had every figure been
 * grouped. Rows change in place (#GListModel::items-changed) as their
 * claims come in. The claims are kept until the store changes, for a
 * bounded number of figures. Off by default, and ignored while claims
 * set with [method@Cited.FigureModel.set_claims] or
 * [method@Cited.FigureModel.load_claims_async] are shown.
 */
void
cited_figure_model_set_claims_of_rows (CitedFigureModel *self,
                                       gboolean          claims_of_rows)
{
  g_return_if_fail (CITED_IS_FIGURE_MODEL (self));

  claims_of_rows = !!claims_of_rows;
  if (self->claims_of_rows == claims_of_rows)
    return;
  self->claims_of_rows = claims_of_rows;
  if (!claims_of_rows)
    forget_claims_of (self);
}

/**
 * cited_figure_model_set_read_async:
 * @self: a figure model
 * @read_async: whether slow pages are read in a worker thread
 *
 * With @read_async, the pages of rows that SQL cannot read at once (sorted
 * by a column, whose keys are the values as corrected, filtered by text,
 * span, status, metric or a search, or far down the list) are read in a
 * worker thread over the store's readers: until a page is read its rows
 * are placeholders, figure objects with id 0 and no fields, and the model
 * tells its views with #GListModel::items-changed when the figures are in
 * (#CitedFigureModel:n-pending counts the pages being read, and the
 * reads of claims of set_claims_of_rows()). Past its first pages, an
 * order's rows are read by id, from the ids of every row in that order
 * read once in a worker: one sort per order rather than one per page,
 * and the row of a figure is found among them. The rows of
 * the store's order near the top are read at once, as before. Off by
 * default: every page is read when asked for.
 */
void
cited_figure_model_set_read_async (CitedFigureModel *self,
                                   gboolean          read_async)
{
  g_return_if_fail (CITED_IS_FIGURE_MODEL (self));

  self->read_async = !!read_async;
}

/**
 * cited_figure_model_get_n_pending:
 * @self: a figure model
 *
 * How many pages of rows are being read in a worker thread (see
 * [method@Cited.FigureModel.set_read_async]), and reads of the claims of
 * the rows read (see [method@Cited.FigureModel.set_claims_of_rows]): 0
 * when every row asked for holds its figure and its claim.
 *
 * Returns: the number of pages being read
 */
guint
cited_figure_model_get_n_pending (CitedFigureModel *self)
{
  g_return_val_if_fail (CITED_IS_FIGURE_MODEL (self), 0);
  return self->n_pending;
}

/**
 * cited_figure_model_load_claims_async:
 * @self: a figure model
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the claims are known
 * @user_data: data for @callback
 *
 * Groups the store's figures into claims in a worker thread, a run of
 * figures that may share a claim at a time (so never every figure at
 * once), and keeps a claim id and a count of sources per figure; the rows
 * learn them in [method@Cited.FigureModel.load_claims_finish].
 */
void
cited_figure_model_load_claims_async (CitedFigureModel    *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CITED_IS_FIGURE_MODEL (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cited_figure_model_load_claims_async);
  /* Claims of another store than the one read by then are not taken. */
  g_task_set_task_data (task, self->store != NULL ? g_object_ref (self->store) : NULL, g_object_unref);
  if (self->store == NULL)
    {
      g_task_return_pointer (task, g_array_new (FALSE, FALSE, sizeof (ClaimOf)),
                             (GDestroyNotify) g_array_unref);
      return;
    }
  cited_store_read_async (self->store, read_claims_cb, NULL, NULL, (GDestroyNotify) g_array_unref,
                          cancellable, claims_read_cb, g_steal_pointer (&task));
}

/**
 * cited_figure_model_load_claims_finish:
 * @self: a figure model
 * @result: the result given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Gives each row the claim found for its figure, unless the load failed
 * or was cancelled.
 *
 * Returns: %TRUE when the rows know their claims
 */
gboolean
cited_figure_model_load_claims_finish (CitedFigureModel  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  GArray *table;

  g_return_val_if_fail (CITED_IS_FIGURE_MODEL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  table = g_task_propagate_pointer (G_TASK (result), error);
  if (table == NULL)
    return FALSE;
  if (g_task_get_task_data (G_TASK (result)) != (gpointer) self->store)
    {
      g_array_unref (table);
      return TRUE;
    }
  take_claims (self, table);
  return TRUE;
}

/**
 * cited_figure_model_set_filter:
 * @self: a figure model
 * @query: (nullable): the filters: brand, source, metric, dates, span,
 *   claim status, article, full-text search and whether rejected figures
 *   are listed (its sort, offset and limit are not used); %NULL for every
 *   figure but the rejected ones
 * @contains: (nullable): a text the figure as written, its sentence or
 *   its article's title must hold, ignoring case as g_utf8_casefold()
 *   folds it (by SQL's LIKE for a term in ASCII); %NULL or "" for any
 * @error: return location for a #GError, or %NULL
 *
 * Filters the rows again: counts those that match and tells the views
 * every row changed.
 *
 * Returns: %TRUE, or %FALSE with @error set when the query cannot be read
 *   (a malformed date), leaving the model empty
 */
gboolean
cited_figure_model_set_filter (CitedFigureModel  *self,
                               const CitedQuery  *query,
                               const char        *contains,
                               GError           **error)
{
  g_return_val_if_fail (CITED_IS_FIGURE_MODEL (self), FALSE);

  g_clear_pointer (&self->query, cited_query_free);
  self->query = query != NULL ? cited_query_copy (query) : cited_query_new ();
  g_free (self->contains);
  self->contains = contains != NULL && *contains != '\0' ? g_strdup (contains) : NULL;
  return recount (self, error);
}

/**
 * cited_figure_model_set_sort:
 * @self: a figure model
 * @sort: the column to sort by
 * @descending: whether the largest keys come first (ignored for
 *   %CITED_FIGURE_SORT_NONE)
 *
 * Sorts the rows again, by SQL; the views are told every row changed.
 */
void
cited_figure_model_set_sort (CitedFigureModel *self,
                             CitedFigureSort   sort,
                             gboolean          descending)
{
  g_return_if_fail (CITED_IS_FIGURE_MODEL (self));
  g_return_if_fail (sort <= CITED_FIGURE_SORT_STATES);

  descending = sort != CITED_FIGURE_SORT_NONE && descending;
  if (self->sort == sort && self->descending == descending)
    return;
  self->sort = sort;
  self->descending = descending;
  drop_pages (self);
  if (self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, self->n_items, self->n_items);
}

/**
 * cited_figure_model_get_sort:
 * @self: a figure model
 * @descending: (out) (optional): whether the sort is descending
 *
 * The column the rows are sorted by.
 *
 * Returns: the sort
 */
CitedFigureSort
cited_figure_model_get_sort (CitedFigureModel *self,
                             gboolean         *descending)
{
  g_return_val_if_fail (CITED_IS_FIGURE_MODEL (self), CITED_FIGURE_SORT_NONE);

  if (descending != NULL)
    *descending = self->descending;
  return self->sort;
}

/**
 * cited_figure_model_reload:
 * @self: a figure model
 * @error: return location for a #GError, or %NULL
 *
 * Counts the rows again and drops those read, telling the views every
 * row changed. The model does so by itself when the store says its
 * figures changed.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
cited_figure_model_reload (CitedFigureModel  *self,
                           GError           **error)
{
  g_return_val_if_fail (CITED_IS_FIGURE_MODEL (self), FALSE);
  /* The store changed: the claims may have. */
  forget_claims_of (self);
  return recount (self, error);
}

/**
 * cited_figure_model_find:
 * @self: a figure model
 * @figure_id: a figure's id
 *
 * The row of a figure: among the rows read, or the ids of every row when
 * the model has read them in a worker (for the pages past the first
 * few), else by SQL.
 *
 * Returns: its position, or %G_MAXUINT when the filters hide it
 */
guint
cited_figure_model_find (CitedFigureModel *self,
                         gint64            figure_id)
{
  g_autoptr(GError) error = NULL;
  guint position;

  g_return_val_if_fail (CITED_IS_FIGURE_MODEL (self), G_MAXUINT);

  position = find_read (self, figure_id);
  if (position != G_MAXUINT)
    return position;

  if (self->store == NULL ||
      !cited_store_find_figure_row (self->store, self->query, self->contains, self->sort,
                                    self->descending, figure_id, &position, &error))
    {
      if (error != NULL)
        g_debug ("Could not find figure %" G_GINT64_FORMAT ": %s", figure_id, error->message);
      return G_MAXUINT;
    }
  return position < self->n_items ? position : G_MAXUINT;
}

typedef struct {
  CitedQuery *query;
  char *contains;
  CitedFigureSort sort;
  gboolean descending;
  gint64 figure_id;
} FindRead;

static void
find_read_free (FindRead *read)
{
  cited_query_free (read->query);
  g_free (read->contains);
  g_free (read);
}

static gpointer
find_row_cb (CitedStore    *reader,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  FindRead *read = data;
  guint position = G_MAXUINT;

  if (!cited_store_find_figure_row (reader, read->query, read->contains, read->sort, read->descending,
                                    read->figure_id, &position, error))
    return NULL;
  return g_memdup2 (&position, sizeof position);
}

static void
find_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autofree guint *found = cited_store_read_finish (CITED_STORE (source), result, &error);

  if (found == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, *found == G_MAXUINT ? -1 : (gssize) *found);
}

/* The row of @figure_id among the rows read, or in the ids of every row
 * when they were read; G_MAXUINT when neither has it. */
static guint
find_read (CitedFigureModel *self,
           gint64            figure_id)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Page *page = value;

      for (guint i = 0; i < page->objects->len; i++)
        if (cited_figure_object_get_id (g_ptr_array_index (page->objects, i)) == figure_id)
          return page->index * PAGE_SIZE + i;
    }
  for (guint i = 0; self->ids != NULL && i < self->ids->len; i++)
    if (g_array_index (self->ids, guint32, i) == figure_id)
      return i;
  return G_MAXUINT;
}

/**
 * cited_figure_model_find_async:
 * @self: a figure model
 * @figure_id: a figure's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the row
 * @user_data: data for @callback
 *
 * Finds the row of a figure as [method@Cited.FigureModel.find] does, but
 * a figure not among the rows read is looked for by SQL in a worker
 * thread, so that a sorted order of millions of rows does not hold up the
 * caller.
 */
void
cited_figure_model_find_async (CitedFigureModel    *self,
                               gint64               figure_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FindRead *read;
  guint position;

  g_return_if_fail (CITED_IS_FIGURE_MODEL (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cited_figure_model_find_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (self->order_generation), NULL);
  position = find_read (self, figure_id);
  if (position != G_MAXUINT || self->store == NULL)
    {
      g_task_return_int (task, position == G_MAXUINT ? -1 : (gssize) position);
      return;
    }

  read = g_new0 (FindRead, 1);
  read->query = cited_query_copy (self->query);
  read->contains = g_strdup (self->contains);
  read->sort = self->sort;
  read->descending = self->descending;
  read->figure_id = figure_id;
  cited_store_read_async (self->store, find_row_cb, read, (GDestroyNotify) find_read_free, g_free,
                          cancellable, find_done_cb, g_steal_pointer (&task));
}

/**
 * cited_figure_model_find_finish:
 * @self: a figure model
 * @result: the result given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * The row found by [method@Cited.FigureModel.find_async]: %G_MAXUINT
 * when the filters hide the figure, when the rows were filtered or
 * sorted again meanwhile, or with @error set.
 *
 * Returns: the row, or %G_MAXUINT
 */
guint
cited_figure_model_find_finish (CitedFigureModel  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  gssize position;

  g_return_val_if_fail (CITED_IS_FIGURE_MODEL (self), G_MAXUINT);
  g_return_val_if_fail (g_task_is_valid (result, self), G_MAXUINT);

  position = g_task_propagate_int (G_TASK (result), error);
  if (position < 0 || (guint) position >= self->n_items ||
      GPOINTER_TO_UINT (g_task_get_task_data (G_TASK (result))) != self->order_generation)
    return G_MAXUINT;
  return (guint) position;
}

/**
 * cited_figure_model_update_figure:
 * @self: a figure model
 * @figure_id: a figure's id
 *
 * Reads the figure again and, when its row was read, shows it as the
 * store has it now, with one #GListModel::items-changed of that row; its
 * place stays until the model counts again.
 */
void
cited_figure_model_update_figure (CitedFigureModel *self,
                                  gint64            figure_id)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (CITED_IS_FIGURE_MODEL (self));

  if (self->store == NULL)
    return;
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Page *page = value;

      for (guint i = 0; i < page->objects->len; i++)
        if (cited_figure_object_get_id (g_ptr_array_index (page->objects, i)) == figure_id)
          {
            g_autoptr(CitedFigure) figure = cited_store_get_figure (self->store, figure_id, NULL);

            if (figure == NULL)
              return;
            g_object_unref (page->objects->pdata[i]);
            page->objects->pdata[i] = cited_figure_object_new (figure);
            set_claim_of (self, page->objects->pdata[i]);
            g_list_model_items_changed (G_LIST_MODEL (self), page->index * PAGE_SIZE + i, 1, 1);
            return;
          }
    }
}

/**
 * cited_figure_model_get_n_loaded:
 * @self: a figure model
 *
 * How many rows the model holds read: at most a few pages, whatever the
 * number of its rows.
 *
 * Returns: the number of rows read and kept
 */
guint
cited_figure_model_get_n_loaded (CitedFigureModel *self)
{
  guint n = 0;

  g_return_val_if_fail (CITED_IS_FIGURE_MODEL (self), 0);

  for (GList *l = self->lru.head; l != NULL; l = l->next)
    n += ((Page *) l->data)->objects->len;
  return n;
}
