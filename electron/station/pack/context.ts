import type { Config } from '../../config';
import type { Log } from '../../log';
import type { Repos } from '../../store';
import type { BoxState, PackEvent } from './box';

/** What the pack workflow (and the box contents it looks up) needs from the bench. */
export interface PackContext {
  repos: Repos;
  config: Config;
  stationId: string;
  now: () => Date;
  /** Who is logged in at this bench (null = nobody). */
  packer: () => string | null;
  log?: Log;
  /**
   * Events of a session are on disk (with the box before and after them; null when the session is not this bench's
   * open box): the station turns them into effects. The workflow itself never weighs, books, prints or notifies.
   */
  committed?: (
    sessionId: string,
    before: BoxState | null,
    after: BoxState | null,
    events: PackEvent[],
  ) => void;
}
