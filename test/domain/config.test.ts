import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReadCache, parseTrustProxy, readConfig } from '../../server/config.ts';

describe('TRUST_PROXY', () => {
  it('is off unless set', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(readConfig({}).trustProxy).toBe(false);
  });

  it('takes true, a hop count, or proxy addresses and networks', () => {
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.1, 192.168.0.0/16,::1,fd00::/8,loopback')).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    expect(readConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  it('refuses anything else with a message naming the setting and the bad part', () => {
    for (const bad of ['yes', '0', '-1', '1.5', '10.0.0.1,proxy.example', '10.0.0.0/33', '::1/129', '10.0.0.300', '10.0.0.1,']) {
      expect(() => parseTrustProxy(bad), bad).toThrow(/^TRUST_PROXY/u);
    }
    expect(() => parseTrustProxy('10.0.0.1,proxy.example')).toThrow(/"proxy\.example"/u);
  });
});

describe('READ_CACHE', () => {
  it('is on unless set to off', () => {
    expect(readConfig({}).readCache).toBe(true);
    expect(readConfig({ READ_CACHE: 'on' }).readCache).toBe(true);
    expect(readConfig({ READ_CACHE: 'off' }).readCache).toBe(false);
    expect(parseReadCache(' OFF ')).toBe(false);
  });

  it('refuses anything else with a message naming the setting', () => {
    for (const bad of ['no', '0', 'false', 'of']) expect(() => parseReadCache(bad), bad).toThrow(/^READ_CACHE must be on or off/u);
  });
});

describe('PUBLIC_URL', () => {
  it('is unset by default and kept without its trailing slash, with any path', () => {
    expect(readConfig({}).publicUrl).toBeNull();
    expect(readConfig({ PUBLIC_URL: 'https://protokols.cesis.lv/' }).publicUrl).toBe('https://protokols.cesis.lv');
    expect(readConfig({ PUBLIC_URL: 'https://cesis.lv/protokols/' }).publicUrl).toBe('https://cesis.lv/protokols');
  });

  it('refuses what is not an http(s) base URL, naming the setting', () => {
    for (const bad of ['protokols.cesis.lv', 'ftp://cesis.lv', 'https://cesis.lv/?a=1', 'https://u:p@cesis.lv'])
      expect(() => readConfig({ PUBLIC_URL: bad })).toThrow(/PUBLIC_URL/);
  });
});

describe('HOST', () => {
  it('is 127.0.0.1 unless set, and takes an IP address or a host name', () => {
    expect(readConfig({}).host).toBe('127.0.0.1');
    expect(readConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(readConfig({ HOST: '::' }).host).toBe('::');
    expect(readConfig({ HOST: '[::1]' }).host).toBe('::1');
    expect(readConfig({ HOST: 'localhost' }).host).toBe('localhost');
    expect(readConfig({ HOST: 'app-1.intra.cesis.lv' }).host).toBe('app-1.intra.cesis.lv');
  });

  it('refuses anything else with a message naming the setting', () => {
    for (const bad of ['http://0.0.0.0', '0.0.0.0:3000', '10.0.0.300', 'host name', '-bad.lv', 'a..lv', '*'])
      expect(() => readConfig({ HOST: bad }), bad).toThrow(/^HOST must be an IP address/u);
  });
});

describe('LOG_LEVEL', () => {
  it('is info unless set, and takes any pino level', () => {
    expect(readConfig({}).logLevel).toBe('info');
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      expect(readConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
    expect(readConfig({ LOG_LEVEL: ' WARN ' }).logLevel).toBe('warn');
  });

  it('refuses anything else with a message naming the setting and the levels', () => {
    for (const bad of ['verbose', 'warning', '30', 'info,debug'])
      expect(() => readConfig({ LOG_LEVEL: bad }), bad).toThrow(
        /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/u,
      );
  });
});

describe('GROUP_TEMPLATES_DIR', () => {
  it('is group-templates/ beside the SQLite file unless set, and none on PostgreSQL or in memory', () => {
    expect(readConfig({ DATABASE_URL: '/srv/protokols/data/p.db' }).groupTemplatesDir).toBe('/srv/protokols/data/group-templates');
    expect(readConfig({}).groupTemplatesDir).toBe(path.resolve('data', 'group-templates'));
    expect(readConfig({ DATABASE_URL: 'postgres://app@db/protokols' }).groupTemplatesDir).toBeNull();
    expect(readConfig({ DATABASE_URL: ':memory:' }).groupTemplatesDir).toBeNull();
  });

  it('takes an existing folder, and refuses one that is not there', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'group-templates-'));
    try {
      expect(readConfig({ DATABASE_URL: 'postgres://app@db/protokols', GROUP_TEMPLATES_DIR: dir }).groupTemplatesDir).toBe(dir);
      expect(() => readConfig({ GROUP_TEMPLATES_DIR: path.join(dir, 'nav') })).toThrow(/^GROUP_TEMPLATES_DIR must be an existing folder/u);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
