import { Module, type DynamicModule } from '@nestjs/common';
import { DevSignInController } from './dev-sign-in.controller';
import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import { DEV_SIGN_IN, DEV_SIGN_IN_POLICY, type DevSignInKeys } from './dev-sign-in.keys';

/** The development sign-in: registered only when the server holds the development private key. */
@Module({})
export class DevSignInModule {
  static register(keys: DevSignInKeys | undefined, policy: PolicyPack): DynamicModule {
    if (keys === undefined) return { module: DevSignInModule };
    return {
      module: DevSignInModule,
      controllers: [DevSignInController],
      providers: [
        { provide: DEV_SIGN_IN, useValue: keys },
        { provide: DEV_SIGN_IN_POLICY, useValue: policy },
      ],
    };
  }
}
