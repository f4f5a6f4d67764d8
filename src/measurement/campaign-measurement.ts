import type { CampaignRegistry } from '../decisions/campaign-registry.js';
import type { IngestedBatch } from '../ingestion/event-bus.js';
import type { IngestionService } from '../ingestion/ingestion-service.js';
import type { TransactionRunner } from '../storage/transaction-runner.js';
import { SerialQueue } from '../triggers/serial-queue.js';
import { attributeConversions } from './attribute-conversions.js';
import type { ResultCounts, ResultsStore } from './campaign-results.js';
import { resultDeltas } from './results-tally.js';
import { describeResults, type CampaignResults } from './describe-results.js';

/** Prior of the conversion rate in expected value: one conversion in twenty exposures, until data says otherwise. */
const PRIOR_CONVERSIONS = 1;
const PRIOR_EXPOSURES = 20;

/**
 * Measures every campaign: counts exposures of both arms from the stored decision events, attributes
 * goal events to the latest exposure (written back as `Intervention Converted` events, so the history
 * holds the attribution), and keeps the totals in the results store and in memory for arbitration.
 * The counts are derived from the event log and can be rebuilt from it.
 */
export class CampaignMeasurement {
  private readonly work = new SerialQueue((error) => this.deps.onError(error));
  private totals: Map<string, ResultCounts[]> | undefined;

  constructor(
    private readonly deps: {
      registry: Pick<CampaignRegistry, 'campaignGoals'>;
      results: ResultsStore;
      transactions: TransactionRunner;
      ingestion: Pick<IngestionService, 'ingest'>;
      onError: (error: unknown) => void;
    },
  ) {}

  readonly onBatch = async (batch: IngestedBatch): Promise<void> => {
    const deltas = resultDeltas(batch.events);
    const goals = await this.deps.registry.campaignGoals();
    const converted = goals.length === 0 ? [] : batch.events.flatMap((event) => {
      const state = batch.profiles.get(event.profileId);
      return state === undefined ? [] : attributeConversions(event, state, goals);
    });
    if (deltas.length === 0 && converted.length === 0) return;
    this.work.push(async () => {
      if (deltas.length > 0) {
        // Through the runner, so the counts never land inside (and roll back with) another's transaction.
        await this.deps.transactions.run(() => this.deps.results.add(deltas));
        const totals = await this.loadedTotals();
        for (const delta of deltas) addTo(totals, delta);
      }
      if (converted.length > 0) await this.deps.ingestion.ingest(converted);
    });
  };

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
   * times the mean value of a conversion (1 until one has a value). Arbitration breaks priority ties by it.
   */
  expectedValue(campaignId: string): number {
    const rows = (this.totals?.get(campaignId) ?? []).filter((row) => row.arm === 'treatment');
    const exposures = rows.reduce((sum, row) => sum + row.exposures, 0);
    const conversions = rows.reduce((sum, row) => sum + row.conversions, 0);
    const value = rows.reduce((sum, row) => sum + row.value, 0);
    const rate = (conversions + PRIOR_CONVERSIONS) / (exposures + PRIOR_EXPOSURES);
    return rate * (conversions > 0 && value > 0 ? value / conversions : 1);
  }

  /** Loads the stored totals into memory (at start, so arbitration has them from the first decision). */
  async load(): Promise<void> {
    await this.loadedTotals();
  }

  private async loadedTotals(): Promise<Map<string, ResultCounts[]>> {
    if (this.totals === undefined) {
      const totals = new Map<string, ResultCounts[]>();
      for (const row of await this.deps.results.all()) addTo(totals, row);
      this.totals = totals;
    }
    return this.totals;
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
