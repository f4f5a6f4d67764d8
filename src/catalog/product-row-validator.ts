import { Kind, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { productFromInput } from './product-input.js';
import { ProductIdSchema, ProductInputSchema, type Product } from './product.js';

/** A row of a products file: the PUT body with the id beside it. */
const ProductRowSchema = Type.Object(
  { id: ProductIdSchema, ...ProductInputSchema.properties },
  { additionalProperties: false },
);

const rowCheck = TypeCompiler.Compile(ProductRowSchema);

/** What is wrong with a row: the field (a product field, `attributes.<name>` or `row`) and why. */
export interface RowProblem {
  field: string;
  problem: string;
}

export type RowValidation = { product: Product; error?: undefined } | { product?: undefined; error: RowProblem };

/** One row of a products file: a whole valid product, or the problem that kept it out. Never both. */
export type ProductFileRow = RowValidation & { line: number };

/**
 * Checks one row against the same schema as the PUT body and normalises it the same way, so an
 * imported product and a PUT one obey the same rules. Reports the first problem only.
 *
 * @example
 * validateProductRow({ id: 'sku-1', name: 'Shoe', price: -1 })
 * // → { error: { field: 'price', problem: 'expected number to be greater or equal to 0' } }
 */
export function validateProductRow(row: unknown): RowValidation {
  if (rowCheck.Check(row)) {
    const { id, ...input } = row;
    return { product: productFromInput(id, input) };
  }
  const first = rowCheck.Errors(row).First();
  return { error: first ? describeError(first) : { field: 'row', problem: 'is not a valid product' } };
}

/** Problems worded for people where TypeBox's message would quote a regular expression. */
const PATTERN_PROBLEMS: Record<string, string> = {
  name: 'must not be blank',
  currency: 'must be a 3-letter ISO 4217 code such as EUR',
  imageUrl: 'must be an absolute http(s) URL',
};

function describeError(error: ValueError): RowProblem {
  const segments = error.path.split('/').slice(1).map(unescapePointer);
  return { field: segments.length === 0 ? 'row' : segments.join('.'), problem: problemOf(error, segments.at(-1) ?? '') };
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
