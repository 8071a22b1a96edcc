// Politeness: a token bucket over Target.send(). `rate` requests per second, bursts up to `burst`
// (default: one second's worth, at least 1). Waiters are served in arrival order.
import type { Target } from '../core/types.ts';
import { ConformanceError } from '../core/errors.ts';

/** Conservative default for real clouds (requests per second); emulator and in-process targets: unlimited. */
export const REAL_CLOUD_DEFAULT_RATE = 5;

export interface RateLimiter {
  /** Resolves when one request may go. */
  take(): Promise<void>;
  readonly rate: number;
}

export function createRateLimiter(rate: number, burst = Math.max(1, Math.floor(rate)), now: () => number = () => performance.now()): RateLimiter {
  if (!(rate > 0)) throw new ConformanceError('E_OPTION', `rate must be > 0 requests per second (got ${rate})`);
  let tokens = burst;
  let last = now();
  let chain: Promise<void> = Promise.resolve();
  const refill = () => {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - last) * rate) / 1000);
    last = t;
  };
  const takeOne = async () => {
    refill();
    if (tokens < 1) {
      await new Promise((r) => setTimeout(r, Math.ceil(((1 - tokens) * 1000) / rate)));
      refill();
    }
    tokens -= 1;
  };
  return {
    rate,
    take() {
      const mine = chain.then(takeOne);
      chain = mine.catch(() => undefined);
      return mine;
    },
  };
}

/** The same target, its send() paced by the limiter (fixtures and close untouched). */
export function rateLimited<T extends Target>(target: T, rate: number | undefined): T {
  if (!rate || !(rate > 0)) return target;
  const limiter = createRateLimiter(rate);
  const send = target.send.bind(target);
  return Object.assign(Object.create(Object.getPrototypeOf(target) as object) as T, target, {
    async send(...args: Parameters<Target['send']>) {
      await limiter.take();
      return send(...args);
    },
  });
}
