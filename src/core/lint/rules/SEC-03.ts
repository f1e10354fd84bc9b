import type { Column, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { CVV_TERMS, sensitivityDetail } from '../helpers/names';
import { colInfo, editColumn, finding, qi, qt, quoteLiteral, removeColumnFix, toks } from './support.type-name-aud-sec';
import { add, NONE } from './support-names.type-name-aud-sec';

const MASKED = /^(last|last4|first6|bin|masked|mask|token|tokenized|brand|fingerprint|type|expiry|exp|hash|digest|suffix|prefix)$/;

/** SEC-03: PII and payment-card columns. */
export const rule: Rule = {
  id: 'SEC-03',
  slug: 'sensitive-pii-column',
  group: 'SEC',
  defaultSeverity: 'info',
  scope: 'column',
  description: 'Columns holding sensitive personal data (SSN, passport, tax id, IBAN, date of birth, …) or payment-card data; card verification codes must never be stored.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const d = sensitivityDetail(c.name);
      if ((d.category !== 'pii' && d.category !== 'card') || d.safe || d.metadata || !d.term) continue;
      const f = sensitiveFinding(ctx, t, c, d.category, d.term);
      if (f) out = add(out, f);
    }
    return out ?? NONE;
  },
};

function sensitiveFinding(ctx: RuleContext, t: Table, c: Column, category: 'pii' | 'card', term: string): Finding | undefined {
  const tk = toks(c.name);
  const fam = colInfo(ctx, c).family;
  if (fam === 'bool') return undefined;
  if (category === 'card') {
    if (tk.some((x) => MASKED.test(x))) return undefined;
    if (CVV_TERMS.has(term)) {
      return finding(rule, ctx, t, c, `${t.name}.${c.name} stores a card verification code; drop the column.`,
        'PCI DSS forbids storing card verification codes (CVV/CVC) after authorization, encrypted or not. Holding them puts the whole system in scope for the strictest audits and is a breach waiting to happen.',
        { severity: 'error', fix: () => removeColumnFix(ctx, t, c) });
    }
    return finding(rule, ctx, t, c, `${t.name}.${c.name} looks like a full card number; store the payment provider's token and the last 4 digits instead.`,
      'Storing full card numbers (PAN) brings the database into PCI DSS scope: encryption, key rotation, audits. Payment providers return a token that can be charged again; keep that and last4 for display.',
      { severity: 'error' });
  }
  if (c.comment && /\bPII\b/i.test(c.comment)) return undefined;
  const comment = c.comment ? `${c.comment} (PII)` : 'PII';
  return finding(rule, ctx, t, c, `${t.name}.${c.name} holds sensitive personal data (${term.replace(/_/g, ' ')}); encrypt it, restrict access and label it.`,
    'Identity numbers, bank details and birth dates enable identity theft and are regulated (GDPR, CCPA, HIPAA). Encrypt them in the application, grant column access narrowly (REVOKE SELECT (col) …), and label them so exports and logs can treat them with care.',
    {
      fix: {
        label: `Label ${c.name} as PII`,
        sql: `COMMENT ON COLUMN ${qt(ctx.model, t)}.${qi(c.name)} IS ${quoteLiteral(comment)};\n-- and restrict access, e.g.: REVOKE SELECT (${qi(c.name)}) ON ${qt(ctx.model, t)} FROM app_readonly;`,
        command: editColumn(`Label ${c.name} as PII`, t.id, c.id, (col) => {
          col.comment = comment;
        }),
      },
    });
}
