import { IsOptional } from 'class-validator';
import { IsJsonSetting, IsNumberList, IsReadableFile, PlatformSettings, SettingsEnv, settingsForTest } from '@readmission/platform';

/** Per crossing point, per Baku date (YYYY-MM-DD): persons that day instead of the usual capacity (0 = closed). */
export type CapacityOverrides = Record<string, Record<string, number>>;

/** Every variable transfer reads, validated at boot (`loadSettings(TransferSettings)`). */
export class TransferSettings extends PlatformSettings {
  override PORT = 3003;
  /** Days before the transfer time limit at which an alert is raised, e.g. "14,3" (kept largest first). */
  @IsNumberList({ positive: true, order: 'descending' }) TRANSFER_ALERT_DAYS = [14, 3];
  /** A crossing-points file to use instead of the shipped one (its content is checked where it is loaded). */
  @IsOptional() @IsReadableFile() TRANSFER_CROSSING_POINTS_FILE?: string;
  /** Capacity overrides as JSON, e.g. {"GYP":{"2026-12-01":0}}; the points must exist (checked where loaded). */
  @IsOptional() @IsJsonSetting(capacityOverridesProblem) TRANSFER_CAPACITY_OVERRIDES?: CapacityOverrides;
}

const POINT = /^[A-Z0-9-]{2,16}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function capacityOverridesProblem(value: unknown): string | undefined {
  const shape = 'must be {"<POINT>": {"<YYYY-MM-DD>": <whole number ≥ 0>}}';
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(value)) return shape;
  for (const [point, days] of Object.entries(value)) {
    if (!POINT.test(point) || !isObject(days)) return `${shape}; not at "${point}"`;
    for (const [date, persons] of Object.entries(days)) {
      if (!DATE.test(date) || !Number.isInteger(persons) || (persons as number) < 0) return `${shape}; not at "${point}"."${date}"`;
    }
  }
  return undefined;
}

/** Transfer settings for a test: the test infrastructure and `env` (see settingsForTest). */
export const transferSettingsForTest = (env: SettingsEnv = {}): TransferSettings => settingsForTest(TransferSettings, env);
