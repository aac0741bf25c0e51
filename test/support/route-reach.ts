import { relative } from 'node:path';
import * as ts from 'typescript';

/** Where a stable code's class sits in the kernel's hierarchy decides its status (problem.filter.ts). */
const STATUS_OF_BASE: Record<string, string> = {
  InvalidInput: '400',
  PermissionDenied: '403',
  NotFoundError: '404',
  ConflictError: '409',
  DomainError: '422',
};
const KERNEL_ERRORS = /libs\/kernel\/src\/errors\.ts$/;
const STABLE_CODE = /^[A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)+$/;
const STABLE_CODE_IN_TEXT = /'([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)+)'/g;
const ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);

export const decoratorNames = (node: ts.Node): Array<{ name: string; call?: ts.CallExpression }> =>
  (ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []).flatMap((d) => {
    const e = d.expression;
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression))
      return [{ name: e.expression.text, call: e }];
    if (ts.isIdentifier(e)) return [{ name: e.text }];
    return [];
  });

export interface Route {
  operationId: string;
  controller: ts.ClassDeclaration;
  method: ts.MethodDeclaration;
  file: string;
}

export const projectFiles = (program: ts.Program, root: string) =>
  program
    .getSourceFiles()
    .filter((f) => !f.isDeclarationFile && !f.fileName.includes('node_modules'))
    .filter((f) => /\/(libs|apps)\//.test(relative(root, f.fileName).replace(/^/, '/')))
    .filter((f) => !/\.spec\.ts$/.test(f.fileName) && !/\/testing\//.test(f.fileName));

export const routesOf = (files: readonly ts.SourceFile[]): Route[] =>
  files.flatMap((file) =>
    file.statements.filter(ts.isClassDeclaration).flatMap((controller) => {
      if (!controller.name || !decoratorNames(controller).some((d) => d.name === 'Controller')) return [];
      return controller.members
        .filter(ts.isMethodDeclaration)
        .filter((m) => decoratorNames(m).some((d) => ROUTE_DECORATORS.has(d.name)))
        .map((method) => ({
          operationId: `${controller.name!.text}_${(method.name as ts.Identifier).text}`,
          controller,
          method,
          file: file.fileName,
        }));
    }),
  );

/**
 * The stable codes a route can raise: every error class constructed in the code its controller
 * method reaches (functions and methods it calls or passes on, the command and query handlers of
 * what it sends to the buses), by the status of the kernel class the error descends from.
 */
export class ErrorReach {
  private readonly checker: ts.TypeChecker;
  private readonly handlers = new Map<ts.Symbol, ts.Node[]>();
  private readonly reached = new Map<ts.Node, Map<string, Set<string>>>();

  constructor(program: ts.Program, files: readonly ts.SourceFile[]) {
    this.checker = program.getTypeChecker();
    for (const file of files) {
      for (const c of file.statements.filter(ts.isClassDeclaration)) {
        for (const d of decoratorNames(c)) {
          if (!['CommandHandler', 'QueryHandler'].includes(d.name) || !d.call) continue;
          const handled = d.call.arguments[0] && this.symbolOf(d.call.arguments[0]);
          const execute = c.members.find(
            (m) => ts.isMethodDeclaration(m) && (m.name as ts.Identifier).text === 'execute',
          );
          if (handled && execute)
            this.handlers.set(handled, [...(this.handlers.get(handled) ?? []), execute]);
        }
      }
    }
  }

  private typeLiterals = new Set<string>();
  /** The `type: '...'` literals a route's own branches build (its commands and the events they decide). */
  readonly built = new Map<ts.Node, Set<string>>();
  private commandTypes = new Set<string>();

  codesOf(node: ts.Node): Record<string, string[]> {
    this.typeLiterals = new Set();
    this.commandTypes = new Set();
    this.walk(node, new Map(), new Set());
    this.commandTypes = this.typeLiterals;
    this.typeLiterals = new Set();
    const found = new Map<string, Set<string>>();
    this.walk(node, found, new Set());
    this.built.set(node, this.typeLiterals);
    return Object.fromEntries(
      [...found.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([s, codes]) => [s, [...codes].sort()]),
    );
  }

  /**
   * The decider whose outcome a handler answers with (`return outcome.events[0]?.data` after
   * `executor.execute(decider, ...)` or `executeMany([onStream(decider, ...), ...])`), if that is
   * what it does.
   */
  answeredDecider(handler: ts.ClassDeclaration): ts.VariableDeclaration | undefined {
    const execute = handler.members.find((m) => ts.isMethodDeclaration(m) && m.name.getText() === 'execute');
    if (!execute || !/return \w+\.events(\[0\]|\.at\(-1\))\?\.data;/.test(execute.getText()))
      return undefined;
    let decider: ts.VariableDeclaration | undefined;
    const visit = (n: ts.Node): void => {
      if (decider) return;
      if (
        ts.isCallExpression(n) &&
        /(^|\.)(execute|onStream)$/.test(n.expression.getText()) &&
        n.arguments[0]
      ) {
        const declaration = this.symbolOf(n.arguments[0])?.declarations?.[0];
        if (
          declaration &&
          ts.isVariableDeclaration(declaration) &&
          ts.isSourceFile(declaration.parent.parent.parent)
        ) {
          decider = declaration;
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(execute);
    return decider;
  }

  /** The stored type names of a decider's events (`Decider<Command, Event, State>`). */
  eventTypesOf(decider: ts.VariableDeclaration): string[] {
    const type = this.checker.getTypeAtLocation(decider.name);
    const decide = type.getProperty('decide');
    const signature =
      decide && this.checker.getTypeOfSymbolAtLocation(decide, decider).getCallSignatures()[0];
    const events =
      signature && this.checker.getIndexTypeOfType(signature.getReturnType(), ts.IndexKind.Number);
    if (!events) return [];
    return (events.isUnion() ? events.types : [events]).flatMap((member) => {
      const tag = member.getProperty('type');
      const literal = tag && this.checker.getTypeOfSymbolAtLocation(tag, decider);
      return literal?.isStringLiteral() ? [literal.value] : [];
    });
  }

  /** The handler class of the first command or query the node sends, if any. */
  handlerSentBy(node: ts.Node): ts.ClassDeclaration | undefined {
    let handler: ts.ClassDeclaration | undefined;
    const owner = node.parent;
    const seen = new Set<ts.Node>();
    const visit = (n: ts.Node): void => {
      if (handler || seen.has(n)) return;
      seen.add(n);
      if (ts.isNewExpression(n)) {
        const symbol = this.symbolOf(n.expression);
        const execute = symbol && this.handlers.get(symbol)?.[0];
        if (execute && ts.isClassDeclaration(execute.parent)) handler = execute.parent;
      }
      /* a route that sends through a helper method of its controller (`this.send(...)`) */
      if (ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const helper = this.symbolOf(n.name)?.declarations?.find(ts.isMethodDeclaration);
        if (helper && helper.parent === owner) visit(helper);
      }
      ts.forEachChild(n, visit);
    };
    visit(node);
    return handler;
  }

  private symbolOf(node: ts.Node): ts.Symbol | undefined {
    const symbol = this.checker.getSymbolAtLocation(node);
    return symbol && symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
  }

  private inProject(node: ts.Node): boolean {
    const file = node.getSourceFile();
    return !file.isDeclarationFile && !file.fileName.includes('node_modules');
  }

  /** The status of an error class, or undefined when it is no error of the kernel's hierarchy. */
  private statusOf(declaration: ts.ClassLikeDeclaration): string | undefined {
    let type: ts.Type | undefined = this.checker.getTypeAtLocation(declaration);
    for (let hops = 0; type && hops < 12; hops++) {
      const symbol = type.getSymbol();
      const decl = symbol?.declarations?.[0];
      if (symbol && decl && KERNEL_ERRORS.test(decl.getSourceFile().fileName)) {
        return STATUS_OF_BASE[symbol.name];
      }
      type = (type.isClassOrInterface() ? this.checker.getBaseTypes(type) : [])[0];
    }
    return undefined;
  }

  private add(found: Map<string, Set<string>>, status: string, code: string) {
    if (!found.has(status)) found.set(status, new Set());
    found.get(status)!.add(code);
  }

  private walk(node: ts.Node, found: Map<string, Set<string>>, seen: Set<ts.Node>) {
    if (seen.has(node)) return;
    seen.add(node);
    const visit = (n: ts.Node): void => {
      if (ts.isNewExpression(n)) this.onNew(n, found, seen);
      else if (ts.isIdentifier(n) && !ts.isDeclarationStatement(n.parent)) this.follow(n, found, seen);
      else if (
        ts.isPropertyAssignment(n) &&
        n.name.getText() === 'type' &&
        ts.isStringLiteralLike(n.initializer)
      ) {
        this.typeLiterals.add(n.initializer.text);
      }
      if (ts.isSwitchStatement(n) && this.dispatches(n)) {
        visit(n.expression);
        for (const clause of n.caseBlock.clauses) {
          if (
            ts.isDefaultClause(clause) ||
            this.commandTypes.has((clause.expression as ts.StringLiteral).text)
          ) {
            ts.forEachChild(clause, visit);
          }
        }
        return;
      }
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(node, visit);
  }

  /**
   * A decider's `switch (command.type)` over string cases, some of which this route sends: only
   * those branches are its own (the first pass collects the `type: '...'` literals the route builds).
   */
  private dispatches(n: ts.SwitchStatement): boolean {
    if (!this.commandTypes.size || !ts.isPropertyAccessExpression(n.expression)) return false;
    if (n.expression.name.text !== 'type') return false;
    const labels = n.caseBlock.clauses.filter(ts.isCaseClause).map((c) => c.expression);
    return (
      labels.every((l) => ts.isStringLiteralLike(l)) &&
      labels.some((l) => this.commandTypes.has((l as ts.StringLiteral).text))
    );
  }

  private onNew(n: ts.NewExpression, found: Map<string, Set<string>>, seen: Set<ts.Node>) {
    const symbol = this.symbolOf(n.expression);
    const declaration = symbol?.declarations?.find(ts.isClassLike);
    if (!symbol || !declaration) return;
    const status = this.statusOf(declaration);
    if (status) {
      const first = n.arguments?.[0];
      if (first && ts.isStringLiteralLike(first) && STABLE_CODE.test(first.text))
        this.add(found, status, first.text);
      if (this.inProject(declaration) && !KERNEL_ERRORS.test(declaration.getSourceFile().fileName)) {
        for (const m of declaration.getText().matchAll(STABLE_CODE_IN_TEXT)) this.add(found, status, m[1]);
      }
      return;
    }
    for (const execute of this.handlers.get(symbol) ?? []) this.walk(execute, found, seen);
  }

  /** Follows a reference to a function, method or value of the project: what it reaches, this reaches. */
  private follow(n: ts.Identifier, found: Map<string, Set<string>>, seen: Set<ts.Node>) {
    /* `{ decide, evolve }`: the name is the property, its value the function of that name. */
    const shorthand = ts.isShorthandPropertyAssignment(n.parent)
      ? this.checker.getShorthandAssignmentValueSymbol(n.parent)
      : undefined;
    const symbol = shorthand ?? this.symbolOf(n);
    for (const declaration of symbol?.declarations ?? []) {
      if (!this.inProject(declaration)) continue;
      if (
        ts.isFunctionDeclaration(declaration) ||
        ts.isMethodDeclaration(declaration) ||
        (ts.isVariableDeclaration(declaration) && declaration.initializer) ||
        (ts.isPropertyAssignment(declaration) && declaration.initializer) ||
        (ts.isPropertyDeclaration(declaration) && declaration.initializer)
      ) {
        if (ts.isClassLike(declaration.parent) && ts.isPropertyDeclaration(declaration)) continue;
        this.walk(declaration, found, seen);
      }
    }
  }
}
