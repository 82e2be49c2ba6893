import type { Tone } from '../../shared/contract';
import done from '../../resources/sounds/done.wav';
import info from '../../resources/sounds/info.wav';
import ok from '../../resources/sounds/ok.wav';
import over from '../../resources/sounds/over.wav';
import unknown from '../../resources/sounds/unknown.wav';
import wrong from '../../resources/sounds/wrong.wav';

const FILES: Record<Tone, string> = { ok, wrong, over, unknown, done, info, warn: over };
const cache = new Map<Tone, HTMLAudioElement>();

/** One sound per scan result, so a packer knows without looking. */
export function playTone(tone: Tone): void {
  let audio = cache.get(tone);
  if (!audio) cache.set(tone, (audio = new Audio(FILES[tone])));
  audio.currentTime = 0;
  void audio.play().catch(() => undefined);
  document.body.dataset.lastSound = tone;
}
