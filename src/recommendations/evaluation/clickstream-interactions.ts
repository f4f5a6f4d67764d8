import type { RowTally } from '../../cli/row-tally.js';
import type { ClickstreamFormat } from '../../datasets/clickstream-format.js';
import type { KairosEvent } from '../../ingestion/kairos-event.js';
import { trainingEvents } from '../../models/epp/training-events.js';
import { SESSION_TIMEOUT_MS } from '../../profiles/feature-constants.js';
import { interactionsOf, type Interaction } from '../interaction.js';

/**
 * The interactions of a clickstream file (any format `kairos replay` reads), in time order, through
 * the ingestion path's validation and `interactionsOf`, as the live models receive them. The
 * shopper is the userId, else the anonymousId; the session is the file's own (`context.sessionId`,
 * REES46) or, when it has none (Taobao, RetailRocket), a shopper's run of events with no gap over
 * 30 minutes, the rule Kairos' profiles use.
 */
export async function clickstreamInteractions(file: string, tally: RowTally, format?: ClickstreamFormat): Promise<Interaction[]> {
  const interactions: Interaction[] = [];
  for await (const interaction of sessionInteractions(trainingEvents(file, tally, format))) interactions.push(interaction);
  return interactions;
}

/** The interactions of events in time order, streamed, with their shopper and session (see above). */
export async function* sessionInteractions(events: AsyncIterable<KairosEvent> | Iterable<KairosEvent>): AsyncGenerator<Interaction> {
  const lastSeen = new Map<string, { at: number; session: string }>();
  let seq = 0;
  for await (const event of events) {
    const profileId = event.userId ?? event.anonymousId ?? event.messageId;
    const given = typeof event.context.sessionId === 'string' ? event.context.sessionId : undefined;
    const previous = lastSeen.get(profileId);
    const sessionId = given ?? (previous !== undefined && event.timestamp - previous.at <= SESSION_TIMEOUT_MS ? previous.session : `${profileId}@${event.timestamp}`);
    lastSeen.set(profileId, { at: event.timestamp, session: sessionId });
    yield* interactionsOf({ ...event, seq: seq++, profileId, sessionId });
  }
}
