// Lint an exported OpenAPI document with Redocly's recommended ruleset (programmatic API).
import { BaseResolver, createConfig, lintDocument, makeDocumentFromString } from '@redocly/openapi-core';

export interface LintProblem { severity: 'error' | 'warn'; ruleId: string; message: string; pointer?: string }

let configPromise: ReturnType<typeof createConfig> | undefined;

export async function lintOpenApi(doc: object, name = 'openapi.json'): Promise<LintProblem[]> {
  configPromise ??= createConfig({ extends: ['recommended'] });
  const config = await configPromise;
  const document = makeDocumentFromString(JSON.stringify(doc, null, 2), `/${name}`);
  const problems = await lintDocument({ document, config, externalRefResolver: new BaseResolver() });
  return problems.map((p) => ({
    severity: p.severity, ruleId: p.ruleId, message: p.message,
    pointer: p.location[0]?.pointer,
  }));
}
