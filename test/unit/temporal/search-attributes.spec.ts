import { townSearchAttributes } from '../../../infra/temporal/search-attributes';
import { searchAttributeKeys } from '../../../workflows/shared/search-attributes';

/**
 * A key the workflows upsert but the namespace was not told of fails every workflow task that upserts
 * it; one registered and never upserted finds nothing. The two lists must name the same attributes.
 */
describe('search attributes: what is registered is what the workflows upsert', () => {
  it('names the same attributes with the same types', () => {
    const upserted = Object.values(searchAttributeKeys)
      .map(({ name, type }) => `${name}=${type}`)
      .sort();
    const registered = Object.entries(townSearchAttributes)
      .map(([name, type]) => `${name}=${type.toUpperCase()}`)
      .sort();
    expect(upserted).toEqual(registered);
  });
});
