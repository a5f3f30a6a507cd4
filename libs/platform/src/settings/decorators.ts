import 'reflect-metadata'; // the decorators below store metadata, also when loaded outside Nest
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import {
  IntegerOptions,
  NumberListOptions,
  SettingValueError,
  UrlOptions,
  parseBoolean,
  parseInteger,
  parseJson,
  parseList,
  parseMilliseconds,
  parseMongoUri,
  parseNumberList,
  parseOneOf,
  parsePattern,
  parseReadableFile,
  parseUrl,
} from './parsers';

/** What a parser left in place of a value it refused: the validator reports its reason. */
class RefusedValue {
  constructor(readonly reason: string) {}
}

/**
 * A setting read by `parse` from its environment string. A value that is not a string (the class's default) is
 * kept as it is. A refused value fails validation with the parser's reason; the loader names the variable.
 */
export function ParsedSetting<T>(parse: (raw: string) => T): PropertyDecorator {
  const transform = Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    try {
      return parse(value);
    } catch (error) {
      if (error instanceof SettingValueError) return new RefusedValue(error.message);
      throw error;
    }
  });
  const validate = ValidateBy({
    name: 'parsedSetting',
    validator: {
      validate: (value: unknown) => !(value instanceof RefusedValue),
      defaultMessage: (args) => (args?.value instanceof RefusedValue ? args.value.reason : 'is invalid'),
    },
  });
  return (target, property) => {
    transform(target, property as string);
    validate(target, property as string);
  };
}

/** A duration in whole milliseconds (non-negative integer; "30s" is refused). */
export const IsMilliseconds = (options?: IntegerOptions) => ParsedSetting((raw) => parseMilliseconds(raw, options));
export const IsIntegerSetting = (options?: IntegerOptions) => ParsedSetting((raw) => parseInteger(raw, options));
export const IsPort = () => ParsedSetting((raw) => parseInteger(raw, { min: 0, max: 65535 }));
/** Comma-separated numbers, e.g. "72,24". */
export const IsNumberList = (options?: NumberListOptions) => ParsedSetting((raw) => parseNumberList(raw, options));
/** Comma-separated items, each matching `pattern` (after `normalise`). */
export const IsListSetting = (item?: Parameters<typeof parseList>[1]) => ParsedSetting((raw) => parseList(raw, item));
export const IsPatternSetting = (pattern: RegExp, describe: string) => ParsedSetting((raw) => parsePattern(raw, pattern, describe));
export const IsBooleanSetting = () => ParsedSetting(parseBoolean);
export const IsOneOf = <T extends string>(values: readonly T[]) => ParsedSetting((raw) => parseOneOf(raw, values));
export const IsUrlSetting = (options: UrlOptions) => ParsedSetting((raw) => parseUrl(raw, options));
export const IsMongoUri = () => ParsedSetting(parseMongoUri);
/** A path to a file the process can read at boot. */
export const IsReadableFile = () => ParsedSetting(parseReadableFile);
export const IsJsonSetting = (check?: (value: unknown) => string | undefined) => ParsedSetting((raw) => parseJson(raw, check));

const SECRETS = Symbol('secret settings');

/** Marks a setting whose value is never shown (names ending in _PASSWORD, _TOKEN, _SECRET, _KEY are secret anyway). */
export function Secret(): PropertyDecorator {
  return (target, property) => {
    const own: string[] = Reflect.getOwnMetadata(SECRETS, target.constructor) ?? [
      ...(Reflect.getMetadata(SECRETS, target.constructor) ?? []),
    ];
    Reflect.defineMetadata(SECRETS, [...own, String(property)], target.constructor);
  };
}

export function secretsOf(cls: abstract new () => object): string[] {
  return Reflect.getMetadata(SECRETS, cls) ?? [];
}
