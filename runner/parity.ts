// Differential mode (`--reference cassette:<dir>`): per case, does the target answer as the
// reference answered (a recorded real cloud, another target)? Both runs capture their answers per
// case (through caseContext), the answers are normalised (NORMALISERS: volatile values) and
// compared: status, error code, body. The result is a third axis on CaseResult: `parity`
// agrees | differs | no-reference, independent of the verdict.
import { currentCase } from '../core/case-context.ts';
import type { CaseResult, RunResults, Target, TargetResponse } from '../core/types.ts';
import { isJsonObject } from '../core/json.ts';

/**
 * Volatile values, replaced before comparing (the README's "Differential mode" table). Keys are matched
 * case-insensitively; values by pattern anywhere in a string.
 */
export const NORMALISERS: { name: string; key?: RegExp; value?: RegExp; as: string }[] = [
  { name: 'request ids', key: /^(request_?id|x-request-id|x-acs-request-id)$/i, as: '<request-id>' },
  { name: 'timestamps (ISO 8601, RFC 1123)', value: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?|\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT/g, as: '<time>' },
  { name: 'UUIDs (Huawei resource ids, request ids)', value: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, as: '<uuid>' },
  { name: 'Alibaba/Volcengine resource ids (i-, d-, s-, m-, ssg- + 12..24 alnum)', value: /\b(i|d|s|m|ssg)-[a-z0-9]{12,24}\b/g, as: '<$1-id>' },
  { name: '32-hex ids (Huawei request and project ids)', value: /\b[0-9a-f]{32}\b/g, as: '<hex-id>' },
  { name: "Alibaba's v1 string to sign in a SignatureDoesNotMatch message (it quotes the request's own nonce and time)", value: /server string to sign is:\S*/g, as: 'server string to sign is:<string-to-sign>' },
  { name: 'durations and progress counters', key: /^(durationMs|progress|elapsed)$/i, as: '<n>' },
];

export function normalise(v: unknown, key = ''): unknown {
  for (const n of NORMALISERS) if (n.key && n.key.test(key)) return n.as;
  if (typeof v === 'string') {
    let s = v;
    for (const n of NORMALISERS) if (n.value) s = s.replace(n.value, n.as);
    return s;
  }
  if (Array.isArray(v)) return v.map((x) => normalise(x));
  if (isJsonObject(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, normalise(v[k], k)]));
  return v;
}

/** The comparable part of an answer. */
export function comparable(r: TargetResponse): Record<string, unknown> {
  const n = normalise({ status: r.status, code: r.error?.code, format: r.format, body: r.body ?? null });
  return isJsonObject(n) ? n : {};
}

/** A member of an array or object by its key (as Object.keys gives it). */
const member = (o: object, k: string): unknown => (Array.isArray(o) ? o[Number(k)] : isJsonObject(o) ? o[k] : undefined);

/** First difference between two normalised values, as `path: a vs b`. */
export function firstDiff(a: unknown, b: unknown, path = ''): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    // Status and code first: the most telling difference is shown.
    const keys = [...new Set(['status', 'code', 'format', ...[...Object.keys(a), ...Object.keys(b)].sort()])].filter((k) => k in a || k in b);
    for (const k of keys) {
      const d = firstDiff(member(a, k), member(b, k), path ? `${path}.${k}` : k);
      if (d) return d;
    }
  }
  const show = (x: unknown) => { const s = JSON.stringify(x) ?? 'absent'; return s.length > 80 ? `${s.slice(0, 77)}...` : s; };
  return `${path || '(answer)'}: target ${show(a)} vs reference ${show(b)}`;
}

/** Answers a target gave, per case id (retries and transport failures dropped: only answers count). */
export interface Capture { wrap<T extends Target>(t: T): T; answers: Map<string, TargetResponse[]> }

export function createCapture(): Capture {
  const answers = new Map<string, TargetResponse[]>();
  return {
    answers,
    wrap(t) {
      const send = t.send.bind(t);
      return Object.assign(Object.create(t) as typeof t, {
        caseAware: true,
        async send(...args: Parameters<Target['send']>) {
          const r = await send(...args);
          const id = currentCase()?.id;
          if (id && r.outcome !== 'transport-error' && r.outcome !== 'refused') {
            const list = answers.get(id) ?? [];
            list.push(r);
            answers.set(id, list);
          }
          return r;
        },
      });
    },
  };
}

export function parityOf(target: TargetResponse[] | undefined, reference: TargetResponse[] | undefined): NonNullable<CaseResult['parity']> {
  if (!reference?.length || !target?.length) return { verdict: 'no-reference', ...(target?.length ? {} : { diff: 'the target gave no answer' }) };
  // The last answer of each call sequence is the judged one (earlier ones: primes, throttled attempts).
  const a = target.map(comparable);
  const b = reference.map(comparable);
  if (a.length !== b.length) return { verdict: 'differs', diff: `${a.length} answers vs ${b.length} from the reference` };
  for (let i = 0; i < a.length; i++) {
    const d = firstDiff(a[i], b[i]);
    if (d) return { verdict: 'differs', diff: a.length > 1 ? `answer ${i + 1}: ${d}` : d };
  }
  return { verdict: 'agrees' };
}

/** Results with `parity` set on every case from the two captures. */
export function withParity(results: RunResults, target: Capture, reference: Capture): RunResults {
  return { ...results, cases: results.cases.map((c) => ({ ...c, parity: parityOf(target.answers.get(c.id), reference.answers.get(c.id)) })) };
}
