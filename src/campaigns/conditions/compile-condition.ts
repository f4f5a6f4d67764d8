import type { Comparison, Condition, CountOperator, CountQuery } from './condition.js';

/** What a condition is evaluated against: the decision's context, by root (`session`, `product`, …). */
export interface ConditionContext {
  now: number;
  values: Readonly<Record<string, unknown>>;
  /** How many events of the query's scope and window satisfy `matches` (prefetched by the caller). */
  countEvents(query: CountQuery, matches: (event: Record<string, unknown>) => boolean): number;
}

export type CompiledCondition = (context: ConditionContext) => boolean;

/**
 * Turns a parsed condition into a closure, once, when a campaign is loaded: paths are split ahead of
 * time and evaluation does no parsing or I/O. Semantics (docs/decisions.md): a missing value fails
 * every operator except `ne` and `exists: false`; `gt`…`lte` compare numbers with numbers and strings
 * with strings only; `in` on a list value asks whether any element is in the set.
 */
export function compileCondition(condition: Condition): CompiledCondition {
  switch (condition.kind) {
    case 'all': {
      const parts = condition.of.map(compileCondition);
      return (context) => parts.every((part) => part(context));
    }
    case 'any': {
      const parts = condition.of.map(compileCondition);
      return (context) => parts.some((part) => part(context));
    }
    case 'not': {
      const inner = compileCondition(condition.of);
      return (context) => !inner(context);
    }
    case 'compare':
      return compileComparison(condition);
    case 'count': {
      const { query, op, value } = condition;
      const where = query.where === undefined ? undefined : compileCondition(query.where);
      return (context) => {
        const matches = where === undefined ? () => true : (event: Record<string, unknown>) => where({ ...context, values: { event } });
        return compareNumbers(context.countEvents(query, matches), op, value);
      };
    }
  }
}

function compileComparison(comparison: Comparison): CompiledCondition {
  const segments = comparison.path.split('.');
  const read = (context: ConditionContext) => valueAt(context.values, segments);
  switch (comparison.op) {
    case 'eq': {
      const expected = comparison.value;
      return (context) => read(context) === expected;
    }
    case 'ne': {
      const expected = comparison.value;
      return (context) => read(context) !== expected;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const { op, value: bound } = comparison;
      return (context) => {
        const actual = read(context);
        if (typeof actual !== typeof bound || (typeof actual !== 'number' && typeof actual !== 'string')) return false;
        return compareOrdered(actual, op, bound);
      };
    }
    case 'in': {
      const allowed = new Set(comparison.value);
      return (context) => {
        const actual = read(context);
        return Array.isArray(actual) ? actual.some((item) => allowed.has(item as never)) : allowed.has(actual as never);
      };
    }
    case 'contains': {
      const needle = comparison.value;
      return (context) => {
        const actual = read(context);
        if (Array.isArray(actual)) return actual.includes(needle);
        return typeof actual === 'string' && typeof needle === 'string' && actual.includes(needle);
      };
    }
    case 'exists': {
      const wanted = comparison.value;
      return (context) => {
        const actual = read(context);
        return (actual !== undefined && actual !== null) === wanted;
      };
    }
    case 'withinLast': {
      const windowMs = comparison.value;
      return (context) => {
        const at = timeOf(read(context));
        return at !== undefined && at <= context.now && context.now - at <= windowMs;
      };
    }
  }
}

function valueAt(values: Readonly<Record<string, unknown>>, segments: string[]): unknown {
  let current: unknown = values;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Epoch milliseconds from a number or an ISO-8601 string. */
function timeOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

function compareOrdered<T extends number | string>(actual: T, op: 'gt' | 'gte' | 'lt' | 'lte', bound: T): boolean {
  switch (op) {
    case 'gt':
      return actual > bound;
    case 'gte':
      return actual >= bound;
    case 'lt':
      return actual < bound;
    case 'lte':
      return actual <= bound;
  }
}

function compareNumbers(actual: number, op: CountOperator, bound: number): boolean {
  if (op === 'eq') return actual === bound;
  if (op === 'ne') return actual !== bound;
  return compareOrdered(actual, op, bound);
}
