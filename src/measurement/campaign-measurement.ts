import type { CampaignRegistry } from '../decisions/campaign-registry.js';
import type { IngestedBatch } from '../ingestion/event-bus.js';
import type { IngestionService } from '../ingestion/ingestion-service.js';
import type { StoredEvent } from '../ingestion/kairos-event.js';
import type { Clock } from '../shared/clock.js';
import { SerialQueue } from '../triggers/serial-queue.js';
import { attributeConversions } from './attribute-conversions.js';
import type { ResultCounts, ResultsStore } from './campaign-results.js';
import { resultDeltas } from './results-tally.js';
import { describeResults, type CampaignResults } from './describe-results.js';

/** How old the in-memory results may be before arbitration reloads them. */
const TOTALS_MAX_AGE_MS = 1000;

/** Prior of the conversion rate in expected value: one conversion in twenty exposures, until data says otherwise. */
const PRIOR_CONVERSIONS = 1;
const PRIOR_EXPOSURES = 20;

/**
 * Measures every campaign: counts exposures of both arms from the stored decision events (written with
 * the batch that stores them, see countsWriter), attributes goal events to the latest exposure
 * (written back as `Intervention Converted` events, so the history holds the attribution), and reads
 * the totals back for arbitration.
 */
export class CampaignMeasurement {
  private readonly work = new SerialQueue((error) => this.deps.onError(error));
  private totals = new Map<string, ResultCounts[]>();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly deps: {
      registry: Pick<CampaignRegistry, 'campaignGoals'>;
      results: ResultsStore;
      ingestion: Pick<IngestionService, 'ingest'>;
      clock: Clock;
      onError: (error: unknown) => void;
    },
  ) {}

  readonly onBatch = async (batch: IngestedBatch): Promise<void> => {
    const goals = await this.deps.registry.campaignGoals();
    if (goals.length === 0) return;
    const converted = batch.events.flatMap((event) => {
      const state = batch.profiles.get(event.profileId);
      return state === undefined ? [] : attributeConversions(event, state, goals);
    });
    if (converted.length > 0) this.work.push(async () => void (await this.deps.ingestion.ingest(converted)));
  };

  /**
   * The pipeline's `derivedCounts`: writes a batch's exposures and conversions in the batch's own
   * transaction, so the stored results are exactly what the log holds.
   */
  static countsWriter(results: ResultsStore): (events: readonly StoredEvent[]) => Promise<void> {
    return async (events) => {
      const deltas = resultDeltas(events);
      if (deltas.length > 0) await results.add(deltas);
    };
  }

  /** Resolves once the work queued so far is done. */
  idle(): Promise<void> {
    return this.work.idle();
  }

  async results(campaignId: string): Promise<CampaignResults> {
    await this.idle();
    return describeResults(campaignId, await this.deps.results.ofCampaign(campaignId));
  }

  /**
   * What showing the campaign is worth per exposure: the conversion rate (shrunk towards the prior)
   * times the mean value of a conversion (1 until one has a value). Arbitration breaks priority ties by
   * it. Read from the stored results, reloaded in the background when more than a second old, so a
   * decision never waits for it.
   */
  expectedValue(campaignId: string): number {
    if (this.deps.clock.now() - this.loadedAt > TOTALS_MAX_AGE_MS && this.loading === undefined) void this.load().catch(this.deps.onError);
    const rows = (this.totals.get(campaignId) ?? []).filter((row) => row.arm === 'treatment');
    const exposures = rows.reduce((sum, row) => sum + row.exposures, 0);
    const conversions = rows.reduce((sum, row) => sum + row.conversions, 0);
    const value = rows.reduce((sum, row) => sum + row.value, 0);
    const rate = (conversions + PRIOR_CONVERSIONS) / (exposures + PRIOR_EXPOSURES);
    return rate * (conversions > 0 && value > 0 ? value / conversions : 1);
  }

  /** Reads the stored results into memory (at start, and whenever expectedValue finds them old). */
  async load(): Promise<void> {
    this.loading ??= (async () => {
      const totals = new Map<string, ResultCounts[]>();
      for (const row of await this.deps.results.all()) addTo(totals, row);
      this.totals = totals;
      this.loadedAt = this.deps.clock.now();
    })().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }
}

function addTo(totals: Map<string, ResultCounts[]>, delta: ResultCounts): void {
  const rows = totals.get(delta.campaignId) ?? [];
  const row = rows.find((candidate) => candidate.arm === delta.arm && candidate.variantId === delta.variantId);
  if (row === undefined) rows.push({ ...delta });
  else {
    row.exposures += delta.exposures;
    row.conversions += delta.conversions;
    row.value += delta.value;
  }
  totals.set(delta.campaignId, rows);
}
