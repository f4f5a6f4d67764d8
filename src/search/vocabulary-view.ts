import { Type, type Static } from '@sinclair/typebox';
import { decayedScore } from '../profiles/apply-event.js';
import { Errors } from '../shared/errors.js';
import type { SearchVocabulary } from './search-vocabulary.js';
import { queryKeys } from './search-text.js';
import { shareOf, type ChoiceKind, type TermVocabulary } from './term-vocabulary.js';

export const VocabularyQuerySchema = Type.Object(
  { term: Type.String({ minLength: 1, maxLength: 500, description: 'A term or a whole query, normalised as searches are (e.g. "Purses" → "purse").' }) },
  { additionalProperties: false },
);

const AssociationViewSchema = Type.Object({
  label: Type.String({ description: 'The category or brand name, or the product id.' }),
  weight: Type.Number({ description: 'Choices credited, weighted (purchase 5, cart add 3, wishlist 2, click 1) and decayed to now.' }),
  evidence: Type.Integer({ description: 'Choices credited, counted.' }),
  share: Type.Number({ description: 'Share of the term’s choices, in [0, 1].' }),
});

export const VocabularyViewSchema = Type.Object({
  term: Type.String({ description: 'The key shown: the normalised term or query.' }),
  evidence: Type.Integer({ description: 'Choices learned after searching it; 0 when nothing yet.' }),
  weight: Type.Number({ description: 'Their weight, decayed to now.' }),
  categories: Type.Array(AssociationViewSchema, { description: 'Every level of the chosen products’ category paths, the strongest first.' }),
  brands: Type.Array(AssociationViewSchema),
  products: Type.Array(AssociationViewSchema),
});
export type VocabularyView = Static<typeof VocabularyViewSchema>;

/** What a term (or query) has learned, for people: `GET /v1/search/vocabulary?term=purse`. */
export async function describeTerm(vocabulary: Pick<SearchVocabulary, 'read'>, term: string, now: number): Promise<VocabularyView> {
  const { phrase } = queryKeys(term);
  if (phrase === '') throw Errors.invalidRequest([{ field: 'querystring.term', problem: 'has no word to look up (letters or digits)' }]);
  const learned = (await vocabulary.read([phrase])).get(phrase);
  if (learned === undefined) return { term: phrase, evidence: 0, weight: 0, categories: [], brands: [], products: [] };
  const of = (kind: ChoiceKind) => associations(learned, kind, now);
  return { term: phrase, evidence: learned.evidence, weight: rounded(decayedScore(learned.choices, now)), categories: of('category'), brands: of('brand'), products: of('product') };
}

function associations(learned: TermVocabulary, kind: ChoiceKind, now: number): VocabularyView['categories'] {
  return learned.entries
    .filter((entry) => entry.kind === kind)
    .map((entry) => ({ label: entry.label, weight: rounded(decayedScore(entry.weight, now)), evidence: entry.evidence, share: rounded(shareOf(learned, entry)) }))
    .sort((a, b) => b.share - a.share || a.label.localeCompare(b.label));
}

function rounded(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
