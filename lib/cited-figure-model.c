/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-figure-model"
#include "config.h"

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

typedef struct {
  guint index;                /* the page's first row is index * PAGE_SIZE */
  GPtrArray *objects;         /* CitedFigureObject, PAGE_SIZE or fewer on the last page */
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
};

static void cited_figure_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CitedFigureModel, cited_figure_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, cited_figure_model_list_init))

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->objects);
  g_free (page);
}

static void
drop_pages (CitedFigureModel *self)
{
  g_queue_clear (&self->lru);
  g_hash_table_remove_all (self->pages);
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
  guint index;

  if (self->claims != NULL &&
      g_array_binary_search (self->claims, &key, compare_claim_of, &index))
    {
      ClaimOf *found = &g_array_index (self->claims, ClaimOf, index);

      cited_figure_object_set_claim (object, found->claim_id, found->n_sources);
    }
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

  figures = cited_store_read_figure_rows (self->store, self->query, self->contains, self->sort,
                                          self->descending, index * PAGE_SIZE, PAGE_SIZE, &error);
  if (figures == NULL)
    {
      /* The view asks again when it next draws; it gets empty rows now. */
      g_debug ("Could not read rows from %u: %s", index * PAGE_SIZE, error->message);
      return NULL;
    }

  page = g_new0 (Page, 1);
  page->index = index;
  page->objects = objects_from (self, figures);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  g_queue_push_head (&self->lru, page);
  while (self->lru.length > MAX_PAGES)
    {
      Page *oldest = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->pages, GUINT_TO_POINTER (oldest->index));
    }
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
  g_clear_object (&self->store);
  drop_pages (self);

  G_OBJECT_CLASS (cited_figure_model_parent_class)->dispose (object);
}

static void
cited_figure_model_finalize (GObject *object)
{
  CitedFigureModel *self = CITED_FIGURE_MODEL (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->claims, g_array_unref);
  g_clear_pointer (&self->query, cited_query_free);
  g_free (self->contains);

  G_OBJECT_CLASS (cited_figure_model_parent_class)->finalize (object);
}

static void
cited_figure_model_class_init (CitedFigureModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cited_figure_model_dispose;
  object_class->finalize = cited_figure_model_finalize;
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
 *   its article's title must hold, ignoring the case of ASCII letters;
 *   %NULL or "" for any
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
  return recount (self, error);
}

/**
 * cited_figure_model_find:
 * @self: a figure model
 * @figure_id: a figure's id
 *
 * The row of a figure: among the rows read, else by SQL.
 *
 * Returns: its position, or %G_MAXUINT when the filters hide it
 */
guint
cited_figure_model_find (CitedFigureModel *self,
                         gint64            figure_id)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer value;
  guint position = G_MAXUINT;

  g_return_val_if_fail (CITED_IS_FIGURE_MODEL (self), G_MAXUINT);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Page *page = value;

      for (guint i = 0; i < page->objects->len; i++)
        if (cited_figure_object_get_id (g_ptr_array_index (page->objects, i)) == figure_id)
          return page->index * PAGE_SIZE + i;
    }

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
