import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/**
 * An RSA key pair loaded from PEM, as the system loads keys, so no key object shares its data with the job
 * that generated it. Node 20 can deadlock when such a job is garbage-collected while the same key's RSA
 * details are read (the job's destructor waits on the key's lock, which the read holds): a test hung so.
 */
export function rsaKeyPair(modulusLength: number): { publicKey: KeyObject; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKey: createPublicKey(publicKey), privateKey: createPrivateKey(privateKey) };
}
