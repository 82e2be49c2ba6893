/**
 * The page's Content-Security-Policy: our own scripts only, no eval, no plugins, no framing. `connect` adds the
 * WebSocket origin of the headless station; renderer/index.html carries the same policy as a meta tag.
 */
export function contentSecurityPolicy(connect: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "media-src 'self' data:",
    `connect-src ${["'self'", ...connect].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
