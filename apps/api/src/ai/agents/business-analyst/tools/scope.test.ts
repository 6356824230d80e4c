import { describe, expect, it } from 'vitest';
import { UrlScope } from './toolkit.ts';

// Finding 11: the scope is the origin (scheme, host, port) of the sites the owner asked about.
describe('UrlScope', () => {
  it('holds the origin: another port or scheme on the same host is out of scope', () => {
    const scope = new UrlScope(['http://127.0.0.1:40613/', 'rise.example']);
    expect(scope.allows('http://127.0.0.1:40613/about')).toBe(true);
    expect(scope.allows('http://127.0.0.1:18080/')).toBe(false);
    expect(scope.allows('https://127.0.0.1:40613/')).toBe(false);
    expect(scope.allows('https://rise.example/menu')).toBe(true);
    expect(scope.allows('https://www.rise.example/')).toBe(true);
    expect(scope.allows('https://rise.example:443/')).toBe(true);
    expect(scope.allows('https://rise.example:8443/')).toBe(false);
    expect(scope.allows('http://rise.example/')).toBe(false);
  });

  it('refuses what is not an http(s) URL', () => {
    const scope = new UrlScope(['https://rise.example']);
    for (const u of ['rise.example', 'file:///etc/passwd', 'ftp://rise.example/', 'javascript:1'])
      expect(scope.allows(u), u).toBe(false);
  });
});
