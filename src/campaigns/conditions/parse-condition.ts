import { Errors } from '../../shared/errors.js';
import {
  COMPARISON_OPERATORS,
  CONTEXT_ROOTS,
  COUNT_OPERATORS,
  parseDuration,
  type Comparison,
  type ComparisonOperator,
  type Condition,
  type CountOperator,
  type Scalar,
} from './condition.js';

const MAX_DEPTH = 16;
const MAX_NODES = 500;
const PATH_PATTERN = /^[A-Za-z_$][\w$-]*(\.[\w$-]+)*$/;

/**
 * Checks a condition as sent by a client and returns its typed form. Written by hand rather than as a
 * JSON schema: the language is a union of shapes, and a schema validator's errors for a failed union
 * ("must match exactly one schema in oneOf") would not tell a marketer which operator or path is wrong.
 * Every error names the path of the fault, e.g. `audience.all.2.gte`.
 */
export function parseCondition(input: unknown, at: string, options: { roots?: readonly string[] } = {}): Condition {
  const budget = { nodes: 0 };
  return parseNode(input, at, 0, options.roots ?? CONTEXT_ROOTS, budget);
}

function parseNode(input: unknown, at: string, depth: number, roots: readonly string[], budget: { nodes: number }): Condition {
  if (++budget.nodes > MAX_NODES) fail(at, `a condition may have at most ${MAX_NODES} parts`);
  if (depth > MAX_DEPTH) fail(at, `conditions may be nested at most ${MAX_DEPTH} levels deep`);
  if (!isObject(input)) fail(at, 'must be a condition object: {"all": […]}, {"any": […]}, {"not": …}, {"path": …, "<operator>": …} or {"count": …, "<operator>": …}');
  const keys = Object.keys(input);

  for (const group of ['all', 'any'] as const) {
    if (group in input) {
      onlyKeys(input, [group], at);
      const list = input[group];
      if (!Array.isArray(list) || list.length === 0) fail(`${at}.${group}`, 'must be a non-empty list of conditions');
      return { kind: group, of: list.map((item, i) => parseNode(item, `${at}.${group}.${i}`, depth + 1, roots, budget)) };
    }
  }
  if ('not' in input) {
    onlyKeys(input, ['not'], at);
    return { kind: 'not', of: parseNode(input.not, `${at}.not`, depth + 1, roots, budget) };
  }
  if ('count' in input) return parseCount(input, at, depth, budget);
  if ('path' in input) return { kind: 'compare', ...parseComparison(input, at, roots) };
  fail(at, `unknown condition with keys ${keys.map((key) => `"${key}"`).join(', ') || '(none)'}; expected all, any, not, path or count`);
}

function parseComparison(input: Record<string, unknown>, at: string, roots: readonly string[]): Comparison {
  const path = parsePath(input.path, `${at}.path`, roots);
  const operators = Object.keys(input).filter((key) => key !== 'path');
  if (operators.length !== 1) fail(at, `needs exactly one operator of ${COMPARISON_OPERATORS.join(', ')}; got ${operators.length}`);
  const op = operators[0]!;
  if (!(COMPARISON_OPERATORS as readonly string[]).includes(op)) fail(`${at}.${op}`, `unknown operator; use one of ${COMPARISON_OPERATORS.join(', ')}`);
  const value = input[op];
  const where = `${at}.${op}`;
  switch (op as ComparisonOperator) {
    case 'eq':
    case 'ne':
    case 'contains':
      return { path, op: op as 'eq', value: scalar(value, where) };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (typeof value !== 'number' && typeof value !== 'string') fail(where, 'must be a number, or a string (compared as text, e.g. an ISO date)');
      if (typeof value === 'number' && !Number.isFinite(value)) fail(where, 'must be a finite number');
      return { path, op: op as 'gt', value };
    case 'in':
      if (!Array.isArray(value) || value.length === 0) fail(where, 'must be a non-empty list of strings, numbers or booleans');
      return { path, op: 'in', value: value.map((item, i) => scalar(item, `${where}.${i}`)) };
    case 'exists':
      if (typeof value !== 'boolean') fail(where, 'must be true or false');
      return { path, op: 'exists', value };
    case 'withinLast':
      return { path, op: 'withinLast', value: duration(value, where) };
  }
}

function parseCount(input: Record<string, unknown>, at: string, depth: number, budget: { nodes: number }): Condition {
  const spec = input.count;
  if (!isObject(spec)) fail(`${at}.count`, 'must be an object: {"event": "Product Viewed", "in": "session" | "history", "withinLast"?: "7d", "where"?: condition}');
  onlyKeys(spec, ['event', 'in', 'withinLast', 'where'], `${at}.count`);
  if (typeof spec.event !== 'string' || spec.event.trim() === '') fail(`${at}.count.event`, 'must be the name of an event, e.g. "Product Viewed"');
  if (spec.in !== 'session' && spec.in !== 'history') fail(`${at}.count.in`, 'must be "session" or "history"');
  const query: Extract<Condition, { kind: 'count' }>['query'] = { event: spec.event, scope: spec.in };
  if (spec.withinLast !== undefined) query.withinMs = duration(spec.withinLast, `${at}.count.withinLast`);
  if (spec.where !== undefined) query.where = parseNode(spec.where, `${at}.count.where`, depth + 1, ['event'], budget);

  const operators = Object.keys(input).filter((key) => key !== 'count');
  if (operators.length !== 1) fail(at, `a count needs exactly one operator of ${COUNT_OPERATORS.join(', ')}; got ${operators.length}`);
  const op = operators[0]!;
  if (!(COUNT_OPERATORS as readonly string[]).includes(op)) fail(`${at}.${op}`, `a count is compared with one of ${COUNT_OPERATORS.join(', ')}`);
  const value = input[op];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) fail(`${at}.${op}`, 'must be a whole number of events, 0 or more');
  return { kind: 'count', query, op: op as CountOperator, value };
}

function parsePath(value: unknown, at: string, roots: readonly string[]): string {
  if (typeof value !== 'string' || !PATH_PATTERN.test(value)) fail(at, 'must be a dotted path such as "session.productViews"');
  const root = value.split('.')[0]!;
  if (!roots.includes(root)) fail(at, `must start with one of ${roots.join(', ')}; got "${root}"`);
  return value;
}

function scalar(value: unknown, at: string): Scalar {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  fail(at, 'must be a string, a finite number or a boolean');
}

function duration(value: unknown, at: string): number {
  const ms = typeof value === 'string' ? parseDuration(value) : undefined;
  if (ms === undefined || ms === 0) fail(at, 'must be a duration such as "90s", "30m", "12h", "7d" or "2w"');
  return ms;
}

function onlyKeys(input: Record<string, unknown>, allowed: string[], at: string): void {
  const extra = Object.keys(input).find((key) => !allowed.includes(key));
  if (extra !== undefined) fail(`${at}.${extra}`, `is not allowed here beside ${allowed.map((key) => `"${key}"`).join(', ')}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(field: string, problem: string): never {
  throw Errors.invalidRequest([{ field, problem }]);
}
