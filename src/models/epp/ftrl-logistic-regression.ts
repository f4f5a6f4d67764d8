import { sigmoid } from '../sigmoid.js';
import { BIAS_SLOT, FEATURE_SLOTS } from './feature-hashing.js';

export interface FtrlSettings {
  /** Per-coordinate learning rate scale. */
  alpha: number;
  beta: number;
  /** L1 strength: drives rare features' weights to exactly zero. */
  l1: number;
  l2: number;
}

export const DEFAULT_FTRL: FtrlSettings = { alpha: 0.05, beta: 1, l1: 0.5, l2: 1 };

/** The learner's state per slot that has ever been touched, in a form that survives JSON. */
export interface FtrlState {
  settings: FtrlSettings;
  /** Parallel arrays: slot, z and n of each touched slot. */
  slots: number[];
  z: number[];
  n: number[];
}

/**
 * Logistic regression over hashed binary features, trained by FTRL-Proximal (McMahan et al., "Ad Click
 * Prediction: a View from the Trenches", KDD 2013, algorithm 1). Written here because no maintained
 * Node library implements it, and it is a few lines: per-coordinate adaptive rates, L1 and L2, one
 * update per example, so the same code trains offline and keeps learning from the live stream.
 * Examples are lists of slots whose feature is 1; the bias slot is always added.
 */
export class FtrlLogisticRegression {
  private readonly z = new Float64Array(FEATURE_SLOTS);
  private readonly n = new Float64Array(FEATURE_SLOTS);
  /** Weights, refreshed lazily per slot from z and n after each update (prediction reads only these). */
  private readonly w = new Float64Array(FEATURE_SLOTS);

  constructor(readonly settings: FtrlSettings = DEFAULT_FTRL) {}

  predict(slots: ArrayLike<number>): number {
    let margin = this.w[BIAS_SLOT]!;
    for (let i = 0; i < slots.length; i++) margin += this.w[slots[i]!]!;
    return sigmoid(margin);
  }

  /** One FTRL step on an example; returns the prediction made before the update. */
  update(slots: ArrayLike<number>, label: 0 | 1): number {
    const p = this.predict(slots);
    const gradient = p - label;
    this.step(BIAS_SLOT, gradient);
    for (let i = 0; i < slots.length; i++) this.step(slots[i]!, gradient);
    return p;
  }

  toState(): FtrlState {
    const state: FtrlState = { settings: this.settings, slots: [], z: [], n: [] };
    for (let slot = 0; slot < FEATURE_SLOTS; slot++) {
      if (this.n[slot] === 0) continue;
      state.slots.push(slot);
      state.z.push(this.z[slot]!);
      state.n.push(this.n[slot]!);
    }
    return state;
  }

  static fromState(state: FtrlState): FtrlLogisticRegression {
    const model = new FtrlLogisticRegression(state.settings);
    for (let i = 0; i < state.slots.length; i++) {
      const slot = state.slots[i]!;
      model.z[slot] = state.z[i]!;
      model.n[slot] = state.n[i]!;
      model.refresh(slot);
    }
    return model;
  }

  /** Slots with a non-zero weight: the model's effective size. */
  nonZeroWeights(): number {
    let count = 0;
    for (let slot = 0; slot < FEATURE_SLOTS; slot++) if (this.w[slot] !== 0) count++;
    return count;
  }

  private step(slot: number, gradient: number): void {
    const n = this.n[slot]!;
    const squared = gradient * gradient;
    const sigma = (Math.sqrt(n + squared) - Math.sqrt(n)) / this.settings.alpha;
    this.z[slot] = this.z[slot]! + gradient - sigma * this.w[slot]!;
    this.n[slot] = n + squared;
    this.refresh(slot);
  }

  private refresh(slot: number): void {
    const z = this.z[slot]!;
    const { alpha, beta, l1, l2 } = this.settings;
    // The bias is not shrunk by L1: it carries the base rate.
    const shrink = slot === BIAS_SLOT ? 0 : l1;
    this.w[slot] = Math.abs(z) <= shrink ? 0 : -(z - Math.sign(z) * shrink) / ((beta + Math.sqrt(this.n[slot]!)) / alpha + l2);
  }
}
