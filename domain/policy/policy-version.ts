/**
 * A pack's version is the hex SHA-256 of its canonical JSON (RFC 8785) without the version field:
 * any change to any rule gives a new version, and the same rules always give the same one, whoever
 * serialised them and in whatever key order.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import canonicalize from 'canonicalize';

export function canonicalJson(content: unknown): string {
  const text = canonicalize(content);
  if (text === undefined) throw new TypeError('A policy pack must be a JSON object');
  return text;
}

export function policyVersion(content: object): string {
  const { version: _ignored, ...rest } = content as { version?: unknown };
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(rest))));
}
