import { Inject, Injectable } from '@nestjs/common';
import { type AsOf, parseAsOf } from '../../../infra/audit/as-of';
import { chainedLog } from '../../../infra/audit/bundle-export';
import { type DecisionKind, DecisionExport } from '../../../infra/audit/decision-csv';
import { readPages } from '../../../infra/audit/log-pages';
import {
  programmeStateAt,
  type ProgrammeStateAt,
  townStateAt,
  type TownStateAt,
} from '../../../infra/audit/state-at';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { EVENT_STORE } from '../api.tokens';
import { townNotFound } from '../towns/town-problems';
import { TownsService } from '../towns/towns.service';
import { asAuditProblem } from './audit-problems';
import type { AsOfQueryDto, AuditTownHistoryDto } from './audit-reads.dto';

/**
 * The audit tools' reads (infra/audit), answered over HTTP exactly as `npm run audit` answers them, from
 * the store itself: the record, not the read models.
 */
@Injectable()
export class AuditReadsService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly towns: TownsService,
  ) {}

  /** The town's history, with each event's place in the hash chains. */
  async history(townId: string): Promise<AuditTownHistoryDto> {
    const history = await this.towns.history(townId);
    if (!history) throw townNotFound(townId);
    const chained = await asAuditProblem(
      Promise.resolve().then(() => chainedLog(this.store).readStream(history.stream)),
    );
    const hashes = new Map(chained.map((event) => [event.id, event]));
    return {
      ...history,
      events: history.events.map((event) => {
        // Read after the history, so it holds every event the history does.
        const hashed = hashes.get(event.id);
        if (!hashed) throw new Error(`Event ${event.id} of ${history.stream} has no chained record`);
        return {
          ...event,
          contentHash: hashed.contentHash,
          chainHash: hashed.chainHash,
          ...(hashed.logHash === undefined ? {} : { logHash: hashed.logHash }),
        };
      }),
    };
  }

  /** The CLI's `state --town` answer, field for field (documented as TownStateAtDto). */
  async townState(townId: string, query: AsOfQueryDto): Promise<TownStateAt> {
    const asOf = await asAuditProblem(Promise.resolve().then(() => asOfOf(query)));
    return asAuditProblem(townStateAt(this.store, townId, asOf), townId);
  }

  /** The CLI's `state --programme` answer (documented as ProgrammeStateAtDto). */
  async programmeState(query: AsOfQueryDto): Promise<ProgrammeStateAt> {
    const asOf = await asAuditProblem(Promise.resolve().then(() => asOfOf(query)));
    return asAuditProblem(programmeStateAt(this.store, asOf));
  }

  /** One kind of decision as CSV; each row names its event, with its chain hash where the store keeps one. */
  async decisions(kind: DecisionKind): Promise<string> {
    const decisions = new DecisionExport();
    for await (const page of readPages(this.store.chained ?? this.store, 0n)) {
      for (const event of page) decisions.add(event);
    }
    return decisions.csv(kind);
  }
}

function asOfOf(query: AsOfQueryDto): AsOf {
  return parseAsOf(query.at, query.basis ?? 'occurred');
}
