import { AgreementRules, Rulebook, RulebookData, SHIPPED_RULEBOOKS } from '@readmission/agreements';
import { EvidenceType, EvidenceV1 } from '@readmission/contracts';
import { EvidenceStrength, classifyEvidence, describe as describeEvidence, proofDocumentsToCheck } from './index';

const shipped = Rulebook.from(SHIPPED_RULEBOOKS[0]);
const AGREEMENTS = ['EU-AZ', 'NO-AZ', 'CH-AZ', 'ME-AZ'] as const;
const RECEIPT = '2026-11-24';

const ANNEX_1: EvidenceType[] = [
  'passport',
  'identity-card',
  'military-service-book',
  'seamans-book',
  'citizenship-certificate',
  'official-document-stating-citizenship',
];
const ANNEX_2: EvidenceType[] = [
  'driving-licence',
  'birth-certificate',
  'company-identity-card',
  'witness-statement',
  'own-statement',
  'language',
  'other',
];
const ANNEX_3: EvidenceType[] = ['visa', 'residence-permit', 'entry-exit-stamp'];
const ANNEX_4: EvidenceType[] = [
  'travel-ticket',
  'passenger-list',
  'hotel-bill',
  'appointment-card',
  'rental-contract',
  'payment-receipt',
  'official-report-of-interception',
  'international-organisation-report',
  'witness-statement',
  'own-statement',
];

const ev = (type: EvidenceType, extra: Partial<EvidenceV1> = {}): EvidenceV1 => ({ type, form: 'original', ...extra });
const one = (category: 'national' | 'third-country-national' | 'stateless', e: EvidenceV1, rules: AgreementRules, receipt = RECEIPT) =>
  classifyEvidence({ category, evidence: [e] }, rules, receipt).items[0];

interface Row {
  name: string;
  evidence: EvidenceV1;
  receipt?: string;
  strength: EvidenceStrength;
  reason?: RegExp;
}

const NATIONAL_ROWS: Row[] = [
  {
    name: 'valid original AZ passport',
    evidence: ev('passport', { issuingCountry: 'AZ', expiresOn: '2030-01-01' }),
    strength: 'proof',
    reason: /valid on the date of receipt 2026-11-24/,
  },
  {
    name: 'passport expiring on the day of receipt',
    evidence: ev('passport', { issuingCountry: 'AZ', expiresOn: RECEIPT }),
    strength: 'proof',
  },
  {
    name: 'expired exactly six months before receipt (2026-05-24)',
    evidence: ev('passport', { issuingCountry: 'AZ', expiresOn: '2026-05-24' }),
    strength: 'proof',
    reason: /expired on 2026-05-24, within 6 months of receipt on 2026-11-24: proof of nationality/,
  },
  {
    name: 'expired six months and one day before receipt (2026-05-23)',
    evidence: ev('passport', { issuingCountry: 'AZ', expiresOn: '2026-05-23' }),
    strength: 'prima-facie',
    reason: /more than 6 months before receipt.*not proof, because it expired more than 6 months before receipt/,
  },
  {
    name: 'month end: expired 2026-08-31, received 2027-02-28 is exactly six months',
    evidence: ev('passport', { issuingCountry: 'AZ', expiresOn: '2026-08-31' }),
    receipt: '2027-02-28',
    strength: 'proof',
  },
  {
    name: 'month end: expired 2026-08-31, received 2027-03-01 is one day more',
    evidence: ev('passport', { issuingCountry: 'AZ', expiresOn: '2026-08-31' }),
    receipt: '2027-03-01',
    strength: 'prima-facie',
  },
  {
    name: 'month end: expired 2026-02-28, received 2026-08-28 is exactly six months',
    evidence: ev('identity-card', { issuingCountry: 'AZ', expiresOn: '2026-02-28' }),
    receipt: '2026-08-28',
    strength: 'proof',
  },
  {
    name: 'month end: expired 2026-02-28, received 2026-08-29 is one day more',
    evidence: ev('identity-card', { issuingCountry: 'AZ', expiresOn: '2026-02-28' }),
    receipt: '2026-08-29',
    strength: 'prima-facie',
  },
  {
    name: 'original AZ document with no expiry date',
    evidence: ev('citizenship-certificate', { issuingCountry: 'AZ' }),
    strength: 'proof',
    reason: /no expiry date stated/,
  },
  {
    name: 'copy of a valid AZ passport',
    evidence: ev('passport', { form: 'copy', issuingCountry: 'AZ', expiresOn: '2030-01-01' }),
    strength: 'prima-facie',
    reason: /^copy of a passport issued by AZ.*not proof, because it is a copy/,
  },
  {
    name: 'copy of an AZ identity card expired for years',
    evidence: ev('identity-card', { form: 'copy', issuingCountry: 'AZ', expiresOn: '2019-01-01' }),
    strength: 'prima-facie',
    reason: /because it is a copy and it expired more than 6 months before receipt/,
  },
  {
    name: 'passport issued by another state',
    evidence: ev('passport', { issuingCountry: 'DE', expiresOn: '2030-01-01' }),
    strength: 'none',
    reason: /issued by DE: a document of another state says nothing of Azerbaijani nationality/,
  },
  {
    name: 'copy of an identity card issued by another state',
    evidence: ev('identity-card', { form: 'copy', issuingCountry: 'TR' }),
    strength: 'none',
  },
  {
    name: 'Annex 1 original with no issuing country (optional in the interface: taken as Azerbaijani)',
    evidence: ev('passport', { expiresOn: '2030-01-01' }),
    strength: 'proof',
    reason: /issuing country not stated \(taken as Azerbaijan\).*proof of nationality/,
  },
  {
    name: 'Annex 1 copy with no issuing country',
    evidence: ev('passport', { form: 'copy', expiresOn: '2030-01-01' }),
    strength: 'prima-facie',
    reason: /not proof, because it is a copy/,
  },
  {
    name: 'document issued after the date of receipt',
    evidence: ev('passport', { issuingCountry: 'AZ', issuedOn: '2026-11-25', expiresOn: '2036-11-24' }),
    strength: 'none',
    reason: /on 2026-11-25, after receipt on 2026-11-24: not valid on the date of receipt/,
  },
  {
    name: 'document issued on the day of receipt',
    evidence: ev('passport', { issuingCountry: 'AZ', issuedOn: RECEIPT, expiresOn: '2036-11-24' }),
    strength: 'proof',
  },
  { name: 'Annex 2 document issued after receipt', evidence: ev('birth-certificate', { issuedOn: '2027-01-01' }), strength: 'none' },
  {
    name: 'expired Annex 2 document',
    evidence: ev('driving-licence', { issuingCountry: 'AZ', expiresOn: '2015-01-01' }),
    strength: 'prima-facie',
    reason: /count even when expired/,
  },
  {
    name: 'Annex 2 document issued by another state',
    evidence: ev('driving-licence', { issuingCountry: 'DE' }),
    strength: 'prima-facie',
    reason: /issued by DE/,
  },
  {
    name: 'visa, for a national',
    evidence: ev('visa', { issuingCountry: 'AZ' }),
    strength: 'none',
    reason: /not a means of evidence of nationality under Annexes 1-2/,
  },
  { name: 'hotel bill, for a national', evidence: ev('hotel-bill'), strength: 'none' },
  { name: 'entry-exit stamp, for a national', evidence: ev('entry-exit-stamp', { issuingCountry: 'AZ' }), strength: 'none' },
  {
    name: 'unreadable expiry date',
    evidence: ev('passport', { issuingCountry: 'AZ', expiresOn: '2026-02-30' }),
    strength: 'none',
    reason: /not a calendar date/,
  },
  ...ANNEX_1.map((type) => ({
    name: `Annex 1 ${type}, original, AZ, valid`,
    evidence: ev(type, { issuingCountry: 'AZ', expiresOn: '2030-01-01' }),
    strength: 'proof' as const,
  })),
  ...ANNEX_1.map((type) => ({
    name: `Annex 1 ${type}, copy`,
    evidence: ev(type, { form: 'copy', issuingCountry: 'AZ' }),
    strength: 'prima-facie' as const,
  })),
  ...ANNEX_2.map((type) => ({ name: `Annex 2 ${type}, original`, evidence: ev(type), strength: 'prima-facie' as const })),
  ...ANNEX_2.map((type) => ({ name: `Annex 2 ${type}, copy`, evidence: ev(type, { form: 'copy' }), strength: 'prima-facie' as const })),
];

const TCN_ROWS: Row[] = [
  ...ANNEX_3.map((type) => ({
    name: `Annex 3 ${type}, original, AZ`,
    evidence: ev(type, { issuingCountry: 'AZ' }),
    strength: 'proof' as const,
    reason: /proof of entry or stay via Azerbaijan \(Annex 3/,
  })),
  ...ANNEX_3.map((type) => ({
    name: `Annex 3 ${type}, copy, AZ`,
    evidence: ev(type, { form: 'copy', issuingCountry: 'AZ' }),
    strength: 'prima-facie' as const,
    reason: /because it is a copy/,
  })),
  ...ANNEX_3.map((type) => ({
    name: `Annex 3 ${type} of another state`,
    evidence: ev(type, { issuingCountry: 'TR' }),
    strength: 'none' as const,
    reason: /issued by TR: a document of another state/,
  })),
  { name: 'Annex 3 visa with no issuing country', evidence: ev('visa'), strength: 'prima-facie', reason: /issuing country not stated/ },
  {
    name: 'expired AZ visa still proves it was held',
    evidence: ev('visa', { issuingCountry: 'AZ', expiresOn: '2020-01-01' }),
    strength: 'proof',
    reason: /expired on 2020-01-01/,
  },
  { name: 'AZ visa issued after receipt', evidence: ev('visa', { issuingCountry: 'AZ', issuedOn: '2026-12-01' }), strength: 'none' },
  ...ANNEX_4.map((type) => ({ name: `Annex 4 ${type}`, evidence: ev(type), strength: 'prima-facie' as const, reason: /\(Annex 4 of/ })),
  ...ANNEX_4.map((type) => ({ name: `Annex 4 ${type}, copy`, evidence: ev(type, { form: 'copy' }), strength: 'prima-facie' as const })),
  {
    name: 'AZ passport, for a third-country national',
    evidence: ev('passport', { issuingCountry: 'AZ' }),
    strength: 'none',
    reason: /under Annexes 3-4/,
  },
  { name: 'driving licence, for a third-country national', evidence: ev('driving-licence'), strength: 'none' },
  { name: 'language, for a third-country national', evidence: ev('language'), strength: 'none' },
];

describe.each(AGREEMENTS)('evidence of nationals under %s (shipped rulebook)', (code) => {
  const rules = shipped.agreement(code);
  it.each(NATIONAL_ROWS)('$name → $strength', (row) => {
    const item = one('national', row.evidence, rules, row.receipt);
    expect(item.strength).toBe(row.strength);
    expect(item.establishes).toBe(row.strength === 'none' ? 'nothing' : 'nationality');
    expect(item.type).toBe(row.evidence.type);
    expect(item.form).toBe(row.evidence.form);
    if (row.reason) expect(item.reason).toMatch(row.reason);
    expect(item.reason).not.toMatch(/undefined/);
  });
});

describe.each(AGREEMENTS)('evidence of third-country nationals and stateless persons under %s (shipped rulebook)', (code) => {
  const rules = shipped.agreement(code);
  it.each(TCN_ROWS)('$name → $strength', (row) => {
    for (const category of ['third-country-national', 'stateless'] as const) {
      const item = one(category, row.evidence, rules, row.receipt);
      expect(item.strength).toBe(row.strength);
      expect(item.establishes).toBe(row.strength === 'none' ? 'nothing' : 'entry-or-stay-via-azerbaijan');
      if (row.reason) expect(item.reason).toMatch(row.reason);
      expect(item.reason).not.toMatch(/undefined/);
    }
  });
});

describe('reasons name the rule with its status', () => {
  it('reads as a sentence for the officer and the partner (CH-AZ, verified)', () => {
    const item = one('national', ev('passport', { issuingCountry: 'AZ', expiresOn: '2026-05-24' }), shipped.agreement('CH-AZ'));
    expect(item.reason).toBe(
      'original passport issued by AZ, expired on 2026-05-24, within 6 months of receipt on 2026-11-24: ' +
        'proof of nationality (Annex 1 of CH-AZ, verified; 6-month grace period, verified)',
    );
  });

  it('shows an unconfirmed rule as such (EU-AZ, comparable)', () => {
    const item = one('national', ev('passport', { form: 'copy', issuingCountry: 'AZ' }), shipped.agreement('EU-AZ'));
    expect(item.reason).toBe(
      'copy of a passport issued by AZ, no expiry date stated: prima facie evidence of nationality, not proof, because it is a copy ' +
        '(Annex 1 document counted under Annex 2 of EU-AZ, comparable)',
    );
  });

  it('does not mention the grace period for a valid document', () => {
    const item = one('national', ev('passport', { issuingCountry: 'AZ', expiresOn: '2030-01-01' }), shipped.agreement('CH-AZ'));
    expect(item.reason).not.toMatch(/grace/);
  });

  it('describes forms and types readably', () => {
    expect(describeEvidence({ type: 'identity-card', form: 'copy' })).toBe('copy of an identity card');
    expect(describeEvidence({ type: 'seamans-book', form: 'original' })).toBe("original seaman's book");
    expect(describeEvidence({ type: 'other', form: 'copy' })).toBe('copy of a document of another kind');
  });
});

describe('the assessment', () => {
  const ch = shipped.agreement('CH-AZ');

  it('an empty evidence list is none, and a national needs a consular interview', () => {
    const a = classifyEvidence({ category: 'national', evidence: [] }, ch, RECEIPT);
    expect(a.items).toEqual([]);
    expect(a.strongest).toBe('none');
    expect(a.establishedBy).toEqual([]);
    expect(a.obligationExcluded).toBeUndefined();
    expect(a.summary).toMatch(/no evidence presented: a consular interview is needed/);
  });

  it('an empty evidence list for a third-country national is none, without proposing a consular interview', () => {
    const a = classifyEvidence({ category: 'third-country-national', evidence: [] }, ch, RECEIPT);
    expect(a.strongest).toBe('none');
    expect(a.summary).toMatch(/no evidence presented/);
    expect(a.summary).not.toMatch(/consular/);
  });

  it('proof beats prima facie; establishedBy lists the proof items in order', () => {
    const evidence = [
      ev('passport', { form: 'copy', issuingCountry: 'AZ' }),
      ev('passport', { issuingCountry: 'AZ', expiresOn: '2026-05-24', number: 'C1234567' }),
      ev('birth-certificate'),
      ev('identity-card', { issuingCountry: 'AZ', number: 'AZE0001' }),
      ev('visa', { issuingCountry: 'AZ' }),
    ];
    const a = classifyEvidence({ category: 'national', evidence }, ch, RECEIPT);
    expect(a.items.map((i) => [i.index, i.strength])).toEqual([
      [0, 'prima-facie'],
      [1, 'proof'],
      [2, 'prima-facie'],
      [3, 'proof'],
      [4, 'none'],
    ]);
    expect(a.strongest).toBe('proof');
    expect(a.establishedBy).toEqual([1, 3]);
    expect(a.summary).toBe('proof of nationality: items 1 (original passport), 3 (original identity card) (Annex 1 of CH-AZ, verified)');
  });

  it('prima facie when there is no proof; establishedBy lists every prima facie item', () => {
    const evidence = [ev('hotel-bill'), ev('driving-licence'), ev('passport', { issuingCountry: 'DE' }), ev('own-statement')];
    const a = classifyEvidence({ category: 'national', evidence }, ch, RECEIPT);
    expect(a.strongest).toBe('prima-facie');
    expect(a.establishedBy).toEqual([1, 3]);
    expect(a.summary).toMatch(
      /^prima facie evidence of nationality: items 1 \(original driving licence\), 3 \(original own statement\) \(Annex 2 of CH-AZ, verified\)$/,
    );
  });

  it('none when no item counts; a national then needs a consular interview', () => {
    const a = classifyEvidence(
      { category: 'national', evidence: [ev('hotel-bill'), ev('passport', { issuingCountry: 'RU' })] },
      ch,
      RECEIPT,
    );
    expect(a.strongest).toBe('none');
    expect(a.establishedBy).toEqual([]);
    expect(a.summary).toBe(
      'none of the 2 items presented is proof or prima facie evidence of nationality under CH-AZ: a consular interview is needed',
    );
  });

  it('third-country national: proof beats prima facie', () => {
    const evidence = [
      ev('hotel-bill'),
      ev('entry-exit-stamp', { issuingCountry: 'AZ' }),
      ev('visa', { issuingCountry: 'TR' }),
      ev('visa', { issuingCountry: 'AZ' }),
    ];
    const a = classifyEvidence({ category: 'stateless', evidence }, ch, RECEIPT);
    expect(a.strongest).toBe('proof');
    expect(a.establishedBy).toEqual([1, 3]);
    expect(a.summary).toMatch(
      /^proof of entry or stay via Azerbaijan: items 1 \(original entry or exit stamp\), 3 \(original visa\) \(Annex 3 of CH-AZ, comparable\)$/,
    );
  });

  it('records the rules applied, with status and source', () => {
    const a = classifyEvidence({ category: 'national', evidence: [] }, ch, RECEIPT);
    expect(a.rulesApplied).toEqual({
      agreement: 'CH-AZ',
      category: 'national',
      graceMonths: 6,
      graceMonthsRule: { status: 'verified', source: ch.evidence.national.expiredProofGraceMonths.source },
      proof: { annex: 'Annex 1', types: ANNEX_1, status: 'verified', source: ch.evidence.national.proof.source },
      primaFacie: { annex: 'Annex 2', types: ANNEX_2, status: 'verified', source: ch.evidence.national.primaFacie.source },
    });
    const t = classifyEvidence({ category: 'third-country-national', evidence: [] }, ch, RECEIPT);
    expect(t.rulesApplied.proof).toEqual({
      annex: 'Annex 3',
      types: ANNEX_3,
      status: 'comparable',
      source: ch.evidence.thirdCountNational.proof.source,
    });
    expect(t.rulesApplied.primaFacie.annex).toBe('Annex 4');
    expect(t.rulesApplied.airsideTransitExcluded).toEqual(ch.evidence.thirdCountNational.airsideTransitExcluded);
  });

  it('rejects a receipt date that is not a calendar date', () => {
    expect(() => classifyEvidence({ category: 'national', evidence: [] }, ch, '2026-11-31')).toThrow(/not a calendar date/);
  });
});

describe.each(AGREEMENTS)('airside transit under %s', (code) => {
  const rules = shipped.agreement(code);

  it('excludes the obligation for a third-country national, whatever the evidence', () => {
    const evidence = [ev('visa', { issuingCountry: 'AZ' }), ev('entry-exit-stamp', { issuingCountry: 'AZ' })];
    const a = classifyEvidence({ category: 'third-country-national', evidence }, rules, RECEIPT, { airsideTransitOnly: true });
    expect(a.obligationExcluded?.reason).toMatch(new RegExp(`only in airside transit.*does not apply.*\\(${code}, comparable\\)`));
    expect(a.summary).toMatch(/^the obligation does not apply/);
    // The items are still classified for the record.
    expect(a.strongest).toBe('proof');
  });

  it('excludes it for a stateless person with no evidence', () => {
    const a = classifyEvidence({ category: 'stateless', evidence: [] }, rules, RECEIPT, { airsideTransitOnly: true });
    expect(a.obligationExcluded).toBeDefined();
  });

  it('does not apply to nationals', () => {
    const a = classifyEvidence({ category: 'national', evidence: [] }, rules, RECEIPT, { airsideTransitOnly: true });
    expect(a.obligationExcluded).toBeUndefined();
  });

  it('is not assumed without the finding', () => {
    expect(classifyEvidence({ category: 'stateless', evidence: [] }, rules, RECEIPT).obligationExcluded).toBeUndefined();
    expect(
      classifyEvidence({ category: 'stateless', evidence: [] }, rules, RECEIPT, { airsideTransitOnly: false }).obligationExcluded,
    ).toBeUndefined();
  });
});

describe('the rules come from the rulebook data', () => {
  // A copy of the shipped rulebook in which ME-AZ's annexes differ from the others.
  const data = JSON.parse(JSON.stringify(SHIPPED_RULEBOOKS[0])) as RulebookData;
  const me = data.agreements.find((a) => a.code === 'ME-AZ') as AgreementRules;
  me.evidence.national.proof = {
    value: [...me.evidence.national.proof.value, 'driving-licence'],
    status: 'verified',
    source: 'test: ME-AZ Annex 1 (modified)',
  };
  me.evidence.national.primaFacie = {
    ...me.evidence.national.primaFacie,
    value: me.evidence.national.primaFacie.value.filter((t) => t !== 'driving-licence' && t !== 'language'),
  };
  me.evidence.national.expiredProofGraceMonths = { ...me.evidence.national.expiredProofGraceMonths, value: 3, status: 'assumed' };
  me.evidence.thirdCountNational.primaFacie = {
    ...me.evidence.thirdCountNational.primaFacie,
    value: me.evidence.thirdCountNational.primaFacie.value.filter((t) => t !== 'hotel-bill'),
  };
  me.evidence.thirdCountNational.airsideTransitExcluded = { value: false, status: 'assumed', source: 'test' };
  const modified = Rulebook.from(data);

  it('the modified copy is a valid rulebook, and the other agreements are unchanged', () => {
    expect(modified.agreement('EU-AZ')).toEqual(shipped.agreement('EU-AZ'));
  });

  it.each<[string, 'national' | 'third-country-national', EvidenceStrength, EvidenceStrength, EvidenceV1]>([
    ['original AZ driving licence', 'national', 'proof', 'prima-facie', ev('driving-licence', { issuingCountry: 'AZ' })],
    [
      'copy of an AZ driving licence',
      'national',
      'prima-facie',
      'prima-facie',
      ev('driving-licence', { form: 'copy', issuingCountry: 'AZ' }),
    ],
    ['foreign driving licence', 'national', 'none', 'prima-facie', ev('driving-licence', { issuingCountry: 'DE' })],
    ['language', 'national', 'none', 'prima-facie', ev('language')],
    [
      'passport expired exactly 6 months before receipt',
      'national',
      'prima-facie',
      'proof',
      ev('passport', { issuingCountry: 'AZ', expiresOn: '2026-05-24' }),
    ],
    [
      'passport expired exactly 3 months before receipt',
      'national',
      'proof',
      'proof',
      ev('passport', { issuingCountry: 'AZ', expiresOn: '2026-08-24' }),
    ],
    [
      'passport expired 3 months and a day before receipt',
      'national',
      'prima-facie',
      'proof',
      ev('passport', { issuingCountry: 'AZ', expiresOn: '2026-08-23' }),
    ],
    ['hotel bill', 'third-country-national', 'none', 'prima-facie', ev('hotel-bill')],
  ])('%s (%s): ME-AZ → %s, EU-AZ → %s', (_name, category, meStrength, euStrength, e) => {
    expect(one(category, e, modified.agreement('ME-AZ')).strength).toBe(meStrength);
    expect(one(category, e, modified.agreement('EU-AZ')).strength).toBe(euStrength);
  });

  it('cites the modified rule and grace period in the reasons and rules applied', () => {
    const rules = modified.agreement('ME-AZ');
    expect(one('national', ev('driving-licence', { issuingCountry: 'AZ' }), rules).reason).toMatch(
      /proof of nationality \(Annex 1 of ME-AZ, verified\)$/,
    );
    expect(one('national', ev('passport', { issuingCountry: 'AZ', expiresOn: '2026-08-24' }), rules).reason).toMatch(
      /within 3 months of receipt.*3-month grace period, assumed/,
    );
    const a = classifyEvidence({ category: 'national', evidence: [] }, rules, RECEIPT);
    expect(a.rulesApplied.graceMonths).toBe(3);
    expect(a.rulesApplied.proof.source).toBe('test: ME-AZ Annex 1 (modified)');
  });

  it('airside transit does not exclude the obligation where the agreement says so', () => {
    const a = classifyEvidence(
      { category: 'third-country-national', evidence: [ev('visa', { issuingCountry: 'AZ' })] },
      modified.agreement('ME-AZ'),
      RECEIPT,
      {
        airsideTransitOnly: true,
      },
    );
    expect(a.obligationExcluded).toBeUndefined();
    expect(a.strongest).toBe('proof');
    expect(a.summary).toMatch(/airside transit alone does not exclude the obligation under ME-AZ \(assumed\)/);
  });

  it('a grace period of zero months: any expired Annex 1 document is prima facie', () => {
    const zero = JSON.parse(JSON.stringify(shipped.agreement('CH-AZ'))) as AgreementRules;
    zero.evidence.national.expiredProofGraceMonths.value = 0;
    expect(one('national', ev('passport', { issuingCountry: 'AZ', expiresOn: RECEIPT }), zero).strength).toBe('proof');
    const item = one('national', ev('passport', { issuingCountry: 'AZ', expiresOn: '2026-11-23' }), zero);
    expect(item.strength).toBe('prima-facie');
    expect(item.reason).toMatch(/allows no grace period/);
  });
});

describe('proofDocumentsToCheck', () => {
  const ch = shipped.agreement('CH-AZ');

  it('returns the numbered proof-of-nationality documents, in order', () => {
    const evidence = [
      ev('passport', { issuingCountry: 'AZ', number: 'C0000001' }),
      ev('identity-card', { issuingCountry: 'AZ' }),
      ev('passport', { form: 'copy', issuingCountry: 'AZ', number: 'C0000002' }),
      ev('passport', { issuingCountry: 'DE', number: 'DE1' }),
      ev('citizenship-certificate', { issuingCountry: 'AZ', number: 'CC-9' }),
    ];
    const a = classifyEvidence({ category: 'national', evidence }, ch, RECEIPT);
    expect(proofDocumentsToCheck(a, evidence)).toEqual([
      { index: 0, type: 'passport', number: 'C0000001', issuingCountry: 'AZ' },
      { index: 4, type: 'citizenship-certificate', number: 'CC-9', issuingCountry: 'AZ' },
    ]);
  });

  it('leaves out third-country-national evidence and assessments without proof', () => {
    const visa = [ev('visa', { issuingCountry: 'AZ', number: 'V1' })];
    expect(proofDocumentsToCheck(classifyEvidence({ category: 'third-country-national', evidence: visa }, ch, RECEIPT), visa)).toEqual([]);
    const none = [ev('birth-certificate', { number: 'B1' })];
    expect(proofDocumentsToCheck(classifyEvidence({ category: 'national', evidence: none }, ch, RECEIPT), none)).toEqual([]);
  });
});
