import type { Command } from 'commander';
import type { Product } from '../catalog/product.js';
import { readProductFile } from '../catalog/product-file-reader.js';
import { readCustomersFile } from '../datasets/customers-reader.js';
import { readEventsFile } from '../datasets/read-events-file.js';
import { Errors } from '../shared/errors.js';
import { EXIT_ROWS_REJECTED } from './cli-errors.js';
import { feedMessages } from './feed-messages.js';
import { startProgress } from './progress.js';
import { RowTally } from './row-tally.js';
import { withLocalStore } from './with-local-store.js';

const KINDS = ['events', 'catalog', 'customers'] as const;
type ImportKind = (typeof KINDS)[number];

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import a CSV or JSONL file (gzip allowed): events (Segment messages), catalog (products) or customers (identify rows)')
    .argument('<kind>', `what the file holds: ${KINDS.join(', ')}`)
    .argument('<file>', 'path of the file')
    .option('-d, --data-dir <dir>', 'the store to import into (env KAIROS_DATA_DIR, default ./.kairos)')
    .action(async (kind: string, file: string, options: { dataDir?: string }) => {
      if (!(KINDS as readonly string[]).includes(kind)) {
        throw Errors.invalidRequest([{ field: 'kind', problem: `must be one of ${KINDS.join(', ')}; got "${kind}"` }]);
      }
      const tally = new RowTally();
      await withLocalStore(options.dataDir, async (kairos) => {
        const progress = startProgress(`import ${kind}`, tally);
        try {
          if (kind === 'catalog') await kairos.catalog.importProducts(productsOf(file, tally, progress.update));
          else await feedMessages(kind === 'events' ? readEventsFile(file) : readCustomersFile(file), kairos.ingestion, tally, { onBatch: progress.update });
        } finally {
          progress.stop();
        }
      });
      process.stdout.write(`${tally.summary(`import ${kind as ImportKind} ${file}`)}\n`);
      if (tally.rejected > 0) process.exitCode = EXIT_ROWS_REJECTED;
    });
}

async function* productsOf(file: string, tally: RowTally, onProgress: () => void): AsyncGenerator<Product> {
  for await (const row of readProductFile(file)) {
    tally.rows++;
    if (row.product) {
      tally.accepted++;
      yield row.product;
    } else {
      tally.reject(row.line, row.error?.field ?? '(row)', row.error?.problem ?? 'could not be read');
    }
    if (tally.rows % 1000 === 0) onProgress();
  }
}
