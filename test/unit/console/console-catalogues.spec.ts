import en from '../../../apps/console/src/i18n/locales/en.json';
import zhCN from '../../../apps/console/src/i18n/locales/zh-CN.json';
import { exitReasons } from '../../../domain/town/town.events';

type Catalogue = { readonly [key: string]: string | Catalogue };

function keysOf(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

/** Every text in both languages: a key in one catalogue only would show a code to half the users. */
describe("the console's message catalogues", () => {
  it('have the same keys in Chinese and English, and no empty message', () => {
    expect(keysOf(zhCN).sort()).toEqual(keysOf(en).sort());
    for (const catalogue of [zhCN, en]) {
      const empty = keysOf(catalogue).filter((key) => {
        const value = key
          .split('.')
          .reduce<Catalogue | string>((node, part) => (node as Catalogue)[part] ?? '', catalogue);
        return value === '';
      });
      expect(empty).toEqual([]);
    }
  });

  it('name every reason a town exits for, in both languages', () => {
    for (const catalogue of [zhCN, en]) {
      expect(Object.keys(catalogue.exitReason).sort()).toEqual([...exitReasons].sort());
    }
  });
});
