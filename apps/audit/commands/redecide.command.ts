import { readFileSync } from 'node:fs';
import { isLocalDate } from '../../../domain/calendar/shanghai-calendar';
import { parsePolicyPack } from '../../../domain/policy/define-policy-pack';
import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import { findPolicy, policyIds } from '../../../domain/policy/policy-registry';
import { rehearsalOf } from '../../../domain/policy/rehearsal-calendar';
import type { EventDifference } from '../../../domain/audit/redecide-compare';
import { redecideLog } from '../../../audit/redecide/redecide';
import {
  type RedecisionReport,
  redecisionCatalogue,
  type StepRef,
  type StepReport,
  type WhatIfReport,
} from '../../../domain/audit/redecide-report';
import { formatCount, output, withStore } from '../audit-context';
import { countingBar } from '../../progress-bar';
import { parseCommandLine, UsageError } from '../../cli-usage';

/**
 * `redecide [--town <id>] [--what-if <pack id> | --what-if-file <pack.json>] [--what-if-rehearsal <date>]
 * [--json]`: 0 when every step with a command is reproduced, 1 otherwise. Steps recorded before commands
 * were kept are reported and do not fail the run.
 */
export async function redecideCommand(args: readonly string[]): Promise<number> {
  const { values } = parseCommandLine({
    args: [...args],
    options: {
      town: { type: 'string' },
      'what-if': { type: 'string' },
      'what-if-file': { type: 'string' },
      'what-if-rehearsal': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const whatIf = whatIfPack(values['what-if'], values['what-if-file'], values['what-if-rehearsal']);
  const out = output(values.json);
  const bar = countingBar('redecide', 'steps');
  const started = Date.now();
  const report = await withStore((store) =>
    redecideLog({
      store,
      ...(values.town === undefined ? {} : { townId: values.town }),
      ...(whatIf === undefined ? {} : { whatIf }),
      onProgress: ({ done, total }) => bar.update({ done, total }),
    }),
  ).finally(() => bar.done());
  out.result(report, () => reportLines(report, (Date.now() - started) / 1000));
  return report.ok ? 0 : 1;
}

function whatIfPack(
  id: string | undefined,
  file: string | undefined,
  rehearsal: string | undefined,
): PolicyPack | undefined {
  if (id !== undefined && file !== undefined) {
    throw new UsageError(
      'OPTIONS_CONFLICT',
      'Give --what-if <pack id> or --what-if-file <pack.json>, not both',
    );
  }
  let pack: PolicyPack | undefined;
  if (id !== undefined) {
    pack = findPolicy(id);
    if (pack === undefined) {
      throw new UsageError(
        'OPTION_INVALID',
        `--what-if: no built-in pack "${id}" (built in: ${policyIds.join(', ')}); use --what-if-file for another`,
      );
    }
  }
  if (file !== undefined) pack = parsePolicyPack(readJson(file));
  if (rehearsal === undefined) return pack;
  if (pack === undefined)
    throw new UsageError('OPTIONS_CONFLICT', '--what-if-rehearsal moves the calendar of a --what-if pack');
  if (!isLocalDate(rehearsal))
    throw new UsageError('OPTION_INVALID', '--what-if-rehearsal takes a date, YYYY-MM-DD');
  return rehearsalOf(pack, rehearsal);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new UsageError(
      'OPTION_INVALID',
      `--what-if-file ${file}: cannot be read as JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

function reportLines(report: RedecisionReport, seconds: number): string[] {
  const { totals } = report;
  const scope = report.scope.kind === 'town' ? `town ${report.scope.townId}` : 'the log';
  const lines = [
    `Read ${plural(totals.steps, 'step')} of ${plural(report.streams.length, 'stream')} in ${scope} ` +
      `(${formatCount(report.eventsRead)} events, up to position ${report.upToPosition ?? '-'}) in ${seconds.toFixed(1)} s`,
    `  reproduced        ${formatCount(totals.reproduced)}`,
    `  differs           ${formatCount(totals.differs)}`,
    `  refused now       ${formatCount(totals.refused)}`,
    `  not re-decidable  ${formatCount(totals.notReDecidable)}` +
      (totals.notReDecidable === 0
        ? ''
        : ` (${Object.entries(totals.byReason)
            .map(([reason, steps]) => `${reason} ${formatCount(steps)}`)
            .join(', ')})`),
  ];
  if (report.packs.length > 0) {
    lines.push('Policy packs named by the steps with a command:');
    for (const pack of report.packs) {
      const where = {
        'built-in': 'built in',
        log: 'from the log',
        none: 'NOT FOUND',
        untrusted: 'NOT TRUSTED',
      };
      lines.push(
        `  ${pack.id} @ ${pack.version.slice(0, 16)}…  ${where[pack.source]}, ${formatCount(pack.steps)} steps` +
          (pack.problem === undefined ? '' : ` (${pack.problem.code}: ${pack.problem.message})`),
      );
    }
  }
  const noCommand = totals.byReason.NO_COMMAND ?? 0;
  if (noCommand > 0) {
    lines.push(
      `${plural(noCommand, 'step')} recorded before commands were kept with their events: they cannot be`,
      '  decided again, and are not counted as failures.',
    );
  }
  const failing = report.steps.filter((step) => !isNoCommand(step));
  if (report.ok && totals.steps === noCommand) {
    lines.push('OK, but nothing was decided again: no step records its command.');
  } else if (report.ok) {
    lines.push('OK: every step with a command, decided again, gives exactly the recorded events.');
  } else {
    const failures = totals.steps - totals.reproduced - noCommand;
    lines.push('', `FAILED: ${formatCount(failures)} step(s) not reproduced. The first:`);
    const [first, ...rest] = failing;
    if (first !== undefined) lines.push(...stepLines(first));
    if (rest.length > 0) {
      lines.push('', 'Then:');
      for (const step of rest.slice(0, 9)) lines.push(`  ${headline(step)}`);
      if (failures > 10) lines.push(`  … and ${formatCount(failures - 10)} more (--json lists up to 1,000)`);
    }
  }
  if (report.whatIf !== undefined) lines.push('', ...whatIfLines(report.whatIf));
  return lines;
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

function isNoCommand(step: StepReport): boolean {
  return step.outcome.status === 'not-re-decidable' && step.outcome.reason === 'NO_COMMAND';
}

function where(step: StepRef): string {
  const versions =
    step.fromVersion === step.toVersion
      ? `version ${step.fromVersion}`
      : `versions ${step.fromVersion}-${step.toVersion}`;
  return `${step.stream} ${versions} (position ${step.position}), ${step.commandType ?? 'no command'} at ${step.occurredAt} by ${step.actor.seat} ${step.actor.userId}`;
}

function headline(step: StepReport): string {
  const { outcome } = step;
  const what =
    outcome.status === 'not-re-decidable'
      ? outcome.reason
      : outcome.status === 'refused'
        ? `refused ${outcome.code}`
        : outcome.status;
  return `${what} at ${where(step)}`;
}

function stepLines(step: StepReport): string[] {
  const { outcome } = step;
  const text =
    outcome.status === 'not-re-decidable'
      ? redecisionCatalogue[outcome.reason]
      : redecisionCatalogue[outcome.status];
  const lines = [`  ${headline(step)}`, `  ${text.zh}`, `  ${text.en}`];
  if (outcome.status === 'differs') lines.push(`  ${differenceLine(outcome.difference, step.eventTypes)}`);
  if (outcome.status === 'refused') lines.push(`  ${outcome.messageZh}`, `  ${outcome.messageEn}`);
  if (outcome.status === 'not-re-decidable') lines.push(`  ${outcome.message}`);
  return lines;
}

function differenceLine(difference: EventDifference, recordedTypes: readonly string[]): string {
  const event = `event ${difference.eventIndex}${
    difference.streamVersion === null
      ? ''
      : ` (version ${difference.streamVersion}, ${recordedTypes[difference.eventIndex] ?? '?'})`
  }`;
  const show = (value: unknown, present: boolean): string => (present ? JSON.stringify(value) : '(nothing)');
  return `${event} ${difference.path || 'as a whole'}: decided ${show(difference.expected, 'expected' in difference)}, recorded ${show(
    difference.found,
    'found' in difference,
  )}`;
}

function whatIfLines(whatIf: WhatIfReport): string[] {
  const lines = [
    `What if ${whatIf.policy.id} @ ${whatIf.policy.version.slice(0, 16)}…: ` +
      `${formatCount(whatIf.stepsThatWouldDiffer)} of ${formatCount(whatIf.stepsDecided)} steps would be decided otherwise` +
      (whatIf.wouldBeRefused > 0 ? ` (${formatCount(whatIf.wouldBeRefused)} refused)` : '') +
      '. This is not a finding about the log.',
  ];
  for (const [command, steps] of Object.entries(whatIf.byCommand)) {
    lines.push(`  ${command}: ${formatCount(steps)}`);
  }
  for (const step of whatIf.steps.slice(0, 10)) {
    const outcome =
      'decided' in step.whatIf
        ? `would give ${step.whatIf.decided.join(', ') || 'nothing'}`
        : 'refused' in step.whatIf
          ? `would be refused: ${step.whatIf.refused.code}`
          : `would fail: ${step.whatIf.failed}`;
    lines.push(`  ${where(step)}`, `    recorded ${step.eventTypes.join(', ')}; ${outcome}`);
    if (step.difference !== undefined) lines.push(`    ${differenceLine(step.difference, step.eventTypes)}`);
  }
  if (whatIf.stepsThatWouldDiffer > 10) {
    lines.push(`  … and ${formatCount(whatIf.stepsThatWouldDiffer - 10)} more (--json lists up to 1,000)`);
  }
  return lines;
}
