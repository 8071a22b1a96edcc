// OpenAPI 3.1 export of the contracts and TypeScript types generated from it. The Redocly lint
// (lint.ts) is left out on purpose: importing it loads @redocly/openapi-core (~1 s), which
// `conformance export` never needs; the tests import lint.ts directly.
export { exportOpenApi, docKey } from './export.ts';
export { generateTypes, writeTypes, DEFAULT_TYPES_DIR } from './types.ts';
