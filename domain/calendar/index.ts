export * from './instant';
export * from './shanghai-calendar';
export * from './deadline';
