import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  parseBoolean,
  parseInteger,
  parseJson,
  parseList,
  parseMilliseconds,
  parseMongoUri,
  parseNumberList,
  parseOneOf,
  parseReadableFile,
  parseUrl,
} from './parsers';

describe('setting parsers', () => {
  describe('parseMilliseconds', () => {
    it('reads whole milliseconds, trimming spaces', () => {
      expect(parseMilliseconds('30000')).toBe(30000);
      expect(parseMilliseconds('0')).toBe(0);
      expect(parseMilliseconds(' 500\n')).toBe(500);
    });

    it.each(['30s', '5m', '1.5', '1e3', '0x10', '-1', 'NaN', 'Infinity', 'thirty', '', ' '])('refuses %p', (raw) => {
      expect(() => parseMilliseconds(raw)).toThrow(/whole milliseconds/);
    });

    it('says that units are not understood', () => {
      expect(() => parseMilliseconds('30s')).toThrow('units are not understood');
      expect(() => parseMilliseconds('2.5 min')).toThrow('units are not understood');
    });

    it('keeps to its bounds (timers take at most 2^31-1 ms)', () => {
      expect(() => parseMilliseconds('0', { min: 1 })).toThrow('from 1 to');
      expect(() => parseMilliseconds('2147483648')).toThrow('from 0 to 2147483647');
      expect(parseMilliseconds('2147483647')).toBe(2147483647);
    });
  });

  describe('parseInteger', () => {
    it('reads whole numbers within bounds', () => {
      expect(parseInteger('8080', { min: 0, max: 65535 })).toBe(8080);
      expect(parseInteger('-3', { min: -5 })).toBe(-3);
    });
    it.each(['70000', '1.5', '0x50', '1e2', 'abc', '', '99999999999999999999'])('refuses %p as a port', (raw) => {
      expect(() => parseInteger(raw, { min: 0, max: 65535 })).toThrow('must be a whole number from 0 to 65535');
    });
  });

  describe('parseNumberList', () => {
    it('reads "72,24", sorted as asked', () => {
      expect(parseNumberList('72,24')).toEqual([72, 24]);
      expect(parseNumberList('3, 14', { order: 'descending' })).toEqual([14, 3]);
      expect(parseNumberList('14,3', { order: 'ascending' })).toEqual([3, 14]);
      expect(parseNumberList('0.5,2')).toEqual([0.5, 2]);
    });
    it.each(['72,,24', '72,abc', '72;24', 'NaN', '', ',', '1e2', '72,24,'])('refuses %p', (raw) => {
      expect(() => parseNumberList(raw)).toThrow('comma-separated list of numbers');
    });
    it('refuses zero or less when the numbers must be positive, and fractions when whole', () => {
      expect(() => parseNumberList('72,0', { positive: true })).toThrow('numbers above 0');
      expect(() => parseNumberList('72,-24', { positive: true })).toThrow('numbers above 0');
      expect(() => parseNumberList('1.5', { integer: true })).toThrow('whole numbers');
    });
  });

  describe('parseList', () => {
    it('trims, normalises and checks each item', () => {
      const code = { pattern: /^[A-Z]{2}$/, describe: 'a two-letter code', normalise: (s: string) => s.toUpperCase() };
      expect(parseList('de, no ,FR', code)).toEqual(['DE', 'NO', 'FR']);
      expect(() => parseList('DE,NOR', code)).toThrow('every item must be a two-letter code; not: "NOR"');
      expect(() => parseList('DE,,NO', code)).toThrow('without empty items');
    });
  });

  describe('parseBoolean and parseOneOf', () => {
    it('read exactly the allowed words', () => {
      expect(parseBoolean('true')).toBe(true);
      expect(parseBoolean('FALSE')).toBe(false);
      expect(() => parseBoolean('yes')).toThrow('must be true or false');
      expect(() => parseBoolean('1')).toThrow('must be true or false');
      expect(parseOneOf('warn', ['error', 'warn'] as const)).toBe('warn');
      expect(() => parseOneOf('chatty', ['error', 'warn'])).toThrow('must be one of error, warn');
    });
  });

  describe('parseUrl', () => {
    it('reads absolute URLs of the allowed schemes', () => {
      expect(parseUrl('https://idp.example/certs', { protocols: ['https', 'http'] })).toBe('https://idp.example/certs');
      expect(() => parseUrl('idp.example/certs', { protocols: ['https'] })).toThrow('must be an absolute URL');
      expect(() => parseUrl('ftp://idp.example', { protocols: ['https', 'http'] })).toThrow('must be a https or http URL, not ftp');
      expect(() => parseUrl('https://u:p@registry.example', { protocols: ['https'], noCredentials: true })).toThrow(
        'must not carry a user or password',
      );
      expect(() => parseUrl('https://registry.example/?a=1', { protocols: ['https'], noQuery: true })).toThrow(
        'must not have a query or fragment',
      );
    });
  });

  describe('parseMongoUri', () => {
    it.each([
      'mongodb://127.0.0.1:27017',
      'mongodb://user:p%40ss@db-1:27017,db-2:27017,db-3/readmission?replicaSet=rs0&authSource=admin',
      'mongodb+srv://user:pw@cluster0.example.net/?retryWrites=true',
      'mongodb://[::1]:27017',
    ])('reads %s', (raw) => {
      expect(parseMongoUri(raw)).toBe(raw);
    });
    it.each(['127.0.0.1:27017', 'http://db:27017', 'mongodb://', 'mongodb://db:27017,', 'mongodb://db:port', 'mongodb+srv://a,b'])(
      'refuses %s',
      (raw) => {
        expect(() => parseMongoUri(raw)).toThrow(/MongoDB connection string|host|mongodb\+srv/);
      },
    );
  });

  describe('parseReadableFile', () => {
    let dir: string;
    beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'settings-file-'))));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('takes a readable file and refuses a missing file, a directory and an unreadable file', () => {
      const file = join(dir, 'points.json');
      writeFileSync(file, '{}');
      expect(parseReadableFile(file)).toBe(file);
      expect(() => parseReadableFile(join(dir, 'missing.json'))).toThrow('must name a file that exists');
      expect(() => parseReadableFile(dir)).toThrow('must name a file, not a directory');
      if (process.getuid?.() !== 0) {
        const locked = join(dir, 'locked.json');
        writeFileSync(locked, '{}');
        chmodSync(locked, 0o000);
        expect(() => parseReadableFile(locked)).toThrow('must name a file this process can read');
      }
    });
  });

  describe('parseJson', () => {
    it('reads JSON and applies its check', () => {
      expect(parseJson('{"GYP":{"2026-12-01":0}}')).toEqual({ GYP: { '2026-12-01': 0 } });
      expect(() => parseJson('{GYP:1}')).toThrow('must be valid JSON');
      expect(() => parseJson('[1]', (v) => (Array.isArray(v) ? 'must be an object' : undefined))).toThrow('must be an object');
    });
  });
});
