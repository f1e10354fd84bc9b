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

/** A finding whose fix is built by `fix` when first read (and rebuilt when `ctx.model` changed since). */
export function lazyFinding(rule: string, severity: Severity, object: ObjectRef, message: string, why: string, ctx: RuleContext, fix: () => QuickFix | undefined): Finding {
  let model: unknown = UNSET;
  let value: QuickFix | undefined;
  let assigned = false;
  return {
    rule,
    severity,
    object,
    message,
    why,
    get fix(): QuickFix | undefined {
      if (assigned) return value;
      if (model !== ctx.model) {
        model = ctx.model;
        try {
          value = fix();
        } catch {
          // A fix that cannot be built for this model is no fix (reading a finding must never throw).
          value = undefined;
        }
      }
      return value;
    },
    set fix(v: QuickFix | undefined) {
      assigned = true;
      value = v;
    },
  };
}

/** A copy of a finding with another severity that keeps a lazy fix lazy (a spread would build it). */
export function withSeverity(f: Finding, severity: Finding['severity']): Finding {
  const d = Object.getOwnPropertyDescriptor(f, 'fix');
  if (!d || !d.get) return { ...f, severity };
  const out = Object.defineProperties({}, Object.getOwnPropertyDescriptors(f)) as Finding;
  out.severity = severity;
  return out;
}
