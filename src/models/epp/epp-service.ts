import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Errors } from '../../shared/errors.js';
import type { Clock } from '../../shared/clock.js';
import { classificationMetrics } from '../evaluation/classification-metrics.js';
import type { ModelStore, ModelVersion } from '../model-store.js';
import { decodeArtifact, encodeArtifact, EPP_MODEL_KIND, InvalidArtifactError, validateArtifact, type EppArtifact } from './epp-artifact.js';
import { SessionPurchaseScorer } from './session-purchase-scorer.js';

/**
 * The model served when the store has none: trained by `kairos train epp` on the Taobao sample that
 * ships in samples/ (see models/README.md), so a fresh install predicts from its first event.
 */
export const DEFAULT_EPP_ARTIFACT = fileURLToPath(new URL('../../../models/default-epp.json.gz', import.meta.url));

/** How often the server stores what the live learner has learned. */
export const EPP_CHECKPOINT_INTERVAL_MS = 10 * 60_000;
/** Fewer new examples than this since the last checkpoint are not worth a new version. */
const MIN_CHECKPOINT_UPDATES = 100;

export interface EppServiceDeps {
  store: ModelStore;
  clock: Clock;
  /** The artifact served until the store's active version is loaded, and when there is none. */
  fallback?: EppArtifact;
  onError: (error: unknown, what: string) => void;
}

/**
 * Early purchase prediction as a running service: the scorer the ingestion pipeline calls, the stored
 * versions, swaps without a restart, and checkpoints of what the live learner has learned.
 */
export class EppService {
  readonly scorer: SessionPurchaseScorer;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private readonly loading: Promise<void>;

  constructor(private readonly deps: EppServiceDeps) {
    this.scorer = new SessionPurchaseScorer(deps.fallback ?? decodeArtifact(readFileSync(DEFAULT_EPP_ARTIFACT)));
    // Settles within microtasks (the embedded store is synchronous underneath), before any batch is written.
    this.loading = this.loadActive();
  }

  /** Resolves once the store's active version (if any) is serving. */
  ready(): Promise<void> {
    return this.loading;
  }

  /** Serves the store's active version, if it has one. A corrupt one is reported and left out of service. */
  private async loadActive(): Promise<void> {
    const active = await this.deps.store.active(EPP_MODEL_KIND);
    if (active === undefined) return;
    try {
      this.scorer.swap(decodeArtifact(active.artifact));
    } catch (error) {
      this.deps.onError(error, `loading model version ${active.version.id}`);
    }
  }

  /** Validates an uploaded artifact, stores it and, unless told otherwise, serves it from the next batch. */
  async install(body: unknown, activate = true): Promise<ModelVersion> {
    const artifact = refuseInvalid(() => validateArtifact(body));
    if (await this.deps.store.get(artifact.id)) throw Errors.conflict('id', `a model version "${artifact.id}" is already stored; give the new one another id`);
    const version = versionOf(artifact, activate);
    await this.deps.store.save({ version, artifact: encodeArtifact(artifact) });
    if (activate) this.scorer.swap(artifact);
    return version;
  }

  /** Serves a stored version (a rollback, or one installed inactive). */
  async activate(id: string): Promise<ModelVersion> {
    const stored = await this.deps.store.get(id);
    if (stored === undefined || stored.version.kind !== EPP_MODEL_KIND) throw Errors.modelVersionNotFound(id);
    const artifact = refuseInvalid(() => decodeArtifact(stored.artifact));
    await this.deps.store.activate(id);
    this.scorer.swap(artifact);
    return { ...stored.version, active: true };
  }

  async versions(): Promise<ModelVersion[]> {
    return this.deps.store.list(EPP_MODEL_KIND);
  }

  async version(id: string): Promise<ModelVersion> {
    const stored = await this.deps.store.get(id);
    if (stored === undefined || stored.version.kind !== EPP_MODEL_KIND) throw Errors.modelVersionNotFound(id);
    return stored.version;
  }

  /** The version scoring now. */
  async servingId(): Promise<string> {
    await this.loading;
    return this.scorer.modelId;
  }

  /**
   * Stores what the live learner has learned as a new active version, with its progressive-validation
   * metrics (each example scored just before it was learned). Nothing when too little was learned.
   */
  async checkpoint(): Promise<ModelVersion | undefined> {
    const tally = this.scorer.learning.takeTally();
    if (tally.updates < MIN_CHECKPOINT_UPDATES) return undefined;
    const positives = tally.labels.reduce((sum, label) => sum + label, 0);
    const progressive = positives > 0 && positives < tally.labels.length ? classificationMetrics(tally.scores, tally.labels) : undefined;
    const now = new Date(this.deps.clock.now());
    const metrics = {
      progressive: {
        examples: tally.updates,
        positives,
        ...(progressive ? { rocAuc: progressive.rocAuc, prAuc: progressive.prAuc, logLoss: progressive.logLoss, ece: progressive.ece } : {}),
      },
    };
    const artifact = this.scorer.checkpoint(`epp-online-${now.toISOString().replace(/[:.]/g, '-')}`, now, metrics);
    const version = versionOf(artifact, true);
    await this.deps.store.save({ version, artifact: encodeArtifact(artifact) });
    return version;
  }

  /** Checkpoints the live learner every `intervalMs` (the server starts it; tests and the CLI do not). */
  start(intervalMs: number): void {
    this.checkpointTimer ??= setInterval(() => {
      this.checkpoint().catch((error: unknown) => this.deps.onError(error, 'checkpointing the purchase model'));
    }, intervalMs);
    this.checkpointTimer.unref();
  }

  /** Stops checkpointing, keeping what was learned since the last one. */
  async stop(): Promise<void> {
    await this.loading;
    if (this.checkpointTimer === undefined) return;
    clearInterval(this.checkpointTimer);
    this.checkpointTimer = undefined;
    await this.checkpoint();
  }
}

function refuseInvalid(read: () => EppArtifact): EppArtifact {
  try {
    return read();
  } catch (error) {
    if (error instanceof InvalidArtifactError) throw Errors.invalidModel(error.field, error.problem);
    throw error;
  }
}

function versionOf(artifact: EppArtifact, active: boolean): ModelVersion {
  const version: ModelVersion = { id: artifact.id, kind: EPP_MODEL_KIND, createdAt: Date.parse(artifact.createdAt), source: artifact.source, metrics: artifact.metrics, active };
  if (artifact.parent !== undefined) version.parent = artifact.parent;
  return version;
}
