// One process of the pool test: allocates numbers for keys k0…k(n-1) in order, prints key=number lines.
import { openStore } from '../../store';
import { PoolAdapter } from '../adapters/pool';

const [file, count] = process.argv.slice(2);
const store = openStore(file!);
const pool = new PoolAdapter(store.repos.waybillPool, 'zto', 0);
const lines: string[] = [];
for (let i = 0; i < Number(count); i++) lines.push(`k${i}=${pool.allocate(`k${i}`) ?? 'none'}`);
store.close();
process.stdout.write(lines.join('\n') + '\n');
