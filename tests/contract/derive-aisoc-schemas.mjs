#!/usr/bin/env node
/**
 * Derives the AiSOC response contract from AiSOC's own OpenAPI document.
 *
 *   node tests/contract/derive-aisoc-schemas.mjs [path/to/openapi.yaml]
 *
 * Writes tests/contract/aisoc/response-schemas.json: for every endpoint socbridge's AiSOC
 * connector calls, the success response's JSON Schema (draft 2020-12), self-contained with the
 * components it uses bundled under `$defs`, plus the two error shapes. The JSON is checked in as
 * data so the contract test runs without the (1 MB, out-of-repo) spec; this script is how it was
 * made, and re-running it must reproduce the file byte for byte.
 *
 * Anything the script does not understand makes it fail instead of guessing: an unexpected
 * keyword, a `$ref` outside components, or a spec whose top-level shape disagrees with the
 * endpoint table in shared/backends/aisoc.md.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const defaultSpec = resolve(repoRoot, '..', 'shared', 'backends', 'aisoc', 'openapi.yaml');
const outFile = join(here, 'aisoc', 'response-schemas.json');

const SOURCE = {
  repository: 'minhsys/AiSOC',
  commit: '06fbfdd',
  license: 'MIT',
  file: 'docs/openapi.yaml',
};

/**
 * The endpoints the connector uses, with the top-level JSON type aisoc.md documents for each.
 * The spec must agree with `shape` where it is typed; where it is not, `shape` is all we record.
 */
const ENDPOINTS = [
  { method: 'get', path: '/health', shape: 'object' },
  { method: 'get', path: '/api/v1/alerts', shape: 'object' },
  { method: 'get', path: '/api/v1/alerts/{alert_id}', shape: 'object' },
  { method: 'get', path: '/api/v1/cases', shape: 'array' },
  { method: 'get', path: '/api/v1/cases/{case_id}', shape: 'object' },
  { method: 'get', path: '/api/v1/cases/{case_id}/timeline', shape: 'object' },
  { method: 'post', path: '/api/v1/cases/{case_id}/investigate', shape: 'object' },
  { method: 'get', path: '/api/v1/investigations', shape: 'array' },
  { method: 'get', path: '/api/v1/investigations/{run_id}', shape: 'object' },
  { method: 'get', path: '/api/v1/investigations/{run_id}/events', shape: 'object' },
  { method: 'get', path: '/api/v1/investigations/{run_id}/explain', shape: 'object' },
  { method: 'get', path: '/api/v1/rules', shape: 'array' },
  { method: 'get', path: '/api/v1/rules/{rule_id}', shape: 'object' },
  { method: 'get', path: '/api/v1/lake/schema', shape: 'object' },
  { method: 'post', path: '/api/v1/lake/sql', shape: 'object' },
  { method: 'get', path: '/api/v1/evaluations/replay', shape: 'array' },
  { method: 'get', path: '/api/v1/evaluations/replay/{evaluation_id}', shape: 'object' },
  // aisoc.md: "upstream JSON". The proxied actions service answers discovery with
  // {executors, vendors, capabilities} and a dry run with a result object.
  { method: 'get', path: '/api/v1/live-actions', shape: 'object' },
  { method: 'post', path: '/api/v1/live-actions/dry-run', shape: 'object' },
  { method: 'post', path: '/api/v1/agents/hunt', shape: 'object' },
  { method: 'get', path: '/api/v1/audit', shape: 'object' },
];

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';
const COMPONENT_REF = '#/components/schemas/';
const UNTYPED = 'untyped in the spec';

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
function bundle(root, at, components) {
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
function isUntyped(schema) {
  if (schema.$ref || schema.anyOf || schema.oneOf || schema.allOf || schema.items || schema.properties) return false;
  return schema.type === undefined || (schema.type === 'object' && (schema.additionalProperties === true || schema.additionalProperties === undefined));
}

function successSchema(spec, { method, path }) {
  const operation = spec.paths?.[path]?.[method];
  if (!operation) throw new Error(`${method.toUpperCase()} ${path}: not in the spec`);
  const status = Object.keys(operation.responses ?? {}).find((code) => /^2\d\d$/.test(code));
  if (!status) throw new Error(`${method.toUpperCase()} ${path}: no 2xx response`);
  const schema = operation.responses[status].content?.['application/json']?.schema;
  if (!schema) throw new Error(`${method.toUpperCase()} ${path}: ${status} response has no application/json schema`);
  return { status, schema };
}

function derive(spec) {
  const components = spec.components?.schemas ?? {};
  const responses = {};
  const untyped = [];
  for (const endpoint of ENDPOINTS) {
    const key = `${endpoint.method.toUpperCase()} ${endpoint.path}`;
    const { status, schema } = successSchema(spec, endpoint);
    if (isUntyped(schema)) {
      untyped.push(key);
      responses[key] = { $schema: DRAFT, $comment: UNTYPED, type: endpoint.shape };
      continue;
    }
    const derived = bundle(schema, `${key} ${status}`, components);
    const topType = derived.$ref ? derived.$defs[derived.$ref.slice('#/$defs/'.length)]?.type : derived.type;
    if (topType !== endpoint.shape) throw new Error(`${key}: spec says ${topType}, aisoc.md says ${endpoint.shape}`);
    responses[key] = derived;
  }
  const errors = {
    HTTPValidationError: bundle({ $ref: `${COMPONENT_REF}HTTPValidationError` }, 'HTTPValidationError', components),
    // FastAPI's HTTPException body. The spec never declares it (only 422 is generated), so it is
    // written from aisoc.md ("Errors in general") rather than derived.
    DetailError: {
      $schema: DRAFT,
      $comment: 'FastAPI HTTPException body; not declared in the spec, shape from aisoc.md',
      type: 'object',
      required: ['detail'],
      properties: { detail: { type: 'string' } },
    },
  };
  return {
    $comment: 'Generated by tests/contract/derive-aisoc-schemas.mjs from the source below; do not edit by hand.',
    source: { ...SOURCE, openapi: spec.openapi, title: spec.info?.title, version: spec.info?.version },
    untyped,
    responses,
    errors,
  };
}

const specPath = resolve(process.argv[2] ?? defaultSpec);
const spec = parse(readFileSync(specPath, 'utf8'));
const contract = derive(spec);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(contract, null, 2)}\n`);
process.stdout.write(`wrote ${Object.keys(contract.responses).length} response schemas (${contract.untyped.length} untyped: ${contract.untyped.join(', ')}) to ${outFile}\n`);
