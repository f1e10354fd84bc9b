import { foreignKeys } from '../../model/query';
import type { Rule } from '../types';
import { colRef, family, finding } from './idx-nf-util';

const ATTR = /^(attribute|attr|key|name|field|property|prop|attribute_name|attr_name|property_name|field_name|key_name|param|parameter)$/i;
const VALUE = /^(value|val|attribute_value|attr_value|property_value|field_value|value_text|string_value|param_value)$/i;
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
    if (!foreignKeys(t).some((f) => f.refTableId !== t.id)) return [];
    const attr = t.columns.find((c) => ATTR.test(c.name) && family(ctx.model, c) === 'string');
    const value = t.columns.find((c) => VALUE.test(c.name) && family(ctx.model, c) === 'string');
    if (!attr || !value) return [];
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
