import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const scanned = [
  'README.md',
  'docs',
  'apps',
  'audit',
  'domain',
  'workflows',
  'activities',
  'infra',
  'test',
  'bench',
  'scripts',
];
const skippedDirectories = new Set(['node_modules', 'dist', 'generated', 'histories']);
const textFile = /\.(ts|tsx|md|js|mjs)$/;

/** A path from the repository's root, as docs and comments name files: `apps/api/main.ts`. */
const rootedPath =
  /(?<![\w./-])((?:apps|audit|domain|workflows|activities|infra|test|bench|docs|scripts|tools)\/[\w./-]*[\w-]\.(?:ts|tsx|md|json|js|mjs|sh|yml|csv|png))/g;
/** "decision 0060", "decisions 0076", "docs/decisions/0060": a record by its number. */
const decisionNumber = /\bdecisions?(?: |\/)(\d{4})\b/gi;
/** A Markdown link to a file of the repository, relative to the document. */
const markdownLink = /\]\(([^)#\s]+)(?:#[^)]*)?\)/g;

function filesUnder(path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return textFile.test(path) ? [path] : [];
  return readdirSync(full)
    .filter((name) => !skippedDirectories.has(name))
    .flatMap((name) => filesUnder(join(path, name)));
}

function brokenReferences(): string[] {
  const decisions = new Set(readdirSync(join(root, 'docs', 'decisions')).map((name) => name.slice(0, 4)));
  const broken: string[] = [];
  for (const file of scanned.flatMap(filesUnder)) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const [, path = ''] of text.matchAll(rootedPath)) {
      if (!existsSync(join(root, path))) broken.push(`${file}: ${path}`);
    }
    for (const [, number = ''] of text.matchAll(decisionNumber)) {
      if (!decisions.has(number)) broken.push(`${file}: decision ${number}`);
    }
    if (!file.endsWith('.md')) continue;
    for (const [, target = ''] of text.matchAll(markdownLink)) {
      if (/^[a-z]+:/.test(target)) continue;
      const resolved = normalize(join(dirname(file), target));
      // Outside the repository a link is broken for every other clone, even where it resolves here.
      const inside = !resolved.startsWith('..');
      if (!inside || !existsSync(join(root, resolved))) broken.push(`${file}: ${relative('.', resolved)}`);
    }
  }
  return broken;
}

/**
 * The docs and comments name only what exists in the repository: every file named from its root, every
 * decision record by its number and every Markdown link. A file moved or a record renumbered fails here,
 * not in a reader's search.
 */
describe('references in docs and comments', () => {
  it('name files, decision records and links that exist', () => {
    expect(brokenReferences()).toEqual([]);
  });
});
