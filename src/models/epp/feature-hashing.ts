/** Hashed feature slots: 2^18 is ample for ~60 feature families with a few dozen values each. */
export const FEATURE_BITS = 18;
export const FEATURE_SLOTS = 1 << FEATURE_BITS;

/**
 * The slot of a named binary feature such as `click=5` or `cart×click=1×5`. FNV-1a written out here
 * because it is four lines; it only has to spread names evenly, not resist attackers. Slot 0 is the
 * bias, so hashed features never land on it.
 */
export function featureSlot(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return ((hash >>> 0) % (FEATURE_SLOTS - 1)) + 1;
}

/** The bias slot, present in every example. */
export const BIAS_SLOT = 0;

/**
 * A bucket for a non-negative count or duration on a log scale (0, 1, 2, 3–4, 5–8, …), so a linear
 * model can give each range its own weight.
 */
export function logBucket(value: number): number {
  if (!(value > 0)) return 0;
  return Math.min(20, Math.floor(Math.log2(value)) + 1);
}
