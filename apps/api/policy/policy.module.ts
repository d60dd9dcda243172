import { Module, type DynamicModule } from '@nestjs/common';
import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import { PolicyController, PROGRAMME_POLICY } from './policy.controller';

/** The programme's vocabulary for clients (the console's pickers and labels). */
@Module({})
export class PolicyModule {
  static register(policy: PolicyPack): DynamicModule {
    return {
      module: PolicyModule,
      controllers: [PolicyController],
      providers: [{ provide: PROGRAMME_POLICY, useValue: policy }],
    };
  }
}
