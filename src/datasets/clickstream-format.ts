import { Errors } from '../shared/errors.js';
import { splitQuotedRecord } from './csv-records.js';
import { sniffLines } from './sniff-lines.js';

/** The file shapes `readClickstream` reads; see the reader of each for the mapping. */
export const CLICKSTREAM_FORMATS = ['taobao', 'rees46', 'retailrocket', 'segment-jsonl', 'segment-csv'] as const;
export type ClickstreamFormat = (typeof CLICKSTREAM_FORMATS)[number];

const TAOBAO_BEHAVIORS = new Set(['pv', 'cart', 'fav', 'buy']);

/**
 * Tells the format of a clickstream file (gzipped or not) from its first line: a REES46, RetailRocket
 * or Segment CSV header, a header-less Taobao UserBehavior row, or a JSON object (Segment JSONL).
 * Anything else throws `Errors.badFile` listing what was expected.
 *
 * @example
 * await detectClickstreamFormat('samples/taobao-head-20000.csv.gz') // → 'taobao'
 */
export async function detectClickstreamFormat(file: string): Promise<ClickstreamFormat> {
  const [first] = await sniffLines(file, 1);
  const text = first?.text.replace(/^\uFEFF/, '').trim() ?? '';
  const format = formatOfFirstLine(text);
  if (format !== undefined) return format;
  throw Errors.badFile(
    file,
    'is not a clickstream Kairos can read. Expected Taobao UserBehavior rows without a header ' +
      '(user_id,item_id,category_id,behavior_type,timestamp with behaviour pv, cart, fav or buy), a REES46 header ' +
      '(event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session), a RetailRocket ' +
      'header (timestamp,visitorid,event,itemid,transactionid), a Segment CSV header (type,event,userId,anonymousId,…) ' +
      `or Segment JSONL (one JSON object per line). Its first line is: ${JSON.stringify(text.slice(0, 120))}`,
  );
}

/** The format a (BOM-less, trimmed) first line announces, or undefined. */
export function formatOfFirstLine(text: string): ClickstreamFormat | undefined {
  if (text.startsWith('{')) return 'segment-jsonl';
  const cells = (text.includes('"') ? splitQuotedRecord(text) : text.split(','))?.map((cell) => cell.trim().toLowerCase());
  if (!cells) return undefined;
  const has = (...names: string[]) => names.every((name) => cells.includes(name));
  if (has('event_time', 'event_type', 'product_id')) return 'rees46';
  if (has('timestamp', 'visitorid', 'event', 'itemid')) return 'retailrocket';
  if ((has('type') || has('event')) && (has('userid') || has('anonymousid'))) return 'segment-csv';
  if (cells.length === 5 && TAOBAO_BEHAVIORS.has(cells[3] ?? '') && /^\d+$/.test(cells[4] ?? '')) return 'taobao';
  return undefined;
}
