import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';
import * as TJS from 'typescript-json-schema';

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
/** FHIR answers with the R5 resources of @smile-cdr/fhirts, documented by HL7 rather than expanded here. */
const FHIR_CONTROLLER = /libs\/fhir\//;

export interface OperationContract {
  /** The named schema of the success body; absent where the body is not JSON. */
  response?: string;
  /** Stable codes this operation's handlers can raise, by HTTP status. */
  errors: Record<string, string[]>;
}

export interface GeneratedApiContract {
  operations: Record<string, OperationContract>;
  schemas: Record<string, unknown>;
}

export interface GeneratedEventSchemas {
  /** `<context>.<Fact>.v<version>` -> JSON Schema of the contract's data, from its TypeScript type. */
  messages: Record<string, unknown>;
  definitions: Record<string, unknown>;
}

const decoratorNames = (node: ts.Node): Array<{ name: string; call?: ts.CallExpression }> =>
  (ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []).flatMap((d) => {
    const e = d.expression;
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression))
      return [{ name: e.expression.text, call: e }];
    if (ts.isIdentifier(e)) return [{ name: e.text }];
    return [];
  });

interface Route {
  operationId: string;
  controller: ts.ClassDeclaration;
  method: ts.MethodDeclaration;
  file: string;
}

const projectFiles = (program: ts.Program, root: string) =>
  program
    .getSourceFiles()
    .filter((f) => !f.isDeclarationFile && !f.fileName.includes('node_modules'))
    .filter((f) => /\/(libs|apps)\//.test(relative(root, f.fileName).replace(/^/, '/')))
    .filter((f) => !/\.spec\.ts$/.test(f.fileName) && !/\/testing\//.test(f.fileName));

const routesOf = (files: readonly ts.SourceFile[]): Route[] =>
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
class ErrorReach {
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

const typeProgram = (root: string, extra: Record<string, string>) => {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const dir = join(root, '.tmp', 'api-contract');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const names = Object.entries(extra).map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
  return {
    program: ts.createProgram({ rootNames: [...config.fileNames, ...names], options: config.options }),
    files: names,
    dir,
  };
};

const importPath = (from: string, file: string) => {
  const path = relative(dirname(from), file).replace(/\.ts$/, '');
  return path.startsWith('.') ? path : `./${path}`;
};

const SETTINGS: TJS.PartialArgs = {
  required: true,
  ref: true,
  aliasRef: false,
  topRef: false,
  noExtraProps: false,
  strictNullChecks: true,
  ignoreErrors: true,
  excludePrivate: true,
  uniqueNames: false,
};

/** A component name OpenAPI and AsyncAPI accept: `Partial<Record<"S"|"s",X>>` -> `Partial_Record_S_s_X`. */
const componentName = (name: string): string =>
  name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '');

/** JSON Schema draft-07 definitions renamed to component names, with refs pointing where the caller keeps them. */
const relocate = (schema: unknown, target: string): unknown =>
  JSON.parse(JSON.stringify(schema), (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith('#/definitions/')
      ? `${target}${componentName(decodeURIComponent(value.slice('#/definitions/'.length)))}`
      : value,
  );

type Schema = Record<string, unknown>;

/* OpenAPI 3.0 has no `null` type: `nullable` needs a type beside it, and its enum must list null. */
const NULL_ONLY = { type: 'string', nullable: true, enum: [null] };

/**
 * Nest's document is OpenAPI 3.0, whose schemas predate JSON Schema's `type: [..., 'null']`,
 * `const` and `$ref` beside other keywords: say those the 3.0 way (`nullable`, `enum`, `allOf`).
 */
const toOpenApi30 = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(toOpenApi30);
  if (!value || typeof value !== 'object') return value;
  const schema: Schema = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toOpenApi30(v)]));
  if ('const' in schema) {
    schema.enum = [schema.const];
    delete schema.const;
  }
  if (schema.type === 'null') return { ...schema, ...NULL_ONLY };
  if (Array.isArray(schema.type)) {
    const types = (schema.type as string[]).filter((t) => t !== 'null');
    const nullable = types.length < schema.type.length;
    if (types.length === 1) return { ...schema, type: types[0], ...(nullable ? { nullable } : {}) };
    delete schema.type;
    schema.anyOf = [...types.map((type) => ({ type })), ...(nullable ? [NULL_ONLY] : [])];
  }
  if (typeof schema.$ref === 'string' && Object.keys(schema).length > 1) {
    const { $ref, ...rest } = schema;
    return { ...rest, allOf: [{ $ref }] };
  }
  return schema;
};

const renamed = (definitions: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(definitions).map(([name, schema]) => [componentName(name), schema]));

/** An inferred type's initialisers are values of one answer, not defaults: typescript-json-schema takes them for defaults. */
const withoutDefaults = (schema: unknown): unknown =>
  JSON.parse(JSON.stringify(schema), (key, value: unknown) => (key === 'default' ? undefined : value));

const isJsonBody = (type: ts.Type, checker: ts.TypeChecker): boolean => {
  const text = checker.typeToString(type);
  return !/^(void|undefined|string|Buffer|StreamableFile|Readable|never)$/.test(text);
};

const awaited = (type: ts.Type, checker: ts.TypeChecker): ts.Type => checker.getAwaitedType(type) ?? type;

/**
 * Reads the controllers and the contract files with the TypeScript compiler: the OpenAPI success
 * schemas come from each route method's (awaited) return type, its error codes from what it
 * reaches, and the AsyncAPI payloads from the type argument of each `ContractMapping<T>`.
 */
export const generateContracts = (
  root: string,
): { api: GeneratedApiContract; events: GeneratedEventSchemas } => {
  const first = typeProgram(root, {});
  const checker = first.program.getTypeChecker();
  const files = projectFiles(first.program, root);
  const routes = routesOf(files);
  const reach = new ErrorReach(first.program, files);

  const responsesFile = join(first.dir, 'responses.ts');
  const jsonRoutes = routes.filter((r) => {
    if (FHIR_CONTROLLER.test(r.file)) return false;
    const signature = checker.getSignatureFromDeclaration(r.method);
    return signature
      ? isJsonBody(awaited(checker.getReturnTypeOfSignature(signature), checker), checker)
      : false;
  });
  /* A controller that returns the bus's `Promise<any>` answers with what the handler's execute returns. */
  const stated = (r: Route): ts.Symbol | undefined => {
    const call = decoratorNames(r.method).find((d) => d.name === 'RepliesWith')?.call;
    const argument = call?.typeArguments?.[0];
    return argument && checker.getTypeFromTypeNode(argument).aliasSymbol
      ? checker.getTypeFromTypeNode(argument).aliasSymbol
      : argument && checker.getTypeFromTypeNode(argument).getSymbol();
  };
  const returned = (r: Route): { owner: ts.ClassDeclaration; member: string } => {
    const signature = checker.getSignatureFromDeclaration(r.method)!;
    const type = awaited(checker.getReturnTypeOfSignature(signature), checker);
    const handler = type.flags & ts.TypeFlags.Any ? reach.handlerSentBy(r.method) : undefined;
    return handler
      ? { owner: handler, member: 'execute' }
      : { owner: r.controller, member: (r.method.name as ts.Identifier).text };
  };
  /*
   * A handler that answers with its outcome's first event data: the events its own decide branch
   * builds, among the decider's, say which (the route's codes are collected first, with its literals).
   */
  routes.forEach((route) => reach.codesOf(route.method));
  const narrowed = (r: Route, decider: ts.VariableDeclaration): string[] => {
    const built = reach.built.get(r.method) ?? new Set<string>();
    return reach.eventTypesOf(decider).filter((type) => built.has(type));
  };
  const answered = (r: Route): ts.VariableDeclaration | undefined => {
    if (stated(r)) return undefined;
    const { owner, member } = returned(r);
    const decider = member === 'execute' ? reach.answeredDecider(owner) : undefined;
    return decider && narrowed(r, decider).length > 0 ? decider : undefined;
  };
  const controllers = [
    ...new Set(jsonRoutes.filter((r) => !stated(r) && !answered(r)).map((r) => returned(r).owner)),
  ];
  /* RegisterDonorHttpController.register -> RegisterDonorRegisterResponse; a controller's only route keeps it short. */
  const alias = (r: Route) => {
    const base = r.controller.name!.text.replace(/(Http)?Controller$/, '');
    const method = (r.method.name as ts.Identifier).text;
    const routesOfController = jsonRoutes.filter((x) => x.controller === r.controller).length;
    const suffix = routesOfController === 1 ? '' : method[0].toUpperCase() + method.slice(1);
    return `${base}${suffix}Response`;
  };
  const responsesText = [
    ...controllers.map(
      (c, i) =>
        `import type { ${c.name!.text} as C${i} } from '${importPath(responsesFile, c.getSourceFile().fileName)}';`,
    ),
    ...jsonRoutes.flatMap((r, i) => {
      const symbol = stated(r);
      const file = symbol?.declarations?.[0]?.getSourceFile().fileName;
      return symbol && file
        ? [`import type { ${symbol.name} as R${i} } from '${importPath(responsesFile, file)}';`]
        : [];
    }),
    ...jsonRoutes.flatMap((r, i) => {
      const decider = answered(r);
      const file = decider?.getSourceFile().fileName;
      return decider && file
        ? [`import type { ${decider.name.getText()} as D${i} } from '${importPath(responsesFile, file)}';`]
        : [];
    }),
    `import type { Decider } from '@hemotrace/event-sourcing';`,
    `type EventData<D, T> = D extends Decider<any, infer E, any> ? Extract<E, { type: T }>['data'] : never;`,
    ...jsonRoutes.map((r, i) => {
      if (stated(r)) return `export type ${alias(r)} = R${i};`;
      const decider = answered(r);
      if (decider) {
        const recorded = narrowed(r, decider);
        return `export type ${alias(r)} = EventData<typeof D${i}, ${recorded.map((t) => `'${t}'`).join(' | ')}>;`;
      }
      const { owner, member } = returned(r);
      return `export type ${alias(r)} = Awaited<ReturnType<C${controllers.indexOf(owner)}['${member}']>>;`;
    }),
  ].join('\n');

  const contracts = files.flatMap((file) =>
    file.statements.filter(ts.isVariableStatement).flatMap((s) =>
      s.declarationList.declarations.flatMap((d) => {
        if (!d.type || !ts.isTypeReferenceNode(d.type) || d.type.typeName.getText() !== 'ContractMapping')
          return [];
        const init = d.initializer;
        const argument = d.type.typeArguments?.[0];
        if (!init || !ts.isObjectLiteralExpression(init) || !argument) return [];
        const field = (name: string) => {
          const p = init.properties.find(
            (x): x is ts.PropertyAssignment => ts.isPropertyAssignment(x) && x.name.getText() === name,
          );
          return p?.initializer.getText().replace(/^'|'$/g, '');
        };
        return [
          { type: `${field('context')}.${field('contractType')}.v${field('version')}`, argument, file },
        ];
      }),
    ),
  );
  const eventsFile = join(first.dir, 'events.ts');
  const eventAlias = (type: string) => type.replace(/\./g, '_');
  const eventsText = contracts
    .map(
      (c, i) =>
        `import type { ${c.argument.getText()} as E${i} } from '${importPath(eventsFile, c.file.fileName)}';\nexport type ${eventAlias(c.type)} = E${i};`,
    )
    .join('\n');

  const second = typeProgram(root, { 'responses.ts': responsesText, 'events.ts': eventsText });
  /* The program has read the synthetic files; they must not stay where lint and tsc look. */
  rmSync(second.dir, { recursive: true, force: true });
  const generator = TJS.buildGenerator(second.program, SETTINGS, second.files);
  if (!generator) throw new Error('typescript-json-schema could not read the program');

  /* typescript-json-schema warns about every property initialised by an expression in an inferred type. */
  const warn = console.warn;
  console.warn = () => undefined;
  const responses = (() => {
    try {
      return generator.getSchemaForSymbols(jsonRoutes.map(alias), true, true) as {
        definitions: Record<string, unknown>;
      };
    } finally {
      console.warn = warn;
    }
  })();
  const operations: Record<string, OperationContract> = {};
  for (const route of routes) {
    const json = jsonRoutes.includes(route);
    operations[route.operationId] = {
      ...(json ? { response: alias(route) } : {}),
      errors: reach.codesOf(route.method),
    };
  }
  const eventSchemas = generator.getSchemaForSymbols(
    contracts.map((c) => eventAlias(c.type)),
    true,
    true,
  ) as {
    definitions: Record<string, unknown>;
  };
  const messages = Object.fromEntries(
    contracts.map((c) => [
      c.type,
      relocate(eventSchemas.definitions[eventAlias(c.type)], '#/components/schemas/'),
    ]),
  );
  const definitions = Object.fromEntries(
    Object.entries(eventSchemas.definitions)
      .filter(([name]) => !contracts.some((c) => eventAlias(c.type) === name))
      .map(([name, schema]) => [componentName(name), relocate(schema, '#/components/schemas/')]),
  );
  return {
    api: {
      operations: Object.fromEntries(Object.entries(operations).sort(([a], [b]) => a.localeCompare(b))),
      schemas: renamed(
        toOpenApi30(withoutDefaults(relocate(responses.definitions, '#/components/schemas/'))) as Record<
          string,
          unknown
        >,
      ),
    },
    events: { messages, definitions },
  };
};
