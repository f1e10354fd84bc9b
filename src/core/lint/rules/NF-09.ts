import type { Column } from '../../model/types';
import type { Rule } from '../types';
import { memoByString } from '../helpers/names';
import { NONE, colRef, family, finding } from './idx-nf-util';

const ATTR = /^(attribute|attr|key|name|field|property|prop|attribute_name|attr_name|property_name|field_name|key_name|param|parameter)$/i;
const VALUE = /^(value|val|attribute_value|attr_value|property_value|field_value|value_text|string_value|param_value)$/i;
const IS_ATTR = 1;
const IS_VALUE = 2;
/** IS_ATTR / IS_VALUE bits of a column name (cached per name). */
const nameKind = memoByString((name: string): number => (ATTR.test(name) ? IS_ATTR : 0) | (VALUE.test(name) ? IS_VALUE : 0));
const CONFIG = /setting|preference|pref|feature_flag|flag|config|option|param/i;

/**
 * NF-09: entity-attribute-value: a table with an FK to an entity, an attribute-name column (attribute, attr, key,
 * name, field, property) and a text value column (value, val). Info for settings / preferences / feature flags /
 * config tables (key-value stores are their purpose). No one-click fix.
 */
export const rule: Rule = {
  id: 'NF-09',
  slug: 'entity-attribute-value',
  group: 'NF',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'An entity-attribute-value table: attributes stored as rows of (entity, name, value). Types, constraints and plain queries are lost.',
  checkTable(t, ctx) {
    const fks = ctx.helpers.outgoing(t);
    let other = false;
    for (let i = 0; i < fks.length; i++)
      if (fks[i]!.refTableId !== t.id) {
        other = true;
        break;
      }
    if (!other) return NONE;
    // The value column first: it is the rare one (`name` columns are everywhere).
    let value: Column | undefined;
    for (let i = 0; i < t.columns.length && !value; i++) {
      const c = t.columns[i]!;
      if ((nameKind(c.name) & IS_VALUE) !== 0 && family(ctx.model, c) === 'string') value = c;
    }
    if (!value) return NONE;
    let attr: Column | undefined;
    for (let i = 0; i < t.columns.length && !attr; i++) {
      const c = t.columns[i]!;
      if ((nameKind(c.name) & IS_ATTR) !== 0 && family(ctx.model, c) === 'string') attr = c;
    }
    if (!attr) return NONE;
    const config = CONFIG.test(t.name);
    return [
      finding(
        'NF-09',
        config ? 'info' : 'warning',
        colRef(ctx, t, value),
        `${t.name} stores attributes as rows (${attr.name}, ${value.name}): an entity-attribute-value design.`,
        config
          ? 'For settings and flags a key/value table is a reasonable choice; add a CHECK or a lookup for the allowed keys, and keep typed values where the code depends on them.'
          : `Every value is text, so there are no types, NOT NULL, CHECKs or foreign keys per attribute, and reading one entity takes one join per attribute. Use real typed columns, a jsonb column with CHECKs, or a subtype table per kind of entity.`,
      ),
    ];
  },
};
export default rule;
