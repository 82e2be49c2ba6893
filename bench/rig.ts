import { join } from 'node:path';
import { ConfigSchema, EMBEDDED_DEFAULT } from '../electron/config';
import { silentLog } from '../electron/log';
import { startHeadlessServer, type HeadlessServer } from '../electron/server';
import { Station } from '../electron/station';

/** An in-process bench on the demo data: the station, on `dir/<id>.db`, with the embedded config and `extra`. */
export function benchStation(dir: string, id: string, extra: object = {}): Station {
  const config = ConfigSchema.parse({ ...EMBEDDED_DEFAULT, station: { id }, ...extra });
  return new Station({
    loaded: { config, source: { kind: 'default', path: null }, databasePath: join(dir, `${id}.db`) },
    version: 'bench',
    log: silentLog,
  });
}

/** The station's headless server on a free loopback port, as `packbench serve` runs it (API only). */
export function benchServer(station: Station): Promise<HeadlessServer> {
  return startHeadlessServer({ station, rendererDir: null, host: '127.0.0.1', port: 0, log: silentLog });
}
