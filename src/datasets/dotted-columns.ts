/**
 * Dotted CSV columns (`properties.price`, `consent.email`) as nested JSON, shared by the Segment
 * events CSV and the customers file so both read cells by the same rules.
 */

/** Names that would write into Object.prototype when nesting by dots; refused in headers. */
const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** The dotted path of a header, or why it cannot be one (an empty or reserved name between dots). */
export function dottedPath(header: string): { path: string[] } | { problem: string } {
  const path = header.split('.');
  if (path.some((segment) => segment === '')) return { problem: `column "${header}" has an empty name between dots` };
  const unsafe = path.find((segment) => UNSAFE_NAMES.has(segment));
  if (unsafe !== undefined) return { problem: `column "${header}" uses the reserved name "${unsafe}"; rename the column` };
  return { path };
}

/** The first of `paths` that another one writes too or nests under (`a.b` and `a.b.c`), as two indexes. */
export function clashingPaths(paths: string[][]): [number, number] | undefined {
  const joined = paths.map((path) => path.join('.'));
  for (let index = 0; index < joined.length; index++) {
    const path = joined[index] as string;
    const other = joined.findIndex((candidate, otherIndex) => otherIndex !== index && (candidate === path || candidate.startsWith(`${path}.`)));
    if (other >= 0) return [index, other];
  }
  return undefined;
}

/**
 * How a cell's text becomes a value: `text` as is; `boolean` reads 'true'/'false'; `typed` also reads
 * numbers, but only canonical ones, so "00123" stays an id and no integer beyond 15 digits loses precision.
 */
export type CellKind = 'text' | 'boolean' | 'typed';

const CANONICAL_NUMBER = /^-?(0|[1-9]\d{0,14})(\.\d+)?$/;

export function cellValue(cell: string, kind: CellKind): unknown {
  if (kind === 'text') return cell;
  if (cell === 'true') return true;
  if (cell === 'false') return false;
  return kind === 'typed' && CANONICAL_NUMBER.test(cell) ? Number(cell) : cell;
}

/** Sets `value` at `path` inside `target`, creating the objects on the way. */
export function placeAt(target: Record<string, unknown>, path: string[], value: unknown): void {
  let object = target;
  for (const segment of path.slice(0, -1)) {
    object[segment] ??= {};
    object = object[segment] as Record<string, unknown>;
  }
  object[path.at(-1) as string] = value;
}
