/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-article-list"

#include "config.h"

#include "cited-article-list.h"

#define PAGE_SIZE 64

/* CitedArticleItem */

struct _CitedArticleItem
{
  GObject       parent_instance;
  gint64        id;
  CitedArticle *article;
};

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

gint64
cited_article_item_get_id (CitedArticleItem *self)
{
  g_return_val_if_fail (CITED_IS_ARTICLE_ITEM (self), 0);
  return self->id;
}

CitedArticle *
cited_article_item_get_article (CitedArticleItem *self)
{
  g_return_val_if_fail (CITED_IS_ARTICLE_ITEM (self), NULL);
  return self->article;
}

/* CitedArticleList */

struct _CitedArticleList
{
  GObject     parent_instance;

  CitedStore *store;
  CitedQuery  query;         /* strings below are owned copies */
  char       *search;
  char       *brand;
  char       *date_from;
  char       *date_to;

  GArray     *ids;           /* gint64 */
  GPtrArray  *items;         /* CitedArticleItem or NULL, parallel to ids */
  GHashTable *positions;     /* id -> position + 1, built on demand */
};

static void cited_article_list_model_init (GListModelInterface *iface);

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

  return self->ids ? self->ids->len : 0;
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

/* Loads the page holding @position: one listing query with the same filters
 * and order, offset and limit. Rows are matched to positions by id, so an
 * order that differs in ties cannot put an article in the wrong row. */
static void
load_page (CitedArticleList *self,
           guint             position)
{
  guint start = position - position % PAGE_SIZE;
  guint end = MIN (start + PAGE_SIZE, self->ids->len);
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GError) error = NULL;
  CitedQuery query = self->query;

  query.offset = start;
  query.limit = end - start;
  articles = cited_store_list_articles (self->store, &query, &error);
  if (articles == NULL)
    {
      g_debug ("Could not list articles %u-%u: %s", start, end, error->message);
      articles = g_ptr_array_new ();
    }

  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < articles->len; i++)
    {
      CitedArticle *article = g_ptr_array_index (articles, i);

      g_hash_table_insert (by_id, &article->id, article);
    }

  for (guint i = start; i < end; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, i);
      CitedArticle *article;

      if (g_ptr_array_index (self->items, i) != NULL)
        continue;

      article = g_hash_table_lookup (by_id, &id);
      if (article == NULL)
        {
          /* The listing disagreed with the id list (ties sorted
           * differently): fetch the row on its own. */
          g_autoptr(CitedArticle) single = cited_store_get_article (self->store, id, NULL);

          g_ptr_array_index (self->items, i) = item_new (id, single);
        }
      else
        g_ptr_array_index (self->items, i) = item_new (id, article);
    }
}

static gpointer
cited_article_list_get_item (GListModel *model,
                             guint       position)
{
  CitedArticleList *self = CITED_ARTICLE_LIST (model);

  if (self->ids == NULL || position >= self->ids->len)
    return NULL;

  if (g_ptr_array_index (self->items, position) == NULL)
    load_page (self, position);

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
cited_article_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cited_article_list_get_item_type;
  iface->get_n_items = cited_article_list_get_n_items;
  iface->get_item = cited_article_list_get_item;
}

static void
cited_article_list_finalize (GObject *object)
{
  CitedArticleList *self = CITED_ARTICLE_LIST (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->brand, g_free);
  g_clear_pointer (&self->date_from, g_free);
  g_clear_pointer (&self->date_to, g_free);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->positions, g_hash_table_unref);

  G_OBJECT_CLASS (cited_article_list_parent_class)->finalize (object);
}

static void
cited_article_list_class_init (CitedArticleListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cited_article_list_finalize;
}

static void
cited_article_list_init (CitedArticleList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

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

gboolean
cited_article_list_set_query (CitedArticleList  *self,
                              const CitedQuery  *query,
                              GError           **error)
{
  g_return_val_if_fail (CITED_IS_ARTICLE_LIST (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  replace_string (&self->search, query->search);
  replace_string (&self->brand, query->brand);
  replace_string (&self->date_from, query->date_from);
  replace_string (&self->date_to, query->date_to);

  self->query = *query;
  self->query.search = self->search;
  self->query.brand = self->brand;
  self->query.date_from = self->date_from;
  self->query.date_to = self->date_to;
  self->query.offset = 0;
  self->query.limit = 0;

  return cited_article_list_reload (self, error);
}

gboolean
cited_article_list_reload (CitedArticleList  *self,
                           GError           **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) local_error = NULL;
  guint old_n, new_n;

  g_return_val_if_fail (CITED_IS_ARTICLE_LIST (self), FALSE);

  ids = cited_store_list_article_ids (self->store, &self->query, &local_error);
  if (ids == NULL)
    ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  old_n = self->ids->len;
  new_n = ids->len;

  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = g_steal_pointer (&ids);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_ptr_array_set_size (self->items, 0);
  g_ptr_array_set_size (self->items, new_n);

  if (old_n > 0 || new_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

guint
cited_article_list_find (CitedArticleList *self,
                         gint64            article_id)
{
  gpointer value;

  g_return_val_if_fail (CITED_IS_ARTICLE_LIST (self), G_MAXUINT);

  if (self->positions == NULL)
    {
      self->positions = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);
      for (guint i = 0; i < self->ids->len; i++)
        g_hash_table_insert (self->positions,
                             &g_array_index (self->ids, gint64, i),
                             GUINT_TO_POINTER (i + 1));
    }

  value = g_hash_table_lookup (self->positions, &article_id);
  return value ? GPOINTER_TO_UINT (value) - 1 : G_MAXUINT;
}

const char *
cited_article_list_get_search (CitedArticleList *self)
{
  g_return_val_if_fail (CITED_IS_ARTICLE_LIST (self), NULL);
  return self->search;
}
