import { spawn } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { freePortBlock } from '@readmission/testing';

const ROOT = join(__dirname, '..', '..');

/** The figures `npm run faults -- --report` writes (scripts/faults/faults.ts, FaultFigures): what the test reads. */
export interface FaultReport {
  sent: { applications: number; transferNotices: number; handovers: number };
  answered: number;
  arrived: number;
  reintegrationCases: number;
  duplicates: number;
  lost: number;
  deadLettered: number;
  drainMs: number | null;
  faults: { what: string }[];
  unplannedExits: string[];
  store: { outboxPending: number; outboxFailed: number };
  violations: string[];
}

/** The figures `npm run fuzz -- --report` writes (scripts/fuzz/fuzz.ts, FuzzFigures): what the test reads. */
export interface FuzzReport {
  answered: { expected: number; ok: number };
  deadLettered: { expected: number; got: number; copies: number; copiesWritten: number };
  valid: { expected: number; acknowledged: number };
  crashed: string[];
  maxHoldMs: number;
  handlerFailures: number | null;
  problems: string[];
  failed: boolean;
}

/**
 * Runs one of the reliability harnesses (`npm run faults`, `npm run fuzz`) as the command line does, against the
 * test run's broker and store, and returns its exit code and the figures it wrote (--report).
 */
export async function runHarness<T>(
  script: 'faults' | 'fuzz',
  args: string[],
): Promise<{ code: number | null; report: T; output: string }> {
  const report = join(mkdtempSync(join(tmpdir(), `${script}-report-`)), 'report.json');
  const child = spawn(process.execPath, ['-r', './scripts/register-ts.js', `scripts/${script}/${script}.ts`, ...args, '--report', report], {
    cwd: ROOT,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  let parsed: T;
  try {
    parsed = JSON.parse(readFileSync(report, 'utf8')) as T;
  } catch {
    throw new Error(`${script} wrote no figures (exit code ${code}):\n${output.slice(-4000)}`);
  }
  return { code, report: parsed, output };
}

/** The first of four free HTTP ports in the reliability tests' own range (20400-20479), probed, not guessed. */
export const basePort = async () => String(await freePortBlock(4, [20400, 20480]));
