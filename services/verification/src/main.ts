import { loadSettings, runService } from '@readmission/platform';
import { VerificationSettings } from './settings';
import { verificationService } from './verification.app';

// Invalid settings stop the process naming each bad variable (never a secret value).
void runService(() => verificationService(loadSettings(VerificationSettings)));
