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
} from '../../shared/contract';
import type { LoadedConfig } from '../config';
import { DeviceRegistry } from '../devices';
import { createScanners, type ScanEvent, type ScannerSource } from '../devices/scanner';
import { stripAim } from '../../shared/scan';
import { importFile, loadDemoData } from '../intake';
import type { Log } from '../log';
import {
  createRepos,
  openStore,
  pinMatches,
  ROLE_RANK,
  type Repos,
  type Store,
  type UserRow,
} from '../store';
import { StationEvents } from './emitter';
import type { FeedbackDraft } from './feedback';
import { PackWorkflow } from './pack';
import { boxView, phaseOf } from './view';

export interface StationOptions {
  loaded: LoadedConfig;
  version: string;
  log: Log;
  now?: () => Date;
}

type Packer = { name: string; role: UserRow['role'] };

/**
 * One bench: its database, devices and pack workflow, behind the contract. The Electron main process and the
 * headless server both wrap exactly this object.
 */
export class Station {
  readonly store: Store;
  readonly repos: Repos;
  readonly devices: DeviceRegistry;
  readonly pack: PackWorkflow;
  private readonly events = new StationEvents();
  private readonly stationId: string;
  private readonly now: () => Date;
  private packer: Packer | null;
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
    this.store = openStore(options.loaded.databasePath);
    try {
      this.repos = createRepos(this.store.db);
      if (config.demoData) loadDemoData(this.store.db, this.repos, options.log);
      this.packer = this.loadPacker();
      this.devices = new DeviceRegistry(config, (status) => this.events.emit('device.status', status));
      this.pack = new PackWorkflow({
        db: this.store.db,
        repos: this.repos,
        config,
        stationId: this.stationId,
        now: this.now,
        packer: () => this.packer?.name ?? null,
      });
      this.scanners = createScanners(
        config,
        (scan) => this.receive(scan),
        (id, state, detail) => this.devices.report(id, { state, detail }),
      );
      for (const s of this.scanners) s.start();
    } catch (err) {
      this.store.close();
      throw err;
    }
    const resumed = this.pack.box ? `, resumed box ${this.pack.box.order.orderNo}` : '';
    options.log.info(
      `station ${this.stationId} open: db ${this.store.file} (schema ${this.store.schemaVersion}), config ${options.loaded.source.path ?? 'embedded default'}${resumed}`,
    );
  }

  readonly handlers: Handlers = {
    'station.info': () => this.info(),
    'station.getState': () => this.state(),
    'scan.submit': ({ code, scanner }) => {
      const { data, symbology } = stripAim(code);
      return (
        this.receive({ code, symbology, scanner: scanner ?? 'wedge', at: this.now() }) ??
        this.testFeedback(data)
      );
    },
    'scanner.test': ({ active }) => {
      this.scanTest = { active, last: active ? this.scanTest.last : null };
      this.changed();
      return { ok: true as const };
    },
    'user.login': (p) =>
      this.login(
        'badge' in p
          ? this.repos.users.byBadge(p.badge)
          : this.checkPin(this.repos.users.byName(p.name), p.pin),
      ),
    'user.logout': () => {
      this.setPacker(null);
      return { ok: true as const };
    },
    'user.list': () => this.repos.users.list().map((u) => ({ name: u.name, role: u.role })),
    'box.undo': () => this.act(() => this.pack.undo()),
    'insert.confirm': (p) => this.act(() => this.pack.confirmInsert(p?.insertId)),
    'box.hold': ({ reason }) => this.act(() => this.pack.hold(this.reason('hold', reason))),
    'box.partial': ({ reason }) => this.act(() => this.pack.partial(this.reason('partial', reason))),
    'override.approve': ({ lead, pin, reasonCode, comment }) => {
      const user = this.lead(lead, pin);
      return this.act(() =>
        this.pack.override(user.name, this.reason('override', reasonCode), comment ?? null),
      );
    },
    'order.release': ({ orderNo, lead, pin }) => {
      this.lead(lead, pin);
      const found = this.repos.orders.findByCode(orderNo);
      if (!found || found.order.status !== 'held')
        throw new ContractError('refused', `order ${orderNo} is not on hold`);
      this.repos.orders.setStatus(found.order.id, 'released', null, this.now().toISOString());
      return { ok: true as const };
    },
    'mismatch.list': (f) => {
      const { total, rows } = this.repos.mismatches.list(f);
      return {
        total,
        rows: rows.map((r) => ({
          id: r.id,
          sessionId: r.session_id,
          type: r.type,
          orderNo: r.order_no,
          sku: r.sku,
          code: r.code,
          expected: r.expected,
          actual: r.actual,
          packer: r.packer,
          stationId: r.station_id,
          at: r.at,
          resolution: r.resolution,
          resolvedBy: r.resolved_by,
        })),
      };
    },
    'mismatch.resolve': ({ id, comment, lead, pin }) => {
      const user = this.lead(lead, pin);
      if (!this.repos.mismatches.resolve(id, comment, user.name, this.now().toISOString()))
        throw new ContractError('refused', `no mismatch ${id}`);
      return { ok: true as const };
    },
    'import.file': ({ kind, fileName, contentBase64 }) =>
      importFile(this.store.db, kind, fileName, Buffer.from(contentBase64, 'base64'), this.now()),
  };

  info(): StationInfo {
    const { config, source } = this.options.loaded;
    return {
      version: this.options.version,
      stationId: config.station.id,
      stationName: config.station.name ?? config.station.id,
      locale: config.station.locale ?? null,
      configSource: source,
      devices: this.devices.list(),
      wedge: {
        avgMsPerChar: config.scan.avgMsPerChar,
        minLength: config.scan.minLength,
        prefix: config.scan.prefix ?? null,
      },
    };
  }

  state(): StationState {
    const box = this.pack.box;
    const { reasons } = this.options.loaded.config;
    return {
      stationId: this.stationId,
      phase: phaseOf(this.packer, box),
      packer: this.packer,
      box: box ? boxView(box) : null,
      feedback: this.feedback,
      scanTest: this.scanTest,
      reasons,
      revision: this.revision,
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

  private testFeedback(code: string): Feedback {
    return {
      id: this.feedbackId,
      tone: 'info',
      kind: 'scan-test',
      params: { code },
      code,
      at: this.now().toISOString(),
    };
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

  /** A scan's code through the pack workflow: a badge when nobody is logged in, else the workflow's. */
  scan(code: string): Feedback {
    if (!this.packer) {
      const user = this.repos.users.byBadge(code.trim());
      if (!user) return this.tell({ tone: 'unknown', kind: 'badge-unknown', params: { code } }, code);
      this.login(user);
      return this.feedback!;
    }
    const result = this.pack.scan(code);
    if (result.kind === 'logout') {
      this.setPacker(null);
    }
    return this.tell(result, code);
  }

  private act(fn: () => FeedbackDraft): Feedback {
    if (!this.packer) throw new ContractError('refused', 'log in first');
    return this.tell(fn(), null);
  }

  private tell(d: FeedbackDraft, code: string | null): Feedback {
    this.feedback = { ...d, id: ++this.feedbackId, code, at: this.now().toISOString() };
    this.changed();
    return this.feedback;
  }

  private changed(): void {
    this.revision++;
    this.events.emit('station.state', this.state());
  }

  private login(user: UserRow | null): Packer {
    if (!user) {
      this.tell({ tone: 'unknown', kind: 'login-refused', params: {} }, null);
      throw new ContractError('refused', 'badge or name and PIN not recognised');
    }
    this.setPacker({ name: user.name, role: user.role });
    this.tell({ tone: 'ok', kind: 'login', params: { name: user.name } }, null);
    return this.packer!;
  }

  private checkPin(user: UserRow | null, pin: string): UserRow | null {
    return user && pinMatches(pin, user.pin_hash) ? user : null;
  }

  private lead(nameOrBadge: string, pin: string): UserRow {
    const user = this.repos.users.byName(nameOrBadge) ?? this.repos.users.byBadge(nameOrBadge);
    if (!user || ROLE_RANK[user.role] < ROLE_RANK.lead || !pinMatches(pin, user.pin_hash)) {
      throw new ContractError('refused', 'a shift lead with the right PIN is needed');
    }
    return user;
  }

  private reason(kind: 'hold' | 'partial' | 'override', code: string): string {
    const list = this.options.loaded.config.reasons[kind];
    if (!list.includes(code))
      throw new ContractError('refused', `reason "${code}" is not one of: ${list.join(', ')}`);
    return code;
  }

  private loadPacker(): Packer | null {
    const row = this.store.db
      .prepare("SELECT value FROM settings WHERE key = 'station.packer'")
      .pluck()
      .get() as string | undefined;
    if (!row) return null;
    const saved = JSON.parse(row) as { name: string } | null;
    const user = saved ? this.repos.users.byName(saved.name) : null;
    return user ? { name: user.name, role: user.role } : null;
  }

  private setPacker(packer: Packer | null): void {
    this.store.db
      .prepare(
        "INSERT INTO settings (key, value) VALUES ('station.packer', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      )
      .run(JSON.stringify(packer ? { name: packer.name } : null));
    this.packer = packer;
    this.changed();
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
    await Promise.all(this.scanners.map((s) => s.stop()));
    this.store.close();
    this.options.log.info(`station ${this.stationId} closed`);
  }
}
