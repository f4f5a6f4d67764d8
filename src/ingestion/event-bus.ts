import type { ProfileState } from '../profiles/profile-state.js';
import type { StoredEvent } from './kairos-event.js';

/** What listeners receive after a batch is committed: the stored events and their profiles' new state. */
export interface IngestedBatch {
  events: readonly StoredEvent[];
  profiles: ReadonlyMap<string, ProfileState>;
  /** Profiles merged into others in this batch: merged id → surviving id. */
  mergedInto: ReadonlyMap<string, string>;
}

export type IngestionListener = (batch: IngestedBatch) => void | Promise<void>;

/**
 * The in-process event flow later parts subscribe to (decisions, models, recommendations). Listeners
 * run after the commit, in subscription order; one that throws is reported and never fails ingestion
 * or the listeners after it. The NATS JetStream bus of the scale-out issue implements the same shape.
 */
export class EventBus {
  private readonly listeners = new Map<string, IngestionListener>();

  constructor(private readonly onListenerError: (listenerName: string, error: unknown) => void) {}

  subscribe(name: string, listener: IngestionListener): () => void {
    if (this.listeners.has(name)) throw new Error(`a listener named "${name}" is already subscribed`);
    this.listeners.set(name, listener);
    return () => this.listeners.delete(name);
  }

  async publish(batch: IngestedBatch): Promise<void> {
    for (const [name, listener] of this.listeners) {
      try {
        await listener(batch);
      } catch (error) {
        this.onListenerError(name, error);
      }
    }
  }
}
