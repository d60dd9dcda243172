/**
 * The auditors' what-if: each recorded step decided again under another pack, on the state the log
 * records (not on the state the other pack would have led to), and the steps whose outcome would differ
 * listed — other events, or a refusal where the log records the step. Not a failure of the log.
 */
import type { RecordedDecider } from '../aggregates';
import type { PolicyPack } from '../policy/policy-pack.schema';
import type { RecordedCommand, RecordedEvent } from '../shared/event-envelope';
import { compareDecided } from './redecide-compare';
import { contextOf, decideAgain } from './redecide-decision';
import type { StepRef, WhatIfReport, WhatIfStep } from './redecide-report';
import { byPosition } from './redecide-steps';

export class WhatIfRun {
  private stepsDecided = 0;
  private stepsThatWouldDiffer = 0;
  private wouldBeRefused = 0;
  private readonly byCommand = new Map<string, number>();
  private listed: WhatIfStep[] = [];
  private notListed = 0;

  constructor(
    private readonly pack: PolicyPack,
    private readonly maxListed: number,
  ) {}

  consider(
    decider: RecordedDecider,
    command: RecordedCommand,
    state: unknown,
    step: readonly RecordedEvent[],
    ref: StepRef,
  ): void {
    const first = step[0];
    if (first === undefined) return;
    this.stepsDecided += 1;
    const decision = decideAgain(decider, command, state, contextOf(first, command, this.pack));
    let differing: WhatIfStep;
    if ('events' in decision) {
      const difference = compareDecided(decision.events, step);
      if (difference === null) return;
      differing = { ...ref, whatIf: { decided: decision.events.map((event) => event.type) }, difference };
    } else if ('refusal' in decision) {
      const { code, messageZh, messageEn } = decision.refusal;
      this.wouldBeRefused += 1;
      differing = { ...ref, whatIf: { refused: { code, messageZh, messageEn } } };
    } else {
      differing = { ...ref, whatIf: { failed: decision.error } };
    }
    this.stepsThatWouldDiffer += 1;
    this.byCommand.set(command.type, (this.byCommand.get(command.type) ?? 0) + 1);
    this.listed.push(differing);
    if (this.listed.length >= 2 * this.maxListed) this.trim();
  }

  report(): WhatIfReport {
    this.trim();
    return {
      policy: { id: this.pack.id, version: this.pack.version },
      stepsDecided: this.stepsDecided,
      stepsThatWouldDiffer: this.stepsThatWouldDiffer,
      wouldBeRefused: this.wouldBeRefused,
      byCommand: Object.fromEntries(this.byCommand),
      steps: this.listed,
      stepsNotListed: this.notListed,
    };
  }

  private trim(): void {
    this.listed.sort(byPosition);
    if (this.listed.length > this.maxListed) {
      this.notListed += this.listed.length - this.maxListed;
      this.listed = this.listed.slice(0, this.maxListed);
    }
  }
}
