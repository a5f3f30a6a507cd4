import { createServer } from 'net';

/**
 * The first port of `size` consecutive free TCP ports inside [from, to), tried from a random start. Tests that
 * launch services on fixed ports use it so that two runs on one machine (a CI run next to a developer's) do not
 * collide; the range must lie below 32768, outside the kernel's ephemeral ports.
 */
export async function freePortBlock(size: number, [from, to]: [number, number]): Promise<number> {
  const bases = Math.floor((to - from) / size);
  if (bases < 1) throw new Error(`no room for ${size} ports in ${from}-${to}`);
  const start = Math.floor(Math.random() * bases);
  for (let i = 0; i < bases; i++) {
    const base = from + ((start + i) % bases) * size;
    if (await allFree(base, size)) return base;
  }
  throw new Error(`no ${size} free consecutive ports in ${from}-${to}`);
}

async function allFree(base: number, size: number): Promise<boolean> {
  for (let port = base; port < base + size; port++) if (!(await free(port))) return false;
  return true;
}

function free(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
  });
}
