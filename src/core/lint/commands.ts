/**
 * Document commands for the checker's settings (undoable like every edit): suppressions with a reason, per-rule
 * on/off and severity, table role overrides. Each creates `doc.lint` with emptyLintConfig() when absent.
 */
import type { Command } from '../commands/history';
import type { TablewrightDocument } from '../document/document';
import type { Id } from '../model/types';
import { newId } from '../util/ids';
import { emptyLintConfig, type LintConfig, type LintSuppression } from './config';
import type { Finding, Severity, TableRole } from './types';
import { allRules } from './rules/index';

function lint(d: TablewrightDocument): LintConfig {
  d.lint ??= emptyLintConfig();
  return d.lint;
}

export interface SuppressionTarget {
  rule: string;
  tableId?: Id;
  columnId?: Id;
}

/** Suppress a rule everywhere (no tableId), on a table, or on one column of a table. */
export function addSuppression(target: SuppressionTarget, reason: string, out: { id?: Id } = {}): Command {
  return {
    label: `Suppress ${target.rule}`,
    run(d) {
      if (!reason.trim()) throw new Error('A suppression needs a reason');
      if (target.columnId && !target.tableId) throw new Error('A column suppression needs its table');
      const s: LintSuppression = { id: out.id ?? newId('sup'), rule: target.rule, reason: reason.trim() };
      if (target.tableId) s.tableId = target.tableId;
      if (target.columnId) s.columnId = target.columnId;
      out.id = s.id;
      lint(d).suppressions.push(s);
    },
  };
}

/** Suppress exactly this finding's rule on its object (its column when it has one, else its table). */
export function suppressFinding(finding: Finding, reason: string, out: { id?: Id } = {}): Command {
  return addSuppression({ rule: finding.rule, tableId: finding.object.tableId, columnId: finding.object.columnId }, reason, out);
}

export function unsuppress(id: Id): Command {
  return {
    label: 'Remove suppression',
    run(d) {
      const l = lint(d);
      const before = l.suppressions.length;
      l.suppressions = l.suppressions.filter((s) => s.id !== id);
      if (l.suppressions.length === before) throw new Error('No such suppression');
    },
  };
}

/** Switch a rule on / off or change its severity; `undefined` fields go back to the default. */
export function setRuleConfig(ruleId: string, cfg: { enabled?: boolean; severity?: Severity }): Command {
  return {
    label: `Configure ${ruleId}`,
    run(d) {
      const l = lint(d);
      const cur = { ...(l.rules[ruleId] ?? {}) };
      if ('enabled' in cfg) {
        // Opt-in rules (defaultEnabled: false) need an explicit `enabled: true`; for the others true is the default.
        const optIn = allRules.find((r) => r.id === ruleId)?.defaultEnabled === false;
        if (cfg.enabled === undefined || (cfg.enabled === true && !optIn)) delete cur.enabled;
        else cur.enabled = cfg.enabled;
      }
      if ('severity' in cfg) {
        if (cfg.severity === undefined) delete cur.severity;
        else cur.severity = cfg.severity;
      }
      if (Object.keys(cur).length) l.rules[ruleId] = cur;
      else delete l.rules[ruleId];
    },
  };
}

/** Override the inferred role of a table (`undefined` = back to inference). */
export function setTableRole(tableId: Id, role: TableRole | undefined): Command {
  return {
    label: role ? `Set table role: ${role}` : 'Reset table role',
    run(d) {
      const l = lint(d);
      if (role) l.roles[tableId] = role;
      else delete l.roles[tableId];
    },
  };
}
