import { createServer } from 'node:net';

const portIsFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

/**
 * One consecutive block of free ports per name, between 20000 and 32000: below the ephemeral range
 * the kernel draws outgoing connections' source ports from, where a random pick can collide with a
 * Kafka or PostgreSQL client socket opened by another process in the meantime (EADDRINUSE).
 */
export const freePortsBelowEphemeral = async <Name extends string>(
  names: readonly Name[],
): Promise<Record<Name, number>> => {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const base = 20_000 + Math.floor(Math.random() * 1_500) * 8;
    const ports = names.map((_, i) => base + i);
    const free = await Promise.all(ports.map(portIsFree));
    if (free.every(Boolean))
      return Object.fromEntries(names.map((n, i) => [n, ports[i]])) as Record<Name, number>;
  }
  throw new Error('no block of free ports between 20000 and 32000');
};
