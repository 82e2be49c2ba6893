import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import {
  detectScaleProtocol,
  SCALE_PROTOCOLS,
  ScaleEmulator,
  SerialScale,
  type ScaleProtocol,
} from '../devices/scale';
import { fail } from './fail';
import { oneOf, wholeNumber } from './args';

interface ReadOptions {
  port: string;
  protocol: string;
  baud?: string;
  parity?: 'none' | 'even' | 'odd';
  dataBits?: string;
  unit?: 'kg' | 'g' | 'lb' | 'oz';
  count?: string;
  json?: boolean;
}

const protocolOf = (name: string): ScaleProtocol => {
  if (!(SCALE_PROTOCOLS as readonly string[]).includes(name))
    fail(`--protocol must be one of: ${SCALE_PROTOCOLS.join(', ')}`);
  return name as ScaleProtocol;
};

export function registerScale(program: Command, sim: Command): void {
  const scale = program.command('scale').description('serial scales');
  scale
    .command('read')
    .description('print readings (JSON lines with --json: grams, stable, unit, raw hex)')
    .requiredOption('--port <path>', 'serial port (COM3, /dev/ttyUSB0)')
    .requiredOption('--protocol <name>', SCALE_PROTOCOLS.join(' | '))
    .option('--baud <n>', 'speed (default: the protocol’s)')
    .option('--parity <p>', 'none | even | odd')
    .option('--data-bits <n>', '7 | 8')
    .option('--unit <u>', 'unit of frames that carry none: kg | g | lb | oz', 'kg')
    .option('--count <n>', 'stop after N readings')
    .option('--json', 'JSON lines')
    .action((o: ReadOptions) => {
      const protocol = protocolOf(o.protocol);
      if (o.parity) oneOf('--parity', o.parity, ['none', 'even', 'odd']);
      if (o.dataBits) oneOf('--data-bits', o.dataBits, ['7', '8']);
      if (o.unit) oneOf('--unit', o.unit, ['kg', 'g', 'lb', 'oz']);
      if (o.baud) wholeNumber('--baud', o.baud, 300, 921_600);
      let left = o.count ? wholeNumber('--count', o.count, 1, 1_000_000) : Infinity;
      const device = new SerialScale(
        {
          path: o.port,
          protocol,
          baud: o.baud ? Number(o.baud) : undefined,
          parity: o.parity,
          dataBits: o.dataBits ? (Number(o.dataBits) as 7 | 8) : undefined,
          unit: o.unit,
        },
        {
          reading: (r) => {
            if (o.json)
              console.log(
                JSON.stringify({ grams: r.grams, stable: r.stable, unit: 'g', error: r.error, raw: r.raw }),
              );
            else
              console.log(
                r.grams === null
                  ? `error: ${r.error}  (${r.raw})`
                  : `${r.grams} g ${r.stable ? 'stable' : 'moving'}  (${r.raw})`,
              );
            if (--left <= 0) void device.stop().then(() => process.exit(0));
          },
          state: (state, detail) => console.error(`${o.port}: ${state}${detail ? ` (${detail})` : ''}`),
        },
      );
      device.start();
      const stop = () => void device.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  scale
    .command('detect')
    .description('try every protocol on a port, rank those that answer and say which one to configure')
    .requiredOption('--port <path>', 'serial port')
    .option('--listen-ms <n>', 'how long to listen per protocol', '1200')
    .option('--json', 'JSON output')
    .action(async (o: { port: string; listenMs: string; json?: boolean }) => {
      const listenMs = wholeNumber('--listen-ms', o.listenMs, 100, 60_000);
      let found;
      try {
        found = await detectScaleProtocol(o.port, listenMs);
      } catch (err) {
        fail((err as Error).message);
      }
      const { results, ranked, use } = found;
      if (o.json) console.log(JSON.stringify({ ranked, use }, null, 2));
      else {
        for (const r of results)
          console.log(
            `${r.protocol.padEnd(18)} ${r.frames > 0 ? `answers: ${r.frames} frame(s), ${r.noise} byte(s) of noise` : '-'}`,
          );
        if (use)
          console.log(
            `use: "protocol": "${use}"` +
              (ranked.length > 1
                ? ` (also decoded, less cleanly: ${ranked
                    .slice(1)
                    .map((r) => r.protocol)
                    .join(', ')})`
                : ''),
          );
      }
      if (!use) fail('no protocol answered: check the cable, the baud rate and that the scale sends');
    });

  sim
    .command('scale')
    .description(
      'emulate a scale on a serial port (e.g. one end of socat); stdin lines: "<grams>", "motion <ms> <grams>", "lift", "overload"',
    )
    .requiredOption('--port <path>', 'serial port to be the scale on')
    .requiredOption('--protocol <name>', SCALE_PROTOCOLS.join(' | '))
    .option('--grams <n>', 'weight on the platter', '0')
    .option('--motion-ms <n>', 'swing this long before settling', '0')
    .option('--interval-ms <n>', 'continuous protocols: ms between frames', '100')
    .option('--garbage', 'send rubbish bytes between frames')
    .action(
      async (o: {
        port: string;
        protocol: string;
        grams: string;
        motionMs: string;
        intervalMs: string;
        garbage?: boolean;
      }) => {
        const emulator = new ScaleEmulator({
          path: o.port,
          protocol: protocolOf(o.protocol),
          grams: Number(o.grams),
          intervalMs: Number(o.intervalMs),
        });
        emulator.garbage = o.garbage ?? false;
        emulator.set({ grams: Number(o.grams) }, Number(o.motionMs));
        await emulator.start().catch((e: Error) => fail(`cannot open ${o.port}: ${e.message}`));
        console.log(`scale ${o.protocol} on ${o.port}: ${o.grams} g`);
        createInterface({ input: process.stdin }).on('line', (line) => {
          const [cmd, a, b] = line.trim().split(/\s+/);
          if (cmd === 'lift') emulator.set({ grams: 0 });
          else if (cmd === 'overload') emulator.set({ overload: true });
          else if (cmd === 'motion') emulator.set({ grams: Number(b) }, Number(a));
          else if (cmd && /^\d+$/.test(cmd)) emulator.set({ grams: Number(cmd) });
          else return console.error(`? ${line}`);
          console.log(`scale: ${JSON.stringify(emulator.weight)}`);
        });
        const stop = () => void emulator.close().then(() => process.exit(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      },
    );
}
