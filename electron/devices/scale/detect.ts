import { SerialPort } from 'serialport';
import { CODECS, SCALE_PROTOCOLS, type ScaleProtocol } from './codecs';

/** The port opened with a protocol's own line settings (beside a bench that may hold it: no lock). */
async function openWith(path: string, protocol: ScaleProtocol): Promise<SerialPort> {
  const { serial } = CODECS[protocol];
  const port = new SerialPort({
    path,
    baudRate: serial.baud,
    parity: serial.parity,
    dataBits: serial.dataBits,
    lock: false,
    autoOpen: false,
  });
  const opened = await new Promise<Error | null>((r) => port.open(r));
  if (opened) throw new Error(`cannot open ${path}: ${opened.message}`);
  return port;
}

export interface ProtocolAnswer {
  protocol: ScaleProtocol;
  frames: number;
  noise: number;
}

/**
 * Tries every protocol on a serial port (its own line settings, its poll if it has one) and ranks those that answer:
 * the one that reads the stream cleanly wins (fewest bytes of noise per frame, then most frames). `use` is null when
 * none answered. The CLI's `scale detect` and the Devices page's set-up both ask here.
 */
export async function detectScaleProtocol(
  path: string,
  listenMs: number,
): Promise<{ results: ProtocolAnswer[]; ranked: ProtocolAnswer[]; use: ScaleProtocol | null }> {
  const results: ProtocolAnswer[] = [];
  for (const name of SCALE_PROTOCOLS) {
    const codec = CODECS[name];
    const port = await openWith(path, name);
    const decoder = codec.decoder('kg');
    let frames = 0;
    port.on('data', (d: Buffer) => (frames += decoder.push(d).filter((f) => f.type !== 'ack').length));
    if (codec.poll) {
      // A line protocol's poll starts with a line end, so bytes an earlier probe left in the scale's buffer (Toledo
      // 8217's bare "W") do not spoil it; asked three times, since a demand scale may miss one.
      const line = codec.poll.at(-1) === 0x0a;
      const poll = Buffer.concat([Buffer.from(line ? '\r\n' : ''), Buffer.from(codec.poll)]);
      for (let i = 0; i < 3; i++) {
        port.write(poll);
        await new Promise((r) => setTimeout(r, listenMs / 3));
      }
    } else await new Promise((r) => setTimeout(r, listenMs));
    await new Promise((r) => port.close(r));
    results.push({ protocol: name, frames, noise: decoder.noise });
  }
  const ranked = results
    .filter((r) => r.frames > 0)
    .sort((a, b) => a.noise / a.frames - b.noise / b.frames || b.frames - a.frames);
  return { results, ranked, use: ranked[0]?.protocol ?? null };
}

/**
 * The scale on a port read once with a protocol (the set-up page's live reading while IT puts a weight on it): the
 * last weight frame within `ms`, or null when none came. The port is opened and closed around it.
 */
export async function readScaleOnce(
  path: string,
  protocol: ScaleProtocol,
  ms: number,
): Promise<{ grams: number; stable: boolean | null } | null> {
  const codec = CODECS[protocol];
  const port = await openWith(path, protocol);
  const decoder = codec.decoder('kg');
  let last: { grams: number; stable: boolean | null } | null = null;
  port.on('data', (d: Buffer) => {
    for (const f of decoder.push(d)) if (f.type === 'weight') last = { grams: f.grams, stable: f.stable };
  });
  const polls = codec.poll ? 3 : 1;
  for (let i = 0; i < polls; i++) {
    if (codec.poll) port.write(Buffer.from(codec.poll));
    await new Promise((r) => setTimeout(r, ms / polls));
  }
  await new Promise((r) => port.close(r));
  return last;
}
