import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throw-away PostgreSQL cluster for one test file: Debian's server binaries, a data folder in a temp dir, listening on
 * 127.0.0.1 on a free port. As root, initdb and pg_ctl run as the `postgres` user (initdb refuses root).
 */
export interface PgCluster {
  port: number;
  /** A connection URL to a database of this cluster (superuser `postgres`, trust auth on loopback). */
  url(database?: string): string;
  createDatabase(name: string): string;
  /** Stops the server (a network cut for the benches), keeping its data; `start` brings it back on the same port. */
  stopServer(): void;
  start(): void;
  stop(): void;
}

export function postgresBinDir(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : null;
}

/** Why warehouse tests cannot run here, or null when they can. */
export function postgresMissing(): string | null {
  return postgresBinDir() ? null : 'PostgreSQL server binaries not found in /usr/lib/postgresql/<v>/bin';
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** PEM files of a certificate authority and a server certificate it signed, for 127.0.0.1 and localhost. */
export interface TestTls {
  caCert: string;
  serverCert: string;
  serverKey: string;
}

/** A fresh CA and a server certificate signed by it (openssl), in `dir`; each call makes a different CA. */
export function makeTestTls(dir: string): TestTls {
  const f = (name: string) => join(dir, name);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  ssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=Packbench test CA',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.crt'),
  );
  ssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    f('server.key'),
    '-out',
    f('server.csr'),
  );
  writeFileSync(f('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  ssl(
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.crt'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    f('san.ext'),
    '-out',
    f('server.crt'),
  );
  return {
    caCert: readFileSync(f('ca.crt'), 'utf8'),
    serverCert: readFileSync(f('server.crt'), 'utf8'),
    serverKey: readFileSync(f('server.key'), 'utf8'),
  };
}

/**
 * Starts the cluster; with `tls`, it serves TLS with that certificate and refuses any connection over TCP without it
 * (pg_hba `hostnossl … reject`), as a warehouse that requires TLS would.
 */
export async function startPostgres(o: { tls?: TestTls } = {}): Promise<PgCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(postgresMissing()!);
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const argv = asRoot
      ? ['runuser', '-u', 'postgres', '--', join(bin, cmd), ...args]
      : [join(bin, cmd), ...args];
    const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  const dir = mkdtempSync(join(tmpdir(), 'packbench-pg-'));
  const uidOf = (flag: '-u' | '-g') => execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim();
  if (asRoot) chownSync(dir, Number(uidOf('-u')), Number(uidOf('-g')));
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  let tlsOptions = '';
  if (o.tls) {
    const own = (file: string, text: string) => {
      writeFileSync(file, text, { mode: 0o600 });
      if (asRoot) chownSync(file, Number(uidOf('-u')), Number(uidOf('-g')));
    };
    own(join(data, 'server.crt'), o.tls.serverCert);
    own(join(data, 'server.key'), o.tls.serverKey);
    own(
      join(data, 'pg_hba.conf'),
      'local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostnossl all all 127.0.0.1/32 reject\n',
    );
    tlsOptions = ' -c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key';
  }
  // fsync off is safe against a killed server (the OS keeps what was written); synchronous_commit off is not: an
  // immediate stop loses commits already acknowledged, and a bench would have moved its cursor past them.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200${tlsOptions}`;
  const start = () =>
    void run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const stopServer = () => void run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  start();
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    createDatabase(name) {
      const r = spawnSync(
        join(bin, 'psql'),
        [url(), '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE "${name}"`],
        {
          encoding: 'utf8',
        },
      );
      if (r.status !== 0) throw new Error(`CREATE DATABASE ${name}: ${r.stderr}`);
      return url(name);
    },
    stopServer,
    start,
    stop() {
      try {
        stopServer();
      } catch (err) {
        // Already stopped, or it died: the log says why, the folder goes anyway.
        if (existsSync(join(dir, 'log')))
          process.stderr.write(readFileSync(join(dir, 'log'), 'utf8').slice(-2000));
        void err;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
