import type { FormatId } from '../types.js';
import { jsonFormat } from './json.js';
import { tomlFormat } from './toml.js';
import type { ConfigFormat } from './types.js';
import { yamlFormat } from './yaml.js';

const FORMATS: Record<FormatId, ConfigFormat> = {
  json: jsonFormat(true),
  jsonc: jsonFormat(false),
  yaml: yamlFormat,
  toml: tomlFormat,
};

export function formatOf(id: FormatId): ConfigFormat {
  return FORMATS[id];
}
