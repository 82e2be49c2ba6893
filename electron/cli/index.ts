export { runCli, LONG_RUNNING } from './run';
