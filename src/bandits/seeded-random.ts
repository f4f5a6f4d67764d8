/**
 * A seeded uniform generator (mulberry32) for the bandit's tests and the offline simulation, which
 * must give the same draws on every run; Math.random cannot be seeded. Decisions use the engine's
 * injected `random`.
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
