export * from './merkle-tree';
export * from './compact-range';
export * from './signed-note';
export * from './checkpoint';
export * from './log-tree';
export * from './log-signing-keys';
export * from './checkpoint-writer';
export * from './verify-log';
