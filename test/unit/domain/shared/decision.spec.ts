import { pingxiang2017 } from '../../../../domain/policy';
import { envelope } from '../../../../domain/shared/decision';
import {
  DomainRefusal,
  refuse,
  refusalCatalogue,
  refusalCodes,
} from '../../../../domain/shared/domain-refusal';
import { commandWithFixedIds, containing } from '../../../helpers/given-when-then';

describe('envelope', () => {
  const ctx = commandWithFixedIds;

  it('records actor, causation, correlation and the policy id and version on every event', () => {
    const events = envelope(
      [
        { type: 'A', data: { n: 1 } },
        { type: 'B', data: { n: 2 } },
      ],
      { ...ctx, requestId: 'req-9' },
    );
    expect(events).toEqual([
      {
        id: 'e-1',
        type: 'A',
        data: { n: 1 },
        occurredAt: '2017-03-20T02:00:00.000Z',
        metadata: {
          actor: ctx.actor,
          causationId: 'cmd-1',
          correlationId: 'corr-1',
          policy: { id: 'pingxiang-2017', version: pingxiang2017.version },
          requestId: 'req-9',
        },
      },
      containing({ id: 'e-2', type: 'B', occurredAt: '2017-03-20T02:00:00.000Z' }),
    ]);
  });

  it('leaves requestId out when there is none', () => {
    const [event] = envelope([{ type: 'A', data: {} }], ctx);
    expect(event?.metadata).not.toHaveProperty('requestId');
  });

  it('refuses to invent ids', () => {
    expect(() => envelope([{ type: 'A', data: {} }], { ...ctx, ids: [] })).toThrow(RangeError);
  });
});

describe('refusals', () => {
  it('carry a stable code and messages in Chinese and English, filled from details', () => {
    const refusal = refuse('COUNTY_QUOTA_FULL', {
      county: '上栗县',
      countyEn: 'Shangli County',
      count: 2,
      max: 2,
    });
    expect(refusal).toBeInstanceOf(DomainRefusal);
    expect(refusal).toBeInstanceOf(Error);
    expect(refusal.code).toBe('COUNTY_QUOTA_FULL');
    expect(refusal.messageZh).toBe('上栗县已有2个小镇申报或入选，已达每县区2个的上限。');
    expect(refusal.messageEn).toContain('Shangli County already has 2 towns');
    expect(refusal.message).toBe(refusal.messageEn);
    expect(refusal.toJSON()).toEqual({
      code: 'COUNTY_QUOTA_FULL',
      messageZh: refusal.messageZh,
      messageEn: refusal.messageEn,
      details: { county: '上栗县', countyEn: 'Shangli County', count: 2, max: 2 },
    });
  });

  it('has a well-formed catalogue: UPPER_SNAKE codes, Chinese text, the same placeholders in both languages', () => {
    // A name has its English form under the same key with `En` (`{county}` 上栗县, `{countyEn}` Shangli County).
    for (const code of refusalCodes) {
      const { zh, en } = refusalCatalogue[code];
      expect(code).toMatch(/^[A-Z]+(?:_[A-Z]+)*$/);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      const placeholders = (text: string): string[] =>
        [...text.matchAll(/\{(\w+)\}/g)].map((m) => (m[1] ?? '').replace(/En$/, '')).sort();
      expect(placeholders(zh)).toEqual(placeholders(en));
    }
  });
});
