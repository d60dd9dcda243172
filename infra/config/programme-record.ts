/**
 * The programme this installation runs, kept in its data directory (`programme.json`, or PROGRAMME_FILE):
 * its id and the whole policy pack it was started under, calendar included. Every start reads it and runs
 * that programme again, whatever day it is; without it, the rehearsal calendar (which opens on the day of
 * the start) would make a restart on another day a second programme. A new programme is only ever chosen
 * by an explicit act (`npm run programme -- new`), and the record it replaces is kept beside it.
 */
import {
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { parsePolicyPack } from '../../domain/policy/define-policy-pack';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { ProgrammeChoiceError } from './programme-choice.errors';

/** How the programme came to be chosen, for the record and the banner. */
export type ProgrammeChosenBy = 'first-start' | 'found-in-event-store' | 'programme-new' | 'programme-use';

/** The POLICY* settings the programme was chosen with (the rehearsal's day resolved); unknown when found in a store. */
export interface RecordedPolicySource {
  readonly id: string;
  readonly file?: string;
  readonly calendar: 'as-written' | 'rehearsal';
  readonly rehearsalOpensOn?: string;
}

export interface ProgrammeRecord {
  readonly programmeId: string;
  /** The pack's whole document, version included, exactly as the programme runs it. */
  readonly policy: PolicyPack;
  readonly chosenAt: string;
  readonly chosenBy: ProgrammeChosenBy;
  readonly source?: RecordedPolicySource;
}

const recordSchema = z.object({
  programmeId: z.string().min(1),
  policy: z.unknown(),
  chosenAt: z.iso.datetime(),
  chosenBy: z.enum(['first-start', 'found-in-event-store', 'programme-new', 'programme-use']),
  source: z
    .object({
      id: z.string().min(1),
      file: z.string().optional(),
      calendar: z.enum(['as-written', 'rehearsal']),
      rehearsalOpensOn: z.string().optional(),
    })
    .optional(),
});

/** The record, or undefined when none has been made yet; a file that is not a record is an error. */
export function readProgrammeRecord(file: string): ProgrammeRecord | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const { source, ...parsed } = recordSchema.parse(JSON.parse(text));
    return {
      ...parsed,
      policy: parsePolicyPack(parsed.policy),
      ...(source ? { source: withoutUndefined(source) } : {}),
    };
  } catch (error) {
    throw new ProgrammeChoiceError(
      'PROGRAMME_RECORD_INVALID',
      {
        en: `${file} is not a programme record (${(error as Error).message.split('\n')[0] ?? ''}). Restore it from a backup, or choose the programme again with \`npm run programme -- use <programmeId>\`.`,
        zh: `${file} 不是有效的方案记录。请从备份恢复，或用 \`npm run programme -- use <方案编号>\` 重新指定方案。`,
      },
      { cause: error },
    );
  }
}

/**
 * Writes the first record, unless another process wrote one first: then that one is returned and this
 * one dropped, so processes starting together (several APIs on one data directory) agree.
 */
export function recordFirstProgramme(file: string, record: ProgrammeRecord): ProgrammeRecord {
  const draft = writeDraft(file, record);
  try {
    linkSync(draft, file);
    return record;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readProgrammeRecord(file) ?? record;
  } finally {
    unlinkSync(draft);
  }
}

/** Replaces the record; the one replaced is kept as `programme.<its id>.json` beside it. */
export function replaceProgrammeRecord(file: string, record: ProgrammeRecord): { readonly keptAs?: string } {
  const previous = readProgrammeRecord(file);
  const draft = writeDraft(file, record);
  let keptAs: string | undefined;
  if (previous !== undefined) {
    keptAs = join(dirname(file), `programme.${previous.programmeId}.json`);
    if (existsSync(keptAs))
      keptAs = join(dirname(file), `programme.${previous.programmeId}.${Date.now()}.json`);
    renameSync(file, keptAs);
  }
  renameSync(draft, file);
  return keptAs === undefined ? {} : { keptAs };
}

function writeDraft(file: string, record: ProgrammeRecord): string {
  mkdirSync(dirname(file), { recursive: true });
  const draft = `${file}.${process.pid}.draft`;
  writeFileSync(draft, `${JSON.stringify(record, null, 2)}\n`, { flag: 'w' });
  return draft;
}

function withoutUndefined(source: {
  id: string;
  file?: string | undefined;
  calendar: 'as-written' | 'rehearsal';
  rehearsalOpensOn?: string | undefined;
}): RecordedPolicySource {
  return {
    id: source.id,
    calendar: source.calendar,
    ...(source.file === undefined ? {} : { file: source.file }),
    ...(source.rehearsalOpensOn === undefined ? {} : { rehearsalOpensOn: source.rehearsalOpensOn }),
  };
}
