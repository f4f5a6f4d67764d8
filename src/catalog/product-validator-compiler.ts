import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { FastifySchemaCompiler } from 'fastify';
import { firstProblem } from './product-problems.js';

/**
 * Validates the catalog routes with TypeBox instead of fastify's ajv. The server's ajv coerces types,
 * and inside the schema's unions that turns a null inventory into 0 (out of stock) and an attribute 42
 * into "42". TypeBox does not coerce, and it is the checker the file import uses, so a PUT body and an
 * imported row obey the same rules and get the same wording. Reports the first problem only.
 */
export const productValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema }) => {
  const check = TypeCompiler.Compile(schema as TSchema);
  return (value) => {
    if (check.Check(value)) return { value };
    const problem = firstProblem(check, value);
    return { error: [{ keyword: 'typebox', schemaPath: '#', params: {}, instancePath: problem?.pointer ?? '', message: problem?.problem ?? 'is invalid' }] };
  };
};
