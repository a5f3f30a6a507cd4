import { loadSettings, runService } from '@readmission/platform';
import { intakeService } from './intake.app';
import { IntakeSettings } from './settings';

// Invalid settings stop the process naming each bad variable (never a secret value).
void runService(() => intakeService(loadSettings(IntakeSettings)));
