import { describe, expect, it } from 'vitest';
import { expectedType, expectedTypeForName, isReservedWord, normalizedName, plural, rawTokens, sensitivity, sensitivityDetail, singular, tableStem, toCase, toSnakeCase, tokenize } from './names';

describe('H1 tokenize', () => {
  it('splits on _, -, camel humps and digits, lowercases and singularises', () => {
    expect(tokenize('order_items')).toEqual(['order', 'item']);
    expect(tokenize('OrderItems')).toEqual(['order', 'item']);
    expect(tokenize('customerId')).toEqual(['customer', 'id']);
    expect(tokenize('HTTPRequests')).toEqual(['http', 'request']);
    expect(tokenize('address-line2')).toEqual(['address', 'line', '2']);
    expect(tokenize('col1')).toEqual(['col', '1']);
    expect(rawTokens('UserProfiles')).toEqual(['user', 'profiles']);
    expect(tableStem('order_items')).toEqual(['order', 'item']);
    expect(normalizedName('CustomerIDs')).toBe('customer_id');
  });
  it('singular / plural with irregulars and mass nouns', () => {
    const pairs: [string, string][] = [
      ['people', 'person'], ['statuses', 'status'], ['addresses', 'address'], ['categories', 'category'], ['indices', 'index'],
      ['customers', 'customer'], ['boxes', 'box'], ['matches', 'match'], ['status', 'status'], ['analysis', 'analysis'], ['data', 'data'], ['news', 'news'],
    ];
    for (const [p, s] of pairs) expect(singular(p)).toBe(s);
    expect(plural('category')).toBe('categories');
    expect(plural('person')).toBe('people');
    expect(plural('status')).toBe('statuses');
    expect(plural('box')).toBe('boxes');
    expect(plural('user')).toBe('users');
    expect(plural('equipment')).toBe('equipment');
  });
  it('case conversion', () => {
    expect(toSnakeCase('FirstName')).toBe('first_name');
    expect(toSnakeCase('user profiles')).toBe('user_profiles');
    expect(toSnakeCase('1st-place')).toBe('_1_st_place');
    expect(toSnakeCase('prénom')).toBe('prenom');
    expect(toCase('first_name', 'camel')).toBe('firstName');
    expect(toCase('first_name', 'pascal')).toBe('FirstName');
  });
});

describe('H7 expected types', () => {
  it('maps name patterns to families', () => {
    expect(expectedTypeForName('created_at')).toBe('time');
    expect(expectedType('created_at')?.type).toBe('timestamptz');
    expect(expectedType('signup_date')?.type).toBe('date');
    expect(expectedType('dob')?.type).toBe('date');
    expect(expectedType('birthday')?.type).toBe('date');
    expect(expectedTypeForName('is_active')).toBe('bool');
    expect(expectedTypeForName('hasChildren')).toBe('bool');
    expect(expectedTypeForName('verified')).toBe('bool');
    expect(expectedTypeForName('login_count')).toBe('int');
    expect(expectedTypeForName('quantity')).toBe('int');
    expect(expectedTypeForName('price')).toBe('exact');
    expect(expectedTypeForName('total_amount')).toBe('exact');
    expect(expectedType('price_cents')?.type).toBe('bigint');
    expect(expectedTypeForName('external_uuid')).toBe('uuid');
    expect(expectedTypeForName('ip_address')).toBe('net');
    expect(expectedTypeForName('client_ip')).toBe('net');
    expect(expectedTypeForName('email')).toBe('string');
    expect(expectedTypeForName('avatar_url')).toBe('string');
    expect(expectedTypeForName('metadata')).toBe('json');
    expect(expectedTypeForName('raw_json')).toBe('json');
  });
  it('keeps the string-typed exceptions and says nothing for plain names', () => {
    for (const n of ['phone', 'phone_number', 'zip', 'postal_code', 'account_number', 'invoice_number', 'country_code', 'sku', 'iban', 'title', 'description', 'at', 'name'])
      expect(expectedTypeForName(n), n).toBeUndefined();
  });
});

describe('H8 sensitivity', () => {
  it('credentials, pii, cards', () => {
    expect(sensitivity('password')).toBe('credential');
    expect(sensitivity('api_key')).toBe('credential');
    expect(sensitivity('apiKey')).toBe('credential');
    expect(sensitivity('refresh_token')).toBe('credential');
    expect(sensitivity('client_secret')).toBe('credential');
    expect(sensitivity('ssn')).toBe('pii');
    expect(sensitivity('passport_number')).toBe('pii');
    expect(sensitivity('date_of_birth')).toBe('pii');
    expect(sensitivity('birth_date')).toBe('pii');
    expect(sensitivity('cvv')).toBe('card');
    expect(sensitivity('card_number')).toBe('card');
    expect(sensitivityDetail('card_number').term).toBe('card_number');
  });
  it('safe markers and metadata suffixes', () => {
    for (const n of ['password_hash', 'hashed_password', 'api_key_digest', 'token_encrypted', 'password_changed_at', 'token_expires_at', 'password_reset_sent_at', 'otp_required', 'token_id', 'password_length', 'login_count', 'email', 'passenger', 'spin'])
      expect(sensitivity(n), n).toBe('none');
    expect(sensitivityDetail('password_hash')).toMatchObject({ category: 'credential', safe: true });
    expect(sensitivityDetail('token_expires_at')).toMatchObject({ category: 'credential', metadata: true });
  });
});

describe('H9 reserved words', () => {
  it('flags catcode R and T only', () => {
    for (const w of ['user', 'order', 'group', 'table', 'select', 'from', 'limit', 'offset', 'desc', 'default', 'check', 'column', 'primary', 'references', 'window', 'join', 'left', 'Order'])
      expect(isReservedWord(w), w).toBe(true);
    for (const w of ['name', 'type', 'value', 'key', 'comment', 'id', 'status', 'users', 'position'])
      expect(isReservedWord(w), w).toBe(false);
  });
});
