import type { Feedback, Screen, StationInfo, StationState } from '../../../shared/contract';
import type { Config } from '../../config';
import type { ScaleDevice } from '../../devices/scale';
import type { Repos, UserRow } from '../../store';
import type { FeedbackDraft } from '../feedback';
import type { Dock } from '../handover';
import type { PackWorkflow } from '../pack';
import type { People } from '../people';
import type { Shipping } from '../shipping';
import type { Review } from '../review';
import type { Uploads } from '../uploads';
import type { WarehouseLink } from '../warehouse';
import type { TrackingDesk } from '../tracking';

/**
 * The bench as the contract's handlers and the actions behind them see it. The station implements it; declared apart
 * so that handlers and actions never import the station itself.
 */
export interface Bench {
  readonly config: Config;
  /** The config file the bench started from (null: the embedded default). */
  readonly configSource: { path: string | null };
  readonly repos: Repos;
  readonly scale: ScaleDevice;
  readonly pack: PackWorkflow;
  readonly people: People;
  readonly shipping: Shipping;
  readonly handovers: Dock;
  readonly uploads: Uploads;
  readonly link: WarehouseLink | null;
  readonly review: Review;
  readonly tracking: TrackingDesk;
  now(): Date;
  info(): StationInfo;
  state(): StationState;
  scan(raw: string, scanner?: string): Feedback;
  show(screen: Screen): void;
  setScanTest(active: boolean): void;
  act(fn: () => FeedbackDraft): Feedback;
  announce(d: FeedbackDraft): Feedback;
  printTest(role: 'label' | 'slip'): Promise<void>;
  reprint(reason: string, waybillNo?: string): void;
  reason(kind: 'hold' | 'partial' | 'override', code: string): string;
  login(user: UserRow | null): { name: string; role: UserRow['role'] };
  logout(): void;
  quitByAdmin(admin: string, pin: string): void;
}
