import { createHash } from 'crypto';
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { Rulebook } from './rulebook/rulebook';
import { validateRulebook } from './rulebook/validate';
import { SHIPPED_RULEBOOKS } from './shipped';

/**
 * A shipped rulebook version never changes its meaning: cases registered under it carry its version, and a store or
 * a partner reading "2026.1" must find the values 2026.1 had when it was shipped. A change of a value is a new
 * version with its own effectiveFrom. Adding a version: add its file, both digests here and its section in
 * docs/rules.md#rulebook-versions.
 *
 * Two digests per version: the file's bytes (nothing changes unnoticed), and its meaning (every value, unit, status
 * and date, without the `source` and `description` texts). 2026.1's meaning digest is that of the file first shipped
 * (commit 91f87d0): its values were changed in place once by mistake and restored; its source texts were rewritten
 * to name the agreements' articles and docs/rules.md, with no value touched.
 */
const SHIPPED_DIGESTS: Record<string, { file: string; meaning: string }> = {
  '2026.1': {
    file: '02977597947d49fc4a8292fad4326f53ba39e71ddd7e26c19ad8123094ef1e35',
    meaning: 'd5ca2219d1e4e0353170f39a4e15cdf0653402741ce54691d6011f0ec68ac7cb',
  },
  '2026.2': {
    file: '4b4d861e1a4f4e48562936cc25ef17a794b9e0097600cc16d2f4d3a02e659e96',
    meaning: 'e0967c3c402a5539e78ae42fd9af804e1f342bc48285acc5cc80c1c1d063187f',
  },
  '2026.3': {
    file: '0ad8bcd7c767bc46bf334cb7926f0fbd624e123430fbe777d7d1c7767d12d821',
    meaning: '8142020eb7331f9faeabae5a92262537e0f1a24f2e93257d6a7e1e657ea121ea',
  },
};

/** The version without its explanatory texts: what a case's rules mean. */
function meaningOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(meaningOf);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== 'source' && key !== 'description')
      .map(([key, value]) => [key, meaningOf(value)]),
  );
}

const DATA = join(__dirname, '..', 'data', 'rulebooks');

describe('shipped rulebook versions', () => {
  it.each(Object.entries(SHIPPED_DIGESTS))('%s keeps the file and the meaning it was shipped with (sha256)', (version, digest) => {
    const file = readFileSync(join(DATA, `${version}.json`));
    expect(createHash('sha256').update(file).digest('hex')).toBe(digest.file);
    const parsed = JSON.parse(file.toString());
    expect(parsed.version).toBe(version);
    expect(
      createHash('sha256')
        .update(JSON.stringify(meaningOf(parsed)))
        .digest('hex'),
    ).toBe(digest.meaning);
  });

  it('every file is a shipped version with a pinned digest, newest first', () => {
    const files = readdirSync(DATA).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual(Object.keys(SHIPPED_DIGESTS).sort());
    expect(SHIPPED_RULEBOOKS.map((r) => r.version)).toEqual(Object.keys(SHIPPED_DIGESTS).sort().reverse());
    const starts = SHIPPED_RULEBOOKS.map((r) => new Date(r.effectiveFrom).getTime());
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
  });

  it('2026.3 takes effect on 1 December 2026 (Baku) with readmission by mistake and transport costs; 2026.2 has neither', () => {
    const [v3, v2] = SHIPPED_RULEBOOKS.map((r) => Rulebook.from(r));
    expect(v3.version).toBe('2026.3');
    expect(v3.effectiveFrom.toISOString()).toBe('2026-11-30T20:00:00.000Z');
    for (const code of ['EU-AZ', 'NO-AZ', 'CH-AZ', 'ME-AZ']) {
      const rules = v3.agreement(code).rules;
      expect(rules.readmissionByMistakeNational).toMatchObject({ value: 6, unit: 'months', from: 'transfer', status: 'comparable' });
      expect(rules.readmissionByMistakeThirdCountNational).toMatchObject({ value: 12, unit: 'months', from: 'transfer' });
      expect(rules.transportCostsBorneBy).toMatchObject({ value: 'requesting-state', status: 'comparable' });
      expect(rules.costRepayment).toMatchObject({ value: 30, unit: 'calendar-days', from: 'invoice', status: 'assumed' });
      expect(v2.agreement(code).rules.readmissionByMistakeNational).toBeUndefined();
      expect(v2.agreement(code).rules.transportCostsBorneBy).toBeUndefined();
    }
    expect(v3.agreement('CH-AZ').rules.readmissionByMistakeNational?.source).toContain('CH-AZ Art. 10');
    expect(v3.agreement('CH-AZ').rules.transportCostsBorneBy?.source).toContain('CH-AZ Art. 13');
  });

  it('2026.3 takes effect on 1 December 2026 (Baku) with the transit rules of every agreement; older versions have none', () => {
    const [v3, v2, v1] = SHIPPED_RULEBOOKS.map((r) => Rulebook.from(r));
    expect(v3.version).toBe('2026.3');
    expect(v3.effectiveFrom.toISOString()).toBe('2026-11-30T20:00:00.000Z');
    for (const code of ['EU-AZ', 'NO-AZ', 'CH-AZ', 'ME-AZ']) {
      const transit = v3.agreement(code).transit;
      expect(transit?.reply).toMatchObject({ value: 5, unit: 'calendar-days', from: 'receipt', status: 'comparable' });
      expect(transit?.consentValidity).toMatchObject({ value: 30, unit: 'calendar-days', from: 'consent', status: 'comparable' });
      expect(transit?.refusalGrounds.value).toHaveLength(4);
      expect(v2.agreement(code).transit).toBeUndefined();
      expect(v1.agreement(code).transit).toBeUndefined();
    }
    expect(v3.agreement('CH-AZ').transit?.reply.source).toMatch(/CH-AZ Arts 11 and 12: titles verified, contents not found/);
  });

  it('the earlier versions load; 2026.2 takes effect on 30 November 2026 (Baku) and 2026.1 keeps its meaning', () => {
    const [, v2, v1] = SHIPPED_RULEBOOKS.map((r) => Rulebook.from(r));
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

  it('every shipped version names articles or docs/rules.md as its sources', () => {
    for (const rulebook of SHIPPED_RULEBOOKS) expect(validateRulebook(rulebook)).toEqual([]);
    // A source naming a document outside the repository is refused.
    const [newest] = SHIPPED_RULEBOOKS;
    const copy = JSON.parse(JSON.stringify(newest));
    copy.version = `${newest.version}-copy`;
    copy.agreements[0].inForceFrom.source = 'notes.md (Parties)';
    expect(validateRulebook(copy)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\$\.agreements\[0\]\.inForceFrom\.source: an article/)]),
    );
  });
});
