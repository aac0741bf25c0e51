import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { PersonalDataKey } from './personal-data-key-store.port';

export const PERSONAL_DATA_ALGORITHM = 'AES-256-GCM';

/** Personal data as stored in an event: the hash chain covers this ciphertext, never the plaintext. */
export interface SealedPersonalData {
  alg: typeof PERSONAL_DATA_ALGORITHM;
  keyId: string;
  /** base64, 12 bytes. */
  iv: string;
  /** base64, 16 bytes. */
  tag: string;
  /** base64 of the AES-256-GCM encrypted JSON. */
  ciphertext: string;
}

export const isSealed = (value: unknown): value is SealedPersonalData =>
  typeof value === 'object' &&
  value !== null &&
  (value as SealedPersonalData).alg === PERSONAL_DATA_ALGORITHM &&
  typeof (value as SealedPersonalData).ciphertext === 'string';

/** The subject id is the additional authenticated data: a ciphertext copied onto another person fails. */
export const sealPersonalData = (
  plaintext: unknown,
  key: PersonalDataKey,
  subjectId: string,
): SealedPersonalData => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(subjectId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(plaintext), 'utf8'), cipher.final()]);
  return {
    alg: PERSONAL_DATA_ALGORITHM,
    keyId: key.keyId,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
};

export const openPersonalData = <T>(
  sealed: SealedPersonalData,
  key: PersonalDataKey,
  subjectId: string,
): T => {
  if (sealed.keyId !== key.keyId) throw new Error(`Sealed with key ${sealed.keyId}, not ${key.keyId}`);
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(subjectId, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const plaintext = Buffer.concat([
    decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
    decipher.final(),
  ]);
  return JSON.parse(plaintext.toString('utf8')) as T;
};

export type UnsealResult<T> = { status: 'Readable'; value: T } | { status: 'Erased'; erasedAt?: string };
