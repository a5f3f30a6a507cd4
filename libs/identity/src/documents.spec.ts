import { documentNumberHeldByAnother, findDocumentHolders, normaliseDocumentNumber, RegistryPerson } from './index';

const records: RegistryPerson[] = [
  {
    personalId: 'AZ-1',
    surname: 'Məmmədov',
    givenNames: 'Orxan',
    sex: 'male',
    dateOfBirth: '1985-03-17',
    documents: [
      { type: 'passport', number: 'C01234567' },
      { type: 'identity-card', number: 'AA 1234567' },
    ],
  },
  { personalId: 'AZ-2', surname: 'Əliyeva', givenNames: 'Leyla', sex: 'female', dateOfBirth: '1990-06-01' },
  {
    personalId: 'AZ-3',
    surname: 'Həsənov',
    givenNames: 'Rəşid',
    sex: 'male',
    dateOfBirth: '1970-01-01',
    documents: [{ type: 'passport', number: 'P-0099' }],
  },
];

describe('normaliseDocumentNumber', () => {
  it('upper-cases and strips spaces and dashes', () => {
    expect(normaliseDocumentNumber(' c 0123-4567 ')).toBe('C01234567');
    expect(normaliseDocumentNumber('aa–123—45 67')).toBe('AA1234567'); // en and em dashes
    expect(normaliseDocumentNumber('AA\u00a0123\t4567')).toBe('AA1234567'); // no-break space, tab
  });

  it('replaces Cyrillic look-alike capitals but keeps O and 0 apart', () => {
    expect(normaliseDocumentNumber('АА1234567')).toBe('AA1234567'); // Cyrillic А
    expect(normaliseDocumentNumber('с01234567')).toBe('C01234567'); // Cyrillic с
    expect(normaliseDocumentNumber('O123')).not.toBe(normaliseDocumentNumber('0123'));
  });
});

describe('documentNumberHeldByAnother', () => {
  it('is true when the registry holds the number for another person', () => {
    expect(documentNumberHeldByAnother('passport', 'c0123 4567', records, 'AZ-2')).toBe(true);
    expect(findDocumentHolders('passport', 'C-01234567', records).map((r) => r.personalId)).toEqual(['AZ-1']);
  });

  it('is false when the number belongs to the matched person', () => {
    expect(documentNumberHeldByAnother('passport', 'C01234567', records, 'AZ-1')).toBe(false);
    expect(documentNumberHeldByAnother('identity-card', 'aa-1234567', records, 'AZ-1')).toBe(false);
  });

  it('treats any holder as another person when the applicant matched nobody', () => {
    expect(documentNumberHeldByAnother('passport', 'P0099', records, undefined)).toBe(true);
    expect(documentNumberHeldByAnother('passport', 'P0099', records, null)).toBe(true);
  });

  it('compares within the same document type only', () => {
    expect(documentNumberHeldByAnother('identity-card', 'C01234567', records, 'AZ-2')).toBe(false);
    expect(documentNumberHeldByAnother('Passport', 'C01234567', records, 'AZ-2')).toBe(true);
  });

  it('is false for unknown or empty numbers', () => {
    expect(documentNumberHeldByAnother('passport', 'C99999999', records, 'AZ-2')).toBe(false);
    expect(documentNumberHeldByAnother('passport', ' - ', records, 'AZ-2')).toBe(false);
  });
});
