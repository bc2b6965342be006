/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-macros.h"

#include "cited-extractor.h"
#include "cited-figure-model.h"
#include "cited-store.h"

G_BEGIN_DECLS

/* Not installed and not part of the API: what the tests (the
 * CITED_PRIVATE_API functions) and the importer (the rest, not exported)
 * need of the store beyond cited-store.h. */

/* Stores @article with @extraction as if the extractor had produced it, in
 * one transaction: what the store does with an extraction (discovered
 * companies, the user's decisions about them) can then be tested apart
 * from what the extractor finds. Fails with CITED_ERROR_INVALID when the
 * same text is stored already. */
CITED_PRIVATE_API
gboolean cited_store_add_extracted (CitedStore             *self,
                                    CitedArticle           *article,
                                    const CitedExtraction  *extraction,
                                    GError                **error);

/* An article as a list shows it (cited_store_get_article() without the
 * body, which is neither read nor decompressed) or, with @with_body, with
 * it: for CitedArticleList's rows, which need the body only for a
 * search's snippet. */
CitedArticle *cited_store_get_listed_article    (CitedStore  *self,
                                                  gint64       id,
                                                  gboolean     with_body,
                                                  GError     **error);

/* How many articles @query lists (@total) and the ids of the first @max
 * of them, read in one transaction: what a list needs for its first
 * frame, where the ids of a million articles take a tenth of a second and
 * more to read. */
GArray       *cited_store_list_article_ids_head (CitedStore        *self,
                                                  const CitedQuery  *query,
                                                  guint              max,
                                                  guint             *total,
                                                  GError           **error);

/* cited_store_list_article_ids() as guint32, half the memory (4 MB for a
 * million articles): an empty array, with *@fits FALSE, when an id does
 * not fit in 32 bits. */
GArray       *cited_store_list_article_ids32    (CitedStore        *self,
                                                  const CitedQuery  *query,
                                                  gboolean          *fits,
                                                  GError           **error);

/* What the extraction scheduler (cited-scheduler-private.h) needs of the
 * store: the store only stores what the scheduler extracted. */

/* The lexicon to extract with, read again when another connection changed
 * the brands, and its generation (the count of changes to the brands) for
 * the write that follows. */
CitedLexicon *cited_store_dup_extraction_lexicon (CitedStore  *self,
                                                  gint64      *generation,
                                                  GError     **error);
/* Sets @skip[i] for each article of @articles that need not be extracted:
 * stored already (by its text, or by one of its feed identities @keys[i]
 * when @keys is not NULL) or repeated in the batch. Makes the articles'
 * text valid UTF-8 and fills their hashes; fails with
 * CITED_ERROR_TOO_LARGE when one is too large to store. */
gboolean      cited_store_find_new_articles     (CitedStore  *self,
                                                  GPtrArray   *articles,
                                                  GPtrArray   *keys,
                                                  gboolean    *skip,
                                                  GError     **error);
typedef struct _CitedExtractJob CitedExtractJob;

/* Stores the new articles of @articles with the extractions (and
 * compressed bodies) of @job (cited_scheduler_submit_full() with
 * compress_bodies) in one transaction, each article written as soon as its
 * extraction is done. Sets @stale and writes nothing when the brands
 * changed since @generation or an article lacks its extraction; the
 * caller extracts again. */
gboolean      cited_store_add_extract_job       (CitedStore      *self,
                                                  GPtrArray       *articles,
                                                  CitedExtractJob *job,
                                                  gint64           generation,
                                                  gboolean        *stale,
                                                  guint           *n_added,
                                                  guint           *n_duplicates,
                                                  GError         **error);
/* cited_store_update_feed() with the extractions of @update's articles
 * made, as cited_store_add_extract_job(). */
gboolean      cited_store_update_feed_extracted (CitedStore             *self,
                                                  gint64                  id,
                                                  const CitedFeedUpdate  *update,
                                                  GPtrArray              *extractions,
                                                  gint64                  generation,
                                                  gboolean               *stale,
                                                  guint                  *n_added,
                                                  GError                **error);
/* Up to @max articles marked for re-extraction whose ids come after
 * @after, with their text, in the order of their ids. */
GPtrArray    *cited_store_read_pending          (CitedStore  *self,
                                                  gint64       after,
                                                  guint        max,
                                                  GError     **error);
/* Replaces the figures and mentions of those of @articles still marked
 * with @extractions and clears their marks, in one transaction, unless
 * the brands changed since @generation (@stale). */
gboolean      cited_store_write_reextracted     (CitedStore  *self,
                                                  GPtrArray   *articles,
                                                  GPtrArray   *extractions,
                                                  gint64       generation,
                                                  gboolean    *stale,
                                                  GError     **error);
/* What CitedFigureModel reads (cited-figure-model.c): the figures of
 * @query (its filters only) that hold @contains in their text, sentence or
 * article title, counted, read @limit rows from @offset in the order of
 * @sort, or the position of one of them in that order (G_MAXUINT: not
 * among them). */
gboolean      cited_store_count_figure_rows     (CitedStore       *self,
                                                  const CitedQuery *query,
                                                  const char       *contains,
                                                  guint            *n_rows,
                                                  GError          **error);
GPtrArray    *cited_store_read_figure_rows      (CitedStore       *self,
                                                  const CitedQuery *query,
                                                  const char       *contains,
                                                  CitedFigureSort   sort,
                                                  gboolean          descending,
                                                  guint             offset,
                                                  guint             limit,
                                                  GError          **error);
/* The ids of the figures of @query and @contains in the order of @sort:
 * one read of every row's id, from which the rows are then read by id
 * (cited_store_read_figures_by_id(), in the order of @ids; those gone
 * since are left out). The ids are guint32, 12 MB for 3,000,000 figures;
 * the array is empty when an id does not fit (rows are then read by
 * their place in the order). */
GArray       *cited_store_read_figure_row_ids   (CitedStore       *self,
                                                  const CitedQuery *query,
                                                  const char       *contains,
                                                  CitedFigureSort   sort,
                                                  gboolean          descending,
                                                  GError          **error);
GPtrArray    *cited_store_read_figures_by_id    (CitedStore       *self,
                                                  const gint64     *ids,
                                                  guint             n_ids,
                                                  GError          **error);
gboolean      cited_store_find_figure_row       (CitedStore       *self,
                                                  const CitedQuery *query,
                                                  const char       *contains,
                                                  CitedFigureSort   sort,
                                                  gboolean          descending,
                                                  gint64            figure_id,
                                                  guint            *position,
                                                  GError          **error);
/* The Figures page's filter menus: how many figures (rejected ones too)
 * each brand (as corrected) and each article source has, most first
 * (CitedCount). */
CITED_PRIVATE_API
GPtrArray    *cited_store_count_figure_brands   (CitedStore       *self,
                                                  GError          **error);
CITED_PRIVATE_API
GPtrArray    *cited_store_count_figure_sources  (CitedStore       *self,
                                                  GError          **error);
/* Groups the store's figures (every one but the rejected) into claims, as
 * cited_store_list_claims() does, a run of figures that share everything
 * a claim's figures share but brand and scope at a time, read without
 * their sentences and their articles' titles and paths, and calls @func
 * with the claims of each run (CitedClaim, freed after): the claims of a
 * large store in a fraction of the memory. */
typedef void (*CitedClaimsFunc) (GPtrArray *claims,
                                 gpointer   user_data);
gboolean      cited_store_foreach_claims        (CitedStore       *self,
                                                  CitedClaimsFunc   func,
                                                  gpointer          user_data,
                                                  GCancellable     *cancellable,
                                                  GError          **error);
/* The claims of the figures that share a claim key (cited_claim_key_of())
 * with one of @figures: for each such key, every figure of the store with
 * that key (rejected ones aside) grouped as cited_store_list_claims()
 * groups them, so the claims are the same; @func is called once per key.
 * Reads as many figures as share the keys, not every figure. */
gboolean      cited_store_foreach_claims_of     (CitedStore       *self,
                                                  GPtrArray        *figures,
                                                  CitedClaimsFunc   func,
                                                  gpointer          user_data,
                                                  GCancellable     *cancellable,
                                                  GError          **error);
/* What every figure of one claim shares (cited-claims.c): brand (case
 * folded), measure, change, direction, span, status, scope, period and
 * currency. */
char         *cited_claim_key_of                (const CitedFigure *figure);
/* What a figure measures, as its claim key has it: its measure ("profit"
 * in "profits fell 5%"), else its metric, else "" (a figure that
 * measures nothing, which is part of no claim). */
const char   *cited_claim_measure_of            (const CitedFigure *figure);
/* Calls the progress function set with cited_store_set_progress_func(). */
void          cited_store_report_progress       (CitedStore  *self,
                                                  guint        done,
                                                  guint        total);

/* Lowers the longest title or body the store accepts (SQLite's length
 * limit, a gigabyte, by default), so that tests can reach the limit with
 * small articles. cited_store_add_articles() refuses a batch holding a
 * longer article with CITED_ERROR_TOO_LARGE and writes nothing. */
CITED_PRIVATE_API
void     cited_store_set_max_text  (CitedStore             *self,
                                    gsize                   max_text);

/* cited_store_list_figures(), or with @texts FALSE the figures without
 * their sentences and their articles' titles and paths (NULL): a chart
 * of a metric reads every figure of it, a hundred thousand and more in a
 * large store, and quotes only those it draws. */
CITED_PRIVATE_API
GPtrArray *cited_store_list_figures_full (CitedStore        *self,
                                          const CitedQuery  *query,
                                          gboolean           texts,
                                          GError           **error);

/* cited_store_list_claims() with figures read without their texts (see
 * cited_store_list_figures_full()): for what shows the claims' values,
 * such as a company's card on the Brands page. */
CITED_PRIVATE_API
GPtrArray *cited_store_list_claims_without_texts (CitedStore        *store,
                                                  const CitedQuery  *query,
                                                  GError           **error);

/* Reads the sentence and the article's title and path of each of
 * @figures (CitedFigure) that has no sentence yet. */
CITED_PRIVATE_API
gboolean cited_store_fill_figure_texts (CitedStore  *self,
                                        GPtrArray   *figures,
                                        GError     **error);

/* Moves what the write-ahead log holds into the database and cuts the log
 * back to nothing, waiting a moment at most for readers: after an import,
 * so that a large one leaves no log as large as its changes behind. Also
 * gives back the page cache the import raised. */
void     cited_store_checkpoint    (CitedStore             *self);

/* Whether a search term's last word also finds the words it begins
 * ("phone" finds "phones", "profit" "profitable"): terms of three letters
 * or digits or more that end in a letter of an alphabetic script. The
 * search and the app's highlighting of search words agree on it. */
CITED_PRIVATE_API
gboolean cited_search_term_is_prefix (const char *term);

/* Reads in worker threads over a pool of read-only connections
 * (cited-store-async.c). @func runs in a worker thread with one of
 * @self's readers (a store of its own on the same file, read-only, with
 * the database's brands), or, for a store without a file, with @self in
 * the calling thread; it returns its result or NULL with @error set.
 * @result_free frees a result nobody takes (the read was cancelled).
 * Cited's pages build what they show this way. */
typedef gpointer (*CitedStoreReadFunc) (CitedStore    *reader,
                                        gpointer       data,
                                        GCancellable  *cancellable,
                                        GError       **error);

CITED_PRIVATE_API
void     cited_store_read_async    (CitedStore            *self,
                                    CitedStoreReadFunc     func,
                                    gpointer               data,
                                    GDestroyNotify         data_free,
                                    GDestroyNotify         result_free,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data);
CITED_PRIVATE_API
gpointer cited_store_read_finish   (CitedStore            *self,
                                    GAsyncResult          *result,
                                    GError               **error);
/* Makes ready, in the calling thread, what the first of @self's reads
 * would otherwise make in the caller's: the readers' shared copy of the
 * brands. The app calls it in the thread that opened the store, before
 * its window's first read. */
CITED_PRIVATE_API
void     cited_store_prepare_reads (CitedStore            *self);

/* What cited-store-async.c needs of a store. */
gboolean    cited_store_has_file           (CitedStore     *self);
gint64      cited_store_get_lexicon_generation (CitedStore *self);
gpointer    cited_store_ensure_reader_pool (CitedStore     *self,
                                            gpointer      (*create) (CitedStore *self),
                                            GDestroyNotify  destroy);
CitedStore *cited_store_open_reader        (CitedStore     *parent,
                                            GError        **error);
gboolean    cited_store_reader_begin       (CitedStore     *self,
                                            GMutex         *lock,
                                            CitedLexicon  **shared,
                                            gint64         *shared_generation,
                                            GCancellable   *cancellable,
                                            GError        **error);
void        cited_store_reader_end         (CitedStore     *self);

G_END_DECLS
