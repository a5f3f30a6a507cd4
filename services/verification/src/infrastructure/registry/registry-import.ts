/**
 * Reading and validating registry rows for the import (`npm run registry:import`). No I/O here: the rows come
 * in as lines (any async or sync iterable), so everything is unit-testable; `registry-importer.ts` streams the
 * file and writes the store.
 *
 * Formats
 * - NDJSON (`.ndjson`, `.jsonl`): one JSON object per line, fields as `CitizenRecord`:
 *   `{"personalId":"…","surname":"…","givenNames":"…","patronymic":"…","sex":"male","dateOfBirth":"1991-04-17",
 *     "placeOfBirth":"…","previousSurnames":["…"],"documents":[{"type":"passport","number":"C01234567",
 *     "issuedOn":"2019-06-01","expiresOn":"2029-05-31"}]}`. Blank lines are skipped; unknown fields are refused.
 * - CSV (`.csv`, RFC 4180: comma separated, fields with commas, quotes or line breaks in double quotes, `""`
 *   for a quote, UTF-8, optional BOM): a header row naming the columns, in any order:
 *     personalId, surname, givenNames, sex, dateOfBirth   (required)
 *     patronymic, placeOfBirth, previousSurnames, documents   (optional columns; empty cell = none)
 *   previousSurnames: `;`-separated (`Əliyeva;Həsənova`).
 *   documents: `;`-separated `type:number[:issuedOn[:expiresOn]]` (`passport:C01234567:2019-06-01:2029-05-31;
 *   identity-card:AZE1234567`); an empty date may be left out (`passport:C01234567::2029-05-31`).
 *
 * Rules for a row (texts are NFC-normalised, runs of white space including line breaks become one space):
 * personalId 1-64 letters, digits, `.`, `_`, `-`; surname and givenNames with letters,
 * at most 200 characters; sex `male` | `female` | `unknown`; dateOfBirth a real full date `YYYY-MM-DD`, not in
 * the future; documents with an evidence type code of the partner interface (`passport`, `identity-card`, …),
 * a number that is not empty after normalisation, real dates, `expiresOn` not before `issuedOn`, no document
 * twice; a personalId seen earlier in the same file is refused (the first row stands).
 */
import { EVIDENCE_TYPES } from '@readmission/contracts';
import { normaliseDocumentNumber, Sex } from '@readmission/identity';
import { CitizenRecord, RegistryDocumentRecord } from './citizen-record';

export type RegistryFileFormat = 'ndjson' | 'csv';

/** A row that passed validation, with the line it starts on (1-based, counting every physical line). */
export interface AcceptedRow {
  readonly line: number;
  readonly person: CitizenRecord;
}

/** A row refused by validation, with every reason found. */
export interface RejectedRow {
  readonly line: number;
  readonly reasons: readonly string[];
}

export type ParsedRow = ({ readonly ok: true } & AcceptedRow) | ({ readonly ok: false } & RejectedRow);

/** A problem with the whole file (bad CSV header, runaway quoted field): the import stops. */
export class RegistryFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryFileError';
  }
}

/** The format of a file from its name, or undefined when the extension says nothing. */
export function formatOfFile(path: string): RegistryFileFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  if (lower.endsWith('.csv')) return 'csv';
  return undefined;
}

// --- validation -----------------------------------------------------------------------------------------

export const REGISTRY_FIELDS = [
  'personalId',
  'surname',
  'givenNames',
  'patronymic',
  'sex',
  'dateOfBirth',
  'placeOfBirth',
  'previousSurnames',
  'documents',
  'citizenship',
] as const;
const REQUIRED_FIELDS = ['personalId', 'surname', 'givenNames', 'sex', 'dateOfBirth'] as const;
const DOCUMENT_FIELDS = ['type', 'number', 'issuedOn', 'expiresOn'] as const;
const SEXES: readonly Sex[] = ['male', 'female', 'unknown'];
const DOCUMENT_TYPES: ReadonlySet<string> = new Set(EVIDENCE_TYPES);

const PERSONAL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/u;
const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;
const MAX_TEXT = 200;
const MAX_DOCUMENTS = 50;
const MAX_PREVIOUS_SURNAMES = 20;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/u;

export interface ValidationOptions {
  /** Today's date `YYYY-MM-DD` (dates of birth after it are refused); defaults to the current UTC date. */
  readonly today?: string;
  /** Ignore fields this module does not know (answers of an external registry) instead of refusing them. */
  readonly allowUnknownFields?: boolean;
}

/** True for a real calendar date `YYYY-MM-DD` (1800 or later). */
export function isFullDate(value: string): boolean {
  const m = FULL_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1800 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

class Collector {
  readonly reasons: string[] = [];
  add(reason: string): void {
    this.reasons.push(reason);
  }

  /** A trimmed, NFC-normalised text; undefined (with a reason when required) for missing or empty ones. */
  text(field: string, value: unknown, required: boolean, kind: 'name' | 'plain' = 'name'): string | undefined {
    if (value === undefined || value === null || value === '') {
      if (required) this.add(`${field} is required`);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.add(`${field} must be a string, got ${describe(value)}`);
      return undefined;
    }
    const text = value.normalize('NFC').replace(/\s+/gu, ' ').trim(); // line breaks and tabs become spaces
    if (text === '') {
      if (required) this.add(`${field} is required`);
      return undefined;
    }
    if (text.length > MAX_TEXT) this.add(`${field} is longer than ${MAX_TEXT} characters`);
    else if (CONTROL.test(text)) this.add(`${field} contains control characters`);
    else if (kind === 'name' && !/\p{L}/u.test(text)) this.add(`${field} ${describe(text)} has no letters`);
    else return text;
    return undefined;
  }

  date(field: string, value: unknown): string | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string' || !isFullDate(value.trim())) {
      this.add(`${field} ${describe(value)} is not a full date YYYY-MM-DD`);
      return undefined;
    }
    return value.trim();
  }

  unknownFields(where: string, input: Record<string, unknown>, known: readonly string[]): void {
    const extra = Object.keys(input).filter((k) => !known.includes(k));
    if (extra.length > 0) this.add(`${where}unknown field${extra.length > 1 ? 's' : ''} ${extra.join(', ')}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Validates one registry record (an NDJSON object, a CSV row turned into an object, or a person in an
 * external registry's answer). Returns the clean record, or every reason it is refused.
 */
export function validateRegistryPerson(
  input: unknown,
  options: ValidationOptions = {},
): { ok: true; person: CitizenRecord } | { ok: false; reasons: string[] } {
  const c = new Collector();
  if (!isRecord(input)) return { ok: false, reasons: [`a person must be an object, got ${describe(input)}`] };
  if (!options.allowUnknownFields) c.unknownFields('', input, REGISTRY_FIELDS);

  let personalId: string | undefined;
  const rawId = input.personalId;
  if (rawId === undefined || rawId === null || rawId === '') c.add('personalId is required');
  else if (typeof rawId !== 'string' || !PERSONAL_ID.test(rawId.trim())) {
    c.add(`personalId ${describe(rawId)} must be 1-64 letters, digits, '.', '_' or '-'`);
  } else personalId = rawId.trim();

  const surname = c.text('surname', input.surname, true);
  const givenNames = c.text('givenNames', input.givenNames, true);
  const patronymic = c.text('patronymic', input.patronymic, false);
  const placeOfBirth = c.text('placeOfBirth', input.placeOfBirth, false, 'plain');

  let sex: Sex | undefined;
  if (input.sex === undefined || input.sex === null || input.sex === '') c.add('sex is required');
  else {
    const s = typeof input.sex === 'string' ? input.sex.trim().toLowerCase() : undefined;
    if (s !== undefined && (SEXES as readonly string[]).includes(s)) sex = s as Sex;
    else c.add(`sex ${describe(input.sex)} must be male, female or unknown`);
  }

  let dateOfBirth: string | undefined;
  if (input.dateOfBirth === undefined || input.dateOfBirth === null || input.dateOfBirth === '') c.add('dateOfBirth is required');
  else {
    dateOfBirth = c.date('dateOfBirth', input.dateOfBirth);
    if (dateOfBirth !== undefined && dateOfBirth > (options.today ?? todayUtc())) {
      c.add(`dateOfBirth ${dateOfBirth} is in the future`);
      dateOfBirth = undefined;
    }
  }

  const previousSurnames: string[] = [];
  if (input.previousSurnames !== undefined && input.previousSurnames !== null) {
    if (!Array.isArray(input.previousSurnames)) c.add('previousSurnames must be a list of names');
    else if (input.previousSurnames.length > MAX_PREVIOUS_SURNAMES) c.add(`more than ${MAX_PREVIOUS_SURNAMES} previousSurnames`);
    else
      input.previousSurnames.forEach((p, i) => {
        const name = c.text(`previousSurnames[${i}]`, p, true);
        if (name !== undefined && !previousSurnames.includes(name)) previousSurnames.push(name);
      });
  }

  // What the registry records of the person's citizenship: `not-citizen` (renounced, lost, never held) is positive
  // contrary evidence against prima facie evidence of nationality (docs/rules.md#prima-facie-evidence-and-the-burden-of-proof).
  let citizenship: 'citizen' | 'not-citizen' | undefined;
  if (input.citizenship !== undefined && input.citizenship !== null && input.citizenship !== '') {
    if (input.citizenship === 'citizen' || input.citizenship === 'not-citizen') citizenship = input.citizenship;
    else c.add(`citizenship ${describe(input.citizenship)} must be citizen or not-citizen`);
  }

  const documents: RegistryDocumentRecord[] = [];
  if (input.documents !== undefined && input.documents !== null) {
    if (!Array.isArray(input.documents)) c.add('documents must be a list');
    else if (input.documents.length > MAX_DOCUMENTS) c.add(`more than ${MAX_DOCUMENTS} documents`);
    else {
      const seen = new Set<string>();
      input.documents.forEach((d, i) => {
        const doc = validateDocument(c, `documents[${i}]`, d, options);
        if (!doc) return;
        const key = `${doc.type} ${normaliseDocumentNumber(doc.number)}`;
        if (seen.has(key)) c.add(`documents[${i}]: ${doc.type} ${doc.number} appears twice`);
        else {
          seen.add(key);
          documents.push(doc);
        }
      });
    }
  }

  if (c.reasons.length > 0) return { ok: false, reasons: c.reasons };
  // Build the record in a fixed field order with absent optional fields left out: the store compares what
  // it holds with what the import sets, so the same input must always produce the same document.
  const person: CitizenRecord = {
    personalId: personalId as string,
    surname: surname as string,
    givenNames: givenNames as string,
    ...(patronymic !== undefined ? { patronymic } : {}),
    sex: sex as Sex,
    dateOfBirth: dateOfBirth as string,
    ...(placeOfBirth !== undefined ? { placeOfBirth } : {}),
    ...(previousSurnames.length > 0 ? { previousSurnames } : {}),
    ...(documents.length > 0 ? { documents } : {}),
    ...(citizenship !== undefined ? { citizenship } : {}),
  };
  return { ok: true, person };
}

function validateDocument(c: Collector, where: string, input: unknown, options: ValidationOptions): RegistryDocumentRecord | undefined {
  if (!isRecord(input)) {
    c.add(`${where} must be an object {type, number, issuedOn?, expiresOn?}`);
    return undefined;
  }
  const before = c.reasons.length;
  if (!options.allowUnknownFields) c.unknownFields(`${where}: `, input, DOCUMENT_FIELDS);
  let type: string | undefined;
  if (typeof input.type !== 'string' || input.type.trim() === '') c.add(`${where}.type is required`);
  else if (!DOCUMENT_TYPES.has(input.type.trim().toLowerCase()))
    c.add(`${where}.type ${describe(input.type)} is not an evidence type code`);
  else type = input.type.trim().toLowerCase();
  let number: string | undefined;
  if (typeof input.number !== 'string' || input.number.trim() === '') c.add(`${where}.number is required`);
  else if (input.number.length > 64 || normaliseDocumentNumber(input.number) === '')
    c.add(`${where}.number ${describe(input.number)} is not a document number`);
  else number = input.number.trim();
  const issuedOn = c.date(`${where}.issuedOn`, input.issuedOn);
  const expiresOn = c.date(`${where}.expiresOn`, input.expiresOn);
  if (issuedOn && expiresOn && expiresOn < issuedOn) c.add(`${where}: expiresOn ${expiresOn} is before issuedOn ${issuedOn}`);
  if (c.reasons.length > before) return undefined;
  return {
    type: type as string,
    number: number as string,
    ...(issuedOn !== undefined ? { issuedOn } : {}),
    ...(expiresOn !== undefined ? { expiresOn } : {}),
  };
}

// --- CSV ------------------------------------------------------------------------------------------------

/** One CSV record: its fields and the line it starts on; or why it could not be read. */
export type CsvRecord = { readonly line: number; readonly fields: string[] } | { readonly line: number; readonly error: string };

/** A quoted field still open after this many lines means a stray quote: the rest of the file cannot be trusted. */
export const MAX_LINES_PER_CSV_RECORD = 50;

/**
 * Assembles RFC 4180 records from physical lines (as a line reader gives them, without the line break). A
 * quoted field may span lines; the record is reported at the line it starts on.
 */
export class CsvRecordReader {
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;
  private startLine = 0;
  private lines = 0;
  private broken: string | undefined;

  /** Feeds one physical line; returns a record when this line completes one. */
  push(text: string, lineNumber: number): CsvRecord | undefined {
    if (!this.inQuotes) {
      this.startLine = lineNumber;
      this.fields = [];
      this.field = '';
      this.lines = 0;
      this.broken = undefined;
    } else {
      this.field += '\n';
    }
    this.lines++;
    if (this.lines > MAX_LINES_PER_CSV_RECORD) {
      throw new RegistryFileError(
        `line ${this.startLine}: quoted field still open after ${MAX_LINES_PER_CSV_RECORD} lines (a stray '"'?); the rest of the file cannot be read reliably`,
      );
    }
    let i = 0;
    let afterQuote = false; // just closed a quoted field: only a separator or the end may follow
    while (i < text.length) {
      const ch = text[i];
      if (this.inQuotes) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            this.field += '"';
            i += 2;
            continue;
          }
          this.inQuotes = false;
          afterQuote = true;
        } else this.field += ch;
        i++;
        continue;
      }
      if (ch === ',') {
        this.fields.push(this.field);
        this.field = '';
        afterQuote = false;
      } else if (afterQuote) {
        this.broken ??= `text after a closing quote in field ${this.fields.length + 1}`;
      } else if (ch === '"') {
        if (this.field === '') this.inQuotes = true;
        else this.broken ??= `a quote inside unquoted field ${this.fields.length + 1} (quote the field and double the quote)`;
      } else this.field += ch;
      i++;
    }
    if (this.inQuotes) return undefined;
    this.fields.push(this.field);
    return this.broken ? { line: this.startLine, error: this.broken } : { line: this.startLine, fields: this.fields };
  }

  /** At the end of the input: the record left open by an unterminated quote, if any. */
  end(): CsvRecord | undefined {
    if (!this.inQuotes) return undefined;
    this.inQuotes = false;
    return { line: this.startLine, error: 'quoted field not closed before the end of the file' };
  }
}

/** Splits one CSV cell of a list column on `;`, dropping empty entries. */
function listCell(value: string): string[] {
  return value
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Parses the documents cell `type:number[:issuedOn[:expiresOn]];…` into document objects (validated later). */
export function parseDocumentsCell(value: string): { documents: Record<string, string>[] } | { error: string } {
  const documents: Record<string, string>[] = [];
  for (const entry of listCell(value)) {
    const parts = entry.split(':').map((p) => p.trim());
    if (parts.length < 2 || parts.length > 4) {
      return { error: `documents entry ${describe(entry)} must be type:number[:issuedOn[:expiresOn]]` };
    }
    const [type, number, issuedOn, expiresOn] = parts;
    documents.push({
      type,
      number,
      ...(issuedOn ? { issuedOn } : {}),
      ...(expiresOn ? { expiresOn } : {}),
    });
  }
  return { documents };
}

/** Checks a CSV header row; throws `RegistryFileError` when a required column is missing or a name is unknown or repeated. */
export function readCsvHeader(fields: readonly string[]): string[] {
  const names = fields.map((f) => f.trim());
  const unknown = names.filter((n) => !(REGISTRY_FIELDS as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new RegistryFileError(
      `CSV header: unknown column(s) ${unknown.map((u) => `'${u}'`).join(', ')}; known: ${REGISTRY_FIELDS.join(', ')}`,
    );
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length > 0) throw new RegistryFileError(`CSV header: column(s) ${repeated.join(', ')} appear more than once`);
  const missing = REQUIRED_FIELDS.filter((r) => !names.includes(r));
  if (missing.length > 0) throw new RegistryFileError(`CSV header: required column(s) ${missing.join(', ')} missing`);
  return names;
}

/** Turns a CSV row into the object `validateRegistryPerson` takes; a string when the row cannot be read. */
export function csvRowToInput(header: readonly string[], fields: readonly string[]): Record<string, unknown> | string {
  if (fields.length !== header.length) return `${fields.length} fields where the header has ${header.length}`;
  const input: Record<string, unknown> = {};
  for (let i = 0; i < header.length; i++) {
    const name = header[i];
    const value = fields[i].trim();
    if (value === '') continue;
    if (name === 'previousSurnames') input.previousSurnames = listCell(value);
    else if (name === 'documents') {
      const parsed = parseDocumentsCell(value);
      if ('error' in parsed) return parsed.error;
      input.documents = parsed.documents;
    } else input[name] = value;
  }
  return input;
}

// --- rows of a file -------------------------------------------------------------------------------------

export interface ReadRowsOptions extends ValidationOptions {
  readonly format: RegistryFileFormat;
}

/**
 * Reads and validates the rows of a registry file given as its lines, in order. Yields every data row as
 * accepted or rejected (with its line number); throws `RegistryFileError` for a problem with the whole file.
 * A personalId already accepted earlier in the file is rejected (the ids seen are kept in memory: some tens
 * of bytes each, well under a gigabyte for a national registry).
 */
export async function* readRegistryRows(
  lines: AsyncIterable<string> | Iterable<string>,
  options: ReadRowsOptions,
): AsyncGenerator<ParsedRow> {
  const firstLine = new Map<string, number>();
  const check = (line: number, input: unknown): ParsedRow => {
    const result = validateRegistryPerson(input, options);
    if (!result.ok) return { ok: false, line, reasons: result.reasons };
    const earlier = firstLine.get(result.person.personalId);
    if (earlier !== undefined) return { ok: false, line, reasons: [`personalId ${result.person.personalId} already on line ${earlier}`] };
    firstLine.set(result.person.personalId, line);
    return { ok: true, line, person: result.person };
  };

  let lineNumber = 0;
  if (options.format === 'ndjson') {
    for await (const raw of lines) {
      lineNumber++;
      const text = (lineNumber === 1 ? raw.replace(/^\uFEFF/u, '') : raw).trim();
      if (text === '') continue;
      let input: unknown;
      try {
        input = JSON.parse(text);
      } catch (error) {
        yield { ok: false, line: lineNumber, reasons: [`not valid JSON: ${(error as Error).message}`] };
        continue;
      }
      yield check(lineNumber, input);
    }
    return;
  }

  const reader = new CsvRecordReader();
  let header: string[] | undefined;
  const handle = (record: CsvRecord): ParsedRow | undefined => {
    if ('error' in record) {
      if (!header) throw new RegistryFileError(`line ${record.line}: CSV header cannot be read: ${record.error}`);
      return { ok: false, line: record.line, reasons: [record.error] };
    }
    if (record.fields.length === 1 && record.fields[0].trim() === '') return undefined; // blank line
    if (!header) {
      header = readCsvHeader(record.fields);
      return undefined;
    }
    const input = csvRowToInput(header, record.fields);
    return typeof input === 'string' ? { ok: false, line: record.line, reasons: [input] } : check(record.line, input);
  };
  for await (const raw of lines) {
    lineNumber++;
    const record = reader.push(lineNumber === 1 ? raw.replace(/^\uFEFF/u, '') : raw, lineNumber);
    const row = record && handle(record);
    if (row) yield row;
  }
  const last = reader.end();
  const row = last && handle(last);
  if (row) yield row;
  if (!header) throw new RegistryFileError('the CSV file is empty: a header row is required');
}
