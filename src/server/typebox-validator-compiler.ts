import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { FastifySchemaCompiler } from 'fastify';
import { firstProblem, type SchemaWording } from '../shared/schema-problems.js';

/**
 * Validates a route with TypeBox instead of fastify's ajv. The server's ajv coerces types, and inside a
 * schema's unions that turns a null inventory into 0 (out of stock) and an attribute 42 into "42".
 * TypeBox does not coerce, and it is the checker file imports use, so a request body and an imported
 * row obey the same rules and get the same wording. Reports the first problem only.
 */
export function typeboxValidatorCompiler(wording: SchemaWording = {}): FastifySchemaCompiler<unknown> {
  return ({ schema }) => {
    const check = TypeCompiler.Compile(schema as TSchema);
    return (value) => {
      if (check.Check(value)) return { value };
      const problem = firstProblem(check, value, wording);
      return { error: [{ keyword: 'typebox', schemaPath: '#', params: {}, instancePath: problem?.pointer ?? '', message: problem?.problem ?? 'is invalid' }] };
    };
  };
}
