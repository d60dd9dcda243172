import { toCsv } from '../../../domain/audit/csv';
import { DecisionExport, decisionColumns } from '../../../domain/audit/decision-csv';
import type { ProvincialRecommendationsDecided } from '../../../domain/programme';
import type { NewEvent } from '../../../domain/shared/event-envelope';
import { RecordedLog } from './recorded';
import { recommendationDecision, townHistory } from './town-history';

/** Rows of a CSV this module wrote (no BOM; fields split with quoting undone). */
function parse(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const text = csv.replace(/^\uFEFF/, '');
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += char;
  }
  return rows;
}

describe('CSV', () => {
  it('quotes what needs quoting, keeps Chinese as UTF-8 after a BOM, and ends lines with CRLF', () => {
    const csv = toCsv(
      ['a', 'b', 'c', 'd'],
      [
        { a: '麻山镇, "汽车"小镇', b: 'line\nbreak', c: 12.5, d: null },
        { a: '=HYPERLINK("x")', b: '-12', c: -12, d: true },
      ],
    );

    expect(csv.startsWith('\uFEFFa,b,c,d\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parse(csv)).toEqual([
      ['a', 'b', 'c', 'd'],
      ['麻山镇, "汽车"小镇', 'line\nbreak', '12.5', ''],
      ['\'=HYPERLINK("x")', "'-12", '-12', 'true'],
    ]);
  });

  it('exports each kind of decision from its events, with the town name and the event it came from', () => {
    const log = new RecordedLog()
      .append('town-a', townHistory('a', '麻山汽车风情小镇', 'recommended'))
      .append('town-b', townHistory('b', '武功山温泉小镇', 'exited'))
      .append('programme-p1', [recommendationDecision(['a', 'b'])]);
    const decisions = new DecisionExport();
    for (const event of log.events) decisions.add(event);

    const ratings = parse(decisions.csv('ratings'));
    const header = ratings[0]!;
    const column = (row: string[], name: string) => row[header.indexOf(name)];
    expect(header).toEqual(decisionColumns('ratings'));
    expect(ratings).toHaveLength(1 + 3);
    expect(
      ratings.slice(1).map((row) => [column(row, 'townName'), column(row, 'year'), column(row, 'rating')]),
    ).toEqual([
      ['麻山汽车风情小镇', '2018', '良好'],
      ['武功山温泉小镇', '2018', '良好'],
      ['武功山温泉小镇', '2019', '不合格'],
    ]);
    expect(column(ratings[3]!, 'assessment')).toBe("'=进展滞后");
    expect(column(ratings[1]!, 'county')).toBe('芦溪县');

    expect(decisions.count('rewards')).toBe(2 + 1 + 2 + 1);
    expect(decisions.count('exits')).toBe(1);
    expect(decisions.count('acceptance')).toBe(0);
    const recommendations = parse(decisions.csv('recommendations'));
    const recHeader = recommendations[0]!;
    expect(
      recommendations
        .slice(1)
        .map((row) => [
          row[recHeader.indexOf('event')],
          row[recHeader.indexOf('townId')],
          row[recHeader.indexOf('outcome')],
          row[recHeader.indexOf('reason')],
        ]),
    ).toEqual([
      ['TownRecommendedToProvince', 'a', '', ''],
      ['ProvincialRecommendationsDecided', 'a', 'recommended', ''],
      ['ProvincialRecommendationsDecided', 'b', 'not-recommended', 'not-eligible'],
    ]);
  });

  it('lists a round recorded in pages town by town, with the inputs of its rank (decision 0066)', () => {
    const whole = recommendationDecision(['a', 'b']);
    const decided = whole.data as ProvincialRecommendationsDecided['data'];
    const page = (n: number, townId: string): NewEvent => ({
      ...whole,
      id: `${whole.id.slice(0, -1)}${n}`,
      type: 'ProvincialRankingPageRecorded',
      data: {
        reviewYear: 2018,
        page: n,
        ranking: decided.ranking.filter((candidate) => candidate.townId === townId),
        recommended: decided.recommended.filter((town) => town.townId === townId),
        notRecommended: decided.notRecommended.filter((town) => town.townId === townId),
        listedByProvince: 0,
        placesLeft: null,
      },
    });
    const decisions = new DecisionExport();
    for (const event of new RecordedLog().append('programme-p1', [page(0, 'a'), page(1, 'b')]).events)
      decisions.add(event);
    const rows = parse(decisions.csv('recommendations'));
    const header = rows[0]!;
    expect(
      rows
        .slice(1)
        .map((row) =>
          ['event', 'townId', 'outcome', 'rank', 'reason', 'rankingScore'].map(
            (name) => row[header.indexOf(name)],
          ),
        ),
    ).toEqual([
      ['ProvincialRankingPageRecorded', 'a', 'recommended', '1', '', '82'],
      ['ProvincialRankingPageRecorded', 'b', 'not-recommended', '', 'not-eligible', '81'],
    ]);
  });
});
