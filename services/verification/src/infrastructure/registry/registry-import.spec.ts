import {
  CsvRecordReader,
  csvRowToInput,
  formatOfFile,
  parseDocumentsCell,
  ParsedRow,
  readCsvHeader,
  readRegistryRows,
  RegistryFileError,
  validateRegistryPerson,
} from './registry-import';

const TODAY = '2026-01-15';
const VALID = {
  personalId: '1E4K7AZ',
  surname: 'Məmmədov',
  givenNames: 'Elçin',
  patronymic: 'Rəşid oğlu',
  sex: 'male',
  dateOfBirth: '1991-04-17',
  placeOfBirth: 'Gəncə',
  documents: [{ type: 'passport', number: 'C01234567', issuedOn: '2019-06-01', expiresOn: '2029-05-31' }],
};

function reasonsOf(input: unknown): string[] {
  const result = validateRegistryPerson(input, { today: TODAY });
  return result.ok ? [] : result.reasons;
}

async function rows(lines: string[], format: 'ndjson' | 'csv'): Promise<ParsedRow[]> {
  const out: ParsedRow[] = [];
  for await (const row of readRegistryRows(lines, { format, today: TODAY })) out.push(row);
  return out;
}

describe('validateRegistryPerson', () => {
  it('accepts a complete record and returns it cleaned, fields in a fixed order', () => {
    const result = validateRegistryPerson(
      {
        ...VALID,
        surname: '  Məmmədov ',
        sex: 'MALE',
        documents: [{ expiresOn: '2029-05-31', number: 'C01234567', type: 'Passport', issuedOn: '2019-06-01' }],
      },
      { today: TODAY },
    );
    expect(result).toEqual({ ok: true, person: VALID });
    if (result.ok) {
      expect(Object.keys(result.person)).toEqual([
        'personalId',
        'surname',
        'givenNames',
        'patronymic',
        'sex',
        'dateOfBirth',
        'placeOfBirth',
        'documents',
      ]);
      expect(Object.keys(result.person.documents?.[0] ?? {})).toEqual(['type', 'number', 'issuedOn', 'expiresOn']);
    }
  });

  it('accepts the minimal record and leaves empty optional fields out', () => {
    const result = validateRegistryPerson(
      {
        personalId: 'X1',
        surname: 'Əliyev',
        givenNames: 'Orxan',
        sex: 'unknown',
        dateOfBirth: '1979-06-05',
        patronymic: '',
        placeOfBirth: '  ',
        previousSurnames: [],
        documents: [],
      },
      { today: TODAY },
    );
    expect(result).toEqual({
      ok: true,
      person: { personalId: 'X1', surname: 'Əliyev', givenNames: 'Orxan', sex: 'unknown', dateOfBirth: '1979-06-05' },
    });
  });

  it.each([
    ['missing personalId', { ...VALID, personalId: undefined }, 'personalId is required'],
    ['personalId with a space', { ...VALID, personalId: 'AB 12' }, 'personalId "AB 12" must be'],
    ['missing surname', { ...VALID, surname: '' }, 'surname is required'],
    ['surname without letters', { ...VALID, surname: '1234' }, 'surname "1234" has no letters'],
    ['givenNames not a string', { ...VALID, givenNames: 42 }, 'givenNames must be a string'],
    ['overlong surname', { ...VALID, surname: 'a'.repeat(201) }, 'surname is longer than 200'],
    ['control characters', { ...VALID, givenNames: 'El\u0000çin' }, 'givenNames contains control characters'],
    ['bad sex', { ...VALID, sex: 'M' }, 'sex "M" must be male, female or unknown'],
    ['missing sex', { ...VALID, sex: undefined }, 'sex is required'],
    ['partial date of birth', { ...VALID, dateOfBirth: '1991' }, 'dateOfBirth "1991" is not a full date'],
    ['impossible date of birth', { ...VALID, dateOfBirth: '1991-02-30' }, 'dateOfBirth "1991-02-30" is not a full date'],
    ['date of birth in the future', { ...VALID, dateOfBirth: '2026-01-16' }, 'dateOfBirth 2026-01-16 is in the future'],
    ['previousSurnames not a list', { ...VALID, previousSurnames: 'Əliyeva' }, 'previousSurnames must be a list'],
    ['documents not a list', { ...VALID, documents: 'passport:C1' }, 'documents must be a list'],
    [
      'unknown document type',
      { ...VALID, documents: [{ type: 'library-card', number: '1' }] },
      'documents[0].type "library-card" is not an evidence type code',
    ],
    ['document without a number', { ...VALID, documents: [{ type: 'passport' }] }, 'documents[0].number is required'],
    [
      'document number of dashes only',
      { ...VALID, documents: [{ type: 'passport', number: '--' }] },
      'documents[0].number "--" is not a document number',
    ],
    [
      'bad document date',
      { ...VALID, documents: [{ type: 'passport', number: 'C1', issuedOn: '2019-13-01' }] },
      'documents[0].issuedOn "2019-13-01" is not a full date',
    ],
    [
      'expiry before issue',
      { ...VALID, documents: [{ type: 'passport', number: 'C1', issuedOn: '2019-06-01', expiresOn: '2019-05-31' }] },
      'documents[0]: expiresOn 2019-05-31 is before issuedOn 2019-06-01',
    ],
    [
      'the same document twice (normalised)',
      {
        ...VALID,
        documents: [
          { type: 'passport', number: 'C01234567' },
          { type: 'passport', number: 'c 0123-4567' },
        ],
      },
      'documents[1]: passport c 0123-4567 appears twice',
    ],
    ['unknown field', { ...VALID, dateofbirth: '1991-04-17' }, 'unknown field dateofbirth'],
    [
      'unknown document field',
      { ...VALID, documents: [{ type: 'passport', number: 'C1', country: 'AZ' }] },
      'documents[0]: unknown field country',
    ],
  ])('refuses %s', (_label, input, reason) => {
    expect(reasonsOf(input).join(' | ')).toContain(reason);
  });

  it('reports every problem of a row at once', () => {
    expect(reasonsOf({ personalId: 'P1', surname: '', sex: 'x', dateOfBirth: '17.04.1991' })).toEqual([
      'surname is required',
      'givenNames is required',
      'sex "x" must be male, female or unknown',
      'dateOfBirth "17.04.1991" is not a full date YYYY-MM-DD',
    ]);
  });

  it('refuses what is not an object', () => {
    expect(reasonsOf(['a'])).toEqual(['a person must be an object, got ["a"]']);
    expect(reasonsOf(null)).toEqual(['a person must be an object, got null']);
  });

  it('ignores unknown fields when asked to (answers of an external registry)', () => {
    expect(
      validateRegistryPerson(
        { ...VALID, extra: 1, documents: [{ type: 'passport', number: 'C1', country: 'AZ' }] },
        { today: TODAY, allowUnknownFields: true },
      ).ok,
    ).toBe(true);
  });
});

describe('CsvRecordReader (RFC 4180)', () => {
  function records(lines: string[]) {
    const reader = new CsvRecordReader();
    const out = lines.map((l, i) => reader.push(l, i + 1)).filter((r) => r !== undefined);
    const last = reader.end();
    return last ? [...out, last] : out;
  }

  it('splits plain fields, keeping empty ones', () => {
    expect(records(['a,b,,d', ','])).toEqual([
      { line: 1, fields: ['a', 'b', '', 'd'] },
      { line: 2, fields: ['', ''] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, reported at their first line', () => {
    expect(records(['1,"Bakı, Nəsimi rayonu","say ""hi""",x', '2,"two', 'lines, here",y', '3,"",z'])).toEqual([
      { line: 1, fields: ['1', 'Bakı, Nəsimi rayonu', 'say "hi"', 'x'] },
      { line: 2, fields: ['2', 'two\nlines, here', 'y'] },
      { line: 4, fields: ['3', '', 'z'] },
    ]);
  });

  it('reports broken quoting on the row and goes on', () => {
    expect(records(['1,ab"c,x', '2,"ab"c,x', '3,ok,x'])).toEqual([
      { line: 1, error: expect.stringContaining('a quote inside unquoted field 2') },
      { line: 2, error: 'text after a closing quote in field 2' },
      { line: 3, fields: ['3', 'ok', 'x'] },
    ]);
  });

  it('reports a quote left open at the end of the file', () => {
    expect(records(['1,x', '2,"open', 'still open'])).toEqual([
      { line: 1, fields: ['1', 'x'] },
      { line: 2, error: 'quoted field not closed before the end of the file' },
    ]);
  });

  it('stops on a runaway quoted field', () => {
    const reader = new CsvRecordReader();
    reader.push('1,"stray', 1);
    expect(() => {
      for (let i = 2; i < 100; i++) reader.push('more,text', i);
    }).toThrow(/line 1: quoted field still open after 50 lines/);
  });
});

describe('CSV columns', () => {
  it('takes the columns in any order and refuses unknown, repeated or missing ones', () => {
    expect(readCsvHeader([' sex', 'dateOfBirth', 'personalId', 'givenNames', 'surname'])).toEqual([
      'sex',
      'dateOfBirth',
      'personalId',
      'givenNames',
      'surname',
    ]);
    expect(() => readCsvHeader(['personalId', 'surname', 'givenNames', 'sex', 'dateOfBirth', 'nationality'])).toThrow(
      /unknown column\(s\) 'nationality'/,
    );
    expect(() => readCsvHeader(['personalId', 'surname', 'surname', 'givenNames', 'sex', 'dateOfBirth'])).toThrow(
      /surname appear more than once/,
    );
    expect(() => readCsvHeader(['personalId', 'surname', 'givenNames'])).toThrow(/required column\(s\) sex, dateOfBirth missing/);
  });

  it('reads lists: previous surnames and documents type:number[:issuedOn[:expiresOn]]', () => {
    const header = ['personalId', 'previousSurnames', 'documents'];
    expect(
      csvRowToInput(header, [
        'P1',
        'Əliyeva; Həsənova;',
        'passport:C01234567:2019-06-01:2029-05-31; identity-card:AZE1::2030-01-01;driving-licence:AB 12',
      ]),
    ).toEqual({
      personalId: 'P1',
      previousSurnames: ['Əliyeva', 'Həsənova'],
      documents: [
        { type: 'passport', number: 'C01234567', issuedOn: '2019-06-01', expiresOn: '2029-05-31' },
        { type: 'identity-card', number: 'AZE1', expiresOn: '2030-01-01' },
        { type: 'driving-licence', number: 'AB 12' },
      ],
    });
    expect(csvRowToInput(header, ['P1', '', ''])).toEqual({ personalId: 'P1' });
    expect(csvRowToInput(header, ['P1', ''])).toBe('2 fields where the header has 3');
    expect(parseDocumentsCell('passport')).toEqual({ error: 'documents entry "passport" must be type:number[:issuedOn[:expiresOn]]' });
  });
});

describe('readRegistryRows', () => {
  const CSV_HEADER = 'personalId,surname,givenNames,patronymic,sex,dateOfBirth,placeOfBirth,previousSurnames,documents';

  it('reads a CSV file: quoted fields, multi-line rows (line break read as a space), blank lines, bad rows with their line numbers', async () => {
    const result = await rows(
      [
        '\uFEFF' + CSV_HEADER,
        '1E4K7AZ,Məmmədov,Elçin,Rəşid oğlu,male,1991-04-17,Gəncə,,passport:C01234567:2019-06-01:2029-05-31',
        '5LM2Q8P,Məmmədova,Leyla,"Vaqif qızı",female,1993-08-02,"Bakı, Nəsimi',
        'rayonu",Əliyeva,',
        '',
        'BAD1,Əliyev,Orxan,,male,1979-02-30,,,',
        'BAD2,Əliyev,Orxan,,male,1979-02-03',
        '1E4K7AZ,Məmmədov,Elçin,,male,1991-04-17,,,',
        'BAD3,Quliyeva,Aysel,,female,2001-12-24,,,passport',
      ],
      'csv',
    );
    expect(result).toEqual([
      {
        ok: true,
        line: 2,
        person: expect.objectContaining({
          personalId: '1E4K7AZ',
          documents: [{ type: 'passport', number: 'C01234567', issuedOn: '2019-06-01', expiresOn: '2029-05-31' }],
        }),
      },
      {
        ok: true,
        line: 3,
        person: expect.objectContaining({ personalId: '5LM2Q8P', placeOfBirth: 'Bakı, Nəsimi rayonu', previousSurnames: ['Əliyeva'] }),
      },
      { ok: false, line: 6, reasons: ['dateOfBirth "1979-02-30" is not a full date YYYY-MM-DD'] },
      { ok: false, line: 7, reasons: ['6 fields where the header has 9'] },
      { ok: false, line: 8, reasons: ['personalId 1E4K7AZ already on line 2'] },
      { ok: false, line: 9, reasons: ['documents entry "passport" must be type:number[:issuedOn[:expiresOn]]'] },
    ]);
  });

  it('refuses a CSV file without a usable header', async () => {
    await expect(rows([], 'csv')).rejects.toThrow(RegistryFileError);
    await expect(rows(['name,sex'], 'csv')).rejects.toThrow(/unknown column\(s\) 'name'/);
  });

  it('reads NDJSON: one object a line, blank lines skipped, bad JSON and bad rows reported', async () => {
    const result = await rows(
      [
        JSON.stringify(VALID),
        '   ',
        '{"personalId": "P2", "surname": "Əliyev"',
        JSON.stringify({ ...VALID, personalId: 'P3', sex: 'man' }),
        '[1, 2]',
        JSON.stringify({ ...VALID, personalId: 'P4' }),
      ],
      'ndjson',
    );
    expect(result.map((r) => (r.ok ? { line: r.line, id: r.person.personalId } : { line: r.line, reasons: r.reasons }))).toEqual([
      { line: 1, id: '1E4K7AZ' },
      { line: 3, reasons: [expect.stringMatching(/^not valid JSON: /)] },
      { line: 4, reasons: ['sex "man" must be male, female or unknown'] },
      { line: 5, reasons: ['a person must be an object, got [1,2]'] },
      { line: 6, id: 'P4' },
    ]);
  });

  it('tells the format from the file name', () => {
    expect(formatOfFile('/x/persons.NDJSON')).toBe('ndjson');
    expect(formatOfFile('persons.jsonl')).toBe('ndjson');
    expect(formatOfFile('persons.csv')).toBe('csv');
    expect(formatOfFile('persons.txt')).toBeUndefined();
  });
});
