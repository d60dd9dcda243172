import { Module, type DynamicModule } from '@nestjs/common';
import { AuditJobsController } from './audit-jobs.controller';
import { AuditJobsService } from './audit-jobs.service';
import { AuditReadsController } from './audit-reads.controller';
import { AUDIT_SETTINGS, type AuditApiSettings } from './audit-settings';

/** The auditors' reads from the store itself, and their long checks run as jobs. */
@Module({})
export class AuditModule {
  static register(audit: AuditApiSettings): DynamicModule {
    return {
      module: AuditModule,
      controllers: [AuditReadsController, AuditJobsController],
      providers: [{ provide: AUDIT_SETTINGS, useValue: audit }, AuditJobsService],
    };
  }
}
