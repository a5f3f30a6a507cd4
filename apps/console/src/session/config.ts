/** What the console server says about sign-in (GET /config.json). */
export interface ConsoleConfig {
  devSignIn: boolean;
  oidc: { authority: string; clientId: string; scope?: string } | null;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch('/config.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`config.json: ${res.status}`);
  return (await res.json()) as ConsoleConfig;
}
