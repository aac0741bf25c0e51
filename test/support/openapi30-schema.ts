/** A component name OpenAPI and AsyncAPI accept: `Partial<Record<"S"|"s",X>>` -> `Partial_Record_S_s_X`. */
export const componentName = (name: string): string =>
  name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '');

/** JSON Schema draft-07 definitions renamed to component names, with refs pointing where the caller keeps them. */
export const relocate = (schema: unknown, target: string): unknown =>
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
export const toOpenApi30 = (value: unknown): unknown => {
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

export const renamed = (definitions: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(definitions).map(([name, schema]) => [componentName(name), schema]));

/** An inferred type's initialisers are values of one answer, not defaults: typescript-json-schema takes them for defaults. */
export const withoutDefaults = (schema: unknown): unknown =>
  JSON.parse(JSON.stringify(schema), (key, value: unknown) => (key === 'default' ? undefined : value));
