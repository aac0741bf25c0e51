#!/usr/bin/env python3
"""Verifies a Hemotrace export offline, with the Python 3 standard library only.

    python3 verify_export.py EXPORT.json log-public-key.pem

Proves origin (signed checkpoint and statement), integrity (every hash chain) and completeness
(every stream in the signed manifest, up to its head committed by the checkpoint); prints each
finding and exits 1 on any. The format is described in export-format.md next to this file.
"""
import base64, hashlib, json, sys

# Ed25519 signature verification, RFC 8032 section 5.1.7 (extended twisted Edwards coordinates).
P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)

def _x(y, sign):
    xx = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    x = pow(xx, (P + 3) // 8, P)
    if (x * x - xx) % P: x = x * SQRT_M1 % P
    if (x * x - xx) % P or (x == 0 and sign): raise ValueError("not a point")
    return P - x if x & 1 != sign else x

def _point(b):
    y = int.from_bytes(b, "little") & ((1 << 255) - 1)
    if y >= P: raise ValueError("not a point")
    x = _x(y, b[31] >> 7)
    return (x, y, 1, x * y % P)

def _add(p, q):
    a, b = (p[1] - p[0]) * (q[1] - q[0]) % P, (p[1] + p[0]) * (q[1] + q[0]) % P
    c, d = 2 * p[3] * q[3] * D % P, 2 * p[2] * q[2] % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % P, g * h % P, f * g % P, e * h % P)

def _mul(s, p):
    q = (0, 1, 1, 0)
    while s:
        if s & 1: q = _add(q, p)
        p, s = _add(p, p), s >> 1
    return q

_GY = 4 * pow(5, P - 2, P) % P
G = (_x(_GY, 0), _GY, 1, _x(_GY, 0) * _GY % P)

def ed25519_verify(public, message, signature):
    try:
        a, r, s = _point(public), _point(signature[:32]), int.from_bytes(signature[32:], "little")
    except ValueError:
        return False
    if len(signature) != 64 or s >= L: return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), "little") % L
    left, right = _mul(s, G), _add(r, _mul(h, a))
    return (left[0] * right[2] - right[0] * left[2]) % P == 0 and (left[1] * right[2] - right[1] * left[2]) % P == 0

# C2SP signed note: text, blank line, "— name base64(keyid[4] || signature)"; key id = SHA-256(name \n 0x01 key)[:4].
def open_note(note, public):
    text, _, sigs = note.rpartition("\n\n")
    for line in sigs.strip("\n").split("\n"):
        name, raw = line[2:].split(" ")
        raw = base64.b64decode(raw)
        key_id = hashlib.sha256(name.encode() + b"\n\x01" + public).digest()[:4]
        if raw[:4] == key_id and ed25519_verify(public, (text + "\n").encode(), raw[4:]):
            return (text + "\n").split("\n")[:-1], key_id.hex()
    return None, None

# RFC 9162 section 2.1: leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || left || right).
sha = lambda b: hashlib.sha256(b).digest()
leaf = lambda b: sha(b"\x00" + b)

def included(index, size, leaf_hash, proof, root):
    if not 0 <= index < size: return False
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        if sn == 0: return False
        if fn & 1 or fn == sn:
            r = sha(b"\x01" + p + r)
            while not fn & 1 and fn: fn, sn = fn >> 1, sn >> 1
        else:
            r = sha(b"\x01" + r + p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root

canonical = lambda v: json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
HASHED = ["eventId", "type", "schemaVersion", "streamId", "streamVersion", "occurredAt", "recordedAt",
          "actor", "correlationId", "causationId", "commandId", "data"]
event_hash = lambda e: hashlib.sha256((e["prevHash"] + canonical({k: e[k] for k in HASHED if k in e})).encode()).hexdigest()

def verify(export, public):
    found = []
    ev = export["evidence"]
    lines, key_id = open_note(ev["checkpoint"], public)
    if not lines: return [("CHECKPOINT_INVALID", "", "the checkpoint is not signed by this key")], None, None
    origin, size, root = lines[0], int(lines[1]), base64.b64decode(lines[2])
    heads = next(l.split(" ") for l in lines if l.startswith("hemotrace-stream-heads "))
    stream_count, heads_root = int(heads[1]), base64.b64decode(heads[2])
    statement, _ = open_note(ev["statement"], public)
    manifest = ev["manifest"]
    signed = canonical({"exportedAt": export["exportedAt"], "subject": export["subject"], "asOf": export["asOf"],
                        "lineage": export["lineage"], "scope": export.get("scope"),
                        "manifest": [{"streamId": m["streamId"], "version": m["version"], "hash": m["hash"]} for m in manifest]})
    if not statement or statement[:2] != [origin + "/export", str(size)]:
        found.append(("STATEMENT_INVALID", "", "the statement is not signed by this key for this checkpoint"))
    elif statement[2] != base64.b64encode(sha(signed.encode())).decode():
        found.append(("CONTENT_EDITED", "", "subject, lineage, scope, export time or manifest is not what was signed"))
    for m in manifest:
        head_leaf = leaf(f"{m['streamId']}\n{m['version']}\n{m['hash']}".encode())
        proof = [base64.b64decode(h) for h in m["headProof"]]
        if m["headIndex"] is not None and not included(m["headIndex"], stream_count, head_leaf, proof, heads_root):
            found.append(("HEAD_NOT_PROVEN", m["streamId"], "the head is not the one the checkpoint commits to"))
    streams = {s["streamId"]: s for s in export["streams"]}
    for m in manifest:
        if m["streamId"] not in streams and m["version"] > 0:
            found.append(("STREAM_MISSING", m["streamId"], "in the signed manifest, not in the export"))
    by_id = {m["streamId"]: m for m in manifest}
    for sid, s in streams.items():
        if sid not in by_id:
            found.append(("STREAM_NOT_IN_MANIFEST", sid, "not in the signed manifest")); continue
        prev, version = "0" * 64, 0
        for e in s["events"]:
            if e["streamId"] != sid or e["streamVersion"] != version + 1 or e["prevHash"] != prev:
                found.append(("BROKEN_CHAIN", sid, f"version {e['streamVersion']} does not follow version {version}"))
            if event_hash(e) != e["hash"]:
                found.append(("HASH_MISMATCH", sid, f"version {e['streamVersion']} does not match its hash"))
            proof = [base64.b64decode(h) for h in e["proof"]["hashes"]]
            if not included(e["proof"]["leafIndex"], size, leaf(bytes.fromhex(e["hash"])), proof, root):
                found.append(("NOT_IN_LOG", sid, f"version {e['streamVersion']} is not in the signed log"))
            prev, version = e["hash"], e["streamVersion"]
        if (version, prev) != (by_id[sid]["version"], by_id[sid]["hash"]):
            found.append(("STREAM_TRUNCATED", sid, f"ends at version {version}; its head is {by_id[sid]['version']}"))
    return found, size, key_id

if __name__ == "__main__":
    export = json.load(open(sys.argv[1], encoding="utf-8"))
    pem = "".join(l for l in open(sys.argv[2]).read().splitlines() if not l.startswith("-----"))
    findings, size, key_id = verify(export, base64.b64decode(pem)[-32:])
    for problem, stream, message in findings:
        print(f"{problem} {stream or 'export'}: {message}")
    if findings: sys.exit(1)
    print(f"OK: {export['subject']['kind']} {export['subject']['id']}, {sum(len(s['events']) for s in export['streams'])} events"
          f" in {len(export['streams'])} streams, proven against the checkpoint of {size} events (key {key_id})")
