import {
  compareNames,
  foldName,
  foldTokens,
  nameSkeleton,
  NamePart,
  parseGivenNames,
  parsePatronymic,
  skeletonDistance,
  skeletonsOf,
  skeletonSimilarity,
} from './index';

const same = (a: string, b: string, part: NamePart = 'given') => compareNames(a, b, part).similarity;

describe('folding', () => {
  it('lower-cases with the Azerbaijani İ and keeps the Azerbaijani letters', () => {
    expect(foldName('İLHAM')).toBe('ilham');
    expect(foldName('ISMAYILOV')).toBe('ismayilov');
    expect(foldName('Şükürova Gülnarə')).toBe('şükürova gülnarə');
    expect(foldName('Məmmədov')).toBe('məmmədov');
  });

  it('reads German ä as ə and strips other accents', () => {
    expect(foldName('Mämmädow')).toBe('məmmədow');
    expect(foldName('Leïla')).toBe('leila');
    expect(foldName('Aïgun Élise')).toBe('aigun elise');
  });

  it('transliterates the full Russian alphabet', () => {
    expect(foldName('абвгдеёжзийклмнопрстуфхцчшщъыьэюя')).toBe('abvgdeyojziyklmnoprstufxtsçşşıeyuya');
    expect(foldName('АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ')).toBe('abvgdeyojziyklmnoprstufxtsçşşıeyuya');
  });

  it('writes е as ye at the start, after a vowel and after ъ/ь, and дж as c', () => {
    expect(foldName('Елена')).toBe('yelena');
    expect(foldName('Алиев')).toBe('aliyev');
    expect(foldName('Подъезд')).toBe('podyezd');
    expect(foldName('Джафаров')).toBe('cafarov');
    expect(foldName('Эльчин')).toBe('elçin');
  });

  it('transliterates Azerbaijani Cyrillic', () => {
    expect(foldName('Мәммәдов')).toBe('məmmədov');
    expect(foldName('Һүсејнов')).toBe('hüseynov');
    expect(foldName('Ҹәфәров Ағаҝүл Өмәр')).toBe('cəfərov ağagül ömər');
  });

  it('splits on spaces, hyphens and punctuation, drops apostrophes and digits, and tells the script', () => {
    expect(foldTokens("Məmmədova-Schmidt  Mö'minə, 2").map((t) => [t.raw, t.folded, t.mode])).toEqual([
      ['Məmmədova', 'məmmədova', 'az'],
      ['Schmidt', 'schmidt', 'foreign'],
      ['Möminə', 'möminə', 'az'],
    ]);
    expect(foldTokens('Гусейнов')[0].mode).toBe('az');
    expect(foldTokens('Huseynov')[0].mode).toBe('foreign');
  });
});

describe('skeleton rules', () => {
  it.each([
    ['ş = sh / sch / ch (French) / ш', 'Şahin', ['Shahin', 'Schahin', 'Chahin', 'Шахин']],
    ['ç = ch / tsch / tch / ч', 'Çingiz', ['Chingiz', 'Tschingiz', 'Tchingiz', 'Чингиз']],
    ['c = dzh / dj / j / dsch / дж', 'Cavid', ['Dzhavid', 'Djavid', 'Javid', 'Dschavid', 'Джавид']],
    ['x = kh / ch (German) / h / х', 'Orxan', ['Orkhan', 'Orchan', 'Orhan', 'Орхан']],
    ['q = g / k', 'Vüqar', ['Vugar', 'Vukar']],
    ['ə = a / e / ä', 'Səbinə', ['Sabina', 'Sebine', 'Säbinä']],
    ['ı = i / y / ы', 'Xanım', ['Khanim', 'Khanym', 'Ханым']],
    ['ü = u / ue / ou / ю', 'Türkan', ['Turkan', 'Tuerkan', 'Tourkan', 'Тюркан']],
    ['ö = o / oe / ё', 'Könül', ['Konul', 'Koenul', 'Кёнюль']],
    ['ğ = gh / g', 'Ağa', ['Agha', 'Aga']],
    ['y = j (German) / i', 'Hüseyn', ['Husejn', 'Husein']],
    ['initial y = j (German) / ю', 'Yusif', ['Jusif', 'Юсиф']],
    ['j = zh / j / ж', 'Jalə', ['Zhala', 'Jala', 'Жаля']],
    ['German w for v', 'Vüsal', ['Wusal']],
    ['French ou for u', 'Fuad', ['Fouad']],
    ['doubled letters', 'Məmməd', ['Mammad', 'Mamed']],
    ['palatalising y after a consonant (я, ю)', 'Nigar', ['Nigyar', 'Нигяр']],
    ['glide between vowels', 'İsmayıl', ['Ismail', 'Ismajil', 'Исмаил']],
    ['Russian г for h', 'İlham', ['Ilgam', 'Ильгам']],
  ])('%s', (_rule, az, variants) => {
    for (const v of variants) expect([v, same(az, v)]).toEqual([v, 1]);
  });

  it('keeps several readings for ambiguous foreign spellings, most likely first', () => {
    expect(skeletonsOf('chalilow', 'foreign', 'surname')).toEqual(['ʤalilov', 'ʃalilov', 'kalilov']);
    expect(skeletonsOf('jusif', 'foreign')).toEqual(['ʤusif', 'yusif']);
    // an Azerbaijani token is unambiguous
    expect(skeletonsOf('cəfərov', 'az', 'surname')).toEqual(['ʤafarov']);
  });

  it('gives all real-world spellings of Məmmədov one skeleton', () => {
    for (const s of ['Məmmədov', 'Mamedov', 'Mammadov', 'Mämmädow', 'Мамедов', 'MAMMADOV']) {
      expect(nameSkeleton(s, 'surname')).toBe('mamadov');
    }
  });
});

describe('surname endings', () => {
  it('unifies -ov/-ova/-ev/-eva/-yev/-iyev/-ow/-ew/-off', () => {
    expect(same('Məmmədova', 'Mamedov', 'surname')).toBe(1);
    expect(same('Əliyeva', 'Aliev', 'surname')).toBe(1);
    expect(same('Quliyev', 'Kuliev', 'surname')).toBe(1);
    expect(same('Orucov', 'Оруджев', 'surname')).toBe(1);
    expect(same('Əliyev', 'Alieff', 'surname')).toBe(1);
    expect(same('Hüseynova', 'Gusejnowa', 'surname')).toBe(1);
  });

  it('unifies -li/-lı/-lu/-lü/-ly and -zadə/-zade/-zadeh', () => {
    expect(same('Məmmədli', 'Mammadly', 'surname')).toBe(1);
    expect(same('Məmmədlı', 'Mamedlu', 'surname')).toBe(1);
    expect(same('Əlizadə', 'Alizadeh', 'surname')).toBe(1);
    expect(same('Əlizadə', 'Ализаде', 'surname')).toBe(1);
  });

  it('keeps the ending as evidence: Əliyev is not Əlizadə, Məmmədov is not Məmmədli', () => {
    expect(same('Əliyev', 'Alizade', 'surname')).toBeLessThan(0.7);
    expect(same('Məmmədov', 'Mammadli', 'surname')).toBeLessThan(0.75);
  });
});

describe('weighted edit distance', () => {
  it('charges 0.3 for s written for ş (diacritic stripped)', () => {
    expect(skeletonDistance('sukurov', 'ʃukurov')).toBeCloseTo(0.3);
    expect(same('Şükürov', 'SUKUROV', 'surname')).toBeGreaterThan(0.95);
  });

  it('charges 0.3 for a final a added or dropped, 0.5 for a glide, 1 for anything else', () => {
    expect(skeletonDistance('kulnar', 'kulnara')).toBeCloseTo(0.3);
    expect(skeletonDistance('yusif', 'usif')).toBeCloseTo(0.5);
    expect(skeletonDistance('raʃid', 'raʃad')).toBe(1);
    expect(skeletonDistance('sabir', 'ʤabir')).toBe(1);
    expect(skeletonDistance('nasir', 'nazir')).toBe(1);
  });

  it('counts an adjacent transposition as one edit', () => {
    expect(skeletonDistance('alnur', 'anlur')).toBe(1);
  });

  it('is 1 - distance / longer length, 0 for empty input', () => {
    expect(skeletonSimilarity('kamal', 'kamil')).toBeCloseTo(0.8);
    expect(skeletonSimilarity('', '')).toBe(0);
  });

  it('compares multi-token names as a whole or token by token', () => {
    expect(same('Məhəmmədəli', 'Mahammad Ali')).toBe(1);
    expect(same('Aysel Leyla', 'Aysel')).toBeCloseTo(0.98);
    expect(compareNames('Mammadova-Schmidt', 'Məmmədova', 'surname').method).toBe('tokens');
  });
});

describe('patronymics', () => {
  it('separates oğlu / ogly / oglu / ogli and the father name', () => {
    for (const marker of ['oğlu', 'ogly', 'oglu', 'ogli', 'оглы']) {
      const p = parseGivenNames(`Orxan Elçin ${marker}`);
      expect(p.given.map((t) => t.raw)).toEqual(['Orxan']);
      expect(p.patronymic?.raw).toBe('Elçin');
      expect(p.impliedSex).toBe('male');
    }
  });

  it('separates qızı / kyzy / gizi / qizi / кызы', () => {
    for (const marker of ['qızı', 'kyzy', 'gizi', 'qizi', 'кызы']) {
      const p = parseGivenNames(`Gülnarə Rəşid ${marker}`);
      expect(p.given.map((t) => t.raw)).toEqual(['Gülnarə']);
      expect(p.patronymic?.raw).toBe('Rəşid');
      expect(p.impliedSex).toBe('female');
    }
    expect(parseGivenNames('Гюльнара Рашид кызы').patronymic?.skeletons).toContain('raʃid');
  });

  it('recognises Russian-style patronymics (-ovich, -ovna) after a given name', () => {
    const m = parseGivenNames('Orkhan Elchinovich');
    expect(m.given.map((t) => t.raw)).toEqual(['Orkhan']);
    expect(m.patronymic?.skeletons).toContain('alʤin');
    expect(m.impliedSex).toBe('male');
    const f = parseGivenNames('Лейла Рашидовна');
    expect(f.patronymic?.skeletons).toContain('raʃid');
    expect(f.impliedSex).toBe('female');
    // a single given name is never taken for a patronymic
    expect(parseGivenNames('Elchinovich').patronymic).toBeUndefined();
  });

  it('drops a marker that has no father name in front of it', () => {
    const p = parseGivenNames('Orxan oğlu');
    expect(p.given.map((t) => t.raw)).toEqual(['Orxan']);
    expect(p.patronymic).toBeUndefined();
  });

  it('parses registry patronymics with or without the marker', () => {
    expect(parsePatronymic('Elçin oğlu')?.skeletons).toEqual(['alʤin']);
    expect(parsePatronymic('Elçin')?.skeletons).toEqual(['alʤin']);
    expect(parsePatronymic('Эльчинович')?.skeletons).toContain('alʤin');
    expect(parsePatronymic(undefined)).toBeUndefined();
    expect(parsePatronymic('oğlu')).toBeUndefined();
  });
});
