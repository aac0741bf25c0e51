import { generateKeyPairSync } from 'node:crypto';
import { openCheckpoint, parseCheckpointText, signCheckpoint, streamHeadsRoot } from './checkpoint';
import { leafHash } from './merkle-tree';
import {
  formatVerifierKey,
  noteSigner,
  noteVerifierOf,
  parseNote,
  parseVerifierKey,
  verifyNote,
} from './signed-note';

const pem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const checkpointOf = (treeSize: number) => ({
  origin: 'bc.example/log',
  treeSize,
  rootHash: leafHash(Buffer.from(`root ${treeSize}`)),
  streamCount: 2,
  headsRoot: streamHeadsRoot([
    { streamId: 'Donation-A', version: 3, hash: 'aa' },
    { streamId: 'Unit-B', version: 1, hash: 'bb' },
  ]).root,
  time: '2026-03-01T08:00:00.000Z',
});

describe('signed checkpoints', () => {
  it('writes a C2SP checkpoint note that opens with the signer and reads back the same tree', () => {
    const signer = noteSigner('bc.example/log', pem());
    const signed = signCheckpoint(checkpointOf(42), signer);
    const [text] = signed.note.split('\n\n');
    expect(text!.split('\n').slice(0, 2)).toEqual(['bc.example/log', '42']);
    const opened = openCheckpoint(
      signed.note,
      [noteVerifierOf(signer.name, signer.publicKey)],
      'bc.example/log',
    );
    expect(opened).toMatchObject({ ok: true, checkpoint: { treeSize: 42, keyId: signer.keyId } });
    expect(parseCheckpointText(parseNote(signed.note).text).rootHash.equals(signed.rootHash)).toBe(true);
  });

  it('computes the key id as C2SP says: SHA-256(name, newline, 0x01, public key), first 4 bytes', () => {
    const signer = noteSigner('bc.example/log', pem());
    const vkey = formatVerifierKey(signer);
    expect(vkey.startsWith(`bc.example/log+${signer.keyId}+`)).toBe(true);
    expect(parseVerifierKey(vkey).keyId).toBe(signer.keyId);
    const signature = Buffer.from(
      parseNote(signCheckpoint(checkpointOf(1), signer).note).signatures[0]!.signature,
    );
    expect(signature).toHaveLength(64);
  });

  it('refuses a checkpoint whose size was edited, and one signed by an unknown key', () => {
    const signer = noteSigner('bc.example/log', pem());
    const known = [noteVerifierOf(signer.name, signer.publicKey)];
    const edited = signCheckpoint(checkpointOf(42), signer).note.replace('\n42\n', '\n41\n');
    expect(verifyNote(edited, known)).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
    const stranger = noteSigner('bc.example/log', pem());
    expect(verifyNote(signCheckpoint(checkpointOf(42), stranger).note, known)).toMatchObject({
      ok: false,
      reason: 'UNKNOWN_KEY',
    });
  });

  it('still opens a checkpoint signed before a key rotation with the kept old key', () => {
    const old = noteSigner('bc.example/log', pem());
    const current = noteSigner('bc.example/log', pem());
    const keyring = [old, current].map((s) => parseVerifierKey(formatVerifierKey(s)));
    expect(openCheckpoint(signCheckpoint(checkpointOf(7), old).note, keyring).ok).toBe(true);
    expect(openCheckpoint(signCheckpoint(checkpointOf(9), current).note, keyring).ok).toBe(true);
  });

  it('commits to the stream heads independently of their order, and changes with a truncated stream', () => {
    const heads = [
      { streamId: 'Unit-B', version: 1, hash: 'bb' },
      { streamId: 'Donation-A', version: 3, hash: 'aa' },
    ];
    const root = streamHeadsRoot(heads).root;
    expect(streamHeadsRoot([...heads].reverse()).root.equals(root)).toBe(true);
    expect(streamHeadsRoot([heads[0]!, { ...heads[1]!, version: 2 }]).root.equals(root)).toBe(false);
  });
});
