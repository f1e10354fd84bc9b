import { describe, expect, it } from 'vitest';
import { emptySchemaModel, type Column, type SchemaModel, type Table } from '../../model/types';
import { charLength, columnFamily, columnTypeInfo, focusTable, isRegType, numericPrecision, parseTypeText, timePrecision, typeFamily, typeInfo, varcharLength } from './types';

function modelWithTypes(): SchemaModel {
  const m = emptySchemaModel();
  m.schemas.s1 = { id: 's1', name: 'public', explicit: false, seq: 1 };
  m.schemas.s2 = { id: 's2', name: 'app', explicit: true, seq: 2 };
  m.types.d1 = { kind: 'domain', id: 'd1', schemaId: 's1', name: 'email', baseType: 'citext', nullable: true, checks: [], seq: 3 };
  m.types.d2 = { kind: 'domain', id: 'd2', schemaId: 's2', name: 'money_amount', baseType: 'numeric(12,2)', nullable: true, checks: [], seq: 4 };
  m.types.d3 = { kind: 'domain', id: 'd3', schemaId: 's2', name: 'positive_amount', baseType: 'app.money_amount', baseTypeRef: 'd2', nullable: true, checks: [], seq: 5 };
  m.types.e1 = { kind: 'enum', id: 'e1', schemaId: 's1', name: 'mood', values: [{ id: 'v1', label: 'ok' }], seq: 6 };
  m.types.c1 = { kind: 'composite', id: 'c1', schemaId: 's1', name: 'pair', attributes: [], seq: 7 };
  return m;
}

describe('H4 type families', () => {
  it('built-ins in canonical and long spellings', () => {
    const cases: [string, string][] = [
      ['integer', 'int'], ['bigint', 'int'], ['int4', 'int'], ['serial', 'int'], ['smallint', 'int'],
      ['numeric(10,2)', 'exact'], ['decimal', 'exact'], ['real', 'float'], ['double precision', 'float'], ['float8', 'float'],
      ['text', 'string'], ['varchar(255)', 'string'], ['character varying(20)', 'string'], ['char(3)', 'string'], ['bpchar', 'string'], ['citext', 'string'], ['name', 'string'],
      ['timestamptz', 'time'], ['timestamp(0) without time zone', 'time'], ['timestamp with time zone', 'time'], ['date', 'time'], ['timetz', 'time'], ['interval day to second(3)', 'time'],
      ['uuid', 'uuid'], ['boolean', 'bool'], ['bool', 'bool'], ['json', 'json'], ['jsonb', 'json'], ['bytea', 'bytea'], ['inet', 'net'], ['cidr', 'net'],
      ['pg_catalog.text', 'string'], ['integer[]', 'array:int'], ['text[][]', 'array:string'], ['varchar(10) ARRAY', 'array:string'], ['tsvector', 'other'], ['public.unknown_t', 'other'],
    ];
    for (const [t, f] of cases) expect(typeFamily(t), t).toBe(f);
  });
  it('canonical bases', () => {
    expect(typeInfo('character varying(20)').base).toBe('varchar');
    expect(typeInfo('timestamp(3) with time zone').base).toBe('timestamptz');
    expect(typeInfo('timestamp without time zone').base).toBe('timestamp');
    expect(typeInfo('time with time zone').base).toBe('timetz');
    expect(typeInfo('character(2)').base).toBe('char');
    expect(typeInfo('"char"').base).toBe('char1');
    expect(parseTypeText('numeric(10, 2)[]')).toMatchObject({ base: 'numeric', typmod: '10,2', args: [10, 2], array: true });
  });
  it('resolves domains (recursively) and enums through the model', () => {
    const m = modelWithTypes();
    expect(typeFamily('public.email', m)).toBe('string');
    expect(typeFamily('email', m)).toBe('string');
    expect(typeInfo('app.money_amount', m)).toMatchObject({ family: 'exact', base: 'numeric', args: [12, 2] });
    expect(typeInfo('app.positive_amount', m).family).toBe('exact');
    expect(typeInfo('app.positive_amount', m).domain?.name).toBe('positive_amount');
    expect(typeFamily('public.mood', m)).toBe('enum');
    expect(typeFamily('public.mood[]', m)).toBe('array:enum');
    expect(typeFamily('public.pair', m)).toBe('other');
    expect(columnFamily({ id: 'c', name: 'x', type: 'whatever', typeRef: 'd2', nullable: true }, m)).toBe('exact');
    expect(typeFamily('app.money_amount')).toBe('other');
  });
  it('typmod parsers', () => {
    expect(varcharLength('varchar(255)')).toBe(255);
    expect(varcharLength('character varying')).toBeUndefined();
    expect(varcharLength('text')).toBeUndefined();
    expect(charLength('char(3)')).toBe(3);
    expect(timePrecision('timestamptz(0)')).toBe(0);
    expect(timePrecision('timestamp(3) without time zone')).toBe(3);
    expect(timePrecision('timestamptz')).toBeUndefined();
    expect(timePrecision('interval(2)')).toBe(2);
    expect(numericPrecision('numeric(12,2)')).toEqual({ precision: 12, scale: 2 });
    expect(isRegType('regclass')).toBe(true);
    expect(isRegType('text')).toBe(false);
  });
});

describe('extension types', () => {
  it('schema-qualified extension types resolve by their bare name when the model does not define them', () => {
    expect(typeFamily('public.citext')).toBe('string');
    expect(typeFamily('public.citext', modelWithTypes())).toBe('string');
    expect(typeFamily('public.email', modelWithTypes())).toBe('string');
  });
});

describe('columnTypeInfo focus hint', () => {
  it('answers for the focused table, other tables and another model alike', () => {
    const m = modelWithTypes();
    const a = { id: 'ca', name: 'a', type: 'mood', typeRef: 'e1', nullable: true };
    const b = { id: 'cb', name: 'b', type: 'text', nullable: true };
    const other = { id: 'co', name: 'o', type: 'positive_amount', typeRef: 'd3', nullable: true };
    const t = { columns: [a, b] } as unknown as Table;
    focusTable(t);
    expect(columnTypeInfo(b as Column, m).family).toBe('string');
    expect(columnTypeInfo(a as Column, m).family).toBe('enum');
    // A column that is not the focused table's.
    expect(columnTypeInfo(other as Column, m).base).toBe('numeric');
    // Same column objects, another model in which the enum is gone: no answer of the first model is reused.
    const m2 = modelWithTypes();
    delete m2.types.e1;
    expect(columnTypeInfo(a as Column, m2).family).toBe('other');
    focusTable(undefined);
    expect(columnTypeInfo(a as Column, m).family).toBe('enum');
  });
});
