import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type {} from '../server/route-access.js';
import type { Clock } from '../shared/clock.js';
import { typeboxValidatorCompiler } from '../server/typebox-validator-compiler.js';
import { RerankRequestSchema, RerankResponseSchema } from './rerank-request.js';
import type { SearchReranker } from './search-reranker.js';
import type { SearchVocabulary } from './search-vocabulary.js';
import { VocabularyQuerySchema, VocabularyViewSchema, describeTerm } from './vocabulary-view.js';

/**
 * `POST /v1/search/rerank` re-ranks the retailer's search results for a shopper; called by sites and
 * search back ends, so it takes the write key like `/v1/decide`. `GET /v1/search/vocabulary` shows
 * what a term has learned, for the admin.
 *
 * @example
 * registerSearchRoutes(app, { reranker, vocabulary, clock });
 */
export function registerSearchRoutes(app: FastifyInstance, deps: { reranker: SearchReranker; vocabulary: SearchVocabulary; clock: Clock }): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.post(
    '/v1/search/rerank',
    {
      config: { access: 'write' },
      validatorCompiler: typeboxValidatorCompiler({ patterns: { query: 'must not be blank' }, unknownProperty: 'is not a rerank field' }),
      schema: { tags: ['search'], summary: "Re-rank the search engine's results for a shopper", body: RerankRequestSchema, response: { 200: RerankResponseSchema } },
    },
    async (request) => deps.reranker.rerank(request.body),
  );
  typed.get(
    '/v1/search/vocabulary',
    {
      config: { access: 'admin' },
      validatorCompiler: typeboxValidatorCompiler({ unknownProperty: 'is not a vocabulary parameter' }),
      schema: { tags: ['search'], summary: 'Show what shoppers chose after searching a term', querystring: VocabularyQuerySchema, response: { 200: VocabularyViewSchema } },
    },
    async (request) => describeTerm(deps.vocabulary, request.query.term, deps.clock.now()),
  );
}
