import { refusalCodes } from '../../../../domain/shared/domain-refusal';
import {
  recordingFailure,
  recordingFailureCatalogue,
  type RecordingFailureCode,
} from '../../../../domain/shared/recording-failures';

const codes = Object.keys(recordingFailureCatalogue) as RecordingFailureCode[];
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');

describe('recording failures', () => {
  it('are UPPER_SNAKE codes with Chinese text, none of them also a rule of the refusal catalogue', () => {
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z]+(?:_[A-Z]+)*$/);
      expect(recordingFailureCatalogue[code].zh).toMatch(/[\u4e00-\u9fff]/);
      expect(refusalCodes).not.toContain(code);
    }
  });

  it('travel as refusal details, their messages filled from the details given', () => {
    expect(recordingFailure('STREAM_VERSION_CONFLICT', { stream: 'town-1' })).toEqual({
      code: 'STREAM_VERSION_CONFLICT',
      messageEn:
        'The record of town-1 kept changing while the step was decided; nothing was recorded. Retry.',
      messageZh: '在作出决定期间 town-1 的记录持续变化；未记录任何内容。请重试。',
      details: { stream: 'town-1' },
    });
    const refused = recordingFailure('EVENT_DATA_REFUSED', { reason: 'a {brace} in the reason' });
    expect(refused.messageEn).toBe(
      "The event store refused the step's data, so nothing was recorded: a {brace} in the reason",
    );
  });

  it('leave no placeholder unfilled when given the details each message names', () => {
    for (const code of codes) {
      const { en, zh } = recordingFailureCatalogue[code];
      const details = Object.fromEntries([...placeholders(en), ...placeholders(zh)].map((n) => [n, 'x']));
      const failure = recordingFailure(code, details);
      expect(failure.messageEn).not.toMatch(/\{\w+\}/);
      expect(failure.messageZh).not.toMatch(/\{\w+\}/);
    }
  });
});
