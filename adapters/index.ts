// Target factory: one spec string -> one Target with the narrow send() interface.
//   http://host:port | https://...   raw HTTP, signed by protocols/
//   inprocess                        a Node request listener (opts.handler), no socket
//   sdk:http://host:port             the vendors' official SDKs pointed at a base URL
//   sdk:module:<path>                the same SDK adapters over a user's SDK mock
//   sdk:binding:<path>               any SDK through its own API, by a binding (sdk/binding.ts)
//   cassette:<dir>                   nock replay of recorded traffic (<dir>/<vendor>.json)
//   module:<path>                    a user's module exporting a Target or createTarget(opts)
//   aliyun | volcengine | huaweicloud a vendor's real cloud (real-cloud.ts: env credentials, guard, journal, rate)
// Every target takes `rate` (requests/s) and `record` (cassette directory) from the options.
// `emulator` is composed by the CLI (start the emulator, then an http target): adapters never import it.
import type { Target } from '../core/types.ts';
import { createCassetteTarget } from './cassette.ts';
import { createHttpTarget } from './http.ts';
import { createInprocessTarget } from './inprocess.ts';
import { loadModuleTarget } from './module.ts';
import type { TargetOptions } from './options.ts';
import { createRealCloudTarget, isRealCloudSpec, type RealCloudOptions } from './real-cloud.ts';
import { createBindingTarget, createSdkTarget, loadSdkModule } from './sdk/index.ts';
import { rateLimited } from './rate-limit.ts';
import { createRecorder } from './record.ts';
import { createRedactor } from './credentials-env.ts';
import { EMULATOR_TEST_CREDENTIALS } from '../core/test-credentials.ts';
import { VENDORS } from '../core/types.ts';
import { ConformanceError } from '../core/errors.ts';

export type { TargetOptions, ContractIndex } from './options.ts';
export { createHttpTarget } from './http.ts';
export { createInprocessTarget } from './inprocess.ts';
export { createCassetteTarget, loadCassettes } from './cassette.ts';
export { CASSETTE_FORMAT, requestKey, toInteraction, type Cassette, type Interaction } from './cassette-format.ts';
export { createBindingTarget, createSdkTarget, SDK_CAPABILITIES, type BindingModule, type SdkModules, type VendorAwareTarget } from './sdk/index.ts';
export { CannotSend, type BindingFactory, type BindingOperation, type BindingSettings, type DecodedAnswer, type SdkBinding } from './sdk/binding.ts';
export { loadModuleTarget } from './module.ts';
export { emulatorFixtures, type EmulatorFixtures } from './fixtures/emulator-control.ts';

export { createRealCloudTarget, isRealCloudSpec, type RealCloudOptions, type RealCloudTarget } from './real-cloud.ts';

export const TARGET_SPECS = ['http://host:port', 'https://host', 'inprocess', 'sdk:<url>', 'sdk:module:<path>', 'sdk:binding:<path>', 'cassette:<dir>', 'module:<path>', 'aliyun', 'volcengine', 'huaweicloud'];

export async function createTarget(spec: string, opts: TargetOptions = {}): Promise<Target> {
  // Real clouds pace, record and redact themselves (their credentials never leave real-cloud.ts).
  if (isRealCloudSpec(spec)) return createRealCloudTarget(spec, opts);
  if (!opts.record) return rateLimited(await createTargetOf(spec, opts), opts.rate);
  const creds = VENDORS.map((v) => opts.credentials?.[v] ?? EMULATOR_TEST_CREDENTIALS[v]);
  const projectIds = Object.fromEntries(VENDORS.map((v) => [v, (opts.credentials?.[v] ?? EMULATOR_TEST_CREDENTIALS[v]).projectId]));
  const recorder = createRecorder(opts.record, { redactor: createRedactor(creds), projectIds, target: spec });
  const inner = await createTargetOf(spec, { ...opts, onExchange: (x) => { recorder.onExchange(x); opts.onExchange?.(x); } });
  return rateLimited(recorder.attach(inner), opts.rate);
}

async function createTargetOf(spec: string, opts: TargetOptions): Promise<Target> {
  if (/^https?:\/\//i.test(spec)) return createHttpTarget(spec, opts);
  if (spec === 'inprocess') return createInprocessTarget(opts);
  if (spec.startsWith('sdk:binding:')) return createBindingTarget(spec.slice('sdk:binding:'.length), opts);
  if (spec.startsWith('sdk:module:')) return createSdkTarget('http://127.0.0.1:1', opts, await loadSdkModule(spec.slice('sdk:module:'.length)));
  if (spec.startsWith('sdk:')) return createSdkTarget(spec.slice(4), opts);
  if (spec.startsWith('cassette:')) return createCassetteTarget(spec.slice('cassette:'.length), opts);
  if (spec.startsWith('module:')) return loadModuleTarget(spec.slice('module:'.length), opts);
  if (spec === 'emulator') throw new ConformanceError('E_OPTION', 'the "emulator" target is composed by the CLI (start the emulator, then use its URL)');
  throw new ConformanceError('E_OPTION', `unknown target "${spec}": use one of ${TARGET_SPECS.join(', ')}`);
}
