import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** Import files may be this large; the upload endpoint and the Electron bridge both say so when refusing. */
export const UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

export class UploadTooLargeError extends Error {
  constructor(readonly limit = UPLOAD_LIMIT_BYTES) {
    super(`the file is larger than ${Math.round(limit / 1024 / 1024)} MB, the most an import takes`);
    this.name = 'UploadTooLargeError';
  }
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Files on their way to an import: streamed to disk under an id, taken once by `import.file`. Large files never travel
 * as one JSON message; the folder is emptied at every start.
 */
export class Uploads {
  constructor(readonly dir: string) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }

  /** Streams a request body to disk; past the limit the partial file is removed and the upload refused. */
  receive(body: Readable, limit = UPLOAD_LIMIT_BYTES): Promise<string> {
    const id = randomUUID();
    const path = join(this.dir, id);
    return new Promise((resolve, reject) => {
      let size = 0;
      let failed = false;
      const out = createWriteStream(path);
      const fail = (err: Error) => {
        if (failed) return;
        failed = true;
        body.unpipe(out);
        out.destroy();
        rmSync(path, { force: true });
        reject(err);
      };
      body.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) fail(new UploadTooLargeError(limit));
      });
      body.on('error', fail);
      body.on('aborted', () => fail(new Error('the upload was cut off')));
      out.on('error', fail);
      out.on('finish', () => (failed ? undefined : resolve(id)));
      body.pipe(out);
    });
  }

  save(bytes: Uint8Array, limit = UPLOAD_LIMIT_BYTES): string {
    if (bytes.byteLength > limit) throw new UploadTooLargeError(limit);
    const id = randomUUID();
    writeFileSync(join(this.dir, id), bytes);
    return id;
  }

  /** The uploaded bytes, once: the file is removed as it is read. Null for an id that is not (or no longer) here. */
  take(id: string): Buffer | null {
    if (!ID.test(id)) return null;
    const path = join(this.dir, id);
    try {
      return readFileSync(path);
    } catch {
      return null;
    } finally {
      rmSync(path, { force: true });
    }
  }

  count(): number {
    return readdirSync(this.dir).length;
  }
}
