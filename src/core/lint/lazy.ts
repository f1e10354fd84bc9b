/**
 * Lazy quick fixes. Most findings are listed, few are fixed: a rule hands the finding helpers a function that builds
 * the fix (its SQL preview and command) and the finding gets an own, enumerable `fix` getter that runs it on first
 * read. `Finding.fix` keeps its type and meaning (`undefined` when the rule has no fix for this case); reading it,
 * spreading the finding or `JSON.stringify` all see the built fix.
 *
 * The fix is built against `ctx.model` at the time of the read and rebuilt when `ctx.model` is another object: the
 * incremental linter keeps one context per linter and points it at the model of its latest check, so a finding kept
 * for an unchanged table shows the fix a fresh full check of the latest model would show (fixes may read other
 * tables, e.g. every user of an enum), without re-running its rule.
 */
import type { Finding, ObjectRef, QuickFix, RuleContext, Severity } from './types';

const UNSET = {};

export type FixSource = QuickFix | (() => QuickFix | undefined) | undefined;

/**
 * A finding with the fix attached: a ready QuickFix as a plain property (same object), a builder as a lazy getter
 * (a new object with the same fields; an object literal with an accessor is much cheaper than defineProperty).
 */
export function attachFix(f: Finding, ctx: RuleContext, fix: FixSource): Finding {
  if (!fix) return f;
  if (typeof fix !== 'function') {
    f.fix = fix;
    return f;
  }
  return lazyFinding(f.rule, f.severity, f.object, f.message, f.why, ctx, fix);
}

interface LazyState {
  ctx: RuleContext;
  make: () => QuickFix | undefined;
  model: unknown;
  value: QuickFix | undefined;
  assigned: boolean;
}

function readFix(s: LazyState): QuickFix | undefined {
  if (s.assigned) return s.value;
  if (s.model !== s.ctx.model) {
    s.model = s.ctx.model;
    try {
      s.value = s.make();
    } catch {
      // A fix that cannot be built for this model is no fix (reading a finding must never throw).
      s.value = undefined;
    }
  }
  return s.value;
}

/**
 * A finding with a lazy fix. `fix` is an own, enumerable accessor (spread, JSON and Object.keys see it as before)
 * whose get / set functions are shared by all instances, so findings keep one fast object shape; the state lives in
 * a private field.
 */
class LazyFinding implements Finding {
  rule: string;
  severity: Severity;
  object: ObjectRef;
  message: string;
  why: string;
  declare fix?: QuickFix;
  #s: LazyState;
  constructor(rule: string, severity: Severity, object: ObjectRef, message: string, why: string, s: LazyState) {
    this.rule = rule;
    this.severity = severity;
    this.object = object;
    this.message = message;
    this.why = why;
    this.#s = s;
    Object.defineProperty(this, 'fix', FIX);
  }
  static get(f: unknown): QuickFix | undefined {
    return f instanceof LazyFinding ? readFix(f.#s) : undefined;
  }
  static set(f: unknown, v: QuickFix | undefined): void {
    if (!(f instanceof LazyFinding)) return;
    f.#s.assigned = true;
    f.#s.value = v;
  }
  /** The same finding (sharing the fix state) with another severity. */
  static withSeverity(f: LazyFinding, severity: Severity): LazyFinding {
    return new LazyFinding(f.rule, severity, f.object, f.message, f.why, f.#s);
  }
}
const FIX: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: unknown) {
    return LazyFinding.get(this);
  },
  set(this: unknown, v: QuickFix | undefined) {
    LazyFinding.set(this, v);
  },
};

/** A finding whose fix is built by `fix` when first read (and rebuilt when `ctx.model` changed since). */
export function lazyFinding(rule: string, severity: Severity, object: ObjectRef, message: string, why: string, ctx: RuleContext, fix: () => QuickFix | undefined): Finding {
  return new LazyFinding(rule, severity, object, message, why, { ctx, make: fix, model: UNSET, value: undefined, assigned: false });
}

/** A copy of a finding with another severity that keeps a lazy fix lazy (a spread would build it). */
export function withSeverity(f: Finding, severity: Finding['severity']): Finding {
  if (f instanceof LazyFinding) return LazyFinding.withSeverity(f, severity);
  const d = Object.getOwnPropertyDescriptor(f, 'fix');
  if (!d || !d.get) return { ...f, severity };
  const out = Object.defineProperties({}, Object.getOwnPropertyDescriptors(f)) as Finding;
  out.severity = severity;
  return out;
}
