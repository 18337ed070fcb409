import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-main/security';
import { ALLOWED_PERMISSIONS, hardenSession } from '../../src-main/session';

function hardenedFakeSession() {
  const ses = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  };
  hardenSession(ses as never);
  return {
    request: ses.setPermissionRequestHandler.mock.calls[0][0] as (c: unknown, p: string, cb: (ok: boolean) => void) => void,
    check: ses.setPermissionCheckHandler.mock.calls[0][0] as (c: unknown, p: string) => boolean,
    headers: ses.webRequest.onHeadersReceived.mock.calls[0][0] as (d: unknown, cb: (r: unknown) => void) => void,
  };
}

const SENSITIVE = ['media', 'geolocation', 'notifications', 'clipboard-read', 'display-capture', 'usb', 'serial', 'hid',
  'midiSysex', 'openExternal', 'fullscreen', 'pointerLock', 'fileSystem', 'unknown'];

describe('hardenSession', () => {
  it('keeps the allow-list to sanitized clipboard writes', () => {
    expect([...ALLOWED_PERMISSIONS]).toEqual(['clipboard-sanitized-write']);
  });

  it.each(SENSITIVE)('denies the permission request %s', (permission) => {
    const { request, check } = hardenedFakeSession();
    const callback = vi.fn();
    request({}, permission, callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(check({}, permission)).toBe(false);
  });

  it('grants the allow-listed permission', () => {
    const { request, check } = hardenedFakeSession();
    const callback = vi.fn();
    request({}, 'clipboard-sanitized-write', callback);
    expect(callback).toHaveBeenCalledWith(true);
    expect(check({}, 'clipboard-sanitized-write')).toBe(true);
  });

  it('adds the CSP header to every response and keeps the others', () => {
    const { headers } = hardenedFakeSession();
    const callback = vi.fn();
    headers({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
});
