import { Kind, type TSchema } from '@sinclair/typebox';
import type { TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';

/** The first thing wrong with a value, for people: where (JSON pointer and its segments) and why. */
export interface SchemaProblem {
  /** JSON pointer as TypeBox gives it, e.g. `/attributes/color`; '' for the value itself. */
  pointer: string;
  segments: string[];
  problem: string;
}

/** Problems worded for people where TypeBox's message would quote a regular expression. */
const PATTERN_PROBLEMS: Record<string, string> = {
  name: 'must not be blank',
  currency: 'must be a 3-letter ISO 4217 code such as EUR',
  imageUrl: 'must be an absolute http(s) URL',
};

/**
 * Describes the first error of a value against a compiled product schema, the same way for the HTTP
 * routes and the file import. Only the first: collecting all of them costs time on hostile input.
 */
export function firstProblem(check: TypeCheck<TSchema>, value: unknown): SchemaProblem | undefined {
  const error = check.Errors(value).First();
  if (!error) return undefined;
  const segments = error.path.split('/').slice(1).map(unescapePointer);
  return { pointer: error.path, segments, problem: problemOf(error, segments.at(-1) ?? '') };
}

function problemOf(error: ValueError, key: string): string {
  // A union's own message is "Expected union value"; its branches say what would have been accepted.
  // The null branch is left out: a null value would have matched it.
  const branches = error.errors.map((branch) => branch.First()).filter((branch) => branch !== undefined);
  const relevant = branches.filter((branch) => branch.schema[Kind] !== 'Null');
  if (relevant.length === 1 && relevant[0]) return problemOf(relevant[0], key);
  if (relevant.length > 1) return `expected ${relevant.map((branch) => branch.message.replace(/^Expected /, '')).join(' or ')}`;
  if (error.type === ValueErrorType.ObjectRequiredProperty) return 'is required';
  if (error.type === ValueErrorType.ObjectAdditionalProperties) return 'is not a product field';
  if (error.type === ValueErrorType.StringPattern && PATTERN_PROBLEMS[key]) return PATTERN_PROBLEMS[key];
  if (error.type === ValueErrorType.StringMinLength && error.schema.minLength === 1) return 'must not be empty';
  return error.message.charAt(0).toLowerCase() + error.message.slice(1);
}

function unescapePointer(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}
