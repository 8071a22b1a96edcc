// The loaded contracts as every layer sees them: what `loadContracts` (loader/) returns and the
// runner, generators, checks and the emulator take. The type lives here so a layer that may not
// import the loader (runner/) can still name it.
import type { ExpectProfile } from './evidence.ts';
import type { Contract, ProtocolProfile, Vendor } from './types.ts';

export interface LoadedContracts {
  dir: string;
  /** The expectation profile the contracts are seen under (absent: as stored, from checkContracts). */
  expect?: ExpectProfile;
  contracts: Contract[];
  profiles: Record<Vendor, ProtocolProfile>;
  byId(id: string): Contract;
}
