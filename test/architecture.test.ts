/**
 * The layers of the code, enforced on the source text (README.md, "Project layout").
 *
 * Imports only point down: sim/lib < sim/model < sim/run < sim/input < sim/research <
 * sim/engineApi.ts < sim/worker.ts < sim/cli. web/ may import sim/ except sim/cli; nothing in
 * sim/ imports web/, test/ or bench/. The engine (sim/lib, model, run, input, research,
 * sim/engineApi.ts and sim/worker.ts) is pure:
 * no Math.random, no clock (Date, performance), no DOM (document, window, …), no Node (node:
 * or built-in modules, process, Buffer, require).
 *
 * Each file is parsed with the TypeScript compiler (a .svelte file's <script> blocks), so
 * comments and strings never count, and every kind of import does: static, type-only,
 * re-export, dynamic import(), require(), import('…') types and new URL('….ts', import.meta.url).
 * tsconfig.engine.json backs the purity rules with the compiler: the engine folders type-check
 * with the ES2022 library alone, no DOM and no Node types.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The layers of sim/, lowest first: a file may import its own layer and those below. */
const LAYERS = ['sim/lib', 'sim/model', 'sim/run', 'sim/input', 'sim/research', 'sim/engineApi.ts', 'sim/worker.ts', 'sim/cli'];
/** Layers that make up the engine, held to the purity rules. */
const ENGINE = new Set(['sim/lib', 'sim/model', 'sim/run', 'sim/input', 'sim/research', 'sim/engineApi.ts', 'sim/worker.ts']);
/** Globals the engine must not touch: the clock, the DOM and the browser, Node. */
const FORBIDDEN_GLOBALS = new Set([
  'Date',
  'performance',
  'document',
  'window',
  'self',
  'navigator',
  'localStorage',
  'process',
  'Buffer',
  'require',
  '__dirname',
  '__filename',
  'global',
]);
const SOURCE = /\.(ts|mts|mjs|js|svelte)$/;

interface Finding {
  file: string;
  line: number;
  what: string;
}

const show = (f: Finding) => `${f.file}:${f.line} ${f.what}`;

/** The layer of a repository path under sim/ ('' for a file in sim/ outside every layer). */
function layerOf(path: string): string {
  return LAYERS.find((l) => path === l || path.startsWith(`${l}/`)) ?? '';
}

const topFolder = (path: string) => path.split('/')[0];

function isNodeBuiltin(spec: string): boolean {
  return spec.startsWith('node:') || builtinModules.includes(spec) || builtinModules.includes(spec.split('/')[0]);
}

/** The script parts of a file, each with the line it starts on (0-based). */
function scripts(path: string, text: string): { code: string; firstLine: number }[] {
  if (!path.endsWith('.svelte')) return [{ code: text, firstLine: 0 }];
  const out: { code: string; firstLine: number }[] = [];
  for (const m of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    const start = m.index + m[0].indexOf('>') + 1;
    out.push({ code: m[1], firstLine: text.slice(0, start).split('\n').length - 1 });
  }
  return out;
}

const literalText = (n: ts.Node): string | undefined => (ts.isStringLiteralLike(n) ? n.text : undefined);

/** Every module specifier the code names, with its line. */
function importsOf(sf: ts.SourceFile): { spec: string; node: ts.Node }[] {
  const out: { spec: string; node: ts.Node }[] = [];
  const literal = (n: ts.Node | undefined): string | undefined => (n ? literalText(n) : undefined);
  const visit = (n: ts.Node): void => {
    let spec: string | undefined;
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) spec = literal(n.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) spec = literal(n.moduleReference.expression);
    else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) spec = literal(n.argument.literal);
    else if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isImport || isRequire) spec = literal(n.arguments[0]);
    } else if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'URL') {
      const base = n.arguments?.[1];
      // Code loaded by URL (a worker's module); a URL to data (golden files, docs) is no import.
      const url = literal(n.arguments?.[0]);
      if (base && base.getText(sf) === 'import.meta.url' && url && SOURCE.test(url)) spec = url;
    }
    if (spec !== undefined) out.push({ spec, node: n });
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** Names the file declares itself (a local `window` is not the browser's). */
function declaredNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (n: ts.Node): void => {
    const name = (n as { name?: ts.Node }).name;
    const declares =
      ts.isVariableDeclaration(n) ||
      ts.isParameter(n) ||
      ts.isBindingElement(n) ||
      ts.isFunctionDeclaration(n) ||
      ts.isFunctionExpression(n) ||
      ts.isClassDeclaration(n) ||
      ts.isImportClause(n) ||
      ts.isImportSpecifier(n) ||
      ts.isNamespaceImport(n) ||
      ts.isTypeAliasDeclaration(n) ||
      ts.isInterfaceDeclaration(n) ||
      ts.isEnumDeclaration(n);
    if (declares && name && ts.isIdentifier(name)) names.add(name.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return names;
}

/** True where the identifier is a reference to a variable, not a property or declaration name. */
function isReference(id: ts.Identifier): boolean {
  const parent = id.parent as ts.Node & { name?: ts.Node; propertyName?: ts.Node };
  if (parent.propertyName === id) return false;
  if (parent.name === id && !ts.isShorthandPropertyAssignment(parent)) return false;
  if (ts.isQualifiedName(parent) && parent.right === id) return false;
  return !(ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent));
}

/** Uses of randomness, the clock, the DOM or Node in one parsed engine file. */
function impurities(sf: ts.SourceFile): { what: string; node: ts.Node }[] {
  const local = declaredNames(sf);
  const out: { what: string; node: ts.Node }[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
      const member = ts.isPropertyAccessExpression(n) ? n.name.text : literalText(n.argumentExpression);
      if (ts.isIdentifier(n.expression) && n.expression.text === 'Math' && member === 'random' && !local.has('Math')) out.push({ what: 'uses Math.random', node: n });
    }
    if (ts.isIdentifier(n) && FORBIDDEN_GLOBALS.has(n.text) && !local.has(n.text) && isReference(n)) out.push({ what: `uses ${n.text}`, node: n });
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** The layer rule broken by an import of `target` (a repository path) from `file`, if any. */
function importRule(file: string, target: string): string | undefined {
  const from = topFolder(file);
  const to = topFolder(target);
  if (from === 'sim') {
    if (to === 'web' || to === 'test' || to === 'bench') return `sim/ never imports ${to}/`;
    if (to !== 'sim') return undefined;
    const a = layerOf(file);
    const b = layerOf(target);
    if (b && LAYERS.indexOf(b) > LAYERS.indexOf(a)) return `${b} is a layer above ${a}`;
  }
  if (from === 'web') {
    if (layerOf(target) === 'sim/cli') return 'web/ never imports sim/cli';
    if (to === 'test' || to === 'bench') return `web/ never imports ${to}/`;
  }
  return undefined;
}

/** Every breach of the layer and purity rules in one source file (path relative to the repository). */
function check(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  const inSim = topFolder(file) === 'sim';
  const layer = layerOf(file);
  if (inSim && !layer) findings.push({ file, line: 1, what: 'is in sim/ but in no layer' });
  const engine = ENGINE.has(layer);
  const kind = /\.(mjs|js)$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  for (const { code, firstLine } of scripts(file, text)) {
    const sf = ts.createSourceFile(file, code, ts.ScriptTarget.ES2022, true, kind);
    const lineOf = (n: ts.Node) => firstLine + sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    for (const { spec, node } of importsOf(sf)) {
      if (spec.startsWith('.')) {
        const target = posix.normalize(posix.join(posix.dirname(file), spec));
        const broken = importRule(file, target);
        if (broken) findings.push({ file, line: lineOf(node), what: `imports '${spec}' (${broken})` });
      } else if (engine && isNodeBuiltin(spec)) {
        findings.push({ file, line: lineOf(node), what: `imports the Node built-in '${spec}'` });
      }
    }
    if (engine) for (const { what, node } of impurities(sf)) findings.push({ file, line: lineOf(node), what });
  }
  return findings;
}

/** Source files under a folder, as repository paths. */
function sources(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((f) => SOURCE.test(f))
    .map((f) => posix.join(folder, f.split('\\').join('/')))
    .sort();
}

describe('the checker itself', () => {
  const shown = (file: string, code: string) => check(file, code).map(show);

  it('names the file, the line and the import when a file imports from a layer above its own', () => {
    const code = "import { LEVELS } from './params.ts';\nimport { simulate } from '../run/simulate.ts';\n";
    expect(shown('sim/model/labour.ts', code)).toEqual(["sim/model/labour.ts:2 imports '../run/simulate.ts' (sim/run is a layer above sim/model)"]);
    expect(shown('sim/run/metrics.ts', "export { parseScenario } from '../input/scenario.ts';")).toHaveLength(1);
    expect(shown('sim/research/ensemble.ts', "import type { WorkerApi } from '../worker.ts';")).toHaveLength(1);
    expect(shown('sim/worker.ts', "const m = await import('./cli/main.ts');")).toHaveLength(1);
    expect(shown('sim/lib/rng.ts', "type P = import('../model/params.ts').Params;")).toHaveLength(1);
  });

  it('lets imports point down or stay within a layer', () => {
    const code = "import { stream } from '../lib/rng.ts';\nimport { ces } from './production.ts';\n";
    expect(shown('sim/model/firms.ts', code)).toEqual([]);
    expect(shown('sim/cli/main.ts', "import { workerApi } from '../worker.ts';\nimport { readFileSync } from 'node:fs';")).toEqual([]);
    expect(shown('sim/research/sweep/sweep.ts', "import { ensemble } from '../ensemble.ts';")).toEqual([]);
  });

  it('keeps sim/ out of web/, test/ and bench/, and web/ out of sim/cli', () => {
    expect(shown('sim/cli/commands/run.ts', "import { format } from '../../../web/lib/format.ts';")).toHaveLength(1);
    expect(shown('sim/run/simulate.ts', "import { small } from '../../test/helpers.ts';")).toHaveLength(1);
    expect(shown('sim/research/ensemble.ts', "import { time } from '../../bench/engine.ts';")).toHaveLength(1);
    expect(shown('web/lib/runner.ts', "import { parseArgs } from '../../sim/cli/args/parseArgs.ts';")).toHaveLength(1);
    expect(shown('web/lib/runner.ts', "import { simulate } from '../../sim/run/simulate.ts';\nconst u = new URL('../engine.worker.ts', import.meta.url);")).toEqual([]);
    // A module loaded by URL is an import; a URL to data files is not.
    expect(shown('web/lib/runner.ts', "const u = new URL('../../sim/cli/parallel/worker.mjs', import.meta.url);")).toHaveLength(1);
    expect(shown('sim/cli/commands/checkCommand.ts', "const d = new URL('../../../test/golden/', import.meta.url);")).toEqual([]);
  });

  it('reads the imports of a .svelte file’s scripts, on the file’s own line numbers', () => {
    const svelte = '<script lang="ts">\n  import { x } from "../lib/display.ts";\n  import { main } from "../../sim/cli/main.ts";\n</script>\n<p>{x}</p>\n';
    expect(shown('web/charts/Chart.svelte', svelte)).toEqual(["web/charts/Chart.svelte:3 imports '../../sim/cli/main.ts' (web/ never imports sim/cli)"]);
  });

  it('finds randomness, the clock, the DOM and Node in the engine, by line', () => {
    const code = [
      'const a = Math.random();',
      'const b = Date.now();',
      'const c = new Date();',
      'const d = performance.now();',
      'const e = document.title;',
      'const f = window.innerWidth;',
      "import { readFileSync } from 'node:fs';",
      "import { join } from 'path';",
      'const g = process.env;',
    ].join('\n');
    expect(shown('sim/model/x.ts', code)).toEqual([
      "sim/model/x.ts:7 imports the Node built-in 'node:fs'",
      "sim/model/x.ts:8 imports the Node built-in 'path'",
      'sim/model/x.ts:1 uses Math.random',
      'sim/model/x.ts:2 uses Date',
      'sim/model/x.ts:3 uses Date',
      'sim/model/x.ts:4 uses performance',
      'sim/model/x.ts:5 uses document',
      'sim/model/x.ts:6 uses window',
      'sim/model/x.ts:9 uses process',
    ]);
    expect(shown('sim/worker.ts', 'const t = performance.now();')).toHaveLength(1);
    expect(shown('sim/cli/main.ts', "import { readFileSync } from 'node:fs';\nconst t = Date.now();")).toEqual([]);
    expect(shown('web/lib/format.ts', 'const w = window.innerWidth;')).toEqual([]);
  });

  it('ignores comments, strings, property names and the file’s own declarations', () => {
    const code = [
      '// Math.random() and Date.now() are banned; see the model document.',
      "const s = 'document.title and window';",
      'const o = { document: 1, window: 2 };',
      'const p = o.document + o.window;',
      'function f(window: number): number { return window; }',
      'interface Q { Date: string }',
    ].join('\n');
    expect(shown('sim/model/x.ts', code)).toEqual([]);
    expect(shown('sim/model/x.ts', 'const o = { document };')).toHaveLength(1);
  });

  it('reports a file in sim/ that belongs to no layer', () => {
    expect(shown('sim/helpers.ts', '')).toEqual(['sim/helpers.ts:1 is in sim/ but in no layer']);
  });
});

describe('the repository', () => {
  const files = [...sources('sim'), ...sources('web')];
  const all = files.flatMap((file) => check(file, readFileSync(file, 'utf8')));

  it('reads every source file of sim/ and web/, and the imports in them', () => {
    expect(files).toContain('sim/worker.ts');
    expect(files).toContain('web/App.svelte');
    expect(files.filter((f) => f.startsWith('sim/model/')).length).toBeGreaterThanOrEqual(10);
    const imports = files.reduce((n, file) => {
      const text = readFileSync(file, 'utf8');
      return n + scripts(file, text).reduce((k, s) => k + importsOf(ts.createSourceFile(file, s.code, ts.ScriptTarget.ES2022, true)).length, 0);
    }, 0);
    expect(imports).toBeGreaterThan(300);
  });

  it('has no import from a layer above the importing file', () => {
    expect(all.filter((f) => f.what.startsWith('imports ') && !f.what.includes('Node built-in')).map(show)).toEqual([]);
  });

  it('keeps the engine free of randomness, the clock, the DOM and Node', () => {
    expect(all.filter((f) => f.what.startsWith('uses ') || f.what.includes('Node built-in')).map(show)).toEqual([]);
  });

  it('puts every file of sim/ in a layer', () => {
    expect(all.filter((f) => f.what.includes('no layer')).map(show)).toEqual([]);
  });
});
