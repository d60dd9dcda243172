import { aggregateOfStream, aggregates, recordedDecider } from '../../../domain/aggregates';
import { pingxiang2017 } from '../../../domain/policy';
import { DomainRefusal } from '../../../domain/shared/domain-refusal';

describe('the aggregates and their streams', () => {
  it('name each instance as the recorded logs and the running workflows already do', () => {
    // Stream names are part of the record: a change here strands every stream already written.
    expect(aggregates.town.streamOf('wugong')).toBe('town-wugong');
    expect(aggregates.programme.streamOf('pingxiang-2017')).toBe('programme-pingxiang-2017');
    expect(aggregates.batch.streamOf('pingxiang-2017', '2017', 'unambiguous')).toBe(
      'batch-pingxiang-2017/2017',
    );
    expect(aggregates.batch.streamOf('a/b', 'c d', 'unambiguous')).toBe('batch-a%2Fb/c%20d');
    expect(aggregates.batch.streamOf('pingxiang-2017', '2017', undefined)).toBe('batch-pingxiang-2017-2017');
  });

  it('tell every stream they name apart, with the key after the kind', () => {
    const named = [
      [aggregates.town.streamOf('luxi-1'), 'town', 'luxi-1'],
      [aggregates.programme.streamOf('px'), 'programme', 'px'],
      [aggregates.batch.streamOf('px', '2018', 'unambiguous'), 'batch', 'px/2018'],
      [aggregates.batch.streamOf('px', '2018', undefined), 'batch', 'px-2018'],
    ] as const;
    for (const [stream, kind, key] of named) expect(aggregateOfStream(stream)).toEqual({ kind, key });
  });

  it('count streams of no aggregate by their first word, and never take an empty key for an instance', () => {
    expect(aggregateOfStream('policy-pingxiang-2017')).toEqual({ kind: 'other', key: 'policy' });
    expect(aggregateOfStream('town-')).toEqual({ kind: 'other', key: 'town' });
    expect(aggregateOfStream('towns')).toEqual({ kind: 'other', key: 'towns' });
    expect(aggregates.town.recognises('programme-px')).toBeUndefined();
  });

  it('decide and evolve recorded JSON with the aggregate’s own rules', () => {
    const programme = recordedDecider('programme');
    const ctx = {
      now: '2017-01-01T00:00:00+08:00',
      actor: { userId: 'scheduler', seat: 'system' },
      policy: pingxiang2017,
      commandId: 'cmd-1',
    };
    const events = programme.decide(
      { type: 'StartProgramme', data: { programmeId: 'px' } },
      programme.initialState,
      ctx,
    );
    expect(events.map((event) => event.type)).toEqual(['ProgrammeStarted']);
    const started = events.reduce(programme.evolve, programme.initialState);
    expect(started).toMatchObject({ status: 'running' });
    expect(() =>
      programme.decide({ type: 'StartProgramme', data: { programmeId: 'px' } }, started, ctx),
    ).toThrow(DomainRefusal);
  });
});
