export * from './station';
export * from './pack';
export * from './methods';
export * from './errors';
export * from './issues';
export * from './invoke';
export * from './client';
export * from './channels';
