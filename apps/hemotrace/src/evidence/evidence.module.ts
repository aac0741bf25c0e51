import { Module } from '@nestjs/common';
import { CheckpointsHttpController } from './checkpoints.http.controller';
import { LogEvidence } from './log-evidence.service';

@Module({
  controllers: [CheckpointsHttpController],
  providers: [LogEvidence],
  exports: [LogEvidence],
})
export class EvidenceModule {}
