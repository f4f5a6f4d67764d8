/** Hashed feature slots: 2^18 is ample for ~60 feature families with a few dozen values each. */
export const FEATURE_BITS = 18;
export const FEATURE_SLOTS = 1 << FEATURE_BITS;

/**
 * The slot of a named binary feature such as `click=5` or `cart×click=1×5`. FNV-1a written out here
 * because it is four lines; it only has to spread names evenly, not resist attackers. Slot 0 is the
 * bias, so hashed features never land on it.
 */
export function featureSlot(name: string): number {
  return slotOfHash(hashText(FNV_OFFSET, name));
}

/** FNV-1a's starting value: the hash of the empty name. */
export const FNV_OFFSET = 0x811c9dc5;

/** Continues a name's hash with more of its text: hashing `a` then `b` is hashing `a + b`. */
export function hashText(hash: number, text: string): number {
  for (let i = 0; i < text.length; i++) hash = hashCode(hash, text.charCodeAt(i));
  return hash;
}

/**
 * Continues a hash with a value as a template string would print it, without making that string:
 * the live scorer hashes ~35 `name=value` features per event, and building them was most of what
 * scoring allocated. Integers print as their digits; anything else goes through String().
 */
export function hashValue(hash: number, value: number | string | boolean): number {
  if (typeof value === 'string') return hashText(hash, value);
  if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) >= 2 ** 31) return hashText(hash, String(value));
  if (value < 0) {
    hash = hashCode(hash, 45); // '-'
    value = -value;
  }
  let scale = 1;
  while (scale * 10 <= value) scale *= 10;
  for (; scale >= 1; scale /= 10) hash = hashCode(hash, 48 + (Math.floor(value / scale) % 10));
  return hash;
}

export function slotOfHash(hash: number): number {
  return ((hash >>> 0) % (FEATURE_SLOTS - 1)) + 1;
}

function hashCode(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
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
