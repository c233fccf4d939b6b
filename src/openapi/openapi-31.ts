// @nestjs/swagger writes OpenAPI 3.0 (`nullable: true`). OpenAPI 3.1 schemas are JSON Schema
// 2020-12: null is a type of its own. This turns the generated document into 3.1 and names the
// response schemas without their class suffix (IncidentSchema → Incident).
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function nullable(schema: JsonObject): JsonObject {
  const { nullable: _, ...rest } = schema;
  if (typeof rest.$ref === 'string' || Array.isArray(rest.allOf) || Array.isArray(rest.oneOf) || Array.isArray(rest.anyOf)) {
    const { description, ...inner } = rest;
    // @nestjs/swagger writes a nullable reference as { type: 'object', allOf: [{ $ref }] }.
    const onlyRef =
      Array.isArray(inner.allOf) && inner.allOf.length === 1 && Object.keys(inner).every((k) => k === 'allOf' || k === 'type');
    const target = onlyRef ? (inner.allOf as Json[])[0] : inner;
    return { ...(description !== undefined ? { description } : {}), anyOf: [target, { type: 'null' }] };
  }
  if (Array.isArray(rest.enum)) rest.enum = rest.enum.includes(null) ? rest.enum : [...rest.enum, null];
  if (typeof rest.type === 'string') rest.type = [rest.type, 'null'];
  else if (Array.isArray(rest.type) && !rest.type.includes('null')) rest.type = [...rest.type, 'null'];
  return rest;
}

function convert(value: Json): Json {
  if (Array.isArray(value)) return value.map(convert);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) out[key] = convert(inner);
  return out.nullable === true ? nullable(out) : (delete out.nullable, out);
}

export function toOpenApi31<T extends object>(document: T): T {
  const converted = convert(JSON.parse(JSON.stringify(document)) as Json) as JsonObject;
  converted.openapi = '3.1.0';
  const components = converted.components as JsonObject;
  const schemas = components.schemas as JsonObject;
  const renames = new Map<string, string>();
  for (const name of Object.keys(schemas)) {
    const short = name.replace(/Schema$/, '');
    if (short !== name && !(short in schemas)) renames.set(name, short);
  }
  components.schemas = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [renames.get(name) ?? name, schema]));
  const text = JSON.stringify(converted).replace(/"#\/components\/schemas\/(\w+)"/g, (whole, name: string) =>
    renames.has(name) ? `"#/components/schemas/${renames.get(name)}"` : whole,
  );
  return JSON.parse(text) as T;
}
