import { readFileSync } from 'fs';
import { join } from 'path';
import { SHIPPED_RULEBOOKS } from '../shipped';
import { Rulebook, RulebookInvalidError } from './rulebook';
import { AgreementRules, RuleValue } from './types';

const shipped = () => JSON.parse(JSON.stringify(SHIPPED_RULEBOOKS[0]));

describe('rulebook', () => {
  const rulebook = Rulebook.from(shipped());

  it('ships a valid version covering the four agreements and their partners', () => {
    expect(rulebook.data.agreements.map((a) => a.code).sort()).toEqual(['CH-AZ', 'EU-AZ', 'ME-AZ', 'NO-AZ']);
    expect(rulebook.partners()).toHaveLength(28);
    expect(rulebook.partner('DE')?.agreement).toBe('EU-AZ');
  });

  it('finds no agreement for Denmark, Ireland or a partner before entry into force', () => {
    for (const code of ['DK', 'IE', 'GB']) expect(rulebook.applicableAgreement(code, '2026-11-24')).toMatchObject({ applies: false });
    expect(rulebook.applicableAgreement('CH', '2017-03-31')).toMatchObject({
      applies: false,
      reason: expect.stringMatching(/from 2017-04-01/),
    });
    expect(rulebook.applicableAgreement('CH', '2017-04-01')).toMatchObject({ applies: true });
    expect(rulebook.applicableAgreement('ME', '2017-12-14')).toMatchObject({ applies: false });
  });

  it('honours a partner leaving the agreement', () => {
    const data = shipped();
    data.version = 'test-until';
    data.partners.find((p: { code: string }) => p.code === 'SE').until = '2026-06-30';
    const r = Rulebook.from(data);
    expect(r.applicableAgreement('SE', '2026-06-30')).toMatchObject({ applies: true });
    expect(r.applicableAgreement('SE', '2026-07-01')).toMatchObject({ applies: false, reason: expect.stringMatching(/until 2026-06-30/) });
  });

  it('keeps each value with status and source; Swiss silence is not acceptance', () => {
    const ch = rulebook.agreement('CH-AZ');
    expect(ch.thirdCountNationalsFrom).toMatchObject({ value: '2020-04-01', status: 'verified' });
    expect(ch.rules.tacitAcceptance.value).toBe(false);
    expect(ch.rules.transferExtension.value).toBe('while-obstacles-last');
    expect(rulebook.agreement('EU-AZ').rules.tacitAcceptance.value).toBe(true);
    expect(rulebook.agreement('EU-AZ').timeLimits.replyNormal).toMatchObject({ value: 15, unit: 'calendar-days', status: 'assumed' });
  });

  it('adds a partner state by configuration alone', () => {
    const data = shipped();
    data.version = 'test-new-partner';
    data.agreements.push({ ...data.agreements[1], code: 'GE-AZ', title: 'A new agreement' });
    data.partners.push({ code: 'GE', name: 'Georgia', agreement: 'GE-AZ' });
    expect(Rulebook.from(data).applicableAgreement('GE', '2026-11-24')).toMatchObject({ applies: true, agreement: { code: 'GE-AZ' } });
  });

  it('refuses an invalid version whole, naming every problem by path', () => {
    const data = shipped();
    data.version = 'bad version!';
    data.agreements[0].timeLimits.replyNormal.value = 0;
    data.agreements[0].timeLimits.replyNormal.unit = 'fortnights';
    data.agreements[2].rules.tacitAcceptance.status = 'hoped';
    data.agreements[1].evidence.national.proof.value.push('horoscope');
    data.partners.push({ code: 'DE', name: 'Germany again', agreement: 'XX-AZ' });
    let error: RulebookInvalidError | undefined;
    try {
      Rulebook.from(data);
    } catch (e) {
      error = e as RulebookInvalidError;
    }
    expect(error).toBeInstanceOf(RulebookInvalidError);
    expect(error!.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\$\.version/),
        expect.stringMatching(/^\$\.agreements\[0\]\.timeLimits\.replyNormal\.value/),
        expect.stringMatching(/^\$\.agreements\[0\]\.timeLimits\.replyNormal\.unit/),
        expect.stringMatching(/^\$\.agreements\[2\]\.rules\.tacitAcceptance\.status/),
        expect.stringMatching(/^\$\.agreements\[1\]\.evidence\.national\.proof\.value/),
        expect.stringMatching(/^\$\.partners\[28\]\.code: DE is listed twice/),
        expect.stringMatching(/^\$\.partners\[28\]\.agreement/),
      ]),
    );
  });

  it('refuses fields it does not know, as the internal events that carry the rules do', () => {
    const data = shipped();
    data.agreements[0].notes = 'a remark';
    data.agreements[0].timeLimits.replyEventually = { ...data.agreements[0].timeLimits.replyNormal };
    data.agreements[0].rules.tacitAcceptance.confirmedBy = 'someone';
    expect(problems(data)).toEqual([
      '$.agreements[0].notes: not a known field',
      '$.agreements[0].timeLimits.replyEventually: not a known time limit',
      '$.agreements[0].rules.tacitAcceptance.confirmedBy: not a known field',
    ]);
  });

  it('refuses a source that names a document outside the repository', () => {
    const data = shipped();
    data.agreements[0].timeLimits.replyNormal.source = 'working-rules.md (Time limits)';
    data.agreements[1].rules.tacitAcceptance.source = 'see ../shared/notes.pdf';
    data.agreements[2].inForceFrom.source = ' ';
    expect(problems(data)).toEqual([
      expect.stringMatching(/^\$\.agreements\[0\]\.timeLimits\.replyNormal\.source: an article .* not a file outside the repository$/),
      expect.stringMatching(/^\$\.agreements\[1\]\.rules\.tacitAcceptance\.source: an article/),
      '$.agreements[2].inForceFrom.source: a non-empty string',
    ]);
  });
});

/** docs/rules.md, the page every `source` of a shipped rulebook points at (with an article where one was read). */
describe('docs/rules.md and the shipped rulebooks', () => {
  const page = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'rules.md'), 'utf8');
  // GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
  const anchors = new Set(
    [...page.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
      m[1]
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    ),
  );
  const ARTICLE = /^(EU|NO|CH|ME)-AZ Art\. \d+(\(\d+\))?/;

  // Every shipped version, the older ones too: a partner reading a decision under 2026.1 must be able to open its source.
  for (const rulebook of SHIPPED_RULEBOOKS) {
    const values = rulebook.agreements.flatMap((a) =>
      ruleValues(a).map(([path, v]) => ({ at: `${rulebook.version} ${a.code} ${path}`, agreement: a.code, path, v })),
    );

    it(`${rulebook.version}: every source names an article or a section of docs/rules.md that exists`, () => {
      const wrong = values.filter(({ v }) => {
        const pages = [...v.source.matchAll(/(\S+)\.md(#[\w-]*)?/g)];
        const pagesExist = pages.every((m) => m[1] === 'docs/rules' && !!m[2] && anchors.has(m[2].slice(1)));
        return !(ARTICLE.test(v.source) || v.source.startsWith('docs/rules.md#')) || !pagesExist || /\[S\d+\]/.test(v.source);
      });
      expect(wrong.map(({ at, v }) => `${at}: ${v.source}`)).toEqual([]);
      expect(rulebook.description).not.toMatch(/working-rules|shared\/domain/);
    });

    // The page's table describes the newest version; its section on rulebook versions says how older ones differ.
    if (rulebook !== SHIPPED_RULEBOOKS[0]) continue;
    it(`${rulebook.version}: "The rules at a glance" states every value and status as the rulebook does`, () => {
      const table = glanceTable(page);
      const expected = values.map(({ agreement, path, v }) => `${path} ${agreement}: ${inWords(path, v)} (${v.status})`);
      const stated = values.map(({ agreement, path }) => `${path} ${agreement}: ${table.get(path)?.get(agreement)}`);
      expect(stated).toEqual(expected);
      expect([...table.keys()].sort()).toEqual([...new Set(values.map((x) => x.path))].sort());
    });
  }
});

/** Every value of an agreement with its path (`timeLimits.replyNormal`), in the order of the rulebook. */
function ruleValues(rules: AgreementRules): [string, RuleValue][] {
  const out: [string, RuleValue][] = [];
  const walk = (node: unknown, path: string[]) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    if ('status' in node && 'source' in node) return void out.push([path.join('.'), node as RuleValue]);
    for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
  };
  walk(rules, []);
  return out;
}

/** A value as the page writes it: "15 calendar days from receipt", "yes", "6 types", "while obstacles last". */
function inWords(path: string, v: RuleValue): string {
  const value = v.value;
  if (Array.isArray(value))
    return `${value.length} ${path.endsWith('applicationContent') ? 'items' : path === 'notParty' ? 'states' : 'types'}`;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (path.endsWith('GraceMonths')) return `${value} months`;
  if (typeof value === 'number') {
    const unit = v.unit === 'requesting-state-working-days' ? 'working days of the requesting state' : (v.unit ?? '').replace(/-/g, ' ');
    return `${value} ${unit} from ${(v.from ?? '').replace(/-/g, ' ')}`;
  }
  return String(value).replace(/-/g, path.endsWith('From') ? '-' : ' ');
}

/** The table under "## The rules at a glance": value path → agreement code → cell text. */
function glanceTable(page: string): Map<string, Map<string, string>> {
  const section = page.split(/^## The rules at a glance$/m)[1].split(/^## /m)[0];
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  const [header, , ...body] = rows;
  const codes = header.slice(2);
  return new Map(body.map((cells) => [cells[0].replace(/`/g, ''), new Map(codes.map((code, i) => [code, cells[i + 2]]))]));
}

/** The problems Rulebook.from finds in `data`, none when it accepts it. */
function problems(data: unknown): string[] {
  try {
    Rulebook.from(data);
    return [];
  } catch (e) {
    return (e as RulebookInvalidError).errors;
  }
}
