import { describe, expect, it } from 'vitest';
import { rule as S01 } from './SEC-01';
import { rule as S02 } from './SEC-02';
import { rule as S03 } from './SEC-03';
import { rule as S04 } from './SEC-04';
import { rule as S05 } from './SEC-05';
import { optInRuleIds } from './index.type-name-aud-sec';
import { freshDb } from '../../../../tests/harness/pglite';
import { ruleFixKit } from './testkit';

const { spots: hits, run, load, where, checkFixes } = ruleFixKit([], { openDb: freshDb });

describe('SEC rules', () => {
  it('SEC-01 plaintext secrets; hashes, metadata and token references pass', async () => {
    const sql = `create table tokens (id int primary key);
      create table users (id int primary key, password text, api_key text, refresh_token varchar(200), pin char(4), totp_secret text, recovery_code bytea,
        password_hash text, hashed_password text, password_changed_at timestamptz, token_expires_at timestamptz, otp_required boolean,
        password_reset_sent_at timestamptz, token_id int references tokens(id), login_count int, passenger_name text);`;
    const fs = run(S01, load(sql));
    expect(fs.map(where)).toEqual(['users.password', 'users.api_key', 'users.refresh_token', 'users.pin', 'users.totp_secret', 'users.recovery_code']);
    expect(fs.every((f) => f.severity === 'error')).toBe(true);
    expect(fs.map((f) => f.fix?.label)).toEqual([
      'Rename password to password_hash_2', 'Rename api_key to api_key_digest', 'Rename refresh_token to refresh_token_digest',
      'Rename pin to pin_hash', 'Rename totp_secret to totp_secret_encrypted', 'Rename recovery_code to recovery_code_hash',
    ]);
    await checkFixes(S01, sql, { min: 6 });
  });

  it('SEC-02 weak hash shapes and home-grown salts; content digests pass', async () => {
    const sql = `create table users (id int primary key, password_hash char(32));
      create table accounts (id int primary key, password_digest varchar(40), salt text);
      create table files (id int primary key, content_hash char(32), etag varchar(32));`;
    expect(hits(S02, sql)).toEqual(['users.password_hash', 'accounts.password_digest', 'accounts.salt']);
    await checkFixes(S02, sql, { min: 2 });
  });

  it('SEC-03 PII and card data; CVV and full card numbers are errors; labelled and masked columns pass', async () => {
    const sql = `create table customers (id int primary key, ssn text, passport_number text, date_of_birth date, iban text, name text);
      create table cards (id int primary key, cvv text, card_number text, card_last4 text, card_number_last4 text, card_brand text);
      create table employees (id int primary key, ssn text);
      comment on column employees.ssn is 'PII: encrypted by the app';`;
    const fs = run(S03, load(sql));
    expect(fs.map((f) => `${where(f)} ${f.severity}`)).toEqual([
      'customers.ssn info', 'customers.passport_number info', 'customers.date_of_birth info', 'customers.iban info', 'cards.cvv error', 'cards.card_number error',
    ]);
    await checkFixes(S03, sql, { min: 5 });
  });

  it('SEC-04 tenant tables without RLS (opt-in)', async () => {
    expect(optInRuleIds.has('SEC-04')).toBe(true);
    const sql = `create table tenants (id uuid primary key);
      create table documents (id int primary key, tenant_id uuid not null references tenants(id), title text);
      create table projects (id int primary key, org_id bigint not null);
      create table secured (id int primary key, workspace_id int);
      alter table secured enable row level security;`;
    expect(hits(S04, sql)).toEqual(['documents.tenant_id', 'projects.org_id']);
    await checkFixes(S04, sql, { min: 2 });
  });

  it('SEC-05 tenant-scoped uniqueness', async () => {
    const sql = `create table projects (id int primary key, tenant_id int not null, slug text not null unique, name text not null, unique (tenant_id, name));
      create table members (id int primary key, organization_id int not null, email text not null);
      create unique index members_email_key on members (lower(email));
      create table plain (id int primary key, slug text unique);`;
    expect(hits(S05, sql)).toEqual(['projects.slug', 'members.email']);
    await checkFixes(S05, sql, { min: 2 });
  });
});
