export type PrinterTarget =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'serial'; path: string; baud: number }
  | { kind: 'file'; path: string }
  | { kind: 'spooler'; name: string };

/** `tcp://host:9100`, `serial:COM3?baud=9600`, `file:PATH`, `spooler:NAME` → where the bytes go. */
export function parsePrinterUri(uri: string): PrinterTarget {
  if (uri.startsWith('tcp://')) {
    const u = new URL(uri);
    return { kind: 'tcp', host: u.hostname, port: u.port ? Number(u.port) : 9100 };
  }
  if (uri.startsWith('serial:')) {
    const [path, query] = uri.slice('serial:'.length).split('?');
    const baud = Number(new URLSearchParams(query ?? '').get('baud') ?? 9600);
    if (!path || !Number.isInteger(baud) || baud <= 0) throw new Error(`bad serial printer URI ${uri}`);
    return { kind: 'serial', path, baud };
  }
  if (uri.startsWith('file:')) return { kind: 'file', path: uri.slice('file:'.length) };
  if (uri.startsWith('spooler:')) return { kind: 'spooler', name: uri.slice('spooler:'.length) };
  throw new Error(
    `printer URI must be tcp://HOST:PORT, serial:PATH?baud=N, file:PATH or spooler:NAME, got ${uri}`,
  );
}
