import { alertPointsFrom } from '@readmission/platform';

/** Hours before the reply falls due at which an alert is raised (REPLY_ALERT_HOURS, e.g. "72,24"). */
export function alertPoints(env: NodeJS.ProcessEnv = process.env): number[] {
  return alertPointsFrom(env, 'REPLY_ALERT_HOURS', '72,24');
}
