import type { Finding, Rule } from '../types';
import { colInfo, finding, retypeFix, toks } from './support.type-name-aud-sec';

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
    const out: Finding[] = [];
    const hashCols = t.columns.filter((c) => {
      const tk = toks(c.name);
      return (tk.includes('hash') || tk.includes('digest') || tk.includes('hashed')) && !tk.some((x) => NOT_SECRET.test(x));
    });
    for (const c of hashCols) {
      const info = colInfo(ctx, c);
      if ((info.base === 'char' || info.base === 'varchar') && (info.args[0] === 32 || info.args[0] === 40)) {
        out.push(
          finding(rule, ctx, t, c, `${t.name}.${c.name} is ${c.type}, the size of an ${info.args[0] === 32 ? 'MD5' : 'SHA-1'} hex digest; use text and a slow password hash (argon2id, bcrypt).`,
            'MD5 and SHA-1 are fast hashes: a GPU tests billions of guesses per second, so leaked hashes of real passwords fall quickly. Password hashes need a slow, salted algorithm whose output (with parameters) does not fit a fixed 32/40-character column.',
            { fix: () => retypeFix(ctx, t, c, 'text', { label: `Change ${c.name} to text`, keepChecks: true }) }),
        );
      }
    }
    const salt = t.columns.find((c) => toks(c.name).includes('salt'));
    if (salt && hashCols.length) {
      out.push(
        finding(rule, ctx, t, salt, `${t.name}.${salt.name} next to ${hashCols[0]!.name} suggests a home-grown salted hash; use argon2id or bcrypt, which store their own salt.`,
          'Modern password hashes embed a random salt and their cost parameters in the hash string. A separate salt column usually means salt + fast hash, which does not slow down guessing.'),
      );
    }
    return out;
  },
};
