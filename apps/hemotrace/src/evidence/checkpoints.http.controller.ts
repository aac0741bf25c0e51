import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Allow, READERS } from '@hemotrace/auth';
import { InvalidInput, NotFoundError } from '@hemotrace/kernel';
import type { SignedCheckpoint } from '@hemotrace/event-sourcing';
import { formatVerifierKey } from '@hemotrace/event-sourcing';
import { LogEvidence } from './log-evidence.service';

const view = (c: SignedCheckpoint) => ({
  origin: c.origin,
  treeSize: c.treeSize,
  rootHash: c.rootHash.toString('base64'),
  streamCount: c.streamCount,
  headsRoot: c.headsRoot.toString('base64'),
  time: c.time,
  keyName: c.keyName,
  keyId: c.keyId,
  note: c.note,
});

/** Signed checkpoints of the log (C2SP tlog-checkpoint) and consistency proofs between two sizes. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('integrity')
export class CheckpointsHttpController {
  constructor(private readonly evidence: LogEvidence) {}

  @Post('checkpoints')
  @HttpCode(201)
  @ApiOperation({ summary: 'Sign a checkpoint of the log now (admin)' })
  async sign() {
    return view(await this.evidence.checkpoint());
  }

  @Get('checkpoints/latest')
  @Allow(...READERS)
  @ApiOperation({ summary: 'The latest signed checkpoint, as a signed note, with the verifier keys' })
  latest() {
    const note = this.evidence.latestNote();
    if (!note) throw new NotFoundError('INTEGRITY.NO_CHECKPOINT', 'No checkpoint has been signed yet', {});
    return { note, verifierKeys: this.evidence.keys.verifiers.map(formatVerifierKey) };
  }

  @Get('consistency')
  @Allow(...READERS)
  @ApiQuery({ name: 'from', description: 'the tree size of a checkpoint kept earlier' })
  @ApiQuery({ name: 'to', description: 'a later tree size (default: the latest checkpoint)' })
  @ApiOperation({
    summary: 'RFC 9162 consistency proof: the log of `from` events is a prefix of the log of `to`',
  })
  async consistency(@Query('from') from: string, @Query('to') to?: string) {
    const head = await this.evidence.tree.catchUp();
    const first = Number(from);
    const second = to === undefined ? head.size : Number(to);
    if (
      !Number.isInteger(first) ||
      !Number.isInteger(second) ||
      first < 0 ||
      first > second ||
      second > head.size
    )
      throw new InvalidInput(
        'INTEGRITY.INVALID_TREE_SIZE',
        `Tree sizes must satisfy 0 <= from <= to <= ${head.size}`,
        {
          from,
          to,
        },
      );
    const proof = await this.evidence.tree.consistencyProof(first, second);
    return {
      from: first,
      to: second,
      root: (await this.evidence.tree.storedRoot(second)).toString('base64'),
      proof: proof.map((p) => p.toString('base64')),
    };
  }
}
