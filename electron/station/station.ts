import {
  ContractError,
  invoke,
  type CallOutcome,
  type EventName,
  type EventPayload,
  type Feedback,
  type Handlers,
  type StationInfo,
  type StationState,
  type DeviceState,
} from '../../shared/contract';
import { stripAim } from '../../shared/scan';
import { manifestDirOf, type LoadedConfig } from '../config';
import { dirname, join } from 'node:path';
import { DeviceRegistry } from '../devices';
import { createScale, type ScaleDevice, type ScaleReading } from '../devices/scale';
import { createScanners, type ScanEvent, type ScannerSource } from '../devices/scanner';
import { parsePrinterUri, PrintQueue, type PrinterRole } from '../devices/printer';
import { createCarriers } from '../carriers';
import { Shipping } from './shipping';
import { printerDeviceState, printTest, reprint, resolveFileUri } from './printing';
import { Outbox } from './outbox';
import { Handovers } from './handover';
import { loadDemoData } from '../intake';
import { background, type Log } from '../log';
import { lockDatabase, openStore, type DatabaseLock, type Repos, type Store, type UserRow } from '../store';
import { StationEvents } from './emitter';
import { Uploads } from './uploads';
import type { FeedbackDraft } from './feedback';
import { createHandlers } from './handlers';
import { PackWorkflow } from './pack';
import { People } from './people';
import { boxView, phaseOf } from './view';

export interface StationOptions {
  loaded: LoadedConfig;
  version: string;
  log: Log;
  now?: () => Date;
  /** Who holds the database while this station runs (named to a second process that is refused). */
  purpose?: string;
}

/**
 * One bench: its database, devices and pack workflow, behind the contract. The Electron main process and the
 * headless server both wrap exactly this object.
 */
export class Station {
  readonly store: Store;
  private readonly lock: DatabaseLock;
  readonly repos: Repos;
  readonly devices: DeviceRegistry;
  readonly pack: PackWorkflow;
  readonly people: People;
  readonly scale: ScaleDevice;
  readonly now: () => Date;
  readonly handlers: Handlers;
  readonly queue: PrintQueue;
  readonly shipping: Shipping;
  readonly outbox: Outbox;
  readonly handovers: Handovers;
  readonly uploads: Uploads;
  private statusTimer: ReturnType<typeof setInterval> | null = null;
  private readonly events = new StationEvents();
  private readonly stationId: string;
  private feedback: Feedback | null = null;
  private feedbackId = 0;
  private revision = 0;
  private closed = false;
  private scanners: ScannerSource[] = [];
  private scanTest: StationState['scanTest'] = { active: false, last: null };

  constructor(readonly options: StationOptions) {
    const { config } = options.loaded;
    this.stationId = config.station.id;
    this.now = options.now ?? (() => new Date());
    this.lock = lockDatabase(options.loaded.databasePath, options.purpose ?? 'a Packbench station');
    try {
      this.store = openStore(options.loaded.databasePath);
    } catch (err) {
      this.lock.release();
      throw err;
    }
    try {
      this.repos = this.store.repos;
      if (config.demoData) loadDemoData(this.repos, options.log);
      this.people = new People(this.repos);
      this.devices = new DeviceRegistry(config, (status) => this.events.emit('device.status', status));
      this.pack = new PackWorkflow({
        repos: this.repos,
        config,
        stationId: this.stationId,
        now: this.now,
        packer: () => this.people.packer?.name ?? null,
        log: options.log,
      });
      const printers: Partial<
        Record<
          PrinterRole,
          { target: ReturnType<typeof parsePrinterUri>; language: 'zpl' | 'tspl' | 'epl' | 'escpos' | 'pdf' }
        >
      > = {};
      for (const role of ['label', 'slip'] as const) {
        const p = config.printers[role];
        if (p)
          printers[role] = {
            target: parsePrinterUri(resolveFileUri(p.uri, options.loaded)),
            language: p.language,
          };
      }
      this.queue = new PrintQueue(this.repos.printJobs, printers, {
        now: this.now,
        jobChanged: (job) => {
          this.events.emit('printJob.updated', {
            id: job.id,
            printer: job.printer,
            kind: job.kind,
            waybillNo: job.waybill_no,
            status: job.status,
            attempts: job.attempts,
            lastError: job.last_error,
            reason: job.reason,
          });
          if (job.session_id && job.session_id === this.pack.box?.sessionId) this.changed();
        },
        printerState: (role, s) => this.devices.report(`printer:${role}`, printerDeviceState(s)),
      });
      this.shipping = new Shipping({
        repos: this.repos,
        config,
        pack: this.pack,
        carriers: createCarriers(config, this.repos.waybillPool, (m) => options.log.warn(m)),
        queue: this.queue,
        log: options.log,
        now: this.now,
        tell: (d) => this.tell(d, null),
        changed: () => this.changed(),
      });
      this.outbox = new Outbox(this.repos, config.notify, options.log, this.now);
      this.handovers = new Handovers(
        this.repos,
        this.stationId,
        manifestDirOf(options.loaded),
        this.now,
        this.shipping.carrierNames,
      );
      this.uploads = new Uploads(join(dirname(options.loaded.databasePath), 'uploads'));
      this.handlers = createHandlers(this);
      this.scanners = createScanners(
        config,
        (scan) => this.receive(scan),
        (id, state, detail) => this.devices.report(id, { state, detail }),
      );
      this.scale = createScale(config, {
        reading: (r) => this.onScaleReading(r),
        state: (state, detail) => this.onScaleState(state, detail),
      });
      for (const s of this.scanners) s.start();
      this.scale.start();
      this.queue.start();
      background(options.log, 'printer status', () => this.queue.poll());
      this.statusTimer = setInterval(
        () => background(options.log, 'printer status', () => this.queue.poll()),
        10_000,
      );
      this.statusTimer.unref?.();
      this.shipping.start();
      this.outbox.start();
    } catch (err) {
      this.store.close();
      this.lock.release();
      throw err;
    }
    const resumed = this.pack.box ? `, resumed box ${this.pack.box.order.orderNo}` : '';
    options.log.info(
      `station ${this.stationId} open: db ${this.store.file} (schema ${this.store.schemaVersion}), config ${options.loaded.source.path ?? 'embedded default'}${resumed}`,
    );
  }

  info(): StationInfo {
    const { config, source } = this.options.loaded;
    return {
      version: this.options.version,
      stationId: config.station.id,
      stationName: config.station.name ?? config.station.id,
      locale: config.station.locale ?? null,
      configSource: source,
      devices: this.devices.list(),
      scale: { protocol: this.scale.protocol, canZero: this.scale.canZero, canTare: this.scale.canTare },
      carriers: this.shipping.carrierNames,
      wedge: {
        avgMsPerChar: config.scan.avgMsPerChar,
        minLength: config.scan.minLength,
        prefix: config.scan.prefix ?? null,
      },
    };
  }

  state(): StationState {
    const box = this.pack.box;
    let view = null;
    if (box) {
      const { pkg, check } = this.pack.expectedWeight(box);
      const suggested = box.package ? null : pkg;
      const labelJob = box.shipment?.labelJobId ? this.repos.printJobs.byId(box.shipment.labelJobId) : null;
      view = boxView(box, {
        labelStatus: labelJob?.status ?? null,
        expectedG: check.expectedG,
        toleranceG: check.toleranceG,
        missingWeights: check.missingWeights,
        suggested: suggested ? { code: suggested.code, name: suggested.name } : null,
      });
    }
    return {
      stationId: this.stationId,
      phase: phaseOf(this.people.packer, box),
      packer: this.people.packer,
      box: view,
      feedback: this.feedback,
      scanTest: this.scanTest,
      reasons: this.options.loaded.config.reasons,
      revision: this.revision,
      scaleConnected: this.scaleConnected,
    };
  }

  /**
   * The one stream of scans, from every scanner. In the Devices page's scan test, a scan is shown and not packed;
   * then there is no feedback.
   */
  receive(scan: ScanEvent): Feedback | null {
    if (this.scanTest.active) {
      this.scanTest = {
        active: true,
        last: {
          code: stripAim(scan.code).data,
          symbology: scan.symbology,
          scanner: scan.scanner,
          at: scan.at.toISOString(),
        },
      };
      this.changed();
      return null;
    }
    const feedback = this.scan(scan.code);
    this.beep(scan.scanner, feedback);
    return feedback;
  }

  /** A scan's code through the pack workflow: a badge when nobody is logged in, else the workflow's. */
  scan(code: string): Feedback {
    if (!this.people.packer) {
      const user = this.people.byBadge(code);
      if (!user) return this.tell({ tone: 'unknown', kind: 'badge-unknown', params: { code } }, code);
      this.login(user);
      return this.feedback!;
    }
    const box = this.pack.box;
    const reading = stripAim(code).data;
    const result =
      box && box.weightApproved && !this.isCommand(reading)
        ? box.shipment?.status === 'booked'
          ? this.shipping.scanLabel(reading)
          : this.pack.scan(code)
        : this.pack.scan(code);
    if (result.kind === 'logout') this.logout();
    const told = this.tell(result, code);
    this.weighIfReady();
    return told;
  }

  /** Every scale reading goes to the views; a stable one of a fresh placement weighs the box that waits for it. */
  private lastReading: ScaleReading | null = null;
  private consumedPlacement = 0;
  onScaleReading(r: ScaleReading): void {
    this.lastReading = r;
    this.readings++;
    this.events.emit('scale.reading', {
      grams: r.grams,
      stable: r.stable,
      error: r.error,
      at: r.at.toISOString(),
    });
    this.weighIfReady();
  }

  /** A scale that is not connected has no current weight: its last reading is dropped, and the box says so. */
  private scaleConnected = true;
  private onScaleState(state: DeviceState, detail?: string): void {
    this.devices.report('scale', { state, detail });
    const connected = state === 'ready' || state === 'virtual';
    if (!connected) this.lastReading = null;
    if (connected !== this.scaleConnected) {
      this.scaleConnected = connected;
      this.changed();
    }
  }

  /** When the open box last became ready to weigh (all verified): only readings after it may weigh it. */
  private readyToWeigh: { key: string; afterReading: number } | null = null;
  /** Readings counted as they arrive: "after the box was ready" is exact, not a matter of clock resolution. */
  private readings = 0;

  private weighIfReady(): void {
    const r = this.lastReading;
    const box = this.pack.box;
    if (!box || !this.people.packer || box.verification === 'open' || box.weightApproved) {
      this.readyToWeigh = null;
      return;
    }
    const key = `${box.sessionId}/${box.verification}/${box.okScans.length}/${box.insertsConfirmed.length}`;
    if (this.readyToWeigh?.key !== key) this.readyToWeigh = { key, afterReading: this.readings };
    if (!r || !this.scaleConnected) return;
    // A reading has an age: one from before the box was ready, or older than the scale's limit, is not this box's.
    if (this.readings <= this.readyToWeigh.afterReading) return;
    if (Date.now() - r.at.getTime() > this.maxReadingAgeMs) return;
    if (!r.stable || r.grams === null || r.placement === null) return;
    // A placement weighs one box once: the previous box's weight is never taken for this one.
    if (r.placement <= this.consumedPlacement) return;
    this.consumedPlacement = r.placement;
    this.scale.consume(r.placement);
    this.tell(this.pack.weigh(r.grams, r.placement), null);
    this.shipping.bookIfDue();
  }

  private get maxReadingAgeMs(): number {
    return this.options.loaded.config.scale.maxReadingAgeMs;
  }

  private isCommand(code: string): boolean {
    return code.toUpperCase().startsWith('PB:');
  }

  /** The feedback an asynchronous step already told, as the result of the call that caused it. */
  announce(d: FeedbackDraft): Feedback {
    return this.feedback && this.feedback.kind === d.kind ? this.feedback : this.tell(d, null);
  }

  /** The test face sheet on a configured printer, through the queue like any job. */
  printTest(role: 'label' | 'slip'): Promise<void> {
    return printTest(this, role);
  }

  /** Prints a box's label again (the open box's, or by waybill), with the reason; the new job is logged. */
  reprint(reason: string, waybillNo?: string): void {
    reprint(this, reason, waybillNo);
  }

  testFeedback(code: string): Feedback {
    return {
      id: this.feedbackId,
      tone: 'info',
      kind: 'scan-test',
      params: { code },
      code,
      at: this.now().toISOString(),
    };
  }

  setScanTest(active: boolean): void {
    this.scanTest = { active, last: active ? this.scanTest.last : null };
    this.changed();
  }

  private beep(scanner: string, feedback: Feedback): void {
    const beep = this.options.loaded.config.scanners.find((s) => s.name === scanner)?.beep;
    const source = this.scanners.find((s) => s.id === `scanner:${scanner}`);
    if (!beep || !source || !('send' in source)) return;
    const hex =
      feedback.tone === 'ok' || feedback.tone === 'done'
        ? beep.good
        : feedback.tone === 'info'
          ? undefined
          : beep.bad;
    if (hex)
      void (source as { send(b: Buffer): Promise<void> })
        .send(Buffer.from(hex, 'hex'))
        .catch(() => undefined);
  }

  /** An action of the logged-in packer (or a lead at the bench). */
  act(fn: () => FeedbackDraft): Feedback {
    if (!this.people.packer) throw new ContractError('refused', 'log in first');
    const told = this.tell(fn(), null);
    this.weighIfReady();
    this.shipping.bookIfDue();
    return told;
  }

  tell(d: FeedbackDraft, code: string | null): Feedback {
    this.feedback = { ...d, id: ++this.feedbackId, code, at: this.now().toISOString() };
    this.changed();
    return this.feedback;
  }

  changed(): void {
    if (!this.repos.isOpen()) return;
    this.revision++;
    this.events.emit('station.state', this.state());
  }

  login(user: UserRow | null): { name: string; role: UserRow['role'] } {
    if (!user) {
      this.tell({ tone: 'unknown', kind: 'login-refused', params: {} }, null);
      throw new ContractError('refused', 'badge or name and PIN not recognised');
    }
    this.people.set({ name: user.name, role: user.role });
    this.tell({ tone: 'ok', kind: 'login', params: { name: user.name } }, null);
    return this.people.packer!;
  }

  logout(): void {
    this.people.set(null);
    this.changed();
  }

  reason(kind: 'hold' | 'partial' | 'override', code: string): string {
    const list = this.options.loaded.config.reasons[kind];
    if (!list.includes(code))
      throw new ContractError('refused', `reason "${code}" is not one of: ${list.join(', ')}`);
    return code;
  }

  call(method: unknown, params: unknown): Promise<CallOutcome> {
    if (this.closed)
      return Promise.resolve({ ok: false, error: { code: 'refused', message: 'station is shutting down' } });
    return invoke(this.handlers, method, params);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.events.on(event, listener);
  }

  /** Devices first, then the database, so nothing writes into a closed file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.shipping.stop();
    this.outbox.stop();
    await Promise.all([...this.scanners.map((s) => s.stop()), this.scale.stop(), this.queue.stop()]);
    // A carrier call may be on its way: its answer is written when it comes, so wait for it (bounded by its timeout).
    for (let i = 0; i < 200 && this.shipping.busy; i++) await new Promise((r) => setTimeout(r, 50));
    this.store.close();
    this.lock.release();
    this.options.log.info(`station ${this.stationId} closed`);
  }
}
