/**
 * The benchmark's rules: Pingxiang's, as data, with enough county-level units and a quota large enough
 * for every benchmark town to be listed (Pingxiang itself lets 14 towns in). One batch, so every town
 * lives the whole four years. No decider is changed: a different programme is a different pack.
 */
import { definePolicyPack } from '../../domain/policy/define-policy-pack';
import { pingxiang2017Content } from '../../domain/policy/packs/pingxiang-2017';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';

/** About the number of county-level units of a province: the pack every workflow carries stays realistic. */
export const BENCH_COUNTIES = 100;

export function benchPack(towns: number): PolicyPack {
  const [firstBatch] = pingxiang2017Content.batches;
  if (!firstBatch) throw new RangeError('The Pingxiang pack has batches');
  const counties = Array.from({ length: BENCH_COUNTIES }, (_, index) => {
    const number = String(index + 1).padStart(3, '0');
    return {
      code: `county-${number}`,
      nameZh: `基准${number}县`,
      nameEn: `Benchmark County ${number}`,
      aliases: [],
    };
  });
  return definePolicyPack({
    ...pingxiang2017Content,
    id: 'bench-lifecycle',
    title: { zh: '特色小镇全生命周期基准', en: 'Characteristic-town lifecycle benchmark' },
    source: {
      ...pingxiang2017Content.source,
      note: 'Benchmark pack: Pingxiang 2017 rules, many counties, one batch.',
    },
    counties,
    quota: { minTownsPerCounty: 0, maxTownsPerCounty: Math.max(1, Math.ceil(towns / BENCH_COUNTIES)) },
    batches: [firstBatch],
  });
}
