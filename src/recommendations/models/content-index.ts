import type { StoredProduct } from '../../catalog/product.js';

/** What the content index knows of a product, in the shape the strategies and re-ranking read. */
export interface ContentFacts {
  /** Category names from the root, lower case. */
  categories: readonly string[];
  brand: string | null;
  price: number | null;
  colour: string | null;
}

interface Entry {
  facts: ContentFacts;
  tokens: string[];
  weights: number[];
}

export interface SimilarItem {
  itemId: string;
  score: number;
  /** The strongest shared features, for the reason ("same brand and category"). */
  shared: string[];
}

/** Candidates scored exactly per query: enough to find the close ones, few enough to stay under a millisecond. */
const MAX_CANDIDATES = 2000;
const STOP_WORDS = new Set(['the', 'and', 'for', 'with', 'from', 'new', 'set', 'pack']);
const COLOUR_KEYS = ['color', 'colour'];

/**
 * Content-based similarity over the catalog: each product is a bag of features — every level of its
 * category path (deeper levels weigh more), brand, string and boolean attributes, words of its name and
 * a price band (powers of 2) — weighted by TF-IDF and compared by cosine. It needs no interactions, so it
 * serves new and long-tail items. IDF is read at query time from the current document frequencies, so
 * the index never needs a rebuild as the catalog grows.
 */
export class ContentIndex {
  private readonly entries = new Map<string, Entry>();
  /** Token → ids of products that have (or had) it; stale ids are skipped at query time. */
  private readonly postings = new Map<string, string[]>();
  private readonly documentFrequency = new Map<string, number>();

  upsert(products: readonly StoredProduct[]): void {
    for (const product of products) {
      const previous = this.entries.get(product.id);
      if (previous) for (const token of previous.tokens) this.documentFrequency.set(token, (this.documentFrequency.get(token) ?? 1) - 1);
      const entry = toEntry(product);
      this.entries.set(product.id, entry);
      const had = new Set(previous?.tokens);
      for (const token of entry.tokens) {
        this.documentFrequency.set(token, (this.documentFrequency.get(token) ?? 0) + 1);
        if (had.has(token)) continue;
        let posting = this.postings.get(token);
        if (!posting) this.postings.set(token, (posting = []));
        posting.push(product.id);
      }
    }
  }

  facts(itemId: string): ContentFacts | undefined {
    return this.entries.get(itemId)?.facts;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Ids of the products in a category (any level of their path; the name in lower case). */
  *productsIn(category: string): Iterable<string> {
    for (const id of this.postings.get(`category:${category}`) ?? []) {
      // A posting outlives a product moved to another category: only current members count.
      if (this.entries.get(id)?.facts.categories.includes(category)) yield id;
    }
  }

  /** The products most like this one, best first; empty for a product the catalog does not know. */
  similar(itemId: string, limit: number, exclude: ReadonlySet<string>): SimilarItem[] {
    const query = this.entries.get(itemId);
    if (!query) return [];
    // IDF read once per token for this query: candidates share most of their features.
    const idfCache = new Map<string, number>();
    const idf = (token: string): number => {
      let value = idfCache.get(token);
      if (value === undefined) idfCache.set(token, (value = Math.log(1 + Math.max(1, this.entries.size) / Math.max(1, this.documentFrequency.get(token) ?? 1))));
      return value;
    };
    const queryWeights = new Map<string, number>();
    query.tokens.forEach((token, i) => queryWeights.set(token, query.weights[i]! * idf(token)));
    const queryNorm = norm(queryWeights.values());
    // Rarest features first: they name the closest products (same brand and line before same department).
    const order = [...query.tokens].sort((a, b) => (this.documentFrequency.get(a) ?? 0) - (this.documentFrequency.get(b) ?? 0));
    const candidates = new Set<string>();
    for (const token of order) {
      for (const id of this.postings.get(token) ?? []) {
        if (id !== itemId && !exclude.has(id)) candidates.add(id);
      }
      if (candidates.size >= MAX_CANDIDATES) break;
    }
    const scored: SimilarItem[] = [];
    for (const id of candidates) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      let dot = 0;
      let squares = 0;
      let best = '';
      let second = '';
      let bestShare = 0;
      let secondShare = 0;
      entry.tokens.forEach((token, i) => {
        const weight = entry.weights[i]! * idf(token);
        squares += weight * weight;
        const other = queryWeights.get(token);
        if (other === undefined) return;
        const share = weight * other;
        dot += share;
        if (share > bestShare) {
          [second, secondShare, best, bestShare] = [best, bestShare, token, share];
        } else if (share > secondShare) {
          [second, secondShare] = [token, share];
        }
      });
      if (dot <= 0) continue;
      const shared = [best, second].filter(Boolean).map(describeToken);
      scored.push({ itemId: id, score: dot / ((Math.sqrt(squares) || 1) * queryNorm), shared });
    }
    return scored.sort((a, b) => b.score - a.score || (a.itemId < b.itemId ? -1 : 1)).slice(0, limit);
  }

}

function norm(weights: Iterable<number>): number {
  let squares = 0;
  for (const weight of weights) squares += weight * weight;
  return Math.sqrt(squares) || 1;
}

function toEntry(product: StoredProduct): Entry {
  const features = new Map<string, number>();
  const categories = product.categoryPath.map((name) => name.toLowerCase());
  categories.forEach((name, depth) => features.set(`category:${name}`, 1 + 0.5 * depth));
  const brand = product.brand?.toLowerCase() ?? null;
  if (brand) features.set(`brand:${brand}`, 1.5);
  for (const [key, value] of Object.entries(product.attributes)) {
    if (typeof value === 'number') continue;
    features.set(`attribute:${key.toLowerCase()}=${String(value).toLowerCase()}`, 1);
  }
  for (const word of product.name.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (word.length >= 3 && !/^\d+$/.test(word) && !STOP_WORDS.has(word)) features.set(`word:${word}`, 0.5);
  }
  if (product.price !== null && product.price > 0) features.set(`price:${Math.floor(Math.log2(product.price))}`, 1);
  const colourKey = Object.keys(product.attributes).find((key) => COLOUR_KEYS.includes(key.toLowerCase()));
  const colour = colourKey === undefined ? null : String(product.attributes[colourKey]).toLowerCase();
  return {
    facts: { categories, brand, price: product.price, colour },
    tokens: [...features.keys()],
    weights: [...features.values()],
  };
}

/** "brand:acme" → "brand acme", for a reason a person reads. */
function describeToken(token: string): string {
  const [kind, value] = [token.slice(0, token.indexOf(':')), token.slice(token.indexOf(':') + 1)];
  if (kind === 'price') return 'price band';
  if (kind === 'attribute') return value.replace('=', ' ');
  return `${kind} ${value}`;
}
