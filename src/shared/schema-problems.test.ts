import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { describe, expect, it } from 'vitest';
import { firstProblem } from './schema-problems.js';

const Shape = Type.Object({
  shape: Type.Union([
    Type.Object({ kind: Type.Literal('circle'), radius: Type.Number({ minimum: 0 }) }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('square'), side: Type.Number() }, { additionalProperties: false }),
  ]),
  colour: Type.Optional(Type.Union([Type.Literal('red'), Type.Literal('blue')])),
  code: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  size: Type.Optional(Type.Union([Type.Object({ width: Type.Number({ minimum: 1 }) }), Type.Null()])),
  price: Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.Null()])),
});
const check = TypeCompiler.Compile(Shape);

describe('firstProblem', () => {
  it('judges a tagged union by the branch its tag names', () => {
    expect(firstProblem(check, { shape: { kind: 'circle' } })).toMatchObject({ pointer: '/shape/radius', segments: ['shape', 'radius'], problem: 'is required' });
    expect(firstProblem(check, { shape: { kind: 'circle', radius: -1 } })?.problem).toMatch(/greater or equal to 0/);
    expect(firstProblem(check, { shape: { kind: 'circle', radius: 1, side: 2 } }, { unknownProperty: 'is not a shape field' })).toMatchObject({
      pointer: '/shape/side',
      problem: 'is not a shape field',
    });
  });

  it('names the accepted tags when the tag is unknown, and the accepted values of a union of literals', () => {
    expect(firstProblem(check, { shape: { kind: 'hexagon' } })).toMatchObject({ pointer: '/shape/kind', problem: 'must be one of circle, square' });
    expect(firstProblem(check, { shape: { kind: 'square', side: 1 }, colour: 'green' })).toMatchObject({ pointer: '/colour', problem: 'must be one of red, blue' });
  });

  it('judges a nullable value that is not null by its type, at the field inside it', () => {
    const square = { kind: 'square', side: 1 };
    expect(firstProblem(check, { shape: square, size: { width: 0 } })).toMatchObject({ pointer: '/size/width', problem: expect.stringMatching(/greater or equal to 1/) });
    expect(firstProblem(check, { shape: square, price: -1 })).toMatchObject({ pointer: '/price', problem: expect.stringMatching(/greater or equal to 0/) });
    expect(firstProblem(check, { shape: square, size: null, price: null })).toBeUndefined();
  });

  it('words a failed pattern as the domain asks, and passes a valid value', () => {
    expect(firstProblem(check, { shape: { kind: 'square', side: 1 }, code: 'eu' }, { patterns: { code: 'must be three capitals' } })?.problem).toBe('must be three capitals');
    expect(firstProblem(check, { shape: { kind: 'square', side: 1 } })).toBeUndefined();
  });
});
