export * from './event-envelope';
export * from './decision';
export * from './domain-refusal';
export * from './seats';
export * from './deadline-reminders';
