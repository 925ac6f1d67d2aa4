import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { refuseUiRequest } from '../../../src/local-workspace/http/request-guard.js';

const req = (method: string, headers: Record<string, string>) => ({ method, headers }) as unknown as IncomingMessage;

describe('the web client endpoints accept only the page itself', () => {
  it('accepts same-origin JSON on a loopback host', () => {
    expect(refuseUiRequest(req('POST', { host: '127.0.0.1:3001', 'content-type': 'application/json', origin: 'http://127.0.0.1:3001' }), true)).toBeUndefined();
    expect(refuseUiRequest(req('POST', { host: 'localhost:3001', 'content-type': 'application/json' }), true)).toBeUndefined();
    expect(refuseUiRequest(req('GET', { host: '[::1]:3001' }), true)).toBeUndefined();
  });

  it('refuses cross-site posts, non-JSON posts and other hosts (DNS rebinding)', () => {
    expect(refuseUiRequest(req('POST', { host: '127.0.0.1:3001', 'content-type': 'text/plain' }), true)).toMatch(/JSON/);
    expect(refuseUiRequest(req('POST', { host: '127.0.0.1:3001', 'content-type': 'application/x-www-form-urlencoded' }), true)).toMatch(/JSON/);
    expect(refuseUiRequest(req('POST', { host: '127.0.0.1:3001', 'content-type': 'application/json', origin: 'https://evil.example' }), true)).toMatch(/Cross-site/);
    expect(refuseUiRequest(req('POST', { host: '127.0.0.1:3001', 'content-type': 'application/json', origin: 'null' }), true)).toMatch(/Cross-site/);
    expect(refuseUiRequest(req('GET', { host: 'evil.example:3001' }), true)).toMatch(/localhost/);
    expect(refuseUiRequest(req('GET', { host: 'workspace.internal:3001' }), false)).toBeUndefined();
  });
});
