import type { Finding, Rule } from '../types';
import { MASS_NOUNS, plural, rawTokens, singular } from '../helpers/names';
import { finding, renameTableFix } from './support.type-name-aud-sec';

type Number_ = 'singular' | 'plural' | undefined;

function numberOf(name: string): Number_ {
  const tk = rawTokens(name);
  const last = tk[tk.length - 1];
  if (!last || MASS_NOUNS.has(last) || /^[0-9]+$/.test(last) || last.length <= 2) return undefined;
  if (singular(last) !== last) return 'plural';
  if (plural(last) !== last) return 'singular';
  return undefined;
}

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
    const tables = Object.values(ctx.model.tables).filter((t) => !t.partitionOf);
    const n = { singular: 0, plural: 0 };
    const of = new Map<string, Number_>();
    for (const t of tables) {
      const k = numberOf(t.name);
      of.set(t.id, k);
      if (k) n[k]++;
    }
    if (!n.singular || !n.plural || n.singular === n.plural) return [];
    const major = n.plural > n.singular ? 'plural' : 'singular';
    const out: Finding[] = [];
    for (const t of tables) {
      const k = of.get(t.id);
      if (!k || k === major) continue;
      const to = inflect(t.name, major);
      out.push(
        finding(rule, ctx, t, undefined, `Table ${t.name} is ${k} while most table names are ${major}; rename it to ${to}.`,
          'A consistent convention lets people and code generators guess table names (is it user or users?) and keeps ORM mappings uniform.',
          { fix: () => renameTableFix(ctx, t, to) }),
      );
    }
    return out;
  },
};
