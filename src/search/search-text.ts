/** Words longer queries are cut to: a query is a few words; the rest would only add unseen keys. */
export const MAX_QUERY_TERMS = 8;

/*
 * Words that say nothing about what is wanted. Kept short on purpose: "women", "kids" or "red" are
 * meaningful in a shop, so only grammar words are dropped.
 */
const STOP_WORDS = new Set(['a', 'an', 'and', 'the', 'for', 'of', 'in', 'on', 'to', 'with', 'by', 'or']);

const ASCII = /^[\x00-\x7f]*$/;

/** What a query is remembered and matched by: its normalised terms and, for several terms, the phrase. */
export interface QueryKeys {
  /** The normalised terms, in query order, without repeats. */
  terms: string[];
  /** The terms joined by a space: the whole query as one key. */
  phrase: string;
  /** The vocabulary keys of the query: every term, then the phrase when it is more than one term. */
  keys: string[];
}

/**
 * Lower-case, accents folded (NFKD without combining marks), anything but letters and digits a space,
 * spaces collapsed. How category and brand names are compared with what shoppers and feeds wrote.
 *
 * @example
 * foldText('  Sacs à MAIN ') // → 'sacs a main'
 */
export function foldText(text: string): string {
  // Most names are ASCII; the Unicode path costs microseconds a call, and a re-ranking folds thousands.
  if (ASCII.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A light English plural rule, not a full stemmer: it only has to send a word's singular and plural to
 * the same key, since keys are only ever compared with keys made the same way. Words of four letters
 * or more that are only letters: "-ies" → "-y" (berries → berry); "-sses", "-shes", "-ches", "-xes",
 * "-zzes" lose "es" (dresses → dress, watches → watch); a final "s" goes unless the word ends in "ss",
 * "us" or "is" (purses → purse, bags → bag, dress and cactus stay). Shorter words and words with
 * digits (model numbers, sizes) are kept as they are. Over-stemming ("jeans" → "jean") is harmless.
 *
 * @example
 * stemTerm('purses') // → 'purse'
 */
export function stemTerm(term: string): string {
  if (term.length < 4 || !/^\p{L}+$/u.test(term)) return term;
  if (term.endsWith('ies') && term.length > 4) return `${term.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x|zz)es$/.test(term)) return term.slice(0, -2);
  if (term.endsWith('s') && !/(?:ss|us|is)$/.test(term)) return term.slice(0, -1);
  return term;
}

/**
 * The keys of a search query (see foldText and stemTerm); stop words are left out and at most
 * MAX_QUERY_TERMS terms are kept. A query of only punctuation has no keys.
 *
 * @example
 * queryKeys('Red Leather Purses') // → { terms: ['red', 'leather', 'purse'], phrase: 'red leather purse', keys: ['red', 'leather', 'purse', 'red leather purse'] }
 */
export function queryKeys(query: string): QueryKeys {
  const terms: string[] = [];
  for (const word of foldText(query).split(' ')) {
    if (word === '' || STOP_WORDS.has(word)) continue;
    const term = stemTerm(word);
    if (!terms.includes(term)) terms.push(term);
    if (terms.length === MAX_QUERY_TERMS) break;
  }
  const phrase = terms.join(' ');
  return { terms, phrase, keys: terms.length > 1 ? [...terms, phrase] : terms };
}
