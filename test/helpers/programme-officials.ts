/** The officials' steps live with the simulation, which drives whole programmes with them. */
export {
  metaFor,
  programmeOfficials,
  seatHolders,
  type ProgrammeOfficials,
  type TownApplication,
} from '../../apps/simulate/programme-officials';
