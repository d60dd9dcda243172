import { preferredLanguage } from '../../../apps/api/http/language';

describe('Accept-Language', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['zh', 'zh'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['fr-FR, zh;q=0.5', 'zh'],
    ['de', 'en'],
    ['zh;q=0, en;q=0.1', 'en'],
    ['zh-Hans;q=0.9, en;q=0.2', 'zh'],
  ])('%j → %s', (header, language) => {
    expect(preferredLanguage(header)).toBe(language);
  });
});
