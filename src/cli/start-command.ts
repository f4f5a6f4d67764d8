import type { Command } from 'commander';
import { loadConfig } from '../config/load-config.js';
import { startServer } from '../server/start-server.js';
import { loadDemoData } from './demo-data.js';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start the HTTP API on the embedded store')
    .option('-p, --port <port>', 'port to listen on (env KAIROS_PORT, default 8080)')
    .option('--host <host>', 'interface to listen on (env KAIROS_HOST, default 0.0.0.0)')
    .option('-d, --data-dir <dir>', 'where the store lives (env KAIROS_DATA_DIR, default ./.kairos)')
    .option('--demo', 'load the bundled real sample data (REES46 and Taobao extracts, catalog) when the store is empty')
    .action(async (options: { port?: string; host?: string; dataDir?: string; demo?: boolean }) => {
      const config = loadConfig({ port: options.port, host: options.host, dataDir: options.dataDir });
      const server = await startServer(config, {
        onKeysGenerated: (keys) => {
          process.stdout.write(
            `\nGenerated API keys, kept in ${config.dataDir}/keys.json (shown only this once):\n` +
              `  write key: ${keys.writeKey}   (HTTP Basic user name, as Segment)\n` +
              `  admin key: ${keys.adminKey}   (Authorization: Bearer …)\n\n`,
          );
        },
      });
      const shutdown = (signal: string) => {
        server.logger.info({ signal }, 'shutting down: finishing in-flight requests and writes');
        server.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            server.logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      process.once('SIGINT', () => shutdown('SIGINT'));
      if (options.demo) await loadDemoData(server.kairos, server.logger);
      server.logger.info({ url: server.url, dataDir: config.dataDir }, 'Kairos is listening');
    });
}
