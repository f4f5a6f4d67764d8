import type { ClickstreamFormat } from '../../datasets/clickstream-format.js';
import { readClickstream } from '../../datasets/read-clickstream.js';
import { inTimeOrder } from '../../datasets/time-order.js';
import type { RowTally } from '../../cli/row-tally.js';
import type { KairosEvent } from '../../ingestion/kairos-event.js';
import { normalizeMessage } from '../../ingestion/normalize-message.js';

/**
 * The events of a clickstream file (any format the replay command reads), in time order and
 * validated by the ingestion path's own rules. Bad rows are tallied with their line and skipped, so a
 * few broken rows never stop a training run.
 */
export async function* trainingEvents(file: string, tally: RowTally, format?: ClickstreamFormat): AsyncGenerator<KairosEvent> {
  const receivedAt = Date.now();
  for await (const row of inTimeOrder(() => readClickstream(file, format), { source: file })) {
    tally.rows++;
    if (row.error) {
      tally.reject(row.line, row.error.field, row.error.problem);
      continue;
    }
    const result = normalizeMessage(row.message, { receivedAt });
    if (!result.ok) {
      const first = result.errors[0];
      tally.reject(row.line, first?.field ?? '(row)', first?.problem ?? result.reason);
      continue;
    }
    tally.accepted++;
    yield result.event;
  }
}
