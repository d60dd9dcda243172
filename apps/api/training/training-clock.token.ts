export const TRAINING_CLOCK = Symbol('TRAINING_CLOCK');
