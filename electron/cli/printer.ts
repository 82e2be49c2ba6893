import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { currentEnvironment, loadConfig } from '../config';
import {
  CapturePrinter,
  parsePrinterUri,
  printerStatus,
  REPORTS,
  sendBytes,
  type PrinterCondition,
  type PrinterLanguage,
} from '../devices/printer';
import {
  commercialInvoicePdf,
  customsLabelPdf,
  encodeLabel,
  LABEL_FORMATS,
  LABEL_SIZES,
  renderFaceSheet,
  SAMPLE_SHEET,
  type Dpi,
  type LabelFormat,
  type LabelSize,
} from '../labels';
import { customsPaperForOrder, faceSheetFor, problemsText } from '../station';
import { withStore } from './store';
import { fail } from './fail';
import { oneOf, wholeNumber } from './args';

const LANGUAGES = ['zpl', 'tspl', 'epl', 'escpos', 'pdf'] as const;

export function registerPrinter(program: Command, sim: Command): void {
  program
    .command('label')
    .description('face sheets')
    .command('render')
    .description('render an order’s face sheet (or, abroad, its CN22/CN23 or commercial invoice) to a file')
    .requiredOption('--order <no>', 'order number')
    .option(
      '--document <d>',
      'face | cn23 | invoice (cn23: the CN22 or CN23 its value calls for; PDF only)',
      'face',
    )
    .option('--size <size>', Object.keys(LABEL_SIZES).join(' | '), '100x150')
    .option('--dpi <n>', '203 | 300', '203')
    .option('--format <f>', LABEL_FORMATS.join(' | '), 'png')
    .requiredOption('--out <file>', 'output file')
    .option('-c, --config <file>', 'config file')
    .action(
      async (o: {
        order: string;
        document: string;
        size: string;
        dpi: string;
        format: string;
        out: string;
        config?: string;
      }) => {
        if (!(o.size in LABEL_SIZES)) fail(`--size must be one of ${Object.keys(LABEL_SIZES).join(', ')}`);
        if (o.dpi !== '203' && o.dpi !== '300') fail('--dpi must be 203 or 300');
        if (!(LABEL_FORMATS as readonly string[]).includes(o.format))
          fail(`--format must be one of ${LABEL_FORMATS.join(', ')}`);
        const { config } = loadConfig(o.config, currentEnvironment());
        oneOf('--document', o.document, ['face', 'cn23', 'invoice'] as const);
        if (o.document !== 'face') {
          if (o.format !== 'pdf') fail(`--document ${o.document} is written as PDF: give --format pdf`);
          const paper = await withStore(o.config, (store) => {
            const found = store.repos.orders.findByCode(o.order);
            if (!found) fail(`no order ${o.order}`);
            const r = customsPaperForOrder({ repos: store.repos, config }, found.order, new Date());
            if (!r) fail(`order ${o.order} is not going abroad: it has no customs papers`);
            if ('problems' in r)
              fail(`order ${o.order}: the declaration is blocked: ${problemsText(r.problems)}`);
            return r.paper;
          });
          const pdf =
            o.document === 'invoice' ? await commercialInvoicePdf(paper) : await customsLabelPdf(paper);
          writeFileSync(o.out, pdf);
          console.log(
            `${o.out}: ${o.document === 'invoice' ? 'commercial invoice' : paper.document} of ${o.order}, ${paper.items.length} line(s), ${(paper.items.reduce((n, i) => n + i.unitValueCents * i.qty, 0) / 100).toFixed(2)} ${paper.currency}`,
          );
          return;
        }
        const sheet = await withStore(o.config, (store) => {
          const repos = store.repos;
          const found = repos.orders.findByCode(o.order);
          if (!found) fail(`no order ${o.order}`);
          const shipment = repos.shipments.latestBooked(found.order.id);
          const waybill = shipment?.waybill_no ?? found.order.waybill_no ?? `PREVIEW${found.order.id}`;
          return faceSheetFor(
            found.order,
            repos.orders.linesOf(found.order.id),
            {
              carrier: shipment?.carrier ?? config.carriers.default,
              waybillNo: waybill,
              markDestination: shipment?.mark_destination ?? found.order.city,
              sortingCode: shipment?.sorting_code ?? null,
            },
            config,
            null,
            new Date(),
          );
        });
        const raster = renderFaceSheet(sheet, o.size as LabelSize, Number(o.dpi) as Dpi);
        writeFileSync(o.out, await encodeLabel(raster, o.format as LabelFormat, o.size as LabelSize));
        console.log(
          `${o.out}: ${o.format} ${o.size} @ ${o.dpi} dpi, ${raster.width}×${raster.height} dots, waybill ${sheet.waybillNo}`,
        );
      },
    );

  program
    .command('print')
    .description('printing')
    .command('test')
    .description('print the test face sheet on a printer')
    .requiredOption('--printer <uri>', 'tcp://HOST:9100, serial:PATH?baud=N, file:PATH, spooler:NAME')
    .requiredOption('--language <l>', LANGUAGES.join(' | '))
    .option('--size <size>', Object.keys(LABEL_SIZES).join(' | '), '100x150')
    .option('--dpi <n>', '203 | 300', '203')
    .action(async (o: { printer: string; language: string; size: string; dpi: string }) => {
      if (!(LANGUAGES as readonly string[]).includes(o.language))
        fail(`--language must be one of ${LANGUAGES.join(', ')}`);
      let target;
      try {
        target = parsePrinterUri(o.printer);
      } catch (e) {
        fail((e as Error).message);
      }
      const raster = renderFaceSheet(
        { ...SAMPLE_SHEET, printedAt: new Date() },
        o.size as LabelSize,
        Number(o.dpi) as Dpi,
      );
      const bytes = await encodeLabel(raster, o.language as LabelFormat, o.size as LabelSize);
      await sendBytes(target, bytes).catch((e: Error) => fail(`${o.printer}: ${e.message}`));
      console.log(`sent ${bytes.length} bytes of ${o.language} to ${o.printer}`);
    });

  program
    .command('printer')
    .description('printers')
    .command('status')
    .description('ask a printer how it is: ready, paper out, head open, cover open, paused, offline')
    .requiredOption('--printer <uri>', 'printer URI')
    .requiredOption('--language <l>', LANGUAGES.join(' | '))
    .option('--json', 'JSON output')
    .action(async (o: { printer: string; language: string; json?: boolean }) => {
      oneOf('--language', o.language, LANGUAGES);
      let target;
      try {
        target = parsePrinterUri(o.printer);
      } catch (e) {
        fail((e as Error).message);
      }
      const s = await printerStatus(target, o.language as PrinterLanguage);
      console.log(o.json ? JSON.stringify(s) : `${o.printer}: ${s.condition} (${s.detail})`);
      if (s.condition !== 'ready') process.exitCode = 2;
    });

  sim
    .command('printer')
    .description('a TCP capture printer: stores every job, answers status queries')
    .requiredOption('--port <n>', 'TCP port (9100 for a real one; 0 = any)')
    .requiredOption('--language <l>', LANGUAGES.join(' | '))
    .option('--status <s>', 'what its status answer says (the conditions its language can report)', 'ready')
    .option('--dir <dir>', 'also write each job to this folder')
    .action(async (o: { port: string; language: string; status: string; dir?: string }) => {
      const language = oneOf('--language', o.language, LANGUAGES) as PrinterLanguage;
      const status = o.status === 'ready' && language in { epl: 1, pdf: 1 } ? 'unknown' : o.status;
      if (!REPORTS[language].includes(status as PrinterCondition))
        fail(
          `--status ${o.status} cannot be reported by a ${language} printer; it reports ${REPORTS[language].join(', ')}`,
        );
      const portNo = wholeNumber('--port', o.port, 0, 65535);
      const printer = new CapturePrinter(language, o.dir ?? null);
      printer.condition = status as PrinterCondition;
      const port = await printer.start(portNo);
      console.log(`capture printer (${o.language}, ${o.status}) on tcp://127.0.0.1:${port}`);
      const timer = setInterval(() => undefined, 1 << 30);
      let seen = 0;
      setInterval(() => {
        for (; seen < printer.jobs.length; seen++)
          console.log(`job ${seen + 1}: ${printer.jobs[seen]!.bytes.length} bytes`);
      }, 100);
      process.once('SIGTERM', () => void printer.stop().then(() => (clearInterval(timer), process.exit(0))));
      process.once('SIGINT', () => void printer.stop().then(() => process.exit(0)));
    });
}
