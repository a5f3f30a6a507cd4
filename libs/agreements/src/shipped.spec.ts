import { createHash } from 'crypto';
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { Rulebook } from './rulebook/rulebook';
import { SOURCES_BEFORE_THE_RULE, validateRulebook } from './rulebook/validate';
import { SHIPPED_RULEBOOKS } from './shipped';

/**
 * A shipped rulebook version never changes: cases registered under it carry its version, and a store or a partner
 * reading "2026.1" must find what 2026.1 said when it was shipped. A change is a new version with its own
 * effectiveFrom. Adding a version: add its file, its digest here and its section in docs/rules.md#rulebook-versions.
 */
const SHIPPED_DIGESTS: Record<string, string> = {
  // As first shipped (commit 91f87d0); changed in place by mistake in session 3 and restored byte for byte.
  '2026.1': '9de43391b713219c596a9eaecc3c6aa27ab433c41c046889f31093503004c625',
  '2026.2': '4b4d861e1a4f4e48562936cc25ef17a794b9e0097600cc16d2f4d3a02e659e96',
};

const DATA = join(__dirname, '..', 'data', 'rulebooks');

describe('shipped rulebook versions', () => {
  it.each(Object.entries(SHIPPED_DIGESTS))('%s is byte for byte the version shipped (sha256 of its file)', (version, digest) => {
    const file = readFileSync(join(DATA, `${version}.json`));
    expect(createHash('sha256').update(file).digest('hex')).toBe(digest);
    expect(JSON.parse(file.toString()).version).toBe(version);
  });

  it('every file is a shipped version with a pinned digest, newest first', () => {
    const files = readdirSync(DATA).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual(Object.keys(SHIPPED_DIGESTS).sort());
    expect(SHIPPED_RULEBOOKS.map((r) => r.version)).toEqual(Object.keys(SHIPPED_DIGESTS).sort().reverse());
    const starts = SHIPPED_RULEBOOKS.map((r) => new Date(r.effectiveFrom).getTime());
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
  });

  it('both versions load; 2026.2 takes effect on 30 November 2026 (Baku) and 2026.1 keeps its meaning', () => {
    const [v2, v1] = SHIPPED_RULEBOOKS.map((r) => Rulebook.from(r));
    expect(v2.version).toBe('2026.2');
    expect(v2.effectiveFrom.toISOString()).toBe('2026-11-29T20:00:00.000Z');
    expect(v1.effectiveFrom.toISOString()).toBe('2013-12-31T20:00:00.000Z');
    for (const code of ['EU-AZ', 'NO-AZ', 'CH-AZ', 'ME-AZ']) {
      // 2026.1 as shipped: no review window (an officer decides), no reissue rule, no lifecycle rules.
      expect(v1.agreement(code).rules.primaFacieReview).toBeUndefined();
      expect(v1.agreement(code).rules.primaFacieReviewAccelerated).toBeUndefined();
      expect(v1.agreement(code).rules.travelDocumentReissue).toBeUndefined();
      expect(v1.agreement(code).rules.applicationContent).toBeUndefined();
      expect(v2.agreement(code).rules.primaFacieReview).toMatchObject({ value: 10, unit: 'calendar-days' });
      expect(v2.agreement(code).rules.applicationContent?.value).toHaveLength(4);
      expect(v2.agreement(code).rules.transferExtension.value).toBe('while-obstacles-last');
    }
    expect(v1.agreement('EU-AZ').rules.transferExtension.value).toBe('none');
    expect(v1.agreement('CH-AZ').rules.suspensionTakesEffect).toBeUndefined();
    expect(v2.agreement('CH-AZ').rules.suspensionTakesEffect).toMatchObject({ value: 2 });
  });

  it('2026.1 keeps the sources it was shipped with; every later version names articles or docs/rules.md', () => {
    expect(SOURCES_BEFORE_THE_RULE).toEqual(['2026.1']);
    const [v2, v1] = SHIPPED_RULEBOOKS;
    expect(validateRulebook(v1)).toEqual([]);
    // The same content under another name is held to the rule.
    expect(validateRulebook({ ...v1, version: '2026.1-copy' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\$\.agreements\[0\]\.inForceFrom\.source: an article/)]),
    );
    expect(validateRulebook(v2)).toEqual([]);
  });
});
