// Session-wide guards: what the page may ask of the browser engine, and the CSP header.
import type { Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from './security';

/**
 * Permissions the app page may use. Everything else (camera, microphone, geolocation,
 * notifications, USB, serial, MIDI, fullscreen requests from content…) is refused: the app does not
 * need it, and a refusal can't leak anything. Copying text to the clipboard is the one exception,
 * for the "copier" buttons; reading the clipboard stays refused.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}

export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionAllowed(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}
