import type { Command } from 'commander';
import { CLICKSTREAM_FORMATS, detectClickstreamFormat, type ClickstreamFormat } from '../datasets/clickstream-format.js';
import { readClickstream } from '../datasets/read-clickstream.js';
import { inTimeOrder } from '../datasets/time-order.js';
import { Errors } from '../shared/errors.js';
import { EXIT_ROWS_REJECTED } from './cli-errors.js';
import { parseClickstreamFormat } from './cli-options.js';
import { feedMessages } from './feed-messages.js';
import { startProgress } from './progress.js';
import { RowTally } from './row-tally.js';
import { withLocalStore } from './with-local-store.js';

export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('replay a recorded clickstream through the ingestion path in event-time order (Taobao UserBehavior, REES46, RetailRocket, Segment JSONL/CSV)')
    .argument('<file>', 'the clickstream (gzip allowed)')
    .option('-f, --format <format>', `one of ${CLICKSTREAM_FORMATS.join(', ')}; detected from the first line when absent`)
    .option('-s, --speed <factor>', 'replay at this many times real time (e.g. 60: an hour in a minute); as fast as possible when absent')
    .option('--message-id-prefix <prefix>', 'start of the deterministic messageIds (<prefix>-<line>; the format by default): give two files of one format different prefixes, or the second is taken for a replay of the first')
    .option('-d, --data-dir <dir>', 'the store to replay into (env KAIROS_DATA_DIR, default ./.kairos)')
    .action(async (file: string, options: { format?: string; speed?: string; dataDir?: string; messageIdPrefix?: string }) => {
      const format = await resolveFormat(file, options.format);
      const speedup = options.speed === undefined ? undefined : Number(options.speed);
      if (speedup !== undefined && !(speedup > 0)) {
        throw Errors.invalidRequest([{ field: '--speed', problem: `must be a number above 0; got "${options.speed}"` }]);
      }
      const tally = new RowTally();
      const started = Date.now();
      await withLocalStore(options.dataDir, async (kairos) => {
        const progress = startProgress(`replay ${format}`, tally);
        try {
          const readOptions = options.messageIdPrefix === undefined ? {} : { messageIdPrefix: options.messageIdPrefix };
          const rows = inTimeOrder(() => readClickstream(file, format, readOptions), { source: file });
          await feedMessages(rows, kairos.ingestion, tally, { onBatch: progress.update, ...(speedup === undefined ? {} : { speedup }) });
        } finally {
          progress.stop();
        }
      });
      const seconds = (Date.now() - started) / 1000;
      process.stdout.write(`${tally.summary(`replay ${file}`)}\n  ${Math.round(tally.rows / seconds).toLocaleString('en-US')} events/s over ${seconds.toFixed(1)} s\n`);
      if (tally.rejected > 0) process.exitCode = EXIT_ROWS_REJECTED;
    });
}

async function resolveFormat(file: string, requested: string | undefined): Promise<ClickstreamFormat> {
  return parseClickstreamFormat(requested) ?? detectClickstreamFormat(file);
}
