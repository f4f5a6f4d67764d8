import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { decodeArtifact, InvalidArtifactError } from '../models/epp/epp-artifact.js';
import type { ModelVersion } from '../models/model-store.js';
import { Errors } from '../shared/errors.js';
import { withLocalStore } from './with-local-store.js';

export function registerModelsCommand(program: Command): void {
  const models = program.command('models').description('the early-purchase model versions of a data dir (a running server: GET/POST /v1/models/epp)');
  const dataDir = '-d, --data-dir <dir>';
  const dataDirHelp = 'the store (env KAIROS_DATA_DIR, default ./.kairos)';
  models
    .command('install')
    .description('store an artifact written by `kairos train epp` and make it the one served')
    .argument('<file>', 'the artifact (gzipped JSON)')
    .option('--inactive', 'store it without serving it')
    .option(dataDir, dataDirHelp)
    .action(async (file: string, options: { inactive?: boolean; dataDir?: string }) => {
      let artifact;
      try {
        artifact = decodeArtifact(readFileSync(file));
      } catch (error) {
        if (error instanceof InvalidArtifactError) throw Errors.badFile(file, `${error.message}; nothing was installed`);
        throw Errors.badFile(file, (error as Error).message);
      }
      const version = await withLocalStore(options.dataDir, (kairos) => kairos.epp.install(artifact, !options.inactive));
      process.stdout.write(`${line(version)}\n`);
    });
  models
    .command('list')
    .description('every stored version, newest first, the active one marked')
    .option(dataDir, dataDirHelp)
    .action(async (options: { dataDir?: string }) => {
      const { serving, versions } = await withLocalStore(options.dataDir, async (kairos) => ({ serving: await kairos.epp.servingId(), versions: await kairos.epp.versions() }));
      process.stdout.write(`serving ${serving}\n${versions.map(line).join('\n')}${versions.length > 0 ? '\n' : ''}`);
    });
  models
    .command('activate')
    .description('serve a stored version (a rollback)')
    .argument('<id>', 'the version id')
    .option(dataDir, dataDirHelp)
    .action(async (id: string, options: { dataDir?: string }) => {
      const version = await withLocalStore(options.dataDir, (kairos) => kairos.epp.activate(id));
      process.stdout.write(`${line(version)}\n`);
    });
}

function line(version: ModelVersion): string {
  const click5 = (version.metrics.clicks as Array<{ click: number; model?: { rocAuc?: number } }> | undefined)?.find((entry) => entry.click === 5)?.model?.rocAuc;
  const auc = click5 === undefined ? '' : `  ROC-AUC at click 5: ${click5.toFixed(3)}`;
  return `${version.active ? '*' : ' '} ${version.id}  ${version.source}  ${new Date(version.createdAt).toISOString()}${auc}`;
}
