type GrowableArray = Int8Array | Int32Array | Float32Array | Float64Array;

/**
 * The array itself when it holds `minLength` elements, else a copy doubled until it does, the new
 * tail filled with `fill`: how the models' per-item typed arrays follow the items interned so far.
 */
export function grownToHold<T extends GrowableArray>(array: T, minLength: number, fill = 0): T {
  if (minLength <= array.length) return array;
  let length = Math.max(1, array.length);
  while (length < minLength) length *= 2;
  const grown = new (array.constructor as new (length: number) => T)(length);
  grown.set(array as ArrayLike<number> & T);
  if (fill !== 0) grown.fill(fill, array.length);
  return grown;
}
