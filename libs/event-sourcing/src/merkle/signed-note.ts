import type { KeyObject } from 'node:crypto';
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';

/**
 * C2SP signed-note (c2sp.org/signed-note) with Ed25519 signatures, via node:crypto:
 * text ending in a newline, a blank line, then lines `— <key name> base64(key id || signature)`.
 */
const ED25519 = 0x01;
const EM_DASH = '\u2014';

export interface NoteSigner {
  name: string;
  /** 4-byte key id, hex. */
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface NoteVerifier {
  name: string;
  keyId: string;
  publicKey: KeyObject;
}

export interface NoteSignature {
  name: string;
  keyId: string;
  signature: Buffer;
}

export interface ParsedNote {
  text: string;
  signatures: NoteSignature[];
}

export class MalformedNote extends Error {
  readonly code = 'NOTE.MALFORMED';
}

const rawPublicKey = (key: KeyObject): Buffer => {
  const der = key.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32);
};

const validName = (name: string): boolean => name.length > 0 && !/[\s+]/u.test(name);

/** key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte Ed25519 public key)[:4] */
export const noteKeyId = (name: string, publicKey: KeyObject): string =>
  createHash('sha256')
    .update(
      Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([ED25519]), rawPublicKey(publicKey)]),
    )
    .digest()
    .subarray(0, 4)
    .toString('hex');

export const noteSigner = (name: string, privateKeyPem: string): NoteSigner => {
  if (!validName(name)) throw new MalformedNote(`A key name has no spaces or plus signs: ${name}`);
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new MalformedNote('The signing key must be Ed25519');
  const publicKey = createPublicKey(privateKey);
  return { name, keyId: noteKeyId(name, publicKey), privateKey, publicKey };
};

export const noteVerifierOf = (name: string, publicKey: KeyObject): NoteVerifier => ({
  name,
  keyId: noteKeyId(name, publicKey),
  publicKey,
});

/** The vkey text form used by Go's note package and witnesses: `<name>+<hex id>+<base64(0x01 || key)>`. */
export const formatVerifierKey = (verifier: NoteVerifier): string =>
  `${verifier.name}+${verifier.keyId}+${Buffer.concat([Buffer.from([ED25519]), rawPublicKey(verifier.publicKey)]).toString('base64')}`;

export const parseVerifierKey = (vkey: string): NoteVerifier => {
  const match = /^([^+\s]+)\+([0-9a-fA-F]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey.trim());
  const [, name, keyId, key] = match ?? [];
  const bytes = Buffer.from(key ?? '', 'base64');
  if (!name || !keyId || bytes.length !== 33 || bytes[0] !== ED25519)
    throw new MalformedNote(`Not an Ed25519 verifier key: ${vkey}`);
  const publicKey = createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), bytes.subarray(1)]),
    format: 'der',
    type: 'spki',
  });
  const verifier = noteVerifierOf(name, publicKey);
  if (verifier.keyId !== keyId.toLowerCase())
    throw new MalformedNote(`Key id ${keyId} does not match ${name}'s key`);
  return verifier;
};

export const signNote = (text: string, signer: NoteSigner): string => {
  if (!text.endsWith('\n')) throw new MalformedNote('A note text ends with a newline');
  const signature = sign(null, Buffer.from(text, 'utf8'), signer.privateKey);
  const payload = Buffer.concat([Buffer.from(signer.keyId, 'hex'), signature]).toString('base64');
  return `${text}\n${EM_DASH} ${signer.name} ${payload}\n`;
};

export const parseNote = (note: string): ParsedNote => {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n'))
    throw new MalformedNote('A signed note has a text, a blank line and signatures');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const signatures = lines.map((line) => {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line);
    if (!match) throw new MalformedNote(`Not a signature line: ${line}`);
    const bytes = Buffer.from(match[2]!, 'base64');
    if (bytes.length < 5) throw new MalformedNote(`Signature too short: ${line}`);
    return { name: match[1]!, keyId: bytes.subarray(0, 4).toString('hex'), signature: bytes.subarray(4) };
  });
  return { text, signatures };
};

export type NoteVerdict =
  | { ok: true; text: string; verifiedBy: NoteVerifier }
  | { ok: false; reason: 'UNKNOWN_KEY' | 'BAD_SIGNATURE' | 'MALFORMED'; message: string };

/** Accepts the note when a known key signed it; a known key's failing signature rejects it. */
export const verifyNote = (note: string, verifiers: readonly NoteVerifier[]): NoteVerdict => {
  let parsed: ParsedNote;
  try {
    parsed = parseNote(note);
  } catch (error) {
    return { ok: false, reason: 'MALFORMED', message: (error as Error).message };
  }
  let verifiedBy: NoteVerifier | undefined;
  for (const signature of parsed.signatures) {
    const verifier = verifiers.find((v) => v.name === signature.name && v.keyId === signature.keyId);
    if (!verifier) continue;
    if (!verify(null, Buffer.from(parsed.text, 'utf8'), verifier.publicKey, signature.signature)) {
      return {
        ok: false,
        reason: 'BAD_SIGNATURE',
        message: `The signature of ${signature.name}+${signature.keyId} does not verify`,
      };
    }
    verifiedBy = verifier;
  }
  return verifiedBy
    ? { ok: true, text: parsed.text, verifiedBy }
    : {
        ok: false,
        reason: 'UNKNOWN_KEY',
        message: `Signed by ${parsed.signatures.map((s) => `${s.name}+${s.keyId}`).join(', ')}, none of them a known key`,
      };
};
