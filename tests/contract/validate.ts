import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/** A compiled contract: returns readable violations, an empty list when the value conforms. */
export type ContractCheck = (value: unknown) => string[];

const MAX_REPORTED = 10;

// ajv-formats is CommonJS: its module.exports is the plugin and also carries itself as `.default`.
// NodeNext types the default import as the module object, so `.default` is the typed way in.
const addFormats = addFormatsModule.default;

// strict: an unknown keyword in a derived schema means the derivation missed an OpenAPI-ism, and
// that must fail loudly rather than be ignored.
// verbose: keeps the offending value on each error so a report can say what was actually sent.
const ajv = new Ajv2020({ strict: true, allErrors: true, verbose: true });
addFormats(ajv);

export function compileContract(schema: object): ContractCheck {
  const validate = ajv.compile(schema);
  return (value) => (validate(value) ? [] : (validate.errors ?? []).slice(0, MAX_REPORTED).map(describe));
}

function describe(error: ErrorObject): string {
  const at = error.instancePath === '' ? '(root)' : error.instancePath;
  return `${at} ${error.message ?? error.keyword} (got ${preview(error.data)})`;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
