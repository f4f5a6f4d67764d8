import cliProgress from 'cli-progress';
import type { RowTally } from './row-tally.js';

/** A live line of rows read, rate and outcomes on stderr (only drawn on a terminal). */
export function startProgress(label: string, tally: RowTally): { update(): void; stop(): void } {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} {rows} rows | {rate} rows/s | accepted {accepted} | rejected {rejected}`,
      stream: process.stderr,
      hideCursor: true,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  const payload = () => ({
    rows: tally.rows.toLocaleString('en-US'),
    rate: Math.round(tally.rows / Math.max(0.001, (Date.now() - started) / 1000)).toLocaleString('en-US'),
    accepted: tally.accepted.toLocaleString('en-US'),
    rejected: tally.rejected.toLocaleString('en-US'),
  });
  bar.start(0, 0, payload());
  return {
    update: () => bar.update(tally.rows, payload()),
    stop: () => {
      bar.update(tally.rows, payload());
      bar.stop();
    },
  };
}

/** A live bar of steps done out of a total, with a label, on stderr (only drawn on a terminal). */
export function startStepProgress(label: string): { update(done: number, total: number): void; stop(): void } {
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} steps`, stream: process.stderr, hideCursor: true, fps: 5 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1, 0);
  return {
    update: (done, total) => {
      bar.setTotal(total);
      bar.update(done);
    },
    stop: () => bar.stop(),
  };
}
