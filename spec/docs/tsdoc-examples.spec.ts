/**
 * Every exported symbol has a doc comment WITH AN EXAMPLE (TypeDoc's `notDocumented` validation
 * already checks that there is a doc comment; it does not check for `@example`).
 *
 * The program is loaded with the TypeScript compiler API, with tsconfig.json's options, for the
 * entry points of the package (engine/index.ts, nn/index.ts, bigram/index.ts, node/index.ts). Walked:
 * - every symbol exported from an entry point, aliases and re-exports resolved to the declaration
 *   (`export * as init` is walked as its module's exports);
 * - for a class, its public methods, getters/setters and static methods declared in the class
 *   itself (not inherited ones; constructors and properties are not walked).
 * Skipped:
 * - type-only exports (interfaces, type aliases): their doc comment describes a shape, and an
 *   example of a shape is only a copy of the code that uses it, which the function or class
 *   taking it shows anyway; their members are skipped too;
 * - private, protected and `#private` members, and anything tagged `@internal` (TypeDoc hides them).
 * A symbol with several declarations (overloads, a getter/setter pair) passes if any of them has
 * an `@example` tag. A failure lists `file:line name` of each declaration without one.
 */
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const entryPoints = ['engine/index.ts', 'nn/index.ts', 'bigram/index.ts', 'node/index.ts'].map((f) => join(repoRoot, f));

function loadProgram(): ts.Program {
  const configPath = join(repoRoot, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
  return ts.createProgram({ rootNames: entryPoints, options: parsed.options });
}

interface Checked {
  /** `file:line name` of the symbol's first declaration. */
  where: string;
  hasExample: boolean;
}

function hasTag(decl: ts.Node, name: string): boolean {
  return ts.getJSDocTags(decl).some((t) => t.tagName.text === name);
}

function location(decl: ts.Declaration, name: string): string {
  const sf = decl.getSourceFile();
  const line = sf.getLineAndCharacterOfPosition(decl.getStart(sf)).line + 1;
  return `${relative(repoRoot, sf.fileName)}:${line} ${name}`;
}

function isTypeOnly(decl: ts.Declaration): boolean {
  return ts.isInterfaceDeclaration(decl) || ts.isTypeAliasDeclaration(decl);
}

function isPublicMember(member: ts.ClassElement): boolean {
  if (member.name && ts.isPrivateIdentifier(member.name)) return false;
  const flags = ts.getCombinedModifierFlags(member as ts.Declaration);
  if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return false;
  return !hasTag(member, 'internal');
}

function collect(): Checked[] {
  const program = loadProgram();
  const checker = program.getTypeChecker();
  const out: Checked[] = [];
  const seen = new Set<ts.Symbol>();

  const check = (symbol: ts.Symbol, name: string, decls: readonly ts.Declaration[]) => {
    if (decls.length === 0) return;
    out.push({ where: location(decls[0], name), hasExample: decls.some((d) => hasTag(d, 'example')) });
  };

  const walkClass = (cls: ts.ClassDeclaration, className: string) => {
    const byName = new Map<string, ts.ClassElement[]>();
    for (const member of cls.members) {
      const isMethod = ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member);
      if (!isMethod || !member.name || !isPublicMember(member)) continue;
      const isStatic = (ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Static) !== 0;
      const key = `${className}${isStatic ? '.' : '#'}${member.name.getText()}`;
      byName.set(key, [...(byName.get(key) ?? []), member]);
    }
    for (const [key, members] of byName) {
      // an overload implementation is not part of the API: its doc comment lives on the overloads
      const withBody = members.filter((m) => !(ts.isMethodDeclaration(m) && m.body && members.length > 1));
      out.push({ where: location(withBody[0] ?? members[0], key), hasExample: members.some((m) => hasTag(m, 'example')) });
    }
  };

  const walkModule = (moduleSymbol: ts.Symbol, prefix: string) => {
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decls = (symbol.declarations ?? []).filter((d) => !isTypeOnly(d));
      if (decls.length === 0) continue;
      const name = prefix + exported.name;
      if (seen.has(symbol)) continue; // the same declaration exported twice (nn re-exports oneHot)
      seen.add(symbol);
      if (symbol.flags & ts.SymbolFlags.ValueModule && decls.every((d) => ts.isSourceFile(d))) {
        walkModule(symbol, `${name}.`); // export * as init
        continue;
      }
      if (decls.some((d) => hasTag(d, 'internal'))) continue;
      // a function's implementation signature is not part of the API when it has overloads
      const api = decls.filter((d) => !(ts.isFunctionDeclaration(d) && d.body && decls.length > 1));
      check(symbol, name, api.length ? api : decls);
      for (const d of decls) if (ts.isClassDeclaration(d)) walkClass(d, name);
    }
  };

  for (const file of entryPoints) {
    const sf = program.getSourceFile(file);
    if (!sf) throw new Error(`${file} is not in the program`);
    const moduleSymbol = checker.getSymbolAtLocation(sf);
    if (!moduleSymbol) throw new Error(`${file} is not a module`);
    walkModule(moduleSymbol, '');
  }
  return out;
}

describe('doc comments: every exported symbol has an @example', () => {
  const checked = collect();

  it('walks the public API (sanity: the main classes and functions are found)', () => {
    const names = checked.map((c) => c.where.split(' ')[1]);
    for (const n of ['Tensor', 'Tensor#sum', 'tensor', 'Linear', 'Linear#forward', 'init.kaimingUniform_', 'Vocabulary', 'runCli']) {
      expect(names, n).toContain(n);
    }
  });

  it('every walked declaration has an @example tag', () => {
    const missing = checked.filter((c) => !c.hasExample).map((c) => c.where);
    expect(missing, `${missing.length} of ${checked.length} declarations have no @example:\n${missing.join('\n')}`).toEqual([]);
  });
});
