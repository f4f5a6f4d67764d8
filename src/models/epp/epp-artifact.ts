import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { gunzipSync, gzipSync } from 'node:zlib';
import { firstProblem } from '../../shared/schema-problems.js';
import { FEATURE_BITS, FEATURE_SLOTS } from './feature-hashing.js';

/** Bumped when the features change meaning: an artifact of another version would score nonsense. */
export const EPP_FEATURE_VERSION = 1;
export const EPP_MODEL_KIND = 'epp';

const FiniteNumber = Type.Number();
const CountRow = Type.Tuple([Type.String(), Type.Number({ minimum: 0 }), Type.Number({ minimum: 0 }), Type.Number({ minimum: 0 })]);

const EppArtifactSchema = Type.Object(
  {
    format: Type.Literal('kairos-epp'),
    featureVersion: Type.Literal(EPP_FEATURE_VERSION),
    featureBits: Type.Literal(FEATURE_BITS),
    id: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._-]+$' }),
    createdAt: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}', description: 'ISO 8601 date-time' }),
    /** Where it came from: a training run (`offline`) or the live learner's checkpoint (`online`). */
    source: Type.Union([Type.Literal('offline'), Type.Literal('online')]),
    /** The version it continued from, for an online checkpoint. */
    parent: Type.Optional(Type.String()),
    /** What it was trained on, in words and counts. */
    trainedOn: Type.Record(Type.String(), Type.Unknown()),
    /** The evaluation it passed (see docs/prediction.md), as the trainer reported it. */
    metrics: Type.Record(Type.String(), Type.Unknown()),
    ftrl: Type.Object({
      settings: Type.Object({ alpha: Type.Number({ exclusiveMinimum: 0 }), beta: Type.Number({ minimum: 0 }), l1: Type.Number({ minimum: 0 }), l2: Type.Number({ minimum: 0 }) }),
      slots: Type.Array(Type.Integer({ minimum: 0, maximum: FEATURE_SLOTS - 1 })),
      z: Type.Array(FiniteNumber),
      n: Type.Array(Type.Number({ minimum: 0 })),
    }),
    items: Type.Object({ items: Type.Array(CountRow), categories: Type.Array(CountRow) }),
  },
  { additionalProperties: false },
);

export type EppArtifact = Static<typeof EppArtifactSchema>;

const checkArtifact = TypeCompiler.Compile(EppArtifactSchema);

/** Why an artifact was refused: where and what, for the log and the 4xx. */
export class InvalidArtifactError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

export function encodeArtifact(artifact: EppArtifact): Buffer {
  return gzipSync(JSON.stringify(artifact));
}

/**
 * Reads an artifact (gzipped or plain JSON) and checks every part a scorer relies on, so a corrupt or
 * foreign file is refused whole, with the reason, and never half-loaded.
 */
export function decodeArtifact(bytes: Buffer): EppArtifact {
  let text: string;
  try {
    text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch (error) {
    throw new InvalidArtifactError('(file)', `is not valid gzip: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidArtifactError('(file)', `is not JSON: ${(error as Error).message}`);
  }
  return validateArtifact(value);
}

/** Checks a parsed artifact (an upload's JSON body, or a decoded file). */
export function validateArtifact(value: unknown): EppArtifact {
  const problem = firstProblem(checkArtifact, value);
  if (problem) throw new InvalidArtifactError(problem.pointer || '(artifact)', problem.problem);
  const artifact = value as EppArtifact;
  if (!Number.isFinite(Date.parse(artifact.createdAt))) throw new InvalidArtifactError('/createdAt', `is not a date-time: "${artifact.createdAt}"`);
  const { slots, z, n } = artifact.ftrl;
  if (z.length !== slots.length || n.length !== slots.length) throw new InvalidArtifactError('/ftrl', `slots, z and n must have the same length; got ${slots.length}, ${z.length}, ${n.length}`);
  if (!z.every(Number.isFinite) || !n.every(Number.isFinite)) throw new InvalidArtifactError('/ftrl', 'z and n must be finite numbers');
  return artifact;
}
