export * from './transfusion.contracts';
export * from './historical-group-recorded.v1';
export * from './transfusion-transmitted-infection-suspected.v1';
