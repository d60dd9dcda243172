import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

const root = join(__dirname, '..', '..', '..');

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Classes whose instances change after they are made: one at module level is state every workflow shares. */
const stateful = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'Mutex', 'Semaphore']);

/**
 * The one memory kept on purpose: parsed packs, a pure function's results under their exact input
 * (decision 0042), the same for every workflow that asks.
 */
const kept = new Set(['domain/policy/parsed-packs.ts remembered', 'domain/policy/parsed-packs.ts built']);

/** Each top-level `let` or `var`, and each top-level `const` made with `new` of a stateful class. */
function stateIn(where: string, text: string): string[] {
  const source = ts.createSourceFile(where, text, ts.ScriptTarget.Latest);
  return source.statements.filter(ts.isVariableStatement).flatMap((statement) => {
    const list = statement.declarationList;
    // `let` and `var`: anything but `const`.
    const mutable = (list.flags & ts.NodeFlags.Const) === 0;
    return list.declarations.flatMap((declaration) => {
      const name = declaration.name.getText(source);
      const init = declaration.initializer;
      const made =
        init !== undefined &&
        ts.isNewExpression(init) &&
        stateful.has(init.expression.getText(source)) &&
        !declaration.type?.getText(source).startsWith('Readonly');
      return (mutable || made) && !kept.has(`${where} ${name}`) ? [`${where} ${name}`] : [];
    });
  });
}

const moduleLevelState = (file: string): string[] =>
  stateIn(relative(root, file), readFileSync(file, 'utf8'));

describe('the modules every workflow of a worker thread shares (decision 0136)', () => {
  it('keep no state at module level, in the workflows or the domain', () => {
    const files = [...sources(join(root, 'workflows')), ...sources(join(root, 'domain'))];
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap(moduleLevelState)).toEqual([]);
  });

  it('would be caught keeping some', () => {
    const text = [
      'let count = 0;',
      'var old = 1;',
      'const seen = new Set<string>();',
      'const fixed: ReadonlySet<string> = new Set(["a"]);',
      'const limit = 3;',
      'export const table = { a: 1 };',
    ].join('\n');
    expect(stateIn('a module', text)).toEqual(['a module count', 'a module old', 'a module seen']);
    expect(stateIn('domain/policy/parsed-packs.ts', 'const built = new Map<string, unknown>();')).toEqual([]);
  });
});
