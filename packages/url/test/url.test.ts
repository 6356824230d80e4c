import { describe, expect, it } from 'vitest';
import {
  displayHost,
  hasPublicSuffix,
  isSameSite,
  normalizeUrl,
  originKey,
  pageKey,
  parseWebAddress,
  registrableDomain,
  resolveHref,
  siteKey,
} from '../src/index.ts';

describe('crawl normalisation', () => {
  it('drops fragments and tracking parameters and sorts the query', () => {
    expect(normalizeUrl('HTTPS://Shop.Example:443/a?b=2&utm_source=x&a=1#top')).toBe(
      'https://shop.example/a?a=1&b=2',
    );
    expect(normalizeUrl('mailto:a@b.c')).toBeNull();
  });
  it('treats www and the bare domain as one site, other hosts as another', () => {
    expect(isSameSite('https://www.shop.example/a', 'http://shop.example/')).toBe(true);
    expect(isSameSite('https://blog.shop.example/', 'https://shop.example/')).toBe(false);
    expect(isSameSite('http://127.0.0.1:8080/', 'http://127.0.0.1:8081/')).toBe(false);
  });
  it('resolves hrefs, keeping the fragment unless asked not to', () => {
    expect(resolveHref(' /menu#cakes ', 'https://shop.example/a/')).toBe(
      'https://shop.example/menu#cakes',
    );
    expect(resolveHref('/menu#cakes', 'https://shop.example/', { dropFragment: true })).toBe(
      'https://shop.example/menu',
    );
    expect(resolveHref('javascript:void(0)', 'https://shop.example/')).toBeNull();
    expect(resolveHref('', 'https://shop.example/')).toBeNull();
  });
});

describe('keys', () => {
  it('compares pages across analyses without fragment or trailing slash', () => {
    expect(pageKey('https://Shop.example/about/#team')).toBe('https://shop.example/about');
    expect(pageKey('https://shop.example/')).toBe('https://shop.example/');
    expect(pageKey('not a url')).toBe('not a url');
  });
  it('keys a site by its bare host and a non-default port, https assumed', () => {
    expect(siteKey('WWW.Harbor-Bakery.example/menu')).toBe('harbor-bakery.example');
    expect(siteKey('http://127.0.0.1:33181/')).toBe('127.0.0.1:33181');
    expect(siteKey('https://shop.example:443/')).toBe('shop.example');
    expect(siteKey('ftp://shop.example/')).toBeNull();
    expect(siteKey('   ')).toBeNull();
  });
  it('writes origins with the port, so another port is another site', () => {
    expect(originKey('https://www.shop.example/a')).toBe('https://shop.example:443');
    expect(originKey('http://shop.example:8080/')).toBe('http://shop.example:8080');
    expect(originKey('mailto:a@b.c')).toBeNull();
  });
});

describe('addresses people type', () => {
  it('assumes https without a scheme and refuses other schemes', () => {
    expect(parseWebAddress('harbor-bakery.example')?.href).toBe('https://harbor-bakery.example/');
    expect(parseWebAddress('http://harbor.example/x')?.href).toBe('http://harbor.example/x');
    expect(parseWebAddress('ftp://harbor.example/')).toBeNull();
    expect(parseWebAddress('')).toBeNull();
  });
  it('shows the host for a person to read', () => {
    expect(displayHost('http://127.0.0.1:33181/')).toBe('127.0.0.1:33181');
    expect(displayHost('nonsense')).toBe('nonsense');
  });
});

describe('registrable domains (Public Suffix List)', () => {
  it('finds the domain under multi-label public suffixes', () => {
    expect(registrableDomain('https://m.facebook.com/harborbakery')).toBe('facebook.com');
    expect(registrableDomain('https://shop.harbor.co.uk/')).toBe('harbor.co.uk');
    expect(registrableDomain('http://127.0.0.1:8080/')).toBeNull();
    expect(registrableDomain('http://localhost/')).toBeNull();
    expect(registrableDomain('::')).toBeNull();
  });
  it('tells public hostnames from private ones', () => {
    expect(hasPublicSuffix('crumbs.co.uk')).toBe(true);
    expect(hasPublicSuffix('bakery.internal')).toBe(false);
    expect(hasPublicSuffix('localhost')).toBe(false);
  });
});
