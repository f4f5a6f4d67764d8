import { epochMillisToIso, optionalText, requireId, requireOneOf, RowProblem } from './cell-parsers.js';
import { csvRecords } from './csv-records.js';
import { mapRecords, readDatasetHeader, requireCellCount, type DatasetReadOptions } from './dataset-rows.js';
import { openTextLines } from './open-text-lines.js';
import type { ReadRow, SegmentMessage } from './segment-message.js';

export const RETAILROCKET_COLUMNS = ['timestamp', 'visitorid', 'event', 'itemid', 'transactionid'] as const;

type RetailRocketColumn = (typeof RETAILROCKET_COLUMNS)[number];

export const RETAILROCKET_EVENTS: Readonly<Record<string, string>> = {
  view: 'Product Viewed',
  addtocart: 'Product Added',
  transaction: 'Order Completed',
};

/**
 * Reads RetailRocket's `events.csv` (Kaggle "Retailrocket recommender system dataset"): a header,
 * then `timestamp (ms),visitorid,event,itemid,transactionid`. Visitors are not logged in, so the
 * visitor id is the message's anonymousId.
 *
 * @example
 * for await (const row of readRetailRocket('events.csv')) if (row.message) send(row.message);
 * // → { type: 'track', event: 'Product Viewed', anonymousId: '257597', messageId: 'retailrocket-2', … }
 */
export async function* readRetailRocket(file: string, options: DatasetReadOptions = {}): AsyncGenerator<ReadRow<SegmentMessage>> {
  const prefix = options.messageIdPrefix ?? 'retailrocket';
  const records = csvRecords(openTextLines(file));
  try {
    const { columns, count } = await readDatasetHeader(records, file, 'RetailRocket', RETAILROCKET_COLUMNS);
    yield* mapRecords(records, (cells, line) => {
      requireCellCount(cells, count, 'RetailRocket', RETAILROCKET_COLUMNS.join(','));
      return retailRocketRowToMessage((column) => cells[columns[column]], `${prefix}-${line}`);
    });
  } finally {
    await records.return(undefined);
  }
}

/**
 * One RetailRocket row as a message. A transaction row is one item of the transaction; rows of one
 * transaction share its id, which becomes the order id. The data has no prices or categories here
 * (they are in item_properties.csv), so the messages carry none.
 */
export function retailRocketRowToMessage(cell: (column: RetailRocketColumn) => string | undefined, messageId: string): SegmentMessage {
  const timestamp = epochMillisToIso(cell('timestamp'), 'timestamp');
  const anonymousId = requireId(cell('visitorid'), 'visitorid');
  const eventName = cell('event')?.trim() ?? '';
  const event = requireOneOf(eventName, RETAILROCKET_EVENTS, 'event');
  const productId = requireId(cell('itemid'), 'itemid');
  const transactionId = optionalText(cell('transactionid'));
  let properties: Record<string, unknown>;
  if (eventName === 'transaction') {
    if (transactionId === undefined) throw new RowProblem('transactionid', 'is empty; a transaction row needs its transaction id');
    properties = { order_id: transactionId, products: [{ product_id: productId, quantity: 1 }] };
  } else {
    properties = eventName === 'addtocart' ? { product_id: productId, quantity: 1 } : { product_id: productId };
  }
  return { type: 'track', event, anonymousId, messageId, timestamp, properties, context: { channel: 'web' } };
}
