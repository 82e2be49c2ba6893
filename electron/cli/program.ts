import { Command } from 'commander';
import { VERSION } from '../version';
import { registerConfig } from './config';
import { registerDb } from './db';
import { registerIntake } from './intake';
import { registerScanner } from './scanner';
import { registerScale } from './scale';
import { registerPrinter } from './printer';
import { registerCarrier } from './carrier';
import { registerHandover } from './handover';
import { registerServe } from './serve';
import { registerWarehouse } from './warehouse';
import { registerFeeds } from './feeds';
import { registerTracking } from './tracking';

/** The `packbench` command. Each area adds its own subcommands in its own file. */
export function buildProgram(rendererDir: string): Command {
  const program = new Command('packbench')
    .description('Packbench packing station: headless station, configuration and maintenance tools')
    .version(VERSION, '-V, --version')
    .showHelpAfterError();
  registerServe(program, rendererDir);
  registerConfig(program);
  registerDb(program);
  registerIntake(program);
  const sim = program.command('sim').description('device emulators for training and tests');
  registerScanner(program, sim);
  registerScale(program, sim);
  registerPrinter(program, sim);
  registerCarrier(program);
  registerHandover(program);
  registerWarehouse(program);
  registerFeeds(program);
  registerTracking(program);
  return program;
}
