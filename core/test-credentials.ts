// Fake credentials the reference emulator accepts by default. They are test values, not secrets:
// real-cloud credentials only ever come from the vendors' environment variables.
import type { Credentials, Vendor } from './types.ts';

export const EMULATOR_TEST_CREDENTIALS: Record<Vendor, Credentials> = {
  aliyun: { accessKeyId: 'LTAI5tEmulatorTestKey0001', accessKeySecret: 'EmulatorTestSecretAliyun0000000' },
  volcengine: { accessKeyId: 'AKLTEmulatorTestKey0000000000001', accessKeySecret: 'EmulatorTestSecretVolcengine00000' },
  huaweicloud: {
    accessKeyId: 'HWEMULATORTESTKEY0001', accessKeySecret: 'EmulatorTestSecretHuawei00000000',
    projectId: '0123456789abcdef0123456789abcdef',
  },
};

/** Default regions of the demo world. */
export const EMULATOR_REGIONS: Record<Vendor, string> = {
  aliyun: 'cn-hangzhou', volcengine: 'cn-beijing', huaweicloud: 'ap-southeast-1',
};
