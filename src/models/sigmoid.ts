/** The logistic function, with the margin clipped to ±35 so a far-off margin gives a probability strictly inside (0, 1). */
export function sigmoid(margin: number): number {
  const clipped = Math.max(-35, Math.min(35, margin));
  return 1 / (1 + Math.exp(-clipped));
}
