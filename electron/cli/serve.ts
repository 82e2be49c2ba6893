import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { currentEnvironment, loadConfig } from '../config';
import { consoleLog, keepServing } from '../log';
import { isLoopback, startHeadlessServer, startHooksServer, type HooksServer } from '../server';
import { Station } from '../station';
import { VERSION } from '../version';
import { wholeNumber } from './args';
import { exitWith, fail } from './fail';

export const DEFAULT_PORT = 8417;

interface ServeOptions {
  config?: string;
  port: string;
  host: string;
  allowRemote?: boolean;
  hooks?: string;
}

export function registerServe(program: Command, rendererDir: string): void {
  program
    .command('serve')
    .description(
      'run the station headless: the app in a browser at http://127.0.0.1:PORT, contract over WebSocket',
    )
    .option(
      '-c, --config <file>',
      'config file (else PACKBENCH_CONFIG, machine-wide, user, embedded default)',
    )
    .option('-p, --port <n>', 'port (0 = any free port)', String(DEFAULT_PORT))
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option(
      '--allow-remote',
      'allow a non-loopback --host (the bench API becomes reachable from the network)',
    )
    .option(
      '--hooks <host:port>',
      'listen for order pushes (POST /hooks/orders/FEED, signed) on their own address',
    )
    .action(async (opts: ServeOptions) => {
      const log = consoleLog();
      // Refusals that need no station come first, as one line each.
      const port = wholeNumber('--port', opts.port, 0, 65535);
      const hooksAt = opts.hooks ? /^(.+):(\d+)$/.exec(opts.hooks) : null;
      if (opts.hooks && !hooksAt) fail(`--hooks must be HOST:PORT, got "${opts.hooks}"`);
      const hooksPort = hooksAt ? wholeNumber('--hooks port', hooksAt[2]!, 0, 65535) : 0;
      if (!isLoopback(opts.host) && !opts.allowRemote)
        fail(
          `refusing to listen on ${opts.host}: the bench API would be open to the network; pass --allow-remote to mean it`,
        );
      let station: Station;
      try {
        const loaded = loadConfig(opts.config, currentEnvironment());
        station = new Station({ loaded, version: VERSION, log, purpose: 'packbench serve' });
      } catch (err) {
        exitWith(err);
      }
      const hasRenderer = existsSync(join(rendererDir, 'index.html'));
      if (!hasRenderer)
        log.warn(`no built renderer at ${rendererDir}: run "npm run build"; serving the API only`);
      try {
        const server = await startHeadlessServer({
          station,
          rendererDir: hasRenderer ? rendererDir : null,
          host: opts.host,
          port,
          allowRemote: opts.allowRemote ?? false,
          log,
        });
        let hooks: HooksServer | null = null;
        if (hooksAt) {
          const s = station;
          hooks = await startHooksServer({
            host: hooksAt[1]!,
            port: hooksPort,
            feeds: s.hooks,
            log,
          });
          console.log(`order hooks at ${hooks.url}/hooks/orders/FEED`);
        }
        console.log(`Packbench ${VERSION} station ${station.info().stationId} ready at ${server.url}`);
        keepServing(log);
        const stop = async (signal: string) => {
          log.info(`${signal}: shutting down`);
          await hooks?.close();
          await server.close();
          await station.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void stop('SIGINT'));
        process.once('SIGTERM', () => void stop('SIGTERM'));
      } catch (err) {
        await station.close();
        exitWith(err);
      }
    });
}
