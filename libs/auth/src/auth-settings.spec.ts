import { execFile } from 'child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';
import { DEFAULT_AUDIENCE, DEV_ISSUER, DevKey, authSettingsFromEnv, loadOrCreateDevKey } from './auth-settings';

describe('authSettingsFromEnv', () => {
  it('refuses to start without a way to verify tokens, and says which variables to set', () => {
    expect(() => authSettingsFromEnv({})).toThrow('set AUTH_JWKS_URL (identity provider) or AUTH_DEV_KEY_FILE (local development key)');
  });

  it('treats empty variables as unset (as a compose file passes them)', () => {
    expect(() => authSettingsFromEnv({ AUTH_JWKS_URL: '', AUTH_DEV_KEY_FILE: '' })).toThrow(/AUTH_JWKS_URL.*AUTH_DEV_KEY_FILE/);
    expect(authSettingsFromEnv({ AUTH_DEV_KEY_FILE: '/keys/dev.json', AUTH_JWKS_URL: '', AUTH_ISSUER: '', AUTH_AUDIENCE: '' })).toEqual({
      issuer: DEV_ISSUER,
      audience: DEFAULT_AUDIENCE,
      jwksUrl: undefined,
      devKeyFile: '/keys/dev.json',
    });
  });

  it('defaults to the development issuer and the platform audience', () => {
    expect(authSettingsFromEnv({ AUTH_DEV_KEY_FILE: '/keys/dev.json' })).toEqual({
      issuer: 'urn:readmission:dev',
      audience: 'readmission-platform',
      jwksUrl: undefined,
      devKeyFile: '/keys/dev.json',
    });
  });

  it('takes an identity provider’s issuer, audience and JWKS URL', () => {
    const env = { AUTH_ISSUER: 'https://idp.example/realms/sms', AUTH_AUDIENCE: 'readmission', AUTH_JWKS_URL: 'https://idp.example/certs' };
    expect(authSettingsFromEnv(env)).toEqual({
      issuer: 'https://idp.example/realms/sms',
      audience: 'readmission',
      jwksUrl: 'https://idp.example/certs',
      devKeyFile: undefined,
    });
  });

  it('reads the process environment by default', () => {
    const saved = { ...process.env };
    try {
      delete process.env.AUTH_JWKS_URL;
      delete process.env.AUTH_ISSUER;
      process.env.AUTH_DEV_KEY_FILE = '/from/process/env.json';
      expect(authSettingsFromEnv()).toMatchObject({ devKeyFile: '/from/process/env.json', issuer: DEV_ISSUER });
      delete process.env.AUTH_DEV_KEY_FILE;
      expect(() => authSettingsFromEnv()).toThrow(/AUTH_DEV_KEY_FILE/);
    } finally {
      process.env = saved;
    }
  });
});

describe('loadOrCreateDevKey', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'auth-settings-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a key on first use, with its directories, readable only by its owner, and leaves nothing else behind', () => {
    const file = join(dir, 'nested', 'auth', 'dev-key.json');
    const key = loadOrCreateDevKey(file);
    expect(key.kid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Buffer.from(key.secret, 'base64url')).toHaveLength(32);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(key);
    expect(readdirSync(join(dir, 'nested', 'auth'))).toEqual(['dev-key.json']);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('returns the same key on the next call', () => {
    const file = join(dir, 'dev-key.json');
    const first = loadOrCreateDevKey(file);
    expect(loadOrCreateDevKey(file)).toEqual(first);
    expect(loadOrCreateDevKey(file)).toEqual(first);
  });

  it('never replaces a key that exists', () => {
    const file = join(dir, 'dev-key.json');
    const existing: DevKey = { kid: 'existing-kid', secret: Buffer.alloc(32, 7).toString('base64url') };
    writeFileSync(file, JSON.stringify(existing));
    expect(loadOrCreateDevKey(file)).toEqual(existing);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(existing);
  });

  it('gives every process the same key when several create it at the same moment', async () => {
    // Services start together and each calls loadOrCreateDevKey: run it in separate processes, released together,
    // on several fresh files in a row, so that the creations really overlap.
    const moduleFile = join(dir, 'auth-settings.js');
    const source = readFileSync(join(__dirname, 'auth-settings.ts'), 'utf8');
    writeFileSync(
      moduleFile,
      transpileModule(source, { compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022 } }).outputText,
    );
    const files = Array.from({ length: 30 }, (_, i) => join(dir, `keys-${i}`, 'dev-key.json'));
    const child = `
      const { loadOrCreateDevKey } = require(process.env.MODULE_FILE);
      const files = JSON.parse(process.env.KEY_FILES);
      while (Date.now() < Number(process.env.START_AT)) {}
      process.stdout.write(JSON.stringify(files.map((file) => loadOrCreateDevKey(file))));`;
    const env = { ...process.env, MODULE_FILE: moduleFile, KEY_FILES: JSON.stringify(files), START_AT: String(Date.now() + 1500) };
    const outputs = await Promise.all(Array.from({ length: 8 }, () => promisify(execFile)(process.execPath, ['-e', child], { env })));

    const seen = outputs.map(({ stdout }) => JSON.parse(stdout) as DevKey[]);
    files.forEach((file, i) => {
      const onDisk = JSON.parse(readFileSync(file, 'utf8')) as DevKey;
      for (const keys of seen) expect(keys[i]).toEqual(onDisk);
      expect(readdirSync(join(dir, `keys-${i}`))).toEqual(['dev-key.json']); // no temporary file left behind
    });
    expect(new Set(files.map((file) => readFileSync(file, 'utf8'))).size).toBe(files.length); // a new key per file
  });
});
