import { Global, Module } from '@nestjs/common';
import { EXPORT_PROVER, STREAM_EVIDENCE } from '@hemotrace/event-sourcing';
import { CheckpointsHttpController } from './checkpoints.http.controller';
import { LogEvidence } from './log-evidence.service';

/** Global so any context's export can carry proofs through EXPORT_PROVER without importing this app. */
@Global()
@Module({
  controllers: [CheckpointsHttpController],
  providers: [
    LogEvidence,
    { provide: EXPORT_PROVER, useFactory: (evidence: LogEvidence) => evidence.prover, inject: [LogEvidence] },
    { provide: STREAM_EVIDENCE, useExisting: LogEvidence },
  ],
  exports: [LogEvidence, EXPORT_PROVER, STREAM_EVIDENCE],
})
export class EvidenceModule {}
