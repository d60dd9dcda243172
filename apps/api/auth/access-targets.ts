import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Access, AccessTarget } from '../../../domain/access/authorize';
import { findCounty, findMemberUnit } from '../../../domain/policy/policy-rules';
import type { TownApplied } from '../../../domain/town/town.events';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { townDecider } from '../../../domain/town';
import { API_SETTINGS, EVENT_STORE, type ApiSettings } from '../api.tokens';
import { ReadModelsService } from '../read-models/read-models.service';
import { invalidUuid, isUuid } from '../http/uuid';
import { townNotFound } from '../shared/town-problems';

/**
 * What a request acts on or reads, as far as the access decision needs it: the town in the path (which
 * must exist: 404 here, once, for every route on a town) and its county, the county of an application in
 * the body or of the list's county filter, the member unit of an inspection. Raw request values are read
 * here, before validation: a value that names nothing is left for the validation or the decider to refuse
 * with a 400 naming the field.
 */
@Injectable()
export class AccessTargets {
  constructor(
    private readonly readModels: ReadModelsService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  async of(access: Access, request: Request): Promise<AccessTarget> {
    const body = fieldsOf(request.body);
    if (access.kind === 'read') {
      if (access.resource === 'town') return { county: await this.townCounty(request.params.townId) };
      if (access.resource === 'town-list') return this.countyNamed(fieldsOf(request.query).county);
      return {};
    }
    if (access.kind === 'operation') return {};
    const { command } = access;
    if (command.aggregate !== 'town') return {};
    if (command.type === 'ApplyForTown') return this.countyNamed(body.county);
    const county = await this.townCounty(request.params.townId);
    const unit = command.type === 'RecordSiteInspection' ? this.unitNamed(body.unit) : undefined;
    return { county, ...(unit === undefined ? {} : { unit }) };
  }

  /**
   * The county a town belongs to: from the read models, or, for a town they have not folded yet (its
   * application a moment ago), from the first event of its stream — the record itself.
   */
  private async townCounty(townId: unknown): Promise<string> {
    if (!isUuid(townId)) throw invalidUuid('townId');
    const known = this.readModels.models.town(townId)?.state.county;
    if (known) return known;
    const [first] = await this.store.readStream(townDecider.streamOf(townId), { maxCount: 1 });
    if (!first) throw townNotFound(townId);
    const county = (first.data as Partial<TownApplied['data']>).county;
    // A town's stream starts with TownApplied; if it somehow does not, no county's seat may touch it.
    return typeof county === 'string' ? county : '';
  }

  private countyNamed(value: unknown): AccessTarget {
    const county = typeof value === 'string' ? findCounty(this.settings.policy, value) : undefined;
    return county ? { county: county.code } : {};
  }

  private unitNamed(value: unknown): string | undefined {
    return typeof value === 'string' ? findMemberUnit(this.settings.policy, value)?.code : undefined;
  }
}

function fieldsOf(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
