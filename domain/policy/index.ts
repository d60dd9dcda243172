export * from './policy-pack.schema';
export * from './policy-version';
export * from './define-policy-pack';
export * from './policy-rules';
export * from './policy-registry';
export { pingxiang2017, pingxiang2017Content } from './packs/pingxiang-2017';
export { jiangxiStyleObservation, jiangxiStyleObservationContent } from './packs/jiangxi-style-observation';
export { rehearsalOf } from './rehearsal-calendar';
export {
  asFirstPublished,
  pingxiang2017FirstEdition,
  jiangxiStyleObservationFirstEdition,
} from './packs/first-editions';
