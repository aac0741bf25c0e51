/**
 * Keys of personal data, one per person (subject), kept apart from the event log: destroying a key
 * erases everything sealed with it (crypto-shredding) while the log, its hashes and proofs stay as
 * they are. The embedded default is a table in the same database; a KMS or HSM adapter implements
 * this port and keeps only a key reference here (see README, "Erasable personal data").
 */
export interface PersonalDataKey {
  keyId: string;
  /** 32 bytes, AES-256. */
  key: Buffer;
}

export type PersonalDataKeyLookup =
  | { status: 'Live'; key: PersonalDataKey }
  | { status: 'Destroyed'; keyId: string; destroyedAt: string }
  | { status: 'Unknown' };

export interface PersonalDataKeyStore {
  /** The subject's live key, made on first call; a destroyed subject never gets a new one. */
  createKey(subjectId: string): Promise<PersonalDataKey>;
  get(subjectId: string): Promise<PersonalDataKeyLookup>;
  /** Overwrites the key material; idempotent. */
  destroy(subjectId: string, at: string): Promise<void>;
  close?(): Promise<void>;
}

export const PERSONAL_DATA_KEYS = Symbol('PersonalDataKeyStore');

export class PersonalDataKeyDestroyed extends Error {
  readonly code = 'PERSONAL_DATA.KEY_DESTROYED';
  constructor(readonly subjectId: string) {
    super(`The personal data key of ${subjectId} was destroyed`);
  }
}
