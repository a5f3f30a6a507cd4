import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { isCalendarDate } from '../calendar/dates';
import { lifecycleProblems } from './lifecycle';
import { AgreementRules, SOURCE_EXPECTED, namesNoOutsideDocument } from './types';

type Json = Record<string, unknown>;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
const AGREEMENT_CODE = /^[A-Z]{2,3}-[A-Z]{2}$/;

const obj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Checks one agreement's rules against the AgreementRules class: every problem as `<JSON path>: <message>`, empty
 * when valid. Closed like the internal events that carry the rules: an unknown field is a problem, so that a rule
 * a rulebook accepts is never refused on its way between services.
 */
export function validateAgreementRules(input: unknown, path = '$'): string[] {
  if (!obj(input)) return [`${path}: an object`];
  const errors = validateSync(plainToInstance(AgreementRules, input), {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  const out: string[] = [];
  collect(errors, path, out);
  return [...new Set(out)]; // two checks of one field may say the same thing
}

function collect(errors: ValidationError[], parent: string, out: string[]): void {
  for (const error of errors) {
    const path = `${parent}.${error.property}`;
    for (const [check, message] of Object.entries(error.constraints ?? {})) {
      const unknown = parent.endsWith('.timeLimits') ? 'not a known time limit' : 'not a known field';
      out.push(`${path}: ${check === 'whitelistValidation' ? unknown : message}`);
    }
    collect(error.children ?? [], path, out);
  }
}

/**
 * Checks a rulebook before it may take effect. Returns every problem with its JSON path; empty means valid.
 * A rulebook is rejected whole: a half-valid set of legal rules is worse than the previous version.
 */
export function validateRulebook(input: unknown): string[] {
  const errors: string[] = [];
  const err = (path: string, message: string) => errors.push(`${path}: ${message}`);
  const text = (v: unknown, path: string) => {
    if (typeof v !== 'string' || !v.trim()) err(path, 'a non-empty string');
  };

  if (!obj(input)) return ['$: the rulebook must be a JSON object'];
  if (typeof input.version !== 'string' || !VERSION.test(input.version)) err('$.version', 'letters, digits, ".", "_" or "-", at most 32');
  if (typeof input.effectiveFrom !== 'string' || !INSTANT.test(input.effectiveFrom))
    err('$.effectiveFrom', 'an RFC 3339 instant with offset');
  text(input.description, '$.description');

  const agreementCodes = new Set<string>();
  if (!Array.isArray(input.agreements) || input.agreements.length === 0) err('$.agreements', 'a non-empty list');
  else
    input.agreements.forEach((a: unknown, i: number) => {
      const p = `$.agreements[${i}]`;
      const ruleErrors = validateAgreementRules(a, p);
      errors.push(...ruleErrors);
      // `a` has just been validated as AgreementRules: its lifecycle can be checked on the typed rules.
      if (ruleErrors.length === 0) errors.push(...lifecycleProblems(a as AgreementRules, p));
      errors.push(...sourceProblems(a, p));
      if (!obj(a) || typeof a.code !== 'string' || !AGREEMENT_CODE.test(a.code)) return;
      if (agreementCodes.has(a.code)) err(`${p}.code`, `${a.code} is defined twice`);
      agreementCodes.add(a.code);
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
      if (typeof s.agreement !== 'string' || !agreementCodes.has(s.agreement))
        err(`${p}.agreement`, 'the code of an agreement of this rulebook');
      for (const field of ['from', 'until'] as const)
        if (s[field] !== undefined && !(typeof s[field] === 'string' && isCalendarDate(s[field])))
          err(`${p}.${field}`, 'a date YYYY-MM-DD');
      if (s.contact !== undefined && (!obj(s.contact) || typeof s.contact.name !== 'string'))
        err(`${p}.contact`, 'an object {name, email?, phone?}');
    });
  return errors;
}

/**
 * Where each value of a version comes from must be something the reader of a decision can open: an article or a
 * page under docs/. Checked when a version is loaded or shipped, not on the rules a case carries between services,
 * so that a case registered under an older version keeps travelling with the rules it was registered under.
 */
export function sourceProblems(agreement: unknown, path: string): string[] {
  const out: string[] = [];
  const walk = (node: unknown, at: string) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${at}[${i}]`));
    for (const [key, child] of Object.entries(node)) {
      if ((key === 'source' || key === 'basis') && !namesNoOutsideDocument(child)) out.push(`${at}.${key}: ${SOURCE_EXPECTED}`);
      else walk(child, `${at}.${key}`);
    }
  };
  walk(agreement, path);
  return out;
}
