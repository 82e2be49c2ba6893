import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { databaseToAdopt, type Environment } from '../config';
import { backupFile, openStore } from './open';
import { pinMatches } from './repos';

export class AdoptError extends Error {
  constructor(readonly reason: 'nothing' | 'lead') {
    super(reason === 'nothing' ? 'no older database to move' : 'a shift lead of that database is needed');
    this.name = 'AdoptError';
  }
}

/**
 * A per-machine install takes over a Windows user's older database: checked with a lead of that database, copied with
 * SQLite's online backup into the machine's data folder, and the older file kept under a name no bench opens (so it
 * is never used again by mistake, nor lost). From the command line (`db adopt`) or the desktop app's first start.
 */
export async function adoptDatabase(
  e: Environment,
  lead: string,
  pin: string,
): Promise<{ from: string; to: string; pages: number; kept: string }> {
  const adopt = databaseToAdopt(e);
  if (!adopt) throw new AdoptError('nothing');
  const older = openStore(adopt.from);
  try {
    const user = older.repos.users.byName(lead) ?? older.repos.users.byBadge(lead);
    if (!user || (user.role !== 'lead' && user.role !== 'admin') || !pinMatches(pin, user.pin_hash))
      throw new AdoptError('lead');
  } finally {
    older.close();
  }
  mkdirSync(dirname(adopt.to), { recursive: true });
  const { pages } = await backupFile(adopt.from, adopt.to);
  const kept = `${adopt.from}.moved-${new Date().toISOString().slice(0, 10)}`;
  for (const suffix of ['', '-wal', '-shm'])
    if (existsSync(adopt.from + suffix)) renameSync(adopt.from + suffix, kept + suffix);
  return { ...adopt, pages, kept };
}
