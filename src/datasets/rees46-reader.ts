import { optionalText, requireAmount, requireId, requireOneOf, utcDateTimeToIso } from './cell-parsers.js';
import { csvRecords } from './csv-records.js';
import { mapRecords, readDatasetHeader, requireCellCount, type DatasetReadOptions } from './dataset-rows.js';
import { openTextLines } from './open-text-lines.js';
import type { ReadRow, SegmentMessage } from './segment-message.js';

export const REES46_COLUMNS = [
  'event_time',
  'event_type',
  'product_id',
  'category_id',
  'category_code',
  'brand',
  'price',
  'user_id',
  'user_session',
] as const;

type Rees46Column = (typeof REES46_COLUMNS)[number];

export const REES46_EVENTS: Readonly<Record<string, string>> = {
  view: 'Product Viewed',
  cart: 'Product Added',
  remove_from_cart: 'Product Removed',
  purchase: 'Order Completed',
};

/**
 * Reads a REES46 "eCommerce behavior data from multi category store" file (Kaggle, mkechinov): a
 * header, then one row per event, in time order. `user_session` becomes `context.sessionId`, which
 * Kairos honours instead of cutting sessions at 30 minutes of inactivity.
 *
 * @example
 * for await (const row of readRees46('2019-Oct.csv.gz')) if (row.message) send(row.message);
 * // line 2 → { type: 'track', event: 'Product Viewed', userId: '541312140', messageId: 'rees46-2', … }
 */
export async function* readRees46(file: string, options: DatasetReadOptions = {}): AsyncGenerator<ReadRow<SegmentMessage>> {
  const prefix = options.messageIdPrefix ?? 'rees46';
  const records = csvRecords(openTextLines(file));
  try {
    const { columns, count } = await readDatasetHeader(records, file, 'REES46', REES46_COLUMNS);
    yield* mapRecords(records, (cells, line) => {
      requireCellCount(cells, count, 'REES46', REES46_COLUMNS.join(','));
      return rees46RowToMessage((column) => cells[columns[column]], prefix, line);
    });
  } finally {
    await records.return(undefined); // also when the header is refused: close the file
  }
}

/**
 * One REES46 row as a message. One purchase row is one product, so it becomes an order of that one
 * unit: revenue is its price and the order id is made from the session and the line, because the
 * data has no order id (two products bought together are two orders here).
 */
export function rees46RowToMessage(cell: (column: Rees46Column) => string | undefined, prefix: string, line: number): SegmentMessage {
  const timestamp = utcDateTimeToIso(cell('event_time'), 'event_time');
  const eventType = cell('event_type')?.trim() ?? '';
  const event = requireOneOf(eventType, REES46_EVENTS, 'event_type');
  const productId = requireId(cell('product_id'), 'product_id');
  const categoryId = optionalText(cell('category_id'));
  const category = optionalText(cell('category_code')) ?? categoryId;
  const brand = optionalText(cell('brand'));
  const priceCell = optionalText(cell('price'));
  const price = priceCell === undefined ? undefined : requireAmount(priceCell, 'price');
  const userId = requireId(cell('user_id'), 'user_id');
  // A few rows of the full data set have no session; Kairos then sessionises by inactivity.
  const sessionId = optionalText(cell('user_session'));
  const messageId = `${prefix}-${line}`;

  const product: Record<string, unknown> = { product_id: productId };
  if (category !== undefined) product.category = category;
  if (brand !== undefined) product.brand = brand;
  if (price !== undefined) product.price = price;
  product.quantity = 1;
  const properties: Record<string, unknown> =
    eventType === 'purchase'
      ? {
          order_id: sessionId === undefined ? `${prefix}-order-${line}` : `${sessionId}-${line}`,
          ...(price === undefined ? {} : { revenue: price }),
          products: [product],
        }
      : product;
  const context: Record<string, unknown> = { channel: 'web' };
  if (sessionId !== undefined) context.sessionId = sessionId;
  return { type: 'track', event, userId, messageId, timestamp, properties, context };
}
