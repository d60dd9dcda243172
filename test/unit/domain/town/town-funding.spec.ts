import { townDecider } from '../../../../domain/town';
import { pingxiang2017FirstEdition } from '../../../../domain/policy';
import type { RecordFunding } from '../../../../domain/town';
import { contextFor, underPingxiang } from '../../../helpers/given-when-then';
import { COUNTY, TownStory } from './town-story';

const { given, at } = underPingxiang(townDecider);
const NOW = '2018-03-15T10:00:00+08:00';
const county = at(NOW, 'county-official', { county: COUNTY });
const finance = at(NOW, 'finance-bureau');

const funding = (data: Partial<RecordFunding['data']> = {}): RecordFunding => ({
  type: 'RecordFunding',
  data: { year: 2017, source: 'county', amountYuan: 20_000_000, reference: '上栗财字〔2017〕12号', ...data },
});

describe('money by source, per town and year (§III.5 以县为主、乡镇为辅、市奖补; 海绵…1亿元)', () => {
  const listed = TownStory.cultivating();

  it('the county records its own and its townships’ money; finance records the city’s funds', () => {
    const county2017 = given(...listed.events).when(funding({ purpose: ' 基础设施 ' }), county);
    county2017.then([
      {
        type: 'FundingRecorded',
        data: {
          year: 2017,
          source: 'county',
          level: 'county',
          amountYuan: 20_000_000,
          reference: '上栗财字〔2017〕12号',
          purpose: '基础设施',
        },
      },
    ]);
    expect(county2017.stateAfter.funding).toEqual([
      { year: 2017, source: 'county', level: 'county', amountYuan: 20_000_000 },
    ]);
    given(...listed.events)
      .when(funding({ source: 'township', amountYuan: 3_000_000 }), county)
      .thenMatches([
        {
          type: 'FundingRecorded',
          data: {
            year: 2017,
            source: 'township',
            level: 'township',
            amountYuan: 3_000_000,
            reference: '上栗财字〔2017〕12号',
            purpose: null,
          },
        },
      ]);
    given(...listed.events)
      .when(funding({ source: 'city-sponge-fund', year: 2018, amountYuan: 10_000_000 }), finance)
      .thenMatches([
        {
          type: 'FundingRecorded',
          data: {
            year: 2018,
            source: 'city-sponge-fund',
            level: 'city',
            amountYuan: 10_000_000,
            reference: '上栗财字〔2017〕12号',
            purpose: null,
          },
        },
      ]);
  });

  it('refuses a source recorded by the wrong seat, another county, an unknown source, and bad years or amounts', () => {
    given(...listed.events)
      .when(funding({ source: 'city-sponge-fund' }), county)
      .thenRefused('ROLE_NOT_ALLOWED', { allowedSeats: ['finance-bureau'] });
    given(...listed.events)
      .when(funding(), finance)
      .thenRefused('ROLE_NOT_ALLOWED', { allowedSeats: ['county-official'] });
    given(...listed.events)
      .when(funding(), at(NOW, 'county-official', { county: 'luxi' }))
      .thenRefused('ACTOR_COUNTY_MISMATCH');
    given(...listed.events)
      .when(funding({ source: 'lottery' }), county)
      .thenRefused('FUNDING_SOURCE_UNKNOWN', { field: 'source' });
    given(...listed.events)
      .when(funding({ year: 2016 }), county)
      .thenRefused('FUNDING_YEAR_INVALID', { field: 'year' });
    given(...listed.events)
      .when(funding({ year: 2019 }), county)
      .thenRefused('FUNDING_YEAR_INVALID');
    given(...listed.events)
      .when(funding({ amountYuan: 0.5 }), county)
      .thenRefused('AMOUNT_INVALID', { field: 'amountYuan' });
    given(...listed.events)
      .when(funding({ reference: '' }), county)
      .thenRefused('REFERENCE_REQUIRED');
    given(...TownStory.cultivating(pingxiang2017FirstEdition).events)
      .when(funding(), contextFor(pingxiang2017FirstEdition)(NOW, 'county-official', { county: COUNTY }))
      .thenRefused('MEASURES_NOT_IN_POLICY');
  });
});
