import { refuse } from '../../../shared/contract';
import {
  FutureWarehouseError,
  warehouseMigrations,
  type BenchDevice,
  type ClaimResult,
  type Intercept,
  type Repos,
  type SingleClaim,
  type Warehouse,
  type Wave,
} from '../../store';
import { background, type Log } from '../../log';
import { deliver, retryDelayMs } from '../notices';
import type { RuleKey } from '../../config';

const CURSOR = 'warehouse.cursor';

/** The last event (rowid) a warehouse bench's PostgreSQL has confirmed; 0 before the first push. */
export function confirmedEvents(repos: Pick<Repos, 'settings'>): number {
  return repos.settings.get<{ events: number }>(CURSOR)?.events ?? 0;
}
const BATCH = 500;

export type ClaimOutcome = ClaimResult | { result: 'offline' };

export interface WarehouseStatus {
  online: boolean;
  /** When the warehouse stopped answering (null while online). */
  since: string | null;
  /** Events written here that the warehouse has not confirmed yet. */
  waiting: number;
  /** The warehouse's schema is newer than this bench knows: it works alone until it is updated. */
  newerSchema: { found: number; known: number } | null;
  /** The warehouse was not migrated to this bench's version yet (`packbench warehouse migrate`). */
  olderSchema: { found: number; known: number } | null;
}

/** Failures that mean "the warehouse cannot be reached", as opposed to a refusal it gave. */
const unreachable = (err: unknown) => {
  const e = err as { code?: string; message?: string };
  return (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EHOSTUNREACH',
      'ENETUNREACH',
      'EPIPE',
      '57P01',
      '57P03',
    ].includes(e.code ?? '') || /timeout|terminat|Connection|closed/i.test(e.message ?? '')
  );
};

/**
 * A bench's link to its warehouse: claims orders, caches what it needs to pack them, pushes its events up in order
 * and says where it stands. The bench's own SQLite stays its journal: a network cut stops nothing that was claimed.
 */
export class WarehouseLink {
  private timer: ReturnType<typeof setInterval> | null = null;
  private pushing = false;
  private again = false;
  private lastBeat = 0;
  private status: WarehouseStatus = {
    online: true,
    since: null,
    waiting: 0,
    newerSchema: null,
    olderSchema: null,
  };
  private schemaChecked = false;

  constructor(
    private readonly deps: {
      warehouse: Warehouse;
      repos: Repos;
      bench: string;
      log: Log;
      now: () => Date;
      /** The bench's state changed (online, waiting): push it to the screens. */
      changed: () => void;
      /** The waybill pool this bench books from, and how many numbers it keeps leased for offline packing. */
      pool: { carrier: string; lease: number };
      /** The warehouse's rules (tolerances, reasons, inserts, price tables) over this bench's config. */
      applyRules: (rules: Partial<Record<RuleKey, unknown>>) => void;
      /** Where ship notices go (the shop's system); a bench without it leaves the warehouse's jobs to others. */
      notify?: { url: string; secret: string };
      /** An order this bench may hold was held or cancelled in the warehouse (拦截). */
      intercepted: (i: Intercept) => void;
      /** What the heartbeat reports. */
      doing: () => { packer: string | null; orderNo: string | null; phase: string; devices?: BenchDevice[] };
    },
  ) {}

  private stopListening: (() => Promise<void>) | null = null;

  start(everyMs = 500): void {
    this.stopListening = this.deps.warehouse.listen(
      (i) => this.heard(i),
      (m) => this.deps.log.warn(m),
      (table) => {
        if (table === 'users') this.lastUsers = 0;
        else if (table === 'rules') this.rulesDirty = true;
        else return;
        this.kick();
      },
    );
    const tick = () => background(this.deps.log, 'warehouse sync', () => this.sync());
    tick();
    this.timer = setInterval(tick, everyMs);
    this.timer.unref?.();
  }

  /** Something was written: push it now rather than at the next tick (the tick stays, for catching up). */
  kick(): void {
    if (this.pushing) {
      this.again = true;
      return;
    }
    background(this.deps.log, 'warehouse sync', () => this.sync());
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.stopListening?.();
    for (let i = 0; i < 100 && this.pushing; i++) await new Promise((r) => setTimeout(r, 20));
    await this.giveBackLease().catch((err: unknown) =>
      this.deps.log.warn(`lease not given back: ${String(err)}`),
    );
    await this.deps.warehouse.close().catch(() => undefined);
  }

  get state(): WarehouseStatus {
    return this.status;
  }

  /**
   * A warehouse whose schema is newer than this bench knows is left alone (nothing pushed, nothing claimed) and said,
   * until the bench is updated: an old bench must not write into tables it does not understand.
   */
  private async schemaKnown(): Promise<boolean> {
    if (this.schemaChecked) return this.status.newerSchema === null;
    try {
      const found = await this.deps.warehouse.assertKnownVersion();
      const known = warehouseMigrations.at(-1)?.version ?? 0;
      if (found < known) {
        // Asked again at every sync: a `warehouse migrate` is picked up without restarting the bench.
        if (this.status.olderSchema?.found !== found) {
          this.deps.log.error(
            `the warehouse database has schema version ${found}, this bench needs ${known}: run packbench warehouse migrate`,
          );
          this.status = { ...this.status, olderSchema: { found, known } };
          this.deps.changed();
        }
        return false;
      }
      if (this.status.olderSchema) {
        this.status = { ...this.status, olderSchema: null };
        this.deps.changed();
      }
      this.schemaChecked = true;
      return true;
    } catch (err) {
      if (!(err instanceof FutureWarehouseError)) throw err;
      this.schemaChecked = true;
      if (!this.status.newerSchema) {
        this.deps.log.error(err.message);
        this.status = {
          ...this.status,
          online: false,
          since: this.deps.now().toISOString(),
          newerSchema: { found: err.found, known: err.known },
        };
        this.deps.changed();
      }
      return false;
    }
  }

  /** Claims the order a code names for this bench and caches its data here; `offline` when the warehouse is away. */
  async claim(code: string, packer: string | null): Promise<ClaimOutcome> {
    const { warehouse, bench } = this.deps;
    return this.claiming(async () => {
      const orderNo = (await warehouse.orderNoOf(code)) ?? code;
      const r = await warehouse.claim(orderNo, bench, packer);
      if (r.result === 'claimed') await this.cache(orderNo);
      return r;
    });
  }

  /** Item-first: claims the earliest single-item order the item fills, and caches it here. */
  async claimSingle(
    codes: string[],
    packer: string | null,
    wave: Wave,
  ): Promise<SingleClaim | { result: 'offline' }> {
    const { warehouse, bench } = this.deps;
    return this.claiming(async () => {
      const r = await warehouse.claimSingle(codes, bench, packer, wave, this.deps.now().toISOString());
      if (r.result === 'claimed') await this.cache(r.orderNo);
      return r;
    });
  }

  /** Item-first: whether a pick list or tote names a wave (false while the warehouse is away: it opens as before). */
  async waveHasSingles(code: string): Promise<boolean> {
    const r = await this.claiming(async () => ({ result: await this.deps.warehouse.waveHasSingles(code) }));
    return r.result === true;
  }

  /** A call that claims: refused while the schemas differ, `offline` when the warehouse does not answer. */
  private async claiming<T>(call: () => Promise<T>): Promise<T | { result: 'offline' }> {
    if (this.status.newerSchema || this.status.olderSchema) return { result: 'offline' };
    try {
      const r = await call();
      this.reached(true);
      return r;
    } catch (err) {
      if (!unreachable(err)) throw err;
      this.reached(false);
      return { result: 'offline' };
    }
  }

  /** A claimed order's data (its products, the serials already taken) into this bench's cache, to pack it offline. */
  private async cache(orderNo: string): Promise<void> {
    const { warehouse, repos } = this.deps;
    const data = await warehouse.orderData(orderNo);
    if (!data) return;
    const serialSkus = data.products.filter((p) => p.serialRequired).map((p) => p.sku);
    const taken = serialSkus.length > 0 ? await warehouse.takenSerials(serialSkus) : [];
    const at = this.deps.now().toISOString();
    repos.transaction(() => {
      repos.catalog.writeProducts(data.products, at);
      repos.catalog.writeOrders([data.order], at);
      repos.sessions.addTakenSerials(taken);
    });
  }

  /** The lead's board: every bench of the warehouse, with its boxes in the last hour. */
  async board() {
    return this.reach(async (w) => {
      const today = this.deps.now().toISOString().slice(0, 10);
      const [benches, boxes, daily] = await Promise.all([
        w.benches(),
        w.boxesLastHour(),
        w.dock.boxesOn(today),
      ]);
      return benches.map((b) => ({
        ...b,
        boxesLastHour: boxes.get(b.id) ?? 0,
        boxesToday: daily.get(b.id) ?? 0,
      }));
    });
  }

  /** Frees the claims of a bench that stopped answering; a bench seen in the last minute keeps them. */
  async releaseBench(bench: string): Promise<number> {
    return this.reach(async (w) => {
      const seen = (await w.benches()).find((b) => b.id === bench);
      if (seen && Date.now() - Date.parse(seen.lastSeen) < 60_000) throw refuse('bench-alive', { bench });
      return w.releaseBench(bench);
    });
  }

  /** A call to the warehouse from a screen: an unreachable warehouse is said in words. */
  async reach<T>(fn: (w: Warehouse) => Promise<T>): Promise<T> {
    try {
      const r = await fn(this.deps.warehouse);
      this.reached(true);
      return r;
    } catch (err) {
      if (!unreachable(err)) throw err;
      this.reached(false);
      throw refuse('warehouse-unreachable');
    }
  }

  /** The last event (rowid) the warehouse has confirmed: retention archives nothing newer. */
  confirmedEvents(): number {
    return confirmedEvents(this.deps.repos);
  }

  /** Pushes what is waiting (events, then mismatches) and reports in; a cut is noticed, said, and caught up later. */
  async sync(): Promise<void> {
    if (this.pushing) return;
    this.pushing = true;
    try {
      const { repos, warehouse, bench } = this.deps;
      const cursor = {
        events: 0,
        mismatches: 0,
        outbox: 0,
        ...repos.settings.get<{ events: number; mismatches: number; outbox?: number }>(CURSOR),
      };
      const waiting = repos.replication.eventsWaiting(cursor.events);
      if (waiting !== this.status.waiting) {
        this.status = { ...this.status, waiting };
        this.deps.changed();
      }
      try {
        if (!(await this.schemaKnown())) return;
        for (;;) {
          const events = repos.replication.eventsAfter(cursor.events, BATCH);
          const mismatches = repos.replication.mismatchesAfter(cursor.mismatches, BATCH);
          const messages = repos.replication.outboxAfter(cursor.outbox, BATCH);
          if (events.length === 0 && mismatches.length === 0 && messages.length === 0) break;
          await warehouse.push(
            bench,
            events.map(({ rowid: _r, ...e }) => e),
            mismatches.map(({ id: _i, ...m }) => m),
            messages.map(({ id: _i, ...m }) => m),
          );
          // The cursor moves only after the warehouse committed: a crash in between sends the batch again, harmlessly.
          cursor.events = events.at(-1)?.rowid ?? cursor.events;
          cursor.mismatches = mismatches.at(-1)?.id ?? cursor.mismatches;
          cursor.outbox = messages.at(-1)?.id ?? cursor.outbox;
          repos.settings.set(CURSOR, cursor);
        }
        await this.topUpLease();
        await this.pullUsers();
        await this.pullRules();
        await this.checkIntercepts();
        await this.runJobs();
        const left = repos.replication.eventsWaiting(cursor.events);
        if (Date.now() - this.lastBeat > 5000 || left !== this.status.waiting || !this.status.online) {
          await warehouse.heartbeat(bench, { ...this.deps.doing(), lagEvents: left });
          this.lastBeat = Date.now();
        }
        this.status = { ...this.status, waiting: left };
        this.reached(true);
      } catch (err) {
        if (!unreachable(err)) throw err;
        this.reached(false);
      }
    } finally {
      this.pushing = false;
    }
    if (this.again && this.timer) {
      this.again = false;
      await this.sync();
    }
  }

  /**
   * The fallback for a notice missed while the listening connection was down, every 2 s: the open box's order is
   * asked for, and the stops of orders this bench claimed or packed that it has not acted on; each is handled like one
   * heard.
   */
  private lastCheck = 0;
  private async checkIntercepts(): Promise<void> {
    if (Date.now() - this.lastCheck < 2000) return;
    this.lastCheck = Date.now();
    const orderNo = this.deps.doing().orderNo;
    const o = orderNo ? await this.deps.warehouse.orderStatus(orderNo) : null;
    if (o && (o.status === 'held' || o.status === 'cancelled') && this.deps.doing().orderNo === orderNo)
      this.heard({ orderNo: orderNo!, status: o.status, reason: o.reason ?? o.status });
    for (const i of await this.deps.warehouse.feeds.pendingIntercepts(this.deps.bench)) this.heard(i);
  }

  /** Stops being acted on (heard, not yet marked in the warehouse): the same one heard twice acts once. */
  private handling = new Set<string>();

  /** An intercept heard (NOTIFY) or found waiting for this bench: acted on once, then marked handled. */
  private heard(i: Intercept): void {
    const key = `${i.orderNo}|${i.status}|${i.reason}`;
    if (this.handling.has(key)) return;
    this.handling.add(key);
    this.deps.intercepted(i);
    background(this.deps.log, `intercept of ${i.orderNo} marked handled`, () =>
      this.deps.warehouse.feeds
        .interceptHandled(i.orderNo, this.deps.bench)
        .finally(() => this.handling.delete(key)),
    );
  }

  /** Warehouse-wide jobs (ship notices): any bench with the shop's address runs them, each once. */
  private async runJobs(): Promise<void> {
    const target = this.deps.notify;
    if (!target) return;
    for (let n = 0; n < 20; n++) {
      const job = await this.deps.warehouse.takeJob(this.deps.bench);
      if (!job) return;
      const error = await deliver(target, job);
      await this.deps.warehouse.finishJob(job.id, error, retryDelayMs(job.attempts - 1));
      if (error) this.deps.log.warn(`ship notice ${job.idempotency_key} not delivered (${error})`);
    }
  }

  /** The warehouse's rules over the config file's: at start, and whenever an admin changes one. */
  private rulesDirty = true;
  private async pullRules(): Promise<void> {
    if (!this.rulesDirty) return;
    this.rulesDirty = false;
    try {
      this.deps.applyRules(await this.deps.warehouse.rules());
    } catch (err) {
      this.rulesDirty = true;
      throw err;
    }
  }

  /** An admin's change of a rule, for every bench (audited in the warehouse). */
  setRule(key: RuleKey, value: unknown, by: string): Promise<void> {
    return this.reach((w) => w.setRule(key, value, by));
  }

  /** The warehouse's users log in at every bench: brought into this bench's cache every half minute. */
  private lastUsers = 0;
  private async pullUsers(): Promise<void> {
    if (Date.now() - this.lastUsers < 30_000) return;
    const users = await this.deps.warehouse.users();
    const skipped = this.deps.repos.users.upsert(users);
    if (skipped.length > 0)
      this.deps.log.warn(
        `users not taken from the warehouse (their badge is another's here): ${skipped.join(', ')}`,
      );
    this.lastUsers = Date.now();
  }

  /** Keeps the lease full: below half of it, the bench leases the rest (numbers no other bench can get). */
  private async topUpLease(): Promise<void> {
    const { carrier, lease } = this.deps.pool;
    const have = this.deps.repos.waybillPool.free(carrier);
    if (lease === 0 || have >= lease / 2) return;
    const numbers = await this.deps.warehouse.lease(this.deps.bench, carrier, lease - have);
    if (numbers.length > 0) this.deps.repos.waybillPool.add(carrier, numbers, this.deps.now().toISOString());
  }

  /** At a clean stop the numbers not used go back, so the pool does not shrink by a lease per restart. */
  private async giveBackLease(): Promise<void> {
    const { carrier } = this.deps.pool;
    const free = this.deps.repos.waybillPool.takeFree(carrier);
    if (free.length === 0) return;
    try {
      await this.deps.warehouse.giveBack(this.deps.bench, carrier, free);
    } catch (err) {
      // The warehouse is away: the bench keeps them for its next start.
      this.deps.repos.waybillPool.add(carrier, free, this.deps.now().toISOString());
      if (!unreachable(err)) throw err;
    }
  }

  private reached(online: boolean): void {
    if (online === this.status.online || this.status.newerSchema) return;
    // Back after a cut: the schema may have been migrated meanwhile.
    if (online) this.schemaChecked = false;
    const since = online ? null : this.deps.now().toISOString();
    this.status = { ...this.status, online, since };
    this.deps.log.warn(
      online ? 'warehouse reachable again' : 'warehouse unreachable: packing on with what is claimed',
    );
    this.deps.changed();
  }
}
