import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { deadlineLabel, stepLabel } from '../../../apps/console/src/format/labels';
import en from '../../../apps/console/src/i18n/locales/en.json';
import zhCN from '../../../apps/console/src/i18n/locales/zh-CN.json';
import { batchCommandTypes } from '../../../domain/batch/batch.commands';
import { programmeCommandTypes } from '../../../domain/programme/programme.commands';
import { townCommandTypes } from '../../../domain/town/town.commands';

const root = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * Every deadline name the domain and the API make, read from their source: a deadline is written as
 * `{ name: …, dueAt: … }`, its name a literal (`'progress-check'`, or either arm of a conditional) or a
 * template keyed by a year or a batch (`yearly-statistics:${year}`, `statistics-${year}`). A sample
 * key stands in for the template's.
 */
function deadlineNames(): string[] {
  const names = new Set<string>();
  for (const file of [...sources(join(root, 'domain')), ...sources(join(root, 'apps', 'api'))]) {
    for (const [, expression = ''] of readFileSync(file, 'utf8').matchAll(/name:\s*([^\n]*?),\s*dueAt:/g)) {
      for (const [, plain] of expression.matchAll(/(?:^|[?:]\s*)'([a-z][a-z-]*)'/g)) names.add(plain ?? '');
      for (const [, stem, separator] of expression.matchAll(/`([a-z][a-z-]*?)([:-])\$\{[^}]+\}`/g))
        names.add(`${stem ?? ''}${separator ?? ''}2027`);
    }
  }
  return [...names].sort();
}

async function translator(language: string, catalogue: object): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { [language]: { translation: catalogue } },
    lng: language,
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

/** A name the API sends shown as itself would put an internal code in front of officials. */
describe("the console's labels for the API's names", () => {
  const names = deadlineNames();

  it('finds the deadlines where the domain and the API make them', () => {
    // The scan itself is checked: a changed way of writing deadlines must not leave it finding nothing.
    expect(names).toEqual(
      expect.arrayContaining([
        'application-window',
        'batch-opens:2027',
        'plan-resubmission',
        'plan-submission',
        'provincial-recommendation:2027',
        'statistics-2027',
        'yearly-statistics:2027',
      ]),
    );
  });

  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])('name every deadline in %s, with its year or batch', async (language, catalogue) => {
    const t = await translator(language, catalogue);
    const unlabelled = names.filter((name) => {
      const label = deadlineLabel(t, name);
      const keyShown = !/2027/.test(name) || label.includes('2027');
      return label === name || label.includes('{{') || !keyShown;
    });
    expect(unlabelled).toEqual([]);
  });

  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])('name every step type in %s', async (language, catalogue) => {
    const t = await translator(language, catalogue);
    const types = [...new Set([...townCommandTypes, ...batchCommandTypes, ...programmeCommandTypes])];
    expect(types.filter((type) => stepLabel(t, type) === type)).toEqual([]);
  });
});
