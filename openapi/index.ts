// OpenAPI 3.1 export of the contracts, its lint, and TypeScript types generated from it.
export { exportOpenApi, docKey } from './export.ts';
export { lintOpenApi, type LintProblem } from './lint.ts';
export { generateTypes, writeTypes, DEFAULT_TYPES_DIR } from './types.ts';
