/**
 * The condition language of audiences and triggers (docs/decisions.md). A condition is JSON, checked
 * when a campaign is saved (parse-condition.ts) and compiled once to a closure (compile-condition.ts).
 */
export type Scalar = string | number | boolean;

export const COMPARISON_OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'exists', 'withinLast'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** The operators a count can be compared with. */
export const COUNT_OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const;
export type CountOperator = (typeof COUNT_OPERATORS)[number];

/** The roots a path may start with: the parts of a decision's context. */
export const CONTEXT_ROOTS = ['profile', 'session', 'lifetime', 'context', 'product', 'cart', 'event', 'store'] as const;
export type ContextRoot = (typeof CONTEXT_ROOTS)[number];

export type Comparison =
  | { path: string; op: 'eq' | 'ne'; value: Scalar }
  | { path: string; op: 'gt' | 'gte' | 'lt' | 'lte'; value: number | string }
  | { path: string; op: 'in'; value: Scalar[] }
  | { path: string; op: 'contains'; value: Scalar }
  | { path: string; op: 'exists'; value: boolean }
  | { path: string; op: 'withinLast'; value: number };

export interface CountQuery {
  event: string;
  scope: 'session' | 'history';
  /** Only events newer than this many milliseconds count. */
  withinMs?: number;
  /** A condition on each counted event (paths under `event.`). */
  where?: Condition;
}

export type Condition =
  | { kind: 'all'; of: Condition[] }
  | { kind: 'any'; of: Condition[] }
  | { kind: 'not'; of: Condition }
  | ({ kind: 'compare' } & Comparison)
  | { kind: 'count'; query: CountQuery; op: CountOperator; value: number };

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** `"90s"`, `"30m"`, `"12h"`, `"7d"`, `"2w"` → milliseconds; undefined when not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,6})([smhdw])$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** Every count a condition asks for (they are fetched once per decision, before evaluation). */
export function countQueriesOf(condition: Condition): CountQuery[] {
  switch (condition.kind) {
    case 'all':
    case 'any':
      return condition.of.flatMap(countQueriesOf);
    case 'not':
      return countQueriesOf(condition.of);
    case 'count':
      return [condition.query];
    case 'compare':
      return [];
  }
}

/**
 * The event names a trigger condition can possibly match, when it pins `event.name` (with `eq` or `in`
 * at the top, or inside a top-level `all`, or in every branch of an `any`); undefined when any event
 * might match. Lets the trigger engine skip most events without building a decision context.
 */
export function eventNamesOf(condition: Condition): Set<string> | undefined {
  switch (condition.kind) {
    case 'compare':
      if (condition.path !== 'event.name') return undefined;
      if (condition.op === 'eq' && typeof condition.value === 'string') return new Set([condition.value]);
      if (condition.op === 'in') return new Set(condition.value.filter((value): value is string => typeof value === 'string'));
      return undefined;
    case 'all':
      for (const part of condition.of) {
        const names = eventNamesOf(part);
        if (names !== undefined) return names;
      }
      return undefined;
    case 'any': {
      const names = new Set<string>();
      for (const part of condition.of) {
        const partNames = eventNamesOf(part);
        if (partNames === undefined) return undefined;
        for (const name of partNames) names.add(name);
      }
      return names;
    }
    default:
      return undefined;
  }
}
