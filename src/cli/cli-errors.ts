import { KairosError } from '../shared/errors.js';

/** Exit codes of the CLI: 1 when some rows were refused, 2 when the command could not run at all. */
export const EXIT_ROWS_REJECTED = 1;
export const EXIT_FAILED = 2;

/** The one mapper from errors to the CLI: one readable line. */
export function toCliLine(error: unknown): string {
  if (error instanceof KairosError) return `kairos: ${error.message}`;
  if (error instanceof Error) return `kairos: ${error.message}`;
  return `kairos: ${String(error)}`;
}
