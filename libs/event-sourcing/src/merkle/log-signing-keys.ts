import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NoteSigner, NoteVerifier } from './signed-note';
import { formatVerifierKey, noteSigner, parseVerifierKey } from './signed-note';

export interface LogKeyFiles {
  /** Ed25519 private key, PKCS#8 PEM. */
  signingKeyFile: string;
  /** One verifier key (`name+id+base64`) per line: the current key and every retired one. */
  keyringFile: string;
  /** The current public key as SPKI PEM, for `verify-export --key`. */
  publicKeyFile: string;
}

export interface LogKeys {
  signer: NoteSigner;
  verifiers: NoteVerifier[];
  files: LogKeyFiles;
  /** Set when no key was configured and a development key was made. */
  generated: boolean;
}

export const DEFAULT_KEY_NAME = 'hemotrace.local/log';

export const logKeyFiles = (env: NodeJS.ProcessEnv, dataDir: string): LogKeyFiles => ({
  signingKeyFile: env.HEMOTRACE_LOG_SIGNING_KEY_FILE || join(dataDir, 'log-signing-key.pem'),
  keyringFile: env.HEMOTRACE_LOG_KEYRING_FILE || join(dataDir, 'log-keyring.txt'),
  publicKeyFile: env.HEMOTRACE_LOG_PUBLIC_KEY_FILE || join(dataDir, 'log-public-key.pem'),
});

export const readKeyring = (file: string): NoteVerifier[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#'))
        .map(parseVerifierKey)
    : [];

/**
 * The signing key from its file; without one a development key is made (like the dev token) only
 * when `allowGenerate`. The current key is added to the keyring, which never forgets old keys, so
 * checkpoints signed before a rotation still verify.
 */
export const loadLogKeys = (
  files: LogKeyFiles,
  options: { name?: string; allowGenerate: boolean },
): LogKeys => {
  let generated = false;
  if (!existsSync(files.signingKeyFile)) {
    if (!options.allowGenerate) throw new Error(`No log signing key at ${files.signingKeyFile}`);
    const { privateKey } = generateKeyPairSync('ed25519');
    mkdirSync(dirname(files.signingKeyFile), { recursive: true });
    writeFileSync(files.signingKeyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    generated = true;
  }
  const signer = noteSigner(options.name ?? DEFAULT_KEY_NAME, readFileSync(files.signingKeyFile, 'utf8'));
  const verifiers = readKeyring(files.keyringFile);
  if (!verifiers.some((v) => v.name === signer.name && v.keyId === signer.keyId)) {
    const line = formatVerifierKey(signer);
    mkdirSync(dirname(files.keyringFile), { recursive: true });
    const existing = existsSync(files.keyringFile) ? readFileSync(files.keyringFile, 'utf8') : '';
    writeFileSync(
      files.keyringFile,
      `${existing}${existing && !existing.endsWith('\n') ? '\n' : ''}${line}\n`,
    );
    verifiers.push(parseVerifierKey(line));
  }
  const pem = signer.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  if (!existsSync(files.publicKeyFile) || readFileSync(files.publicKeyFile, 'utf8') !== pem) {
    mkdirSync(dirname(files.publicKeyFile), { recursive: true });
    writeFileSync(files.publicKeyFile, pem);
  }
  return { signer, verifiers, files, generated };
};
