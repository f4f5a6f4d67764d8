import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { firstProblem } from '../shared/schema-problems.js';
import { productFromInput } from './product-input.js';
import { PRODUCT_WORDING, ProductIdSchema, ProductInputSchema, type Product } from './product.js';

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
  const problem = firstProblem(rowCheck, row, PRODUCT_WORDING) ?? { segments: [], problem: 'is not a valid product' };
  return { error: { field: problem.segments.length === 0 ? 'row' : problem.segments.join('.'), problem: problem.problem } };
}
