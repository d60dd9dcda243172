import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';
import {
  domainModulesOfWorkflows,
  preloadedWorkflowModules,
} from '../../../infra/temporal/workflow-bundle-options';

const root = join(__dirname, '..', '..', '..');

function workflowSources(directory = join(root, 'workflows')): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return workflowSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** An import whose every name is a type is erased by the compiler: it loads nothing at run time. */
function loadsAtRunTime(declaration: ts.ImportDeclaration): boolean {
  const clause = declaration.importClause;
  if (clause === undefined) return true;
  if (clause.isTypeOnly) return false;
  if (clause.name !== undefined) return true;
  const bindings = clause.namedBindings;
  if (bindings === undefined || ts.isNamespaceImport(bindings)) return true;
  return bindings.elements.length === 0 || bindings.elements.some((element) => !element.isTypeOnly);
}

/** Each domain module a workflow source imports by value, resolved to its file. */
function domainImportsOfWorkflows(): Map<string, string[]> {
  const imports = new Map<string, string[]>();
  for (const file of workflowSources()) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      const moduleName =
        ts.isImportDeclaration(statement) && loadsAtRunTime(statement)
          ? statement.moduleSpecifier
          : ts.isExportDeclaration(statement) && !statement.isTypeOnly
            ? statement.moduleSpecifier
            : undefined;
      if (moduleName === undefined || !ts.isStringLiteral(moduleName)) continue;
      if (!moduleName.text.startsWith('.')) continue;
      const resolved = require.resolve(join(dirname(file), moduleName.text));
      if (!relative(root, resolved).startsWith('domain/')) continue;
      imports.set(resolved, [...(imports.get(resolved) ?? []), relative(root, file)]);
    }
  }
  return imports;
}

describe('the modules every workflow of a worker thread shares', () => {
  it('include every domain module the workflows import by value', () => {
    const preloaded = new Set(preloadedWorkflowModules());
    const imported = domainImportsOfWorkflows();
    expect(imported.size).toBeGreaterThan(5);
    const missing = [...imported].filter(([module]) => !preloaded.has(module));
    expect(missing.map(([module, by]) => `${relative(root, module)} (imported by ${by.join(', ')})`)).toEqual(
      [],
    );
  });

  it('name no domain module the workflows do not import', () => {
    const imported = new Set(domainImportsOfWorkflows().keys());
    const unused = domainModulesOfWorkflows.filter(
      (module) => !imported.has(require.resolve(join(root, module))),
    );
    expect(unused).toEqual([]);
  });
});
