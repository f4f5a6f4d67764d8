import type { CatalogStore } from '../catalog/catalog-store.js';
import { identifiersOf } from '../identity/request-identifiers.js';
import type { ProfileService } from '../profiles/profile-service.js';
import type { Clock } from '../shared/clock.js';
import { Errors } from '../shared/errors.js';
import { productFacts } from './category-path-match.js';
import { enginePriors } from './engine-prior.js';
import { learnedQuery, queryMatch, type Evidence } from './query-match.js';
import type { LearnedTerm, RerankRequest, RerankResponse } from './rerank-request.js';
import { MIN_REASON_CONTRIBUTION, RERANK_WEIGHTS } from './rerank-weights.js';
import type { SearchVocabulary } from './search-vocabulary.js';
import { queryKeys } from './search-text.js';
import { affinityMatch, sessionMatch, shopperSignals } from './shopper-match.js';
import { shareOf, type TermVocabulary } from './term-vocabulary.js';

const NOT_IN_CATALOG = 'not in the catalog: kept in the engine’s order';

/**
 * Re-ranks the retailer's search results for one shopper: the engine's order as a prior, plus what
 * shoppers chose after this query (the vocabulary), the profile's affinities and the current session
 * (see RERANK_WEIGHTS). One profile read, one catalog read of all the results, the query's keys from
 * the vocabulary's cache. A shopper Kairos does not know (or a request without identifiers) gets the
 * vocabulary alone; results the catalog does not know keep the engine's prior alone.
 *
 * @example
 * await reranker.rerank({ anonymousId: 'a1', query: 'purse', results: [{ productId: 'wallet-1' }, { productId: 'bag-1' }] })
 * // → { results: [{ productId: 'bag-1', position: 1, originalPosition: 2, … }, …], profileId: 'prf_…', learnedTerms: [{ term: 'purse', … }] }
 */
export class SearchReranker {
  constructor(
    private readonly deps: {
      profiles: Pick<ProfileService, 'findState'>;
      catalog: Pick<CatalogStore, 'getProducts'>;
      vocabulary: Pick<SearchVocabulary, 'read'>;
      clock: Clock;
    },
  ) {}

  async rerank(request: RerankRequest): Promise<RerankResponse> {
    rejectRepeatedIds(request.results);
    const now = this.deps.clock.now();
    const keys = queryKeys(request.query);
    const identifiers = identifiersOf(request);
    const [state, products, vocabularies] = await Promise.all([
      identifiers.length === 0 ? undefined : this.deps.profiles.findState(identifiers),
      this.deps.catalog.getProducts(request.results.map((result) => result.productId)),
      this.deps.vocabulary.read(keys.keys),
    ]);
    const query = learnedQuery(keys, vocabularies, now);
    const shopper = state === undefined ? undefined : shopperSignals(state, now);
    const priors = enginePriors(request.results);
    const explain = request.explain === true;

    const scored = request.results.map((result, index) => {
      const prior = priors[index]!;
      const stored = products.get(result.productId);
      if (stored === undefined) return { productId: result.productId, index, score: prior, reasons: explain ? [NOT_IN_CATALOG] : [] };
      const product = productFacts(stored);
      const vocabulary = queryMatch(query, product);
      const affinity = shopper === undefined ? undefined : affinityMatch(shopper, product);
      const session = shopper === undefined ? undefined : sessionMatch(shopper, product);
      const score =
        prior + RERANK_WEIGHTS.vocabulary * vocabulary.strength + RERANK_WEIGHTS.affinity * (affinity?.strength ?? 0) + RERANK_WEIGHTS.session * (session?.strength ?? 0);
      const reasons = explain
        ? reasonsOf([
            [RERANK_WEIGHTS.vocabulary, vocabulary.evidence],
            [RERANK_WEIGHTS.affinity, affinity?.evidence ?? []],
            [RERANK_WEIGHTS.session, session?.evidence ?? []],
          ])
        : [];
      return { productId: result.productId, index, score, reasons };
    });
    // Ties keep the engine's order.
    scored.sort((a, b) => b.score - a.score || a.index - b.index);
    return {
      results: scored.slice(0, request.count ?? scored.length).map((item, position) => ({
        productId: item.productId,
        position: position + 1,
        originalPosition: item.index + 1,
        score: Math.round(item.score * 1e4) / 1e4,
        reasons: item.reasons,
      })),
      profileId: state?.id ?? null,
      learnedTerms: keys.keys.flatMap((key) => {
        const vocabulary = vocabularies.get(key);
        return vocabulary === undefined ? [] : [learnedTerm(vocabulary)];
      }),
    };
  }
}

/** Product ids must be unique: a repeated one would be ranked twice. Named by the later place, like a schema problem. */
function rejectRepeatedIds(results: RerankRequest['results']): void {
  const firstIndex = new Map<string, number>();
  results.forEach((result, index) => {
    const first = firstIndex.get(result.productId);
    if (first !== undefined) {
      throw Errors.invalidRequest([{ field: `results.${index}.productId`, problem: `repeats results.${first}.productId ("${result.productId}"); product ids must be unique` }]);
    }
    firstIndex.set(result.productId, index);
  });
}

/** The sentences of the evidence that moved the item enough to matter, strongest first. */
function reasonsOf(signals: Array<[weight: number, evidence: Evidence[]]>): string[] {
  return signals
    .flatMap(([weight, evidence]) => evidence.map((piece) => ({ contribution: weight * piece.strength, reason: piece.reason })))
    .filter((piece) => piece.contribution >= MIN_REASON_CONTRIBUTION)
    .sort((a, b) => b.contribution - a.contribution)
    .map((piece) => piece.reason);
}

function learnedTerm(vocabulary: TermVocabulary): LearnedTerm {
  const associations = vocabulary.entries
    .map((entry) => ({ kind: entry.kind, label: entry.label, share: Math.round(shareOf(vocabulary, entry) * 1000) / 1000 }))
    .sort((a, b) => b.share - a.share)
    .slice(0, 3);
  return { term: vocabulary.key, evidence: vocabulary.evidence, associations };
}
