/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-store"
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "cited-body-private.h"
#include "cited-chart-settings.h"
#include "cited-claims.h"
#include "cited-enum-types.h"
#include "cited-error.h"
#include "cited-extractor.h"
#include "cited-fts-private.h"
#include "cited-scheduler-private.h"
#include "cited-store.h"
#include "cited-store-private.h"
#include "cited-types-private.h"
#include "cited-value.h"

/* "CITD": tells our databases from other SQLite files. */
#define CITED_APPLICATION_ID 0x43495444

/* Distinct search terms that count; more would only slow the query down
 * (snippets over repeated phrases) or overflow SQLite's expression tree. */
#define MAX_SEARCH_TERMS 32

#define N_CHANGE_KINDS 7

/* What a store has been told of commits, shared with the other stores of
 * the process on the same file (whose commits are ours too) and with the
 * idle that emits ::changed: it outlives the store as long as they hold
 * it. @store is cleared when the store goes away. */
typedef struct {
  GMutex            lock;
  CitedStore       *store;
  GMainContext     *context;       /* where ::changed is emitted */
  char             *path;          /* in the registry under it; NULL: in-memory, alone */
  guint64           generations[N_CHANGE_KINDS];
  CitedStoreChange  pending;       /* committed, not yet emitted */
  guint             sibling_commits;
} ChangeState;

typedef enum {
  MIGRATION_WORK_NONE,
  MIGRATION_WORK_REINDEX,
  MIGRATION_WORK_COMPRESS,
} MigrationWork;

/* SQLite's page caches, in KiB. The file's pages are in the system's
 * cache anyway; what these keep are the pages a connection reads again
 * and again (the upper levels of the indexes), which a few MB hold. They
 * are small so that the app's memory does not grow with the store: at
 * 1,000,000 articles, 64 MB for the main connection and 32 MB for each of
 * the three readers filled as the pages were browsed, 137 MB of the app's
 * growth from 10,000 articles; with 16 and 8 MB, still 26 MB of it. At
 * 4 MB each the searches, the Figures page and the Brands page at a
 * million articles were as fast (README, "Peak memory, second pass").
 * An import raises the main connection's cache while it writes (the
 * indexes it inserts into with keys in no order, the hash, the title
 * and the dates, are larger than a small cache at that size, and each
 * insert would read a page back) and cited_store_checkpoint() gives it
 * back at the end. */
#define BROWSE_CACHE_KIB 4096
#define READER_CACHE_KIB 4096
#define WRITE_CACHE_KIB 65536

struct _CitedStore
{
  GObject       parent_instance;

  char         *path;
  sqlite3      *db;
  GHashTable   *stmts;      /* SQL text -> sqlite3_stmt, one cache per connection */
  CitedLexicon *lexicon;
  gsize         max_text;   /* the longest title or body stored; SQLite's limit by default */
  gint64        lexicon_generation;  /* lexicon_generation.n @lexicon was read at */
  CitedProgressFunc progress_func;
  gpointer      progress_data;
  /* What the open write transaction changed, from SQLite's update hook. */
  CitedStoreChange tx_changes;
  CitedStoreChange committing;     /* committed, not yet on disk (WAL) */
  gboolean          wal;            /* told of commits by the WAL hook */
  gboolean          write_cache;    /* the cache raised for an import */
  ChangeState  *changes;
  gint64        data_version;      /* PRAGMA data_version at the last check */
  guint         checked_siblings;  /* changes->sibling_commits at the last check */

  /* cited-store-async.c's read-only connections, made on the first read. */
  gpointer      reader_pool;
  GDestroyNotify reader_pool_free;

  /* What the open write transaction added to brand_totals and
   * metric_totals, written when it commits: exact brand -> BrandDelta,
   * exact metric -> gint64. */
  GHashTable   *brand_deltas;
  GHashTable   *metric_deltas;
  /* … and to brand_pairs: "brand\x1fother" -> gint64. */
  GHashTable   *pair_deltas;
  /* … and to article_total: articles written less articles deleted. */
  gint64        article_delta;

  /* What the migration step being run does article by article, for its
   * progress: rebuilding the full-text index (two columns tokenized per
   * article) or compressing the bodies (one row per article). */
  MigrationWork migration_work;
  guint         migration_units;   /* columns tokenized or rows compressed so far */
  guint         migration_total;   /* articles */

  CitedBodyEncoder *body_encoder;  /* made on the first article stored */

  /* Every article's id, newest first (the lists' default order), read
   * once and kept while the database is as it was then: a search lists
   * its matches in this order without reading an article row or sorting
   * (see list_matches_by_date()). Valid while PRAGMA data_version (other
   * connections' commits) and this connection's own count of changes are
   * what they were when it was read. */
  GArray       *date_order;        /* guint32 */
  gint64        date_order_max_id;
  gint64        date_order_version;
  sqlite3_int64 date_order_changes;
};

/**
 * CitedStore:
 *
 * The SQLite database that keeps a user's articles, the figures and brand
 * mentions found in them, the user's corrections, brands, feeds and saved
 * views.
 *
 * Open one with [func@Cited.Store.open]; add articles with
 * [func@Cited.import_paths] (which reads files and runs the extractor) or
 * [method@Cited.Store.add_articles]; read them back with
 * [method@Cited.Store.list_articles] and [method@Cited.Store.list_figures],
 * filtered by a [struct@Cited.Query].
 *
 * A store is one connection, used from one thread at a time: a worker
 * thread that writes opens its own store on the same path. Reads need no
 * store of their own: the `_async` ones
 * ([method@Cited.Store.list_articles_async] and the others) run in worker
 * threads over read-only connections the store opens once and keeps.
 * What a write changed, whichever store of the process made it, is told
 * by [signal@Cited.Store::changed] and counted by
 * [method@Cited.Store.get_generation].
 */
G_DEFINE_FINAL_TYPE (CitedStore, cited_store, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (CitedFigureEdit, cited_figure_edit, cited_figure_edit_copy, cited_figure_edit_free)
G_DEFINE_BOXED_TYPE (CitedCorpusSummary, cited_corpus_summary,
                     cited_corpus_summary_copy, cited_corpus_summary_free)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/*
 * The schema, as an ordered list of migrations. Step N brings a database
 * from user_version N-1 to N; never edit a step once released, add one.
 *
 * Bodies live in their own table so that listing, counting and sorting
 * 100,000 articles never reads article text; since step 15 they are
 * compressed one by one and read through cited_body()
 * (cited-body-private.h). The full-text index is FTS5
 * as an external-content table over a view of title and body, with
 * Cited's own tokenizer (cited-fts.c, since step 12; trigram before). Not
 * unicode61, which splits on spaces only and so cannot find a Chinese word
 * inside a sentence written without them (小米汽车), nor a brand inside
 * run-together words left by stripped links ("XiaomiCars"): the tokenizer
 * indexes CJK text as characters and bigrams and splits words at case
 * changes and digits as well. Terms without any letter, digit or CJK
 * character ("%", "&") are not in the index; the queries below match them
 * with cited_contains() restricted by the other terms.
 *
 * Mentions are also kept aggregated per article and brand
 * (article_brands), which answers brand filters, "brands of this article"
 * and brand statistics from an index. User edits are keyed by the
 * article's content hash and the figure's offset and text, not by row ids,
 * so they survive re-extraction and deleting and re-importing an article.
 */
static const char * const migrations[] = {
  /* 1 */
  "CREATE TABLE articles ("
  "  id        INTEGER PRIMARY KEY,"
  "  title     TEXT NOT NULL DEFAULT '',"
  "  source    TEXT,"
  "  published TEXT,"
  "  path      TEXT,"
  "  language  TEXT,"
  "  hash      TEXT NOT NULL UNIQUE,"
  "  added     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "CREATE INDEX articles_published ON articles (published);"
  "CREATE INDEX articles_title ON articles (title COLLATE NOCASE);"
  "CREATE TABLE article_bodies ("
  "  id   INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,"
  "  body TEXT NOT NULL"
  ");"
  "CREATE VIEW article_text AS"
  "  SELECT a.id AS id, a.title AS title, b.body AS body"
  "  FROM articles a JOIN article_bodies b ON b.id = a.id;"
  "CREATE VIRTUAL TABLE articles_fts USING fts5 ("
  "  title, body,"
  "  content = 'article_text', content_rowid = 'id',"
  "  tokenize = 'trigram case_sensitive 0'"
  ");"
  "CREATE TABLE figures ("
  "  id             INTEGER PRIMARY KEY,"
  "  article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  value          REAL,"
  "  value_max      REAL,"
  "  unit           TEXT,"
  "  currency       TEXT,"
  "  qualifier      TEXT,"
  "  metric         TEXT,"
  "  scope          TEXT,"
  "  year           INTEGER NOT NULL DEFAULT 0,"
  "  quarter        INTEGER NOT NULL DEFAULT 0,"
  "  brand          TEXT COLLATE NOCASE,"
  "  text           TEXT NOT NULL DEFAULT '',"
  "  sentence       TEXT,"
  "  language       TEXT,"
  "  start          INTEGER NOT NULL,"
  "  end            INTEGER NOT NULL,"
  "  sentence_start INTEGER NOT NULL DEFAULT 0,"
  "  sentence_end   INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX figures_article ON figures (article_id, start);"
  "CREATE INDEX figures_brand ON figures (brand);"
  "CREATE INDEX figures_metric ON figures (metric COLLATE NOCASE);"
  "CREATE TABLE mentions ("
  "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  brand      TEXT NOT NULL COLLATE NOCASE,"
  "  start      INTEGER NOT NULL,"
  "  end        INTEGER NOT NULL"
  ");"
  "CREATE INDEX mentions_article ON mentions (article_id, start);"
  "CREATE TABLE article_brands ("
  "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  brand      TEXT NOT NULL COLLATE NOCASE,"
  "  n          INTEGER NOT NULL,"
  "  PRIMARY KEY (article_id, brand)"
  ") WITHOUT ROWID;"
  "CREATE INDEX article_brands_brand ON article_brands (brand, article_id);"
  "CREATE TABLE brands ("
  "  id    INTEGER PRIMARY KEY,"
  "  name  TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  color TEXT"
  ");"
  "CREATE TABLE brand_aliases ("
  "  brand_id INTEGER NOT NULL REFERENCES brands (id) ON DELETE CASCADE,"
  "  alias    TEXT NOT NULL,"
  "  PRIMARY KEY (brand_id, alias)"
  ") WITHOUT ROWID;"
  "CREATE TABLE figure_edits ("
  "  article_hash TEXT NOT NULL,"
  "  start        INTEGER NOT NULL,"
  "  text         TEXT NOT NULL,"
  "  value        REAL,"
  "  brand        TEXT,"
  "  metric       TEXT,"
  "  status       INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (article_hash, start, text)"
  ");",

  /* 2: oldest first with undated articles last, straight from an index. */
  "CREATE INDEX articles_published_nulls_last ON articles ((published IS NULL), published);",

  /* 3: a figure whose currency was taken from its article says so. */
  "ALTER TABLE figures ADD COLUMN currency_inferred INTEGER NOT NULL DEFAULT 0;",

  /* 4: companies the extractor discovered in the text, apart from the
   * user's brands, with the user's decision about each. Mentions and
   * figures remember the name they were discovered under, so a decision
   * can move them (merge), drop them (hide) or give them back (undo).
   * Mentions of a hidden name are kept aside, out of every count, so that
   * undoing needs no new extraction. */
  "CREATE TABLE discovered ("
  "  name                TEXT PRIMARY KEY COLLATE NOCASE,"
  "  status              TEXT NOT NULL DEFAULT 'new'"
  "                      CHECK (status IN ('new', 'accepted', 'hidden', 'merged')),"
  "  merged_into         TEXT,"
  "  example             TEXT,"
  "  example_from_figure INTEGER NOT NULL DEFAULT 0,"
  "  first_seen          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "ALTER TABLE mentions ADD COLUMN discovered_as TEXT COLLATE NOCASE;"
  "ALTER TABLE figures ADD COLUMN discovered_as TEXT COLLATE NOCASE;"
  "CREATE INDEX mentions_discovered ON mentions (discovered_as) WHERE discovered_as IS NOT NULL;"
  "CREATE INDEX figures_discovered ON figures (discovered_as) WHERE discovered_as IS NOT NULL;"
  "CREATE TABLE hidden_mentions ("
  "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  name       TEXT NOT NULL COLLATE NOCASE,"
  "  start      INTEGER NOT NULL,"
  "  end        INTEGER NOT NULL"
  ");"
  "CREATE INDEX hidden_mentions_name ON hidden_mentions (name);"
  "CREATE INDEX hidden_mentions_article ON hidden_mentions (article_id);",

  /* 5: what a figure
   * states. The measure of a change ("profit" in "profits fell 5%"), and
   * CitedChange, CitedDirection, CitedSpan and CitedClaimStatus by value;
   * figures stored before read as reported period levels until their
   * article is extracted again. */
  "ALTER TABLE figures ADD COLUMN measure TEXT;"
  "ALTER TABLE figures ADD COLUMN change_kind INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE figures ADD COLUMN direction INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE figures ADD COLUMN span INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE figures ADD COLUMN claim_status INTEGER NOT NULL DEFAULT 0;",

  /* 6: a figure that names no period and speaks of the present takes its
   * article's year, and says so. */
  "ALTER TABLE figures ADD COLUMN period_inferred INTEGER NOT NULL DEFAULT 0;",

  /* 7: a count of changes to the user's brands, kept by triggers. Each
   * connection remembers the count its lexicon was read at and, inside
   * each write transaction that extracts, reads the lexicon again when
   * the count moved: a brand added by another connection (cited-cli
   * during the app's import) is then used for every article stored after
   * it, while the articles stored before it are re-scanned by the
   * addition itself. */
  "CREATE TABLE lexicon_generation ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  n  INTEGER NOT NULL"
  ");"
  "INSERT INTO lexicon_generation (id, n) VALUES (1, 0);"
  "CREATE TRIGGER brands_inserted AFTER INSERT ON brands"
  "  BEGIN UPDATE lexicon_generation SET n = n + 1; END;"
  "CREATE TRIGGER brands_updated AFTER UPDATE ON brands"
  "  BEGIN UPDATE lexicon_generation SET n = n + 1; END;"
  "CREATE TRIGGER brands_deleted AFTER DELETE ON brands"
  "  BEGIN UPDATE lexicon_generation SET n = n + 1; END;"
  "CREATE TRIGGER brand_aliases_inserted AFTER INSERT ON brand_aliases"
  "  BEGIN UPDATE lexicon_generation SET n = n + 1; END;"
  "CREATE TRIGGER brand_aliases_updated AFTER UPDATE ON brand_aliases"
  "  BEGIN UPDATE lexicon_generation SET n = n + 1; END;"
  "CREATE TRIGGER brand_aliases_deleted AFTER DELETE ON brand_aliases"
  "  BEGIN UPDATE lexicon_generation SET n = n + 1; END;",

  /* 8: a user corrects every field of a figure; @fields says which of
   * these columns hold a correction (CitedFigureEditFields). */
  "ALTER TABLE figure_edits ADD COLUMN fields INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE figure_edits ADD COLUMN unit TEXT;"
  "ALTER TABLE figure_edits ADD COLUMN currency TEXT;"
  "ALTER TABLE figure_edits ADD COLUMN qualifier TEXT;"
  "ALTER TABLE figure_edits ADD COLUMN scope TEXT;"
  "ALTER TABLE figure_edits ADD COLUMN year INTEGER;"
  "ALTER TABLE figure_edits ADD COLUMN quarter INTEGER;"
  "ALTER TABLE figure_edits ADD COLUMN measure TEXT;"
  "ALTER TABLE figure_edits ADD COLUMN change_kind INTEGER;"
  "ALTER TABLE figure_edits ADD COLUMN span INTEGER;"
  "ALTER TABLE figure_edits ADD COLUMN claim_status INTEGER;",

  /* 9 */
  /* The user's brands editor: a brand may rename a built-in one
   * (@replaces) or take it away (@removed); each alias is the company's
   * name, one of its people or one of its products, and counts only when
   * @enabled (a row for a built-in alias overrides the built-in state);
   * exclusions are what is not the brand ("Android is not Google"). */
  "ALTER TABLE brands ADD COLUMN replaces TEXT;"
  "ALTER TABLE brands ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE brand_aliases ADD COLUMN kind TEXT NOT NULL DEFAULT 'name'"
  "  CHECK (kind IN ('name', 'person', 'product'));"
  "ALTER TABLE brand_aliases ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;"
  "CREATE TABLE brand_exclusions ("
  "  brand_id INTEGER NOT NULL REFERENCES brands (id) ON DELETE CASCADE,"
  "  phrase   TEXT NOT NULL,"
  "  PRIMARY KEY (brand_id, phrase)"
  ") WITHOUT ROWID;"
  "CREATE TRIGGER brand_exclusions_inserted AFTER INSERT ON brand_exclusions"
  "  BEGIN UPDATE lexicon_generation SET n = n + 1; END;"
  "CREATE TRIGGER brand_exclusions_deleted AFTER DELETE ON brand_exclusions"
  "  BEGIN UPDATE lexicon_generation SET n = n + 1; END;",

  /* 10: saved views: a chart's settings (cited_chart_settings_to_json())
   * kept by a name unique whatever its case. Times are Unix seconds. */
  "CREATE TABLE views ("
  "  id       INTEGER PRIMARY KEY,"
  "  name     TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  settings TEXT NOT NULL,"
  "  created  INTEGER NOT NULL,"
  "  updated  INTEGER NOT NULL"
  ");",

  /* 11: feed subscriptions, and the identities (guid, link) of the items
   * stored from feeds, so that an item is stored once whichever feed
   * brings it and however often. Times are Unix seconds. */
  "CREATE TABLE feeds ("
  "  id            INTEGER PRIMARY KEY,"
  "  url           TEXT NOT NULL UNIQUE,"
  "  moved_to      TEXT,"
  "  title         TEXT,"
  "  etag          TEXT,"
  "  last_modified TEXT,"
  "  last_success  INTEGER NOT NULL DEFAULT 0,"
  "  last_attempt  INTEGER NOT NULL DEFAULT 0,"
  "  last_error    TEXT,"
  "  not_before    INTEGER NOT NULL DEFAULT 0,"
  "  n_items       INTEGER NOT NULL DEFAULT 0,"
  "  full_text     INTEGER NOT NULL DEFAULT 0,"
  "  added         INTEGER NOT NULL"
  ");"
  "CREATE TABLE feed_items ("
  "  key     TEXT PRIMARY KEY,"
  "  feed_id INTEGER REFERENCES feeds (id) ON DELETE SET NULL"
  ") WITHOUT ROWID;",

  /* 12: the full-text index with Cited's own tokenizer (cited-fts.c)
   * instead of trigram: words, their case and letter/digit parts, and CJK
   * characters with their bigrams. A third of the size, several times
   * faster to build, and one- and two-character terms are in the index.
   * The index is rebuilt from the articles in this step's transaction. */
  "DROP TABLE articles_fts;"
  "CREATE VIRTUAL TABLE articles_fts USING fts5 ("
  "  title, body,"
  "  content = 'article_text', content_rowid = 'id',"
  "  tokenize = 'cited'"
  ");"
  "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');",

  /* 13: re-extraction in short batches. The articles marked here are
   * re-extracted a batch per transaction (cited-scheduler.c) and their
   * marks cleared with their new figures, so that a re-extraction stopped
   * half-way is finished by the next process that opens the store. The
   * extractor's version (CITED_EXTRACTOR_VERSION) the articles were
   * extracted by: 1 is the extractor of this step; a store opened by a
   * newer one has every article marked. */
  "CREATE TABLE pending_extractions ("
  "  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE"
  ");"
  "CREATE TABLE extractor_version ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  n  INTEGER NOT NULL"
  ");"
  "INSERT INTO extractor_version (id, n) VALUES (1, 1);",

  /* 14: per-brand and per-metric totals, so that the Brands page and the
   * metric lists read a row per brand instead of grouping every mention
   * and figure. The store keeps them in the transaction of every write
   * to article_brands and figures (see "Brand and metric totals" below):
   * not by triggers, which made every row of an import run in a statement
   * journal of its own and the import a quarter slower. Keys are exact
   * spellings, grouped case-insensitively when read as the counted
   * columns are; a total that falls to zero keeps its row (the readers
   * skip it) rather than being deleted and made again by the next
   * re-extraction. Figures are counted under their extracted brand and
   * metric: the user's edits, few and keyed by article and offset, are
   * folded in by the readers (see cited_store_brand_stats()). */
  "CREATE TABLE brand_totals ("
  "  brand    TEXT PRIMARY KEY,"
  "  mentions INTEGER NOT NULL DEFAULT 0,"
  "  articles INTEGER NOT NULL DEFAULT 0,"
  "  figures  INTEGER NOT NULL DEFAULT 0"
  ") WITHOUT ROWID;"
  "CREATE TABLE metric_totals ("
  "  metric  TEXT PRIMARY KEY,"
  "  figures INTEGER NOT NULL DEFAULT 0"
  ") WITHOUT ROWID;"
  "INSERT INTO brand_totals (brand, mentions, articles, figures)"
  "  SELECT b, sum (m), sum (a), sum (f) FROM ("
  "    SELECT brand AS b, sum (n) AS m, count (*) AS a, 0 AS f FROM article_brands"
  "     GROUP BY brand COLLATE BINARY"
  "    UNION ALL SELECT brand, 0, 0, count (*) FROM figures WHERE brand IS NOT NULL"
  "     GROUP BY brand COLLATE BINARY"
  "  ) GROUP BY b COLLATE BINARY;"
  "INSERT INTO metric_totals (metric, figures)"
  "  SELECT metric, count (*) FROM figures WHERE metric IS NOT NULL GROUP BY metric COLLATE BINARY;",

  /* 15: bodies compressed (cited-body.c): a zstd frame as a BLOB when
   * that is smaller, the text as TEXT otherwise; about half the size of
   * the text, where the text took more than its size in pages. Every
   * reader, the full-text index's content view among them, reads
   * cited_body (body). The index is unchanged: it indexed the same text.
   * The bodies are copied into a new table rather than updated in place,
   * which would leave every page of the old table half empty (new
   * articles are appended, never written into them): the new table is as
   * dense as a fresh store's and the old one's pages go to the free list,
   * for the next imports; only a small store's file is made smaller
   * (vacuum_if_small()). A body without its article (none should be) is
   * unreachable and not copied. */
  "DROP VIEW article_text;"
  "CREATE TABLE article_bodies_compressed ("
  "  id   INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,"
  "  body TEXT NOT NULL"
  ");"
  "INSERT INTO article_bodies_compressed (id, body)"
  "  SELECT b.id, cited_body_compress (b.body) FROM article_bodies b"
  "  WHERE b.id IN (SELECT id FROM articles) ORDER BY b.id;"
  "DROP TABLE article_bodies;"
  "ALTER TABLE article_bodies_compressed RENAME TO article_bodies;"
  "CREATE VIEW article_text AS"
  "  SELECT a.id AS id, a.title AS title, cited_body (b.body) AS body"
  "  FROM articles a JOIN article_bodies b ON b.id = a.id;",

  /* 16: the full-text index gathers up to 8 MB of new terms in memory
   * before it writes them as a segment of its own (FTS5's 'hashsize',
   * 1 MB by default): an import writes fewer, larger segments, and the
   * index merges them less often. It is a row of articles_fts_config:
   * nothing stored changes, and the segments already written stay as
   * they are. The memory is taken only by a transaction that writes that
   * much (an import's batch). */
  "INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 8388608);",

  /* 17: for each brand, the articles it shares with
   * each other brand, so that a brand's card on the Brands page reads a
   * row per brand mentioned with it (cited_store_brand_comentions())
   * instead of joining article_brands with itself. Both orders of a pair
   * are kept. Kept like brand_totals, in the transaction of every write
   * to article_brands (see "Brand and metric totals"); the keys compare
   * without case, as article_brands' brand does, so that a read of one
   * brand is a range of the primary key. */
  "CREATE TABLE brand_pairs ("
  "  brand    TEXT NOT NULL COLLATE NOCASE,"
  "  other    TEXT NOT NULL COLLATE NOCASE,"
  "  articles INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (brand, other)"
  ") WITHOUT ROWID;"
  "INSERT INTO brand_pairs (brand, other, articles)"
  "  SELECT t.brand, o.brand, count (*) FROM article_brands t"
  "  JOIN article_brands o ON o.article_id = t.article_id AND o.brand <> t.brand"
  "  GROUP BY t.brand, o.brand;",

  /* 18: the figures of one claim key (cited-claims.c: brand, what is
   * measured, year), so that the claims of the rows the Figures page shows
   * are found from the figures that may share them, not by grouping every
   * figure of the store. The expression is CLAIM_MEASURE_KEY's, over the
   * extracted columns; the few edited figures are read besides. */
  "CREATE INDEX figures_claim ON figures (brand, year,"
  "  (CASE WHEN change_kind = 0 THEN coalesce (metric, '') ELSE coalesce (measure, metric, '') END));",

  /* 19: how many articles the store holds, kept like brand_totals in the
   * transaction of every write to articles (see "Brand and metric
   * totals"), so that the article list's total, on every window opened
   * and after every import, reads one row instead of counting an index of
   * every article (about 30 ms at 1,000,000, on a thread that shares the
   * two cores with the first frame). */
  "CREATE TABLE article_total ("
  "  articles INTEGER NOT NULL"
  ");"
  "INSERT INTO article_total (articles) SELECT count (*) FROM articles;",
};

static char *like_pattern (const char *term);
static gboolean mark_pending (CitedStore *self, GArray *ids, GError **error);
static void sql_contains (sqlite3_context *context, int argc, sqlite3_value **argv);
static void sql_casefold_contains (sqlite3_context *context, int argc, sqlite3_value **argv);

/* Expressions for a figure after the user's edit (f: figures, e: edits). */
#define EFFECTIVE_BRAND  "(CASE WHEN e.brand IS NULL THEN f.brand ELSE nullif (e.brand, '') END)"
#define EFFECTIVE_METRIC "(CASE WHEN e.metric IS NULL THEN f.metric ELSE nullif (e.metric, '') END)"
#define EDITS_JOIN \
  " LEFT JOIN figure_edits e ON e.article_hash = a.hash AND e.start = f.start AND e.text = f.text"
#define NOT_REJECTED "coalesce (e.status, 0) <> 2"
/* Ids of figures that have an edit. CROSS JOIN keeps SQLite starting from
 * the few edits rather than from every figure. */
#define EDITED_FIGURE_IDS \
  "SELECT f2.id FROM figure_edits e2 CROSS JOIN articles a2 ON a2.hash = e2.article_hash" \
  " CROSS JOIN figures f2 ON f2.article_id = a2.id AND f2.start = e2.start AND f2.text = e2.text"
/* Figures that have an edit, as f with their edit e. */
#define EDITED_FIGURES_FROM \
  "FROM figure_edits e CROSS JOIN articles a ON a.hash = e.article_hash" \
  " CROSS JOIN figures f ON f.article_id = a.id AND f.start = e.start AND f.text = e.text"

/* ------------------------------------------------------------------ */
/* Statements                                                          */

/* A cached statement: the cleanup resets it for the next use instead of
 * finalizing it. */
typedef sqlite3_stmt CachedStmt;

static void
cached_stmt_release (CachedStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CachedStmt, cached_stmt_release)

static gboolean
set_db_error (CitedStore  *self,
              GError     **error,
              const char  *what)
{
  g_set_error (error, CITED_ERROR, CITED_ERROR_DATABASE,
               "%s: %s", what, sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec_sql (CitedStore  *self,
          const char  *sql,
          GError     **error)
{
  char *errmsg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_DATABASE,
                   _("Database error in “%s”: %s"), self->path,
                   errmsg != NULL ? errmsg : sqlite3_errmsg (self->db));
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

static CachedStmt *
prepare (CitedStore  *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);

  if (stmt != NULL)
    return stmt;

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (self, error, _("Could not prepare a query"));
      g_debug ("failed SQL: %s", sql);
      return NULL;
    }
  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static void
bind_double (sqlite3_stmt *stmt,
             int           index,
             double        value)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup (text) : NULL;
}

/* The ids in the first column of every row @stmt (prepared and bound)
 * gives, as gint64, or as guint32 with @narrow (half the memory; an empty
 * array, with *@fits FALSE, when one does not fit in 32 bits), or NULL
 * with @message as the error. The statement is reset. */
static GArray *
step_ids_full (CitedStore    *self,
               sqlite3_stmt  *stmt,
               gboolean       narrow,
               gboolean      *fits,
               const char    *message,
               GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, narrow ? sizeof (guint32) : sizeof (gint64));
  int rc;

  if (fits != NULL)
    *fits = TRUE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      guint32 small = (guint32) id;

      if (!narrow)
        g_array_append_val (ids, id);
      else if (id >= 0 && id <= G_MAXUINT32)
        g_array_append_val (ids, small);
      else
        {
          g_array_set_size (ids, 0);
          if (fits != NULL)
            *fits = FALSE;
          rc = SQLITE_DONE;
          break;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, message);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static GArray *
step_ids (CitedStore    *self,
          sqlite3_stmt  *stmt,
          const char    *message,
          GError       **error)
{
  return step_ids_full (self, stmt, FALSE, NULL, message, error);
}

static double
column_double (sqlite3_stmt *stmt,
               int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (stmt, column);
}

/* Steps a statement that returns no rows. */
static gboolean
step_done (CitedStore   *self,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_db_error (self, error, _("Could not write to the database"));
  return TRUE;
}

/* Parameters of a query built at run time, bound in order. */
typedef struct {
  gboolean is_int;
  gint64   i;
  char    *text;
} Param;

static void
param_free (gpointer data)
{
  Param *param = data;

  g_free (param->text);
  g_free (param);
}

static void
params_add_text (GPtrArray  *params,
                 const char *text)
{
  Param *param = g_new0 (Param, 1);

  param->text = g_strdup (text);
  g_ptr_array_add (params, param);
}

static void
params_add_int (GPtrArray *params,
                gint64     i)
{
  Param *param = g_new0 (Param, 1);

  param->is_int = TRUE;
  param->i = i;
  g_ptr_array_add (params, param);
}

static void
params_bind (GPtrArray    *params,
             sqlite3_stmt *stmt)
{
  for (guint i = 0; i < params->len; i++)
    {
      Param *param = g_ptr_array_index (params, i);

      if (param->is_int)
        sqlite3_bind_int64 (stmt, i + 1, param->i);
      else
        bind_text (stmt, i + 1, param->text);
    }
}

/* ------------------------------------------------------------------ */
/* Transactions                                                        */

static void
drop_total_deltas (CitedStore *self)
{
  g_hash_table_remove_all (self->brand_deltas);
  g_hash_table_remove_all (self->metric_deltas);
  g_hash_table_remove_all (self->pair_deltas);
  self->article_delta = 0;
}

static gboolean flush_total_deltas (CitedStore *self, GError **error);

static gboolean
begin (CitedStore  *self,
       GError     **error)
{
  drop_total_deltas (self);
  /* IMMEDIATE takes the write lock up front, so a second connection waits
   * on the busy timeout instead of failing when it upgrades. */
  return exec_sql (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (CitedStore  *self,
        GError     **error)
{
  /* The totals go into the transaction whose rows they count. */
  return flush_total_deltas (self, error) && exec_sql (self, "COMMIT", error);
}

static void
rollback (CitedStore *self)
{
  drop_total_deltas (self);
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* ------------------------------------------------------------------ */
/* Brand and metric totals                                             */

/* brand_totals and metric_totals (schema step 14) count what
 * article_brands and figures hold. Every function that writes those rows
 * adds what it wrote here, and takes out what it is about to delete or
 * change (count_article()); the sums are written by commit(), once per
 * brand and metric rather than once per row, and dropped by rollback(). */

typedef struct {
  gint64 mentions;
  gint64 articles;
  gint64 figures;
} BrandDelta;

static BrandDelta *
brand_delta (CitedStore *self,
             const char *brand)
{
  BrandDelta *delta = g_hash_table_lookup (self->brand_deltas, brand);

  if (delta == NULL)
    {
      delta = g_new0 (BrandDelta, 1);
      g_hash_table_insert (self->brand_deltas, g_strdup (brand), delta);
    }
  return delta;
}

/* A row of article_brands written (@sign 1) or deleted (-1). */
static void
count_brand_row (CitedStore *self,
                 const char *brand,
                 gint64      n,
                 int         sign)
{
  BrandDelta *delta = brand_delta (self, brand);

  delta->mentions += sign * n;
  delta->articles += sign;
}

/* The rows of one article in article_brands, @brands (@n of them),
 * written (@sign 1) or deleted (-1): each pair of them shares one
 * article more or less, counted in both orders. */
static void
count_brand_pairs (CitedStore  *self,
                   const char **brands,
                   guint        n,
                   int          sign)
{
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        g_autofree char *key = NULL;
        gint64 *delta;

        if (i == j)
          continue;
        key = g_strconcat (brands[i], "\x1f", brands[j], NULL);
        delta = g_hash_table_lookup (self->pair_deltas, key);
        if (delta == NULL)
          {
            delta = g_new0 (gint64, 1);
            g_hash_table_insert (self->pair_deltas, g_steal_pointer (&key), delta);
          }
        *delta += sign;
      }
}

/* A figure with @brand and @metric (either may be NULL) written (@sign 1)
 * or deleted (-1). */
static void
count_figure_row (CitedStore *self,
                  const char *brand,
                  const char *metric,
                  int         sign)
{
  if (brand != NULL)
    brand_delta (self, brand)->figures += sign;
  if (metric != NULL)
    {
      gint64 *n = g_hash_table_lookup (self->metric_deltas, metric);

      if (n == NULL)
        {
          n = g_new0 (gint64, 1);
          g_hash_table_insert (self->metric_deltas, g_strdup (metric), n);
        }
      *n += sign;
    }
}

/* Counts the rows @article_id has in article_brands and figures now into
 * the totals (@sign 1), or takes them out (-1) before they are deleted or
 * changed by SQL that does not tell them one by one. */
static gboolean
count_article (CitedStore  *self,
               gint64       article_id,
               int          sign,
               GError     **error)
{
  g_autoptr(CachedStmt) brands = NULL;
  g_autoptr(CachedStmt) figures = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  brands = prepare (self, "SELECT brand, n FROM article_brands WHERE article_id = ?", error);
  if (brands == NULL)
    return FALSE;
  sqlite3_bind_int64 (brands, 1, article_id);
  while ((rc = sqlite3_step (brands)) == SQLITE_ROW)
    {
      count_brand_row (self, (const char *) sqlite3_column_text (brands, 0),
                       sqlite3_column_int64 (brands, 1), sign);
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (brands, 0)));
    }
  if (rc != SQLITE_DONE)
    return set_db_error (self, error, _("Could not count brand mentions"));
  count_brand_pairs (self, (const char **) names->pdata, names->len, sign);

  figures = prepare (self,
                     "SELECT brand, metric FROM figures"
                     " WHERE article_id = ? AND (brand IS NOT NULL OR metric IS NOT NULL)",
                     error);
  if (figures == NULL)
    return FALSE;
  sqlite3_bind_int64 (figures, 1, article_id);
  while ((rc = sqlite3_step (figures)) == SQLITE_ROW)
    count_figure_row (self, (const char *) sqlite3_column_text (figures, 0),
                      (const char *) sqlite3_column_text (figures, 1), sign);
  if (rc != SQLITE_DONE)
    return set_db_error (self, error, _("Could not count brand figures"));
  return TRUE;
}

/* Adds what the open transaction counted to the totals. */
static gboolean
flush_total_deltas (CitedStore  *self,
                    GError     **error)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (self->brand_deltas) > 0)
    {
      g_autoptr(CachedStmt) upsert = NULL;

      upsert = prepare (self,
                        "INSERT INTO brand_totals (brand, mentions, articles, figures)"
                        " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (brand) DO UPDATE SET"
                        "  mentions = mentions + excluded.mentions,"
                        "  articles = articles + excluded.articles,"
                        "  figures = figures + excluded.figures",
                        error);
      if (upsert == NULL)
        return FALSE;
      g_hash_table_iter_init (&iter, self->brand_deltas);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const BrandDelta *delta = value;

          if (delta->mentions == 0 && delta->articles == 0 && delta->figures == 0)
            continue;
          bind_text (upsert, 1, key);
          sqlite3_bind_int64 (upsert, 2, delta->mentions);
          sqlite3_bind_int64 (upsert, 3, delta->articles);
          sqlite3_bind_int64 (upsert, 4, delta->figures);
          if (!step_done (self, upsert, error))
            return FALSE;
          sqlite3_reset (upsert);
        }
    }

  if (g_hash_table_size (self->metric_deltas) > 0)
    {
      g_autoptr(CachedStmt) upsert = NULL;

      upsert = prepare (self,
                        "INSERT INTO metric_totals (metric, figures) VALUES (?1, ?2)"
                        " ON CONFLICT (metric) DO UPDATE SET figures = figures + excluded.figures",
                        error);
      if (upsert == NULL)
        return FALSE;
      g_hash_table_iter_init (&iter, self->metric_deltas);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          if (*(const gint64 *) value == 0)
            continue;
          bind_text (upsert, 1, key);
          sqlite3_bind_int64 (upsert, 2, *(const gint64 *) value);
          if (!step_done (self, upsert, error))
            return FALSE;
          sqlite3_reset (upsert);
        }
    }

  if (g_hash_table_size (self->pair_deltas) > 0)
    {
      g_autoptr(CachedStmt) upsert = NULL;

      upsert = prepare (self,
                        "INSERT INTO brand_pairs (brand, other, articles) VALUES (?1, ?2, ?3)"
                        " ON CONFLICT (brand, other) DO UPDATE SET articles = articles + excluded.articles,"
                        /* A brand renamed in case only ("SAMSUNG") is
                         * shown as last written. */
                        "  brand = iif (excluded.articles > 0, excluded.brand, brand),"
                        "  other = iif (excluded.articles > 0, excluded.other, other)",
                        error);
      if (upsert == NULL)
        return FALSE;
      g_hash_table_iter_init (&iter, self->pair_deltas);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const char *separator = strchr (key, '\x1f');

          if (*(const gint64 *) value == 0)
            continue;
          sqlite3_bind_text (upsert, 1, key, separator - (const char *) key, SQLITE_TRANSIENT);
          bind_text (upsert, 2, separator + 1);
          sqlite3_bind_int64 (upsert, 3, *(const gint64 *) value);
          if (!step_done (self, upsert, error))
            return FALSE;
          sqlite3_reset (upsert);
        }
    }

  if (self->article_delta != 0)
    {
      g_autoptr(CachedStmt) update = NULL;

      update = prepare (self, "UPDATE article_total SET articles = articles + ?", error);
      if (update == NULL)
        return FALSE;
      sqlite3_bind_int64 (update, 1, self->article_delta);
      if (!step_done (self, update, error))
        return FALSE;
    }

  drop_total_deltas (self);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void unregister_changes (CitedStore *self);

static void
cited_store_dispose (GObject *object)
{
  CitedStore *self = (CitedStore *) object;

  unregister_changes (self);

  G_OBJECT_CLASS (cited_store_parent_class)->dispose (object);
}

static void
cited_store_finalize (GObject *object)
{
  CitedStore *self = (CitedStore *) object;

  if (self->reader_pool != NULL)
    self->reader_pool_free (g_steal_pointer (&self->reader_pool));
  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->brand_deltas, g_hash_table_unref);
  g_clear_pointer (&self->date_order, g_array_unref);
  g_clear_pointer (&self->metric_deltas, g_hash_table_unref);
  g_clear_pointer (&self->pair_deltas, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close (self->db);
      self->db = NULL;
    }
  g_clear_object (&self->lexicon);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->body_encoder, cited_body_encoder_free);

  G_OBJECT_CLASS (cited_store_parent_class)->finalize (object);
}

static void
cited_store_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CitedStore *self = CITED_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cited_store_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CitedStore *self = CITED_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cited_store_class_init (CitedStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cited_store_dispose;
  object_class->finalize = cited_store_finalize;
  object_class->get_property = cited_store_get_property;
  object_class->set_property = cited_store_set_property;

  /**
   * CitedStore:path:
   *
   * The database file the store was opened on.
   */
  props[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, props);

  /**
   * CitedStore::changed:
   * @self: the store
   * @changes: what changed
   *
   * A write committed: one of this store's, one of another store of this
   * process on the same file (a worker thread's import, say), or, found
   * by [method@Cited.Store.check_changes], another program's
   * (%CITED_STORE_CHANGE_ALL). Emitted in the thread-default main context
   * the store was opened in, once for the commits made since the last
   * emission. Never for a write that was rolled back.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CITED_TYPE_STORE_CHANGE);
}

static void
stmt_finalize (gpointer data)
{
  sqlite3_finalize (data);
}

static void
cited_store_init (CitedStore *self)
{
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stmt_finalize);
  self->brand_deltas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->metric_deltas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->pair_deltas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* ------------------------------------------------------------------ */
/* Telling what changed                                                */

/* Stores of this process by path (ChangeState, held): a commit on one
 * is a change for all of them. */
static GMutex registry_lock;
static GHashTable *registry;

static ChangeState *
change_state_new (CitedStore *store)
{
  ChangeState *state = g_atomic_rc_box_new0 (ChangeState);

  g_mutex_init (&state->lock);
  state->store = store;
  state->context = g_main_context_ref_thread_default ();
  /* In-memory databases of the same name are not the same database. */
  if (cited_store_has_file (store))
    state->path = g_strdup (store->path);
  return state;
}

static void
change_state_clear (gpointer data)
{
  ChangeState *state = data;

  g_mutex_clear (&state->lock);
  g_main_context_unref (state->context);
  g_free (state->path);
}

static void
change_state_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, change_state_clear);
}

static gboolean read_data_version (CitedStore *self, gint64 *version);

static gboolean
emit_changed_cb (gpointer data)
{
  ChangeState *state = data;
  g_autoptr(CitedStore) store = NULL;
  CitedStoreChange pending;
  guint siblings;

  /* The store is used and dropped in this context's thread, so it
   * cannot go away between here and the emission. */
  g_mutex_lock (&state->lock);
  pending = state->pending;
  state->pending = 0;
  siblings = state->sibling_commits;
  if (state->store != NULL)
    store = g_object_ref (state->store);
  g_mutex_unlock (&state->lock);

  if (store == NULL)
    return G_SOURCE_REMOVE;
  /* The other stores' commits are told: cited_store_check_changes()
   * looks for other programs' from here on. */
  if (siblings != store->checked_siblings && read_data_version (store, &store->data_version))
    store->checked_siblings = siblings;
  if (pending != 0)
    g_signal_emit (store, signals[SIGNAL_CHANGED], 0, pending);
  return G_SOURCE_REMOVE;
}

/* Counts @changes in @state's generations and, when the store is
 * followed, emits ::changed for them in its context. Any thread. */
static void
change_state_record (ChangeState      *state,
                     CitedStoreChange  changes,
                     gboolean          sibling)
{
  gboolean schedule = FALSE;

  g_mutex_lock (&state->lock);
  for (guint i = 0; i < N_CHANGE_KINDS; i++)
    if (changes & (1u << i))
      state->generations[i]++;
  if (sibling)
    state->sibling_commits++;
  /* A store nobody follows (a worker thread's) schedules nothing. */
  if (state->store != NULL &&
      g_signal_has_handler_pending (state->store, signals[SIGNAL_CHANGED], 0, FALSE))
    {
      schedule = state->pending == 0;
      state->pending |= changes;
    }
  g_mutex_unlock (&state->lock);

  if (schedule)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, emit_changed_cb, g_atomic_rc_box_acquire (state),
                             change_state_unref);
      g_source_set_static_name (source, "[cited] store changed");
      g_source_attach (source, state->context);
    }
}

static void
register_changes (CitedStore *self)
{
  GPtrArray *stores;

  self->changes = change_state_new (self);
  if (self->changes->path == NULL)
    return;
  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  stores = g_hash_table_lookup (registry, self->path);
  if (stores == NULL)
    {
      stores = g_ptr_array_new_with_free_func (change_state_unref);
      g_hash_table_insert (registry, g_strdup (self->path), stores);
    }
  g_ptr_array_add (stores, g_atomic_rc_box_acquire (self->changes));
  g_mutex_unlock (&registry_lock);
}

static void
unregister_changes (CitedStore *self)
{
  ChangeState *state = g_steal_pointer (&self->changes);
  GPtrArray *stores;

  if (state == NULL)
    return;
  if (state->path != NULL)
    {
      g_mutex_lock (&registry_lock);
      stores = g_hash_table_lookup (registry, state->path);
      g_ptr_array_remove (stores, state);
      if (stores->len == 0)
        g_hash_table_remove (registry, state->path);
      g_mutex_unlock (&registry_lock);
    }

  g_mutex_lock (&state->lock);
  state->store = NULL;
  g_mutex_unlock (&state->lock);
  change_state_unref (state);
}

/* A commit of this store's: a change for every store on its file. */
static void
record_commit (CitedStore       *self,
               CitedStoreChange  changes)
{
  GPtrArray *stores;

  change_state_record (self->changes, changes, FALSE);
  if (self->changes->path == NULL)
    return;
  g_mutex_lock (&registry_lock);
  stores = g_hash_table_lookup (registry, self->path);
  for (guint i = 0; stores != NULL && i < stores->len; i++)
    if (g_ptr_array_index (stores, i) != self->changes)
      change_state_record (g_ptr_array_index (stores, i), changes, TRUE);
  g_mutex_unlock (&registry_lock);
}

static CitedStoreChange
table_change (const char *table)
{
  static const struct {
    const char *prefix;
    CitedStoreChange change;
  } tables[] = {
    /* article_brands before articles: both begin "article". */
    { "article_brands", CITED_STORE_CHANGE_MENTIONS },
    { "article", CITED_STORE_CHANGE_ARTICLES },   /* and the index's own tables */
    { "figure", CITED_STORE_CHANGE_FIGURES },
    { "mentions", CITED_STORE_CHANGE_MENTIONS },
    { "hidden_mentions", CITED_STORE_CHANGE_MENTIONS },
    { "brand", CITED_STORE_CHANGE_BRANDS },
    { "lexicon_generation", CITED_STORE_CHANGE_BRANDS },
    { "discovered", CITED_STORE_CHANGE_DISCOVERED },
    { "views", CITED_STORE_CHANGE_VIEWS },
    { "feed", CITED_STORE_CHANGE_FEEDS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_str_has_prefix (table, tables[i].prefix))
      return tables[i].change;
  return CITED_STORE_CHANGE_NONE;
}

static void
update_hook_cb (void          *data,
                int            op,
                const char    *database,
                const char    *table,
                sqlite3_int64  rowid)
{
  CitedStore *self = data;

  self->tx_changes |= table_change (table);
}

/* The commit hook runs before the commit is done: another connection
 * that read now would not see it yet. With a WAL (a database file), the
 * change is told from the WAL hook, once the commit is in the log and
 * the write lock is let go; an in-memory database has no other
 * connection and is told at once. */
static int
commit_hook_cb (void *data)
{
  CitedStore *self = data;
  CitedStoreChange changes = self->tx_changes;

  /* An update that matched no row commits too, having changed nothing.
   * (SQLite does not tell of rows deleted by a DELETE without WHERE; the
   * store only does that to a table it then fills again.) */
  self->tx_changes = 0;
  if (self->wal)
    self->committing |= changes;
  else if (changes != 0)
    record_commit (self, changes);
  return 0;
}

static void
rollback_hook_cb (void *data)
{
  CitedStore *self = data;

  self->tx_changes = 0;
  self->committing = 0;
}

/* Taking the WAL hook turns off SQLite's own checkpoints: the hook
 * checkpoints as they would have, every WAL_CHECKPOINT_PAGES pages. */
#define WAL_CHECKPOINT_PAGES 65536

static int
wal_hook_cb (void       *data,
             sqlite3    *db,
             const char *database,
             int         n_pages)
{
  CitedStore *self = data;
  CitedStoreChange changes = self->committing;

  self->committing = 0;
  if (changes != 0)
    record_commit (self, changes);
  if (n_pages >= WAL_CHECKPOINT_PAGES)
    sqlite3_wal_checkpoint_v2 (db, database, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  return SQLITE_OK;
}

static gboolean
read_data_version (CitedStore *self,
                   gint64     *version)
{
  g_autoptr(CachedStmt) stmt = prepare (self, "PRAGMA data_version", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *version = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* From here on, the store tells of its commits and follows its
 * siblings'. */
static void
follow_changes (CitedStore *self)
{
  g_autoptr(CachedStmt) stmt = NULL;

  register_changes (self);
  read_data_version (self, &self->data_version);
  stmt = prepare (self, "PRAGMA journal_mode", NULL);
  self->wal = stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW &&
              g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  if (self->wal)
    sqlite3_wal_hook (self->db, wal_hook_cb, self);
  sqlite3_update_hook (self->db, update_hook_cb, self);
  sqlite3_commit_hook (self->db, commit_hook_cb, self);
  sqlite3_rollback_hook (self->db, rollback_hook_cb, self);
}

/**
 * cited_store_get_generation:
 * @self: a store
 * @changes: the kinds of change to count
 *
 * A number that grows with every committed change of one of the kinds in
 * @changes, whichever store of this process on the same file made it (and
 * with changes of other programs that [method@Cited.Store.check_changes]
 * found): a page keeps the number it was read at and is out of date when
 * the number has moved. It moves at the commit, before
 * [signal@Cited.Store::changed] is emitted.
 *
 * Returns: the sum of the generations of the kinds in @changes
 */
guint64
cited_store_get_generation (CitedStore       *self,
                            CitedStoreChange  changes)
{
  guint64 sum = 0;

  g_return_val_if_fail (CITED_IS_STORE (self), 0);
  g_return_val_if_fail (self->changes != NULL, 0);

  g_mutex_lock (&self->changes->lock);
  for (guint i = 0; i < N_CHANGE_KINDS; i++)
    if (changes & (1u << i))
      sum += self->changes->generations[i];
  g_mutex_unlock (&self->changes->lock);
  return sum;
}

/**
 * cited_store_check_changes:
 * @self: a store
 *
 * Looks whether another program (the command-line tool, say) committed a
 * change to the database since the last check; if so, counts it as
 * %CITED_STORE_CHANGE_ALL and emits [signal@Cited.Store::changed] for it.
 * Cheap (one pragma): a window calls it when it gains the focus. Changes
 * made in this process are told without it; when another program wrote
 * between one of them and its ::changed, that write is taken for the
 * process's own.
 *
 * Returns: %TRUE when another program changed the database
 */
gboolean
cited_store_check_changes (CitedStore *self)
{
  gint64 version;
  guint siblings;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->changes != NULL, FALSE);

  if (!read_data_version (self, &version) || version == self->data_version)
    return FALSE;
  self->data_version = version;

  g_mutex_lock (&self->changes->lock);
  siblings = self->changes->sibling_commits;
  g_mutex_unlock (&self->changes->lock);
  if (siblings != self->checked_siblings)
    {
      self->checked_siblings = siblings;
      return FALSE;
    }
  change_state_record (self->changes, CITED_STORE_CHANGE_ALL, FALSE);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Opening                                                             */

/**
 * cited_store_default_path:
 *
 * Where a user's store is kept unless a path is given: what
 * [func@Cited.Store.open] opens for a %NULL path.
 *
 * Returns: (transfer full): $CITED_DB when set, else
 *   <user data dir>/cited/cited.db.
 */
char *
cited_store_default_path (void)
{
  const char *env = g_getenv ("CITED_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "cited", "cited.db", NULL);
}

static gboolean
read_pragma_int (CitedStore  *self,
                 const char  *sql,
                 int         *out,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW;
}

/* Whether a database without Cited's application_id may be used: a new
 * one (no tables, no version) is set up; one with Cited's own tables is
 * Cited's with the id lost (a copy rebuilt from an SQL dump keeps
 * user_version but not application_id). Every other one is another
 * program's, whatever its user_version says. */
static gboolean
is_new_or_cited_without_id (CitedStore *self,
                            int         app_id,
                            int         version)
{
  int n_tables = -1;
  int n_cited = -1;

  if (app_id != 0)
    return FALSE;
  if (!read_pragma_int (self, "SELECT count (*) FROM sqlite_schema", &n_tables, NULL))
    return FALSE;
  if (n_tables == 0)
    return version == 0;
  if (!read_pragma_int (self,
                        "SELECT count (*) FROM sqlite_schema WHERE type = 'table' AND name IN"
                        " ('articles', 'article_bodies', 'figures', 'mentions', 'brands')",
                        &n_cited, NULL))
    return FALSE;
  return n_cited == 5 && version >= 1;
}

/* One more unit of a migration step's work on articles (@per_article
 * units each): every few articles make progress. */
static void
migration_unit_done (CitedStore    *self,
                     MigrationWork  work,
                     guint          per_article)
{
  guint done;

  if (self->migration_work != work || self->progress_func == NULL)
    return;
  self->migration_units++;
  if (self->migration_units % per_article != 0)
    return;
  done = MIN (self->migration_units / per_article, self->migration_total);
  if (done % 256 == 0 || done == self->migration_total)
    self->progress_func (done, self->migration_total, self->progress_data);
}

/* The tokenizer read a column of a document: during a migration that
 * rebuilds the full-text index, each article is two columns (title and
 * body). */
static void
fts_document_cb (gpointer user_data)
{
  migration_unit_done (user_data, MIGRATION_WORK_REINDEX, 2);
}

/* cited_body_compress() read a body: a migration that compresses them. */
static void
body_compressed_cb (gpointer user_data)
{
  migration_unit_done (user_data, MIGRATION_WORK_COMPRESS, 1);
}

/* Before a migration step that works article by article (rebuilds the
 * full-text index or compresses the bodies): counts the articles, so that
 * the callbacks above report progress. */
static gboolean
start_migration_progress (CitedStore  *self,
                          const char  *step_sql,
                          GError     **error)
{
  MigrationWork work = MIGRATION_WORK_NONE;
  int n = 0;

  self->migration_work = MIGRATION_WORK_NONE;
  if (strstr (step_sql, "VALUES ('rebuild')") != NULL)
    work = MIGRATION_WORK_REINDEX;
  else if (strstr (step_sql, "cited_body_compress (") != NULL)
    work = MIGRATION_WORK_COMPRESS;
  if (work == MIGRATION_WORK_NONE || self->progress_func == NULL)
    return TRUE;
  if (!read_pragma_int (self, "SELECT count (*) FROM articles", &n, error))
    return set_db_error (self, error, self->path);
  self->migration_work = work;
  self->migration_units = 0;
  self->migration_total = (guint) n;
  self->progress_func (0, self->migration_total, self->progress_data);
  return TRUE;
}

/* After the bodies of an existing store were compressed (step 15): the
 * pages freed stay in the file, for the next imports. A small store's file
 * is made smaller at once, which takes under a second; a large one's is
 * not (at 100,000 articles VACUUM takes seconds, at a million a minute and
 * as much free disk again as the store). Failing (another process writing)
 * only leaves the pages for later. */
#define VACUUM_MAX_BYTES (64 * 1024 * 1024)

static void
vacuum_if_small (CitedStore *self)
{
  int pages = 0;
  int page_size = 0;
  char *errmsg = NULL;

  if (!read_pragma_int (self, "PRAGMA page_count", &pages, NULL) ||
      !read_pragma_int (self, "PRAGMA page_size", &page_size, NULL) ||
      (gint64) pages * page_size > VACUUM_MAX_BYTES)
    return;
  if (sqlite3_exec (self->db, "VACUUM", NULL, NULL, &errmsg) != SQLITE_OK)
    g_debug ("The store was not made smaller: %s", errmsg);
  sqlite3_free (errmsg);
}

static gboolean
migrate (CitedStore  *self,
         GError     **error)
{
  const int known = G_N_ELEMENTS (migrations);
  gboolean existing;
  gboolean compressed = FALSE;
  int version = 0;
  int app_id = 0;

  /* The first read is where SQLite finds out whether the file is a
   * database at all. */
  if (!read_pragma_int (self, "PRAGMA user_version", &version, error) ||
      !read_pragma_int (self, "PRAGMA application_id", &app_id, error))
    {
      if ((sqlite3_errcode (self->db) & 0xff) == SQLITE_NOTADB)
        g_set_error (error, CITED_ERROR, CITED_ERROR_DATABASE,
                     _("“%s” is not a Cited database: %s"),
                     self->path, sqlite3_errmsg (self->db));
      else
        g_set_error (error, CITED_ERROR, CITED_ERROR_DATABASE,
                     _("Could not open the database “%s”: %s"),
                     self->path, sqlite3_errmsg (self->db));
      return FALSE;
    }

  /* Before anything is written, and before the version is taken for
   * Cited's: another program's database is left exactly as it is. */
  if (app_id != CITED_APPLICATION_ID && !is_new_or_cited_without_id (self, app_id, version))
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_DATABASE,
                   _("“%s” is not a Cited database: it belongs to another application"),
                   self->path);
      return FALSE;
    }

  if (version > known)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_DATABASE_TOO_NEW,
                   _("The database “%s” was written by a newer version of Cited "
                     "(schema version %d; this version knows up to %d). "
                     "Update Cited to open it."),
                   self->path, version, known);
      return FALSE;
    }

  /* Cited's own tables without the id: the id is written back (a
   * migration below writes it too). */
  if (app_id == 0 && version == known)
    {
      g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d", CITED_APPLICATION_ID);

      if (!exec_sql (self, set_id, error))
        return FALSE;
    }

  existing = version > 0;
  for (int step = version; step < known; step++)
    {
      g_autofree char *set_version = NULL;

      if (!begin (self, error))
        return FALSE;

      /* Another connection may have migrated while we waited for the lock. */
      if (!read_pragma_int (self, "PRAGMA user_version", &version, error))
        {
          rollback (self);
          return set_db_error (self, error, self->path);
        }
      if (version > step)
        {
          rollback (self);
          step = version - 1;
          continue;
        }

      set_version = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d",
                                     step + 1, CITED_APPLICATION_ID);
      if (!start_migration_progress (self, migrations[step], error) ||
          !exec_sql (self, migrations[step], error) ||
          !exec_sql (self, set_version, error) ||
          !commit (self, error))
        {
          rollback (self);
          self->migration_work = MIGRATION_WORK_NONE;
          g_prefix_error (error, _("Could not upgrade the database to version %d: "), step + 1);
          return FALSE;
        }
      self->migration_work = MIGRATION_WORK_NONE;
      /* A new store has nothing to give back. */
      if (existing && strstr (migrations[step], "cited_body_compress (") != NULL)
        compressed = TRUE;
    }

  if (compressed)
    vacuum_if_small (self);
  return TRUE;
}

/* The user's aliases and exclusions of the brand @brand_id, applied to
 * @lexicon's brand @name. */
static gboolean
load_brand_rules (CitedStore    *self,
                  CitedLexicon  *lexicon,
                  gint64         brand_id,
                  const char    *name,
                  GError       **error)
{
  g_autoptr(CachedStmt) aliases = NULL;
  g_autoptr(CachedStmt) exclusions = NULL;
  int rc;

  aliases = prepare (self, "SELECT alias, kind, enabled FROM brand_aliases WHERE brand_id = ?", error);
  if (aliases == NULL)
    return FALSE;
  sqlite3_bind_int64 (aliases, 1, brand_id);
  while ((rc = sqlite3_step (aliases)) == SQLITE_ROW)
    {
      CitedAliasKind kind = CITED_ALIAS_NAME;

      cited_alias_kind_from_string ((const char *) sqlite3_column_text (aliases, 1), &kind);
      cited_lexicon_set_alias (lexicon, name, (const char *) sqlite3_column_text (aliases, 0),
                               kind, sqlite3_column_int (aliases, 2) != 0);
    }
  if (rc != SQLITE_DONE)
    return set_db_error (self, error, _("Could not read the brands"));

  exclusions = prepare (self, "SELECT phrase FROM brand_exclusions WHERE brand_id = ?", error);
  if (exclusions == NULL)
    return FALSE;
  sqlite3_bind_int64 (exclusions, 1, brand_id);
  while ((rc = sqlite3_step (exclusions)) == SQLITE_ROW)
    cited_lexicon_exclude (lexicon, name, (const char *) sqlite3_column_text (exclusions, 0));
  if (rc != SQLITE_DONE)
    return set_db_error (self, error, _("Could not read the brands"));
  return TRUE;
}

static CitedLexicon *
load_lexicon (CitedStore  *self,
              GError     **error)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autoptr(CachedStmt) brands = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  brands = prepare (self, "SELECT id, name, color, replaces, removed FROM brands ORDER BY id", error);
  if (brands == NULL)
    return NULL;

  while ((rc = sqlite3_step (brands)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (brands, 0);
      const char *name = (const char *) sqlite3_column_text (brands, 1);
      const char *color = (const char *) sqlite3_column_text (brands, 2);
      const char *replaces = (const char *) sqlite3_column_text (brands, 3);

      if (replaces != NULL)
        cited_lexicon_rename_brand (lexicon, replaces, name);
      if (sqlite3_column_int (brands, 4) != 0)
        {
          cited_lexicon_remove_brand (lexicon, name);
          continue;
        }
      cited_lexicon_add_brand (lexicon, name, NULL, color);
      g_array_append_val (ids, id);
      g_ptr_array_add (names, g_strdup (name));
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("Could not read the brands"));
      return NULL;
    }
  g_clear_pointer (&brands, cached_stmt_release);
  for (guint i = 0; i < ids->len; i++)
    if (!load_brand_rules (self, lexicon, g_array_index (ids, gint64, i),
                           g_ptr_array_index (names, i), error))
      return NULL;

  return g_steal_pointer (&lexicon);
}

static gboolean
read_lexicon_generation (CitedStore  *self,
                         gint64      *generation,
                         GError     **error)
{
  g_autoptr(CachedStmt) select = prepare (self, "SELECT n FROM lexicon_generation", error);

  if (select == NULL)
    return FALSE;
  if (sqlite3_step (select) != SQLITE_ROW)
    return set_db_error (self, error, _("Could not read the brands"));
  *generation = sqlite3_column_int64 (select, 0);
  return TRUE;
}

/* Inside a write transaction, before extracting: reads the lexicon again
 * when another connection changed the brands since ours was read, so
 * that no article is stored with an older lexicon than the database's.
 * The write lock keeps the brands as they are until the commit. */
static gboolean
refresh_lexicon (CitedStore  *self,
                 GError     **error)
{
  g_autoptr(CitedLexicon) lexicon = NULL;
  gint64 generation;

  if (!read_lexicon_generation (self, &generation, error))
    return FALSE;
  if (generation == self->lexicon_generation)
    return TRUE;
  lexicon = load_lexicon (self, error);
  if (lexicon == NULL)
    return FALSE;
  g_debug ("The brands changed (%" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT "); lexicon read again",
           self->lexicon_generation, generation);
  g_set_object (&self->lexicon, lexicon);
  self->lexicon_generation = generation;
  return TRUE;
}

/* Opens @self's connection to its path, with Cited's tokenizer and SQL
 * functions. */
static gboolean
open_connection (CitedStore  *self,
                 int          flags,
                 GError     **error)
{
  const char *path = self->path;
  g_autofree char *dir = g_path_get_dirname (path);
  int rc;

  if ((flags & SQLITE_OPEN_CREATE) && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CITED_ERROR, CITED_ERROR_DATABASE,
                   _("Could not create the folder “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* One connection per thread, so SQLite's own mutexes are not needed. */
  rc = sqlite3_open_v2 (path, &self->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_DATABASE,
                   _("Could not open the database “%s”: %s"),
                   path, self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  /* A migration's index rebuild tells its progress through the tokenizer. */
  rc = cited_fts_register_full (self->db, fts_document_cb, self);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_DATABASE,
                   _("Could not open the database “%s”: %s"), path, sqlite3_errstr (rc));
      return FALSE;
    }
  /* Bodies are stored compressed: cited_body() reads them, and a
   * migration's cited_body_compress() tells its progress. */
  rc = cited_body_register (self->db, body_compressed_cb, self);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_DATABASE,
                   _("Could not open the database “%s”: %s"), path, sqlite3_errstr (rc));
      return FALSE;
    }
  sqlite3_create_function_v2 (self->db, "cited_contains", 2,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                              NULL, sql_contains, NULL, NULL, NULL);
  sqlite3_create_function_v2 (self->db, "cited_casefold_contains", 2,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                              NULL, sql_casefold_contains, NULL, NULL, NULL);
  sqlite3_busy_timeout (self->db, 60000);
  self->max_text = (gsize) sqlite3_limit (self->db, SQLITE_LIMIT_LENGTH, -1) - 1;

  return TRUE;
}

/* Marks every article for re-extraction when they were extracted by an
 * older extractor than this one; cited_store_reextract_pending() does the
 * work, in short batches. */
static gboolean
check_extractor_version (CitedStore  *self,
                         GError     **error)
{
  int version = 0;

  if (!read_pragma_int (self, "SELECT n FROM extractor_version", &version, error))
    return set_db_error (self, error, self->path);
  if (version >= CITED_EXTRACTOR_VERSION)
    return TRUE;

  if (!begin (self, error))
    return FALSE;
  /* Another process may have marked them while we waited for the lock. */
  if (!read_pragma_int (self, "SELECT n FROM extractor_version", &version, error))
    {
      rollback (self);
      return set_db_error (self, error, self->path);
    }
  if (version < CITED_EXTRACTOR_VERSION)
    {
      g_autofree char *update = g_strdup_printf ("UPDATE extractor_version SET n = %d",
                                                 CITED_EXTRACTOR_VERSION);

      g_debug ("Articles extracted by extractor %d; marked for re-extraction by %d",
               version, CITED_EXTRACTOR_VERSION);
      if (!mark_pending (self, NULL, error) || !exec_sql (self, update, error))
        {
          rollback (self);
          return FALSE;
        }
    }
  return commit (self, error);
}

/**
 * cited_store_open:
 * @path: (nullable): the database file, or NULL for the default path
 * @error: return location for a #GError
 *
 * Opens or creates the store, creating missing folders and running pending
 * migrations. Each thread that uses the store opens its own.
 *
 * Returns: (transfer full): the store, or NULL with @error set.
 */
CitedStore *
cited_store_open (const char  *path,
                  GError     **error)
{
  return cited_store_open_full (path, NULL, NULL, error);
}

/**
 * cited_store_open_full:
 * @path: (nullable): the database file, or NULL for the default path
 * @func: (nullable) (scope forever): told of the progress of a migration
 *   that rebuilds the full-text index or compresses the articles' text, in
 *   articles, and then set as the
 *   store's progress function (see [method@Cited.Store.set_progress_func])
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * [func@Cited.Store.open] with progress: upgrading a store written by an
 * older version of Cited can take seconds for a large one (the search
 * index is rebuilt, the articles' text compressed), which @func reports,
 * in the calling thread.
 *
 * Returns: (transfer full): the store, or NULL with @error set.
 */
CitedStore *
cited_store_open_full (const char         *path,
                       CitedProgressFunc   func,
                       gpointer            user_data,
                       GError            **error)
{
  g_autoptr(CitedStore) self = NULL;
  g_autofree char *default_path = NULL;

  if (path == NULL)
    path = default_path = cited_store_default_path ();

  self = g_object_new (CITED_TYPE_STORE, "path", path, NULL);
  self->progress_func = func;
  self->progress_data = user_data;
  if (!open_connection (self, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error) ||
      !migrate (self, error))
    return NULL;

  if (!exec_sql (self,
                 "PRAGMA journal_mode = WAL;"
                 "PRAGMA synchronous = NORMAL;"
                 "PRAGMA foreign_keys = ON;"
                 "PRAGMA temp_store = MEMORY;"
                 "PRAGMA cache_size = -" G_STRINGIFY (BROWSE_CACHE_KIB) ";"
                 /* Checkpoints (and their fsyncs) every 256 MB of changes
                  * instead of 4 MB: an import rewrites the same index pages
                  * over and over (a commit of 1,000 articles writes about
                  * 20 MB, most of it pages written by the commits before),
                  * and a checkpoint copies each page once however often
                  * it was written since the last one. The WAL file is cut
                  * back afterwards. */
                 "PRAGMA wal_autocheckpoint = 65536;"  /* WAL_CHECKPOINT_PAGES */
                 "PRAGMA journal_size_limit = 67108864;"
                 /* The source filter and its counts: an index and not a
                  * schema step, as nothing is stored differently. */
                 "CREATE INDEX IF NOT EXISTS articles_source ON articles (source);",
                 error))
    return NULL;

  if (!check_extractor_version (self, error))
    return NULL;

  /* The count first: a change in between only makes the next write read
   * the lexicon once more. */
  if (!read_lexicon_generation (self, &self->lexicon_generation, error))
    return NULL;
  self->lexicon = load_lexicon (self, error);
  if (self->lexicon == NULL)
    return NULL;

  follow_changes (self);
  return g_steal_pointer (&self);
}

/**
 * cited_store_get_path:
 * @self: a store
 *
 * The database file the store was opened on.
 *
 * Returns: (transfer none): the database file's path
 */
const char *
cited_store_get_path (CitedStore *self)
{
  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  return self->path;
}

/**
 * cited_store_get_lexicon:
 * @self: a store
 *
 * The brands the store's extraction looks for: the default lexicon and
 * the brands, aliases and colours the user added, kept in the database.
 *
 * Returns: (transfer none): the default lexicon plus the user's brands.
 */
CitedLexicon *
cited_store_get_lexicon (CitedStore *self)
{
  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  return self->lexicon;
}

/* The brands' generation (lexicon_generation.n) the store's lexicon was
 * read at. */
gint64
cited_store_get_lexicon_generation (CitedStore *self)
{
  return self->lexicon_generation;
}

/* ------------------------------------------------------------------ */
/* Readers (the pool itself is in cited-store-async.c)                 */

/* Whether the store has a file other connections can open: not an
 * in-memory database. */
gboolean
cited_store_has_file (CitedStore *self)
{
  const char *path = self->path;

  return path != NULL && *path != '\0' && !g_str_has_prefix (path, ":memory:") &&
         !g_str_has_prefix (path, "file:");
}

gpointer
cited_store_ensure_reader_pool (CitedStore     *self,
                                gpointer      (*create) (CitedStore *self),
                                GDestroyNotify  destroy)
{
  if (self->reader_pool == NULL)
    {
      self->reader_pool = create (self);
      self->reader_pool_free = destroy;
    }
  return self->reader_pool;
}

CitedStore *
cited_store_open_reader (CitedStore  *parent,
                         GError     **error)
{
  g_autoptr(CitedStore) self = g_object_new (CITED_TYPE_STORE, "path", parent->path, NULL);

  /* The parent migrated the database; a reader only reads it, and
   * cannot write by mistake. */
  if (!open_connection (self, SQLITE_OPEN_READONLY, error) ||
      !exec_sql (self, "PRAGMA query_only = ON; PRAGMA temp_store = MEMORY;"
                 " PRAGMA cache_size = -" G_STRINGIFY (READER_CACHE_KIB) ";",
                 error))
    return NULL;
  return g_steal_pointer (&self);
}

static int
reader_progress_cb (void *data)
{
  /* Non-zero interrupts the statement (SQLITE_INTERRUPT). */
  return g_cancellable_is_cancelled (data);
}

/* Before a read: the reader takes the lexicon of the database's brands
 * (@shared, read again by one reader when the brands changed, under
 * @lock) and stops its statements when @cancellable is cancelled. */
gboolean
cited_store_reader_begin (CitedStore    *self,
                          GMutex        *lock,
                          CitedLexicon **shared,
                          gint64        *shared_generation,
                          GCancellable  *cancellable,
                          GError       **error)
{
  gint64 generation;

  if (!read_lexicon_generation (self, &generation, error))
    return FALSE;
  g_mutex_lock (lock);
  if (*shared == NULL || *shared_generation != generation)
    {
      CitedLexicon *lexicon = load_lexicon (self, error);

      if (lexicon == NULL)
        {
          g_mutex_unlock (lock);
          return FALSE;
        }
      g_clear_object (shared);
      *shared = lexicon;
      *shared_generation = generation;
    }
  g_set_object (&self->lexicon, *shared);
  self->lexicon_generation = *shared_generation;
  g_mutex_unlock (lock);

  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, 1000, reader_progress_cb, cancellable);
  return TRUE;
}

void
cited_store_reader_end (CitedStore *self)
{
  sqlite3_progress_handler (self->db, 0, NULL, NULL);
}

/* ------------------------------------------------------------------ */
/* Writing articles                                                    */

static char *
article_hash (const CitedArticle *article)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *title = article->title != NULL ? article->title : "";
  const char *body = article->body != NULL ? article->body : "";

  g_checksum_update (checksum, (const guchar *) title, strlen (title));
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) body, strlen (body));
  return g_strdup (g_checksum_get_string (checksum));
}

typedef struct {
  const char *brand;
  guint       n;
} BrandCount;

/* A company the extractor discovered in one article, with the user's
 * decision about the name. */
typedef struct {
  const char           *name;     /* as the extraction spells it */
  CitedDiscoveredStatus status;
  char                 *target;   /* merged: the brand it goes to */
} Discovery;

static void
discovery_clear (gpointer data)
{
  Discovery *discovery = data;

  g_clear_pointer (&discovery->target, g_free);
}

static CitedDiscoveredStatus
status_from_string (const char *text)
{
  if (g_strcmp0 (text, "accepted") == 0)
    return CITED_DISCOVERED_ACCEPTED;
  if (g_strcmp0 (text, "hidden") == 0)
    return CITED_DISCOVERED_HIDDEN;
  if (g_strcmp0 (text, "merged") == 0)
    return CITED_DISCOVERED_MERGED;
  return CITED_DISCOVERED_NEW;
}

/* The brand that mentions and figures of a discovered name carry: the
 * name itself, the brand it was merged into, or none when hidden. */
static const char *
discovery_brand (const Discovery *discovery)
{
  switch (discovery->status)
    {
    case CITED_DISCOVERED_HIDDEN:
      return NULL;
    case CITED_DISCOVERED_MERGED:
      return discovery->target != NULL ? discovery->target : discovery->name;
    case CITED_DISCOVERED_NEW:
    case CITED_DISCOVERED_ACCEPTED:
    default:
      return discovery->name;
    }
}

static const Discovery *
find_discovery (GArray     *discoveries,
                const char *name)
{
  if (name == NULL)
    return NULL;
  /* A handful per article: a linear scan beats a hash table. */
  for (guint i = 0; i < discoveries->len; i++)
    {
      const Discovery *discovery = &g_array_index (discoveries, Discovery, i);

      if (g_ascii_strcasecmp (discovery->name, name) == 0)
        return discovery;
    }
  return NULL;
}

static gboolean
is_cjk_stop (const char *p)
{
  /* 。！？ */
  return ((guchar) p[0] == 0xe3 && (guchar) p[1] == 0x80 && (guchar) p[2] == 0x82) ||
         ((guchar) p[0] == 0xef && (guchar) p[1] == 0xbc &&
          ((guchar) p[2] == 0x81 || (guchar) p[2] == 0x9f));
}

/* Whether a sentence ends just before @p. */
static gboolean
sentence_ends_before (const char *body,
                      const char *p)
{
  if (p - body >= 1 && p[-1] == '\n')
    return TRUE;
  if (p - body >= 2 && p[-1] == ' ' && strchr (".!?", p[-2]) != NULL)
    return TRUE;
  return p - body >= 3 && is_cjk_stop (p - 3);
}

/* The length of the sentence end at @p (0 when there is none). */
static guint
sentence_end_at (const char *p,
                 const char *limit)
{
  if (*p == '\n')
    return 0;
  if (strchr (".!?", *p) != NULL && (p + 1 >= limit || p[1] == ' ' || p[1] == '\n'))
    return 1;
  if (limit - p >= 3 && is_cjk_stop (p))
    return 3;
  return 0;
}

/* Bytes of context either way of a mention in its example sentence. */
#define EXAMPLE_REACH 240

/* The sentence around bytes [@start, @end) of @body, cut at a few hundred
 * bytes either way. One line of evidence for a person to read, so a
 * simple cut at end punctuation and line breaks does. */
static char *
sentence_around (const char *body,
                 guint       start,
                 guint       end)
{
  gsize length = body != NULL ? strlen (body) : 0;
  const char *limit = body + length;
  const char *from;
  const char *to;
  gboolean cut_before = FALSE;
  gboolean cut_after = FALSE;
  g_autofree char *text = NULL;

  if (body == NULL || start > end || end > length)
    return NULL;

  from = body + start;
  while (from > body && !sentence_ends_before (body, from))
    {
      if (body + start - from >= EXAMPLE_REACH)
        {
          cut_before = TRUE;
          break;
        }
      from--;
    }
  /* Start on a character, not inside one. */
  while (from < body + start && ((guchar) *from & 0xc0) == 0x80)
    from++;

  to = body + end;
  while (to < limit && *to != '\n')
    {
      guint stop = sentence_end_at (to, limit);

      if (stop > 0)
        {
          to += stop;
          break;
        }
      if (to - (body + end) >= EXAMPLE_REACH)
        {
          cut_after = TRUE;
          break;
        }
      to++;
    }
  while (to > body + end && to < limit && ((guchar) *to & 0xc0) == 0x80)
    to--;

  text = g_strstrip (g_strndup (from, to - from));
  return g_strconcat (cut_before ? "…" : "", text, cut_after ? "…" : "", NULL);
}

/* Records a discovered name (the first sighting keeps its example unless a
 * later one comes with a figure) and reads the user's decision about it. */
static gboolean
record_discovery (CitedStore  *self,
                  Discovery   *discovery,
                  const char  *example,
                  gboolean     example_from_figure,
                  GError     **error)
{
  g_autoptr(CachedStmt) upsert = NULL;
  g_autoptr(CachedStmt) select = NULL;
  int rc;

  upsert = prepare (self,
                    "INSERT INTO discovered (name, example, example_from_figure) VALUES (?, ?, ?)"
                    " ON CONFLICT (name) DO UPDATE"
                    "  SET example = excluded.example, example_from_figure = 1"
                    "  WHERE excluded.example_from_figure = 1 AND discovered.example_from_figure = 0",
                    error);
  if (upsert == NULL)
    return FALSE;
  bind_text (upsert, 1, discovery->name);
  bind_text (upsert, 2, example);
  sqlite3_bind_int (upsert, 3, example_from_figure ? 1 : 0);
  if (!step_done (self, upsert, error))
    return FALSE;

  select = prepare (self, "SELECT status, merged_into FROM discovered WHERE name = ?", error);
  if (select == NULL)
    return FALSE;
  bind_text (select, 1, discovery->name);
  rc = sqlite3_step (select);
  if (rc != SQLITE_ROW)
    return set_db_error (self, error, _("Could not read the discovered companies"));
  discovery->status = status_from_string ((const char *) sqlite3_column_text (select, 0));
  discovery->target = column_dup (select, 1);
  return TRUE;
}

/* Whether @mention is of a company discovered in the text. A name the
 * lexicon knows is a brand however it was found (an accepted company
 * that a cue would also have given away, say). */
static gboolean
is_discovered (CitedLexicon       *lexicon,
               const CitedMention *mention)
{
  return mention->discovered && mention->brand != NULL &&
         cited_lexicon_lookup (lexicon, mention->brand) == NULL;
}

/* The companies discovered in @extraction, recorded, with the user's
 * decision about each. */
static GArray *
record_discoveries (CitedStore            *self,
                    CitedLexicon          *lexicon,
                    const char            *body,
                    const CitedExtraction *extraction,
                    GError               **error)
{
  g_autoptr(GArray) discoveries = g_array_new (FALSE, TRUE, sizeof (Discovery));

  g_array_set_clear_func (discoveries, discovery_clear);
  if (extraction->mentions == NULL)
    return g_steal_pointer (&discoveries);

  for (guint i = 0; i < extraction->mentions->len; i++)
    {
      const CitedMention *mention = &g_array_index (extraction->mentions, CitedMention, i);
      g_autofree char *mention_sentence = NULL;
      const char *example = NULL;
      Discovery discovery = { 0 };

      if (!is_discovered (lexicon, mention) ||
          find_discovery (discoveries, mention->brand) != NULL)
        continue;

      /* The evidence a person judges the name by: the sentence of its
       * first figure, else of its first mention. */
      for (guint j = 0; extraction->figures != NULL && j < extraction->figures->len; j++)
        {
          const CitedFigure *figure = g_ptr_array_index (extraction->figures, j);

          if (figure->brand != NULL && figure->sentence != NULL &&
              g_ascii_strcasecmp (figure->brand, mention->brand) == 0)
            {
              example = figure->sentence;
              break;
            }
        }
      if (example == NULL)
        example = mention_sentence = sentence_around (body, mention->start, mention->end);

      discovery.name = mention->brand;
      if (!record_discovery (self, &discovery, example, example != mention_sentence, error))
        {
          discovery_clear (&discovery);
          return NULL;
        }
      g_array_append_val (discoveries, discovery);
    }
  return g_steal_pointer (&discoveries);
}

/* A mention of a hidden name is no mention, but kept aside for an undo. */
static gboolean
keep_hidden_mention (CitedStore          *self,
                     gint64               article_id,
                     const char          *name,
                     const CitedMention  *mention,
                     GError             **error)
{
  g_autoptr(CachedStmt) insert = NULL;

  insert = prepare (self,
                    "INSERT INTO hidden_mentions (article_id, name, start, end) VALUES (?, ?, ?, ?)",
                    error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, article_id);
  bind_text (insert, 2, name);
  sqlite3_bind_int64 (insert, 3, mention->start);
  sqlite3_bind_int64 (insert, 4, mention->end);
  return step_done (self, insert, error);
}

/* Inserts an extraction's figures and mentions for one article. Names the
 * extractor discovered are recorded, and the user's decisions about them
 * apply at once: a hidden name's figures get no brand and its mentions are
 * dropped, a merged name's go to the brand it was merged into. */
/* Inserts an extraction's figures; a figure of a discovered company takes
 * the brand the user's decision gives it. */
static gboolean
store_figures (CitedStore            *self,
               gint64                 article_id,
               const char            *language,
               const CitedExtraction *extraction,
               GArray                *discoveries,
               GError               **error)
{
  g_autoptr(CachedStmt) insert = NULL;

  insert = prepare (self,
                    "INSERT INTO figures (article_id, value, value_max, unit, currency,"
                    "  qualifier, metric, scope, year, quarter, brand, text, sentence,"
                    "  language, start, end, sentence_start, sentence_end, currency_inferred,"
                    "  discovered_as, measure, change_kind, direction, span, claim_status,"
                    "  period_inferred)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    "  ?, ?, ?, ?, ?, ?, ?)",
                    error);
  if (insert == NULL)
    return FALSE;

  for (guint i = 0; i < extraction->figures->len; i++)
    {
      const CitedFigure *figure = g_ptr_array_index (extraction->figures, i);
      const Discovery *discovery = find_discovery (discoveries, figure->brand);

      sqlite3_bind_int64 (insert, 1, article_id);
      bind_double (insert, 2, figure->value);
      bind_double (insert, 3, figure->value_max);
      bind_text (insert, 4, figure->unit);
      bind_text (insert, 5, figure->currency);
      bind_text (insert, 6, figure->qualifier);
      bind_text (insert, 7, figure->metric);
      bind_text (insert, 8, figure->scope);
      sqlite3_bind_int (insert, 9, figure->year);
      sqlite3_bind_int (insert, 10, figure->quarter);
      bind_text (insert, 11, discovery != NULL ? discovery_brand (discovery) : figure->brand);
      bind_text (insert, 12, figure->text != NULL ? figure->text : "");
      bind_text (insert, 13, figure->sentence);
      bind_text (insert, 14, figure->language != NULL ? figure->language : language);
      sqlite3_bind_int64 (insert, 15, figure->start);
      sqlite3_bind_int64 (insert, 16, figure->end);
      sqlite3_bind_int64 (insert, 17, figure->sentence_start);
      sqlite3_bind_int64 (insert, 18, figure->sentence_end);
      sqlite3_bind_int (insert, 19, figure->currency_inferred ? 1 : 0);
      bind_text (insert, 20, discovery != NULL ? discovery->name : NULL);
      bind_text (insert, 21, figure->measure);
      sqlite3_bind_int (insert, 22, figure->change);
      sqlite3_bind_int (insert, 23, figure->direction);
      sqlite3_bind_int (insert, 24, figure->span);
      sqlite3_bind_int (insert, 25, figure->claim_status);
      sqlite3_bind_int (insert, 26, figure->period_inferred ? 1 : 0);
      if (!step_done (self, insert, error))
        return FALSE;
      sqlite3_reset (insert);
      count_figure_row (self, discovery != NULL ? discovery_brand (discovery) : figure->brand,
                        figure->metric, 1);
    }
  return TRUE;
}

/* Inserts an extraction's mentions, a hidden company's kept aside, and
 * counts them by brand into @counts. */
static gboolean
store_mentions (CitedStore            *self,
                CitedLexicon          *lexicon,
                gint64                 article_id,
                const CitedExtraction *extraction,
                GArray                *discoveries,
                GArray                *counts,
                GError               **error)
{
  g_autoptr(CachedStmt) insert = NULL;

  insert = prepare (self,
                    "INSERT INTO mentions (article_id, brand, start, end, discovered_as)"
                    " VALUES (?, ?, ?, ?, ?)",
                    error);
  if (insert == NULL)
    return FALSE;

  for (guint i = 0; i < extraction->mentions->len; i++)
    {
      const CitedMention *mention = &g_array_index (extraction->mentions, CitedMention, i);
      const Discovery *discovery = NULL;
      const char *brand = mention->brand;
      guint j;

      if (brand == NULL)
        continue;
      if (is_discovered (lexicon, mention))
        {
          discovery = find_discovery (discoveries, brand);
          if (discovery != NULL)
            brand = discovery_brand (discovery);
          if (brand == NULL)
            {
              if (!keep_hidden_mention (self, article_id, discovery->name, mention, error))
                return FALSE;
              continue;
            }
        }

      sqlite3_bind_int64 (insert, 1, article_id);
      bind_text (insert, 2, brand);
      sqlite3_bind_int64 (insert, 3, mention->start);
      sqlite3_bind_int64 (insert, 4, mention->end);
      bind_text (insert, 5, discovery != NULL ? discovery->name : NULL);
      if (!step_done (self, insert, error))
        return FALSE;
      sqlite3_reset (insert);

      /* Few brands per article: a linear scan beats a hash table. */
      for (j = 0; j < counts->len; j++)
        {
          BrandCount *count = &g_array_index (counts, BrandCount, j);

          if (g_ascii_strcasecmp (count->brand, brand) == 0)
            {
              count->n++;
              break;
            }
        }
      if (j == counts->len)
        {
          BrandCount count = { brand, 1 };
          g_array_append_val (counts, count);
        }
    }
  return TRUE;
}

/* Inserts the per-article brand counts that answer brand filters. */
static gboolean
store_brand_counts (CitedStore  *self,
                    gint64       article_id,
                    GArray      *counts,
                    GError     **error)
{
  g_autoptr(CachedStmt) insert = NULL;

  insert = prepare (self, "INSERT INTO article_brands (article_id, brand, n) VALUES (?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;

  for (guint j = 0; j < counts->len; j++)
    {
      const BrandCount *count = &g_array_index (counts, BrandCount, j);

      sqlite3_bind_int64 (insert, 1, article_id);
      bind_text (insert, 2, count->brand);
      sqlite3_bind_int (insert, 3, count->n);
      if (!step_done (self, insert, error))
        return FALSE;
      sqlite3_reset (insert);
      count_brand_row (self, count->brand, count->n, 1);
    }
  if (counts->len > 1)
    {
      g_autofree const char **names = g_new (const char *, counts->len);

      for (guint j = 0; j < counts->len; j++)
        names[j] = g_array_index (counts, BrandCount, j).brand;
      count_brand_pairs (self, names, counts->len, 1);
    }

  return TRUE;
}

static gboolean
store_extraction (CitedStore            *self,
                  CitedLexicon          *lexicon,
                  gint64                 article_id,
                  const char            *language,
                  const char            *body,
                  const CitedExtraction *extraction,
                  GError               **error)
{
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (BrandCount));
  g_autoptr(GArray) discoveries = NULL;

  discoveries = record_discoveries (self, lexicon, body, extraction, error);
  if (discoveries == NULL)
    return FALSE;
  if (extraction->figures != NULL && extraction->figures->len > 0 &&
      !store_figures (self, article_id, language, extraction, discoveries, error))
    return FALSE;
  if (extraction->mentions == NULL || extraction->mentions->len == 0)
    return TRUE;
  return store_mentions (self, lexicon, article_id, extraction, discoveries, counts, error) &&
         store_brand_counts (self, article_id, counts, error);
}

static gboolean
hash_exists (CitedStore  *self,
             const char  *hash,
             gboolean    *exists,
             GError     **error)
{
  g_autoptr(CachedStmt) select = NULL;
  int rc;

  select = prepare (self, "SELECT 1 FROM articles WHERE hash = ?", error);
  if (select == NULL)
    return FALSE;

  bind_text (select, 1, hash);
  rc = sqlite3_step (select);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_db_error (self, error, _("Could not read the articles"));
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

/* Makes the article's text valid UTF-8 and fills its hash. The importer
 * hands over valid UTF-8; other callers might not, and the full-text index
 * and every reader rely on it. */
static void
prepare_article (CitedArticle *article)
{
  if (article->title != NULL && !g_utf8_validate (article->title, -1, NULL))
    {
      char *valid = g_utf8_make_valid (article->title, -1);

      g_free (article->title);
      article->title = valid;
    }
  if (article->body != NULL && !g_utf8_validate (article->body, -1, NULL))
    {
      char *valid = g_utf8_make_valid (article->body, -1);

      g_free (article->body);
      article->body = valid;
    }
  if (article->hash == NULL)
    article->hash = article_hash (article);
}

/* A body to store: compressed by the caller (@given: @frame, or the text
 * when NULL) or not yet. */
typedef struct {
  gboolean      given;
  const guint8 *frame;
  gsize         length;
} BodyFrame;

/* Inserts @article with its extraction; sets @duplicate, and writes
 * nothing, when an article of the same text is stored already. Without
 * @extraction only the article's row is written, to learn whether it is
 * a duplicate; the caller then rolls back. */
static gboolean
insert_article (CitedStore             *self,
                CitedArticle           *article,
                const CitedExtraction  *extraction,
                const BodyFrame        *body_frame,
                gboolean               *duplicate,
                GError                **error)
{
  g_autoptr(CachedStmt) insert = NULL;
  const char *title = article->title != NULL ? article->title : "";
  const char *body = article->body != NULL ? article->body : "";
  gint64 id;

  if (article->language == NULL)
    article->language = g_strdup (extraction != NULL && extraction->language != NULL
                                  ? extraction->language
                                  : cited_detect_language (body, -1));

  /* The unique index on the hash finds a stored copy in the same look-up
   * that inserts the row: no SELECT before. */
  insert = prepare (self,
                    "INSERT OR IGNORE INTO articles (title, source, published, path, language, hash)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    error);
  if (insert == NULL)
    return FALSE;
  bind_text (insert, 1, title);
  bind_text (insert, 2, article->source);
  bind_text (insert, 3, article->published);
  bind_text (insert, 4, article->path);
  bind_text (insert, 5, article->language);
  bind_text (insert, 6, article->hash);
  if (!step_done (self, insert, error))
    return FALSE;
  *duplicate = sqlite3_changes (self->db) == 0;
  if (!*duplicate)
    self->article_delta++;
  if (*duplicate || extraction == NULL)
    return TRUE;
  id = sqlite3_last_insert_rowid (self->db);

  {
    g_autoptr(CachedStmt) insert_body = NULL;

    const guint8 *frame;
    gsize frame_length = 0;

    insert_body = prepare (self, "INSERT INTO article_bodies (id, body) VALUES (?, ?)", error);
    if (insert_body == NULL)
      return FALSE;
    sqlite3_bind_int64 (insert_body, 1, id);
    if (body_frame != NULL && body_frame->given)
      {
        frame = body_frame->frame;
        frame_length = body_frame->length;
      }
    else
      {
        if (self->body_encoder == NULL)
          self->body_encoder = cited_body_encoder_new ();
        frame = cited_body_encode (self->body_encoder, body, strlen (body), &frame_length);
      }
    if (frame != NULL)
      sqlite3_bind_blob64 (insert_body, 2, frame, frame_length, SQLITE_STATIC);
    else
      bind_text (insert_body, 2, body);
    if (!step_done (self, insert_body, error))
      return FALSE;
  }

  {
    g_autoptr(CachedStmt) insert_fts = NULL;

    insert_fts = prepare (self, "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)", error);
    if (insert_fts == NULL)
      return FALSE;
    sqlite3_bind_int64 (insert_fts, 1, id);
    bind_text (insert_fts, 2, title);
    bind_text (insert_fts, 3, body);
    if (!step_done (self, insert_fts, error))
      return FALSE;
  }

  if (!store_extraction (self, self->lexicon, id, article->language, body, extraction, error))
    return FALSE;

  article->id = id;
  article->figures_capped = extraction->figures_capped;
  return TRUE;
}

/* Whether @article's title or body is longer than SQLite would store (it
 * would bind a longer value as NULL). Refused before its extraction, with
 * CITED_ERROR_TOO_LARGE, so that an importer can tell this article's
 * fault from the database's. */
static gboolean
check_size (CitedStore          *self,
            const CitedArticle  *article,
            GError             **error)
{
  if ((article->body != NULL && strlen (article->body) > self->max_text) ||
      (article->title != NULL && strlen (article->title) > self->max_text))
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_TOO_LARGE,
                           _("The article’s text is too large to store"));
      return FALSE;
    }
  return TRUE;
}

/* Whether @article is stored already, or comes again in its batch
 * (@seen holds the hashes of the batch so far). */
static gboolean
is_duplicate (CitedStore    *self,
              GHashTable    *seen,
              CitedArticle  *article,
              gboolean      *duplicate,
              GError       **error)
{
  *duplicate = FALSE;
  if (g_hash_table_contains (seen, article->hash))
    *duplicate = TRUE;
  else if (!hash_exists (self, article->hash, duplicate, error))
    return FALSE;
  if (!*duplicate)
    g_hash_table_add (seen, article->hash);
  return TRUE;
}

/* Stores the new articles of @articles with their extractions (see
 * cited-scheduler-private.h) inside the caller's transaction: from
 * @extractions, or from @job as each is done. An article that is new now
 * but had no extraction made (it was stored when the scheduler looked,
 * and removed since) makes the batch @stale. */
static gboolean
add_articles_locked (CitedStore       *self,
                     GPtrArray        *articles,
                     GPtrArray        *extractions,
                     CitedExtractJob  *job,
                     guint            *n_added,
                     guint            *n_duplicates,
                     gboolean         *stale,
                     GError          **error)
{
  g_return_val_if_fail (job != NULL || extractions->len == articles->len, FALSE);

  for (guint i = 0; i < articles->len; i++)
    {
      prepare_article (g_ptr_array_index (articles, i));
      if (!check_size (self, g_ptr_array_index (articles, i), error))
        return FALSE;
    }

  for (guint i = 0; i < articles->len; i++)
    {
      CitedArticle *article = g_ptr_array_index (articles, i);
      const CitedExtraction *extraction;
      BodyFrame body_frame = { FALSE, NULL, 0 };
      gboolean duplicate = FALSE;

      if (job != NULL)
        {
          extraction = cited_extract_job_wait_body (job, i, &body_frame.frame, &body_frame.length);
          body_frame.given = TRUE;
        }
      else
        extraction = g_ptr_array_index (extractions, i);

      /* A copy stored before, or earlier in the batch, is left out by
       * the unique index on the hash; one without its extraction (found
       * stored when the scheduler looked) normally is too. */
      if (!insert_article (self, article, extraction, &body_frame, &duplicate, error))
        return FALSE;
      if (duplicate)
        {
          (*n_duplicates)++;
          continue;
        }
      if (extraction == NULL)
        {
          /* Removed since: the caller rolls back and extracts again. */
          *stale = TRUE;
          return TRUE;
        }
      (*n_added)++;
    }
  return TRUE;
}

/* See cited-store-private.h. */
CitedLexicon *
cited_store_dup_extraction_lexicon (CitedStore  *self,
                                    gint64      *generation,
                                    GError     **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  if (!refresh_lexicon (self, error))
    return NULL;
  if (generation != NULL)
    *generation = self->lexicon_generation;
  return g_object_ref (self->lexicon);
}

/* See cited-store-private.h. */
gboolean
cited_store_find_new_articles (CitedStore  *self,
                               GPtrArray   *articles,
                               GPtrArray   *keys,
                               gboolean    *skip,
                               GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  for (guint i = 0; i < articles->len; i++)
    {
      CitedArticle *article = g_ptr_array_index (articles, i);
      gboolean known = FALSE;

      prepare_article (article);
      if (!check_size (self, article, error))
        return FALSE;
      if (keys != NULL && !cited_store_knows_feed_item (self, g_ptr_array_index (keys, i),
                                                        &known, error))
        return FALSE;
      if (!known && !is_duplicate (self, seen, article, &known, error))
        return FALSE;
      skip[i] = known;
    }
  return TRUE;
}

/* Whether the brands are still those of @generation, inside a write
 * transaction: when they are not, the extractions made with them are
 * @stale and nothing is written. */
static gboolean
check_generation (CitedStore  *self,
                  gint64       generation,
                  gboolean    *stale,
                  GError     **error)
{
  if (!refresh_lexicon (self, error))
    return FALSE;
  *stale = self->lexicon_generation != generation;
  if (*stale)
    g_debug ("The brands changed during extraction; extracting again");
  return TRUE;
}

/* Ids of rows that were rolled back must not leak out. */
static void
clear_article_ids (GPtrArray *articles)
{
  for (guint j = 0; articles != NULL && j < articles->len; j++)
    ((CitedArticle *) g_ptr_array_index (articles, j))->id = 0;
}

/* See cited-store-private.h. The transaction begins before the
 * extractions are done: the brands cannot change while it holds the
 * write lock, and the pool extracts the next articles while the first
 * are written. */
gboolean
cited_store_add_extract_job (CitedStore       *self,
                             GPtrArray        *articles,
                             CitedExtractJob  *job,
                             gint64            generation,
                             gboolean         *stale,
                             guint            *n_added,
                             guint            *n_duplicates,
                             GError          **error)
{
  guint added = 0;
  guint duplicates = 0;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);
  g_return_val_if_fail (articles != NULL && job != NULL, FALSE);

  *stale = FALSE;
  if (n_added != NULL)
    *n_added = 0;
  if (n_duplicates != NULL)
    *n_duplicates = 0;

  if (!self->write_cache)
    {
      self->write_cache = exec_sql (self, "PRAGMA cache_size = -" G_STRINGIFY (WRITE_CACHE_KIB),
                                    error);
      if (!self->write_cache)
        return FALSE;
    }
  if (!begin (self, error))
    return FALSE;
  if (!check_generation (self, generation, stale, error) ||
      (!*stale && !add_articles_locked (self, articles, NULL, job, &added, &duplicates,
                                        stale, error)) ||
      (!*stale && !commit (self, error)))
    {
      rollback (self);
      clear_article_ids (articles);
      return FALSE;
    }
  if (*stale)
    {
      rollback (self);
      clear_article_ids (articles);
      return TRUE;
    }

  if (n_added != NULL)
    *n_added = added;
  if (n_duplicates != NULL)
    *n_duplicates = duplicates;
  return TRUE;
}

/* See cited-store-private.h. */
void
cited_store_set_max_text (CitedStore *self,
                          gsize       max_text)
{
  g_return_if_fail (CITED_IS_STORE (self));

  self->max_text = MIN (max_text, (gsize) sqlite3_limit (self->db, SQLITE_LIMIT_LENGTH, -1) - 1);
}

/**
 * cited_store_add_articles:
 * @articles: (element-type CitedArticle): parsed articles
 * @n_added: (out) (optional): how many were new
 * @n_duplicates: (out) (optional): how many were already stored
 *
 * Extracts and stores @articles in one transaction: either all new ones
 * are stored or, on error, none. The extraction runs in the process's
 * extraction scheduler before the transaction begins, so that the
 * database's write lock is held only while the articles are written.
 */
gboolean
cited_store_add_articles (CitedStore  *self,
                          GPtrArray   *articles,
                          guint       *n_added,
                          guint       *n_duplicates,
                          GError     **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);
  g_return_val_if_fail (articles != NULL, FALSE);

  return cited_scheduler_add_articles (cited_scheduler_get_default (), self, articles,
                                       n_added, n_duplicates, error);
}

/* Stores one article with an extraction the caller made: see
 * cited-store-private.h. */
gboolean
cited_store_add_extracted (CitedStore             *self,
                           CitedArticle           *article,
                           const CitedExtraction  *extraction,
                           GError                **error)
{
  gboolean exists = FALSE;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);
  g_return_val_if_fail (article != NULL && extraction != NULL, FALSE);

  prepare_article (article);
  if (!begin (self, error))
    return FALSE;
  if (!refresh_lexicon (self, error) ||
      !insert_article (self, article, extraction, NULL, &exists, error))
    goto fail;
  if (exists)
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_INVALID,
                           _("The article is stored already"));
      goto fail;
    }
  if (!commit (self, error))
    goto fail;
  return TRUE;

fail:
  rollback (self);
  article->id = 0;
  return FALSE;
}

/**
 * cited_store_remove_article:
 * @id: an article id
 *
 * Deletes an article with its figures and mentions. The user's edits of
 * its figures are kept: importing the same text again brings them back.
 */
gboolean
cited_store_remove_article (CitedStore  *self,
                            gint64       id,
                            GError     **error)
{
  g_autoptr(CachedStmt) select = NULL;
  int rc;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  if (!begin (self, error))
    return FALSE;

  select = prepare (self, "SELECT title, body FROM article_text WHERE id = ?", error);
  if (select == NULL)
    goto fail;
  sqlite3_bind_int64 (select, 1, id);
  rc = sqlite3_step (select);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND,
                   _("There is no article %lld"), (long long) id);
      goto fail;
    }
  if (rc != SQLITE_ROW)
    {
      set_db_error (self, error, _("Could not read the article"));
      goto fail;
    }

  {
    g_autoptr(CachedStmt) fts_delete = NULL;

    /* An external-content index must be told the old text to forget it. */
    fts_delete = prepare (self,
                          "INSERT INTO articles_fts (articles_fts, rowid, title, body)"
                          " VALUES ('delete', ?, ?, ?)",
                          error);
    if (fts_delete == NULL)
      goto fail;
    sqlite3_bind_int64 (fts_delete, 1, id);
    sqlite3_bind_value (fts_delete, 2, sqlite3_column_value (select, 0));
    sqlite3_bind_value (fts_delete, 3, sqlite3_column_value (select, 1));
    if (!step_done (self, fts_delete, error))
      goto fail;
  }
  cached_stmt_release (select);

  {
    g_autoptr(CachedStmt) delete = NULL;

    /* Its mentions and figures go with it (ON DELETE CASCADE). */
    if (!count_article (self, id, -1, error))
      goto fail;
    delete = prepare (self, "DELETE FROM articles WHERE id = ?", error);
    if (delete == NULL)
      goto fail;
    sqlite3_bind_int64 (delete, 1, id);
    if (!step_done (self, delete, error))
      goto fail;
    self->article_delta -= sqlite3_changes (self->db);
  }

  return commit (self, error);

fail:
  if (select != NULL)
    cached_stmt_release (g_steal_pointer (&select));
  rollback (self);
  return FALSE;
}

void
cited_store_checkpoint (CitedStore *self)
{
  int rc;

  g_return_if_fail (CITED_IS_STORE (self));

  /* TRUNCATE waits for readers on the busy handler; a reader that keeps
   * its snapshot open must not hold the end of an import for a minute.
   * What could not be copied stays in the log for the next checkpoint. */
  sqlite3_busy_timeout (self->db, 2000);
  rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  sqlite3_busy_timeout (self->db, 60000);
  if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
    g_debug ("Checkpoint of %s failed: %s", self->path, sqlite3_errmsg (self->db));

  /* The import is over: its cache goes back to the browsing size. */
  if (self->write_cache &&
      exec_sql (self, "PRAGMA cache_size = -" G_STRINGIFY (BROWSE_CACHE_KIB) "; PRAGMA shrink_memory;",
                NULL))
    self->write_cache = FALSE;
}

/* ------------------------------------------------------------------ */
/* Re-extraction                                                       */

/* Re-extraction runs in short batches (cited-scheduler.c): the articles to
 * re-extract are marked in pending_extractions, inside the transaction of
 * the change that calls for it, and each batch is read, extracted outside
 * any transaction and written in one short transaction that also clears
 * its marks. A process killed half-way leaves the rest marked, and the
 * next one to open the store finishes it. */

/* Marks @ids (every article when NULL) for re-extraction, inside the
 * caller's transaction. */
static gboolean
mark_pending (CitedStore  *self,
              GArray      *ids,
              GError     **error)
{
  g_autoptr(CachedStmt) insert = NULL;

  if (ids == NULL)
    return exec_sql (self,
                     "INSERT OR IGNORE INTO pending_extractions (article_id)"
                     " SELECT id FROM articles",
                     error);

  insert = prepare (self, "INSERT OR IGNORE INTO pending_extractions (article_id) VALUES (?)", error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int64 (insert, 1, g_array_index (ids, gint64, i));
      if (!step_done (self, insert, error))
        return FALSE;
      sqlite3_reset (insert);
    }
  return TRUE;
}

/* The re-extraction of what is marked, after the change that marked it
 * was committed: on failure, what is left stays marked. */
static gboolean
run_pending (CitedStore    *self,
             GCancellable  *cancellable,
             GError       **error)
{
  return cited_scheduler_reextract (cited_scheduler_get_default (), self, cancellable, error);
}

/**
 * cited_store_count_pending_extractions:
 * @self: a store
 * @error: return location for a #GError
 *
 * Articles marked for re-extraction and not re-extracted yet: after a
 * change of the brands or of the extractor, by a re-extraction that was
 * stopped (cancelled, or its process killed) or that another process is
 * running. [method@Cited.Store.reextract_pending] finishes it.
 *
 * Returns: their number; 0 with @error set when it cannot be read
 */
guint
cited_store_count_pending_extractions (CitedStore  *self,
                                       GError     **error)
{
  g_autoptr(CachedStmt) count = NULL;

  g_return_val_if_fail (CITED_IS_STORE (self), 0);

  count = prepare (self, "SELECT count (*) FROM pending_extractions", error);
  if (count == NULL)
    return 0;
  if (sqlite3_step (count) != SQLITE_ROW)
    {
      set_db_error (self, error, _("Could not read the articles"));
      return 0;
    }
  return (guint) sqlite3_column_int64 (count, 0);
}

/**
 * cited_store_reextract_pending:
 * @self: a store
 * @cancellable: (nullable): stops it between two batches
 * @error: return location for a #GError
 *
 * Re-extracts the articles marked for it (see
 * [method@Cited.Store.count_pending_extractions]) in short batches, each
 * written in its own transaction, so that other connections read and
 * write in between; reports progress through the progress function. The
 * result is the same whether it runs at once or is stopped and taken up
 * again, by this process or another.
 *
 * Returns: FALSE with @error set when it failed or was cancelled
 */
gboolean
cited_store_reextract_pending (CitedStore    *self,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  return run_pending (self, cancellable, error);
}

/* See cited-store-private.h. */
GPtrArray *
cited_store_read_pending (CitedStore  *self,
                          gint64       after,
                          guint        max,
                          GError     **error)
{
  g_autoptr(CachedStmt) select = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  int rc;

  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  select = prepare (self,
                    "SELECT a.id, a.title, a.published, a.language, cited_body (b.body)"
                    " FROM pending_extractions p JOIN articles a ON a.id = p.article_id"
                    " JOIN article_bodies b ON b.id = a.id WHERE p.article_id > ?"
                    " ORDER BY p.article_id LIMIT ?",
                    error);
  if (select == NULL)
    return NULL;
  sqlite3_bind_int64 (select, 1, after);
  sqlite3_bind_int64 (select, 2, max);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      CitedArticle *article = cited_article_new ();

      article->id = sqlite3_column_int64 (select, 0);
      article->title = column_dup (select, 1);
      article->published = column_dup (select, 2);
      article->language = column_dup (select, 3);
      article->body = column_dup (select, 4);
      g_ptr_array_add (articles, article);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("Could not read the articles"));
      return NULL;
    }
  return g_steal_pointer (&articles);
}

/* Replaces the figures and mentions of @article with @extraction when it
 * is still marked (another process may have done it meanwhile, or the
 * article may be gone), and clears its mark. */
static gboolean
replace_extraction (CitedStore             *self,
                    const CitedArticle     *article,
                    const CitedExtraction  *extraction,
                    GError                **error)
{
  static const char * const deletes[] = {
    "DELETE FROM figures WHERE article_id = ?",
    "DELETE FROM mentions WHERE article_id = ?",
    "DELETE FROM article_brands WHERE article_id = ?",
    "DELETE FROM hidden_mentions WHERE article_id = ?",
  };
  g_autoptr(CachedStmt) unmark = prepare (self, "DELETE FROM pending_extractions WHERE article_id = ?",
                                          error);

  if (unmark == NULL)
    return FALSE;
  sqlite3_bind_int64 (unmark, 1, article->id);
  if (!step_done (self, unmark, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return TRUE;

  if (!count_article (self, article->id, -1, error))
    return FALSE;
  for (guint j = 0; j < G_N_ELEMENTS (deletes); j++)
    {
      g_autoptr(CachedStmt) delete = prepare (self, deletes[j], error);

      if (delete == NULL)
        return FALSE;
      sqlite3_bind_int64 (delete, 1, article->id);
      if (!step_done (self, delete, error))
        return FALSE;
    }
  return store_extraction (self, self->lexicon, article->id, article->language,
                           article->body, extraction, error);
}

/* See cited-store-private.h. */
gboolean
cited_store_write_reextracted (CitedStore  *self,
                               GPtrArray   *articles,
                               GPtrArray   *extractions,
                               gint64       generation,
                               gboolean    *stale,
                               GError     **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);
  g_return_val_if_fail (articles->len == extractions->len, FALSE);

  *stale = FALSE;
  if (!begin (self, error))
    return FALSE;
  if (!check_generation (self, generation, stale, error))
    goto fail;
  if (*stale)
    {
      rollback (self);
      return TRUE;
    }
  for (guint i = 0; i < articles->len; i++)
    if (!replace_extraction (self, g_ptr_array_index (articles, i),
                             g_ptr_array_index (extractions, i), error))
      goto fail;
  if (!commit (self, error))
    goto fail;
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

/* See cited-store-private.h. */
void
cited_store_report_progress (CitedStore *self,
                             guint       done,
                             guint       total)
{
  g_return_if_fail (CITED_IS_STORE (self));

  if (self->progress_func != NULL)
    self->progress_func (done, total, self->progress_data);
}

/**
 * cited_store_reextract:
 *
 * Runs the extractor again over every stored article: they are marked for
 * re-extraction in one transaction, then re-extracted in short batches as
 * [method@Cited.Store.reextract_pending] does. User edits, keyed by
 * content hash and offset, apply to the new figures.
 */
gboolean
cited_store_reextract (CitedStore    *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  if (!begin (self, error))
    return FALSE;
  if (!mark_pending (self, NULL, error) || !commit (self, error))
    {
      rollback (self);
      return FALSE;
    }
  return run_pending (self, cancellable, error);
}

/* Articles whose title or body contains @name or one of @aliases, which
 * the brand matcher compares byte for byte up to ASCII case, at word
 * boundaries or case changes, a plural "s" allowed. The index finds every
 * such match (as the phrase, or its plural): it splits words at case
 * changes and digits as the matcher does, and folds more than ASCII case.
 * LIKE finds names without any indexed character. */
static GArray *
brand_candidates (CitedStore          *self,
                  const char          *name,
                  const char * const  *aliases,
                  GError             **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT a.id FROM articles a WHERE 0");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (param_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(CachedStmt) stmt = NULL;

  g_ptr_array_add (names, (gpointer) name);
  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    g_ptr_array_add (names, (gpointer) aliases[i]);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *alias = g_strstrip (g_strdup (g_ptr_array_index (names, i)));

      if (*alias == '\0' || !g_utf8_validate (alias, -1, NULL))
        continue;

      if (cited_fts_has_tokens (alias))
        {
          GString *phrase = g_string_new (NULL);

          for (guint plural = 0; plural < 2; plural++)
            {
              g_string_append (phrase, plural ? " OR \"" : "\"");
              for (const char *q = alias; *q != '\0'; q++)
                {
                  if (*q == '"')
                    g_string_append_c (phrase, '"');
                  g_string_append_c (phrase, *q);
                }
              g_string_append (phrase, plural ? "s\"" : "\"");
            }
          g_string_append (sql, " OR a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)");
          params_add_text (params, phrase->str);
          g_string_free (phrase, TRUE);
        }
      else
        {
          g_autofree char *pattern = like_pattern (alias);

          g_string_append (sql,
                           " OR a.title LIKE ? ESCAPE '\\'"
                           " OR (SELECT cited_body (body) FROM article_bodies WHERE id = a.id) LIKE ? ESCAPE '\\'");
          params_add_text (params, pattern);
          params_add_text (params, pattern);
        }
    }
  g_string_append (sql, " ORDER BY a.id");

  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  params_bind (params, stmt);
  return step_ids (self, stmt, _("Could not read the articles"), error);
}

static gboolean
is_color (const char *color)
{
  if (color == NULL || color[0] != '#' || strlen (color) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

/* After this connection changed the brands from generation @before to
 * @after and added the change to its own lexicon in place (whose pointer
 * callers hold): the lexicon is current when it was before. Otherwise it
 * stays behind, and the next write reads it again. */
static void
lexicon_added_own (CitedStore *self,
                   gint64      before,
                   gint64      after)
{
  if (self->lexicon_generation == before)
    self->lexicon_generation = after;
}

/* Saves a brand (or aliases and a colour of an existing one) in the
 * user's lexicon and marks the articles that name it for re-extraction,
 * inside the caller's transaction. Returns the lexicon with the brand. */
static CitedLexicon *
add_brand_locked (CitedStore          *self,
                  const char          *name,
                  const char * const  *aliases,
                  const char          *color,
                  GError             **error)
{
  g_autoptr(CitedLexicon) lexicon = NULL;
  g_autoptr(GArray) candidates = NULL;
  gint64 brand_id;

  {
    g_autoptr(CachedStmt) upsert = NULL;

    upsert = prepare (self,
                      "INSERT INTO brands (name, color) VALUES (?, ?)"
                      " ON CONFLICT (name) DO UPDATE SET color = coalesce (excluded.color, color),"
                      "  removed = 0"
                      " RETURNING id",
                      error);
    if (upsert == NULL)
      return NULL;
    bind_text (upsert, 1, name);
    bind_text (upsert, 2, color);
    if (sqlite3_step (upsert) != SQLITE_ROW)
      {
        set_db_error (self, error, _("Could not save the brand"));
        return NULL;
      }
    brand_id = sqlite3_column_int64 (upsert, 0);
    /* Finish the statement so the RETURNING write is complete. */
    if (!step_done (self, upsert, error))
      return NULL;
  }

  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    {
      g_autoptr(CachedStmt) insert = NULL;
      g_autofree char *alias = g_strstrip (g_strdup (aliases[i]));

      if (*alias == '\0' || !g_utf8_validate (alias, -1, NULL))
        continue;
      insert = prepare (self,
                        "INSERT INTO brand_aliases (brand_id, alias) VALUES (?, ?)"
                        " ON CONFLICT (brand_id, alias) DO UPDATE SET enabled = 1",
                        error);
      if (insert == NULL)
        return NULL;
      sqlite3_bind_int64 (insert, 1, brand_id);
      bind_text (insert, 2, alias);
      if (!step_done (self, insert, error))
        return NULL;
    }

  /* A fresh lexicon, so that a failure leaves ours as it was. Only the
   * articles where one of the names occurs are marked for re-extraction:
   * no other article can gain a mention or a figure's attribution. The
   * caller re-extracts them once the change is committed. */
  lexicon = load_lexicon (self, error);
  if (lexicon == NULL)
    return NULL;
  candidates = brand_candidates (self, name, aliases, error);
  if (candidates == NULL)
    return NULL;
  if (!mark_pending (self, candidates, error))
    return NULL;
  return g_steal_pointer (&lexicon);
}

/**
 * cited_store_add_brand:
 * @name: the canonical name
 * @aliases: (nullable) (array zero-terminated=1): other names to match
 * @color: (nullable): "#RRGGBB", or NULL to have one picked
 *
 * Adds a brand (or aliases and a colour to an existing one) and keeps it
 * in the database, then re-scans the stored articles that name it in
 * short batches (see [method@Cited.Store.reextract_pending]).
 */
gboolean
cited_store_add_brand (CitedStore          *self,
                       const char          *name,
                       const char * const  *aliases,
                       const char          *color,
                       GError             **error)
{
  g_autoptr(CitedLexicon) lexicon = NULL;
  g_autofree char *trimmed = NULL;
  gint64 before = 0, after = 0;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (*trimmed == '\0' || !g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_INVALID,
                           _("A brand needs a name"));
      return FALSE;
    }
  if (color != NULL && !is_color (color))
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_INVALID,
                   _("“%s” is not a colour; write it as #RRGGBB"), color);
      return FALSE;
    }

  if (!begin (self, error))
    return FALSE;

  if (!read_lexicon_generation (self, &before, error) ||
      (lexicon = add_brand_locked (self, trimmed, aliases, color, error)) == NULL ||
      !read_lexicon_generation (self, &after, error) ||
      !commit (self, error))
    {
      rollback (self);
      return FALSE;
    }

  cited_lexicon_add_brand (self->lexicon, trimmed, aliases, color);
  lexicon_added_own (self, before, after);
  return run_pending (self, NULL, error);
}

/* ------------------------------------------------------------------ */
/* The brands editor                                                   */

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* @name's index in @lexicon, or -1. */
static int
lexicon_index (CitedLexicon *lexicon,
               const char   *name)
{
  const char *canonical = cited_lexicon_lookup (lexicon, name);
  guint n = cited_lexicon_get_n_brands (lexicon);

  for (guint i = 0; canonical != NULL && i < n; i++)
    if (cited_lexicon_get_name (lexicon, i) == canonical &&
        g_ascii_strcasecmp (canonical, name) == 0)
      return (int) i;
  /* A name whose own alias went to an earlier brand. */
  for (guint i = 0; i < n; i++)
    if (g_utf8_collate (cited_lexicon_get_name (lexicon, i), name) == 0)
      return (int) i;
  return -1;
}

static void
add_brand_aliases (GPtrArray    *aliases,
                   CitedLexicon *lexicon,
                   const char   *name)
{
  int i = lexicon_index (lexicon, name);

  if (i < 0)
    return;
  for (const char * const *a = cited_lexicon_get_aliases (lexicon, i); *a != NULL; a++)
    g_ptr_array_add (aliases, g_strdup (*a));
  for (const char * const *a = cited_lexicon_get_off_aliases (lexicon, i); *a != NULL; a++)
    g_ptr_array_add (aliases, g_strdup (*a));
}

/* Articles whose mentions or figures may change when the brands @names
 * change from @before to @after: those that mention them or hold a
 * figure of theirs, and those holding one of @phrases or an alias (on or
 * off) of @names in either lexicon. */
static GArray *
changed_articles (CitedStore          *self,
                  CitedLexicon        *before,
                  CitedLexicon        *after,
                  const char * const  *names,
                  const char * const  *phrases,
                  GError             **error)
{
  g_autoptr(GPtrArray) aliases = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) ids = NULL;
  GArray *result;

  for (guint i = 0; phrases != NULL && phrases[i] != NULL; i++)
    g_ptr_array_add (aliases, g_strdup (phrases[i]));
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      add_brand_aliases (aliases, before, names[i]);
      add_brand_aliases (aliases, after, names[i]);
    }
  g_ptr_array_add (aliases, NULL);
  ids = brand_candidates (self, "", (const char * const *) aliases->pdata, error);
  if (ids == NULL)
    return NULL;
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autoptr(CachedStmt) select = prepare (self,
                                              "SELECT article_id FROM article_brands WHERE brand = ?1"
                                              " UNION SELECT article_id FROM figures WHERE brand = ?1",
                                              error);
      int rc;

      if (select == NULL)
        return NULL;
      bind_text (select, 1, names[i]);
      while ((rc = sqlite3_step (select)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (select, 0);
          g_array_append_val (ids, id);
        }
      if (rc != SQLITE_DONE)
        {
          set_db_error (self, error, _("Could not read the articles"));
          return NULL;
        }
    }

  result = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (g_hash_table_add (seen, g_memdup2 (&id, sizeof id)))
        g_array_append_val (result, id);
    }
  g_array_sort (result, compare_ids);
  return result;
}

typedef gboolean (*BrandChange) (CitedStore  *self,
                                 gpointer     data,
                                 GError     **error);

/* Makes @change to the user's brands, reads the lexicon again and marks
 * the articles where that can move a mention or a figure for
 * re-extraction, in one transaction; then gives our lexicon (whose
 * pointer callers hold) the new brands and re-extracts the articles in
 * short batches. */
static gboolean
change_brands (CitedStore          *self,
               BrandChange          change,
               gpointer             data,
               const char * const  *names,
               const char * const  *phrases,
               GError             **error)
{
  g_autoptr(CitedLexicon) lexicon = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 after = 0;

  if (!begin (self, error))
    return FALSE;
  if (!refresh_lexicon (self, error) ||
      !change (self, data, error) ||
      (lexicon = load_lexicon (self, error)) == NULL ||
      (ids = changed_articles (self, self->lexicon, lexicon, names, phrases, error)) == NULL ||
      !mark_pending (self, ids, error) ||
      !read_lexicon_generation (self, &after, error) ||
      !commit (self, error))
    {
      rollback (self);
      return FALSE;
    }
  cited_lexicon_replace (self->lexicon, lexicon);
  self->lexicon_generation = after;
  return run_pending (self, NULL, error);
}

/* The row of the brand @name in the user's brands, made when there is
 * none (a built-in brand the user changes); a removed brand comes back. */
static gboolean
upsert_brand (CitedStore  *self,
              const char  *name,
              const char  *color,
              gint64      *id,
              GError     **error)
{
  g_autoptr(CachedStmt) upsert = prepare (self,
                                          "INSERT INTO brands (name, color) VALUES (?, ?)"
                                          " ON CONFLICT (name) DO UPDATE SET"
                                          "  color = coalesce (excluded.color, color), removed = 0"
                                          " RETURNING id",
                                          error);

  if (upsert == NULL)
    return FALSE;
  bind_text (upsert, 1, name);
  bind_text (upsert, 2, color);
  if (sqlite3_step (upsert) != SQLITE_ROW)
    return set_db_error (self, error, _("Could not save the brand"));
  *id = sqlite3_column_int64 (upsert, 0);
  /* Finish the statement so the RETURNING write is complete. */
  return step_done (self, upsert, error);
}

/* Runs @sql with the brand id and up to three texts bound in order. */
static gboolean
exec_brand_sql (CitedStore  *self,
                const char  *sql,
                gint64       id,
                const char  *a,
                const char  *b,
                const char  *c,
                GError     **error)
{
  g_autoptr(CachedStmt) stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, a);
  bind_text (stmt, 3, b);
  bind_text (stmt, 4, c);
  return step_done (self, stmt, error);
}

static gboolean
save_alias (CitedStore      *self,
            gint64           id,
            const char      *alias,
            CitedAliasKind   kind,
            gboolean         on,
            GError         **error)
{
  return exec_brand_sql (self, "DELETE FROM brand_aliases WHERE brand_id = ?1 AND alias = ?2 COLLATE NOCASE",
                         id, alias, NULL, NULL, error) &&
         (!on || exec_brand_sql (self,
                                 "DELETE FROM brand_exclusions WHERE brand_id = ?1 AND phrase = ?2 COLLATE NOCASE",
                                 id, alias, NULL, NULL, error)) &&
         exec_brand_sql (self,
                         on ? "INSERT INTO brand_aliases (brand_id, alias, kind, enabled) VALUES (?1, ?2, ?3, 1)"
                            : "INSERT INTO brand_aliases (brand_id, alias, kind, enabled) VALUES (?1, ?2, ?3, 0)",
                         id, alias, cited_alias_kind_to_string (kind), NULL, error);
}

/* A brand of our lexicon by its name (not an alias), or NULL with
 * CITED_ERROR_NOT_FOUND. */
static const char *
known_brand (CitedStore  *self,
             const char  *name,
             GError     **error)
{
  int i = name != NULL ? lexicon_index (self->lexicon, name) : -1;

  if (i < 0)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND,
                   _("No brand is called “%s”"), name != NULL ? name : "");
      return NULL;
    }
  return cited_lexicon_get_name (self->lexicon, i);
}

typedef struct {
  const char     *brand;
  const char     *alias;
  const char     *other;
  CitedAliasKind  kind;
  gboolean        on;
} BrandEdit;

static gboolean
set_alias_cb (CitedStore  *self,
              gpointer     data,
              GError     **error)
{
  BrandEdit *edit = data;
  gint64 id;

  return upsert_brand (self, edit->brand, NULL, &id, error) &&
         save_alias (self, id, edit->alias, edit->kind, edit->on, error);
}

/**
 * cited_store_set_alias:
 * @brand: a brand of the lexicon
 * @alias: an alias of it, or a new one
 * @kind: whether @alias names the company, a person or a product
 * @on: whether mentions of @alias count for @brand
 *
 * Adds an alias or changes its kind and whether it counts, and
 * re-attributes the mentions and figures of the articles that hold it, in
 * one transaction. Turning on an alias takes back an exclusion of it.
 */
gboolean
cited_store_set_alias (CitedStore      *self,
                       const char      *brand,
                       const char      *alias,
                       CitedAliasKind   kind,
                       gboolean         on,
                       GError         **error)
{
  g_autofree char *stripped = NULL;
  BrandEdit edit = { NULL, NULL, NULL, kind, on };
  const char * const phrases[] = { NULL, NULL };

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  stripped = g_strstrip (g_strdup (alias != NULL ? alias : ""));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_INVALID, _("An alias is empty"));
      return FALSE;
    }
  if ((edit.brand = known_brand (self, brand, error)) == NULL)
    return FALSE;
  if (!on && g_utf8_collate (stripped, edit.brand) == 0)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_INVALID,
                   _("“%s” is the brand’s own name and always counts"), stripped);
      return FALSE;
    }
  edit.alias = stripped;
  ((const char **) phrases)[0] = stripped;
  return change_brands (self, set_alias_cb, &edit, NULL, phrases, error);
}

static gboolean
exclude_cb (CitedStore  *self,
            gpointer     data,
            GError     **error)
{
  BrandEdit *edit = data;
  gint64 id;

  return upsert_brand (self, edit->brand, NULL, &id, error) &&
         exec_brand_sql (self, "INSERT OR IGNORE INTO brand_exclusions (brand_id, phrase) VALUES (?1, ?2)",
                         id, edit->alias, NULL, NULL, error);
}

/**
 * cited_store_exclude:
 * @brand: a brand of the lexicon
 * @phrase: what is not @brand
 *
 * Says that @phrase is not @brand ("Android is not Google"): an alias is
 * turned off, any other phrase cancels the aliases it holds. Mentions and
 * figures are re-attributed in one transaction.
 */
gboolean
cited_store_exclude (CitedStore  *self,
                     const char  *brand,
                     const char  *phrase,
                     GError     **error)
{
  g_autofree char *stripped = NULL;
  BrandEdit edit = { 0 };
  const char *phrases[] = { NULL, NULL };

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  stripped = g_strstrip (g_strdup (phrase != NULL ? phrase : ""));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_INVALID, _("The phrase is empty"));
      return FALSE;
    }
  if ((edit.brand = known_brand (self, brand, error)) == NULL)
    return FALSE;
  if (g_utf8_collate (stripped, edit.brand) == 0)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_INVALID,
                   _("“%s” is the brand’s own name and always counts"), stripped);
      return FALSE;
    }
  edit.alias = phrases[0] = stripped;
  return change_brands (self, exclude_cb, &edit, NULL, phrases, error);
}

static gboolean
set_color_cb (CitedStore  *self,
              gpointer     data,
              GError     **error)
{
  BrandEdit *edit = data;
  gint64 id;

  return upsert_brand (self, edit->brand, edit->alias, &id, error);
}

/**
 * cited_store_set_brand_color:
 * @color: "#RRGGBB"
 */
gboolean
cited_store_set_brand_color (CitedStore  *self,
                             const char  *brand,
                             const char  *color,
                             GError     **error)
{
  g_autofree char *upper = NULL;
  BrandEdit edit = { 0 };

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  if (!is_color (color))
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_INVALID,
                   _("“%s” is not a colour; write it as #RRGGBB"), color != NULL ? color : "");
      return FALSE;
    }
  if ((edit.brand = known_brand (self, brand, error)) == NULL)
    return FALSE;
  edit.alias = upper = g_ascii_strup (color, -1);
  return change_brands (self, set_color_cb, &edit, NULL, NULL, error);
}

/* Gives the figures the user attributed to @from, and the companies
 * merged into it, to @to. */
static gboolean
move_brand_references (CitedStore  *self,
                       const char  *from,
                       const char  *to,
                       GError     **error)
{
  return exec_brand_sql (self, "UPDATE figure_edits SET brand = ?3 WHERE brand = ?2 COLLATE NOCASE",
                         0, from, to, NULL, error) &&
         exec_brand_sql (self, "UPDATE discovered SET merged_into = ?3 WHERE merged_into = ?2 COLLATE NOCASE",
                         0, from, to, NULL, error);
}

static gboolean
is_builtin_brand (const char *name)
{
  static CitedLexicon *builtin;

  if (g_once_init_enter (&builtin))
    g_once_init_leave (&builtin, cited_lexicon_new_default ());
  return lexicon_index (builtin, name) >= 0;
}

static gboolean
rename_cb (CitedStore  *self,
           gpointer     data,
           GError     **error)
{
  BrandEdit *edit = data;
  gint64 id;

  /* A built-in brand keeps its aliases under the new name; the old name
   * stays an alias of it. */
  return exec_brand_sql (self, "DELETE FROM brands WHERE name = ?2 AND removed",
                         0, edit->other, NULL, NULL, error) &&
         upsert_brand (self, edit->brand, NULL, &id, error) &&
         exec_brand_sql (self, "UPDATE brands SET name = ?2, replaces = coalesce (replaces, ?3) WHERE id = ?1",
                         id, edit->other, is_builtin_brand (edit->brand) ? edit->brand : NULL, NULL, error) &&
         save_alias (self, id, edit->brand, CITED_ALIAS_NAME, TRUE, error) &&
         move_brand_references (self, edit->brand, edit->other, error);
}

/**
 * cited_store_rename_brand:
 * @brand: a brand of the lexicon
 * @new_name: its new name, no other brand's
 *
 * Renames a brand, keeping the old name as an alias; its mentions,
 * figures and the user's corrections naming it follow, in one
 * transaction.
 */
gboolean
cited_store_rename_brand (CitedStore  *self,
                          const char  *brand,
                          const char  *new_name,
                          GError     **error)
{
  g_autofree char *stripped = NULL;
  BrandEdit edit = { 0 };
  const char *names[] = { NULL, NULL, NULL };
  int other;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  stripped = g_strstrip (g_strdup (new_name != NULL ? new_name : ""));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_INVALID, _("A brand needs a name"));
      return FALSE;
    }
  if ((edit.brand = known_brand (self, brand, error)) == NULL)
    return FALSE;
  other = lexicon_index (self->lexicon, stripped);
  if (other >= 0 && cited_lexicon_get_name (self->lexicon, other) != edit.brand)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_INVALID,
                   _("Another brand is called “%s”; merge the two instead"), stripped);
      return FALSE;
    }
  edit.other = names[1] = stripped;
  names[0] = edit.brand;
  return change_brands (self, rename_cb, &edit, names, NULL, error);
}

static gboolean
remove_cb (CitedStore  *self,
           gpointer     data,
           GError     **error)
{
  BrandEdit *edit = data;
  gint64 id;

  return upsert_brand (self, edit->brand, NULL, &id, error) &&
         exec_brand_sql (self, "UPDATE brands SET removed = 1 WHERE id = ?1", id, NULL, NULL, NULL, error) &&
         exec_brand_sql (self, "DELETE FROM brand_aliases WHERE brand_id = ?1", id, NULL, NULL, NULL, error) &&
         exec_brand_sql (self, "DELETE FROM brand_exclusions WHERE brand_id = ?1", id, NULL, NULL, NULL, error);
}

/**
 * cited_store_remove_brand:
 *
 * Takes a brand (built-in or the user's) out of the lexicon: its mentions
 * stop counting and its figures lose the brand, in one transaction. The
 * user's corrections that name it stay as they are.
 */
gboolean
cited_store_remove_brand (CitedStore  *self,
                          const char  *brand,
                          GError     **error)
{
  BrandEdit edit = { 0 };
  const char *names[] = { NULL, NULL };

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  if ((edit.brand = names[0] = known_brand (self, brand, error)) == NULL)
    return FALSE;
  return change_brands (self, remove_cb, &edit, names, NULL, error);
}

static gboolean
merge_cb (CitedStore  *self,
          gpointer     data,
          GError     **error)
{
  BrandEdit *edit = data;
  int from = lexicon_index (self->lexicon, edit->brand);
  gint64 id;

  if (!upsert_brand (self, edit->other, NULL, &id, error))
    return FALSE;
  for (guint on = 0; on < 2; on++)
    {
      const char * const *aliases = on ? cited_lexicon_get_aliases (self->lexicon, from)
                                       : cited_lexicon_get_off_aliases (self->lexicon, from);

      for (guint i = 0; aliases[i] != NULL; i++)
        if (!save_alias (self, id, aliases[i], cited_lexicon_get_alias_kind (self->lexicon, from, aliases[i]),
                         on, error))
          return FALSE;
    }
  for (const char * const *p = cited_lexicon_get_exclusions (self->lexicon, from); *p != NULL; p++)
    if (!exec_brand_sql (self, "INSERT OR IGNORE INTO brand_exclusions (brand_id, phrase) VALUES (?1, ?2)",
                         id, *p, NULL, NULL, error))
      return FALSE;
  return remove_cb (self, edit, error) &&
         move_brand_references (self, edit->brand, edit->other, error);
}

/**
 * cited_store_merge_brand:
 * @brand: a brand of the lexicon
 * @into: another brand
 *
 * Makes @brand and its aliases aliases of @into and takes @brand away:
 * its mentions, figures and the user's corrections naming it go to
 * @into, in one transaction.
 */
gboolean
cited_store_merge_brand (CitedStore  *self,
                         const char  *brand,
                         const char  *into,
                         GError     **error)
{
  BrandEdit edit = { 0 };
  const char *names[] = { NULL, NULL, NULL };

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  if ((edit.brand = names[0] = known_brand (self, brand, error)) == NULL ||
      (edit.other = names[1] = known_brand (self, into, error)) == NULL)
    return FALSE;
  if (edit.brand == edit.other)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_INVALID,
                   _("“%s” cannot be merged into itself"), brand);
      return FALSE;
    }
  return change_brands (self, merge_cb, &edit, names, NULL, error);
}

/**
 * cited_store_save_brands:
 *
 * Returns: (transfer full): the user's brands as they are (names,
 *   colours, aliases and exclusions) for cited_store_restore_brands(), or
 *   NULL with @error set.
 */
char *
cited_store_save_brands (CitedStore  *self,
                         GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(CachedStmt) brands = NULL;
  int rc;

  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  brands = prepare (self,
                    "SELECT name, color, replaces, removed,"
                    "  (SELECT json_group_array (json_array (alias, kind, enabled))"
                    "   FROM brand_aliases WHERE brand_id = b.id),"
                    "  (SELECT json_group_array (phrase) FROM brand_exclusions WHERE brand_id = b.id)"
                    " FROM brands b ORDER BY id",
                    error);
  if (brands == NULL)
    return NULL;
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (brands)) == SQLITE_ROW)
    {
      json_builder_begin_array (builder);
      for (int i = 0; i < 6; i++)
        {
          const char *text = (const char *) sqlite3_column_text (brands, i);

          if (i == 3)
            json_builder_add_int_value (builder, sqlite3_column_int (brands, i));
          else if (text == NULL)
            json_builder_add_null_value (builder);
          else
            json_builder_add_string_value (builder, text);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("Could not read the brands"));
      return NULL;
    }
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static const char *
json_array_text (JsonArray *array,
                 guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

/* Names of the user's brands as saved, and of the brands they replace. */
static void
saved_brand_names (JsonArray *rows,
                   GPtrArray *names)
{
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);

      for (guint j = 0; j < 3; j += 2)
        if (json_array_text (row, j) != NULL)
          g_ptr_array_add (names, g_strdup (json_array_text (row, j)));
    }
}

static gboolean
restore_row (CitedStore  *self,
             JsonArray   *row,
             GError     **error)
{
  g_autoptr(JsonNode) aliases = json_from_string (json_array_text (row, 4), NULL);
  g_autoptr(JsonNode) exclusions = json_from_string (json_array_text (row, 5), NULL);
  gint64 id;

  if (!upsert_brand (self, json_array_text (row, 0), json_array_text (row, 1), &id, error) ||
      !exec_brand_sql (self, "UPDATE brands SET replaces = ?2, removed = ?3 WHERE id = ?1",
                       id, json_array_text (row, 2),
                       json_array_get_int_element (row, 3) ? "1" : "0", NULL, error))
    return FALSE;
  for (guint i = 0; aliases != NULL && JSON_NODE_HOLDS_ARRAY (aliases) &&
                    i < json_array_get_length (json_node_get_array (aliases)); i++)
    {
      JsonArray *alias = json_array_get_array_element (json_node_get_array (aliases), i);
      CitedAliasKind kind = CITED_ALIAS_NAME;

      cited_alias_kind_from_string (json_array_text (alias, 1), &kind);
      if (!save_alias (self, id, json_array_text (alias, 0), kind,
                       json_array_get_int_element (alias, 2) != 0, error))
        return FALSE;
    }
  for (guint i = 0; exclusions != NULL && JSON_NODE_HOLDS_ARRAY (exclusions) &&
                    i < json_array_get_length (json_node_get_array (exclusions)); i++)
    if (!exec_brand_sql (self, "INSERT OR IGNORE INTO brand_exclusions (brand_id, phrase) VALUES (?1, ?2)",
                         id, json_array_text (json_node_get_array (exclusions), i), NULL, NULL, error))
      return FALSE;
  return TRUE;
}

/* The user's corrections that name a brand @restored lacks (one renamed
 * since) name the brand of @restored that one of its aliases names. */
static gboolean
remap_edits (CitedStore    *self,
             CitedLexicon  *restored,
             GError       **error)
{
  g_autoptr(CachedStmt) select = prepare (self, "SELECT DISTINCT brand FROM figure_edits WHERE brand <> ''", error);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (select == NULL)
    return FALSE;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *brand = (const char *) sqlite3_column_text (select, 0);

      if (lexicon_index (restored, brand) < 0 && lexicon_index (self->lexicon, brand) >= 0)
        g_ptr_array_add (gone, g_strdup (brand));
    }
  if (rc != SQLITE_DONE)
    return set_db_error (self, error, _("Could not read the corrections"));
  g_clear_pointer (&select, cached_stmt_release);
  for (guint i = 0; i < gone->len; i++)
    {
      const char *brand = g_ptr_array_index (gone, i);
      const char * const *aliases = cited_lexicon_get_aliases (self->lexicon, lexicon_index (self->lexicon, brand));

      for (guint j = 0; aliases[j] != NULL; j++)
        if (cited_lexicon_lookup (restored, aliases[j]) != NULL)
          {
            if (!move_brand_references (self, brand, cited_lexicon_lookup (restored, aliases[j]), error))
              return FALSE;
            break;
          }
    }
  return TRUE;
}

static gboolean
restore_cb (CitedStore  *self,
            gpointer     data,
            GError     **error)
{
  g_autoptr(CitedLexicon) restored = NULL;
  JsonArray *rows = data;

  if (!exec_sql (self, "DELETE FROM brands", error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (rows); i++)
    if (!restore_row (self, json_array_get_array_element (rows, i), error))
      return FALSE;
  restored = load_lexicon (self, error);
  return restored != NULL && remap_edits (self, restored, error);
}

/**
 * cited_store_restore_brands:
 * @saved: what cited_store_save_brands() returned
 *
 * Puts the user's brands back as they were when saved (to undo a change
 * in the brands editor) and re-attributes the mentions and figures of the
 * brands that differ, in one transaction.
 */
gboolean
cited_store_restore_brands (CitedStore  *self,
                            const char  *saved,
                            GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) now_root = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  root = saved != NULL ? json_from_string (saved, NULL) : NULL;
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_INVALID, _("The saved brands are not valid"));
      return FALSE;
    }
  now = cited_store_save_brands (self, error);
  if (now == NULL)
    return FALSE;
  now_root = json_from_string (now, NULL);
  saved_brand_names (json_node_get_array (root), names);
  saved_brand_names (json_node_get_array (now_root), names);
  g_ptr_array_add (names, NULL);
  return change_brands (self, restore_cb, json_node_get_array (root),
                        (const char * const *) names->pdata, NULL, error);
}

/**
 * cited_store_reload_lexicon:
 *
 * Reads the brands again when another connection (a worker thread, or
 * cited-cli) changed them, into the same lexicon object.
 *
 * Returns: FALSE with @error set when the brands cannot be read.
 */
gboolean
cited_store_reload_lexicon (CitedStore  *self,
                            GError     **error)
{
  g_autoptr(CitedLexicon) lexicon = NULL;
  gint64 generation;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  if (!read_lexicon_generation (self, &generation, error))
    return FALSE;
  if (generation == self->lexicon_generation)
    return TRUE;
  lexicon = load_lexicon (self, error);
  if (lexicon == NULL)
    return FALSE;
  cited_lexicon_replace (self->lexicon, lexicon);
  self->lexicon_generation = generation;
  return TRUE;
}

/**
 * cited_store_set_progress_func:
 * @self: a store
 * @func: (nullable) (scope forever): called with the articles re-extracted so far and
 *   their number, in the thread that uses the store
 *
 * Reports the progress of re-extraction (after a change of the brands or
 * of the extractor, or with [method@Cited.Store.reextract_pending]), once
 * per batch of articles written.
 */
void
cited_store_set_progress_func (CitedStore        *self,
                               CitedProgressFunc  func,
                               gpointer           user_data)
{
  g_return_if_fail (CITED_IS_STORE (self));

  self->progress_func = func;
  self->progress_data = user_data;
}

/* ------------------------------------------------------------------ */
/* Discovered companies                                                */

/**
 * cited_store_list_discovered:
 * @include_decided: also list the names the user accepted, merged or hid
 *
 * Lists the companies found in the articles that the lexicon did not
 * know, undecided ones first, then by articles and mentions, each with an
 * example sentence and what is attributed to it now.
 *
 * Returns: (transfer container) (element-type CitedDiscovered): the companies,
 *   or NULL with @error set.
 */
GPtrArray *
cited_store_list_discovered (CitedStore  *self,
                             gboolean     include_decided,
                             GError     **error)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(CachedStmt) select = NULL;
  int rc;

  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  /* What a name has now: a merged one the mentions and figures it gave
   * its brand, a hidden one nothing, the others what carries its name,
   * from the brand totals (schema step 14) grouped as article_brands'
   * and figures' case-insensitive brand columns group. */
  select = prepare (self,
                    "SELECT name, status, merged_into, example, first_seen, m, a, f FROM ("
                    " SELECT d.name, d.status, d.merged_into, d.example, d.first_seen,"
                    "  CASE d.status"
                    "   WHEN 'merged' THEN (SELECT count (*) FROM mentions WHERE discovered_as = d.name)"
                    "   WHEN 'hidden' THEN 0"
                    "   ELSE coalesce (t.mentions, 0)"
                    "  END AS m,"
                    "  CASE d.status"
                    "   WHEN 'merged' THEN (SELECT count (DISTINCT article_id) FROM mentions"
                    "                       WHERE discovered_as = d.name)"
                    "   WHEN 'hidden' THEN 0"
                    "   ELSE coalesce (t.articles, 0)"
                    "  END AS a,"
                    "  CASE d.status"
                    "   WHEN 'merged' THEN (SELECT count (*) FROM figures WHERE discovered_as = d.name)"
                    "   WHEN 'hidden' THEN 0"
                    "   ELSE coalesce (t.figures, 0)"
                    "  END AS f"
                    " FROM discovered d LEFT JOIN ("
                    "  SELECT brand COLLATE NOCASE AS brand, sum (mentions) AS mentions,"
                    "   sum (articles) AS articles, sum (figures) AS figures"
                    "  FROM brand_totals GROUP BY brand COLLATE NOCASE"
                    " ) t ON t.brand = d.name COLLATE NOCASE"
                    " WHERE ?1 OR d.status = 'new')"
                    " ORDER BY status <> 'new', a DESC, m DESC, f DESC, name COLLATE NOCASE",
                    error);
  if (select == NULL)
    return NULL;
  sqlite3_bind_int (select, 1, include_decided ? 1 : 0);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_discovered_free);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      CitedDiscovered *discovered = g_new0 (CitedDiscovered, 1);

      discovered->name = column_dup (select, 0);
      discovered->status = status_from_string ((const char *) sqlite3_column_text (select, 1));
      discovered->merged_into = column_dup (select, 2);
      discovered->example = column_dup (select, 3);
      discovered->first_seen = column_dup (select, 4);
      discovered->mentions = sqlite3_column_int64 (select, 5);
      discovered->articles = sqlite3_column_int64 (select, 6);
      discovered->n_figures = sqlite3_column_int64 (select, 7);
      g_ptr_array_add (result, discovered);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("Could not read the discovered companies"));
      return NULL;
    }
  return g_steal_pointer (&result);
}

/* Reads the status of the discovered name @name and its spelling as
 * stored; NOT_FOUND when no article gave it. */
static gboolean
lookup_discovered (CitedStore             *self,
                   const char             *name,
                   CitedDiscoveredStatus  *status,
                   char                  **stored_name,
                   GError                **error)
{
  g_autoptr(CachedStmt) select = NULL;
  int rc;

  select = prepare (self, "SELECT name, status FROM discovered WHERE name = ?", error);
  if (select == NULL)
    return FALSE;
  bind_text (select, 1, name);
  rc = sqlite3_step (select);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND,
                   _("No company called “%s” was found in the articles"), name);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return set_db_error (self, error, _("Could not read the discovered companies"));
  *stored_name = column_dup (select, 0);
  *status = status_from_string ((const char *) sqlite3_column_text (select, 1));
  return TRUE;
}

static gboolean
set_discovered_status (CitedStore            *self,
                       const char            *name,
                       CitedDiscoveredStatus  status,
                       const char            *merged_into,
                       GError               **error)
{
  g_autoptr(CachedStmt) update = NULL;

  update = prepare (self, "UPDATE discovered SET status = ?, merged_into = ? WHERE name = ?", error);
  if (update == NULL)
    return FALSE;
  bind_text (update, 1, cited_discovered_status_to_string (status));
  bind_text (update, 2, merged_into);
  bind_text (update, 3, name);
  return step_done (self, update, error);
}

/* count_article() for each article in temp.touched. */
static gboolean
count_touched (CitedStore  *self,
               int          sign,
               GError     **error)
{
  g_autoptr(CachedStmt) select = prepare (self, "SELECT id FROM temp.touched", error);
  int rc;

  if (select == NULL)
    return FALSE;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    if (!count_article (self, sqlite3_column_int64 (select, 0), sign, error))
      return FALSE;
  if (rc != SQLITE_DONE)
    return set_db_error (self, error, _("Could not count brand mentions"));
  return TRUE;
}

/* Moves what was discovered as @name to @brand: its figures and mentions
 * carry @brand, or with @brand NULL its figures carry none and its
 * mentions are set aside (hidden_mentions). The per-article brand counts
 * of the articles concerned are counted again. User edits are left alone:
 * they are kept apart, keyed by article and offset, and override whatever
 * the figure carries. */
static gboolean
reattribute_discovered (CitedStore  *self,
                        const char  *name,
                        const char  *brand,
                        GError     **error)
{
  static const char * const show[] = {
    "UPDATE mentions SET brand = ?2 WHERE discovered_as = ?1",
    "INSERT INTO mentions (article_id, brand, start, end, discovered_as)"
    " SELECT article_id, ?2, start, end, name FROM hidden_mentions WHERE name = ?1",
    "DELETE FROM hidden_mentions WHERE name = ?1",
    NULL,
  };
  static const char * const hide[] = {
    "INSERT INTO hidden_mentions (article_id, name, start, end)"
    " SELECT article_id, discovered_as, start, end FROM mentions WHERE discovered_as = ?1",
    "DELETE FROM mentions WHERE discovered_as = ?1",
    NULL,
  };
  /* The articles concerned, counted out of the totals before the change
   * and in again after it. */
  static const char * const touch[] = {
    "DELETE FROM temp.touched",
    "INSERT OR IGNORE INTO temp.touched SELECT article_id FROM mentions WHERE discovered_as = ?1",
    "INSERT OR IGNORE INTO temp.touched SELECT article_id FROM hidden_mentions WHERE name = ?1",
    "INSERT OR IGNORE INTO temp.touched SELECT article_id FROM figures WHERE discovered_as = ?1",
    NULL,
  };
  static const char * const figures[] = {
    "UPDATE figures SET brand = ?2 WHERE discovered_as = ?1",
    NULL,
  };
  static const char * const after[] = {
    "DELETE FROM article_brands WHERE article_id IN (SELECT id FROM temp.touched)",
    "INSERT INTO article_brands (article_id, brand, n)"
    " SELECT article_id, brand, count (*) FROM mentions"
    " WHERE article_id IN (SELECT id FROM temp.touched) GROUP BY article_id, brand",
    NULL,
  };
  const char * const *groups[] = { touch, NULL, figures, brand != NULL ? show : hide, after, NULL };

  if (!exec_sql (self, "CREATE TEMP TABLE IF NOT EXISTS touched (id INTEGER PRIMARY KEY)", error))
    return FALSE;

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      if (groups[g] == NULL)
        {
          if (!count_touched (self, g == 1 ? -1 : 1, error))
            return FALSE;
          continue;
        }
      for (const char * const *sql = groups[g]; *sql != NULL; sql++)
        {
          g_autoptr(CachedStmt) stmt = prepare (self, *sql, error);

          if (stmt == NULL)
            return FALSE;
          if (sqlite3_bind_parameter_count (stmt) >= 1)
            bind_text (stmt, 1, name);
          if (sqlite3_bind_parameter_count (stmt) >= 2)
            bind_text (stmt, 2, brand);
          if (!step_done (self, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

/**
 * cited_store_accept_discovered:
 * @name: a discovered company
 *
 * Makes @name a brand of the user's lexicon, as `cited_store_add_brand()`
 * would, with its figures and mentions, in one transaction: the articles
 * that name it are scanned again, so it is found where no cue gave it
 * away too. Accepting a name already accepted changes nothing.
 */
gboolean
cited_store_accept_discovered (CitedStore  *self,
                               const char  *name,
                               GError     **error)
{
  g_autoptr(CitedLexicon) lexicon = NULL;
  g_autofree char *stored = NULL;
  CitedDiscoveredStatus status;
  gint64 before = 0, after = 0;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!begin (self, error))
    return FALSE;
  if (!lookup_discovered (self, name, &status, &stored, error))
    goto fail;
  if (status == CITED_DISCOVERED_ACCEPTED)
    return commit (self, error);

  if (!read_lexicon_generation (self, &before, error) ||
      !set_discovered_status (self, stored, CITED_DISCOVERED_ACCEPTED, NULL, error) ||
      !reattribute_discovered (self, stored, stored, error))
    goto fail;
  lexicon = add_brand_locked (self, stored, NULL, NULL, error);
  if (lexicon == NULL || !read_lexicon_generation (self, &after, error) || !commit (self, error))
    goto fail;

  cited_lexicon_add_brand (self->lexicon, stored, NULL, NULL);
  lexicon_added_own (self, before, after);
  return run_pending (self, NULL, error);

fail:
  rollback (self);
  return FALSE;
}

/* Hides (@status HIDDEN), merges into @target (MERGED) or restores (NEW)
 * the discovered company @name in one transaction: what was found under
 * it goes to @target, to nobody, or back to itself. An accepted name is a
 * brand and stays one. */
static gboolean
decide_discovered (CitedStore             *self,
                   const char             *name,
                   CitedDiscoveredStatus   decision,
                   const char             *target,
                   GError                **error)
{
  g_autofree char *stored = NULL;
  CitedDiscoveredStatus status;

  if (!begin (self, error))
    return FALSE;
  if (!lookup_discovered (self, name, &status, &stored, error))
    goto fail;
  if (status == CITED_DISCOVERED_ACCEPTED)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_INVALID,
                   _("“%s” is a brand already"), stored);
      goto fail;
    }
  if (!set_discovered_status (self, stored, decision, target, error) ||
      !reattribute_discovered (self, stored, decision == CITED_DISCOVERED_NEW ? stored : target, error))
    goto fail;
  if (!commit (self, error))
    goto fail;
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

/**
 * cited_store_merge_discovered:
 * @name: a discovered company
 * @into: a brand of the lexicon (its name or an alias)
 *
 * Says that @name is another name of @into: the figures and mentions
 * found under @name go to @into now and in articles stored later, in one
 * transaction. User edits of those figures stay as they are.
 */
gboolean
cited_store_merge_discovered (CitedStore  *self,
                              const char  *name,
                              const char  *into,
                              GError     **error)
{
  const char *target;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (into != NULL, FALSE);

  target = cited_lexicon_lookup (self->lexicon, into);
  if (target == NULL)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND,
                   _("No brand is called “%s”"), into);
      return FALSE;
    }
  if (g_ascii_strcasecmp (target, name) == 0)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_INVALID,
                   _("“%s” cannot be merged into itself"), name);
      return FALSE;
    }

  return decide_discovered (self, name, CITED_DISCOVERED_MERGED, target, error);
}

/**
 * cited_store_hide_discovered:
 * @name: a discovered company
 *
 * Says that @name is no company to follow: its figures lose the brand
 * and its mentions stop counting, now and in articles stored later, in one
 * transaction. User edits of those figures stay as they are.
 */
gboolean
cited_store_hide_discovered (CitedStore  *self,
                             const char  *name,
                             GError     **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return decide_discovered (self, name, CITED_DISCOVERED_HIDDEN, NULL, error);
}

/**
 * cited_store_restore_discovered:
 * @name: a discovered company the user hid or merged
 *
 * Undoes cited_store_hide_discovered() or cited_store_merge_discovered():
 * @name is undecided again and what was found under it is its own, in one
 * transaction. An accepted name is a brand and stays one
 * (CITED_ERROR_INVALID).
 */
gboolean
cited_store_restore_discovered (CitedStore  *self,
                                const char  *name,
                                GError     **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return decide_discovered (self, name, CITED_DISCOVERED_NEW, NULL, error);
}

/* ------------------------------------------------------------------ */
/* Search queries                                                      */

typedef struct {
  char      *match;        /* FTS5 expression of the long terms, or NULL */
  GPtrArray *unindexed_terms;  /* terms the index has no token of ("%") */
  GPtrArray *all_terms;
} Search;

static void
search_clear (Search *search)
{
  g_clear_pointer (&search->match, g_free);
  g_clear_pointer (&search->unindexed_terms, g_ptr_array_unref);
  g_clear_pointer (&search->all_terms, g_ptr_array_unref);
}

/* Whether a term's last word is looked up as a prefix: "phone" finds
 * "phones", "profit" "profitable", as the trigram index once found them
 * inside words. Only for terms of three letters or digits or more that end
 * in a letter of an alphabetic script: "EU" is not "Europe", and CJK text
 * is matched by its characters anyway. */
gboolean
cited_search_term_is_prefix (const char *term)
{
  gunichar last = 0;
  guint n = 0;

  for (const char *q = term; *q != '\0'; q = g_utf8_next_char (q))
    {
      gunichar c = g_utf8_get_char (q);

      if (g_unichar_isalnum (c))
        {
          last = c;
          n++;
        }
    }
  return n >= 3 && g_unichar_isalpha (last) && !cited_fts_is_cjk (last);
}

/* Splits the user's text into terms: whitespace separates, double quotes
 * (straight or curly) group a phrase. Every term becomes an FTS5 string,
 * so no user text can be FTS5 syntax. */
static void
search_parse (Search     *search,
              const char *text)
{
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *p = text;

  search->unindexed_terms = g_ptr_array_new_with_free_func (g_free);
  search->all_terms = g_ptr_array_new_with_free_func (g_free);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return;

  while (*p != '\0' && search->all_terms->len < MAX_SEARCH_TERMS)
    {
      g_autoptr(GString) term = g_string_new (NULL);
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }

      if (c == '"' || c == 0x201C || c == 0x201D)
        {
          p = g_utf8_next_char (p);
          while (*p != '\0')
            {
              c = g_utf8_get_char (p);
              if (c == '"' || c == 0x201C || c == 0x201D)
                {
                  p = g_utf8_next_char (p);
                  break;
                }
              g_string_append_unichar (term, c);
              p = g_utf8_next_char (p);
            }
        }
      else
        {
          while (*p != '\0')
            {
              c = g_utf8_get_char (p);
              if (g_unichar_isspace (c) || c == '"' || c == 0x201C || c == 0x201D)
                break;
              g_string_append_unichar (term, c);
              p = g_utf8_next_char (p);
            }
        }

      g_strstrip (term->str);
      term->len = strlen (term->str);
      if (term->len == 0)
        continue;
      /* The same word twice finds nothing more (both the index and the
       * short-term match ignore ASCII case). */
      {
        char *folded = g_ascii_strdown (term->str, -1);

        if (g_hash_table_contains (seen, folded))
          {
            g_free (folded);
            continue;
          }
        g_hash_table_add (seen, folded);
      }

      g_ptr_array_add (search->all_terms, g_strdup (term->str));

      if (!cited_fts_has_tokens (term->str))
        {
          g_ptr_array_add (search->unindexed_terms, g_strdup (term->str));
          continue;
        }

      if (match->len > 0)
        g_string_append_c (match, ' ');
      g_string_append_c (match, '"');
      for (const char *q = term->str; *q != '\0'; q++)
        {
          if (*q == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *q);
        }
      g_string_append_c (match, '"');
      if (cited_search_term_is_prefix (term->str))
        g_string_append (match, " *");
    }

  if (match->len > 0)
    search->match = g_string_free (g_steal_pointer (&match), FALSE);
}

static char *
like_pattern (const char *term)
{
  GString *pattern = g_string_new ("%");

  for (const char *q = term; *q != '\0'; q++)
    {
      if (*q == '%' || *q == '_' || *q == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *q);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

/* Whether a short search term occurs in @text at @p (@text .. @end).
 * Terms with CJK or other non-ASCII characters match anywhere, as Chinese
 * has no spaces between words; a Latin term of one or two characters
 * matches as a word only (up to ASCII case), or "EU" would find every
 * "Europe" and "queue". Bytes of multi-byte characters compare exactly,
 * and a term that starts on a character boundary can only match at one. */
static gboolean
term_at (const char *text,
         const char *end,
         const char *p,
         const char *term,
         gsize       n)
{
  gboolean latin = TRUE;

  if ((gsize) (end - p) < n || g_ascii_strncasecmp (p, term, n) != 0)
    return FALSE;

  for (gsize i = 0; i < n; i++)
    if ((guchar) term[i] >= 0x80)
      latin = FALSE;
  if (!latin)
    return TRUE;

  /* Only letters glue a short word into a longer one: "bn" is found in
   * "£5.7bn" and "G7" in "G7's", but not "eu" inside "Europe". */
  if (g_ascii_isalpha (term[0]) && p > text && g_ascii_isalpha (p[-1]))
    return FALSE;
  if (g_ascii_isalpha (term[n - 1]) && p + n < end && g_ascii_isalpha (p[n]))
    return FALSE;
  return TRUE;
}

static const char *
find_term (const char *haystack,
           gsize       length,
           const char *term)
{
  const char *end = haystack + length;
  gsize n = strlen (term);
  char lower, upper;

  if (n == 0 || n > length)
    return NULL;

  lower = g_ascii_tolower (term[0]);
  upper = g_ascii_toupper (term[0]);

  /* This runs over whole bodies: find candidates for the first byte with
   * memchr (or two plain comparisons), and only there compare the rest. */
  if (lower == upper)
    {
      const char *p = haystack;

      while (p + n <= end && (p = memchr (p, lower, end - p - n + 1)) != NULL)
        {
          if (term_at (haystack, end, p, term, n))
            return p;
          p++;
        }
      return NULL;
    }

  for (const char *p = haystack; p + n <= end; p++)
    if ((*p == lower || *p == upper) && term_at (haystack, end, p, term, n))
      return p;
  return NULL;
}

/* cited_contains (text, term): the SQL face of find_term(), for the terms
 * the full-text index has no token of. */
static void
sql_contains (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  int length = sqlite3_value_bytes (argv[0]);
  const char *term = (const char *) sqlite3_value_text (argv[1]);

  if (text == NULL || term == NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  sqlite3_result_int (context, find_term (text, length, term) != NULL);
}

/* cited_casefold_contains (text, folded): whether @text, its case folded
 * as g_utf8_casefold() folds it, holds @folded (a term folded the same
 * way): the Figures page's text filter when the term is not plain ASCII,
 * which LIKE folds alone. */
static void
sql_casefold_contains (sqlite3_context  *context,
                       int               argc,
                       sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  int length = sqlite3_value_bytes (argv[0]);
  const char *folded = (const char *) sqlite3_value_text (argv[1]);
  g_autofree char *text_folded = NULL;
  gboolean ascii = TRUE;

  if (text == NULL || folded == NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  /* ASCII folds to ASCII: plain ASCII text, most text, cannot hold a
   * folded term that is not, and folds as its lower case. */
  for (int i = 0; i < length && ascii; i++)
    ascii = (guchar) text[i] < 0x80;
  if (ascii && !g_str_is_ascii (folded))
    {
      sqlite3_result_int (context, 0);
      return;
    }
  text_folded = ascii ? g_ascii_strdown (text, length) : g_utf8_casefold (text, length);
  sqlite3_result_int (context, strstr (text_folded, folded) != NULL);
}

/* Wraps occurrences of @terms in @text with \x02 … \x03, leaving what is
 * already marked alone, and flattens line breaks for a one-line snippet. */
static char *
mark_terms (const char *text,
            GPtrArray  *terms)
{
  GString *out = g_string_sized_new (strlen (text) + 16);
  const char *text_end = text + strlen (text);
  gboolean inside = FALSE;
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '\x02')
        inside = TRUE;
      else if (*p == '\x03')
        inside = FALSE;

      if (!inside && *p != '\x03')
        {
          const char *found = NULL;
          gsize found_len = 0;

          for (guint i = 0; i < terms->len; i++)
            {
              const char *term = g_ptr_array_index (terms, i);
              gsize n = strlen (term);

              if (n > found_len && term_at (text, text_end, p, term, n))
                {
                  found = p;
                  found_len = n;
                }
            }
          if (found != NULL)
            {
              g_string_append_c (out, '\x02');
              g_string_append_len (out, p, found_len);
              g_string_append_c (out, '\x03');
              p += found_len;
              continue;
            }
        }

      if (*p == '\n' || *p == '\r' || *p == '\t')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
      p++;
    }

  return g_string_free (out, FALSE);
}

/* A snippet around the first match of any term in @body, for searches the
 * full-text index cannot answer. */
static char *
own_snippet (const char *body,
             GPtrArray  *terms)
{
  gsize length = strlen (body);
  const char *first = NULL;
  const char *start;
  const char *end;
  g_autoptr(GString) window = g_string_new (NULL);
  g_autofree char *window_str = NULL;

  for (guint i = 0; i < terms->len; i++)
    {
      const char *found = find_term (body, length, g_ptr_array_index (terms, i));

      if (found != NULL && (first == NULL || found < first))
        first = found;
    }
  if (first == NULL)
    first = body;

  start = first;
  for (guint n = 0; n < 30 && start > body; n++)
    start = g_utf8_find_prev_char (body, start);
  end = start;
  for (guint n = 0; n < 100 && *end != '\0'; n++)
    end = g_utf8_next_char (end);

  if (start > body)
    g_string_append (window, "…");
  g_string_append_len (window, start, end - start);
  if (*end != '\0')
    g_string_append (window, "…");

  window_str = g_string_free (g_steal_pointer (&window), FALSE);
  return mark_terms (window_str, terms);
}

static gboolean
check_date (const char  *date,
            GError     **error)
{
  /* YYYY, YYYY-MM or YYYY-MM-DD. */
  static const char shape[] = "9999-99-99";
  gsize n = strlen (date);

  if (n == 4 || n == 7 || n == 10)
    {
      gsize i;

      for (i = 0; i < n; i++)
        if (shape[i] == '9' ? !g_ascii_isdigit (date[i]) : date[i] != '-')
          break;
      if (i == n)
        return TRUE;
    }

  g_set_error (error, CITED_ERROR, CITED_ERROR_INVALID,
               _("“%s” is not a date; write it as YYYY-MM-DD"), date);
  return FALSE;
}

static const char *
canonical_brand (CitedStore *self,
                 const char *brand)
{
  const char *canonical = cited_lexicon_lookup (self->lexicon, brand);

  return canonical != NULL ? canonical : brand;
}

/* Filters shared by article and figure queries, appended to @where as
 * " AND …" with their parameters. The FTS table, when searching, must be
 * joined by the caller as articles_fts. */
static gboolean
add_article_filters (CitedStore       *self,
                     const CitedQuery *query,
                     const Search     *search,
                     gboolean          figure_brand,
                     GString          *where,
                     GPtrArray        *params,
                     GError          **error)
{
  if (query == NULL)
    return TRUE;

  if (search->match != NULL)
    {
      g_string_append (where, " AND articles_fts MATCH ?");
      params_add_text (params, search->match);
    }

  for (guint i = 0; i < search->unindexed_terms->len; i++)
    {
      const char *term = g_ptr_array_index (search->unindexed_terms, i);

      g_string_append (where,
                       " AND (cited_contains (a.title, ?) OR"
                       " cited_contains ((SELECT cited_body (body) FROM article_bodies WHERE id = a.id), ?))");
      params_add_text (params, term);
      params_add_text (params, term);
    }

  if (query->brand != NULL && *query->brand != '\0')
    {
      const char *brand = canonical_brand (self, query->brand);

      if (figure_brand)
        {
          /* The candidates come from the index (extracted brand) and the
           * few edits; the effective brand then decides. */
          g_string_append (where,
                           " AND f.id IN (SELECT id FROM figures WHERE brand = ?"
                           "  UNION ALL " EDITED_FIGURE_IDS " WHERE e2.brand = ? COLLATE NOCASE)"
                           " AND " EFFECTIVE_BRAND " = ? COLLATE NOCASE");
          params_add_text (params, brand);
          params_add_text (params, brand);
        }
      else
        g_string_append (where, " AND a.id IN (SELECT article_id FROM article_brands WHERE brand = ?)");
      params_add_text (params, brand);
    }

  if (query->source != NULL && *query->source != '\0')
    {
      g_string_append (where, " AND a.source = ?");
      params_add_text (params, query->source);
    }

  if (query->date_from != NULL && *query->date_from != '\0')
    {
      if (!check_date (query->date_from, error))
        return FALSE;
      g_string_append (where, " AND a.published >= ?");
      params_add_text (params, query->date_from);
    }

  if (query->date_to != NULL && *query->date_to != '\0')
    {
      g_autofree char *bound = NULL;

      if (!check_date (query->date_to, error))
        return FALSE;
      /* "~" sorts after digits and "-": "2024-05~" ends May 2024. */
      bound = g_strconcat (query->date_to, "~", NULL);
      g_string_append (where, " AND a.published <= ?");
      params_add_text (params, bound);
    }

  return TRUE;
}

static const char *
article_order (const CitedQuery *query,
               const Search     *search)
{
  switch (query != NULL ? query->sort : CITED_SORT_DATE_DESC)
    {
    case CITED_SORT_DATE_ASC:
      return " ORDER BY a.published IS NULL, a.published, a.id";
    case CITED_SORT_TITLE:
      return " ORDER BY a.title COLLATE NOCASE, a.id";
    case CITED_SORT_RELEVANCE:
      if (search->match != NULL)
        return " ORDER BY articles_fts.rank, a.id";
      G_GNUC_FALLTHROUGH;
    case CITED_SORT_DATE_DESC:
    default:
      return " ORDER BY a.published DESC, a.id DESC";
    }
}

static void
add_limit (const CitedQuery *query,
           GString          *sql,
           GPtrArray        *params)
{
  if (query == NULL || (query->limit == 0 && query->offset == 0))
    return;
  g_string_append (sql, " LIMIT ? OFFSET ?");
  params_add_int (params, query->limit > 0 ? (gint64) query->limit : -1);
  params_add_int (params, query->offset);
}

/* Everything after SELECT's columns for an article query. */
static gboolean
build_article_query (CitedStore       *self,
                     const CitedQuery *query,
                     const Search     *search,
                     GString          *sql,
                     GPtrArray        *params,
                     GError          **error)
{
  g_string_append (sql, " FROM articles a");
  if (search->match != NULL)
    g_string_append (sql, " JOIN articles_fts ON articles_fts.rowid = a.id");
  g_string_append (sql, " WHERE 1");
  return add_article_filters (self, query, search, FALSE, sql, params, error);
}

#define ARTICLE_COLUMNS \
  "a.id, a.title, a.source, a.published, a.path, a.language, a.hash," \
  " (SELECT count (*) FROM figures f" EDITS_JOIN \
  "   WHERE f.article_id = a.id AND " NOT_REJECTED ")," \
  " (SELECT group_concat (brand, char (31)) FROM" \
  "   (SELECT brand FROM article_brands WHERE article_id = a.id ORDER BY n DESC, brand))"

static CitedArticle *
article_from_row (sqlite3_stmt *stmt)
{
  CitedArticle *article = cited_article_new ();
  const char *brands;

  article->id = sqlite3_column_int64 (stmt, 0);
  article->title = column_dup (stmt, 1);
  article->source = column_dup (stmt, 2);
  article->published = column_dup (stmt, 3);
  article->path = column_dup (stmt, 4);
  article->language = column_dup (stmt, 5);
  article->hash = column_dup (stmt, 6);
  article->n_figures = sqlite3_column_int (stmt, 7);
  brands = (const char *) sqlite3_column_text (stmt, 8);
  article->brands = brands != NULL ? g_strsplit (brands, "\x1f", -1) : g_new0 (char *, 1);
  return article;
}

/**
 * cited_store_count_articles:
 * @self: a store
 * @query: (nullable): filters; NULL counts every article
 * @error: return location for a #GError, or %NULL
 *
 * Counts the articles a query lists, as a list's total shows it.
 *
 * Returns: how many articles the query lists (offset and limit aside), 0
 *   with @error set on failure.
 */
guint
cited_store_count_articles (CitedStore        *self,
                            const CitedQuery  *query,
                            GError           **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count (*)");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (param_free);
  g_autoptr(CachedStmt) stmt = NULL;
  Search search = { 0 };
  guint count = 0;

  g_return_val_if_fail (CITED_IS_STORE (self), 0);

  search_parse (&search, query != NULL ? query->search : NULL);
  if (!build_article_query (self, query, &search, sql, params, error))
    goto out;
  /* No filter: the total the store keeps (migration step 19). */
  if (g_str_equal (sql->str, "SELECT count (*) FROM articles a WHERE 1"))
    g_string_assign (sql, "SELECT articles FROM article_total");

  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    goto out;
  params_bind (params, stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  else
    set_db_error (self, error, _("Could not count the articles"));

out:
  search_clear (&search);
  return count;
}

void
cited_corpus_summary_clear (CitedCorpusSummary *summary)
{
  g_clear_pointer (&summary->first_date, g_free);
  g_clear_pointer (&summary->last_date, g_free);
}

/**
 * cited_corpus_summary_copy:
 * @summary: a summary
 *
 * Returns: (transfer full): a copy of @summary; free it with
 *   cited_corpus_summary_free()
 */
CitedCorpusSummary *
cited_corpus_summary_copy (const CitedCorpusSummary *summary)
{
  CitedCorpusSummary *copy;

  g_return_val_if_fail (summary != NULL, NULL);
  copy = g_memdup2 (summary, sizeof *summary);
  copy->first_date = g_strdup (summary->first_date);
  copy->last_date = g_strdup (summary->last_date);
  return copy;
}

void
cited_corpus_summary_free (CitedCorpusSummary *summary)
{
  if (summary == NULL)
    return;
  cited_corpus_summary_clear (summary);
  g_free (summary);
}

/* The strings of a CitedFigureEdit, which a heap edit owns. */
static const gsize figure_edit_strings[] = {
  G_STRUCT_OFFSET (CitedFigureEdit, brand),
  G_STRUCT_OFFSET (CitedFigureEdit, metric),
  G_STRUCT_OFFSET (CitedFigureEdit, unit),
  G_STRUCT_OFFSET (CitedFigureEdit, currency),
  G_STRUCT_OFFSET (CitedFigureEdit, qualifier),
  G_STRUCT_OFFSET (CitedFigureEdit, scope),
  G_STRUCT_OFFSET (CitedFigureEdit, measure),
};

/**
 * cited_figure_edit_new:
 *
 * Returns: (transfer full): an edit that changes nothing: value NAN, no
 *   field set, status extracted; free it with cited_figure_edit_free()
 */
CitedFigureEdit *
cited_figure_edit_new (void)
{
  CitedFigureEdit *self = g_new0 (CitedFigureEdit, 1);

  self->value = NAN;
  return self;
}

/**
 * cited_figure_edit_copy:
 * @self: an edit
 *
 * Returns: (transfer full): a copy of @self that owns copies of its
 *   strings; free it with cited_figure_edit_free()
 */
CitedFigureEdit *
cited_figure_edit_copy (const CitedFigureEdit *self)
{
  CitedFigureEdit *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = g_memdup2 (self, sizeof *self);
  cited_struct_dup_strings (copy, figure_edit_strings, G_N_ELEMENTS (figure_edit_strings));
  return copy;
}

void
cited_figure_edit_free (CitedFigureEdit *self)
{
  if (self == NULL)
    return;
  cited_struct_free_strings (self, figure_edit_strings, G_N_ELEMENTS (figure_edit_strings));
  g_free (self);
}

/**
 * cited_store_summarize:
 * @summary: (out caller-allocates): zeroed; cleared with
 *   cited_corpus_summary_clear()
 *
 * Returns: TRUE, or FALSE with @error set
 */
gboolean
cited_store_summarize (CitedStore          *self,
                       CitedCorpusSummary  *summary,
                       GError             **error)
{
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  stmt = prepare (self,
                  "SELECT count (*),"
                  " count (DISTINCT CASE WHEN trim (source) <> '' THEN source END),"
                  " count (*) - count (nullif (published, '')), min (nullif (published, '')),"
                  " max (nullif (published, ''))"
                  " FROM articles",
                  error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return set_db_error (self, error, _("Could not count the articles"));
  summary->n_articles = sqlite3_column_int (stmt, 0);
  summary->n_sources = sqlite3_column_int (stmt, 1);
  summary->n_undated = sqlite3_column_int (stmt, 2);
  summary->first_date = column_dup (stmt, 3);
  summary->last_date = column_dup (stmt, 4);
  return TRUE;
}

/**
 * cited_store_list_articles:
 * @self: a store
 * @query: filters, sort order, offset and limit
 * @error: return location for a #GError, or %NULL
 *
 * Lists the articles a query matches, without their bodies: title,
 * source, date, path, brands, figure count and, when @query searches,
 * a snippet of the text found.
 *
 * Returns: (transfer container) (element-type CitedArticle): articles without
 *   bodies, with brands, figure counts and, when searching, snippets; NULL
 *   on error.
 */
GPtrArray *
cited_store_list_articles (CitedStore        *self,
                           const CitedQuery  *query,
                           GError           **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " ARTICLE_COLUMNS);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (param_free);
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(CachedStmt) stmt = NULL;
  Search search = { 0 };
  gboolean own = FALSE;
  int rc;

  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  search_parse (&search, query != NULL ? query->search : NULL);
  if (search.match != NULL)
    g_string_append (sql, ", snippet (articles_fts, 1, char (2), char (3), '…', 64)");
  else if (search.unindexed_terms->len > 0)
    {
      g_string_append (sql, ", (SELECT cited_body (body) FROM article_bodies WHERE id = a.id)");
      own = TRUE;
    }

  if (query != NULL && (query->limit > 0 || query->offset > 0))
    {
      /* Pick the page's ids first, so that figure counts, brands and
       * snippets are computed for the page only, not for every match
       * before sorting. */
      g_string_append (sql, " FROM articles a");
      if (search.match != NULL)
        {
          g_string_append (sql, " JOIN articles_fts ON articles_fts.rowid = a.id"
                                " WHERE articles_fts MATCH ? AND");
          params_add_text (params, search.match);
        }
      else
        g_string_append (sql, " WHERE");
      g_string_append (sql, " a.id IN (SELECT a.id");
      if (!build_article_query (self, query, &search, sql, params, error))
        goto out;
      g_string_append (sql, article_order (query, &search));
      add_limit (query, sql, params);
      g_string_append (sql, ")");
      g_string_append (sql, article_order (query, &search));
    }
  else
    {
      if (!build_article_query (self, query, &search, sql, params, error))
        goto out;
      g_string_append (sql, article_order (query, &search));
    }

  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    goto out;
  params_bind (params, stmt);

  articles = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CitedArticle *article = article_from_row (stmt);
      const char *text = (const char *) sqlite3_column_text (stmt, 9);

      if (text != NULL && own)
        article->snippet = own_snippet (text, search.unindexed_terms);
      else if (text != NULL)
        article->snippet = mark_terms (text, search.unindexed_terms);
      g_ptr_array_add (articles, article);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("Could not list the articles"));
      g_clear_pointer (&articles, g_ptr_array_unref);
    }

out:
  search_clear (&search);
  return g_steal_pointer (&articles);
}

/* The ids of every article, newest first (published DESC, id DESC, as
 * article_order() sorts by default), read again only when the database
 * changed since: an index scan of every article (about 50 ms at
 * 1,000,000), where sorting a search's matches by date reads each
 * matching article's row. The ids are kept as 32-bit numbers, 4 MB at a
 * million articles in each connection that searched. FALSE with @error
 * set on failure; TRUE with *@order NULL when an id does not fit in 32
 * bits (the caller sorts with SQL). */
static gboolean
get_date_order (CitedStore  *self,
                GArray     **order,
                GError     **error)
{
  g_autoptr(CachedStmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 version, max_id = 0;
  sqlite3_int64 changes;
  gboolean fits;

  *order = NULL;
  if (!read_data_version (self, &version))
    {
      set_db_error (self, error, _("Could not list the articles"));
      return FALSE;
    }
  changes = sqlite3_total_changes64 (self->db);
  if (self->date_order != NULL && version == self->date_order_version &&
      changes == self->date_order_changes)
    {
      *order = self->date_order;
      return TRUE;
    }

  g_clear_pointer (&self->date_order, g_array_unref);
  stmt = prepare (self, "SELECT id FROM articles ORDER BY published DESC, id DESC", error);
  if (stmt == NULL)
    return FALSE;
  ids = step_ids_full (self, stmt, TRUE, &fits, _("Could not list the articles"), error);
  if (ids == NULL)
    return FALSE;
  if (!fits)
    return TRUE;
  for (guint i = 0; i < ids->len; i++)
    max_id = MAX (max_id, (gint64) g_array_index (ids, guint32, i));

  self->date_order = g_steal_pointer (&ids);
  self->date_order_max_id = max_id;
  /* Read before the scan: a commit by another connection meanwhile makes
   * the next call read the order again. */
  self->date_order_version = version;
  self->date_order_changes = changes;
  *order = self->date_order;
  return TRUE;
}

/* Whether @query lists every article (@search NULL) or every match of an
 * indexed search, with no other filter, newest first, whole: what
 * get_date_order() answers. */
static gboolean
lists_by_date_order (const CitedQuery *query,
                     const Search     *search)
{
  return query != NULL && query->sort == CITED_SORT_DATE_DESC &&
         query->limit == 0 && query->offset == 0 &&
         (query->brand == NULL || *query->brand == '\0') &&
         (query->source == NULL || *query->source == '\0') &&
         (query->date_from == NULL || *query->date_from == '\0') &&
         (query->date_to == NULL || *query->date_to == '\0') &&
         search->unindexed_terms->len == 0;
}

/* The ids of the articles @search matches (or of every article), newest
 * first: the index's matches marked in a bitmap by id, then the articles
 * in date order kept whose bit is set. At 1,000,000 articles and 150,000
 * matches this takes a few milliseconds where joining each match to its
 * article row and sorting them by date took 70-260 ms. */
static GArray *
list_matches_by_date (CitedStore    *self,
                      const Search  *search,
                      gboolean       narrow,
                      gboolean      *by_date,
                      GError       **error)
{
  g_autoptr(CachedStmt) stmt = NULL;
  g_autofree guint64 *matched = NULL;
  GArray *order;
  GArray *ids;
  guint n_matched = 0;
  int rc;

  /* FALSE only when there is no date order to list by: the caller
   * lists with SQL then. An error is the answer. */
  *by_date = TRUE;
  if (!get_date_order (self, &order, error))
    return NULL;
  if (order == NULL)
    {
      *by_date = FALSE;
      return NULL;
    }
  if (search->match == NULL && narrow)
    return g_array_copy (order);
  if (search->match == NULL)
    {
      ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), order->len);
      for (guint i = 0; i < order->len; i++)
        {
          gint64 id = g_array_index (order, guint32, i);

          g_array_append_val (ids, id);
        }
      return ids;
    }

  stmt = prepare (self, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, search->match);
  matched = g_new0 (guint64, self->date_order_max_id / 64 + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      /* The index holds only stored articles; an id outside the order
       * read would be an article stored since, which the order's check
       * of data_version rules out. */
      if (id >= 0 && id <= self->date_order_max_id)
        {
          matched[id / 64] |= G_GUINT64_CONSTANT (1) << (id % 64);
          n_matched++;
        }
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("Could not list the articles"));
      return NULL;
    }

  ids = g_array_sized_new (FALSE, FALSE, narrow ? sizeof (guint32) : sizeof (gint64), n_matched);
  for (guint i = 0; i < order->len && ids->len < n_matched; i++)
    {
      guint32 small = g_array_index (order, guint32, i);
      gint64 id = small;

      if (!(matched[id / 64] & (G_GUINT64_CONSTANT (1) << (id % 64))))
        continue;
      if (narrow)
        g_array_append_val (ids, small);
      else
        g_array_append_val (ids, id);
    }
  return ids;
}

/* The ids of the articles @query matches, in its order: gint64, or
 * guint32 with @narrow (see step_ids_full() for @fits). */
static GArray *
list_article_ids (CitedStore        *self,
                  const CitedQuery  *query,
                  gboolean           narrow,
                  gboolean          *fits,
                  GError           **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT a.id");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (param_free);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(CachedStmt) stmt = NULL;
  Search search = { 0 };

  if (fits != NULL)
    *fits = TRUE;
  search_parse (&search, query != NULL ? query->search : NULL);
  if (lists_by_date_order (query, &search))
    {
      gboolean by_date;

      ids = list_matches_by_date (self, &search, narrow, &by_date, error);
      if (by_date)
        goto out;
    }
  if (!build_article_query (self, query, &search, sql, params, error))
    goto out;
  g_string_append (sql, article_order (query, &search));
  add_limit (query, sql, params);

  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    goto out;
  params_bind (params, stmt);
  ids = step_ids_full (self, stmt, narrow, fits, _("Could not list the articles"), error);

out:
  search_clear (&search);
  return g_steal_pointer (&ids);
}

/**
 * cited_store_list_article_ids:
 * @self: a store
 * @query: filters, sort order, offset and limit
 * @error: return location for a #GError, or %NULL
 *
 * Lists only the ids of the articles a query matches, in its order:
 * cheap enough for a list of 100,000 articles.
 *
 * Returns: (transfer full) (element-type gint64): ids in the query's order.
 */
GArray *
cited_store_list_article_ids (CitedStore        *self,
                              const CitedQuery  *query,
                              GError           **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  return list_article_ids (self, query, FALSE, NULL, error);
}

/* See cited-store-private.h. */
GArray *
cited_store_list_article_ids32 (CitedStore        *self,
                                const CitedQuery  *query,
                                gboolean          *fits,
                                GError           **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  return list_article_ids (self, query, TRUE, fits, error);
}

GArray *
cited_store_list_article_ids_head (CitedStore        *self,
                                   const CitedQuery  *query,
                                   guint              max,
                                   guint             *total,
                                   GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) ids = NULL;
  CitedQuery head = { 0 };
  guint n;

  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  if (!exec_sql (self, "BEGIN", error))
    return NULL;
  n = cited_store_count_articles (self, query, &local_error);
  if (local_error == NULL)
    {
      if (query != NULL)
        head = *query;
      head.offset = 0;
      head.limit = MAX (max, 1);
      ids = cited_store_list_article_ids (self, &head, &local_error);
    }
  exec_sql (self, "COMMIT", NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  *total = n;
  return g_steal_pointer (&ids);
}

/**
 * cited_store_get_article:
 * @self: a store
 * @id: the article's id
 * @error: return location for a #GError, or %NULL
 *
 * Reads one article with its body and everything listing gives.
 *
 * Returns: (transfer full): the article with its body, or NULL with
 *   CITED_ERROR_NOT_FOUND.
 */
CitedArticle *
cited_store_get_article (CitedStore  *self,
                         gint64       id,
                         GError     **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  return cited_store_get_listed_article (self, id, TRUE, error);
}

CitedArticle *
cited_store_get_listed_article (CitedStore  *self,
                                gint64       id,
                                gboolean     with_body,
                                GError     **error)
{
  g_autoptr(CachedStmt) stmt = NULL;
  CitedArticle *article;
  int rc;

  stmt = prepare (self,
                  with_body ? "SELECT " ARTICLE_COLUMNS ", cited_body (b.body)"
                              " FROM articles a JOIN article_bodies b ON b.id = a.id WHERE a.id = ?"
                            : "SELECT " ARTICLE_COLUMNS " FROM articles a WHERE a.id = ?",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND,
                   _("There is no article %lld"), (long long) id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      set_db_error (self, error, _("Could not read the article"));
      return NULL;
    }

  article = article_from_row (stmt);
  if (with_body)
    article->body = column_dup (stmt, 9);
  return article;
}

/* ------------------------------------------------------------------ */
/* Figures                                                             */

#define FIGURE_COLUMNS \
  "f.id, f.article_id, f.value, f.value_max, f.unit, f.currency, f.qualifier," \
  " f.metric, f.scope, f.year, f.quarter, f.brand, f.text, f.sentence," \
  " f.language, f.start, f.end, f.sentence_start, f.sentence_end," \
  " a.title, a.path, a.published," \
  " e.status IS NOT NULL, e.value, e.brand, e.metric, coalesce (e.status, 0)," \
  " f.currency_inferred," \
  " f.measure, f.change_kind, f.direction, f.span, f.claim_status," \
  " f.period_inferred," \
  " a.source," \
  " coalesce (e.fields, 0), e.unit, e.currency, e.qualifier, e.scope, e.year, e.quarter," \
  " e.measure, e.change_kind, e.span, e.claim_status"

/* FIGURE_COLUMNS without the longest texts, the sentence and the
 * article's title and path: for reads of many figures. */
#define FIGURE_COLUMNS_LIGHT \
  "f.id, f.article_id, f.value, f.value_max, f.unit, f.currency, f.qualifier," \
  " f.metric, f.scope, f.year, f.quarter, f.brand, f.text, NULL," \
  " f.language, f.start, f.end, f.sentence_start, f.sentence_end," \
  " NULL, NULL, a.published," \
  " e.status IS NOT NULL, e.value, e.brand, e.metric, coalesce (e.status, 0)," \
  " f.currency_inferred," \
  " f.measure, f.change_kind, f.direction, f.span, f.claim_status," \
  " f.period_inferred," \
  " a.source," \
  " coalesce (e.fields, 0), e.unit, e.currency, e.qualifier, e.scope, e.year, e.quarter," \
  " e.measure, e.change_kind, e.span, e.claim_status"

static void
replace_string (char         **field,
                sqlite3_stmt  *stmt,
                int            column)
{
  g_free (*field);
  *field = column_dup (stmt, column);
}

/* The corrections of the fields beyond value, brand and metric, from the
 * edit's columns starting at @first (FIGURE_COLUMNS' order). */
static void
apply_field_edits (CitedFigure  *figure,
                   sqlite3_stmt *stmt,
                   int           first)
{
  CitedFigureEditFields fields = sqlite3_column_int (stmt, first);

  if (fields == 0)
    return;
  figure->edited_fields = fields;
  figure->edited = TRUE;
  if (fields & CITED_EDIT_UNIT)
    replace_string (&figure->unit, stmt, first + 1);
  if (fields & CITED_EDIT_CURRENCY)
    {
      replace_string (&figure->currency, stmt, first + 2);
      figure->currency_inferred = FALSE;
    }
  if (fields & CITED_EDIT_QUALIFIER)
    replace_string (&figure->qualifier, stmt, first + 3);
  if (fields & CITED_EDIT_SCOPE)
    replace_string (&figure->scope, stmt, first + 4);
  if (fields & CITED_EDIT_PERIOD)
    {
      figure->year = sqlite3_column_int (stmt, first + 5);
      figure->quarter = CLAMP (sqlite3_column_int (stmt, first + 6), 0, 4);
      figure->period_inferred = FALSE;
    }
  if (fields & CITED_EDIT_MEASURE)
    replace_string (&figure->measure, stmt, first + 7);
  if (fields & CITED_EDIT_CHANGE)
    {
      figure->change = CLAMP (sqlite3_column_int (stmt, first + 8), CITED_CHANGE_LEVEL, CITED_CHANGE_ABSOLUTE);
      /* A level rises and falls no way; a change the way its sign says. */
      figure->direction = figure->change == CITED_CHANGE_LEVEL ? CITED_DIRECTION_NONE
                          : figure->value < 0 ? CITED_DIRECTION_FALL : CITED_DIRECTION_RISE;
    }
  if (fields & CITED_EDIT_SPAN)
    figure->span = CLAMP (sqlite3_column_int (stmt, first + 9), CITED_SPAN_PERIOD, CITED_SPAN_POINT);
  if (fields & CITED_EDIT_CLAIM_STATUS)
    figure->claim_status = CLAMP (sqlite3_column_int (stmt, first + 10), CITED_CLAIM_REPORTED,
                                  CITED_CLAIM_PLAN);
}

/* A column's text as @strings holds it, added when it is new: the
 * strings of many figures (units, brands, dates, sources) are few. */
static char *
column_shared (sqlite3_stmt *stmt,
               int           column,
               GHashTable   *strings)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  char *shared;

  if (text == NULL)
    return NULL;
  shared = g_hash_table_lookup (strings, text);
  if (shared == NULL)
    {
      shared = g_strdup (text);
      g_hash_table_add (strings, shared);
    }
  return shared;
}

/* A set for figure_from_row()'s @strings. */
static GHashTable *
shared_strings_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* The figure of a row of FIGURE_COLUMNS (or FIGURE_COLUMNS_LIGHT). With
 * @strings, a figure the user did not edit takes its strings from that
 * set and keeps a reference on it (CitedFigure's shared_strings): a read
 * of a hundred thousand figures holds each unit, brand and date once
 * rather than in each figure, about 450 bytes a figure less. */
static CitedFigure *
figure_from_row (sqlite3_stmt *stmt,
                 GHashTable   *strings)
{
  CitedFigure *figure = cited_figure_new ();
  gboolean has_edit = sqlite3_column_int (stmt, 22);

  /* Edits replace strings: an edited figure owns its own. */
  if (has_edit || sqlite3_column_int (stmt, 35) != 0)
    strings = NULL;
#define COLUMN_STRING(column) \
  (strings != NULL ? column_shared (stmt, (column), strings) : column_dup (stmt, (column)))
  figure->id = sqlite3_column_int64 (stmt, 0);
  figure->article_id = sqlite3_column_int64 (stmt, 1);
  figure->value = column_double (stmt, 2);
  figure->value_max = column_double (stmt, 3);
  figure->unit = COLUMN_STRING (4);
  figure->currency = COLUMN_STRING (5);
  figure->qualifier = COLUMN_STRING (6);
  figure->metric = COLUMN_STRING (7);
  figure->scope = COLUMN_STRING (8);
  figure->year = sqlite3_column_int (stmt, 9);
  figure->quarter = sqlite3_column_int (stmt, 10);
  figure->brand = COLUMN_STRING (11);
  figure->text = COLUMN_STRING (12);
  figure->sentence = column_dup (stmt, 13);
  figure->language = COLUMN_STRING (14);
  figure->start = sqlite3_column_int64 (stmt, 15);
  figure->end = sqlite3_column_int64 (stmt, 16);
  figure->sentence_start = sqlite3_column_int64 (stmt, 17);
  figure->sentence_end = sqlite3_column_int64 (stmt, 18);
  figure->article_title = column_dup (stmt, 19);
  figure->article_path = column_dup (stmt, 20);
  figure->article_published = COLUMN_STRING (21);
  figure->currency_inferred = sqlite3_column_int (stmt, 27) != 0;
  figure->measure = COLUMN_STRING (28);
  figure->change = CLAMP (sqlite3_column_int (stmt, 29), CITED_CHANGE_LEVEL, CITED_CHANGE_ABSOLUTE);
  figure->direction = CLAMP (sqlite3_column_int (stmt, 30), CITED_DIRECTION_NONE, CITED_DIRECTION_FALL);
  figure->span = CLAMP (sqlite3_column_int (stmt, 31), CITED_SPAN_PERIOD, CITED_SPAN_POINT);
  figure->claim_status = CLAMP (sqlite3_column_int (stmt, 32), CITED_CLAIM_REPORTED, CITED_CLAIM_PLAN);
  figure->period_inferred = sqlite3_column_int (stmt, 33) != 0;
  figure->article_source = COLUMN_STRING (34);
#undef COLUMN_STRING

  figure->orig_value = figure->value;
  if (strings != NULL)
    {
      figure->orig_brand = figure->brand;
      figure->orig_metric = figure->metric;
      figure->shared_strings = g_hash_table_ref (strings);
      return figure;
    }
  figure->orig_brand = g_strdup (figure->brand);
  figure->orig_metric = g_strdup (figure->metric);

  if (!has_edit)
    return figure;

  figure->status = sqlite3_column_int (stmt, 26);
  if (sqlite3_column_type (stmt, 23) != SQLITE_NULL)
    {
      figure->value = sqlite3_column_double (stmt, 23);
      figure->edited = TRUE;
    }
  if (sqlite3_column_type (stmt, 24) != SQLITE_NULL)
    {
      const char *brand = (const char *) sqlite3_column_text (stmt, 24);

      g_free (figure->brand);
      figure->brand = *brand != '\0' ? g_strdup (brand) : NULL;
      figure->edited = TRUE;
    }
  if (sqlite3_column_type (stmt, 25) != SQLITE_NULL)
    {
      const char *metric = (const char *) sqlite3_column_text (stmt, 25);

      g_free (figure->metric);
      figure->metric = *metric != '\0' ? g_strdup (metric) : NULL;
      figure->edited = TRUE;
    }
  apply_field_edits (figure, stmt, 35);
  return figure;
}

static gboolean figure_rows_from (CitedStore       *self,
                                  const CitedQuery *query,
                                  const char       *contains,
                                  Search           *search,
                                  GString          *sql,
                                  GPtrArray        *params,
                                  GError          **error);

/* The figures the prepared @sql with @params reads, each a row of
 * FIGURE_COLUMNS; with @shared, their strings shared (figure_from_row()). */
static GPtrArray *
read_figures (CitedStore  *self,
              const char  *sql,
              GPtrArray   *params,
              gboolean     shared,
              GError     **error)
{
  g_autoptr(CachedStmt) stmt = prepare (self, sql, error);
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GHashTable) strings = shared ? shared_strings_new () : NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  params_bind (params, stmt);
  figures = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_figure_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (figures, figure_from_row (stmt, strings));
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("Could not list the figures"));
      return NULL;
    }
  return g_steal_pointer (&figures);
}

/* ORDER BY a.published DESC, a.id DESC, f.start, as SQLite sorts it:
 * dates compared byte by byte, an article without one last. */
static int
figure_compare_newest_first (gconstpointer a,
                             gconstpointer b)
{
  const CitedFigure *fa = *(CitedFigure * const *) a;
  const CitedFigure *fb = *(CitedFigure * const *) b;

  if (fa->article_published == NULL || fb->article_published == NULL)
    {
      if (fa->article_published != fb->article_published)
        return fa->article_published == NULL ? 1 : -1;
    }
  else
    {
      int by_date = strcmp (fb->article_published, fa->article_published);

      if (by_date != 0)
        return by_date;
    }
  if (fa->article_id != fb->article_id)
    return fa->article_id < fb->article_id ? 1 : -1;
  return (fa->start > fb->start) - (fa->start < fb->start);
}

/**
 * cited_store_list_figures:
 * @self: a store
 * @query: filters, sort order, offset and limit
 * @error: return location for a #GError, or %NULL
 *
 * Lists the figures a query matches (its brand, metric, source, dates,
 * article, span and claim status), with their articles' titles, paths
 * and dates.
 *
 * Returns: (transfer container) (element-type CitedFigure): figures as the user
 *   edited them, rejected ones only when query->include_rejected.
 */
GPtrArray *
cited_store_list_figures (CitedStore        *self,
                          const CitedQuery  *query,
                          GError           **error)
{
  return cited_store_list_figures_full (self, query, TRUE, error);
}

/* See cited-store-private.h. */
GPtrArray *
cited_store_list_figures_full (CitedStore        *self,
                               const CitedQuery  *query,
                               gboolean           texts,
                               GError           **error)
{
  g_autoptr(GString) sql = g_string_new (texts ? "SELECT " FIGURE_COLUMNS : "SELECT " FIGURE_COLUMNS_LIGHT);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (param_free);
  g_autoptr(GPtrArray) figures = NULL;
  Search search = { 0 };
  gboolean sort_after = FALSE;

  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  if (!figure_rows_from (self, query, NULL, &search, sql, params, error))
    goto out;

  switch (query != NULL ? query->sort : CITED_SORT_DATE_DESC)
    {
    case CITED_SORT_DATE_ASC:
      g_string_append (sql, " ORDER BY a.published IS NULL, a.published, a.id, f.start");
      break;
    case CITED_SORT_TITLE:
      g_string_append (sql, " ORDER BY a.title COLLATE NOCASE, a.id, f.start");
      break;
    case CITED_SORT_RELEVANCE:
      if (search.match != NULL)
        {
          g_string_append (sql, " ORDER BY articles_fts.rank, a.id, f.start");
          break;
        }
      G_GNUC_FALLTHROUGH;
    case CITED_SORT_DATE_DESC:
    default:
      /* A whole read of many light figures is sorted here rather than by
       * SQLite, whose sorter would hold every row's copy besides the
       * figures made of them (13 MB more for the 85,000 figures of a
       * chart of sales at a million articles). */
      if (texts || (query != NULL && (query->limit != 0 || query->offset != 0)))
        g_string_append (sql, " ORDER BY a.published DESC, a.id DESC, f.start");
      else
        sort_after = TRUE;
      break;
    }
  add_limit (query, sql, params);
  figures = read_figures (self, sql->str, params, !texts, error);
  if (figures != NULL && sort_after)
    g_ptr_array_sort (figures, figure_compare_newest_first);

out:
  search_clear (&search);
  return g_steal_pointer (&figures);
}

/* See cited-store-private.h. */
gboolean
cited_store_fill_figure_texts (CitedStore  *self,
                               GPtrArray   *figures,
                               GError     **error)
{
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  stmt = prepare (self,
                  "SELECT f.sentence, a.title, a.path FROM figures f"
                  " JOIN articles a ON a.id = f.article_id WHERE f.id = ?",
                  error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (figures, i);
      int rc;

      if (figure->sentence != NULL || figure->id == 0)
        continue;
      sqlite3_bind_int64 (stmt, 1, figure->id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          figure->sentence = column_dup (stmt, 0);
          g_free (figure->article_title);
          figure->article_title = column_dup (stmt, 1);
          g_free (figure->article_path);
          figure->article_path = column_dup (stmt, 2);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          set_db_error (self, error, _("Could not list the figures"));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * cited_store_get_figure:
 * @self: a store
 * @id: the figure's id
 * @error: return location for a #GError, or %NULL
 *
 * Reads one figure with its article's title, path and date.
 *
 * Returns: (transfer full): the figure as edited (rejected ones too), or
 *   NULL with CITED_ERROR_NOT_FOUND.
 */
CitedFigure *
cited_store_get_figure (CitedStore  *self,
                        gint64       id,
                        GError     **error)
{
  g_autoptr(CachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT " FIGURE_COLUMNS " FROM figures f"
                  " JOIN articles a ON a.id = f.article_id" EDITS_JOIN
                  " WHERE f.id = ?",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return figure_from_row (stmt, NULL);
  if (rc == SQLITE_DONE)
    g_set_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND,
                 _("There is no figure %lld"), (long long) id);
  else
    set_db_error (self, error, _("Could not read the figure"));
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Figure rows (CitedFigureModel)                                      */

/* A field of a figure as the user corrected it (@bit of the edit's
 * fields, CitedFigureEditFields). */
#define EFFECTIVE_FIELD(bit, column) \
  "(CASE WHEN coalesce (e.fields, 0) & " bit " THEN e." column " ELSE f." column " END)"

/* Whether @query and @contains filter nothing but rejected figures. */
static gboolean
figure_rows_unfiltered (const CitedQuery *query,
                        const char       *contains)
{
  if (contains != NULL && *contains != '\0')
    return FALSE;
  if (query == NULL)
    return TRUE;
  return (query->search == NULL || *query->search == '\0') &&
         (query->brand == NULL || *query->brand == '\0') &&
         (query->source == NULL || *query->source == '\0') &&
         (query->metric == NULL || *query->metric == '\0') &&
         (query->date_from == NULL || *query->date_from == '\0') &&
         (query->date_to == NULL || *query->date_to == '\0') &&
         query->article_id <= 0 && query->span == NULL && query->claim_status == NULL;
}

/* The FROM and WHERE of the figures @query and @contains select. */
static gboolean
figure_rows_from (CitedStore        *self,
                  const CitedQuery  *query,
                  const char        *contains,
                  Search            *search,
                  GString           *sql,
                  GPtrArray         *params,
                  GError           **error)
{
  g_string_append (sql, " FROM figures f JOIN articles a ON a.id = f.article_id" EDITS_JOIN);
  search_parse (search, query != NULL ? query->search : NULL);
  if (search->match != NULL)
    g_string_append (sql, " JOIN articles_fts ON articles_fts.rowid = a.id");
  g_string_append (sql, " WHERE 1");

  if (query == NULL || !query->include_rejected)
    g_string_append (sql, " AND " NOT_REJECTED);
  if (query != NULL && query->article_id > 0)
    {
      g_string_append (sql, " AND f.article_id = ?");
      params_add_int (params, query->article_id);
    }
  if (query != NULL && query->metric != NULL && *query->metric != '\0')
    {
      g_string_append (sql,
                       " AND f.id IN (SELECT id FROM figures WHERE metric = ?"
                       "  UNION ALL " EDITED_FIGURE_IDS " WHERE e2.metric = ? COLLATE NOCASE)"
                       " AND " EFFECTIVE_METRIC " = ? COLLATE NOCASE");
      params_add_text (params, query->metric);
      params_add_text (params, query->metric);
      params_add_text (params, query->metric);
    }
  if (query != NULL && query->span != NULL)
    {
      CitedSpan span = CITED_SPAN_PERIOD;

      cited_span_from_string (query->span, &span);
      g_string_append (sql, " AND " EFFECTIVE_FIELD ("128", "span") " = ?");
      params_add_int (params, span);
    }
  if (query != NULL && query->claim_status != NULL)
    {
      CitedClaimStatus status = CITED_CLAIM_REPORTED;

      cited_claim_status_from_string (query->claim_status, &status);
      g_string_append (sql, " AND " EFFECTIVE_FIELD ("256", "claim_status") " = ?");
      params_add_int (params, status);
    }
  if (contains != NULL && *contains != '\0' && g_str_is_ascii (contains))
    {
      g_autofree char *pattern = like_pattern (contains);

      /* LIKE folds the case of ASCII letters, which is all an ASCII term
       * needs. */
      g_string_append (sql, " AND (f.text LIKE ? ESCAPE '\\' OR f.sentence LIKE ? ESCAPE '\\'"
                            " OR a.title LIKE ? ESCAPE '\\')");
      params_add_text (params, pattern);
      params_add_text (params, pattern);
      params_add_text (params, pattern);
    }
  else if (contains != NULL && *contains != '\0')
    {
      g_autofree char *folded = g_utf8_casefold (contains, -1);

      /* Any other case folded as GLib folds it ("ÉCONOMIE", "Straße"). */
      g_string_append (sql, " AND (cited_casefold_contains (f.text, ?)"
                            " OR cited_casefold_contains (f.sentence, ?)"
                            " OR cited_casefold_contains (a.title, ?))");
      params_add_text (params, folded);
      params_add_text (params, folded);
      params_add_text (params, folded);
    }
  return add_article_filters (self, query, search, TRUE, sql, params, error);
}

/* Every figure in the store's order is read from the articles, newest
 * first by their date index, and each one's figures by theirs: left to
 * itself SQLite reads every figure and sorts them (0.4 s at three
 * million) for the first 200. @sql holds figure_rows_from()'s FROM. */
static void
articles_first (GString          *sql,
                const CitedQuery *query,
                const char       *contains,
                CitedFigureSort   sort)
{
  static const char join[] = " FROM figures f JOIN articles a ON a.id = f.article_id";
  const char *from;
  gssize at;

  if (sort != CITED_FIGURE_SORT_NONE || !figure_rows_unfiltered (query, contains))
    return;
  from = strstr (sql->str, join);
  at = from != NULL ? from - sql->str : -1;
  g_assert (at >= 0);
  g_string_erase (sql, at, strlen (join));
  g_string_insert (sql, at, " FROM articles a CROSS JOIN figures f ON f.article_id = a.id");
}

/* The ORDER BY terms of @sort. */
static void
figure_rows_order (GString         *sql,
                   CitedFigureSort  sort,
                   gboolean         descending)
{
  const char *dir = descending ? " DESC" : "";
  const char *key = NULL;

  switch (sort)
    {
    case CITED_FIGURE_SORT_TEXT:
      key = "f.text COLLATE NOCASE";
      break;
    case CITED_FIGURE_SORT_VALUE:
      key = "coalesce (e.value, f.value)";
      break;
    case CITED_FIGURE_SORT_UNIT:
      key = "coalesce (" EFFECTIVE_FIELD ("2", "currency") ", " EFFECTIVE_FIELD ("1", "unit") ")"
            " COLLATE NOCASE";
      break;
    case CITED_FIGURE_SORT_METRIC:
      key = EFFECTIVE_METRIC " COLLATE NOCASE";
      break;
    case CITED_FIGURE_SORT_SCOPE:
      key = EFFECTIVE_FIELD ("8", "scope") " COLLATE NOCASE";
      break;
    case CITED_FIGURE_SORT_PERIOD:
      key = "(" EFFECTIVE_FIELD ("16", "year") " * 10 + " EFFECTIVE_FIELD ("16", "quarter") ")";
      break;
    case CITED_FIGURE_SORT_BRAND:
      key = EFFECTIVE_BRAND " COLLATE NOCASE";
      break;
    case CITED_FIGURE_SORT_ARTICLE:
      key = "a.title COLLATE NOCASE";
      break;
    case CITED_FIGURE_SORT_STATUS:
      /* The order of the labels: Confirmed, Edited, Extracted, Rejected. */
      key = "(CASE WHEN coalesce (e.status, 0) = 2 THEN 3"
            " WHEN e.value IS NOT NULL OR e.brand IS NOT NULL OR e.metric IS NOT NULL"
            "  OR coalesce (e.fields, 0) <> 0 THEN 1"
            " WHEN coalesce (e.status, 0) = 1 THEN 0 ELSE 2 END)";
      break;
    case CITED_FIGURE_SORT_STATES:
      key = "(" EFFECTIVE_FIELD ("256", "claim_status") " * 100 + " EFFECTIVE_FIELD ("128", "span") " * 10"
            " + " EFFECTIVE_FIELD ("64", "change_kind") ")";
      break;
    case CITED_FIGURE_SORT_NONE:
    default:
      break;
    }

  if (key == NULL)
    /* The order cited_store_list_figures() gives, straight from the
     * articles' date index and the figures' article index. */
    g_string_append (sql, " ORDER BY a.published DESC, a.id DESC, f.start, f.id");
  else
    g_string_append_printf (sql, " ORDER BY %s%s, f.id%s", key, dir, dir);
}

gboolean
cited_store_count_figure_rows (CitedStore        *self,
                               const CitedQuery  *query,
                               const char        *contains,
                               guint             *n_rows,
                               GError           **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (param_free);
  g_autoptr(CachedStmt) stmt = NULL;
  Search search = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  *n_rows = 0;
  if (figure_rows_unfiltered (query, contains))
    {
      /* Every figure, or every one but the few rejected: counted from the
       * table and from the edits, without a join per figure. */
      g_string_append (sql, "SELECT (SELECT count(*) FROM figures)");
      if (query == NULL || !query->include_rejected)
        g_string_append (sql, " - (SELECT count(*) " EDITED_FIGURES_FROM " WHERE e.status = 2)");
    }
  else
    {
      g_string_append (sql, "SELECT count(*)");
      if (!figure_rows_from (self, query, contains, &search, sql, params, error))
        goto out;
    }

  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    goto out;
  params_bind (params, stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_db_error (self, error, _("Could not count the figures"));
      goto out;
    }
  *n_rows = (guint) CLAMP (sqlite3_column_int64 (stmt, 0), 0, G_MAXUINT - 1);
  ok = TRUE;

out:
  search_clear (&search);
  return ok;
}

GPtrArray *
cited_store_read_figure_rows (CitedStore        *self,
                              const CitedQuery  *query,
                              const char        *contains,
                              CitedFigureSort    sort,
                              gboolean           descending,
                              guint              offset,
                              guint              limit,
                              GError           **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " FIGURE_COLUMNS);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (param_free);
  g_autoptr(GPtrArray) figures = NULL;
  Search search = { 0 };

  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  if (!figure_rows_from (self, query, contains, &search, sql, params, error))
    goto out;
  articles_first (sql, query, contains, sort);
  figure_rows_order (sql, sort, descending);
  g_string_append (sql, " LIMIT ? OFFSET ?");
  params_add_int (params, limit);
  params_add_int (params, offset);
  figures = read_figures (self, sql->str, params, FALSE, error);

out:
  search_clear (&search);
  return g_steal_pointer (&figures);
}

GArray *
cited_store_read_figure_row_ids (CitedStore        *self,
                                 const CitedQuery  *query,
                                 const char        *contains,
                                 CitedFigureSort    sort,
                                 gboolean           descending,
                                 GError           **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT f.id");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (param_free);
  g_autoptr(CachedStmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  Search search = { 0 };

  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  if (!figure_rows_from (self, query, contains, &search, sql, params, error))
    goto out;
  articles_first (sql, query, contains, sort);
  figure_rows_order (sql, sort, descending);
  /* A sort of every figure, as for the claims: in a temporary file. */
  if (!exec_sql (self, "PRAGMA temp_store = FILE", error))
    goto out;
  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    {
      exec_sql (self, "PRAGMA temp_store = MEMORY", NULL);
      goto out;
    }
  params_bind (params, stmt);
  ids = step_ids_full (self, stmt, TRUE, NULL, _("Could not list the figures"), error);
  if (!exec_sql (self, "PRAGMA temp_store = MEMORY", ids != NULL ? error : NULL))
    g_clear_pointer (&ids, g_array_unref);

out:
  search_clear (&search);
  return g_steal_pointer (&ids);
}

GPtrArray *
cited_store_read_figures_by_id (CitedStore    *self,
                                const gint64  *ids,
                                guint          n_ids,
                                GError       **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " FIGURE_COLUMNS " FROM figures f"
                                         " JOIN articles a ON a.id = f.article_id" EDITS_JOIN
                                         " WHERE f.id IN (");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (param_free);
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *figures;

  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  for (guint i = 0; i < n_ids; i++)
    {
      g_string_append (sql, i == 0 ? "?" : ", ?");
      params_add_int (params, ids[i]);
    }
  g_string_append (sql, ")");
  if (n_ids == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) cited_figure_unref);
  read = read_figures (self, sql->str, params, FALSE, error);
  if (read == NULL)
    return NULL;

  /* In the order asked for; a figure gone since is left out. */
  for (guint i = 0; i < read->len; i++)
    {
      CitedFigure *f = g_ptr_array_index (read, i);

      g_hash_table_insert (by_id, &f->id, f);
    }
  figures = g_ptr_array_new_full (n_ids, (GDestroyNotify) cited_figure_unref);
  for (guint i = 0; i < n_ids; i++)
    {
      CitedFigure *f = g_hash_table_lookup (by_id, &ids[i]);

      if (f != NULL)
        g_ptr_array_add (figures, cited_figure_ref (f));
    }
  return figures;
}

gboolean
cited_store_find_figure_row (CitedStore        *self,
                             const CitedQuery  *query,
                             const char        *contains,
                             CitedFigureSort    sort,
                             gboolean           descending,
                             gint64             figure_id,
                             guint             *position,
                             GError           **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT n FROM (SELECT f.id AS id, row_number () OVER (");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (param_free);
  g_autoptr(GString) order = g_string_new (NULL);
  g_autoptr(CachedStmt) stmt = NULL;
  Search search = { 0 };
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  *position = G_MAXUINT;
  figure_rows_order (order, sort, descending);
  g_string_append (sql, order->str);
  g_string_append (sql, ") - 1 AS n");
  if (!figure_rows_from (self, query, contains, &search, sql, params, error))
    goto out;
  g_string_append (sql, ") WHERE id = ?");
  params_add_int (params, figure_id);

  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    goto out;
  params_bind (params, stmt);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *position = (guint) sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("Could not list the figures"));
      goto out;
    }
  ok = TRUE;

out:
  search_clear (&search);
  return ok;
}

static GPtrArray *
read_counts (CitedStore  *self,
             const char  *sql,
             GError     **error)
{
  g_autoptr(CachedStmt) stmt = prepare (self, sql, error);
  g_autoptr(GPtrArray) counts = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  counts = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_count_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CitedCount *count = g_new0 (CitedCount, 1);

      count->name = column_dup (stmt, 0);
      count->n = (guint) sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (counts, count);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("Could not count the figures"));
      return NULL;
    }
  return g_steal_pointer (&counts);
}

GPtrArray *
cited_store_count_figure_brands (CitedStore  *self,
                                 GError     **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  /* From the totals the store keeps (schema step 14), then the few
   * corrections: each edited brand moves its figure from the extractor's
   * brand to the user's. */
  return read_counts (self,
                      "SELECT b, sum (n) FROM ("
                      " SELECT brand AS b, figures AS n FROM brand_totals WHERE figures <> 0"
                      " UNION ALL SELECT f.brand, -1 " EDITED_FIGURES_FROM
                      "  WHERE e.brand IS NOT NULL AND f.brand IS NOT NULL"
                      " UNION ALL SELECT e.brand, 1 " EDITED_FIGURES_FROM
                      "  WHERE e.brand IS NOT NULL AND e.brand <> '')"
                      " GROUP BY b COLLATE NOCASE HAVING sum (n) > 0 ORDER BY sum (n) DESC, b",
                      error);
}

GPtrArray *
cited_store_count_figure_sources (CitedStore  *self,
                                  GError     **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  return read_counts (self,
                      "SELECT a.source, count(*) FROM articles a JOIN figures f ON f.article_id = a.id"
                      " WHERE a.source IS NOT NULL AND a.source <> ''"
                      " GROUP BY a.source ORDER BY count(*) DESC, a.source",
                      error);
}

/* FIGURE_COLUMNS without the sentence and the article's title and path:
 * the bulk of a figure's memory, which grouping figures into claims does
 * not need. */
/* What two figures of one claim share exactly (cited-claims.c's claim
 * key, less the brand, whose case is folded, and the scope, which has a
 * default): the claims of a store are grouped one run of such figures at
 * a time, never all of them at once. */
#define CLAIM_RUN_ORDER \
  " ORDER BY (CASE WHEN " EFFECTIVE_FIELD ("64", "change_kind") " = 0 THEN coalesce (" EFFECTIVE_METRIC ", '')" \
  "  ELSE coalesce (" EFFECTIVE_FIELD ("32", "measure") ", " EFFECTIVE_METRIC ", '') END)," \
  " " EFFECTIVE_FIELD ("16", "year") ", " EFFECTIVE_FIELD ("16", "quarter") "," \
  " " EFFECTIVE_FIELD ("64", "change_kind") ", " EFFECTIVE_FIELD ("128", "span") "," \
  " " EFFECTIVE_FIELD ("256", "claim_status") ", coalesce (" EFFECTIVE_FIELD ("2", "currency") ", '')"

static gboolean
same_claim_run (const CitedFigure *a,
                const CitedFigure *b)
{
  return g_str_equal (cited_claim_measure_of (a), cited_claim_measure_of (b)) &&
         a->year == b->year && a->quarter == b->quarter &&
         a->change == b->change && a->span == b->span && a->claim_status == b->claim_status &&
         g_strcmp0 (a->currency != NULL ? a->currency : "", b->currency != NULL ? b->currency : "") == 0;
}

static gboolean foreach_claim_run (CitedStore *self, CitedClaimsFunc func, gpointer user_data,
                                   GCancellable *cancellable, GError **error);

/* What a figure measures for its claim (cited_claim_measure_of()),
 * over the extracted columns: the expression of the index figures_claim
 * (schema step 18), written the same so that SQLite uses it. */
#define CLAIM_MEASURE_KEY \
  "(CASE WHEN change_kind = 0 THEN coalesce (metric, '') ELSE coalesce (measure, metric, '') END)"

gboolean
cited_store_foreach_claims_of (CitedStore       *self,
                               GPtrArray        *figures,
                               CitedClaimsFunc   func,
                               gpointer          user_data,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) strings = shared_strings_new ();

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  for (guint i = 0; i < figures->len; i++)
    {
      const CitedFigure *figure = g_ptr_array_index (figures, i);
      g_autofree char *key = cited_claim_key_of (figure);
      g_autoptr(CachedStmt) stmt = NULL;
      g_autoptr(GPtrArray) run = NULL;
      g_autoptr(GPtrArray) claims = NULL;
      const char *measure;
      int rc;

      measure = cited_claim_measure_of (figure);
      /* A figure that measures nothing is part of no claim
       * (cited_claims_group()): the figures of its key, the largest of
       * a store, are not read. */
      if (g_hash_table_contains (done, key) || *measure == '\0')
        continue;
      /* The figures whose extracted brand, year and measure are the
       * figure's (by the index), and every edited figure, whatever its
       * extracted fields: of those, the ones whose claim key, as the user
       * corrected them, is the figure's. */
      stmt = prepare (self,
                      "SELECT " FIGURE_COLUMNS_LIGHT " FROM figures f"
                      " JOIN articles a ON a.id = f.article_id" EDITS_JOIN
                      " WHERE f.id IN (SELECT id FROM figures WHERE brand IS ? AND year = ?"
                      "  AND " CLAIM_MEASURE_KEY " = ?"
                      "  UNION " EDITED_FIGURE_IDS ")"
                      " AND " NOT_REJECTED,
                      error);
      if (stmt == NULL)
        return FALSE;
      if (figure->brand != NULL)
        sqlite3_bind_text (stmt, 1, figure->brand, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, figure->year);
      sqlite3_bind_text (stmt, 3, measure, -1, SQLITE_TRANSIENT);

      run = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_figure_unref);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          CitedFigure *f = figure_from_row (stmt, strings);
          g_autofree char *f_key = cited_claim_key_of (f);

          if (g_str_equal (f_key, key))
            g_ptr_array_add (run, f);
          else
            cited_figure_unref (f);
        }
      if (rc != SQLITE_DONE)
        {
          set_db_error (self, error, _("Could not list the figures"));
          return FALSE;
        }
      claims = cited_claims_group (run);
      func (claims, user_data);
      g_hash_table_add (done, g_steal_pointer (&key));
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
cited_store_foreach_claims (CitedStore       *self,
                            CitedClaimsFunc   func,
                            gpointer          user_data,
                            GCancellable     *cancellable,
                            GError          **error)
{
  gboolean ok;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  /* Sorting every figure is the one large sort the store makes: it goes
   * to a temporary file, where the connection's other temporary data
   * stays in memory. */
  if (!exec_sql (self, "PRAGMA temp_store = FILE", error))
    return FALSE;
  ok = foreach_claim_run (self, func, user_data, cancellable, error);
  if (!exec_sql (self, "PRAGMA temp_store = MEMORY", ok ? error : NULL))
    ok = FALSE;
  return ok;
}

static gboolean
foreach_claim_run (CitedStore       *self,
                   CitedClaimsFunc   func,
                   gpointer          user_data,
                   GCancellable     *cancellable,
                   GError          **error)
{
  g_autoptr(CachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) run = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_figure_unref);
  int rc;

  stmt = prepare (self,
                  "SELECT " FIGURE_COLUMNS_LIGHT " FROM figures f"
                  " JOIN articles a ON a.id = f.article_id" EDITS_JOIN
                  " WHERE " NOT_REJECTED CLAIM_RUN_ORDER ", a.published DESC, a.id DESC, f.start",
                  error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CitedFigure *figure = figure_from_row (stmt, NULL);

      if (run->len > 0 && !same_claim_run (g_ptr_array_index (run, 0), figure))
        {
          g_autoptr(GPtrArray) claims = cited_claims_group (run);

          func (claims, user_data);
          g_ptr_array_set_size (run, 0);
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              cited_figure_unref (figure);
              return FALSE;
            }
        }
      g_ptr_array_add (run, figure);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("Could not list the figures"));
      return FALSE;
    }
  if (run->len > 0)
    {
      g_autoptr(GPtrArray) claims = cited_claims_group (run);

      func (claims, user_data);
    }
  return TRUE;
}

/**
 * cited_store_list_mentions:
 * @self: a store
 * @article_id: the article's id
 * @error: return location for a #GError, or %NULL
 *
 * Lists where an article mentions brands, as byte offsets into its body.
 *
 * Returns: (transfer full) (element-type CitedMention): the brand mentions
 *   of one article in text order; brand names are interned.
 */
GArray *
cited_store_list_mentions (CitedStore  *self,
                           gint64       article_id,
                           GError     **error)
{
  g_autoptr(CachedStmt) stmt = NULL;
  g_autoptr(GArray) mentions = NULL;
  int rc;

  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT brand, start, end, coalesce (discovered_as = brand, 0)"
                  " FROM mentions WHERE article_id = ? ORDER BY start",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);

  mentions = g_array_new (FALSE, FALSE, sizeof (CitedMention));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CitedMention mention = { 0 };

      mention.brand = g_intern_string ((const char *) sqlite3_column_text (stmt, 0));
      mention.start = sqlite3_column_int64 (stmt, 1);
      mention.end = sqlite3_column_int64 (stmt, 2);
      /* Discovered and still under its own name: merged ones are the
       * brand's now. */
      mention.discovered = sqlite3_column_int (stmt, 3) != 0;
      g_array_append_val (mentions, mention);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("Could not read the mentions"));
      return NULL;
    }
  return g_steal_pointer (&mentions);
}

/**
 * cited_store_list_metrics:
 * @self: a store
 * @error: return location for a #GError, or %NULL
 *
 * Lists the metrics figures were found for ("sales", "patents", ...).
 *
 * Returns: (transfer full): metrics of non-rejected figures, most figures
 *   first, or NULL on error.
 */
GStrv
cited_store_list_metrics (CitedStore  *self,
                          GError     **error)
{
  g_autoptr(CachedStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT m, sum (n) AS total FROM ("
                  "  SELECT metric AS m, figures AS n FROM metric_totals WHERE figures <> 0"
                  "  UNION ALL SELECT f.metric, -1 " EDITED_FIGURES_FROM " WHERE f.metric IS NOT NULL"
                  "  UNION ALL SELECT " EFFECTIVE_METRIC ", 1 " EDITED_FIGURES_FROM
                  "   WHERE e.status <> 2 AND " EFFECTIVE_METRIC " IS NOT NULL"
                  ") GROUP BY m COLLATE NOCASE HAVING total > 0 ORDER BY total DESC, m",
                  error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("Could not read the metrics"));
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* Rows of (name, count) from @sql, as CitedCount. */
static GPtrArray *
list_counts (CitedStore  *self,
             const char  *sql,
             GError     **error)
{
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_count_free);
  g_autoptr(CachedStmt) stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CitedCount *count = g_new0 (CitedCount, 1);

      count->name = column_dup (stmt, 0);
      count->n = sqlite3_column_int (stmt, 1);
      g_ptr_array_add (counts, count);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("Could not count the articles"));
      return NULL;
    }
  return g_steal_pointer (&counts);
}

/**
 * cited_store_count_brand_articles:
 *
 * Returns: (transfer container) (element-type CitedCount): each mentioned
 *   brand with the number of articles mentioning it, most first.
 */
GPtrArray *
cited_store_count_brand_articles (CitedStore  *self,
                                  GError     **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  /* From the totals kept with every write (schema step 14). */
  return list_counts (self,
                      "SELECT brand, sum (articles) AS n FROM brand_totals WHERE articles > 0"
                      " GROUP BY brand COLLATE NOCASE ORDER BY n DESC, brand COLLATE NOCASE",
                      error);
}

/**
 * cited_store_count_source_articles:
 *
 * Returns: (transfer container) (element-type CitedCount): each source or feed
 *   of the articles with its number of articles, most first.
 */
GPtrArray *
cited_store_count_source_articles (CitedStore  *self,
                                   GError     **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  return list_counts (self,
                      "SELECT source, count (*) AS n FROM articles"
                      " WHERE source IS NOT NULL AND source <> ''"
                      " GROUP BY source ORDER BY n DESC, source COLLATE NOCASE",
                      error);
}

/**
 * cited_store_list_years:
 * @self: a store
 * @error: return location for a #GError, or %NULL
 *
 * Lists the years the dated articles were published in.
 *
 * Returns: (transfer full) (element-type int): the years articles were
 *   published in, newest first, or NULL on error.
 */
GArray *
cited_store_list_years (CitedStore  *self,
                        GError     **error)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(CachedStmt) stmt = NULL;
  char bound[8] = "~";

  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  /* One index lookup per year rather than a walk over every date. */
  stmt = prepare (self, "SELECT max (published) FROM articles WHERE published < ?", error);
  if (stmt == NULL)
    return NULL;
  for (;;)
    {
      const char *date;
      int rc, year;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, bound, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          set_db_error (self, error, _("Could not read the articles’ dates"));
          return NULL;
        }
      date = (const char *) sqlite3_column_text (stmt, 0);
      if (date == NULL || !g_ascii_isdigit (date[0]) || (year = atoi (date)) <= 0)
        break;
      g_array_append_val (years, year);
      g_snprintf (bound, sizeof bound, "%04d", year);
    }
  return g_steal_pointer (&years);
}

/* ------------------------------------------------------------------ */
/* Saved views                                                         */

/* A view's name as a user sees it: some text, no control character. */
static gboolean
check_view_name (const char  *name,
                 GError     **error)
{
  gboolean blank = TRUE;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_INVALID, _("A view needs a name"));
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        {
          g_set_error_literal (error, CITED_ERROR, CITED_ERROR_INVALID,
                               _("A view’s name cannot hold a control character"));
          return FALSE;
        }
      if (!g_unichar_isspace (c))
        blank = FALSE;
    }
  if (blank)
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_INVALID, _("A view needs a name"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
view_not_found (GError     **error,
                const char  *name)
{
  g_set_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND, _("No saved view called “%s”"), name);
  return FALSE;
}

/**
 * cited_store_save_view:
 * @self: the store
 * @name: the view's name
 * @settings: what the view charts
 * @error: return location for a #GError
 *
 * Saves @settings as the view @name, replacing the view of that name.
 */
gboolean
cited_store_save_view (CitedStore               *self,
                       const char               *name,
                       const CitedChartSettings *settings,
                       GError                  **error)
{
  g_autoptr(CachedStmt) stmt = NULL;
  g_autofree char *json = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (!check_view_name (name, error) || !cited_chart_settings_check (settings, error))
    return FALSE;

  json = cited_chart_settings_to_json (settings);
  stmt = prepare (self,
                  "INSERT INTO views (name, settings, created, updated) VALUES (?1, ?2, ?3, ?4)"
                  " ON CONFLICT (name) DO UPDATE SET name = excluded.name, settings = excluded.settings,"
                  "  created = CASE WHEN ?5 THEN excluded.created ELSE created END,"
                  "  updated = excluded.updated",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, name);
  bind_text (stmt, 2, json);
  sqlite3_bind_int64 (stmt, 3, settings->created > 0 ? settings->created : now);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int (stmt, 5, settings->created > 0);
  return step_done (self, stmt, error);
}

static CitedChartSettings *
view_from_row (sqlite3_stmt  *stmt,
               GError       **error)
{
  CitedChartSettings *view;

  view = cited_chart_settings_new_from_json ((const char *) sqlite3_column_text (stmt, 1), error);
  if (view == NULL)
    return NULL;
  cited_chart_settings_set_name (view, (const char *) sqlite3_column_text (stmt, 0));
  view->created = sqlite3_column_int64 (stmt, 2);
  view->updated = sqlite3_column_int64 (stmt, 3);
  return view;
}

/**
 * cited_store_list_views:
 *
 * Returns: (transfer container) (element-type CitedChartSettings): the saved
 *   views by name, or %NULL on error.
 */
GPtrArray *
cited_store_list_views (CitedStore  *self,
                        GError     **error)
{
  g_autoptr(CachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) views = NULL;
  int rc;

  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT name, settings, created, updated FROM views ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  views = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_chart_settings_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      CitedChartSettings *view = view_from_row (stmt, &local_error);

      /* A view this Cited cannot read (written by hand) does not hide the
       * others. */
      if (view == NULL)
        g_warning ("Skipping the view “%s”: %s", sqlite3_column_text (stmt, 0), local_error->message);
      else
        g_ptr_array_add (views, view);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("Could not read the saved views"));
      return NULL;
    }
  return g_steal_pointer (&views);
}

/**
 * cited_store_get_view:
 *
 * Returns: (transfer full): the view called @name, or %NULL on error.
 */
CitedChartSettings *
cited_store_get_view (CitedStore  *self,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(CachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CITED_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = prepare (self, "SELECT name, settings, created, updated FROM views WHERE name = ?", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return view_from_row (stmt, error);
  if (rc == SQLITE_DONE)
    view_not_found (error, name);
  else
    set_db_error (self, error, _("Could not read the saved views"));
  return NULL;
}

/**
 * cited_store_rename_view:
 *
 * Gives the view @name the name @new_name (which may differ from it only
 * in case).
 */
gboolean
cited_store_rename_view (CitedStore  *self,
                         const char  *name,
                         const char  *new_name,
                         GError     **error)
{
  g_autoptr(CachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!check_view_name (new_name, error))
    return FALSE;
  stmt = prepare (self, "UPDATE views SET name = ?2 WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, name);
  bind_text (stmt, 2, new_name);
  rc = sqlite3_step (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_INVALID,
                   _("A view called “%s” exists already"), new_name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return set_db_error (self, error, _("Could not rename the view"));
  if (sqlite3_changes (self->db) == 0)
    return view_not_found (error, name);
  return TRUE;
}

gboolean
cited_store_delete_view (CitedStore  *self,
                         const char  *name,
                         GError     **error)
{
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  stmt = prepare (self, "DELETE FROM views WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, name);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return view_not_found (error, name);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Brands                                                              */

/* The lexicon's brands by their names folded as g_ascii_strcasecmp()
 * compares them (the first of names equal so), to index + 1: a statistics
 * call makes a thousand brands or more, each looking its aliases up. */
static GHashTable *
lexicon_name_index (CitedLexicon *lexicon)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = cited_lexicon_get_n_brands (lexicon);

  for (guint i = 0; i < n; i++)
    {
      char *key = g_ascii_strdown (cited_lexicon_get_name (lexicon, i), -1);

      if (g_hash_table_contains (index, key))
        g_free (key);
      else
        g_hash_table_insert (index, key, GUINT_TO_POINTER (i + 1));
    }
  return index;
}

static CitedBrandStats *
brand_stats_new (CitedStore *self,
                 GHashTable *names,
                 const char *name)
{
  CitedBrandStats *stats = g_new0 (CitedBrandStats, 1);
  const char *color = cited_lexicon_color_for (self->lexicon, name);
  g_autofree char *key = g_ascii_strdown (name, -1);
  guint found = GPOINTER_TO_UINT (g_hash_table_lookup (names, key));

  stats->name = g_strdup (name);
  stats->color = g_strdup (color != NULL ? color : "#808080");
  if (found > 0)
    stats->aliases = g_strdupv ((char **) cited_lexicon_get_aliases (self->lexicon, found - 1));
  else
    stats->aliases = g_new0 (char *, 1);
  return stats;
}

static int
brand_stats_compare (gconstpointer a,
                     gconstpointer b)
{
  const CitedBrandStats *sa = *(const CitedBrandStats * const *) a;
  const CitedBrandStats *sb = *(const CitedBrandStats * const *) b;

  if (sa->mentions != sb->mentions)
    return sa->mentions > sb->mentions ? -1 : 1;
  if (sa->n_figures != sb->n_figures)
    return sa->n_figures > sb->n_figures ? -1 : 1;
  return g_utf8_collate (sa->name, sb->name);
}

/**
 * cited_store_brand_stats:
 *
 * Returns: (transfer container) (element-type CitedBrandStats): mentions,
 *   articles, share of voice and figure count per brand.
 */
GPtrArray *
cited_store_brand_stats (CitedStore  *self,
                         gboolean     include_unmentioned,
                         GError     **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_brand_stats_free);
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = lexicon_name_index (self->lexicon);
  g_autoptr(CachedStmt) mentions = NULL;
  g_autoptr(CachedStmt) figures = NULL;
  guint64 total = 0;
  guint n_mentioned;
  int rc;

  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  /* From the totals kept with every write (schema step 14), grouped as
   * article_brands' case-insensitive brand column groups. */
  mentions = prepare (self,
                      "SELECT brand, sum (mentions), sum (articles) FROM brand_totals"
                      " WHERE articles > 0 GROUP BY brand COLLATE NOCASE",
                      error);
  if (mentions == NULL)
    return NULL;
  while ((rc = sqlite3_step (mentions)) == SQLITE_ROW)
    {
      CitedBrandStats *stats = brand_stats_new (self, names, (const char *) sqlite3_column_text (mentions, 0));

      stats->mentions = sqlite3_column_int64 (mentions, 1);
      stats->articles = sqlite3_column_int64 (mentions, 2);
      total += stats->mentions;
      g_ptr_array_add (result, stats);
      g_hash_table_insert (by_name, stats->name, stats);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("Could not count brand mentions"));
      return NULL;
    }

  /* Extracted counts come from the totals; the few edited figures then
   * move their count from the extracted brand to the edited one. */
  figures = prepare (self,
                     "SELECT b, sum (n) FROM ("
                     "  SELECT brand AS b, figures AS n FROM brand_totals WHERE figures <> 0"
                     "  UNION ALL SELECT f.brand, -1 " EDITED_FIGURES_FROM " WHERE f.brand IS NOT NULL"
                     "  UNION ALL SELECT " EFFECTIVE_BRAND ", 1 " EDITED_FIGURES_FROM
                     "   WHERE e.status <> 2 AND " EFFECTIVE_BRAND " IS NOT NULL"
                     ") GROUP BY b COLLATE NOCASE HAVING sum (n) > 0",
                     error);
  if (figures == NULL)
    return NULL;
  while ((rc = sqlite3_step (figures)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (figures, 0);
      CitedBrandStats *stats = g_hash_table_lookup (by_name, name);

      if (stats == NULL)
        {
          stats = brand_stats_new (self, names, name);
          g_ptr_array_add (result, stats);
          g_hash_table_insert (by_name, stats->name, stats);
        }
      stats->n_figures = sqlite3_column_int64 (figures, 1);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("Could not count brand figures"));
      return NULL;
    }

  for (guint i = 0; i < result->len; i++)
    {
      CitedBrandStats *stats = g_ptr_array_index (result, i);

      stats->share_of_voice = total > 0 ? (double) stats->mentions / (double) total : 0.0;
    }
  g_ptr_array_sort (result, brand_stats_compare);
  n_mentioned = result->len;

  if (include_unmentioned)
    {
      guint n = cited_lexicon_get_n_brands (self->lexicon);

      for (guint i = 0; i < n; i++)
        {
          const char *name = cited_lexicon_get_name (self->lexicon, i);

          if (!g_hash_table_contains (by_name, name))
            {
              CitedBrandStats *stats = brand_stats_new (self, names, name);

              g_ptr_array_add (result, stats);
              g_hash_table_insert (by_name, stats->name, stats);
            }
        }
      /* Unmentioned brands go last, by name. */
      if (result->len > n_mentioned)
        qsort (result->pdata + n_mentioned, result->len - n_mentioned,
               sizeof (gpointer), brand_stats_compare);
    }

  return g_steal_pointer (&result);
}

/**
 * cited_store_brand_comentions:
 * @brand: a brand name or alias
 *
 * Returns: (transfer container) (element-type CitedBrandStats): the brands that
 *   appear in articles mentioning @brand; mentions and articles are the
 *   number of shared articles, share_of_voice the fraction of @brand's
 *   articles that also mention the other brand.
 */
GPtrArray *
cited_store_brand_comentions (CitedStore  *self,
                              const char  *brand,
                              GError     **error)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(CachedStmt) stmt = NULL;
  const char *canonical;
  int rc;

  g_return_val_if_fail (CITED_IS_STORE (self), NULL);
  g_return_val_if_fail (brand != NULL, NULL);

  canonical = canonical_brand (self, brand);
  /* From brand_pairs (schema step 17), a row per brand mentioned with
   * @brand, and brand_totals: what joining article_brands with itself
   * counts. */
  stmt = prepare (self,
                  "SELECT other, sum (articles) AS n,"
                  "  (SELECT coalesce (sum (articles), 0) FROM brand_totals"
                  "    WHERE brand = ?1 COLLATE NOCASE)"
                  " FROM brand_pairs WHERE brand = ?1 AND articles > 0"
                  " GROUP BY other ORDER BY n DESC, other",
                  error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, canonical);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_brand_stats_free);
  names = lexicon_name_index (self->lexicon);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CitedBrandStats *stats = brand_stats_new (self, names, (const char *) sqlite3_column_text (stmt, 0));
      guint all = sqlite3_column_int (stmt, 2);

      stats->mentions = sqlite3_column_int (stmt, 1);
      stats->articles = stats->mentions;
      stats->share_of_voice = all > 0 ? (double) stats->mentions / all : 0.0;
      g_ptr_array_add (result, stats);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("Could not count brand mentions"));
      return NULL;
    }
  return g_steal_pointer (&result);
}

static void
next_month (int *year,
            int *month)
{
  if (++*month > 12)
    {
      *month = 1;
      ++*year;
    }
}

static void
add_month_count (GPtrArray *months,
                 int        year,
                 int        month,
                 guint      n)
{
  CitedCount *count = g_new0 (CitedCount, 1);

  count->name = g_strdup_printf ("%04d-%02d", year, month);
  count->n = n;
  g_ptr_array_add (months, count);
}

/**
 * cited_store_brand_mentions_by_month:
 * @self: a store
 * @brand: a brand's name or alias
 * @error: return location for a #GError
 *
 * Counts the mentions of @brand per month of the articles' dates.
 *
 * Returns: (transfer container) (element-type CitedCount): every month
 *   from the first to the last with a mention, in order: its name
 *   "YYYY-MM" and how many mentions (0 for months without one); %NULL
 *   with @error set when the store failed
 */
GPtrArray *
cited_store_brand_mentions_by_month (CitedStore  *self,
                                     const char  *brand,
                                     GError     **error)
{
  g_autoptr(GPtrArray) months = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_count_free);
  g_autoptr(CachedStmt) stmt = NULL;
  int year = 0, month = 0;
  int rc;

  g_return_val_if_fail (CITED_IS_STORE (self), NULL);
  g_return_val_if_fail (brand != NULL, NULL);

  stmt = prepare (self,
                  "SELECT substr (a.published, 1, 7) AS m, sum (ab.n)"
                  " FROM article_brands ab JOIN articles a ON a.id = ab.article_id"
                  " WHERE ab.brand = ? AND length (a.published) >= 7"
                  " GROUP BY m ORDER BY m",
                  error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, canonical_brand (self, brand));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *m = (const char *) sqlite3_column_text (stmt, 0);
      guint count = sqlite3_column_int (stmt, 1);
      int y, mo;

      if (sscanf (m, "%4d-%2d", &y, &mo) != 2 || mo < 1 || mo > 12)
        continue;

      /* Months without a mention are zeros, so a trend chart's axis is
       * evenly spaced in time. */
      if (year != 0)
        {
          next_month (&year, &month);
          while (year < y || (year == y && month < mo))
            {
              add_month_count (months, year, month, 0);
              next_month (&year, &month);
            }
        }
      year = y;
      month = mo;
      add_month_count (months, y, mo, count);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("Could not count brand mentions"));
      return NULL;
    }
  return g_steal_pointer (&months);
}

/* ------------------------------------------------------------------ */
/* Edits                                                               */

typedef struct {
  char  *hash;
  gint64 start;
  char  *text;
} FigureKey;

static void
figure_key_clear (FigureKey *key)
{
  g_clear_pointer (&key->hash, g_free);
  g_clear_pointer (&key->text, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FigureKey, figure_key_clear)

static gboolean
lookup_figure_key (CitedStore  *self,
                   gint64       figure_id,
                   FigureKey   *key,
                   GError     **error)
{
  g_autoptr(CachedStmt) stmt = NULL;
  int rc;

  stmt = prepare (self,
                  "SELECT a.hash, f.start, f.text FROM figures f"
                  " JOIN articles a ON a.id = f.article_id WHERE f.id = ?",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, figure_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND,
                   _("There is no figure %lld"), (long long) figure_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return set_db_error (self, error, _("Could not read the figure"));

  key->hash = column_dup (stmt, 0);
  key->start = sqlite3_column_int64 (stmt, 1);
  key->text = column_dup (stmt, 2);
  return TRUE;
}

/**
 * cited_store_set_figure_edit:
 * @figure_id: a stored figure
 * @edit: the user's correction; it replaces any earlier one
 *
 * Fails with CITED_ERROR_NOT_FOUND when the figure does not exist and
 * CITED_ERROR_INVALID for an unknown status.
 */
gboolean
cited_store_set_figure_edit (CitedStore             *self,
                             gint64                  figure_id,
                             const CitedFigureEdit  *edit,
                             GError                **error)
{
  g_auto(FigureKey) key = { 0 };
  g_autoptr(CachedStmt) stmt = NULL;
  const char *brand;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

  if (edit->status != CITED_FIGURE_EXTRACTED &&
      edit->status != CITED_FIGURE_CONFIRMED &&
      edit->status != CITED_FIGURE_REJECTED)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_INVALID,
                   _("Unknown figure status %d"), (int) edit->status);
      return FALSE;
    }
  if (!isnan (edit->value) && !isfinite (edit->value))
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_INVALID,
                           _("A figure’s value must be a finite number"));
      return FALSE;
    }
  if (!isnan (edit->value) && !cited_value_in_bounds (edit->value))
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_INVALID,
                   _("A figure’s value must be at most %g in magnitude"), CITED_VALUE_MAX);
      return FALSE;
    }

  if ((edit->fields & CITED_EDIT_CURRENCY) && edit->currency != NULL &&
      (strlen (edit->currency) != 3 || !g_ascii_isupper (edit->currency[0]) ||
       !g_ascii_isupper (edit->currency[1]) || !g_ascii_isupper (edit->currency[2])))
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_INVALID,
                   _("“%s” is no currency code: use three capital letters, such as USD or CNY"),
                   edit->currency);
      return FALSE;
    }
  if ((edit->fields & CITED_EDIT_PERIOD) &&
      (edit->year < 0 || (edit->year > 0 && (edit->year < 1000 || edit->year > 9999)) ||
       edit->quarter < 0 || edit->quarter > 4 || (edit->quarter > 0 && edit->year == 0)))
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_INVALID,
                           _("A period is a year of four digits, with a quarter from 1 to 4 or none"));
      return FALSE;
    }

  if (!lookup_figure_key (self, figure_id, &key, error))
    return FALSE;

  brand = edit->brand;
  if (brand != NULL && *brand != '\0')
    brand = canonical_brand (self, brand);

  stmt = prepare (self,
                  "INSERT OR REPLACE INTO figure_edits"
                  " (article_hash, start, text, value, brand, metric, status, fields, unit, currency,"
                  "  qualifier, scope, year, quarter, measure, change_kind, span, claim_status)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key.hash);
  sqlite3_bind_int64 (stmt, 2, key.start);
  bind_text (stmt, 3, key.text);
  bind_double (stmt, 4, edit->value);
  bind_text (stmt, 5, brand);
  bind_text (stmt, 6, edit->metric);
  sqlite3_bind_int (stmt, 7, edit->status);
  sqlite3_bind_int (stmt, 8, edit->fields);
  bind_text (stmt, 9, edit->fields & CITED_EDIT_UNIT ? edit->unit : NULL);
  bind_text (stmt, 10, edit->fields & CITED_EDIT_CURRENCY ? edit->currency : NULL);
  bind_text (stmt, 11, edit->fields & CITED_EDIT_QUALIFIER ? edit->qualifier : NULL);
  bind_text (stmt, 12, edit->fields & CITED_EDIT_SCOPE ? edit->scope : NULL);
  sqlite3_bind_int (stmt, 13, edit->fields & CITED_EDIT_PERIOD ? MAX (edit->year, 0) : 0);
  sqlite3_bind_int (stmt, 14, edit->fields & CITED_EDIT_PERIOD ? CLAMP (edit->quarter, 0, 4) : 0);
  bind_text (stmt, 15, edit->fields & CITED_EDIT_MEASURE ? edit->measure : NULL);
  sqlite3_bind_int (stmt, 16, edit->change);
  sqlite3_bind_int (stmt, 17, edit->span);
  sqlite3_bind_int (stmt, 18, edit->claim_status);
  if (!step_done (self, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, cached_stmt_release);
  /* A company the user names in a correction becomes one of the user's
   * brands, on the Brands page with the others. */
  if (brand != NULL && *brand != '\0' && cited_lexicon_lookup (self->lexicon, brand) == NULL)
    return cited_store_add_brand (self, brand, NULL, NULL, error);
  return TRUE;
}

static gboolean
set_status_only (CitedStore         *self,
                 gint64              figure_id,
                 CitedFigureStatus   status,
                 GError            **error)
{
  g_auto(FigureKey) key = { 0 };
  g_autoptr(CachedStmt) stmt = NULL;

  if (!lookup_figure_key (self, figure_id, &key, error))
    return FALSE;
  /* The status changes; a value, brand or metric the user set stays. */
  stmt = prepare (self,
                  "INSERT INTO figure_edits (article_hash, start, text, status)"
                  " VALUES (?, ?, ?, ?)"
                  " ON CONFLICT (article_hash, start, text) DO UPDATE SET status = excluded.status",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key.hash);
  sqlite3_bind_int64 (stmt, 2, key.start);
  bind_text (stmt, 3, key.text);
  sqlite3_bind_int (stmt, 4, status);
  return step_done (self, stmt, error);
}

/**
 * cited_store_judge_figures:
 * @confirm: (element-type gint64) (nullable): figures the user holds right
 * @reject: (element-type gint64) (nullable): figures the user holds wrong
 *
 * Confirms and rejects figures in one transaction, keeping whatever else
 * the user corrected in them. Like every edit, the judgement is keyed by
 * the article's text and survives re-extraction and re-import. Fails with
 * CITED_ERROR_NOT_FOUND, changing nothing, when a figure does not exist.
 */
gboolean
cited_store_judge_figures (CitedStore  *self,
                           GArray      *confirm,
                           GArray      *reject,
                           GError     **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  if (!begin (self, error))
    return FALSE;
  for (guint i = 0; confirm != NULL && i < confirm->len; i++)
    if (!set_status_only (self, g_array_index (confirm, gint64, i), CITED_FIGURE_CONFIRMED, error))
      {
        rollback (self);
        return FALSE;
      }
  for (guint i = 0; reject != NULL && i < reject->len; i++)
    if (!set_status_only (self, g_array_index (reject, gint64, i), CITED_FIGURE_REJECTED, error))
      {
        rollback (self);
        return FALSE;
      }
  if (!commit (self, error))
    {
      rollback (self);
      return FALSE;
    }
  return TRUE;
}

/**
 * cited_store_clear_figure_edit:
 *
 * Drops the user's edit of a figure, which then shows what the extractor
 * found. Fails with CITED_ERROR_NOT_FOUND when the figure does not exist.
 */
gboolean
cited_store_clear_figure_edit (CitedStore  *self,
                               gint64       figure_id,
                               GError     **error)
{
  g_auto(FigureKey) key = { 0 };
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  if (!lookup_figure_key (self, figure_id, &key, error))
    return FALSE;

  stmt = prepare (self,
                  "DELETE FROM figure_edits WHERE article_hash = ? AND start = ? AND text = ?",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key.hash);
  sqlite3_bind_int64 (stmt, 2, key.start);
  bind_text (stmt, 3, key.text);
  return step_done (self, stmt, error);
}

/* ------------------------------------------------------------------ */
/* Feeds                                                               */

void
cited_feed_free (CitedFeed *feed)
{
  if (feed == NULL)
    return;
  g_free (feed->url);
  g_free (feed->moved_to);
  g_free (feed->title);
  g_free (feed->etag);
  g_free (feed->last_modified);
  g_free (feed->last_error);
  g_free (feed);
}

/**
 * cited_feed_copy:
 * Returns: (transfer full): a copy of @feed
 */
CitedFeed *
cited_feed_copy (const CitedFeed *feed)
{
  CitedFeed *copy = g_new (CitedFeed, 1);

  *copy = *feed;
  copy->url = g_strdup (feed->url);
  copy->moved_to = g_strdup (feed->moved_to);
  copy->title = g_strdup (feed->title);
  copy->etag = g_strdup (feed->etag);
  copy->last_modified = g_strdup (feed->last_modified);
  copy->last_error = g_strdup (feed->last_error);
  return copy;
}

G_DEFINE_BOXED_TYPE (CitedFeed, cited_feed, cited_feed_copy, cited_feed_free)

const char *
cited_feed_get_fetch_url (const CitedFeed *feed)
{
  g_return_val_if_fail (feed != NULL, NULL);

  return feed->moved_to != NULL ? feed->moved_to : feed->url;
}

#define FEED_COLUMNS \
  "id, url, moved_to, title, etag, last_modified, last_success, last_attempt," \
  " last_error, not_before, n_items, full_text"

static CitedFeed *
feed_from_row (sqlite3_stmt *stmt)
{
  CitedFeed *feed = g_new0 (CitedFeed, 1);

  feed->id = sqlite3_column_int64 (stmt, 0);
  feed->url = column_dup (stmt, 1);
  feed->moved_to = column_dup (stmt, 2);
  feed->title = column_dup (stmt, 3);
  feed->etag = column_dup (stmt, 4);
  feed->last_modified = column_dup (stmt, 5);
  feed->last_success = sqlite3_column_int64 (stmt, 6);
  feed->last_attempt = sqlite3_column_int64 (stmt, 7);
  feed->last_error = column_dup (stmt, 8);
  feed->not_before = sqlite3_column_int64 (stmt, 9);
  feed->n_items = (guint) sqlite3_column_int64 (stmt, 10);
  feed->full_text = sqlite3_column_int (stmt, 11) != 0;
  return feed;
}

/**
 * cited_store_add_feed:
 * @url: the feed's address
 * @title: (nullable): its title, when known
 * @id: (out) (optional): the new subscription's id
 *
 * Subscribes to a feed. Fails with CITED_ERROR_INVALID when @url is
 * subscribed already (as it is or as where it moved to).
 */
gboolean
cited_store_add_feed (CitedStore  *self,
                      const char  *url,
                      const char  *title,
                      gint64      *id,
                      GError     **error)
{
  g_autoptr(CitedFeed) existing = NULL;
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  existing = cited_store_find_feed (self, url, NULL);
  if (existing != NULL && (g_str_equal (existing->url, url) ||
                           g_strcmp0 (existing->moved_to, url) == 0))
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_INVALID,
                   _("You are subscribed to %s already"), url);
      return FALSE;
    }
  stmt = prepare (self, "INSERT INTO feeds (url, title, added) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, url);
  bind_text (stmt, 2, title);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (id != NULL)
    *id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/**
 * cited_store_list_feeds:
 *
 * Returns: (transfer container) (element-type CitedFeed): every subscription,
 *   by title (the address when it has none), or %NULL on error
 */
GPtrArray *
cited_store_list_feeds (CitedStore  *self,
                        GError     **error)
{
  g_autoptr(CachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  int rc;

  g_return_val_if_fail (CITED_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT " FEED_COLUMNS " FROM feeds"
                  " ORDER BY coalesce (title, url) COLLATE NOCASE, url", error);
  if (stmt == NULL)
    return NULL;
  feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_feed_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (feeds, feed_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("Could not read the feeds"));
      return NULL;
    }
  return g_steal_pointer (&feeds);
}

/**
 * cited_store_find_feed:
 * @name: an address (as subscribed or as moved to) or a title
 *
 * Returns: (transfer full): the subscription, or %NULL with
 *   CITED_ERROR_NOT_FOUND
 */
CitedFeed *
cited_store_find_feed (CitedStore  *self,
                       const char  *name,
                       GError     **error)
{
  g_autoptr(CachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CITED_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* An address wins over a title that happens to read the same. */
  stmt = prepare (self, "SELECT " FEED_COLUMNS " FROM feeds"
                  " WHERE url = ?1 OR moved_to = ?1 OR title = ?1 COLLATE NOCASE"
                  " ORDER BY url = ?1 OR moved_to = ?1 DESC, id LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return feed_from_row (stmt);
  if (rc != SQLITE_DONE)
    set_db_error (self, error, _("Could not read the feeds"));
  else
    g_set_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND,
                 _("No feed with the address or title “%s”"), name);
  return NULL;
}

/* Runs @sql, which changes the feed ?1 (to ?2 or ?3, binding what it
 * does not use is harmless), and fails with CITED_ERROR_NOT_FOUND when
 * there is no such feed. */
static gboolean
change_feed (CitedStore  *self,
             const char  *sql,
             gint64       id,
             const char  *text,
             gint64       number,
             GError     **error)
{
  g_autoptr(CachedStmt) stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, text);
  sqlite3_bind_int64 (stmt, 3, number);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_NOT_FOUND,
                           _("The feed is not subscribed to any more"));
      return FALSE;
    }
  return TRUE;
}

gboolean
cited_store_remove_feed (CitedStore  *self,
                         gint64       id,
                         GError     **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  return change_feed (self, "DELETE FROM feeds WHERE id = ?1",
                      id, NULL, 0, error);
}

/* Renames a subscription; an empty @title gives it back the feed's own. */
gboolean
cited_store_rename_feed (CitedStore  *self,
                         gint64       id,
                         const char  *title,
                         GError     **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  return change_feed (self, "UPDATE feeds SET title = nullif (?2, '') WHERE id = ?1",
                      id, title, 0, error);
}

gboolean
cited_store_set_feed_full_text (CitedStore  *self,
                                gint64       id,
                                gboolean     full_text,
                                GError     **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  return change_feed (self, "UPDATE feeds SET full_text = ?3 WHERE id = ?1",
                      id, NULL, full_text ? 1 : 0, error);
}

static gboolean feed_item_known (CitedStore *self, const char * const *keys, gboolean *known,
                                 GError **error);

/**
 * cited_store_knows_feed_item:
 * @keys: an item's identities, as in #CitedFeedUpdate
 * @known: (out): whether one of them names an item stored already
 */
gboolean
cited_store_knows_feed_item (CitedStore          *self,
                             const char * const  *keys,
                             gboolean            *known,
                             GError             **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);

  return feed_item_known (self, keys, known, error);
}

/* Whether any of @keys names an item stored already. */
static gboolean
feed_item_known (CitedStore          *self,
                 const char * const  *keys,
                 gboolean            *known,
                 GError             **error)
{
  *known = FALSE;
  for (guint i = 0; keys != NULL && keys[i] != NULL && !*known; i++)
    {
      g_autoptr(CachedStmt) stmt = prepare (self, "SELECT 1 FROM feed_items WHERE key = ?", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, keys[i]);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return set_db_error (self, error, _("Could not read the feeds"));
      *known = rc == SQLITE_ROW;
    }
  return TRUE;
}

static gboolean
remember_feed_item (CitedStore          *self,
                    gint64               id,
                    const char * const  *keys,
                    GError             **error)
{
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autoptr(CachedStmt) stmt = prepare (self, "INSERT OR IGNORE INTO feed_items (key, feed_id)"
                                            " VALUES (?, ?)", error);

      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, keys[i]);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Stores the articles of @update not known by their identities, with
 * their @extractions, and remembers the identities of all of them. */
static gboolean
store_feed_items (CitedStore             *self,
                  gint64                  id,
                  const CitedFeedUpdate  *update,
                  GPtrArray              *extractions,
                  guint                  *n_added,
                  gboolean               *stale,
                  GError                **error)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  g_autoptr(GPtrArray) fresh_extractions = g_ptr_array_new ();
  guint n_duplicates = 0;

  if (update->articles == NULL)
    return TRUE;
  for (guint i = 0; i < update->articles->len; i++)
    {
      const char * const *keys = update->keys ? g_ptr_array_index (update->keys, i) : NULL;
      gboolean known = FALSE;

      if (!feed_item_known (self, keys, &known, error))
        return FALSE;
      if (!known)
        {
          g_ptr_array_add (fresh, g_ptr_array_index (update->articles, i));
          g_ptr_array_add (fresh_extractions, g_ptr_array_index (extractions, i));
        }
    }
  if (!add_articles_locked (self, fresh, fresh_extractions, NULL, n_added, &n_duplicates, stale,
                            error))
    return FALSE;
  if (*stale)
    return TRUE;
  for (guint i = 0; update->keys != NULL && i < update->keys->len; i++)
    if (!remember_feed_item (self, id, g_ptr_array_index (update->keys, i), error))
      return FALSE;
  return TRUE;
}

static gboolean
record_feed_state (CitedStore             *self,
                   gint64                  id,
                   const CitedFeedUpdate  *update,
                   guint                   n_added,
                   GError                **error)
{
  g_autoptr(CachedStmt) stmt = NULL;
  gboolean ok = update->error == NULL;

  stmt = prepare (self,
                  "UPDATE feeds SET last_attempt = ?2, not_before = ?3,"
                  "  moved_to = coalesce (?4, moved_to), last_error = ?5,"
                  "  last_success = CASE WHEN ?6 THEN ?2 ELSE last_success END,"
                  "  etag = CASE WHEN ?6 AND NOT ?7 THEN ?8 ELSE etag END,"
                  "  last_modified = CASE WHEN ?6 AND NOT ?7 THEN ?9 ELSE last_modified END,"
                  "  title = coalesce (title, ?10), n_items = n_items + ?11"
                  " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 3, update->not_before);
  bind_text (stmt, 4, update->moved_to);
  bind_text (stmt, 5, update->error);
  sqlite3_bind_int (stmt, 6, ok);
  sqlite3_bind_int (stmt, 7, update->not_modified);
  bind_text (stmt, 8, update->etag);
  bind_text (stmt, 9, update->last_modified);
  bind_text (stmt, 10, ok ? update->title : NULL);
  sqlite3_bind_int64 (stmt, 11, n_added);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_NOT_FOUND,
                           _("The feed is not subscribed to any more"));
      return FALSE;
    }
  return TRUE;
}

/**
 * cited_store_update_feed:
 * @id: the subscription
 * @update: what its refresh found
 * @n_added: (out) (optional): articles stored
 *
 * Records a refresh of a feed in one transaction: the articles not stored
 * before (by identity or by text) are extracted (by the process's
 * extraction scheduler, before the transaction) and stored as imported
 * ones, and the feed's state follows. On failure nothing is written.
 */
gboolean
cited_store_update_feed (CitedStore             *self,
                         gint64                  id,
                         const CitedFeedUpdate  *update,
                         guint                  *n_added,
                         GError                **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);
  g_return_val_if_fail (update != NULL, FALSE);
  g_return_val_if_fail (update->keys == NULL || update->articles == NULL ||
                        update->keys->len == update->articles->len, FALSE);

  if (n_added != NULL)
    *n_added = 0;
  return cited_scheduler_update_feed (cited_scheduler_get_default (), self, id, update,
                                      n_added, error);
}

/* See cited-store-private.h. */
gboolean
cited_store_update_feed_extracted (CitedStore             *self,
                                   gint64                  id,
                                   const CitedFeedUpdate  *update,
                                   GPtrArray              *extractions,
                                   gint64                  generation,
                                   gboolean               *stale,
                                   guint                  *n_added,
                                   GError                **error)
{
  guint added = 0;
  gboolean store_items = update->error == NULL && update->articles != NULL;

  g_return_val_if_fail (CITED_IS_STORE (self), FALSE);
  g_return_val_if_fail (!store_items || extractions->len == update->articles->len, FALSE);

  *stale = FALSE;
  if (!begin (self, error))
    return FALSE;
  if ((store_items && (!check_generation (self, generation, stale, error) ||
                       (!*stale && !store_feed_items (self, id, update, extractions, &added,
                                                      stale, error)))) ||
      (!*stale && (!record_feed_state (self, id, update, added, error) ||
                   !commit (self, error))))
    {
      rollback (self);
      clear_article_ids (update->articles);
      return FALSE;
    }
  if (*stale)
    {
      rollback (self);
      clear_article_ids (update->articles);
      return TRUE;
    }
  if (n_added != NULL)
    *n_added = added;
  return TRUE;
}
