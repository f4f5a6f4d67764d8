import type { StoredEvent } from './kairos-event.js';

/** A position in a profile's history, for paging: events are ordered by (timestamp, seq). */
export interface HistoryCursor {
  timestamp: number;
  seq: number;
}

/** The append-only event log, indexed by profile and time. */
export interface EventStore {
  /** Which of these messageIds are already in the log. */
  knownMessageIds(messageIds: string[]): Promise<Set<string>>;
  /** Appends events; `seq` is assigned by the store and written back onto each event. */
  append(events: StoredEvent[]): Promise<void>;
  /** A merge: the history of one profile becomes the other's. */
  reassignProfile(fromProfileId: string, toProfileId: string): Promise<void>;
  /** Oldest first, after the cursor. */
  history(profileId: string, options: { after?: HistoryCursor; limit: number }): Promise<StoredEvent[]>;
  /** Newest first. */
  latest(profileId: string, limit: number): Promise<StoredEvent[]>;
  /** Newest first: the profile's events with one of these names at or after `since` (epoch ms), at most `limit`. */
  namedSince(profileId: string, names: readonly string[], since: number, limit: number): Promise<StoredEvent[]>;
  /** Erasure; returns the number of events removed. */
  deleteProfile(profileId: string): Promise<number>;
  count(): Promise<number>;
  /** The whole log in the order it was appended, a page at a time: the events with seq > `afterSeq`, at most `limit`. */
  readAfter(afterSeq: number, limit: number): Promise<StoredEvent[]>;
  /** The seq of the latest event appended (0 for an empty log). */
  lastSeq(): Promise<number>;
  /** Events per type and name (track name, or the type for other calls), for checks and metrics. */
  countsByName(): Promise<Record<string, number>>;
}
