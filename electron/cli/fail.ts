import { ConfigError } from '../config';
import { CorruptDatabaseError, FutureDatabaseError } from '../store';

/** Known failures print their own clear text; anything else its stack. Always exit 1. */
export function exitWith(err: unknown): never {
  if (err instanceof ConfigError) {
    console.error(`config ${err.file ?? '(embedded default)'} has ${err.problems.length} problem(s):`);
    for (const p of err.problems) console.error(`  ${p}`);
  } else if (err instanceof CorruptDatabaseError || err instanceof FutureDatabaseError) {
    console.error(err.message);
  } else {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  }
  process.exit(1);
}
