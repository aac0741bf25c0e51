export * from './transfusion.contracts';
export * from './transfusion-transmitted-infection-suspected.v1';
