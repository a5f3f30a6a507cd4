import { AgreementRules, RuleValue, ValueStatus, addMonths, isCalendarDate } from '@readmission/agreements';
import { Category, EvidenceType, EvidenceV1 } from '@readmission/contracts';

/**
 * Classifies the evidence of an application by the annexes of its agreement (docs/rules.md#evidence).
 * Pure: the lists, the grace period and the airside-transit rule come from the rulebook, never from code.
 *
 * Nationals (Annexes 1 and 2, CH-AZ Art. 6 and the same model for the others):
 * - an Annex 1 type, presented as the original, issued by Azerbaijan (or with no issuing country stated: the
 *   field is optional in the interface, so the document is taken as Azerbaijani and the registry check on its
 *   number contests it if it is someone else's), valid on the date of receipt or expired for at most
 *   `expiredProofGraceMonths` (expiresOn + grace >= receipt, month ends clamped: 31 Aug + 6 months = 28 Feb) is
 *   **proof**; a document with no expiry date (a citizenship certificate) counts as valid;
 * - a copy of an Annex 1 document, or one expired for longer, is **prima facie** evidence;
 * - an Annex 1 document issued by another state is **none**: it says nothing of Azerbaijani nationality;
 * - Annex 2 types are **prima facie**, original or copy, even expired (Art. 6(2)), whoever issued them (the
 *   issuer is named in the reason for the officer);
 * - any other type is **none** for a national.
 *
 * Third-country nationals and stateless persons (Annexes 3 and 4):
 * - an Annex 3 type issued by Azerbaijan, as the original, is **proof**, even expired (the person held it);
 * - as a copy, or with no issuing country stated, **prima facie** (decision, by analogy with Annex 1 copies);
 * - issued by another state, **none**;
 * - Annex 4 types are **prima facie**; others **none**;
 * - when the person was only in airside transit and the agreement excludes that case, the obligation does not
 *   apply whatever the evidence (`obligationExcluded`); the items are still classified for the record.
 *
 * For every category, a document issued after the date of receipt was not valid on that date and counts as
 * **none**; so does an item whose dates are not calendar dates (it cannot be assessed).
 */

/** The requested state: Annex 1 and Annex 3 documents must be issued by it. */
export const REQUESTED_STATE = 'AZ';

export type EvidenceStrength = 'proof' | 'prima-facie' | 'none';
export type Establishes = 'nationality' | 'entry-or-stay-via-azerbaijan' | 'nothing';

export interface ItemAssessment {
  /** Position of the item in the evidence list as received. */
  index: number;
  type: EvidenceType;
  form: EvidenceV1['form'];
  strength: EvidenceStrength;
  establishes: Establishes;
  /** A sentence an officer and a partner can read: the facts, the conclusion, the rule and its status. */
  reason: string;
}

export interface RuleRef {
  status: ValueStatus;
  source: string;
}

export interface AnnexApplied extends RuleRef {
  annex: 'Annex 1' | 'Annex 2' | 'Annex 3' | 'Annex 4';
  types: string[];
}

export interface RulesApplied {
  agreement: string;
  category: Category;
  /** Months an Annex 1 document may have expired and still prove nationality (nationals only). */
  graceMonths: number;
  graceMonthsRule: RuleRef;
  /** Annex 1 for nationals, Annex 3 for third-country nationals and stateless persons. */
  proof: AnnexApplied;
  /** Annex 2 for nationals, Annex 4 for third-country nationals and stateless persons. */
  primaFacie: AnnexApplied;
  /** Third-country nationals and stateless persons only. */
  airsideTransitExcluded?: RuleValue<boolean>;
}

export interface EvidenceAssessment {
  items: ItemAssessment[];
  strongest: EvidenceStrength;
  /** Indexes of the items at the strongest level, ascending; empty when the strongest is `none`. */
  establishedBy: number[];
  /** Present when the obligation does not apply whatever the evidence (airside transit). Takes precedence. */
  obligationExcluded?: { reason: string };
  summary: string;
  rulesApplied: RulesApplied;
}

export interface EvidenceInput {
  category: Category;
  evidence: readonly EvidenceV1[];
}

export interface EvidenceFindings {
  /** The person was only in airside transit at an international airport of Azerbaijan. */
  airsideTransitOnly?: boolean;
}

const RANK: Record<EvidenceStrength, number> = { proof: 2, 'prima-facie': 1, none: 0 };

export function classifyEvidence(
  input: EvidenceInput,
  rules: AgreementRules,
  receiptDate: string,
  findings: EvidenceFindings = {},
): EvidenceAssessment {
  if (!isCalendarDate(receiptDate)) throw new Error(`receiptDate "${receiptDate}" is not a calendar date (YYYY-MM-DD)`);
  const national = input.category === 'national';
  const items = input.evidence.map((e, index) =>
    national ? classifyNational(e, index, rules, receiptDate) : classifyThirdCountNational(e, index, rules, receiptDate),
  );

  const strongest = items.reduce<EvidenceStrength>((best, i) => (RANK[i.strength] > RANK[best] ? i.strength : best), 'none');
  const establishedBy = strongest === 'none' ? [] : items.filter((i) => i.strength === strongest).map((i) => i.index);

  const airside = rules.evidence.thirdCountNational.airsideTransitExcluded;
  const obligationExcluded =
    !national && findings.airsideTransitOnly === true && airside.value
      ? {
          reason:
            'The person was only in airside transit at an international airport of Azerbaijan: the obligation to readmit ' +
            `third-country nationals and stateless persons does not apply to airside transit (${rules.code}, ${airside.status}).`,
        }
      : undefined;

  let summary = evidenceSummary(input.category, items, strongest, establishedBy, rules);
  if (obligationExcluded)
    summary = `the obligation does not apply: the person was only in airside transit, whatever the evidence; ${summary}`;
  else if (!national && findings.airsideTransitOnly === true) {
    summary += `; airside transit alone does not exclude the obligation under ${rules.code} (${airside.status})`;
  }

  return {
    items,
    strongest,
    establishedBy,
    ...(obligationExcluded ? { obligationExcluded } : {}),
    summary,
    rulesApplied: rulesApplied(input.category, rules),
  };
}

/**
 * The proof-of-nationality documents that have a number, to check against the citizen registry (a number the
 * registry holds for another person makes the proof contested). Third-country-national evidence is left out:
 * the citizen registry does not hold visas or stamps.
 */
export function proofDocumentsToCheck(
  assessment: EvidenceAssessment,
  evidence: readonly EvidenceV1[],
): { index: number; type: EvidenceType; number: string; issuingCountry?: string }[] {
  return assessment.items
    .filter((i) => i.strength === 'proof' && i.establishes === 'nationality')
    .flatMap((i) => {
      const e = evidence[i.index];
      if (!e?.number) return [];
      return [{ index: i.index, type: e.type, number: e.number, ...(e.issuingCountry ? { issuingCountry: e.issuingCountry } : {}) }];
    });
}

// ---------------------------------------------------------------------------------------------------------------

/** Builds one item's assessment: what it establishes when it counts at all. */
function itemOf(e: EvidenceV1, index: number, establishes: ItemAssessment['establishes']) {
  return (strength: EvidenceStrength, reason: string): ItemAssessment => ({
    index,
    type: e.type,
    form: e.form,
    strength,
    establishes: strength === 'none' ? 'nothing' : establishes,
    reason,
  });
}

function classifyNational(e: EvidenceV1, index: number, rules: AgreementRules, receipt: string): ItemAssessment {
  const { proof, primaFacie, expiredProofGraceMonths } = rules.evidence.national;
  const item = itemOf(e, index, 'nationality');
  const desc = describe(e);

  const unusable = unusableDates(e, desc, receipt);
  if (unusable) return item('none', unusable);

  if (proof.value.includes(e.type)) {
    const issuer = e.issuingCountry?.toUpperCase();
    if (issuer && issuer !== REQUESTED_STATE) {
      return item(
        'none',
        `${desc} issued by ${issuer}: a document of another state says nothing of Azerbaijani nationality ` +
          `(Annex 1 of ${rules.code} covers documents issued by Azerbaijan, ${proof.status})`,
      );
    }
    const grace = expiredProofGraceMonths.value;
    // issuingCountry is optional in the interface: an Annex 1 document presented for a national without it is taken
    // as Azerbaijani (the registry check on its number then contests it if it belongs to someone else).
    const facts = [issuer ? `${desc} issued by ${issuer}` : `${desc}, issuing country not stated (taken as Azerbaijan)`];
    const because: string[] = [];
    if (e.form !== 'original') because.push('it is a copy');

    let graceUsed = false;
    if (e.expiresOn === undefined) facts.push('no expiry date stated');
    else if (e.expiresOn >= receipt) facts.push(`valid on the date of receipt ${receipt} (expires on ${e.expiresOn})`);
    // Not a time limit (no deadline to record): the document's validity grace, a date compared with the receipt.
    else if (addMonths(e.expiresOn, grace) >= receipt) {
      graceUsed = true;
      facts.push(`expired on ${e.expiresOn}, within ${months(grace)} of receipt on ${receipt}`);
    } else {
      graceUsed = true;
      facts.push(
        grace === 0
          ? `expired on ${e.expiresOn}, before receipt on ${receipt}, and the agreement allows no grace period`
          : `expired on ${e.expiresOn}, more than ${months(grace)} before receipt on ${receipt}`,
      );
      because.push(grace === 0 ? 'it had expired on the date of receipt' : `it expired more than ${months(grace)} before receipt`);
    }
    const graceNote = graceUsed ? `; ${grace}-month grace period, ${expiredProofGraceMonths.status}` : '';

    if (because.length === 0) {
      return item('proof', `${facts.join(', ')}: proof of nationality (Annex 1 of ${rules.code}, ${proof.status}${graceNote})`);
    }
    return item(
      'prima-facie',
      `${facts.join(', ')}: prima facie evidence of nationality, not proof, because ${joinAnd(because)} ` +
        `(Annex 1 document counted under Annex 2 of ${rules.code}, ${primaFacie.status}${graceNote})`,
    );
  }

  if (primaFacie.value.includes(e.type)) {
    const facts = [e.issuingCountry ? `${desc} issued by ${e.issuingCountry.toUpperCase()}` : desc];
    if (e.expiresOn !== undefined && e.expiresOn < receipt)
      facts.push(`expired on ${e.expiresOn} (Annex 2 documents count even when expired)`);
    return item('prima-facie', `${facts.join(', ')}: prima facie evidence of nationality (Annex 2 of ${rules.code}, ${primaFacie.status})`);
  }

  return item(
    'none',
    `${desc}: not a means of evidence of nationality under Annexes 1-2 of ${rules.code} (${listsStatus(proof, primaFacie)})`,
  );
}

function classifyThirdCountNational(e: EvidenceV1, index: number, rules: AgreementRules, receipt: string): ItemAssessment {
  const { proof, primaFacie } = rules.evidence.thirdCountNational;
  const item = itemOf(e, index, 'entry-or-stay-via-azerbaijan');
  const desc = describe(e);

  const unusable = unusableDates(e, desc, receipt);
  if (unusable) return item('none', unusable);

  if (proof.value.includes(e.type)) {
    const issuer = e.issuingCountry?.toUpperCase();
    if (issuer && issuer !== REQUESTED_STATE) {
      return item(
        'none',
        `${desc} issued by ${issuer}: a document of another state says nothing of entry or stay via Azerbaijan ` +
          `(Annex 3 of ${rules.code} covers documents issued by Azerbaijan, ${proof.status})`,
      );
    }
    const facts = [issuer ? `${desc} issued by ${issuer}` : `${desc}, issuing country not stated`];
    if (e.expiresOn !== undefined) {
      facts.push(
        e.expiresOn >= receipt
          ? `valid on the date of receipt ${receipt}`
          : `expired on ${e.expiresOn} (it still shows that the person held it)`,
      );
    }
    const because: string[] = [];
    if (e.form !== 'original') because.push('it is a copy');
    if (!issuer) because.push('the issuing country is not stated');
    if (because.length === 0) {
      return item('proof', `${facts.join(', ')}: proof of entry or stay via Azerbaijan (Annex 3 of ${rules.code}, ${proof.status})`);
    }
    return item(
      'prima-facie',
      `${facts.join(', ')}: prima facie evidence of entry or stay via Azerbaijan, not proof, because ${joinAnd(because)} ` +
        `(Annex 3 of ${rules.code}, ${proof.status}; counted as prima facie evidence by analogy with copies of Annex 1 documents)`,
    );
  }

  if (primaFacie.value.includes(e.type)) {
    const facts = [e.issuingCountry ? `${desc} issued by ${e.issuingCountry.toUpperCase()}` : desc];
    return item(
      'prima-facie',
      `${facts.join(', ')}: prima facie evidence of entry or stay via Azerbaijan (Annex 4 of ${rules.code}, ${primaFacie.status})`,
    );
  }

  return item(
    'none',
    `${desc}: not a means of evidence for a third-country national or stateless person under Annexes 3-4 of ${rules.code} ` +
      `(${listsStatus(proof, primaFacie)})`,
  );
}

/** A reason why the item cannot count at all (unreadable dates, issued after receipt), or undefined. */
function unusableDates(e: EvidenceV1, desc: string, receipt: string): string | undefined {
  for (const [field, value] of [
    ['issue date', e.issuedOn],
    ['expiry date', e.expiresOn],
  ] as const) {
    if (value !== undefined && !isCalendarDate(value))
      return `${desc}: the ${field} "${value}" is not a calendar date, so the item cannot be assessed`;
  }
  if (e.issuedOn !== undefined && e.issuedOn > receipt) {
    return `${desc}${e.issuingCountry ? ` issued by ${e.issuingCountry.toUpperCase()}` : ''} on ${e.issuedOn}, after receipt on ${receipt}: not valid on the date of receipt, so it is not counted`;
  }
  return undefined;
}

function evidenceSummary(
  category: Category,
  items: ItemAssessment[],
  strongest: EvidenceStrength,
  establishedBy: number[],
  rules: AgreementRules,
): string {
  const national = category === 'national';
  const what = national ? 'nationality' : 'entry or stay via Azerbaijan';
  if (items.length === 0) {
    return national
      ? 'no evidence presented: a consular interview is needed to establish nationality'
      : 'no evidence presented: nothing shows that the person entered or stayed via Azerbaijan';
  }
  if (strongest === 'none') {
    const n = items.length === 1 ? 'the item presented is' : `none of the ${items.length} items presented is`;
    return national
      ? `${n} proof or prima facie evidence of nationality under ${rules.code}: a consular interview is needed`
      : `${n} proof or prima facie evidence of entry or stay via Azerbaijan under ${rules.code}`;
  }
  const annexes = national ? ['Annex 1', 'Annex 2'] : ['Annex 3', 'Annex 4'];
  const list = national ? rules.evidence.national : rules.evidence.thirdCountNational;
  const [label, annex, status] =
    strongest === 'proof' ? ['proof', annexes[0], list.proof.status] : ['prima facie evidence', annexes[1], list.primaFacie.status];
  const which = establishedBy.map((i) => `${i} (${describe(items[i])})`).join(', ');
  return `${label} of ${what}: item${establishedBy.length > 1 ? 's' : ''} ${which} (${annex} of ${rules.code}, ${status})`;
}

function rulesApplied(category: Category, rules: AgreementRules): RulesApplied {
  const national = category === 'national';
  const grace = rules.evidence.national.expiredProofGraceMonths;
  const ref = (v: RuleValue<unknown>): RuleRef => ({ status: v.status, source: v.source });
  const annex = (annex: AnnexApplied['annex'], v: RuleValue<string[]>): AnnexApplied => ({ annex, types: [...v.value], ...ref(v) });
  const list = national ? rules.evidence.national : rules.evidence.thirdCountNational;
  const airside = rules.evidence.thirdCountNational.airsideTransitExcluded;
  return {
    agreement: rules.code,
    category,
    graceMonths: grace.value,
    graceMonthsRule: ref(grace),
    proof: annex(national ? 'Annex 1' : 'Annex 3', list.proof),
    primaFacie: annex(national ? 'Annex 2' : 'Annex 4', list.primaFacie),
    ...(national ? {} : { airsideTransitExcluded: { value: airside.value, ...ref(airside) } }),
  };
}

const LABELS: Partial<Record<EvidenceType, string>> = {
  'seamans-book': "seaman's book",
  language: 'language test',
  other: 'document of another kind',
  'entry-exit-stamp': 'entry or exit stamp',
  'international-organisation-report': "international organisation's report",
};

/** "original passport", "copy of an identity card". */
export function describe(e: Pick<EvidenceV1, 'type' | 'form'>): string {
  const label = LABELS[e.type] ?? e.type.replace(/-/g, ' ');
  if (e.form === 'original') return `original ${label}`;
  return `copy of ${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
}

function months(n: number): string {
  return n === 1 ? '1 month' : `${n} months`;
}

function joinAnd(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function listsStatus(a: RuleValue<unknown>, b: RuleValue<unknown>): string {
  return a.status === b.status ? a.status : `${a.status} and ${b.status}`;
}
