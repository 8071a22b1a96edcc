// The library: everything the CLI does, typed, for embedding in your own test suites.
export * from './core/types.ts';
export { isAnswered, answerSeen } from './core/outcome.ts';
export { ConformanceError, type ErrorCode } from './core/errors.ts';
export { EMULATOR_TEST_CREDENTIALS } from './core/test-credentials.ts';
export { loadContracts, checkContracts, ContractError, type LoadedContracts } from './loader/index.ts';
export { parsePage } from './importer/pages.ts';
export { generateCases, iterateCases, uncoveredRows } from './generators/index.ts';
export { judge, CHECKS } from './checks/index.ts';
export { runCase, runSuite } from './runner/index.ts';
export { classifyCase, SAFETY_LEVELS, type SafetyLevel } from './runner/safety.ts';
export { ConformanceVitestReporter } from './runner/vitest-reporter.ts';
export { createTarget } from './adapters/index.ts';
export {
  CannotSend, type BindingFactory, type BindingModule, type BindingOperation, type BindingSettings, type DecodedAnswer, type SdkBinding,
} from './adapters/index.ts';
export { protocolFor, detectVendor } from './protocols/index.ts';
export { createEmulator, type OpHandler, type OpContext, type OpResult } from './emulator/index.ts';
export { REPORTERS, getReporter } from './reporters/index.ts';
export { buildMatrix } from './reporters/matrix.ts';
export { mergeResults } from './reporters/merge.ts';
export { readResults } from './reporters/json.ts';
export { exportOpenApi } from './openapi/index.ts';
export { defineConfig } from './cli/config.ts';
