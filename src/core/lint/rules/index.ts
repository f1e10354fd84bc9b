/**
 * The rule registry. KEY-* and REL-* are imported here one per line; the IDX/NF and TYPE/NAME/AUD/SEC groups are
 * listed by their owners in index.idx-nf.ts and index.type-name-aud-sec.ts (each exports an array). Duplicates (by id)
 * are dropped; the order is catalogue order.
 */
import type { Rule } from '../types';
import { rule as KEY01 } from './KEY-01';
import { rule as KEY02 } from './KEY-02';
import { rule as KEY03 } from './KEY-03';
import { rule as KEY04 } from './KEY-04';
import { rule as KEY05 } from './KEY-05';
import { rule as KEY06 } from './KEY-06';
import { rule as KEY07 } from './KEY-07';
import { rule as KEY08 } from './KEY-08';
import { rule as KEY09 } from './KEY-09';
import { rule as KEY10 } from './KEY-10';
import { rule as KEY11 } from './KEY-11';
import { rule as KEY12 } from './KEY-12';
import { rule as KEY13 } from './KEY-13';
import { rule as KEY14 } from './KEY-14';
import { rule as REL01 } from './REL-01';
import { rule as REL02 } from './REL-02';
import { rule as REL03 } from './REL-03';
import { rule as REL04 } from './REL-04';
import { rule as REL05 } from './REL-05';
import { rule as REL06 } from './REL-06';
import { rule as REL07 } from './REL-07';
import { rule as REL08 } from './REL-08';
import { rule as REL09 } from './REL-09';
import { rule as REL10 } from './REL-10';
import { rule as REL11 } from './REL-11';
import { rule as REL12 } from './REL-12';
import { rule as REL13 } from './REL-13';
import { rule as REL14 } from './REL-14';
import { rule as REL15 } from './REL-15';
import { idxNfRules } from './index.idx-nf';
import { typeNameAudSecRules } from './index.type-name-aud-sec';

const keyRelRules: Rule[] = [KEY01, KEY02, KEY03, KEY04, KEY05, KEY06, KEY07, KEY08, KEY09, KEY10, KEY11, KEY12, KEY13, KEY14, REL01, REL02, REL03, REL04, REL05, REL06, REL07, REL08, REL09, REL10, REL11, REL12, REL13, REL14, REL15];

const GROUP_ORDER = ['KEY', 'REL', 'IDX', 'NF', 'TYPE', 'NAME', 'AUD', 'SEC'];

function byCatalogueOrder(a: Rule, b: Rule): number {
  const ga = GROUP_ORDER.indexOf(a.group);
  const gb = GROUP_ORDER.indexOf(b.group);
  if (ga !== gb) return (ga < 0 ? 99 : ga) - (gb < 0 ? 99 : gb);
  const na = Number(/(\d+)$/.exec(a.id)?.[1] ?? 0);
  const nb = Number(/(\d+)$/.exec(b.id)?.[1] ?? 0);
  return na - nb || a.id.localeCompare(b.id);
}

function dedupe(rules: Rule[]): Rule[] {
  const seen = new Set<string>();
  return rules.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

/** Every checker rule, in catalogue order. */
export const allRules: Rule[] = dedupe([...keyRelRules, ...idxNfRules, ...typeNameAudSecRules]).sort(byCatalogueOrder);

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
