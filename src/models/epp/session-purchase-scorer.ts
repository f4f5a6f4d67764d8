import type { CommerceFacts } from '../../ingestion/ecommerce-spec.js';
import type { KairosEvent } from '../../ingestion/kairos-event.js';
import { isShoppingEvent } from '../../profiles/feature-constants.js';
import type { ProfileState } from '../../profiles/profile-state.js';
import type { EppArtifact } from './epp-artifact.js';
import { eppFeatures } from './epp-features.js';
import { FtrlLogisticRegression } from './ftrl-logistic-regression.js';
import { ItemStats } from './item-stats.js';
import { OnlineLearner } from './online-learner.js';
import { MAX_EXAMPLE_CLICK } from './session-examples.js';

/** Points of a session's probability history kept: its first clicks, where early prediction matters. */
export const MAX_PROBABILITY_HISTORY = MAX_EXAMPLE_CLICK;

interface BatchEntry {
  key: string;
  sessionId: string;
  at: number;
  facts: CommerceFacts;
  /** Features of a session that had not bought yet; absent for the purchase itself. */
  slots?: Int32Array;
  purchase: boolean;
}

/**
 * Scores sessions inside the ingestion path. The pipeline calls `score` after folding each event into
 * its profile (so the probability is saved with the profile in the batch's transaction), then
 * `commit` once the batch is durable — only then do the item counters and the online learner take the
 * batch in, so a batch that fails and is retried is never learned twice.
 */
export class SessionPurchaseScorer {
  private model: FtrlLogisticRegression;
  private items: ItemStats;
  private artifact: EppArtifact;
  private readonly learner: OnlineLearner;
  private batch: BatchEntry[] = [];
  /** The latest event time seen: sessions are timed out on the stream's clock, so a replay of old data learns too. */
  private streamTime = Number.NEGATIVE_INFINITY;

  constructor(artifact: EppArtifact) {
    this.artifact = artifact;
    this.model = FtrlLogisticRegression.fromState(artifact.ftrl);
    this.items = ItemStats.fromState(artifact.items);
    this.learner = new OnlineLearner(this.model);
  }

  /** The version scoring now. */
  get modelId(): string {
    return this.artifact.id;
  }

  /** Swaps in another version between batches; sessions waiting for an outcome teach the new model. */
  swap(artifact: EppArtifact): void {
    this.artifact = artifact;
    this.model = FtrlLogisticRegression.fromState(artifact.ftrl);
    this.items = ItemStats.fromState(artifact.items);
    this.learner.swapModel(this.model);
  }

  score(state: ProfileState, event: KairosEvent, facts: CommerceFacts): void {
    if (!isShoppingEvent(event)) return;
    const session = state.sessions[event.channel];
    if (session === undefined) return;
    const key = `${state.id}\u0000${event.channel}`;
    const entry: BatchEntry = { key, sessionId: session.id, at: event.timestamp, facts, purchase: facts.kind === 'purchase' };
    let probability: number;
    if (session.purchases > 0) probability = 1; // it has bought: the outcome is no longer in doubt
    else {
      const slots = eppFeatures(state, session, event, facts, this.items);
      probability = Math.round(this.model.predict(slots) * 1e4) / 1e4;
      if (session.events <= MAX_EXAMPLE_CLICK) entry.slots = slots;
    }
    session.purchaseProbability = probability;
    session.purchaseProbabilityModel = this.artifact.id;
    const history = (session.purchaseProbabilityHistory ??= []);
    if (history.length < MAX_PROBABILITY_HISTORY) history.push([session.events, probability]);
    this.batch.push(entry);
  }

  /** The batch is committed: count its items and learn from the sessions whose outcome it settled. */
  commit(): void {
    for (const entry of this.batch) {
      this.streamTime = Math.max(this.streamTime, entry.at);
      if (entry.slots !== undefined) this.learner.observe(entry.key, entry.sessionId, entry.at, entry.slots);
      if (entry.purchase) this.learner.purchased(entry.key, entry.sessionId);
      this.items.add(entry.facts);
    }
    this.batch = [];
    this.learner.expire(this.streamTime);
  }

  /** The batch failed: forget it (its events will be scored again when retried). */
  abort(): void {
    this.batch = [];
  }

  get learning(): OnlineLearner {
    return this.learner;
  }

  /**
   * The live state as an artifact (the weights as learned so far and the item counters), which from
   * now on names the version serving: the model in memory goes on as it is.
   */
  checkpoint(id: string, createdAt: Date, metrics: Record<string, unknown>): EppArtifact {
    this.artifact = {
      ...this.artifact,
      id,
      createdAt: createdAt.toISOString(),
      source: 'online',
      parent: this.artifact.id,
      metrics,
      ftrl: this.model.toState(),
      items: this.items.toState(),
    };
    return this.artifact;
  }
}
