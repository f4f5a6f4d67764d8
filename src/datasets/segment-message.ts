/**
 * A Segment message exactly as a Segment client would POST it to `/v1/batch`: a plain JSON object
 * such as `{ type: 'track', event: 'Product Viewed', userId: '1', messageId: 'taobao-1', timestamp:
 * '2017-11-24T17:21:10.000Z', properties: { product_id: '2268318' }, context: { channel: 'web' } }`.
 *
 * Readers only map the shape of a file onto this; validation and normalisation stay in the ingestion
 * path (normalize-message.ts), so a replayed file and a live client are judged by the same rules.
 * That is why the type is deliberately loose rather than a copy of the ingestion schemas.
 */
export type SegmentMessage = Record<string, unknown>;

/** Why one row of a file could not be mapped: the column or field, and what is wrong with it. */
export interface RowError {
  field: string;
  problem: string;
}

/**
 * One row of a file: its 1-based line number and either the mapped message or the reason it could
 * not be mapped. Never both: a row that fails any check yields no half-filled message.
 *
 * @example
 * for await (const row of readClickstream('UserBehavior.csv.gz')) {
 *   if (row.error) console.error(`line ${row.line}: ${row.error.field}: ${row.error.problem}`);
 *   else batch.push(row.message!);
 * }
 */
export interface ReadRow<T> {
  line: number;
  message?: T;
  error?: RowError;
}
