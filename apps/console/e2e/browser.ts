import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'fs';
import { join } from 'path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';

/** Screenshots of every page the journeys visit (CI keeps them as the test output). */
export const OUTPUT = join(__dirname, '..', '..', '..', '.local', 'test-output', 'console');

/** Debian's Chromium (no browser download here), headless, without any of its own network traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface Checked {
  /** Pages checked, with the axe violations and untranslated keys found on each (all must stay empty). */
  pages: { name: string; violations: string[]; missing: string[] }[];
}

/** Signs in with the development sign-in as `roleLabel` (the role's name in Azerbaijani, the default language). */
export async function signIn(context: BrowserContext, baseUrl: string, roleLabel: string, name: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByRole('combobox', { name: 'Rol' }).click();
  await page.getByRole('option', { name: roleLabel }).click();
  await page.getByRole('textbox', { name: 'Adınız' }).fill(name);
  await page.getByRole('button', { name: 'İnkişaf üçün daxil ol' }).click();
  await page.getByTestId('dev-badge').waitFor();
  return page;
}

const missingKeys = (page: Page) => page.evaluate(() => [...((globalThis as { __missingKeys?: string[] }).__missingKeys ?? [])]);

/**
 * The checks every page gets: no WCAG 2.1 AA violation found by axe, no key missing from the catalogue, in
 * Azerbaijani and then in English (switched with the page's own control), a screenshot of each.
 */
export async function checkPage(page: Page, name: string, checked: Checked, options: { dialog?: boolean } = {}): Promise<void> {
  mkdirSync(OUTPUT, { recursive: true });
  await page.waitForLoadState('networkidle');
  await page
    .getByText('Yüklənir…')
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 })
    .catch(() => undefined);
  // A dialog covers the page's language switch: it is checked in the language of the page it opened on.
  for (const language of options.dialog ? (['az'] as const) : (['az', 'en'] as const)) {
    if (language === 'en') await page.getByText('English', { exact: true }).first().click();
    await page.waitForTimeout(300);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const violations = axe.violations.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );
    checked.pages.push({ name: `${name} [${language}]`, violations, missing: await missingKeys(page) });
    await page.screenshot({ path: join(OUTPUT, `${name}.${language}.png`), fullPage: true });
    await page.screenshot({ path: join(OUTPUT, `${name}.${language}.top.png`) });
  }
  if (options.dialog) return;
  await page.getByText('Azərbaycanca', { exact: true }).first().click();
  await page.waitForTimeout(200);
}

/** Reloads until `probe` finds what it waits for (lists refresh on the server's schedule, not the test's). */
export async function reloadUntil(page: Page, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > end) throw new Error('timed out waiting on the page');
    await page.waitForTimeout(1_000);
    await page.reload();
    await page.waitForLoadState('networkidle');
  }
}
