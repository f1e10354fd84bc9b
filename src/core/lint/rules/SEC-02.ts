import type { Column, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { memoByString } from '../helpers/names';
import { colInfo, finding, retypeFix, toks } from './support.type-name-aud-sec';
import { add, NONE } from './support-names.type-name-aud-sec';

const NOT_SECRET = /^(etag|checksum|content|file|body|payload|image|sha|md5|sha1|document|blob|object)$/;

/** SEC-02: password hashes shaped like MD5/SHA-1 hex, or a home-grown salt column. */
export const rule: Rule = {
  id: 'SEC-02',
  slug: 'weak-hash-shape',
  group: 'SEC',
  defaultSeverity: 'info',
  scope: 'column',
  description: 'A password hash or digest column sized for MD5 or SHA-1 hex (32 or 40 characters), or a separate salt column: signs of a fast, home-grown hashing scheme.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    let firstHash: Column | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (!isHashName(c.name)) continue;
      firstHash ??= c;
      const info = colInfo(ctx, c);
      if ((info.base === 'char' || info.base === 'varchar') && (info.args[0] === 32 || info.args[0] === 40)) out = add(out, sizeFinding(ctx, t, c, info.args[0]));
    }
    if (firstHash) {
      const salt = saltColumn(t);
      if (salt) out = add(out, saltFinding(ctx, t, salt, firstHash));
    }
    return out ?? NONE;
  },
};

/** A hash / digest name that is not about content (etag, checksum, file, …); memoized per name. */
const isHashName = memoByString((name: string): boolean => {
  const tk = toks(name);
  return (tk.includes('hash') || tk.includes('digest') || tk.includes('hashed')) && !tk.some((x) => NOT_SECRET.test(x));
});

function saltColumn(t: Table): Column | undefined {
  const cols = t.columns;
  for (let i = 0; i < cols.length; i++) if (toks(cols[i]!.name).includes('salt')) return cols[i];
  return undefined;
}

function sizeFinding(ctx: RuleContext, t: Table, c: Column, size: number): Finding {
  return finding(rule, ctx, t, c, `${t.name}.${c.name} is ${c.type}, the size of an ${size === 32 ? 'MD5' : 'SHA-1'} hex digest; use text and a slow password hash (argon2id, bcrypt).`,
    'MD5 and SHA-1 are fast hashes: a GPU tests billions of guesses per second, so leaked hashes of real passwords fall quickly. Password hashes need a slow, salted algorithm whose output (with parameters) does not fit a fixed 32/40-character column.',
    { fix: () => retypeFix(ctx, t, c, 'text', { label: `Change ${c.name} to text`, keepChecks: true }) });
}

function saltFinding(ctx: RuleContext, t: Table, salt: Column, hash: Column): Finding {
  return finding(rule, ctx, t, salt, `${t.name}.${salt.name} next to ${hash.name} suggests a home-grown salted hash; use argon2id or bcrypt, which store their own salt.`,
    'Modern password hashes embed a random salt and their cost parameters in the hash string. A separate salt column usually means salt + fast hash, which does not slow down guessing.');
}
