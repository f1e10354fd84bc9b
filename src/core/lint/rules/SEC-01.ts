import type { Column, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { PLAINTEXT_CREDENTIAL_TERMS, sensitivityDetail } from '../helpers/names';
import { colInfo, finding, renameColumnFix } from './support.type-name-aud-sec';
import { add, NONE } from './support-names.type-name-aud-sec';

const PASSWORDISH = /^(password|passwd|pwd|pass|passphrase|passcode|pin|recovery_code|backup_code|otp)$/;
const RETRIEVABLE = /^(totp_secret|mfa_secret|private_key|secret_key)$/;

/** SEC-01: a column that stores a credential in plaintext. */
export const rule: Rule = {
  id: 'SEC-01',
  slug: 'plaintext-secret-column',
  group: 'SEC',
  defaultSeverity: 'error',
  scope: 'column',
  description: 'A password, token, API key or other secret stored as readable text: anyone who can read the table (or a backup, or a log) gets the credential.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    let fkCols: Set<string> | undefined; // only looked up for a sensitive name
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const d = sensitivityDetail(c.name);
      if (d.category !== 'credential' || !d.term || !PLAINTEXT_CREDENTIAL_TERMS.has(d.term) || d.safe || d.metadata) continue;
      if ((fkCols ??= ctx.helpers.fkColumnIds(t)).has(c.id)) continue;
      const info = colInfo(ctx, c);
      if (info.family !== 'string' && info.family !== 'bytea') continue;
      out = add(out, secretFinding(ctx, t, c, d.term));
    }
    return out ?? NONE;
  },
};

function secretFinding(ctx: RuleContext, t: Table, c: Column, term: string): Finding {
  let to: string;
  let comment: string;
  if (PASSWORDISH.test(term)) {
    to = `${c.name}_hash`;
    comment = 'argon2id/bcrypt hash; never plaintext';
  } else if (RETRIEVABLE.test(term)) {
    to = `${c.name}_encrypted`;
    comment = 'encrypted by the application (key outside the database); never plaintext';
  } else {
    to = `${c.name}_digest`;
    comment = 'sha256 digest of the secret; never plaintext (keep a short display prefix separately)';
  }
  return finding(rule, ctx, t, c, `${t.name}.${c.name} looks like a plaintext ${term.replace(/_/g, ' ')}; store a hash or digest (${to}) instead.`,
    'Readable secrets leak through every backup, replica, log, analytics export and SQL console. Store a slow hash (argon2id, bcrypt) for passwords and a digest for tokens and API keys, computed in the application so the plaintext never reaches the database.',
    { fix: () => renameColumnFix(ctx, t, c, to, comment) });
}
