import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './index';

describe('the Content-Security-Policy', () => {
  it('allows our own scripts, styles, images, sounds and fonts only; no plugins, no framing, no base', () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "media-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });
  it('adds the headless station’s WebSocket origins to connect-src, and nothing else', () => {
    const csp = contentSecurityPolicy(['ws://127.0.0.1:8417', 'ws://localhost:8417']);
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:8417 ws://localhost:8417;");
    expect(csp.replace(' ws://127.0.0.1:8417 ws://localhost:8417', '')).toBe(contentSecurityPolicy());
  });
});
