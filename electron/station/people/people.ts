import { refuse } from '../../../shared/contract';
import { pinMatches, ROLE_RANK, type Repos, type UserRow } from '../../store';

const PACKER_KEY = 'station.packer';

export type Packer = { name: string; role: UserRow['role'] };

/** Who is logged in at the bench (kept across restarts) and who may approve what. */
export class People {
  packer: Packer | null;

  constructor(private readonly repos: Repos) {
    this.packer = this.load();
  }

  byBadge(badge: string): UserRow | null {
    return this.repos.users.byBadge(badge.trim());
  }

  byNameAndPin(name: string, pin: string): UserRow | null {
    const user = this.repos.users.byName(name);
    return user && pinMatches(pin, user.pin_hash) ? user : null;
  }

  /** The shift lead (or admin) a badge belongs to; null for anyone else. */
  leadByBadge(badge: string): UserRow | null {
    const user = this.byBadge(badge);
    return user && ROLE_RANK[user.role] >= ROLE_RANK.lead ? user : null;
  }

  /** A shift lead (or admin), by name or badge, with the right PIN; else refused. */
  lead(nameOrBadge: string, pin: string): UserRow {
    const user = this.repos.users.byName(nameOrBadge) ?? this.repos.users.byBadge(nameOrBadge);
    if (!user || ROLE_RANK[user.role] < ROLE_RANK.lead || !pinMatches(pin, user.pin_hash)) {
      throw refuse('lead-pin');
    }
    return user;
  }

  set(packer: Packer | null): void {
    this.repos.settings.set(PACKER_KEY, packer ? { name: packer.name } : null);
    this.packer = packer;
  }

  private load(): Packer | null {
    const saved = this.repos.settings.get<{ name: string }>(PACKER_KEY);
    const user = saved ? this.repos.users.byName(saved.name) : null;
    return user ? { name: user.name, role: user.role } : null;
  }
}
