import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkCheckpointSignature,
  checkpointDigest,
  parseCheckpointLines,
} from '../../../infra/audit/checkpoint';
import { JsonLinesCheckpointSink } from '../../../infra/audit/jsonl-checkpoint-sink';
import { generateSigningKey, keyIdOf, loadSigningKey, loadTrustedKeys } from '../../../infra/audit/keys';
import { buildLog, checkpointsOf, roundRobin, testSigningKey } from './chained-log';

describe('checkpoints', () => {
  const key = testSigningKey();
  const log = buildLog(roundRobin(12, 3));
  const [first, second] = checkpointsOf(log, [5, 12], key);

  it('are signed over their canonical body, and chained by digest', () => {
    const keys = new Map([[key.keyId, key.publicKey]]);
    expect(checkCheckpointSignature(first!, keys)).toBe('valid');
    expect(second!.previousCheckpointDigest).toBe(checkpointDigest(first!));
    expect(checkCheckpointSignature({ ...first!, logDigest: log[3]!.logHash! }, keys)).toBe('bad-signature');
    expect(checkCheckpointSignature({ ...first!, signature: 'not base64 at all' }, keys)).toBe(
      'bad-signature',
    );
    expect(checkCheckpointSignature(first!, new Map())).toBe('unknown-key');
  });

  describe('on disk', () => {
    let directory: string;
    beforeEach(() => {
      directory = mkdtempSync(join(tmpdir(), 'checkpoints-'));
    });
    afterEach(() => rmSync(directory, { recursive: true, force: true }));

    it('are kept one per line, and a checkpoint that does not follow the last is refused', async () => {
      const sink = new JsonLinesCheckpointSink(directory);
      expect(await sink.readAll()).toEqual([]);
      await sink.append(first!);
      await expect(sink.append(first!)).rejects.toMatchObject({ code: 'CHECKPOINT_REFUSED' });
      await sink.append(second!);

      expect(await sink.readAll()).toEqual([first, second]);
      expect(readFileSync(sink.file, 'utf8').trim().split('\n')).toHaveLength(2);
    });

    it('report a line that is not a checkpoint with its place', () => {
      expect(() =>
        parseCheckpointLines(`${JSON.stringify(first)}\n{"format":"x"}\n`, 'checkpoints.jsonl'),
      ).toThrow(/checkpoints\.jsonl:2: not a checkpoint/);
      expect(() => parseCheckpointLines('{', 'c')).toThrow(
        expect.objectContaining({ code: 'CHECKPOINT_FILE_INVALID' }),
      );
    });

    it('keys made by keygen load back with the id derived from the public key', () => {
      const made = generateSigningKey(directory);
      const loaded = loadSigningKey(made.privateKeyFile);
      expect(loaded.keyId).toBe(made.keyId);
      expect(keyIdOf(loaded.publicKey)).toBe(made.keyId);
      expect([...loadTrustedKeys(directory).keys()]).toEqual([made.keyId]);
      expect(() => generateSigningKey(directory)).not.toThrow();
      expect(loadTrustedKeys(directory).size).toBe(2);
      expect(loadTrustedKeys(join(directory, 'absent')).size).toBe(0);
      expect(() => loadSigningKey(undefined)).toThrow(expect.objectContaining({ code: 'AUDIT_KEY_MISSING' }));
      writeFileSync(join(directory, 'junk.pem'), 'junk');
      expect(() => loadSigningKey(join(directory, 'junk.pem'))).toThrow(
        expect.objectContaining({ code: 'AUDIT_KEY_INVALID' }),
      );
    });
  });
});
