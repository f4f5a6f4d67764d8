import { requireId, requireOneOf, unixSecondsToIso } from './cell-parsers.js';
import { csvRecords } from './csv-records.js';
import { mapRecords, requireCellCount, type DatasetReadOptions } from './dataset-rows.js';
import { openTextLines } from './open-text-lines.js';
import type { ReadRow, SegmentMessage } from './segment-message.js';

export const TAOBAO_COLUMNS = 'user_id,item_id,category_id,behavior_type,timestamp';

/** Taobao's behaviours as Segment e-commerce spec events; the data says nothing more about them. */
export const TAOBAO_EVENTS: Readonly<Record<string, string>> = {
  pv: 'Product Viewed',
  cart: 'Product Added',
  fav: 'Product Added to Wishlist',
  buy: 'Order Completed',
};

/**
 * Reads Taobao UserBehavior (Alibaba Tianchi): header-less rows `user,item,category,behavior,unix
 * seconds`. Rows come in file order, which is grouped by user, not by time: see time-order.ts.
 *
 * @example
 * for await (const row of readTaobao('UserBehavior.csv.gz')) if (row.message) send(row.message);
 * // line 1 → { type: 'track', event: 'Product Viewed', userId: '1', messageId: 'taobao-1', … }
 */
export async function* readTaobao(file: string, options: DatasetReadOptions = {}): AsyncGenerator<ReadRow<SegmentMessage>> {
  const prefix = options.messageIdPrefix ?? 'taobao';
  yield* mapRecords(csvRecords(openTextLines(file)), (cells, line) => taobaoRowToMessage(cells, `${prefix}-${line}`));
}

/**
 * One Taobao row as a message. The data has no prices and no order ids: a buy becomes an order of
 * one unit whose id is the messageId, with no revenue rather than an invented one.
 */
export function taobaoRowToMessage(cells: string[], messageId: string): SegmentMessage {
  requireCellCount(cells, 5, 'Taobao UserBehavior', TAOBAO_COLUMNS);
  const [user, item, category, behavior, seconds] = cells;
  const userId = requireId(user, 'user_id');
  const productId = requireId(item, 'item_id');
  const categoryId = requireId(category, 'category_id');
  const event = requireOneOf(behavior, TAOBAO_EVENTS, 'behavior_type');
  const timestamp = unixSecondsToIso(seconds, 'timestamp');
  const product = { product_id: productId, category: categoryId };
  const properties =
    behavior === 'buy'
      ? { order_id: messageId, products: [{ ...product, quantity: 1 }] }
      : behavior === 'cart'
        ? { ...product, quantity: 1 }
        : product;
  return { type: 'track', event, userId, messageId, timestamp, properties, context: { channel: 'web' } };
}
