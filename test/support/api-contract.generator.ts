import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';
import * as TJS from 'typescript-json-schema';
import { componentName, relocate, renamed, toOpenApi30, withoutDefaults } from './openapi30-schema';
import type { Route } from './route-reach';
import { decoratorNames, ErrorReach, projectFiles, routesOf } from './route-reach';

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
