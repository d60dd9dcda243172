import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decideAccess, seatMayAttempt } from '../../../../domain/access/authorize';
import { DomainRefusal } from '../../../../domain/shared/domain-refusal';
import { seatNames } from '../../../../domain/shared/seat-names';
import { seats } from '../../../../domain/shared/seats';
import { townNotActive } from '../../../../domain/town/town.guards';
import { rewardStatusNames, townStatusNames, townStatuses } from '../../../../domain/town/town.state';

type ConsoleNames = Record<'seat' | 'status' | 'rewardStatus', Record<string, string>>;

const consoleLocale = (name: string): ConsoleNames =>
  JSON.parse(
    readFileSync(join(__dirname, '../../../../apps/console/src/i18n/locales', `${name}.json`), 'utf8'),
  ) as ConsoleNames;

/** The refusal the API answers with for an edge's denial. */
function refusalOf(decision: ReturnType<typeof decideAccess>): DomainRefusal {
  if (decision.allowed) throw new Error('allowed');
  return new DomainRefusal(decision.code, { ...decision.details });
}

describe('names in refusals', () => {
  it('are the console’s words for each seat, in both languages', () => {
    const zh = consoleLocale('zh-CN').seat;
    const en = consoleLocale('en').seat;
    for (const seat of seats) expect(seatNames[seat]).toEqual({ zh: zh[seat], en: en[seat] });
  });

  it('name the seat and the seats a step belongs to, and keep the codes in the details', () => {
    const refusal = refusalOf(
      seatMayAttempt(
        { seat: 'auditor' },
        { kind: 'command', command: { aggregate: 'town', type: 'ApprovePlan' } },
      ),
    );
    expect(refusal.messageZh).toBe('审计人员席位无权办理此事项（可办理的席位：联席会议办公室）。');
    expect(refusal.messageEn).toBe(
      'The seat Auditor may not take this step (it is for: Joint-meeting office).',
    );
    expect(refusal.details).toMatchObject({
      seat: 'auditor',
      command: 'ApprovePlan',
      allowedSeats: ['joint-meeting-office'],
    });
  });

  it('name the seat that may not read', () => {
    const refusal = refusalOf(
      decideAccess(
        { seat: 'member-unit-inspector', unit: 'planning' },
        { kind: 'read', resource: 'audit-jobs' },
        {},
      ),
    );
    expect(refusal.code).toBe('READ_NOT_ALLOWED');
    expect(refusal.messageZh).toBe('成员单位验收人员席位无权查看此内容。');
    expect(refusal.messageEn).toBe('The seat Member-unit inspector may not read this.');
  });

  it('show no unit’s code when an inspector records for another unit', () => {
    const refusal = refusalOf(
      decideAccess(
        { seat: 'member-unit-inspector', unit: 'planning' },
        { kind: 'command', command: { aggregate: 'town', type: 'RecordSiteInspection' } },
        { unit: 'tourism' },
      ),
    );
    expect(refusal.messageZh).toBe('成员单位验收人员只能记录本单位的现场验收。');
    expect(refusal.messageEn).not.toMatch(/tourism|planning/);
    expect(refusal.details).toEqual({ unit: 'tourism', actorUnit: 'planning' });
  });

  it('give statuses the console’s words, and keep the status’s code in the details', () => {
    const zh = consoleLocale('zh-CN');
    const en = consoleLocale('en');
    for (const status of townStatuses)
      expect(townStatusNames[status]).toEqual({ zh: zh.status[status], en: en.status[status] });
    for (const [status, name] of Object.entries(rewardStatusNames))
      expect(name).toEqual({ zh: zh.rewardStatus[status], en: en.rewardStatus[status] });
    const refusal = townNotActive('final-acceptance');
    expect(refusal.messageZh).toBe('该小镇当前状态（终期验收中）不允许此操作。');
    expect(refusal.messageEn).toBe('This town’s status (Final acceptance) does not allow this step.');
    expect(refusal.details).toMatchObject({ status: 'final-acceptance' });
  });
});
