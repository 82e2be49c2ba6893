// One process of the pool test: allocates numbers for keys k0…k(n-1) in order, prints key=number lines.
import Sqlite from 'better-sqlite3';
import { PoolAdapter } from '../adapters/pool';

const [file, count] = process.argv.slice(2);
const db = new Sqlite(file!);
db.pragma('busy_timeout = 10000');
const pool = new PoolAdapter(db, 'zto', 0);
const lines: string[] = [];
for (let i = 0; i < Number(count); i++) lines.push(`k${i}=${pool.allocate(`k${i}`) ?? 'none'}`);
db.close();
process.stdout.write(lines.join('\n') + '\n');
