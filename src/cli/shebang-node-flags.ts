/**
 * The Node flags of a script's first line (`#!/usr/bin/env -S node --flag …`): what the `kairos` bin
 * runs with. Benches start the server with them, to measure it as users start it, and a test holds
 * `npm start` to the same.
 */
export function shebangNodeFlags(script: string): string[] {
  const words = script.slice(0, script.indexOf('\n')).split(/\s+/);
  if (!words[0]?.startsWith('#!')) throw new Error('the script has no #! line');
  const node = words.indexOf('node');
  if (node < 0) throw new Error(`the script's #! line does not run node: ${words.join(' ')}`);
  return words.slice(node + 1).filter(Boolean);
}
