import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '@hemotrace/kernel';
import { isRole } from '@hemotrace/kernel';

export interface TokenGrant extends Actor {
  token: string;
}

export interface TokenSource {
  tokensFile?: string;
  tokensJson?: string;
  dataDir: string;
}

export interface LoadedTokens {
  grants: TokenGrant[];
  /** Set when nothing was configured and a development admin token was made. */
  developmentToken?: string;
}

const parseGrants = (json: string, origin: string): TokenGrant[] => {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed))
    throw new Error(`${origin} must hold a JSON array of {token, userId, role, siteId}`);
  return parsed.map((entry, i) => {
    const { token, userId, role, siteId } = entry as Record<string, unknown>;
    if (typeof token !== 'string' || token.length < 16)
      throw new Error(`${origin}[${i}].token must have 16+ characters`);
    if (typeof userId !== 'string' || !userId) throw new Error(`${origin}[${i}].userId is required`);
    if (typeof role !== 'string' || !isRole(role))
      throw new Error(`${origin}[${i}].role ${String(role)} is not a role`);
    if (typeof siteId !== 'string' || !siteId) throw new Error(`${origin}[${i}].siteId is required`);
    return { token, userId, role, siteId };
  });
};

/**
 * Bearer tokens per user, from HEMOTRACE_TOKENS_FILE or HEMOTRACE_TOKENS. With neither, a
 * development admin token is made once and kept in the data directory so restarts keep it.
 */
export const loadTokens = (source: TokenSource): LoadedTokens => {
  if (source.tokensFile)
    return { grants: parseGrants(readFileSync(source.tokensFile, 'utf8'), source.tokensFile) };
  if (source.tokensJson) return { grants: parseGrants(source.tokensJson, 'HEMOTRACE_TOKENS') };
  mkdirSync(source.dataDir, { recursive: true });
  const file = join(source.dataDir, 'dev-admin.token');
  const token = existsSync(file) ? readFileSync(file, 'utf8').trim() : randomBytes(24).toString('hex');
  if (!existsSync(file)) writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { grants: [{ token, userId: 'dev-admin', role: 'admin', siteId: 'DEV' }], developmentToken: token };
};

export class TokenRegistry {
  constructor(private readonly grants: readonly TokenGrant[]) {}

  actorFor(token: string): Actor | null {
    const presented = Buffer.from(token);
    for (const grant of this.grants) {
      const known = Buffer.from(grant.token);
      if (known.length === presented.length && timingSafeEqual(known, presented)) {
        return { userId: grant.userId, role: grant.role, siteId: grant.siteId };
      }
    }
    return null;
  }
}
