import { EPP_FEATURE_VERSION, type EppArtifact } from '../models/epp/epp-artifact.js';
import { BIAS_SLOT, FEATURE_BITS, featureSlot } from '../models/epp/feature-hashing.js';

/**
 * An artifact whose model is written by hand: a bias and weights on named features (`click=5`), so a
 * test knows exactly what probability each event gets. With alpha 1, beta 1, no regularisation and n
 * = 0, FTRL's weight is −z.
 */
export function eppArtifactWithWeights(id: string, bias: number, weights: Record<string, number> = {}): EppArtifact {
  const entries: Array<[number, number]> = [[BIAS_SLOT, bias], ...Object.entries(weights).map(([name, weight]): [number, number] => [featureSlot(name), weight])];
  return {
    format: 'kairos-epp',
    featureVersion: EPP_FEATURE_VERSION,
    featureBits: FEATURE_BITS,
    id,
    createdAt: '2026-11-01T00:00:00.000Z',
    source: 'offline',
    trainedOn: { file: 'hand-written' },
    metrics: {},
    ftrl: { settings: { alpha: 1, beta: 1, l1: 0, l2: 0 }, slots: entries.map(([slot]) => slot), z: entries.map(([, weight]) => -weight), n: entries.map(() => 0) },
    items: { items: [], categories: [] },
  };
}
