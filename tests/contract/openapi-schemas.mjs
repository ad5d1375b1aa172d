/**
 * Turning an OpenAPI 3.1 document's response schemas into self-contained JSON Schema 2020-12, for
 * the derive-*-schemas.mjs scripts (one per backend). Anything it does not understand makes it
 * fail instead of guessing: an unexpected keyword, or a `$ref` outside components.
 */
export const DRAFT = 'https://json-schema.org/draft/2020-12/schema';
export const COMPONENT_REF = '#/components/schemas/';

// How each JSON Schema 2020-12 keyword nests subschemas; everything else is a plain value.
const SUBSCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);
const SUBSCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SUBSCHEMAS = new Set([
  'items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames',
  'unevaluatedItems', 'unevaluatedProperties', 'contentSchema',
]);
const VALUE_KEYWORDS = new Set([
  'type', 'enum', 'const', 'required', 'title', 'description', 'default', 'format', 'minimum',
  'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength',
  'pattern', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
  'dependentRequired', 'contentMediaType', 'contentEncoding', 'deprecated', 'readOnly',
  'writeOnly', 'examples', '$comment',
]);
// OpenAPI-only annotations with no validation meaning: dropped. OpenAPI keywords that do carry
// meaning (`nullable`, `discriminator`) are not listed, so meeting one stops the script.
const OPENAPI_ANNOTATIONS = new Set(['example', 'xml', 'externalDocs']);

/** Converts one OpenAPI 3.1 schema to plain 2020-12, reporting each component it references. */
function convert(schema, at, onRef) {
  if (typeof schema === 'boolean') return schema;
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    throw new Error(`${at}: expected a schema, found ${JSON.stringify(schema)}`);
  }
  const out = {};
  for (const [keyword, value] of Object.entries(schema)) {
    const where = `${at}/${keyword}`;
    if (keyword === '$ref') out.$ref = `#/$defs/${pointerSegment(onRef(componentName(value, where)))}`;
    else if (SUBSCHEMA_MAPS.has(keyword)) {
      out[keyword] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, convert(sub, `${where}/${name}`, onRef)]));
    } else if (SUBSCHEMA_LISTS.has(keyword)) out[keyword] = value.map((sub, i) => convert(sub, `${where}/${i}`, onRef));
    else if (SUBSCHEMAS.has(keyword)) out[keyword] = convert(value, where, onRef);
    else if (VALUE_KEYWORDS.has(keyword)) out[keyword] = value;
    else if (!OPENAPI_ANNOTATIONS.has(keyword)) throw new Error(`${where}: keyword "${keyword}" has no 2020-12 translation here`);
  }
  return out;
}

function componentName(ref, at) {
  if (typeof ref !== 'string' || !ref.startsWith(COMPONENT_REF)) throw new Error(`${at}: unsupported $ref ${JSON.stringify(ref)}`);
  return ref.slice(COMPONENT_REF.length);
}

function pointerSegment(name) {
  return name.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A self-contained schema: the root plus every component it reaches, under `$defs`. */
export function bundle(root, at, components) {
  const pending = [];
  const seen = new Set();
  const onRef = (name) => {
    if (!(name in components)) throw new Error(`${at}: $ref to missing component ${name}`);
    if (!seen.has(name)) {
      seen.add(name);
      pending.push(name);
    }
    return name;
  };
  const schema = { $schema: DRAFT, ...convert(root, at, onRef) };
  const defs = {};
  while (pending.length > 0) {
    const name = pending.shift();
    defs[name] = convert(components[name], `#/components/schemas/${name}`, onRef);
  }
  if (seen.size > 0) schema.$defs = Object.fromEntries(Object.keys(defs).sort().map((name) => [name, defs[name]]));
  return schema;
}

/**
 * FastAPI writes `{}` (plus a title) for `-> Any` and `{type: object, additionalProperties: true}`
 * for `-> dict`: either way the spec names no field, so there is nothing to derive.
 */
export function isUntyped(schema) {
  if (schema.$ref || schema.anyOf || schema.oneOf || schema.allOf || schema.items || schema.properties) return false;
  return schema.type === undefined || (schema.type === 'object' && (schema.additionalProperties === true || schema.additionalProperties === undefined));
}

export function successSchema(spec, { method, path }) {
  const operation = spec.paths?.[path]?.[method];
  if (!operation) throw new Error(`${method.toUpperCase()} ${path}: not in the spec`);
  const status = Object.keys(operation.responses ?? {}).find((code) => /^2\d\d$/.test(code));
  if (!status) throw new Error(`${method.toUpperCase()} ${path}: no 2xx response`);
  const schema = operation.responses[status].content?.['application/json']?.schema;
  if (!schema) throw new Error(`${method.toUpperCase()} ${path}: ${status} response has no application/json schema`);
  return { status, schema };
}

