/**
 * Parsers for the cells of dataset rows. Each returns the value or throws a `RowProblem` naming the
 * column, so a mapping reads top to bottom and a row either maps completely or not at all.
 */
export class RowProblem extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'RowProblem';
  }
}

/** An identifier cell (user, item, session): not blank, at most 256 characters as the API allows. */
export function requireId(cell: string | undefined, field: string): string {
  const value = cell?.trim() ?? '';
  if (value === '') throw new RowProblem(field, 'is empty');
  if (value.length > 256) throw new RowProblem(field, `is ${value.length} characters; identifiers have at most 256`);
  return value;
}

/** The cell trimmed, or undefined when empty: optional columns such as brand. */
export function optionalText(cell: string | undefined): string | undefined {
  const value = cell?.trim() ?? '';
  return value === '' ? undefined : value;
}

const UNSIGNED_DECIMAL = /^(\d+\.?\d*|\.\d+)$/;

/** A price or amount: a non-negative decimal with a dot. */
export function requireAmount(cell: string | undefined, field: string): number {
  const value = cell?.trim() ?? '';
  if (!UNSIGNED_DECIMAL.test(value)) throw new RowProblem(field, `is ${JSON.stringify(value)}, not a non-negative decimal number`);
  return Number(value);
}

/** Unix seconds (Taobao) as an ISO-8601 time. */
export function unixSecondsToIso(cell: string | undefined, field: string): string {
  const value = cell?.trim() ?? '';
  if (!/^\d{1,11}$/.test(value)) throw new RowProblem(field, `is ${JSON.stringify(value)}, not unix seconds`);
  return new Date(Number(value) * 1000).toISOString();
}

/** Epoch milliseconds (RetailRocket) as an ISO-8601 time. */
export function epochMillisToIso(cell: string | undefined, field: string): string {
  const value = cell?.trim() ?? '';
  if (!/^\d{1,15}$/.test(value)) throw new RowProblem(field, `is ${JSON.stringify(value)}, not epoch milliseconds`);
  return new Date(Number(value)).toISOString();
}

const UTC_DATE_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC$/;

/** REES46's `2019-10-01 00:00:00 UTC` as an ISO-8601 time; impossible dates (02-30) are refused. */
export function utcDateTimeToIso(cell: string | undefined, field: string): string {
  const value = cell?.trim() ?? '';
  const match = UTC_DATE_TIME.exec(value);
  const iso = match ? `${match[1]}T${match[2]}.000Z` : undefined;
  if (iso === undefined || Number.isNaN(Date.parse(iso)) || new Date(iso).toISOString() !== iso) {
    throw new RowProblem(field, `is ${JSON.stringify(value)}, not a time like "2019-10-01 00:00:00 UTC"`);
  }
  return iso;
}

/** The entry of `table` the cell names (own keys only, so "constructor" is not a behaviour). */
export function requireOneOf<T>(cell: string | undefined, table: Readonly<Record<string, T>>, field: string): T {
  const value = cell?.trim() ?? '';
  if (!Object.hasOwn(table, value)) {
    const names = Object.keys(table);
    throw new RowProblem(field, `is ${JSON.stringify(value)}; expected ${names.slice(0, -1).join(', ')} or ${names.at(-1)}`);
  }
  return table[value] as T;
}
