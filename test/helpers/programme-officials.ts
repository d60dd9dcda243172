/**
 * The officials of the programme acting through the workflows' Updates, as the API would: the same
 * seats and steps the simulation's synthetic officials use, so tests and simulation cannot drift apart.
 */
export * from '../../apps/simulate/programme-officials';
