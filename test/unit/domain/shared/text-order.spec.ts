import { compareText } from '../../../../domain/shared/text-order';

describe('compareText', () => {
  it('orders by code units, whatever a locale would say', () => {
    // Lithuanian collation puts `y` before `j`; the domain's order must not depend on such rules.
    expect('y'.localeCompare('j', 'lt')).toBeLessThan(0);
    expect(compareText('y', 'j')).toBeGreaterThan(0);
    expect(['b', 'B', 'a-1', 'a1', '10', '9'].sort(compareText)).toEqual(['10', '9', 'B', 'a-1', 'a1', 'b']);
  });

  it('is zero only for equal text', () => {
    expect(compareText('plan-due', 'plan-due')).toBe(0);
    expect(compareText('plan-due', 'plan-due ')).toBeLessThan(0);
  });
});
