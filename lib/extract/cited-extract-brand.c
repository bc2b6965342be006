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
   * research firm", which is someone else. */
  if (tok_has (t, W_COMPANY) &&
      (k + 1 >= S->tokens->len || TOK (S, k + 1)->mention < 0))
    {
      for (guint q = k; q > 0 && k - q < 6; q--)
        {
          Token *b = TOK (S, q - 1);

          if (b->type == T_PUNCT && is_dash (b) && b->glued)
            continue;     /* "the Lenovo-owned brand" */
          if (b->type != T_WORD || (b->mention >= 0 && !is_modifier_mention (S, q - 1)) ||
              is_third_party_word (S, b))
            break;
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
      /* Inside the sentence a capital marks a name; at its start only a
       * name like "TimeWarner" or one followed by a verb ("Ericsson cut"). */
      if (k > 0 || has_inner_capital (S, t) ||
          (nx != NULL && nx->type == T_WORD && !nx->cap && !tok_has (nx, W_STOP) && !nx->glued))
        return TRUE;
    }
  return FALSE;
}

const char *
brand_for (Sentence        *S,
           const Candidate *c,
           const char      *metric)
{
  guint16 clause = TOK (S, c->first)->clause;
  guint16 segment = TOK (S, c->first)->segment;
  guint n_m = S->mention_tokens->len;
  const char *nearest = NULL;
  guint nearest_d = G_MAXUINT;

  /* Apposition: "T-Mobile, the third largest operator", "Xiaomi, which
   * sold", "The Finnish network maker, which has 86,000 employees". */
  {
    guint g0 = c->first;

    while (g0 > 0 && TOK (S, g0 - 1)->segment == segment)
      g0--;
    if (g0 >= 1 && g0 + 1 < c->first &&
        (is_punct (TOK (S, g0), ',') || is_punct (TOK (S, g0), 0xFF0C)) &&
        tok_has (TOK (S, g0 + 1), W_APPOS))
      {
        gboolean own = FALSE;

        for (guint q = g0 + 1; q < c->first; q++)
          if (TOK (S, q)->mention >= 0)
            own = TRUE;
        if (!own && TOK (S, g0 - 1)->mention >= 0)
          return mention_brand (S, TOK (S, g0 - 1)->mention);
        if (!own && is_pronoun_at (S, g0 - 1))
          return antecedent (S, g0 - 1);
      }
  }

  /* Others' forecasts are no company's figures. */
  if (others_expected_at (S, c->last + 1))
    return NULL;

  /* "Apple took 24% and Xiaomi 21%": a name right before a share or an
   * amount. */
  if (c->first >= 1 && TOK (S, c->first - 1)->mention >= 0 && !c->rank &&
      (g_strcmp0 (c->unit, "%") == 0 || c->currency != NULL ||
       TOK (S, c->last)->type == T_WORD))
    return mention_brand (S, TOK (S, c->first - 1)->mention);

  /* "followed by Xiaomi with 7.6 million and vivo with 7.2 million" */
  if (c->first >= 2 && TOK (S, c->first - 2)->mention >= 0 &&
      (is_word (S, TOK (S, c->first - 1), "with") || is_word (S, TOK (S, c->first - 1), "at")))
    return mention_brand (S, TOK (S, c->first - 2)->mention);

  /* "No. 2 is Samsung" */
  if (c->rank && c->last + 2 < S->tokens->len &&
      (is_word (S, TOK (S, c->last + 1), "is") || is_word (S, TOK (S, c->last + 1), "was")) &&
      TOK (S, c->last + 2)->mention >= 0)
    return mention_brand (S, TOK (S, c->last + 2)->mention);

  /* The subject of the clause: the first brand or pronoun before the figure,
   * in its own comma segment if there is one there ("the OnePlus 12 costs
   * $799"), else in the clause. */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint k = 0; k < c->first; k++)
        {
          Token *t = TOK (S, k);

          if (t->clause != clause || (pass == 0 && t->segment != segment))
            continue;
          /* "vivo, OPPO and Xiaomi are": a list, whose head is the subject. */
          if (t->mention >= 0 && is_modifier_mention (S, k))
            continue;
          if (pass == 0 && t->mention >= 0 && k >= 2 &&
              (is_punct (TOK (S, k - 1), ',') || is_punct (TOK (S, k - 1), 0x3001)) &&
              TOK (S, k - 2)->mention >= 0 &&
              /* a bare item ("vivo, OPPO"), not "10.3 million iPads, Samsung" */
              (k < 3 || TOK (S, k - 3)->type == T_PUNCT || TOK (S, k - 3)->mention >= 0 ||
               tok_has (TOK (S, k - 3), W_STOP | W_CONJ)))
            break;
          if (t->mention >= 0)
            {
              /* A possessive closer to the figure names its owner: "beat
               * Apple's 50 million". */
              for (guint q = k + 1; q < c->first; q++)
                if (TOK (S, q)->mention >= 0 && TOK (S, q)->poss && TOK (S, q)->segment == segment &&
                    TOK (S, q)->mention != t->mention && c->first - q <= 4)
                  return mention_brand (S, TOK (S, q)->mention);
              return mention_brand (S, t->mention);
            }
          if (is_pronoun_at (S, k))
            {
              /* "Its parent OPPO employs ...": the name after the
               * possessive is the subject. */
              if (is_word (S, t, "its") || is_word (S, t, "their"))
                for (guint q = k + 1; q < c->first && q <= k + 3; q++)
                  if (TOK (S, q)->mention >= 0)
                    return mention_brand (S, TOK (S, q)->mention);
              return antecedent (S, k);
            }
        }
    }

  /* Just after the figure in its segment: "sales of 10 million for Xiaomi". */
  for (guint k = c->last + 1; k < S->tokens->len && k <= c->last + 5; k++)
    {
      Token *t = TOK (S, k);

      if (t->segment != segment)
        break;
      if (t->mention >= 0)
        return mention_brand (S, t->mention);
    }

  /* Market-wide figures belong to no brand. */
  if (metric != NULL && strcmp (metric, "population") == 0)
    return NULL;
  for (guint k = 0; k < S->tokens->len; k++)
    {
      Token *t = TOK (S, k);

      if (t->clause == clause && t->type == T_WORD && tok_has (t, W_MARKET) &&
          k < c->first)
        return NULL;
    }

  /* Further out, only figures of a known kind are a company's to claim:
   * "More than 120 experts were in Nice ... such as Nokia" are no one's. */
  if (other_subject (S, c) || metric == NULL || strcmp (metric, "population") == 0)
    return NULL;

  for (guint k = 0; k < n_m; k++)
    {
      guint tok = mention_token (S, k);
      guint d = tok < c->first ? c->first - tok : tok - c->last;

      if (d < nearest_d)
        {
          nearest_d = d;
          nearest = mention_brand (S, k);
        }
    }
  if (nearest != NULL)
    return nearest;

  /* A figure with no subject of its own belongs with the one before it in
   * the clause: "shipped 9.1 million phones, up 12% on the year before". */
  if (S->clause_brand != NULL && S->clause_brand_clause == clause)
    return S->clause_brand;
  /* A count that is itself the subject of a passive ("about 25 million
   * portable players were sold") is the market's, not the company the
   * sentence before was about. */
  for (guint k = c->last + 1; k + 1 < S->tokens->len && k <= c->last + 4; k++)
    {
      Token *t = TOK (S, k);

      if (t->clause != clause || t->type != T_WORD)
        break;
      if (is_word (S, t, "were") || is_word (S, t, "was") || is_word (S, t, "are") ||
          is_word (S, t, "is") || is_word (S, t, "been"))
        {
          Token *v = TOK (S, k + 1);

          if (v->type == T_WORD && TOK_FIELD (v, metric) != NULL &&
              v->end - v->start > 2 && S->body[v->end - 1] == 'd')
            return NULL;
          break;
        }
    }
  if (is_company_metric (metric))
    return S->ctx->prev_brand;
  return NULL;
}
