import { setImmediate as yieldToServing } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { CatalogStore } from '../catalog/catalog-store.js';
import type { StoredProduct } from '../catalog/product.js';
import type { EventBus, IngestedBatch } from '../ingestion/event-bus.js';
import type { EventStore } from '../ingestion/event-store.js';
import type { StoredEvent } from '../ingestion/kairos-event.js';
import { interactionsOf } from './interaction.js';
import type { RecommendationEngine } from './recommendation-engine.js';

/** Events or products read per page at warm-up: small enough that serving waits at most a few milliseconds. */
const PAGE = 1000;

export interface WarmUpSummary {
  events: number;
  interactions: number;
  products: number;
  ms: number;
}

interface RecommendationFeedDeps {
  engine: RecommendationEngine;
  events: Pick<EventStore, 'readAfter' | 'lastSeq'>;
  catalog: Pick<CatalogStore, 'listProducts'>;
  /** The latest events of the log learned from at start. */
  warmUpEvents: number;
  bus: Pick<EventBus, 'subscribe'>;
  catalogChanges: { onProductsChanged(listener: (products: readonly StoredProduct[]) => void): void };
  logger?: Pick<Logger, 'info'>;
}

/**
 * Keeps the recommendation engine current: at start it loads the catalog and learns the latest
 * events of the log, a page at a time between which requests are served; after that it learns every
 * committed batch from the bus. Batches committed during the warm-up are held and learned after it,
 * so the engine sees the stream in log order.
 */
export class RecommendationFeed {
  private warming = false;
  private started = false;
  private held: StoredEvent[][] = [];

  constructor(private readonly deps: RecommendationFeedDeps) {}

  /** Whether the warm-up is still reading the log: the response says so, and chains fall through. */
  get isWarming(): boolean {
    return this.warming;
  }

  /**
   * Follows the bus and the catalog from now on and learns the log's latest events: the server does
   * this; `import` and `replay` never start the feed, so loading history does not pay for models
   * nobody asks. Resolves when the warm-up is done.
   */
  start(): Promise<WarmUpSummary> {
    if (this.started) throw new Error('the recommendation feed is already started');
    this.started = true;
    this.deps.bus.subscribe('recommendations', this.onBatch);
    this.deps.catalogChanges.onProductsChanged(this.onProductsChanged);
    return this.warmUp();
  }

  /** The bus listener. */
  readonly onBatch = (batch: IngestedBatch): void => {
    if (this.warming) this.held.push([...batch.events]);
    else this.learn(batch.events);
  };

  /** The catalog changed (a PUT or an import): the content index takes the new products. */
  readonly onProductsChanged = (products: readonly StoredProduct[]): void => {
    this.deps.engine.upsertProducts(products);
  };

  async warmUp(): Promise<WarmUpSummary> {
    const started = Date.now();
    this.warming = true;
    try {
      let products = 0;
      for (let page = await this.deps.catalog.listProducts(undefined, PAGE); page.length > 0; page = await this.deps.catalog.listProducts(page[page.length - 1]!.id, PAGE)) {
        this.deps.engine.upsertProducts(page);
        products += page.length;
        await yieldToServing();
      }
      const lastSeq = await this.deps.events.lastSeq();
      let afterSeq = Math.max(0, lastSeq - this.deps.warmUpEvents);
      let events = 0;
      let interactions = 0;
      while (afterSeq < lastSeq) {
        const page = (await this.deps.events.readAfter(afterSeq, PAGE)).filter((event) => event.seq <= lastSeq);
        if (page.length === 0) break;
        interactions += this.learn(page);
        events += page.length;
        afterSeq = page[page.length - 1]!.seq;
        await yieldToServing();
      }
      const summary = { events, interactions, products, ms: Date.now() - started };
      this.deps.logger?.info(summary, 'recommendation models warmed up');
      return summary;
    } finally {
      for (const events of this.held) this.learn(events);
      this.held = [];
      this.warming = false;
    }
  }

  private learn(events: readonly StoredEvent[]): number {
    let learned = 0;
    for (const event of events) {
      for (const interaction of interactionsOf(event)) {
        this.deps.engine.observe(interaction);
        learned++;
      }
    }
    return learned;
  }
}
