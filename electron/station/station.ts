import {
  refuse,
  invoke,
  type CallOutcome,
  type DeviceState,
  type EventName,
  type EventPayload,
  type Feedback,
  type Handlers,
  type Screen,
  type StationInfo,
  type StationState,
} from '../../shared/contract';
import { dirname, join } from 'node:path';
import { createCarriers } from '../carriers';
import { applyRules, manifestDirOf, warehouseConnectionOf, type Config, type LoadedConfig } from '../config';
import { DeviceRegistry } from '../devices';
import type { PrintQueue } from '../devices/printer';
import { createScale, type ScaleDevice, type ScaleReading } from '../devices/scale';
import { createScanners, type ScanEvent, type ScannerSource } from '../devices/scanner';
import { loadDemoData, type FeedIntercept } from '../intake';
import { background, type Log } from '../log';
import {
  lockDatabase,
  openReader,
  openStore,
  Warehouse,
  type DatabaseLock,
  type Reader,
  type Repos,
  type Store,
  type UserRow,
} from '../store';
import type { Bench } from './bench';
import { EffectRunner, effectsAtStart, effectsOf } from './effects';
import { StationEvents } from './emitter';
import type { FeedbackDraft } from './feedback';
import { createHandlers } from './handlers';
import { Handovers, WarehouseHandovers, type Dock } from './handover';
import { Outbox } from './notices';
import { boxView, PackWorkflow, phaseOf, waitsForWeight } from './pack';
import { People } from './people';
import {
  createPrintQueue,
  printerDeviceState,
  printManifest,
  printTest,
  reprint,
  type PrintDesk,
} from './printing';
import { beep, routeScan, scanAtEdge, type ScanRoute } from './scanning';
import { COMMAND_PREFIX } from '../../shared/scan';

const isCommand = (code: string) => code.toUpperCase().startsWith(COMMAND_PREFIX);
import { Shipping } from './shipping';
import { Uploads } from './uploads';
import { printJobView } from './views';
import { localReview, reportThread, warehouseReview, type ReportThread, type Review } from './review';
import { ScaleWatch } from './weighing';
import { composeFeeds, hooksOf, shopeeTokenStore, type FeedDesk } from './feeds';
import type { TrackingDesk } from './tracking';
import { Retention } from './retention';
import { ClaimDesk, WarehouseLink } from './warehouse';
import {
  labelThread,
  warmLabels,
  type Dpi,
  type LabelSize,
  type LabelThread,
  type ManifestSheet,
} from '../labels';

export interface StationOptions {
  loaded: LoadedConfig;
  version: string;
  log: Log;
  now?: () => Date;
  /** Who holds the database while this station runs (named to a second process that is refused). */
  purpose?: string;
  /** The desktop app closes when an admin asks from the screen (`app.quit`); a headless station has none. */
  quit?: () => void;
}

/**
 * One bench, composed: its database, devices and rooms (pack, shipping, printing, handover, people, notices) behind
 * the contract. Scans come in through one router; the workflow's events become effects that one runner carries out.
 * The Electron main process and the headless server both wrap exactly this object.
 */
export class Station implements Bench {
  readonly config: Config;

  /** The config file the bench started from (null: the embedded default): the set-up on screen edits it. */
  get configSource(): { path: string | null } {
    return { path: this.options.loaded.source.path };
  }
  readonly store: Store;
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
  readonly handovers: Dock;
  readonly uploads: Uploads;
  /** Order feeds (pulled, pushed): a single bench's, or a warehouse's (pulled by one bench or worker per interval). */
  readonly feeds: FeedDesk;
  /** 跟踪 after handover: a single bench's parcels, or every bench's in a warehouse (asked once per round). */
  readonly tracking: TrackingDesk;
  /** 拦截 heard from the warehouse (NOTIFY): the open box, a labelled box, or one already handed over. */
  private readonly intercept: (i: FeedIntercept) => void;
  /** Warehouse mode: claims, the order cache and the event push; null on a single bench. */
  readonly link: WarehouseLink | null;
  private readonly claims: ClaimDesk | null;
  readonly review: Review;
  private readonly lock: DatabaseLock;
  private readonly desk: PrintDesk;
  private readonly effects: EffectRunner;
  private readonly watch: ScaleWatch;
  private readonly events = new StationEvents();
  private readonly stationId: string;
  private statusTimer: ReturnType<typeof setInterval> | null = null;
  private scanners: ScannerSource[] = [];
  private feedback: Feedback | null = null;
  private feedbackId = 0;
  private revision = 0;
  private closed = false;
  private readonly retention: Retention;
  /** The reports' read-only connection, opened when the lead first asks. */
  private reader: Reader | null = null;
  /** Where face sheets are drawn and encoded (null with no built thread: on this thread). */
  private labels: LabelThread | null = null;
  /** The report thread of a single bench (null in a warehouse, or with no built thread to start). */
  private reports: ReportThread | null = null;
  private scanTest: StationState['scanTest'] = { active: false, last: null };
  private screen: Screen = { page: 'pack', dialog: null };
  private approval: StationState['approval'] = null;

  constructor(readonly options: StationOptions) {
    const { config } = options.loaded;
    const log = options.log;
    this.config = config;
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
      if (config.demoData) loadDemoData(this.repos, log, { pool: !config.warehouse });
      this.people = new People(this.repos);
      this.devices = new DeviceRegistry(config, (status) => this.events.emit('device.status', status));
      this.watch = new ScaleWatch(() => config.scale.maxReadingAgeMs);
      this.effects = new EffectRunner(
        {
          weigh: (key) => this.watch.arm(key),
          book: (key) => background(log, `booking ${key}`, () => this.shipping.book()),
          print: (printers) => printers.forEach((p) => this.queue.kick(p)),
          // In a warehouse a ship notice is the warehouse's job (sent once, by any bench); here it goes up now.
          notify: () =>
            this.link ? this.link.kick() : background(log, 'ship notices', () => this.outbox.flush()),
        },
        log,
      );
      this.pack = new PackWorkflow({
        repos: this.repos,
        config,
        stationId: this.stationId,
        now: this.now,
        packer: () => this.people.packer?.name ?? null,
        log,
        committed: (sessionId, before, after, events) => {
          this.effects.enqueue(effectsOf(sessionId, before, after, events));
          this.link?.kick();
        },
      });
      this.queue = createPrintQueue(options.loaded, this.repos, {
        now: this.now,
        jobChanged: (job) => {
          this.events.emit('printJob.updated', printJobView(job));
          if (job.session_id && job.session_id === this.pack.box?.sessionId) this.changed();
        },
        printerState: (role, s) => this.devices.report(`printer:${role}`, printerDeviceState(s)),
      });
      const wc = warehouseConnectionOf(options.loaded, process.env, 'bench');
      const warehouse = wc ? new Warehouse(wc) : null;
      const shopeeTokens = shopeeTokenStore(this.repos, warehouse);
      const carrierAdapters = createCarriers(
        config,
        this.repos.waybillPool,
        (m) => log.warn(m),
        shopeeTokens,
      );
      this.shipping = new Shipping({
        repos: this.repos,
        config,
        pack: this.pack,
        carriers: carrierAdapters,
        labels: (this.labels = labelThread(log)),
        log,
        now: this.now,
        tell: (d) => this.tell(d, null),
        changed: () => this.changed(),
        printLater: (printers) => printers.forEach((p) => this.queue.kick(p)),
      });
      this.outbox = new Outbox(this.repos, config.notify, log, this.now);
      const carriers = this.shipping.carrierNames;
      this.uploads = new Uploads(join(dirname(options.loaded.databasePath), 'uploads'));
      this.link = warehouse
        ? new WarehouseLink({
            warehouse,
            repos: this.repos,
            bench: this.stationId,
            log,
            now: this.now,
            changed: () => this.changed(),
            pool: {
              carrier: config.carriers.pool?.carrierName ?? 'demo',
              lease: config.warehouse!.waybillLease,
            },
            intercepted: (i) => this.intercept(i),
            ...(config.notify ? { notify: config.notify } : {}),
            applyRules: (rules) => {
              const { boxTypes } = applyRules(config, rules, (m) => log.warn(m));
              if (boxTypes) this.repos.packages.upsert(boxTypes);
              this.changed();
            },
            doing: () => ({
              packer: this.people.packer?.name ?? null,
              orderNo: this.pack.box?.order.orderNo ?? null,
              phase: phaseOf(this.people.packer, this.pack.box),
              devices: this.devices.list().map(({ kind, name, state }) => ({ kind, name, state })),
            }),
          })
        : null;
      const link = this.link;
      this.handovers = link
        ? new WarehouseHandovers({
            reach: (fn) => link.reach(fn),
            bench: this.stationId,
            manifestDir: manifestDirOf(options.loaded),
            now: this.now,
            carriers,
            tell: (d, code) => this.tell(d, code),
            print: (sheet) => this.printManifest(sheet),
            failed: (code, err) => {
              log.error(`loading ${code} at the dock`, err);
              this.tell({ tone: 'wrong', kind: 'handover-offline', params: { code } }, code);
            },
          })
        : new Handovers(
            this.repos,
            this.stationId,
            manifestDirOf(options.loaded),
            this.now,
            carriers,
            (sheet) => this.printManifest(sheet),
          );
      ({
        feeds: this.feeds,
        tracking: this.tracking,
        intercept: this.intercept,
      } = composeFeeds({
        config,
        carriers: carrierAdapters,
        shopeeTokens,
        warehouse,
        repos: this.repos,
        runner: `bench ${this.stationId}`,
        log,
        now: this.now,
        ...(link ? { reach: <T>(fn: () => Promise<T>) => link.reach(() => fn()) } : {}),
        bench: {
          repos: this.repos,
          pack: this.pack,
          stationId: this.stationId,
          tell: (d: FeedbackDraft) => this.tell(d, null),
          drain: () => this.effects.drain(),
        },
      }));
      this.review = link
        ? warehouseReview((fn) => link.reach(fn))
        : localReview(this.repos, this.reportReads(options), this.store.archives);
      const warehouseLink = this.link;
      this.retention = new Retention({
        archives: this.store.archives,
        days: config.retention.days,
        now: this.now,
        log,
        ...(warehouseLink ? { confirmedUpTo: () => warehouseLink.confirmedEvents() } : {}),
      });
      this.claims = this.link
        ? new ClaimDesk({
            link: this.link,
            pack: this.pack,
            repos: this.repos,
            log,
            now: this.now,
            allowNew: config.warehouse?.offline === 'allow-new',
            packer: () => this.people.packer?.name ?? null,
            tell: (d, code) => this.tell(d, code),
            beep: (scanner, tone) => beep(config, this.scanners, scanner, tone),
            drain: () => this.effects.drain(),
          })
        : null;
      this.desk = {
        config,
        repos: this.repos,
        queue: this.queue,
        log,
        stationId: this.stationId,
        now: this.now,
        who: () => this.people.packer?.name ?? null,
        openSession: () => this.pack.box?.sessionId ?? null,
        archives: this.store.archives,
      };
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
      this.start();
    } catch (err) {
      this.store.close();
      this.lock.release();
      throw err;
    }
    const resumed = this.pack.box ? `, resumed box ${this.pack.box.order.orderNo}` : '';
    log.info(
      `station ${this.stationId} open: db ${this.store.file} (schema ${this.store.schemaVersion}), config ${options.loaded.source.path ?? 'embedded default'}${resumed}`,
    );
  }

  /** Where the order-hooks listener (`serve --hooks`) hands pushes: order feeds, Shopee, KDNiao tracking. */
  get hooks() {
    return hooksOf(this.feeds, this.tracking, this.config);
  }

  /** The single bench's report reads: the report thread when it is built, else a read-only connection here. */
  private reportReads(options: StationOptions): Parameters<typeof localReview>[1] {
    this.reports = reportThread(options.loaded.databasePath, options.log);
    if (this.reports) return { thread: this.reports };
    options.log.warn('no built report thread (npm run build): reports read on the station thread');
    return { reader: () => (this.reader ??= openReader(options.loaded.databasePath)) };
  }

  private start(): void {
    const log = this.options.log;
    for (const s of this.scanners) s.start();
    this.scale.start();
    this.queue.start();
    background(log, 'printer status', () => this.queue.poll());
    this.statusTimer = setInterval(() => background(log, 'printer status', () => this.queue.poll()), 10_000);
    this.statusTimer.unref?.();
    this.shipping.start();
    if (!this.link) this.outbox.start();
    this.link?.start();
    this.retention.start();
    // In a warehouse every bench ticks; a turn in PostgreSQL lets one of them (or the worker) run each poll.
    this.feeds.start();
    this.tracking.start();
    // A box resumed at start still needs what it was waiting for (its weight, its booking).
    this.effects.enqueue(effectsAtStart(this.pack.box));
    // After the station answers (the first tick is for /healthz and the screen), not in the first label's time.
    const label = this.config.printers.label;
    if (label)
      setTimeout(
        () =>
          background(log, 'warming the label path', () => {
            if (this.closed) return;
            const size = label.size as LabelSize;
            const dpi = label.dpi as Dpi;
            if (!this.labels) {
              log.info(`label path warm in ${warmLabels(size, dpi).toFixed(0)} ms`);
              return;
            }
            return this.labels
              .call<number>({ method: 'warm', size, dpi })
              .then((ms) => log.info(`label thread warm in ${ms.toFixed(0)} ms`));
          }),
        50,
      ).unref();
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
      warehouse: this.link !== null,
      desktop: this.options.quit !== undefined,
      kiosk: config.station.kiosk,
      wedge: {
        avgMsPerChar: config.scan.avgMsPerChar,
        maxGapMs: config.scan.maxGapMs,
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
      const labelJob = box.shipment?.labelJobId ? this.repos.printJobs.byId(box.shipment.labelJobId) : null;
      view = boxView(box, {
        labelStatus: labelJob?.status ?? null,
        expectedG: check.expectedG,
        toleranceG: check.toleranceG,
        missingWeights: check.missingWeights,
        suggested: !box.package && pkg ? { code: pkg.code, name: pkg.name } : null,
        customsBlocked: this.shipping.customsBlockedFor(box.sessionId),
      });
    }
    return {
      stationId: this.stationId,
      phase: phaseOf(this.people.packer, box),
      packer: this.people.packer,
      box: view,
      feedback: this.feedback,
      scanTest: this.scanTest,
      reasons: this.config.reasons,
      packing: this.pack.modes.view,
      revision: this.revision,
      mismatches: this.repos.mismatches.version,
      scaleConnected: this.watch.connected,
      screen: this.screen,
      approval: this.approval,
      warehouse: this.link ? this.link.state : null,
    };
  }

  /**
   * The one stream of scans, from every scanner and every page: the router decides what a scan means from what the
   * bench shows (scan test, an approval dialog, the handover page) and where the box is.
   */
  receive(scan: ScanEvent): Feedback {
    const box = this.pack.box;
    const route = routeScan(
      {
        scanTest: this.scanTest.active,
        screen: this.screen,
        loggedIn: this.people.packer !== null,
        awaitingLabel: !!box && box.weightApproved && box.shipment?.status === 'booked',
      },
      scan.code,
    );
    if (route === 'scan-test') {
      const { code, symbology, scanner, at } = scan;
      this.scanTest = { active: true, last: { code, symbology, scanner, at: at.toISOString() } };
      this.changed();
      return this.testFeedback(code);
    }
    const told = this.routed(route, scan);
    // A badge is not shown back on the screen once it is recognised (a login, a lead in the dialog), nor a command
    // barcode (its words say what it did; "PB:NEWBOX" is not a word a packer reads).
    const echo = route !== 'approval' && told.kind !== 'login' && !isCommand(scan.code);
    const feedback = this.tell(told, echo ? scan.code : null);
    beep(this.config, this.scanners, scan.scanner, feedback.tone);
    this.effects.drain();
    return feedback;
  }

  private routed(route: Exclude<ScanRoute, 'scan-test'>, scan: ScanEvent): FeedbackDraft {
    switch (route) {
      case 'approval': {
        // A badge into an open approval dialog: a shift lead's fills it; anyone else's is refused, never packed.
        const lead = this.people.leadByBadge(scan.code);
        if (!lead) return { tone: 'wrong', kind: 'approval-not-lead', params: { code: scan.code } };
        this.approval = { lead: lead.name };
        return { tone: 'info', kind: 'approval-lead', params: { name: lead.name } };
      }
      case 'handover':
        return this.handovers.load(scan.code);
      case 'login': {
        const user = this.people.byBadge(scan.code);
        if (!user) return { tone: 'unknown', kind: 'badge-unknown', params: { code: scan.code } };
        this.people.set({ name: user.name, role: user.role });
        return { tone: 'ok', kind: 'login', params: { name: user.name } };
      }
      case 'label':
        return this.shipping.scanLabel(scan.code);
      case 'pack': {
        // In a warehouse an order is claimed before it opens: one bench packs it, and it is asked for over the network.
        if (this.claims && !this.pack.box && !scan.code.toUpperCase().startsWith('PB:'))
          return this.claims.claim(scan);
        const result = this.pack.scan(scan);
        if (result.kind === 'logout') this.signOut();
        return result;
      }
    }
  }

  /** A scan typed or sent at the edge (the page, the command line, tests): its AIM identifier is read here. */
  scan(raw: string, scanner = 'wedge'): Feedback {
    return this.receive(scanAtEdge(raw, scanner, this.now()));
  }

  /** What the bench's screen shows: the router reads it; closing a dialog forgets the lead scanned into it. */
  show(screen: Screen): void {
    this.screen = screen;
    if (screen.dialog !== 'approval') this.approval = null;
    this.changed();
  }

  /** Every scale reading goes to the views; a stable one of a fresh placement weighs the box that waits for it. */
  onScaleReading(r: ScaleReading): void {
    this.watch.reading(r);
    this.events.emit('scale.reading', {
      grams: r.grams,
      stable: r.stable,
      error: r.error,
      at: r.at.toISOString(),
    });
    const box = this.pack.box;
    if (!box || !this.people.packer || !waitsForWeight(box)) return;
    const weight = this.watch.take();
    if (!weight) return;
    this.scale.consume(weight.placement);
    this.tell(this.pack.weigh(weight.grams, weight.placement), null);
    this.effects.drain();
  }

  /** A scale that is not connected has no current weight: its last reading is dropped, and the box says so. */
  private onScaleState(state: DeviceState, detail?: string): void {
    this.devices.report('scale', { state, detail });
    if (this.watch.setConnected(state === 'ready' || state === 'virtual')) this.changed();
  }

  /** The feedback an asynchronous step already told, as the result of the call that caused it. */
  announce(d: FeedbackDraft): Feedback {
    return this.feedback && this.feedback.kind === d.kind ? this.feedback : this.tell(d, null);
  }

  /** A closed batch's manifest on the label printer; a failure is logged, the batch stays closed. */
  private printManifest(sheet: ManifestSheet): Promise<unknown> {
    return printManifest(this.desk, sheet).catch((err: unknown) =>
      this.options.log.error('printing the manifest', err),
    );
  }

  /** The test face sheet on a configured printer, through the queue like any job. */
  printTest(role: 'label' | 'slip'): Promise<void> {
    return printTest(this.desk, role);
  }

  /** Prints a box's label again (the open box's, or by waybill), with the reason; the new job is logged. */
  reprint(reason: string, waybillNo?: string): void {
    reprint(this.desk, reason, waybillNo);
  }

  testFeedback(code: string): Feedback {
    const at = this.now().toISOString();
    return { id: this.feedbackId, tone: 'info', kind: 'scan-test', params: { code }, code, at };
  }

  setScanTest(active: boolean): void {
    this.scanTest = { active, last: active ? this.scanTest.last : null };
    this.changed();
  }

  /** An action of the logged-in packer (or a lead at the bench). */
  act(fn: () => FeedbackDraft): Feedback {
    if (!this.people.packer) throw refuse('login-first');
    const told = this.tell(fn(), null);
    this.effects.drain();
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
      throw refuse('login-unknown');
    }
    this.people.set({ name: user.name, role: user.role });
    this.tell({ tone: 'ok', kind: 'login', params: { name: user.name } }, null);
    return this.people.packer!;
  }

  /** A kiosk bench, or one with a box open, is closed only by an admin (`app.quit`): the window stays. */
  needsAdminToQuit(): boolean {
    return this.config.station.kiosk || (this.pack.box !== null && !this.pack.box.closed);
  }

  /** Someone tried to close the window: the packer is told how it is closed. */
  quitBlocked(): void {
    this.tell({ tone: 'warn', kind: 'quit-needs-admin', params: {} }, null);
  }

  /** An admin (name or badge, PIN) closes the desktop app from its screen. */
  quitByAdmin(admin: string, pin: string): void {
    const user = this.people.lead(admin, pin);
    if (user.role !== 'admin') throw refuse('quit-admin');
    if (!this.options.quit) throw refuse('quit-not-desktop');
    this.options.log.info(`app closed from the screen by ${user.name}`);
    this.options.quit();
  }

  logout(): void {
    this.signOut();
    this.changed();
  }

  /** The packer leaves: the next one starts without the item-first wave (their pick list is not this one's). */
  private signOut(): void {
    this.people.set(null);
    this.pack.modes.endWave();
  }

  reason(kind: 'hold' | 'partial' | 'override', code: string): string {
    const list = this.config.reasons[kind];
    if (!list.includes(code)) throw refuse('reason-unknown', { code, list: list.join(', ') });
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
    this.feeds.stop();
    this.tracking.stop();
    await this.claims?.settled();
    if (this.handovers instanceof WarehouseHandovers) await this.handovers.settled();
    await this.link?.stop();
    await Promise.all([...this.scanners.map((s) => s.stop()), this.scale.stop(), this.queue.stop()]);
    // A carrier call may be on its way: its answer is written when it comes, so wait for it (bounded by its timeout).
    for (let i = 0; i < 200 && this.shipping.busy; i++) await new Promise((r) => setTimeout(r, 50));
    await this.retention.stop();
    this.reader?.close();
    await this.reports?.close();
    await this.labels?.close();
    this.store.close();
    this.lock.release();
    this.options.log.info(`station ${this.stationId} closed`);
  }
}
