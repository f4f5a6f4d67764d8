import type { StoredProduct } from '../../catalog/product.js';
import { FeatureArena } from './feature-arena.js';
import { GrowableCounts, ItemIds } from './item-ids.js';

/** What the content index knows of a product, in the shape the strategies and re-ranking read. */
export interface ContentFacts {
  /** Category names from the root, lower case. */
  categories: readonly string[];
  brand: string | null;
  price: number | null;
  colour: string | null;
}

export interface SimilarItem {
  itemId: string;
  score: number;
  /** The strongest shared features, for the reason ("same brand and category"). */
  shared: string[];
}

/** Candidates scored exactly per query: enough to find the close ones, few enough to stay under a millisecond. */
const DEFAULT_MAX_CANDIDATES = 2000;
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
  /** Products and feature tokens as dense integers, so the index holds numbers, not strings. */
  private readonly products = new ItemIds();
  private readonly tokens = new ItemIds();
  private readonly features = new FeatureArena();
  /** The facts, a column each (NaN: no price), read into a `ContentFacts` when asked. */
  private readonly categoriesOf: Array<readonly string[] | undefined> = [];
  private readonly brandOf: Array<string | null> = [];
  private readonly colourOf: Array<string | null> = [];
  private readonly priceOf = new GrowableCounts();
  /** Token → products that have (or had) it; stale ones are skipped at query time. */
  private readonly postings: Array<number[] | undefined> = [];
  private readonly documentFrequency = new GrowableCounts();
  /** One string per distinct category name, brand and colour, shared by every product's facts. */
  private readonly names = new Map<string, string>();
  private readonly paths = new Map<string, readonly string[]>();
  private upserts = 0;
  private count = 0;

  constructor(private readonly maxCandidates = DEFAULT_MAX_CANDIDATES) {}

  /** Changes with every upsert: what caches of the index's answers compare. */
  get version(): number {
    return this.upserts;
  }

  upsert(products: readonly StoredProduct[]): void {
    this.upserts++;
    for (const product of products) {
      const index = this.products.intern(product.id);
      const had = new Set(this.features.tokensOf(index));
      if (this.features.has(index)) for (const token of had) this.documentFrequency.add(token, -1);
      else this.count++;
      const features = productFeatures(product);
      const tokens = [...features.keys()].map((token) => this.tokens.intern(token));
      this.features.set(index, tokens, [...features.values()]);
      this.rememberFacts(index, product);
      for (const token of tokens) {
        this.documentFrequency.add(token, 1);
        if (had.has(token)) continue;
        let posting = this.postings[token];
        if (!posting) this.postings[token] = posting = [];
        posting.push(index);
      }
    }
  }

  facts(itemId: string): ContentFacts | undefined {
    const index = this.products.find(itemId);
    if (index === undefined || !this.features.has(index)) return undefined;
    const price = this.priceOf.get(index);
    return { categories: this.categoriesOf[index]!, brand: this.brandOf[index]!, price: Number.isNaN(price) ? null : price, colour: this.colourOf[index]! };
  }

  get size(): number {
    return this.count;
  }

  /** Ids of the products in a category (any level of their path; the name in lower case). */
  *productsIn(category: string): Iterable<string> {
    const token = this.tokens.find(`category:${category}`);
    for (const index of token === undefined ? [] : (this.postings[token] ?? [])) {
      // A posting outlives a product moved to another category: only current members count.
      if (this.categoriesOf[index]!.includes(category)) yield this.products.idOf(index);
    }
  }

  /** The products most like this one, best first; empty for a product the catalog does not know. */
  similar(itemId: string, limit: number, exclude: ReadonlySet<string>): SimilarItem[] {
    const queryIndex = this.products.find(itemId);
    if (queryIndex === undefined || !this.features.has(queryIndex)) return [];
    // IDF read once per token for this query: candidates share most of their features.
    const idfCache = new Map<number, number>();
    const idf = (token: number): number => {
      let value = idfCache.get(token);
      if (value === undefined) idfCache.set(token, (value = Math.log(1 + Math.max(1, this.count) / Math.max(1, this.documentFrequency.get(token)))));
      return value;
    };
    const queryWeights = new Map<number, number>();
    this.features.forEach(queryIndex, (token, weight) => queryWeights.set(token, weight * idf(token)));
    const queryNorm = norm(queryWeights.values());
    // Rarest features first: they name the closest products (same brand and line before same department).
    const order = [...queryWeights.keys()].sort((a, b) => this.documentFrequency.get(a) - this.documentFrequency.get(b));
    // The cap holds within a posting too: the rare features rarely fill it, and the next one is often
    // shared by tens of thousands (a colour), all of whom were scored before (70 ms a query at 200k).
    // Past the rarer features, such products share only that one and would score about alike.
    const candidates = new Set<number>();
    gather: for (const token of order) {
      for (const index of this.postings[token] ?? []) {
        if (candidates.size >= this.maxCandidates) break gather;
        if (index !== queryIndex && !exclude.has(this.products.idOf(index))) candidates.add(index);
      }
    }
    const scored: SimilarItem[] = [];
    for (const index of candidates) {
      let dot = 0;
      let squares = 0;
      let best = -1;
      let second = -1;
      let bestShare = 0;
      let secondShare = 0;
      this.features.forEach(index, (token, featureWeight) => {
        const weight = featureWeight * idf(token);
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
      const shared = [best, second].filter((token) => token >= 0).map((token) => describeToken(this.tokens.idOf(token)));
      scored.push({ itemId: this.products.idOf(index), score: dot / ((Math.sqrt(squares) || 1) * queryNorm), shared });
    }
    return scored.sort((a, b) => b.score - a.score || (a.itemId < b.itemId ? -1 : 1)).slice(0, limit);
  }

  private rememberFacts(index: number, product: StoredProduct): void {
    const pathKey = product.categoryPath.join('\u0000').toLowerCase();
    let categories = this.paths.get(pathKey);
    if (!categories) this.paths.set(pathKey, (categories = product.categoryPath.map((name) => this.shared(name.toLowerCase()))));
    this.categoriesOf[index] = categories;
    this.brandOf[index] = product.brand ? this.shared(product.brand.toLowerCase()) : null;
    const colourKey = Object.keys(product.attributes).find((key) => COLOUR_KEYS.includes(key.toLowerCase()));
    this.colourOf[index] = colourKey === undefined ? null : this.shared(String(product.attributes[colourKey]).toLowerCase());
    this.priceOf.set(index, product.price ?? Number.NaN);
  }

  private shared(name: string): string {
    let canonical = this.names.get(name);
    if (canonical === undefined) this.names.set(name, (canonical = name));
    return canonical;
  }
}

function norm(weights: Iterable<number>): number {
  let squares = 0;
  for (const weight of weights) squares += weight * weight;
  return Math.sqrt(squares) || 1;
}

/** The product's features and their weights before IDF. */
function productFeatures(product: StoredProduct): Map<string, number> {
  const features = new Map<string, number>();
  product.categoryPath.forEach((name, depth) => features.set(`category:${name.toLowerCase()}`, 1 + 0.5 * depth));
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
  return features;
}

/** "brand:acme" → "brand acme", for a reason a person reads. */
function describeToken(token: string): string {
  const [kind, value] = [token.slice(0, token.indexOf(':')), token.slice(token.indexOf(':') + 1)];
  if (kind === 'price') return 'price band';
  if (kind === 'attribute') return value.replace('=', ' ');
  return `${kind} ${value}`;
}
