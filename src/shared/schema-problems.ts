import { Kind, type TSchema } from '@sinclair/typebox';
import type { TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';

/** The first thing wrong with a value, for people: where (JSON pointer and its segments) and why. */
export interface SchemaProblem {
  /** JSON pointer as TypeBox gives it, e.g. `/attributes/color`; '' for the value itself. */
  pointer: string;
  segments: string[];
  problem: string;
}

/** How a domain words some problems for people. */
export interface SchemaWording {
  /** By property name: the problem to report where TypeBox's message would quote a regular expression. */
  patterns?: Record<string, string>;
  /** What an unknown property is, e.g. 'is not a product field'. */
  unknownProperty?: string;
}

/**
 * Describes the first error of a value against a compiled TypeBox schema, the same way for HTTP routes
 * and file imports. Only the first: collecting all of them costs time on hostile input.
 */
export function firstProblem(check: TypeCheck<TSchema>, value: unknown, wording: SchemaWording = {}): SchemaProblem | undefined {
  const error = check.Errors(value).First();
  return error && describeError(error, wording);
}

function describeError(error: ValueError, wording: SchemaWording): SchemaProblem {
  // Read once: each branch's errors are an iterator, consumed by reading them.
  const branches = nonNullBranchErrors(error);
  const branch = error.type === ValueErrorType.Union ? (taggedUnionError(error) ?? onlyBranch(branches)) : undefined;
  if (branch) return describeError(branch, wording);
  const segments = error.path.split('/').slice(1).map(unescapePointer);
  return { pointer: error.path, segments, problem: problemOf(error, branches, segments.at(-1) ?? '', wording) };
}

/**
 * A union of objects told apart by a literal property (`{"type": "dwell", …} | {"type": "geofence", …}`)
 * is judged by the branch its tag names, so the problem is "seconds is required", not every branch's
 * complaint at once; an unknown tag is reported on the tag itself.
 */
function taggedUnionError(error: ValueError): ValueError | undefined {
  const branches = (error.schema.anyOf ?? []) as TSchema[];
  const value = error.value as Record<string, unknown>;
  if (branches.length === 0 || typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const tag = Object.keys(branches[0]!.properties ?? {}).find((key) => branches.every((branch) => branch.properties?.[key]?.const !== undefined));
  if (tag === undefined) return undefined;
  const tags = branches.map((branch) => String(branch.properties[tag].const));
  const chosen = branches.find((branch) => branch.properties[tag].const === value[tag]);
  if (!chosen) {
    return { ...error, path: `${error.path}/${tag}`, value: value[tag], message: `must be one of ${tags.join(', ')}`, errors: [], type: ValueErrorType.Literal };
  }
  const inner = Value.Errors(chosen, value).First();
  return inner && { ...inner, path: `${error.path}${inner.path}` };
}

/**
 * A nullable value (`T | null`) that is not null is judged by T, where its error lies: the problem of
 * `{"weight": 0}` is at `personalize/weight`, not at `personalize`. The null branch is left out: a null
 * value would have matched it.
 */
function onlyBranch(branches: ValueError[]): ValueError | undefined {
  return branches.length === 1 ? branches[0] : undefined;
}

/** The first error of each branch of a union, but the null branch's. */
function nonNullBranchErrors(error: ValueError): ValueError[] {
  return error.errors.map((branch) => branch.First()).filter((branch) => branch !== undefined && branch.schema[Kind] !== 'Null') as ValueError[];
}

function problemOf(error: ValueError, branches: ValueError[], key: string, wording: SchemaWording): string {
  // A union's own message is "Expected union value"; its branches say what would have been accepted.
  const literals = (error.schema.anyOf as TSchema[] | undefined)?.map((branch) => branch.const);
  if (error.type === ValueErrorType.Union && literals?.length && literals.every((literal) => typeof literal === 'string')) {
    return `must be one of ${literals.join(', ')}`;
  }
  if (branches.length > 1) return `expected ${branches.map((branch) => branch.message.replace(/^Expected /, '')).join(' or ')}`;
  if (error.type === ValueErrorType.ObjectRequiredProperty) return 'is required';
  if (error.type === ValueErrorType.ObjectAdditionalProperties) return wording.unknownProperty ?? 'is not an accepted field';
  const patternProblem = wording.patterns?.[key];
  if (error.type === ValueErrorType.StringPattern && patternProblem !== undefined) return patternProblem;
  if (error.type === ValueErrorType.StringMinLength && error.schema.minLength === 1) return 'must not be empty';
  return error.message.charAt(0).toLowerCase() + error.message.slice(1);
}

function unescapePointer(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}
