import {
  invoke,
  type CallOutcome,
  type EventName,
  type EventPayload,
  type Handlers,
  type StationInfo,
  type StationState,
} from '../../shared/contract';
import type { LoadedConfig } from '../config';
import { DeviceRegistry } from '../devices';
import type { Log } from '../log';
import { openStore, type Store } from '../store';
import { StationEvents } from './emitter';

export interface StationOptions {
  loaded: LoadedConfig;
  version: string;
  log: Log;
}

/**
 * One bench: its database, devices and workflow state, behind the contract. The Electron main process and the
 * headless server both wrap exactly this object.
 */
export class Station {
  readonly store: Store;
  readonly devices: DeviceRegistry;
  private readonly events = new StationEvents();
  private current: StationState;
  private closed = false;

  constructor(private readonly options: StationOptions) {
    this.store = openStore(options.loaded.databasePath);
    this.devices = new DeviceRegistry(options.loaded.config, (status) =>
      this.events.emit('device.status', status),
    );
    this.current = { stationId: options.loaded.config.station.id, phase: 'idle', revision: 0 };
    options.log.info(
      `station ${this.current.stationId} open: db ${this.store.file} (schema ${this.store.schemaVersion}), config ${options.loaded.source.path ?? 'embedded default'}`,
    );
  }

  readonly handlers: Handlers = {
    'station.info': () => this.info(),
    'station.getState': () => this.current,
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
    };
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
    this.store.close();
    this.options.log.info(`station ${this.current.stationId} closed`);
  }
}
