import { Server, createServer } from 'net';
import { freePortBlock } from './ports';

const listen = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port, host: '0.0.0.0' }, () => resolve(server));
  });
const close = (server: Server) => new Promise((resolve) => server.close(resolve));

describe('freePortBlock', () => {
  it('skips a block in which one port is taken', async () => {
    const first = await freePortBlock(4, [23400, 23480]);
    const taken = await listen(first + 2);
    try {
      for (let i = 0; i < 20; i++) {
        const base = await freePortBlock(4, [first, first + 8]);
        expect(base).toBe(first + 4);
      }
    } finally {
      await close(taken);
    }
  });

  it('says so when no block is free', async () => {
    const first = await freePortBlock(2, [23480, 23520]);
    const taken = await listen(first);
    try {
      await expect(freePortBlock(2, [first, first + 2])).rejects.toThrow(`no 2 free consecutive ports in ${first}-${first + 2}`);
    } finally {
      await close(taken);
    }
  });
});
