import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKairos } from '../src/app/create-kairos.js';
import { loadConfig } from '../src/config/load-config.js';
const dataDir = mkdtempSync(join(tmpdir(), 'kp-'));
const core = createKairos(loadConfig({ dataDir }, { KAIROS_LOG_LEVEL: 'silent' }));
for (let i = 0; i < 5000; i++) await core.catalog.putProduct(`sku-${i}`, { name: 'x', categoryPath: ['Fashion', `C${i % 10}`], brand: `B${i % 8}` });
const msgs: any[] = []; let m = 0; const t0 = Date.now() - 3600_000;
for (let s = 0; s < 1000; s++) { msgs.push({ type: 'track', event: 'Products Searched', anonymousId: `a${s}`, messageId: `m${++m}`, timestamp: new Date(t0 + s * 1000).toISOString(), properties: { query: 'purse' } });
  for (let c = 0; c < 3; c++) msgs.push({ type: 'track', event: 'Product Clicked', anonymousId: `a${s}`, messageId: `m${++m}`, timestamp: new Date(t0 + s * 1000 + 100 + c).toISOString(), properties: { product_id: `sku-${(s * 31 + c * 7) % 5000}` } }); }
await core.ingestion.ingest(msgs); await core.search.learner.idle();
const ids = Array.from({ length: 500 }, (_, i) => `sku-${i * 7}`);
const parts: Record<string, number> = {};
const time = async (label: string, f: () => Promise<unknown>) => { const s = process.hrtime.bigint(); await f(); parts[label] = (parts[label] ?? 0) + Number(process.hrtime.bigint() - s) / 1000; };
for (let i = 0; i < 1000; i++) {
  await time('getProducts', () => core.stores.catalog.getProducts(ids));
  await time('findState', () => core.profiles.findState([{ type: 'anonymousId', value: `a${i % 1000}` }]));
  await time('vocab', () => core.search.vocabulary.read(['purse']));
  await time('rerank', () => core.search.reranker.rerank({ query: 'purse', anonymousId: `a${i % 1000}`, results: ids.map((productId) => ({ productId })) }));
}
for (const k in parts) console.log(k, (parts[k]! / 1000).toFixed(0), 'µs avg');
await core.close();
