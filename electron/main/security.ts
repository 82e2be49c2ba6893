import { session } from 'electron';

import { contentSecurityPolicy } from '../../shared/security';

const CSP = contentSecurityPolicy();

/** The page's CSP also as a response header, and every permission request denied. */
export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}
