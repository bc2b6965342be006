/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <math.h>
#include <string.h>

#include "cited-extract-en-private.h"

const char *
mention_brand (Sentence *S,
               guint     k)
{
  return S->ctx->mentions[S->m_first + k].brand;
}

static guint
mention_token (Sentence *S,
               guint     k)
{
  return g_array_index (S->mention_tokens, guint, k);
}


/* The last brand mentioned before token @tok in this sentence, else the
 * previous sentence's. */
static const char *
antecedent (Sentence *S,
            guint     tok)
{
  const char *brand = NULL;

  for (guint k = 0; k < S->mention_tokens->len; k++)
    if (mention_token (S, k) < tok && !is_modifier_mention (S, mention_token (S, k)))
      brand = mention_brand (S, k);
  return brand ? brand : S->ctx->prev_brand;
}

/* "Lenovo-owned", "Google-backed": a brand used as a modifier, not a
 * subject. */
gboolean
is_modifier_mention (Sentence *S,
                     guint     k)
{
  static const char * const words[] = {
    "owned", "backed", "based", "made", "controlled", "listed", "funded", NULL,
  };
  guint j = k;

  if (TOK (S, k)->mention < 0)
    return FALSE;
  while (j + 1 < S->tokens->len && TOK (S, j + 1)->mention == TOK (S, k)->mention)
    j++;
  if (j + 2 >= S->tokens->len || !is_dash (TOK (S, j + 1)) || !TOK (S, j + 1)->glued)
    return FALSE;
  for (guint i = 0; words[i]; i++)
    if (is_word (S, TOK (S, j + 2), words[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_third_party_word (Sentence    *S,
                     const Token *t)
{
  static const char * const words[] = {
    "research", "analyst", "analysts", "consulting", "consultancy", "data", "rating", NULL,
  };
  guint len = t->end - t->start;
  guchar first;

  /* Most words are passed over by their length and first letter. */
  if (t->type != T_WORD || len < 4 || len > 11)
    return FALSE;
  first = lower (S->body[t->start]);
  if (first != 'r' && first != 'a' && first != 'c' && first != 'd')
    return FALSE;
  for (guint i = 0; words[i]; i++)
    if (is_word (S, t, words[i]))
      return TRUE;
  return FALSE;
}

/* "the 5 million analysts had expected": a forecast by others follows. */
gboolean
others_expected_at (Sentence *S,
                    guint     k)
{
  static const char * const verbs[] = {
    "had", "expected", "forecast", "predicted", "estimated", "were", "expect", NULL,
  };

  if (k + 1 >= S->tokens->len ||
      (!is_third_party_word (S, TOK (S, k)) && !is_word (S, TOK (S, k), "economists")))
    return FALSE;
  for (guint i = 0; verbs[i]; i++)
    if (is_word (S, TOK (S, k + 1), verbs[i]))
      return TRUE;
  return FALSE;
}

gboolean
is_pronoun_at (Sentence *S,
               guint     k)
{
  Token *t = TOK (S, k);

  if (t->type != T_WORD)
    return FALSE;
  if (tok_has (t, W_PRONOUN))
    return TRUE;
  /* "the company", "the firm", "the Finnish network maker"; not "the
   * research firm", which is someone else, nor "The Inter-American
   * Development Bank", a name of its own. */
  if (tok_has (t, W_COMPANY) &&
      (k + 1 >= S->tokens->len || TOK (S, k + 1)->mention < 0) &&
      !(t->cap && k > 0 && TOK (S, k - 1)->type == T_WORD && TOK (S, k - 1)->cap &&
        !tok_has (TOK (S, k - 1), W_THE)))
    {
      for (guint q = k; q > 0 && k - q < 6; q--)
        {
          Token *b = TOK (S, q - 1);

          if (b->type == T_PUNCT && is_dash (b) && b->glued)
            continue;     /* "the Lenovo-owned brand" */
          if (b->type != T_WORD || (b->mention >= 0 && !is_modifier_mention (S, q - 1)) ||
              is_third_party_word (S, b))
            break;
          /* "the central bank", "the federal regulator": a public body. */
          if (tok_has (b, W_PUBLIC))
            return FALSE;
          if (tok_has (b, W_THE))
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
has_inner_capital (Sentence    *S,
                   const Token *t)
{
  for (guint k = t->start + 1; k < t->end; k++)
    if (g_ascii_isupper (S->body[k]))
      return TRUE;
  return FALSE;
}

/* A company or person not in the lexicon may be the clause's subject
 * ("TimeWarner said sales rose", "President Trump threatened a 50% tariff"):
 * then a brand elsewhere is no guess. */
/* Whether the word @t is the first word of a company named in the text. */
static gboolean
starts_a_mention (Sentence    *S,
                  const Token *t)
{
  guint len = t->end - t->start;

  for (guint m = 0; m < S->ctx->n_mentions; m++)
    {
      const CitedMention *mention = &S->ctx->mentions[m];

      if (mention->end - mention->start > len &&
          g_ascii_strncasecmp (S->body + mention->start, S->body + t->start, len) == 0 &&
          !g_ascii_isalnum (S->body[mention->start + len]))
        return TRUE;
    }
  return FALSE;
}

static gboolean
other_subject (Sentence        *S,
               const Candidate *c)
{
  guint16 clause = TOK (S, c->first)->clause;

  for (guint k = 0; k < c->first; k++)
    {
      Token *t = TOK (S, k);
      Token *nx = k + 1 < S->tokens->len ? TOK (S, k + 1) : NULL;

      if (t->clause != clause || t->type != T_WORD || t->mention >= 0)
        continue;
      /* "Analysts said", "the research firm said" */
      if (is_third_party_word (S, t))
        return TRUE;
      if (!t->cap || t->w != NULL || t->wx != NULL)
        continue;
      /* "Kaske said turnover rose", "Kaske told shareholders that ...": a
       * speaker, not what the figure is about; not "Sumitomo said" beside
       * "Sumitomo Mitsui", a name of a company in part */
      if (nx != NULL && (is_word (S, nx, "said") || is_word (S, nx, "says") ||
                         is_word (S, nx, "told") || is_word (S, nx, "added")) &&
          !starts_a_mention (S, t))
        continue;
      /* Inside the sentence a capital marks a name; at its start only a
       * name like "TimeWarner" or one followed by a verb ("Ericsson cut"),
       * not a word that is never a name ("Despite making a record profit")
       * nor one that names nothing alone before what a company measures
       * ("Total sales were", "Gross profit reached"; "Consumer spending"
       * and "Mobile games" are a market's). */
      if (k == 0 && discover_is_common_word (S->body + t->start, t->end - t->start,
                                             nx != NULL && nx->type == T_WORD &&
                                             is_company_metric (nx->w != NULL ? nx->w->metric : NULL)))
        continue;
      if (k > 0 || has_inner_capital (S, t) ||
          (nx != NULL && nx->type == T_WORD && !nx->cap && !tok_has (nx, W_STOP) && !nx->glued))
        return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Brand rules: an ordered table; the first rule that does not pass decides */

typedef struct {
  Sentence        *S;
  const Candidate *c;
  const char      *metric;
  guint16          clause;
  guint16          segment;
} BrandQuery;

typedef CitedRuleVerdict (*BrandRule) (const BrandQuery *q,
                                       const char      **brand);

static CitedRuleVerdict
this_brand (const char **brand,
            const char  *which)
{
  *brand = which;
  return which != NULL ? CITED_RULE_BRAND : CITED_RULE_NO_BRAND;
}

static CitedRuleVerdict
mention_at (const BrandQuery *q,
            guint             tok,
            const char      **brand)
{
  return this_brand (brand, mention_brand (q->S, TOK (q->S, tok)->mention));
}

/* "Apple and Samsung sold 50 million and 40 million phones respectively":
 * the figures of the sentence go to the companies named before its first
 * figure, in order. */
static CitedRuleVerdict
rule_respectively (const BrandQuery *q,
                   const char      **brand)
{
  Sentence *S = q->S;
  guint first = S->n_figures == 0 ? q->c->first : S->first_figure_token;
  guint index = S->n_figures;
  const char *named[8];
  guint n_named = 0;
  gboolean respectively = FALSE;

  /* Looked for once per sentence. */
  if (S->respectively_at == 0)
    {
      S->respectively_at = G_MAXUINT;
      for (guint k = 0; k < S->tokens->len; k++)
        if (is_word (S, TOK (S, k), "respectively"))
          S->respectively_at = k + 1;
    }
  respectively = S->respectively_at != G_MAXUINT && S->respectively_at > q->c->last + 1;
  if (!respectively)
    return CITED_RULE_PASS;
  for (guint k = 0; k < first && n_named < G_N_ELEMENTS (named); k++)
    {
      Token *t = TOK (S, k);
      const char *b;

      if (t->mention < 0 || (k > 0 && TOK (S, k - 1)->mention == t->mention) ||
          is_modifier_mention (S, k))
        continue;
      b = mention_brand (S, t->mention);
      if (n_named == 0 || named[n_named - 1] != b)
        named[n_named++] = b;
    }
  if (n_named < 2 || index >= n_named)
    return CITED_RULE_PASS;
  return this_brand (brand, named[index]);
}

/* "T-Mobile, the third largest operator", "Xiaomi, which sold", "The
 * Finnish network maker, which has 86,000 employees": the name before the
 * apposition. */
static CitedRuleVerdict
rule_apposition (const BrandQuery *q,
                 const char      **brand)
{
  Sentence *S = q->S;
  guint g0 = q->c->first;

  while (g0 > 0 && TOK (S, g0 - 1)->segment == q->segment)
    g0--;
  if (g0 < 1 || g0 + 1 >= q->c->first ||
      !(is_punct (TOK (S, g0), ',') || is_punct (TOK (S, g0), 0xFF0C)) ||
      !tok_has (TOK (S, g0 + 1), W_APPOS))
    return CITED_RULE_PASS;
  for (guint k = g0 + 1; k < q->c->first; k++)
    if (TOK (S, k)->mention >= 0)
      return CITED_RULE_PASS;
  if (TOK (S, g0 - 1)->mention >= 0)
    return mention_at (q, g0 - 1, brand);
  if (is_pronoun_at (S, g0 - 1))
    return this_brand (brand, antecedent (S, g0 - 1));
  return CITED_RULE_PASS;
}

/* "beat the 5 million analysts had expected": others' forecasts are no
 * company's figures. */
static CitedRuleVerdict
rule_others_forecast (const BrandQuery *q,
                      const char      **brand)
{
  return others_expected_at (q->S, q->c->last + 1) ? CITED_RULE_NO_BRAND : CITED_RULE_PASS;
}

/* "Apple took 24% and Xiaomi 21%": a name right before a share or an
 * amount. */
static CitedRuleVerdict
rule_name_before_amount (const BrandQuery *q,
                         const char      **brand)
{
  const Candidate *c = q->c;

  if (c->first < 1 || TOK (q->S, c->first - 1)->mention < 0 || c->rank ||
      !(g_strcmp0 (c->unit, "%") == 0 || c->currency != NULL || TOK (q->S, c->last)->type == T_WORD))
    return CITED_RULE_PASS;
  return mention_at (q, c->first - 1, brand);
}

/* "followed by Xiaomi with 7.6 million and vivo at 7.2 million" */
static CitedRuleVerdict
rule_name_with_amount (const BrandQuery *q,
                       const char      **brand)
{
  Sentence *S = q->S;
  guint first = q->c->first;

  if (first < 2 || TOK (S, first - 2)->mention < 0 ||
      !(is_word (S, TOK (S, first - 1), "with") || is_word (S, TOK (S, first - 1), "at")))
    return CITED_RULE_PASS;
  return mention_at (q, first - 2, brand);
}

/* "No. 2 is Samsung" */
static CitedRuleVerdict
rule_rank_is_name (const BrandQuery *q,
                   const char      **brand)
{
  Sentence *S = q->S;
  guint last = q->c->last;

  if (!q->c->rank || last + 2 >= S->tokens->len ||
      !(is_word (S, TOK (S, last + 1), "is") || is_word (S, TOK (S, last + 1), "was")) ||
      TOK (S, last + 2)->mention < 0)
    return CITED_RULE_PASS;
  return mention_at (q, last + 2, brand);
}

/* "vivo, OPPO and Xiaomi are": a bare item of a list after its head
 * (not "10.3 million iPads, Samsung"). */
static gboolean
is_list_item (Sentence *S,
              guint     k)
{
  return k >= 2 && (is_punct (TOK (S, k - 1), ',') || is_punct (TOK (S, k - 1), 0x3001)) &&
         TOK (S, k - 2)->mention >= 0 &&
         (k < 3 || TOK (S, k - 3)->type == T_PUNCT || TOK (S, k - 3)->mention >= 0 ||
          tok_has (TOK (S, k - 3), W_STOP | W_CONJ));
}

/* The subject found at token @k: a name (or the possessive closer to the
 * figure: "beat Apple's 50 million"), or a pronoun's antecedent ("Its
 * parent OPPO employs ...": the name after the possessive). */
static CitedRuleVerdict
subject_at (const BrandQuery *q,
            guint             k,
            const char      **brand)
{
  Sentence *S = q->S;
  Token *t = TOK (S, k);

  if (t->mention >= 0)
    {
      for (guint p = k + 1; p < q->c->first; p++)
        if (TOK (S, p)->mention >= 0 && TOK (S, p)->poss && TOK (S, p)->segment == q->segment &&
            TOK (S, p)->mention != t->mention && q->c->first - p <= 4)
          return mention_at (q, p, brand);
      return mention_at (q, k, brand);
    }
  if (is_word (S, t, "its") || is_word (S, t, "their"))
    for (guint p = k + 1; p < q->c->first && p <= k + 3; p++)
      if (TOK (S, p)->mention >= 0)
        return mention_at (q, p, brand);
  return this_brand (brand, antecedent (S, k));
}

/* "according to Gartner", "a survey by Goldman Sachs", "figures from
 * Nielsen": the name at @k is a source, not the figure's subject. */
static gboolean
is_source_mention (Sentence *S,
                   guint     k)
{
  static const char * const works[] = {
    "survey", "research", "study", "report", "poll", "analysis", "figures", "data", "estimates",
  };
  guint p = k;

  /* the mention's first token */
  while (p > 0 && TOK (S, p - 1)->mention == TOK (S, k)->mention)
    p--;
  if (p >= 2 && is_word (S, TOK (S, p - 1), "to") && is_word (S, TOK (S, p - 2), "according"))
    return TRUE;
  if (p >= 2 && (is_word (S, TOK (S, p - 1), "by") || is_word (S, TOK (S, p - 1), "from")))
    for (guint w = 0; w < G_N_ELEMENTS (works); w++)
      if (is_word (S, TOK (S, p - 2), works[w]))
        return TRUE;
  return FALSE;
}

/* Where what a source reports begins: the token after "that" in
 * "research showing that ...", "found that ...", "estimates that ..."
 * before the figure of @q in its clause; 0 when there is none. */
static guint
reported_start (const BrandQuery *q)
{
  static const char * const verbs[] = {
    "showing", "shows", "showed", "shown", "found", "finds", "suggests", "suggested",
    "estimates", "estimated", "concluded", "reveals", "revealed", "indicates", "indicated",
  };
  Sentence *S = q->S;

  for (guint k = q->c->first; k-- > 1;)
    {
      if (TOK (S, k)->clause != q->clause)
        break;
      if (!is_word (S, TOK (S, k), "that"))
        continue;
      for (guint v = 0; v < G_N_ELEMENTS (verbs); v++)
        if (is_word (S, TOK (S, k - 1), verbs[v]))
          return k + 1;
    }
  return 0;
}

/* "the OnePlus 12 costs $799", "It sold 5 million": the first brand or
 * pronoun before the figure, in its own comma segment if there is one
 * there, else in the clause; in what a source reports ("Goldman Sachs
 * produced research showing that M&S goods are 11% dearer"), a name
 * there is the subject, not the source. */
static CitedRuleVerdict
rule_clause_subject (const BrandQuery *q,
                     const char      **brand)
{
  Sentence *S = q->S;
  guint from = reported_start (q);

  for (guint k = from; from > 0 && k < q->c->first; k++)
    if (TOK (S, k)->mention >= 0)
      return mention_at (q, k, brand);
  for (guint pass = 0; pass < 2; pass++)
    for (guint k = 0; k < q->c->first; k++)
      {
        Token *t = TOK (S, k);

        if (t->clause != q->clause || (pass == 0 && t->segment != q->segment))
          continue;
        if (t->mention >= 0 && (is_modifier_mention (S, k) || is_source_mention (S, k)))
          continue;
        if (pass == 0 && t->mention >= 0 && is_list_item (S, k))
          break;
        if (t->mention >= 0 ||
            ((tok_flags (t) & (W_PRONOUN | W_COMPANY)) && is_pronoun_at (S, k)))
          return subject_at (q, k, brand);
      }
  return CITED_RULE_PASS;
}

/* "sales of 10 million for Xiaomi": a name just after the figure in its
 * segment. */
static CitedRuleVerdict
rule_name_after_figure (const BrandQuery *q,
                        const char      **brand)
{
  Sentence *S = q->S;

  for (guint k = q->c->last + 1; k < S->tokens->len && k <= q->c->last + 5; k++)
    {
      Token *t = TOK (S, k);

      if (t->segment != q->segment)
        break;
      if (t->mention >= 0)
        return mention_at (q, k, brand);
    }
  return CITED_RULE_PASS;
}

/* "The smartphone market grew 5%", "a population of 1.4 billion":
 * market-wide figures belong to no brand. */
static CitedRuleVerdict
rule_market_wide (const BrandQuery *q,
                  const char      **brand)
{
  Sentence *S = q->S;

  if (q->metric != NULL && strcmp (q->metric, "population") == 0)
    return CITED_RULE_NO_BRAND;
  /* "above $30 a barrel", "$430 an ounce": a commodity's price */
  if (q->c->currency != NULL && q->c->last + 2 < S->tokens->len &&
      (is_word (S, TOK (S, q->c->last + 1), "a") || is_word (S, TOK (S, q->c->last + 1), "an") ||
       is_word (S, TOK (S, q->c->last + 1), "per")))
    {
      static const char * const measures[] = { "barrel", "ounce", "tonne", "ton", "bushel", "pound" };
      Token *m = TOK (S, q->c->last + 2);

      for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
        if (is_word (S, m, measures[i]))
          return CITED_RULE_NO_BRAND;
    }
  for (guint k = 0; k < q->c->first; k++)
    {
      Token *t = TOK (S, k);

      if (t->clause == q->clause && t->type == T_WORD && tok_has (t, W_MARKET))
        return CITED_RULE_NO_BRAND;
    }
  return CITED_RULE_PASS;
}

/* "More than 120 experts were in Nice ... such as Nokia", "TimeWarner said
 * sales rose 5%": further out, only figures of a known kind, with no other
 * name as their subject, are a company's to claim. */
static CitedRuleVerdict
rule_other_subject (const BrandQuery *q,
                    const char      **brand)
{
  return other_subject (q->S, q->c) || q->metric == NULL ? CITED_RULE_NO_BRAND : CITED_RULE_PASS;
}

/* "Sales reached 5 million, Xiaomi said": the nearest name in the
 * sentence. */
static CitedRuleVerdict
rule_nearest_mention (const BrandQuery *q,
                      const char      **brand)
{
  Sentence *S = q->S;
  const char *nearest = NULL;
  guint nearest_d = G_MAXUINT;

  for (guint k = 0; k < S->mention_tokens->len; k++)
    {
      guint tok = mention_token (S, k);
      guint d = tok < q->c->first ? q->c->first - tok : tok - q->c->last;

      /* "according to a survey by Goldman Sachs, online sales surged" */
      if (is_source_mention (S, tok))
        continue;
      if (d < nearest_d)
        {
          nearest_d = d;
          nearest = mention_brand (S, k);
        }
    }
  return nearest != NULL ? this_brand (brand, nearest) : CITED_RULE_PASS;
}

/* "shipped 9.1 million phones, up 12% on the year before": a figure with
 * no subject of its own belongs with the one before it in the clause. */
static CitedRuleVerdict
rule_clause_companion (const BrandQuery *q,
                       const char      **brand)
{
  if (q->S->clause_brand == NULL || q->S->clause_brand_clause != q->clause)
    return CITED_RULE_PASS;
  return this_brand (brand, q->S->clause_brand);
}

/* "about 25 million portable players were sold": a count that is itself
 * the subject of a passive is the market's, not the company the sentence
 * before was about. */
static CitedRuleVerdict
rule_passive_count (const BrandQuery *q,
                    const char      **brand)
{
  Sentence *S = q->S;

  for (guint k = q->c->last + 1; k + 1 < S->tokens->len && k <= q->c->last + 4; k++)
    {
      Token *t = TOK (S, k);
      Token *v = TOK (S, k + 1);

      if (t->clause != q->clause || t->type != T_WORD)
        break;
      if (!(is_word (S, t, "were") || is_word (S, t, "was") || is_word (S, t, "are") ||
            is_word (S, t, "is") || is_word (S, t, "been")))
        continue;
      if (v->type == T_WORD && TOK_FIELD (v, metric) != NULL && v->end - v->start > 2 &&
          S->body[v->end - 1] == 'd')
        return CITED_RULE_NO_BRAND;
      break;
    }
  return CITED_RULE_PASS;
}

/* "Xiaomi had a strong year. Sales rose 5%.": a company's kind of figure
 * with no name in its sentence belongs to the company the text is about. */
static CitedRuleVerdict
rule_discourse_subject (const BrandQuery *q,
                        const char      **brand)
{
  /* "Net profit rose 28%" after "Qantas has posted a record profit": a
   * change of what only a company reports is the company's; sales,
   * shipments and shares rise and fall in markets too ("world music sales
   * declined", "stocks rose 8%"), prices and investment in economies */
  static const char * const firm_measures[] = { "profit", "revenue", "margin", "orders" };
  gboolean firm_change = FALSE;

  if (g_strcmp0 (q->metric, "growth") == 0)
    {
      const char *measure = measure_for (q->S, q->c);

      for (guint i = 0; measure != NULL && i < G_N_ELEMENTS (firm_measures); i++)
        firm_change |= strcmp (measure, firm_measures[i]) == 0;
    }
  if (!is_company_metric (q->metric) && !firm_change)
    return CITED_RULE_NO_BRAND;
  return this_brand (brand, q->S->ctx->prev_brand);
}

static const struct {
  const char *name;
  BrandRule   rule;
} brand_rules[] = {
  { "respectively", rule_respectively },
  { "apposition", rule_apposition },
  { "others-forecast", rule_others_forecast },
  { "name-before-amount", rule_name_before_amount },
  { "name-with-amount", rule_name_with_amount },
  { "rank-is-name", rule_rank_is_name },
  { "clause-subject", rule_clause_subject },
  { "name-after-figure", rule_name_after_figure },
  { "market-wide", rule_market_wide },
  { "other-subject", rule_other_subject },
  { "nearest-mention", rule_nearest_mention },
  { "clause-companion", rule_clause_companion },
  { "passive-count", rule_passive_count },
  { "discourse-subject", rule_discourse_subject },
};

/* The brand a figure is about, by the first rule of brand_rules that does
 * not pass; NULL when it is no company's. */
const char *
brand_for (Sentence        *S,
           const Candidate *c,
           const char      *metric)
{
  BrandQuery q = {
    .S = S,
    .c = c,
    .metric = metric,
    .clause = TOK (S, c->first)->clause,
    .segment = TOK (S, c->first)->segment,
  };

  for (guint r = 0; r < G_N_ELEMENTS (brand_rules); r++)
    {
      const char *brand = NULL;
      CitedRuleVerdict verdict = brand_rules[r].rule (&q, &brand);

      if (verdict == CITED_RULE_PASS)
        continue;
      if (S->ctx->trace)
        cited_extract_trace (S->ctx, TOK (S, c->first)->start, TOK (S, c->last)->end, "-> %s by %s",
                             brand != NULL ? brand : "no company", brand_rules[r].name);
      return verdict == CITED_RULE_BRAND ? brand : NULL;
    }
  return NULL;
}
