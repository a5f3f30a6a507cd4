import { loadSettings, runService } from '@readmission/platform';
import { reintegrationService } from './reintegration.app';
import { ReintegrationSettings } from './settings';

// Invalid settings stop the process naming each bad variable (never a secret value).
void runService(() => reintegrationService(loadSettings(ReintegrationSettings)));
