export * from './authorize';
export * from './read.permissions';
export * from './read-projections';
export * from './seat-place';
