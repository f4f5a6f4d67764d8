import { csvRecords } from '../../datasets/csv-records.js';
import { openTextLines } from '../../datasets/open-text-lines.js';
import type { RowTally } from '../../cli/row-tally.js';
import { featureSlot, logBucket } from '../epp/feature-hashing.js';

/** The UCI Online Shoppers Purchasing Intention table's columns, in file order (see its README). */
export const UCI_COLUMNS = [
  'Administrative', 'Administrative_Duration', 'Informational', 'Informational_Duration', 'ProductRelated', 'ProductRelated_Duration',
  'BounceRates', 'ExitRates', 'PageValues', 'SpecialDay', 'Month', 'OperatingSystems', 'Browser', 'Region', 'TrafficType', 'VisitorType', 'Weekend', 'Revenue',
] as const;

const NUMERIC = new Set(UCI_COLUMNS.slice(0, 10));

export interface UciSession {
  /** The hashed view (FTRL's input). */
  slots: Int32Array;
  /** The dense view (the trees' input): the ten numbers as they are, then month, OS, browser, region, traffic type, visitor type and weekend as codes. */
  dense: Float32Array;
  label: 0 | 1;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'June', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const VISITOR_TYPES = ['Returning_Visitor', 'New_Visitor', 'Other'];

/**
 * Reads the table (one row per whole session) as hashed features for the same FTRL learner the
 * clickstream model uses — counts and durations on a log scale, bounce and exit rates in steps of
 * 0.01, page value on a log scale and crossed with the visitor type, the rest as categories — and as
 * a dense row for trees, which bin the raw numbers themselves. Bad rows are tallied with their line
 * and skipped.
 */
export async function readUciSessions(file: string, tally: RowTally): Promise<UciSession[]> {
  const sessions: UciSession[] = [];
  for await (const record of csvRecords(openTextLines(file))) {
    if ('error' in record) {
      tally.rows++;
      tally.reject(record.line, record.error.field, record.error.problem);
      continue;
    }
    if (record.line === 1 && record.cells[0] === UCI_COLUMNS[0]) continue; // the header
    tally.rows++;
    const session = uciRow(record.cells.map((cell) => cell.trim()));
    if ('problem' in session) tally.reject(record.line, session.field, session.problem);
    else {
      tally.accepted++;
      sessions.push(session);
    }
  }
  return sessions;
}

function uciRow(cells: string[]): UciSession | { field: string; problem: string } {
  if (cells.length !== UCI_COLUMNS.length) return { field: '(row)', problem: `has ${cells.length} columns; expected ${UCI_COLUMNS.length}` };
  const value = (column: (typeof UCI_COLUMNS)[number]) => cells[UCI_COLUMNS.indexOf(column)]!;
  for (const column of NUMERIC) {
    const number = Number(value(column));
    if (value(column) === '' || !Number.isFinite(number) || number < 0) return { field: column, problem: `must be a non-negative number; got "${value(column)}"` };
  }
  const revenue = value('Revenue');
  if (revenue !== 'TRUE' && revenue !== 'FALSE') return { field: 'Revenue', problem: `must be TRUE or FALSE; got "${revenue}"` };
  const number = (column: (typeof UCI_COLUMNS)[number]) => Number(value(column));
  const pageValue = logBucket(number('PageValues'));
  const names = [
    `admin=${logBucket(number('Administrative'))}`,
    `admin_time=${logBucket(number('Administrative_Duration'))}`,
    `info=${logBucket(number('Informational'))}`,
    `info_time=${logBucket(number('Informational_Duration'))}`,
    `product_pages=${logBucket(number('ProductRelated'))}`,
    `product_time=${logBucket(number('ProductRelated_Duration'))}`,
    `bounce=${Math.min(20, Math.round(number('BounceRates') * 100))}`,
    `exit=${Math.min(20, Math.round(number('ExitRates') * 100))}`,
    `page_value=${pageValue}`,
    `special_day=${value('SpecialDay')}`,
    `month=${value('Month')}`,
    `os=${value('OperatingSystems')}`,
    `browser=${value('Browser')}`,
    `region=${value('Region')}`,
    `traffic=${value('TrafficType')}`,
    `visitor=${value('VisitorType')}`,
    `weekend=${value('Weekend')}`,
    `page_value×visitor=${pageValue}×${value('VisitorType')}`,
    `page_value×month=${pageValue}×${value('Month')}`,
    `page_value×exit=${pageValue}×${Math.min(10, Math.round(number('ExitRates') * 50))}`,
  ];
  const code = (column: (typeof UCI_COLUMNS)[number]) => (Number.isFinite(number(column)) ? number(column) : -1);
  const dense = Float32Array.from([
    ...[...NUMERIC].map(number),
    MONTHS.indexOf(value('Month')),
    code('OperatingSystems'),
    code('Browser'),
    code('Region'),
    code('TrafficType'),
    VISITOR_TYPES.indexOf(value('VisitorType')),
    value('Weekend') === 'TRUE' ? 1 : 0,
  ]);
  return { slots: Int32Array.from(names.map(featureSlot)), dense, label: revenue === 'TRUE' ? 1 : 0 };
}
