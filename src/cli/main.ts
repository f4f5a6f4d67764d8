#!/usr/bin/env -S node --v8-pool-size=0
import { Command } from 'commander';
import { EXIT_FAILED, toCliLine } from './cli-errors.js';
import { registerEvalCommand } from './eval-command.js';
import { registerImportCommand } from './import-command.js';
import { registerReplayCommand } from './replay-command.js';
import { registerModelsCommand } from './models-command.js';
import { registerStartCommand } from './start-command.js';
import { registerTrainCommand } from './train-command.js';

const program = new Command('kairos')
  .description('Kairos: real-time personalization and customer engagement for retailers')
  .version('0.1.0')
  .showHelpAfterError();
registerStartCommand(program);
registerImportCommand(program);
registerReplayCommand(program);
registerTrainCommand(program);
registerModelsCommand(program);
registerEvalCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${toCliLine(error)}\n`);
  process.exit(EXIT_FAILED);
});
