/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-macros.h"

#include <gio/gio.h>

#include "cited-lexicon.h"
#include "cited-types.h"

G_BEGIN_DECLS

/* cited-chart-settings.h: what decides a chart, saved by name as a view. */
typedef struct _CitedChartSettings CitedChartSettings;

/**
 * CitedStoreChange:
 * @CITED_STORE_CHANGE_NONE: nothing
 * @CITED_STORE_CHANGE_ARTICLES: articles, their text and its index
 * @CITED_STORE_CHANGE_FIGURES: figures and the user's corrections of them
 * @CITED_STORE_CHANGE_MENTIONS: brand mentions (and so every brand count)
 * @CITED_STORE_CHANGE_BRANDS: the user's brands, aliases, colours and exclusions
 * @CITED_STORE_CHANGE_DISCOVERED: companies discovered in the articles and
 *   the user's decisions about them
 * @CITED_STORE_CHANGE_VIEWS: saved views
 * @CITED_STORE_CHANGE_FEEDS: feed subscriptions and their state
 * @CITED_STORE_CHANGE_ALL: everything (a change made by another program,
 *   which says nothing of what it changed)
 *
 * What a write to a [class@Cited.Store] changed, as the
 * [signal@Cited.Store::changed] signal tells it and as
 * [method@Cited.Store.get_generation] counts it.
 */
typedef enum {
  CITED_STORE_CHANGE_NONE = 0,
  CITED_STORE_CHANGE_ARTICLES = 1 << 0,
  CITED_STORE_CHANGE_FIGURES = 1 << 1,
  CITED_STORE_CHANGE_MENTIONS = 1 << 2,
  CITED_STORE_CHANGE_BRANDS = 1 << 3,
  CITED_STORE_CHANGE_DISCOVERED = 1 << 4,
  CITED_STORE_CHANGE_VIEWS = 1 << 5,
  CITED_STORE_CHANGE_FEEDS = 1 << 6,
  CITED_STORE_CHANGE_ALL = (1 << 7) - 1,
} CitedStoreChange;

#define CITED_TYPE_STORE (cited_store_get_type ())
CITED_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CitedStore, cited_store, CITED, STORE, GObject)

/**
 * CitedFigureEdit:
 * A user's correction of one figure. Fields left NULL / NAN keep the
 * extractor's value. Edits are keyed by the article's content hash and the
 * figure's offset, so they survive re-extraction and re-import.
 */
typedef struct {
  double value;              /* NAN: unchanged */
  const char *brand;         /* NULL: unchanged; "" : no brand */
  const char *metric;        /* NULL: unchanged */
  CitedFigureStatus status;
  /* Added later: the other fields a user corrects, each only when its bit
   * is set in @fields (a zeroed edit changes none of them). A string may
   * be NULL (none): "up to 190 million" corrected to no qualifier. */
  CitedFigureEditFields fields;
  const char *unit;
  const char *currency;      /* ISO 4217 */
  const char *qualifier;
  const char *scope;
  int year;                  /* with CITED_EDIT_PERIOD: 0 for none */
  int quarter;               /* with CITED_EDIT_PERIOD: 0 for none */
  const char *measure;
  CitedChange change;
  CitedSpan span;
  CitedClaimStatus claim_status;
} CitedFigureEdit;

/* An edit on the heap, for bindings and for keeping one: its strings are
 * then its own. cited_figure_edit_new() changes nothing (value NAN);
 * cited_figure_edit_copy() copies any edit, strings included, and
 * cited_figure_edit_free() frees such an edit with its strings. */
#define CITED_TYPE_FIGURE_EDIT (cited_figure_edit_get_type ())
CITED_AVAILABLE_IN_ALL
GType            cited_figure_edit_get_type (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedFigureEdit *cited_figure_edit_new      (void);
CITED_AVAILABLE_IN_ALL
CitedFigureEdit *cited_figure_edit_copy     (const CitedFigureEdit *self);
CITED_AVAILABLE_IN_ALL
void             cited_figure_edit_free     (CitedFigureEdit       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedFigureEdit, cited_figure_edit_free)

/* The default database path: $CITED_DB, else <user data dir>/cited/cited.db. */
CITED_AVAILABLE_IN_ALL
char          *cited_store_default_path          (void);

/* Progress of long work in the store: @done of @total articles. */
typedef void (*CitedProgressFunc) (guint    done,
                                   guint    total,
                                   gpointer user_data);

/* Opens or creates the store at @path (NULL: the default path), runs pending
 * migrations. A database written by a newer Cited fails with
 * CITED_ERROR_DATABASE_TOO_NEW. The brand lexicon is the default lexicon
 * plus brands the user added (kept in the database). open_full reports
 * the progress of a migration that rebuilds the search index or compresses
 * the articles' text. */
CITED_AVAILABLE_IN_ALL
CitedStore    *cited_store_open                  (const char   *path,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
CitedStore    *cited_store_open_full             (const char   *path,
                                                  CitedProgressFunc func,
                                                  gpointer      user_data,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
const char    *cited_store_get_path              (CitedStore   *self);
CITED_AVAILABLE_IN_ALL
CitedLexicon  *cited_store_get_lexicon           (CitedStore   *self);

/* What changed and when: see lib/cited-store.c. */
CITED_AVAILABLE_IN_ALL
guint64        cited_store_get_generation        (CitedStore   *self,
                                                  CitedStoreChange changes);
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_check_changes         (CitedStore   *self);

/* Extracts figures and mentions for each article and inserts all of them in
 * one transaction. Articles whose content hash is already stored are skipped
 * and counted in @n_duplicates. Sets each inserted article's id. */
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_add_articles          (CitedStore   *self,
                                                  GPtrArray    *articles,
                                                  guint        *n_added,
                                                  guint        *n_duplicates,
                                                  GError      **error);
/* Deletes an article with its figures and mentions; edits of its figures
 * are kept and apply again if the same text is imported again. */
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_remove_article        (CitedStore   *self,
                                                  gint64        id,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
guint          cited_store_count_articles        (CitedStore   *self,
                                                  const CitedQuery *query,
                                                  GError      **error);
/**
 * CitedCorpusSummary:
 * What a store holds, as a report's title page says it: how many
 * articles, from how many sources (publishers or feeds), over which dates.
 */
typedef struct {
  guint n_articles;
  guint n_sources;           /* distinct non-empty sources */
  guint n_undated;           /* articles without a date */
  char *first_date;          /* "YYYY-MM-DD" of the earliest dated article, or NULL */
  char *last_date;           /* of the latest, or NULL */
} CitedCorpusSummary;

#define CITED_TYPE_CORPUS_SUMMARY (cited_corpus_summary_get_type ())
CITED_AVAILABLE_IN_ALL
GType          cited_corpus_summary_get_type     (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedCorpusSummary *cited_corpus_summary_copy    (const CitedCorpusSummary *summary);
CITED_AVAILABLE_IN_ALL
void           cited_corpus_summary_free         (CitedCorpusSummary *summary);
CITED_AVAILABLE_IN_ALL
void           cited_corpus_summary_clear        (CitedCorpusSummary *summary);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CitedCorpusSummary, cited_corpus_summary_clear)
/* Fills @summary (zero it first) with the counts and dates of every
 * stored article. */
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_summarize             (CitedStore         *self,
                                                  CitedCorpusSummary *summary,
                                                  GError            **error);
/* Articles without bodies (title, source, date, path, brands, n_figures,
 * snippet when query->search is set). */
CITED_AVAILABLE_IN_ALL
GPtrArray     *cited_store_list_articles         (CitedStore   *self,
                                                  const CitedQuery *query,
                                                  GError      **error);
/* Article ids only, in the query's order: cheap enough for 100,000 rows. */
CITED_AVAILABLE_IN_ALL
GArray        *cited_store_list_article_ids      (CitedStore   *self,
                                                  const CitedQuery *query,
                                                  GError      **error);
/* One article with its body and everything listing gives. */
CITED_AVAILABLE_IN_ALL
CitedArticle  *cited_store_get_article           (CitedStore   *self,
                                                  gint64        id,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
GPtrArray     *cited_store_list_figures          (CitedStore   *self,
                                                  const CitedQuery *query,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
CitedFigure   *cited_store_get_figure            (CitedStore   *self,
                                                  gint64        id,
                                                  GError      **error);
/* Brand mentions of one article (CitedMention, offsets into its body). */
CITED_AVAILABLE_IN_ALL
GArray        *cited_store_list_mentions         (CitedStore   *self,
                                                  gint64        article_id,
                                                  GError      **error);
/* Distinct metrics of non-rejected figures, most figures first. */
CITED_AVAILABLE_IN_ALL
GStrv          cited_store_list_metrics          (CitedStore   *self,
                                                  GError      **error);

/* Brands and sources of the stored articles (CitedCount), most articles
 * first, then by name ignoring case; none with no article. Both come
 * from indexes, cheap with 100,000 articles. */
CITED_AVAILABLE_IN_ALL
GPtrArray     *cited_store_count_brand_articles  (CitedStore   *self,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
GPtrArray     *cited_store_count_source_articles (CitedStore   *self,
                                                  GError      **error);
/* Years of the dated articles, newest first (a GArray of int). */
CITED_AVAILABLE_IN_ALL
GArray        *cited_store_list_years            (CitedStore   *self,
                                                  GError      **error);

/* Per-brand statistics (CitedBrandStats), most mentioned first; brands with
 * no mention are included at the end only when @include_unmentioned. */
CITED_AVAILABLE_IN_ALL
GPtrArray     *cited_store_brand_stats           (CitedStore   *self,
                                                  gboolean      include_unmentioned,
                                                  GError      **error);
/* Brands mentioned in the same articles as @brand: a GPtrArray of
 * CitedBrandStats where mentions = number of shared articles. */
CITED_AVAILABLE_IN_ALL
GPtrArray     *cited_store_brand_comentions      (CitedStore   *self,
                                                  const char   *brand,
                                                  GError      **error);
/* Mentions per month for @brand over dated articles: a GPtrArray of
 * CitedCount, one per month ("YYYY-MM") from the first to the last. */
CITED_AVAILABLE_IN_ALL
GPtrArray     *cited_store_brand_mentions_by_month (CitedStore *self,
                                                  const char   *brand,
                                                  GError      **error);

/* The reads above, in a worker thread over the store's read-only
 * connections (lib/cited-store-async.c). */
CITED_AVAILABLE_IN_ALL
void           cited_store_list_articles_async   (CitedStore          *self,
                                                  const CitedQuery    *query,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
CITED_AVAILABLE_IN_ALL
GPtrArray     *cited_store_list_articles_finish  (CitedStore          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
CITED_AVAILABLE_IN_ALL
void           cited_store_list_article_ids_async (CitedStore         *self,
                                                  const CitedQuery    *query,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
CITED_AVAILABLE_IN_ALL
GArray        *cited_store_list_article_ids_finish (CitedStore        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
CITED_AVAILABLE_IN_ALL
void           cited_store_list_figures_async    (CitedStore          *self,
                                                  const CitedQuery    *query,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
CITED_AVAILABLE_IN_ALL
GPtrArray     *cited_store_list_figures_finish   (CitedStore          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
CITED_AVAILABLE_IN_ALL
void           cited_store_list_metrics_async    (CitedStore          *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
CITED_AVAILABLE_IN_ALL
GStrv          cited_store_list_metrics_finish   (CitedStore          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
CITED_AVAILABLE_IN_ALL
void           cited_store_brand_stats_async     (CitedStore          *self,
                                                  gboolean             include_unmentioned,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
CITED_AVAILABLE_IN_ALL
GPtrArray     *cited_store_brand_stats_finish    (CitedStore          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
CITED_AVAILABLE_IN_ALL
void           cited_store_brand_mentions_by_month_async (CitedStore  *self,
                                                  const char          *brand,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
CITED_AVAILABLE_IN_ALL
GPtrArray     *cited_store_brand_mentions_by_month_finish (CitedStore *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Adds a brand to the user's lexicon (kept in the database) and re-scans
 * the stored articles that name it for mentions and figure attribution,
 * in short batches. */
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_add_brand             (CitedStore   *self,
                                                  const char   *name,
                                                  const char * const *aliases,
                                                  const char   *color,
                                                  GError      **error);

/* The brands editor. Each change to a brand (built-in or the user's) is
 * kept in the database, with the articles whose mentions and figures it
 * can move marked, in one transaction; the store's lexicon then has the
 * change, and the marked articles are re-extracted in short batches
 * (cited_store_reextract_pending()).
 * Unknown brands fail with CITED_ERROR_NOT_FOUND. See lib/cited-store.c. */
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_set_alias             (CitedStore   *self,
                                                  const char   *brand,
                                                  const char   *alias,
                                                  CitedAliasKind kind,
                                                  gboolean      on,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_exclude               (CitedStore   *self,
                                                  const char   *brand,
                                                  const char   *phrase,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_set_brand_color       (CitedStore   *self,
                                                  const char   *brand,
                                                  const char   *color,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_rename_brand          (CitedStore   *self,
                                                  const char   *brand,
                                                  const char   *new_name,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_remove_brand          (CitedStore   *self,
                                                  const char   *brand,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_merge_brand           (CitedStore   *self,
                                                  const char   *brand,
                                                  const char   *into,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
char          *cited_store_save_brands           (CitedStore   *self,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_restore_brands        (CitedStore   *self,
                                                  const char   *saved,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_reload_lexicon        (CitedStore   *self,
                                                  GError      **error);

CITED_AVAILABLE_IN_ALL
void           cited_store_set_progress_func     (CitedStore   *self,
                                                  CitedProgressFunc func,
                                                  gpointer      user_data);

/* Companies the extractor discovered in the articles, kept apart from the
 * user's lexicon (CitedDiscovered), undecided first. With
 * @include_decided, also those the user accepted, merged or hid. */
CITED_AVAILABLE_IN_ALL
GPtrArray     *cited_store_list_discovered       (CitedStore   *self,
                                                  gboolean      include_decided,
                                                  GError      **error);
/* The user's decisions about a discovered company. Each re-attributes the
 * figures and mentions found under the name in one transaction and
 * applies to articles stored later; user edits of figures are kept.
 * Accept makes the name a brand of the user's lexicon; merge gives what
 * was found under it to the brand @into; hide takes the brand off its
 * figures and its mentions out of every count; restore undoes a hide or a merge. An
 * unknown name fails with CITED_ERROR_NOT_FOUND. */
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_accept_discovered     (CitedStore   *self,
                                                  const char   *name,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_merge_discovered      (CitedStore   *self,
                                                  const char   *name,
                                                  const char   *into,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_hide_discovered       (CitedStore   *self,
                                                  const char   *name,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_restore_discovered    (CitedStore   *self,
                                                  const char   *name,
                                                  GError      **error);

/* User edits. Setting an edit replaces the previous one. To undo, read the
 * figure with cited_store_get_figure() first (its status, edited flag and
 * values) and set that back, or clear the edit.
 * cited_store_clear_figure_edit() returns the figure to the extractor's. */
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_set_figure_edit       (CitedStore   *self,
                                                  gint64        figure_id,
                                                  const CitedFigureEdit *edit,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_clear_figure_edit     (CitedStore   *self,
                                                  gint64        figure_id,
                                                  GError      **error);

/* Confirms the figures in @confirm and rejects those in @reject (gint64
 * ids) in one transaction, keeping the rest of their edits: how a user
 * marks one side of a contradiction right. */
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_judge_figures         (CitedStore   *self,
                                                  GArray       *confirm,
                                                  GArray       *reject,
                                                  GError      **error);

/* Re-runs the extractor over every stored article (after a lexicon or
 * extractor change); user edits are re-applied by key. */
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_reextract             (CitedStore   *self,
                                                  GCancellable *cancellable,
                                                  GError      **error);
/* Re-extraction runs in short batches and survives being stopped: the
 * articles left are counted here, and re-extracted by the second. */
CITED_AVAILABLE_IN_ALL
guint          cited_store_count_pending_extractions (CitedStore   *self,
                                                      GError      **error);
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_reextract_pending     (CitedStore   *self,
                                                  GCancellable *cancellable,
                                                  GError      **error);

/* Saved views: chart settings kept by name. Names are compared without
 * regard to case and keep the case they were given. Saving under a name
 * that exists replaces that view's settings (keeping when it was created);
 * settings->created, when set, is kept as the creation time (a view
 * deleted and then restored). Names must hold some text and no control
 * character (CITED_ERROR_INVALID); settings must pass
 * cited_chart_settings_check(). */
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_save_view             (CitedStore   *self,
                                                  const char   *name,
                                                  const CitedChartSettings *settings,
                                                  GError      **error);
/* Every saved view (CitedChartSettings with their names and times), by
 * name. */
CITED_AVAILABLE_IN_ALL
GPtrArray     *cited_store_list_views            (CitedStore   *self,
                                                  GError      **error);
/* The view called @name; CITED_ERROR_NOT_FOUND when there is none. */
CITED_AVAILABLE_IN_ALL
CitedChartSettings *cited_store_get_view         (CitedStore   *self,
                                                  const char   *name,
                                                  GError      **error);
/* Fails with CITED_ERROR_NOT_FOUND when @name is no view and with
 * CITED_ERROR_INVALID when another view is called @new_name already. */
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_rename_view           (CitedStore   *self,
                                                  const char   *name,
                                                  const char   *new_name,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_delete_view           (CitedStore   *self,
                                                  const char   *name,
                                                  GError      **error);

/**
 * CitedFeed:
 * A subscription to an RSS or Atom feed. Times are Unix seconds, 0 for
 * never.
 */
typedef struct {
  gint64 id;
  char *url;                 /* the address the user subscribed to */
  char *moved_to;            /* where a permanent redirect (301, 308) sent it, or NULL */
  char *title;               /* the user's name for it, else the feed's own, or NULL */
  char *etag;                /* of the last 200 response, for If-None-Match */
  char *last_modified;       /* of the last 200 response, for If-Modified-Since */
  gint64 last_success;       /* the last refresh that worked (200 or 304) */
  gint64 last_attempt;
  char *last_error;          /* why the last refresh failed, NULL when it worked */
  gint64 not_before;         /* the server asked not to be asked again before (Retry-After) */
  guint n_items;             /* articles stored from this feed */
  gboolean full_text;        /* fetch an item's page when the feed has only a summary */
} CitedFeed;

#define CITED_TYPE_FEED (cited_feed_get_type ())
CITED_AVAILABLE_IN_ALL
GType          cited_feed_get_type               (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedFeed     *cited_feed_copy                   (const CitedFeed *feed);
CITED_AVAILABLE_IN_ALL
void           cited_feed_free                   (CitedFeed    *feed);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedFeed, cited_feed_free)
/* The address a refresh fetches: @moved_to when set, else @url. */
CITED_AVAILABLE_IN_ALL
const char    *cited_feed_get_fetch_url          (const CitedFeed *feed);

/**
 * CitedFeedUpdate:
 * What one refresh of a feed found, for cited_store_update_feed().
 */
typedef struct {
  const char *error;         /* non-NULL: the refresh failed, nothing else but @not_before,
                              * @moved_to and the attempt time is recorded */
  gboolean not_modified;     /* 304: nothing changed */
  const char *etag;
  const char *last_modified;
  const char *moved_to;      /* a permanent redirect's target, or NULL */
  const char *title;         /* the feed's own title; kept only when the feed has none */
  gint64 not_before;         /* 0: none */
  GPtrArray *articles;       /* CitedArticle, may be NULL */
  GPtrArray *keys;           /* per article: a NULL-terminated GStrv of identities
                              * ("guid …", "link …"); an article one of whose
                              * identities is known already is not stored again */
} CitedFeedUpdate;

/* Subscriptions. Adding an address subscribed already fails with
 * CITED_ERROR_INVALID; @id is set to the new subscription's. */
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_add_feed              (CitedStore   *self,
                                                  const char   *url,
                                                  const char   *title,
                                                  gint64       *id,
                                                  GError      **error);
/* Every subscription (CitedFeed), by title then address. */
CITED_AVAILABLE_IN_ALL
GPtrArray     *cited_store_list_feeds            (CitedStore   *self,
                                                  GError      **error);
/* The subscription whose address (subscribed or moved to) or title is
 * @name; CITED_ERROR_NOT_FOUND when there is none. */
CITED_AVAILABLE_IN_ALL
CitedFeed     *cited_store_find_feed             (CitedStore   *self,
                                                  const char   *name,
                                                  GError      **error);
/* Removes a subscription; the articles it brought stay. */
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_remove_feed           (CitedStore   *self,
                                                  gint64        id,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_rename_feed           (CitedStore   *self,
                                                  gint64        id,
                                                  const char   *title,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_set_feed_full_text    (CitedStore   *self,
                                                  gint64        id,
                                                  gboolean      full_text,
                                                  GError      **error);
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_knows_feed_item       (CitedStore   *self,
                                                  const char * const *keys,
                                                  gboolean     *known,
                                                  GError      **error);
/* Records a refresh: its new articles (extracted and stored as imported
 * ones), their identities and the feed's state, all in one transaction, so
 * that a refresh that fails part way leaves the store as it was. */
CITED_AVAILABLE_IN_ALL
gboolean       cited_store_update_feed           (CitedStore   *self,
                                                  gint64        id,
                                                  const CitedFeedUpdate *update,
                                                  guint        *n_added,
                                                  GError      **error);

G_END_DECLS
