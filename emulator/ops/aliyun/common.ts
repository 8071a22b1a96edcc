// Checks shared by the Alibaba handlers.
import type { OpContext } from '../types.ts';

type RegionContext = Pick<OpContext<'unknown-region'>, 'store' | 'contract' | 'violates' | 'fail' | 'role'>;

/** Unknown RegionId (rule unknown-region): the contract's rule, else the profile's `unknown-region` role. */
export function checkRegion(ctx: RegionContext, regionId: string | undefined) {
  if (regionId === undefined) return undefined;
  if (!ctx.violates('unknown-region', !ctx.store.get('aliyun', 'region', regionId))) return undefined;
  if (ctx.contract.rules.some((r) => r.id === 'unknown-region' && r.error) || ctx.contract.errors.some((e) => e.code === 'InvalidRegionId.NotFound')) {
    return ctx.fail('unknown-region', 'InvalidRegionId.NotFound', 404);
  }
  return ctx.role('unknown-region', 'RegionId');
}
