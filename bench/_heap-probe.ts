import { servingRecommendationEngine, RecommendationEngine } from '../src/recommendations/recommendation-engine.js';
import { syntheticClickstream } from './synthetic-clickstream.js';
const which = process.argv[2] ?? 'serving';
const engine = which === 'serving' ? servingRecommendationEngine() : new RecommendationEngine();
const kinds: Record<string, 'view'|'cart_add'|'purchase'> = { 'Product Viewed': 'view', 'Product Added': 'cart_add', 'Order Completed': 'purchase' };
let n = 0; const t0 = Date.now();
for (const m of syntheticClickstream({ seed: 1, visitors: 1_000_000, events: 2_140_000, products: 200_000 }) as Iterable<any>) {
  const kind = kinds[m.event]; if (!kind) continue;
  const ids = kind === 'purchase' ? m.properties.products.map((p: any) => p.product_id) : [m.properties.product_id];
  for (const itemId of ids) { engine.observe({ sessionId: m.context.sessionId ?? m.anonymousId, profileId: m.anonymousId, itemId, kind, at: Date.parse(m.timestamp) }); n++; }
}
global.gc?.();
const mu = process.memoryUsage();
console.log(which, engine.interactions.size, { interactions: n, s: (Date.now()-t0)/1000, heapMb: Math.round(mu.heapUsed/2**20), rssMb: Math.round(mu.rss/2**20) });
