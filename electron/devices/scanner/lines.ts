/**
 * Splits a serial scanner's byte stream into codes on its suffix. Pure and incremental: bytes may arrive in any
 * pieces. A CR LF pair counts once whichever of CR or LF is the configured suffix.
 */
export class ScanLines {
  private buffer = '';
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly suffix: string) {}

  push(bytes: Uint8Array): string[] {
    this.buffer += this.decoder.decode(bytes, { stream: true });
    const out: string[] = [];
    for (;;) {
      const i = this.buffer.indexOf(this.suffix);
      if (i < 0) break;
      const code = this.buffer.slice(0, i).replace(/^[\r\n]+|[\r\n]+$/g, '');
      this.buffer = this.buffer.slice(i + this.suffix.length);
      if (code) out.push(code);
    }
    // A runaway stream without suffix (wrong setting) must not grow without bound.
    if (this.buffer.length > 4096) this.buffer = this.buffer.slice(-4096);
    return out;
  }
}
