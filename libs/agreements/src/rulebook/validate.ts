import { isCalendarDate } from '../calendar/dates';
import { CLOCK_STARTS, LIMIT_UNITS, TIME_LIMIT_NAMES, TRANSFER_EXTENSIONS, VALUE_STATUSES } from './types';

type Json = Record<string, unknown>;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

/**
 * Checks a rulebook before it may take effect. Returns every problem with its JSON path; empty means valid.
 * A rulebook is rejected whole: a half-valid set of legal rules is worse than the previous version.
 */
export function validateRulebook(input: unknown, evidenceTypes: readonly string[]): string[] {
  const errors: string[] = [];
  const err = (path: string, message: string) => errors.push(`${path}: ${message}`);
  const obj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
  const text = (v: unknown, path: string) => {
    if (typeof v !== 'string' || !v.trim()) err(path, 'a non-empty string');
  };
  const ruleValue = (v: unknown, path: string, check: (value: unknown) => string | undefined) => {
    if (!obj(v)) return err(path, 'an object {value, status, source}');
    const problem = check(v.value);
    if (problem) err(`${path}.value`, problem);
    if (!VALUE_STATUSES.includes(v.status as never)) err(`${path}.status`, `one of ${VALUE_STATUSES.join(', ')}`);
    text(v.source, `${path}.source`);
  };
  const date = (v: unknown) => (typeof v === 'string' && isCalendarDate(v) ? undefined : 'a date YYYY-MM-DD');
  const bool = (v: unknown) => (typeof v === 'boolean' ? undefined : 'true or false');
  const codes = (v: unknown) =>
    Array.isArray(v) && v.every((c) => evidenceTypes.includes(c as string)) ? undefined : `a list of evidence types of the partner interface (${evidenceTypes.join(', ')})`;

  if (!obj(input)) return ['$: the rulebook must be a JSON object'];
  if (typeof input.version !== 'string' || !VERSION.test(input.version)) err('$.version', 'letters, digits, ".", "_" or "-", at most 32');
  if (typeof input.effectiveFrom !== 'string' || !INSTANT.test(input.effectiveFrom)) err('$.effectiveFrom', 'an RFC 3339 instant with offset');
  text(input.description, '$.description');

  const agreementCodes = new Set<string>();
  if (!Array.isArray(input.agreements) || input.agreements.length === 0) err('$.agreements', 'a non-empty list');
  else
    input.agreements.forEach((a: unknown, i: number) => {
      const p = `$.agreements[${i}]`;
      if (!obj(a)) return err(p, 'an object');
      if (typeof a.code !== 'string' || !/^[A-Z]{2,3}-[A-Z]{2}$/.test(a.code)) err(`${p}.code`, 'a code like EU-AZ');
      else if (agreementCodes.has(a.code)) err(`${p}.code`, `${a.code} is defined twice`);
      else agreementCodes.add(a.code);
      text(a.title, `${p}.title`);
      ruleValue(a.inForceFrom, `${p}.inForceFrom`, date);
      if (a.inForceUntil !== undefined) ruleValue(a.inForceUntil, `${p}.inForceUntil`, date);
      ruleValue(a.thirdCountNationalsFrom, `${p}.thirdCountNationalsFrom`, date);
      if (!obj(a.timeLimits)) err(`${p}.timeLimits`, 'an object');
      else {
        for (const name of TIME_LIMIT_NAMES) {
          const limit = a.timeLimits[name];
          const lp = `${p}.timeLimits.${name}`;
          ruleValue(limit, lp, (v) => (Number.isInteger(v) && (v as number) > 0 ? undefined : 'a whole number above 0'));
          if (obj(limit)) {
            if (!LIMIT_UNITS.includes(limit.unit as never)) err(`${lp}.unit`, `one of ${LIMIT_UNITS.join(', ')}`);
            if (!CLOCK_STARTS.includes(limit.from as never)) err(`${lp}.from`, `one of ${CLOCK_STARTS.join(', ')}`);
          }
        }
        for (const name of Object.keys(a.timeLimits)) if (!TIME_LIMIT_NAMES.includes(name as never)) err(`${p}.timeLimits.${name}`, 'not a known time limit');
      }
      if (!obj(a.rules)) err(`${p}.rules`, 'an object');
      else {
        ruleValue(a.rules.tacitAcceptance, `${p}.rules.tacitAcceptance`, bool);
        ruleValue(a.rules.acceleratedRequiresNearBorder, `${p}.rules.acceleratedRequiresNearBorder`, bool);
        ruleValue(a.rules.transferExtension, `${p}.rules.transferExtension`, (v) =>
          TRANSFER_EXTENSIONS.includes(v as never) ? undefined : `one of ${TRANSFER_EXTENSIONS.join(', ')}`,
        );
      }
      const ev = obj(a.evidence) ? a.evidence : undefined;
      if (!ev || !obj(ev.national) || !obj(ev.thirdCountNational)) err(`${p}.evidence`, 'an object with national and thirdCountNational');
      else {
        ruleValue(ev.national.proof, `${p}.evidence.national.proof`, codes);
        ruleValue(ev.national.primaFacie, `${p}.evidence.national.primaFacie`, codes);
        ruleValue(ev.national.expiredProofGraceMonths, `${p}.evidence.national.expiredProofGraceMonths`, (v) =>
          Number.isInteger(v) && (v as number) >= 0 ? undefined : 'a whole number of months',
        );
        ruleValue(ev.thirdCountNational.proof, `${p}.evidence.thirdCountNational.proof`, codes);
        ruleValue(ev.thirdCountNational.primaFacie, `${p}.evidence.thirdCountNational.primaFacie`, codes);
        ruleValue(ev.thirdCountNational.airsideTransitExcluded, `${p}.evidence.thirdCountNational.airsideTransitExcluded`, bool);
      }
    });

  const partnerCodes = new Set<string>();
  if (!Array.isArray(input.partners) || input.partners.length === 0) err('$.partners', 'a non-empty list');
  else
    input.partners.forEach((s: unknown, i: number) => {
      const p = `$.partners[${i}]`;
      if (!obj(s)) return err(p, 'an object');
      if (typeof s.code !== 'string' || !/^[A-Z]{2}$/.test(s.code)) err(`${p}.code`, 'an ISO 3166-1 alpha-2 code in upper case');
      else if (s.code === 'AZ') err(`${p}.code`, 'Azerbaijan is the requested state, not a partner');
      else if (partnerCodes.has(s.code)) err(`${p}.code`, `${s.code} is listed twice`);
      else partnerCodes.add(s.code);
      text(s.name, `${p}.name`);
      if (typeof s.agreement !== 'string' || !agreementCodes.has(s.agreement)) err(`${p}.agreement`, 'the code of an agreement of this rulebook');
      for (const field of ['from', 'until'] as const) if (s[field] !== undefined && date(s[field])) err(`${p}.${field}`, 'a date YYYY-MM-DD');
      if (s.contact !== undefined && (!obj(s.contact) || typeof s.contact.name !== 'string')) err(`${p}.contact`, 'an object {name, email?, phone?}');
    });
  return errors;
}
