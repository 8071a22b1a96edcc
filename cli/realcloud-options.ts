// The real-cloud and traffic flags of `run` and `plan`; no imports, so `conformance --help` stays light.
export function addRealCloudOptions<C extends { option(flags: string, description: string): C }>(cmd: C): C {
  return cmd
    .option('--region <id>', 'real clouds: region (default: the fixtures file\'s, else cn-hangzhou | cn-beijing | ap-southeast-1)')
    .option('--endpoint <url>', 'real clouds: API base URL (default: the vendor\'s public endpoint for --region)')
    .option('--fixtures <file>', 'real clouds: pre-provisioned resources a case may use (default: conformance.fixtures.yaml if present)')
    .option('--journal <file>', 'real clouds: journal of created resources (default: <out>/journal-<vendor>-<time>.jsonl)')
    .option('--rate <n>', 'requests per second, 0 = unlimited (default: 5 on a real cloud, unlimited elsewhere)')
    .option('--record <dir>', 'record the traffic as cassettes (<dir>/<vendor>.json, scrubbed)')
    .option('--reference <spec>', 'differential mode: compare every answer with this target\'s (e.g. cassette:<dir>)')
    .option('--safety <level>', 'real clouds: read-only (no state-changing action) | negative (default: state-changing actions only with ids that cannot exist) | destructive (= --allow-destructive)')
    .option('--budget <calls>', 'at most this many calls: one case per operation first (positive where --safety allows), one error-table case per operation, then a subset covering every rule, error row and category')
    .option('--plan', 'print every call the run would make (destructive ones marked) and make none');
}
