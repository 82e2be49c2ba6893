import type { Log } from '../../log';
import type { Effect } from './effects';

/** How each kind of effect is carried out at this bench. */
export interface EffectHandlers {
  weigh(key: string): void;
  book(key: string): void;
  print(printers: ('label' | 'slip')[]): void;
  notify(key: string): void;
}

/**
 * The one place effects run. Effects wait until the command that caused them has told the packer its result (the
 * station drains right after), and ones raised by an asynchronous answer run on the next microtask. One effect that
 * fails is logged; the others still run.
 */
export class EffectRunner {
  private readonly queue: Effect[] = [];
  private draining = false;
  private scheduled = false;

  constructor(
    private readonly handlers: EffectHandlers,
    private readonly log: Log,
  ) {}

  enqueue(effects: Effect[]): void {
    if (effects.length === 0) return;
    this.queue.push(...effects);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let e = this.queue.shift(); e; e = this.queue.shift()) this.run(e);
    } finally {
      this.draining = false;
    }
  }

  private run(e: Effect): void {
    try {
      if (e.kind === 'weigh') this.handlers.weigh(e.key);
      else if (e.kind === 'book') this.handlers.book(e.key);
      else if (e.kind === 'print') this.handlers.print(e.printers);
      else this.handlers.notify(e.key);
    } catch (err) {
      this.log.error(`effect ${e.kind} ${e.key} failed`, err);
    }
  }
}
