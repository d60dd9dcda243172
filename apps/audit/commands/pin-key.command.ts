import { readFileSync } from 'node:fs';
import { AuditError } from '../../../domain/audit/audit.errors';
import { keyIdOf, loadSigningKey, parsePublicKey } from '../../../infra/audit/keys';
import { connectToLedger } from '../../checkpointer/checkpoint-sinks';
import { keyPinRequest, pinKeyOnLedger } from '../../checkpointer/key-pinning';
import { auditConfig, output } from '../audit-context';
import { parseCommandLine, UsageError } from '../../cli-usage';

/**
 * `pin-key --public-key <file>`: pins the next checkpointer key on the programme's running ledger,
 * endorsed by the key in AUDIT_SIGNING_KEY_FILE (which the ledger must already pin). docs/decisions/0075.
 */
export async function pinKeyCommand(args: readonly string[]): Promise<number> {
  const { values } = parseCommandLine({
    args: [...args],
    options: { 'public-key': { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const file = values['public-key'];
  if (file === undefined)
    throw new UsageError('OPTION_REQUIRED', 'pin-key needs --public-key <file.public.pem>');
  const publicKey = parsePublicKey(readFileSync(file, 'utf8'));
  if (publicKey === undefined)
    throw new AuditError('AUDIT_KEY_INVALID', `${file} is not an Ed25519 public key`);
  const endorser = loadSigningKey(auditConfig().signingKeyFile);
  const ledger = await connectToLedger();
  try {
    const { client, programmeId } = ledger.place;
    const request = keyPinRequest(programmeId, { keyId: keyIdOf(publicKey), publicKey }, endorser);
    const answer = await pinKeyOnLedger(client, programmeId, request);
    output(values.json).result({ programmeId, endorsedBy: endorser.keyId, ...answer }, () => [
      `Key ${answer.keyId} pinned on the checkpoint ledger of ${programmeId}, endorsed by ${endorser.keyId}`,
      `  pinned now: ${answer.pinnedKeyIds.join(', ')}`,
      '  next: point AUDIT_SIGNING_KEY_FILE at its private key, and keep both public keys trusted',
    ]);
  } finally {
    await ledger.close();
  }
  return 0;
}
