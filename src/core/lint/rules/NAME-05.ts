import type { Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { MASS_NOUNS, memoByString, plural, rawTokens, singular } from '../helpers/names';
import { finding, renameTableFix } from './support.type-name-aud-sec';
import { NONE } from './support-names.type-name-aud-sec';

type Number_ = 'singular' | 'plural' | undefined;

function numberOfUncached(name: string): Number_ {
  const tk = rawTokens(name);
  const last = tk[tk.length - 1];
  if (!last || MASS_NOUNS.has(last) || /^[0-9]+$/.test(last) || last.length <= 2) return undefined;
  if (singular(last) !== last) return 'plural';
  if (plural(last) !== last) return 'singular';
  return undefined;
}

/** Memoized: table names repeat across checks. */
const numberOf = memoByString(numberOfUncached);

function inflect(name: string, to: 'singular' | 'plural'): string {
  const m = /^(.*?)([A-Za-z]+)$/.exec(name);
  if (!m) return name;
  const word = m[2]!;
  let next = to === 'plural' ? plural(word) : singular(word);
  if (/^[A-Z]/.test(word)) next = next.charAt(0).toUpperCase() + next.slice(1);
  return m[1] + next;
}

/** NAME-05: table names mixing singular and plural. */
export const rule: Rule = {
  id: 'NAME-05',
  slug: 'singular-plural-inconsistency',
  group: 'NAME',
  defaultSeverity: 'info',
  scope: 'global',
  description: 'Some table names are singular and others plural; pick one (the majority here).',
  checkModel(ctx) {
    const tables = Object.values(ctx.model.tables);
    let nSingular = 0;
    let nPlural = 0;
    for (let i = 0; i < tables.length; i++) {
      const t = tables[i]!;
      if (t.partitionOf) continue;
      const k = numberOf(t.name);
      if (k === 'singular') nSingular++;
      else if (k === 'plural') nPlural++;
    }
    if (!nSingular || !nPlural || nSingular === nPlural) return NONE;
    const major = nPlural > nSingular ? 'plural' : 'singular';
    const out: Finding[] = [];
    for (let i = 0; i < tables.length; i++) {
      const t = tables[i]!;
      if (t.partitionOf) continue;
      const k = numberOf(t.name);
      if (!k || k === major) continue;
      out.push(numberFinding(ctx, t, k, major));
    }
    return out;
  },
};

function numberFinding(ctx: RuleContext, t: Table, k: 'singular' | 'plural', major: 'singular' | 'plural'): Finding {
  const to = inflect(t.name, major);
  return finding(rule, ctx, t, undefined, `Table ${t.name} is ${k} while most table names are ${major}; rename it to ${to}.`,
    'A consistent convention lets people and code generators guess table names (is it user or users?) and keeps ORM mappings uniform.',
    { fix: () => renameTableFix(ctx, t, to) });
}
