/** The TYPE, NAME, AUD and SEC rules (catalogue groups 5–8), one per file. */
import type { Rule } from '../types';
import { rule as TYPE_01 } from './TYPE-01';
import { rule as TYPE_02 } from './TYPE-02';
import { rule as TYPE_03 } from './TYPE-03';
import { rule as TYPE_04 } from './TYPE-04';
import { rule as TYPE_05 } from './TYPE-05';
import { rule as TYPE_06 } from './TYPE-06';
import { rule as TYPE_07 } from './TYPE-07';
import { rule as TYPE_08 } from './TYPE-08';
import { rule as TYPE_09 } from './TYPE-09';
import { rule as TYPE_10 } from './TYPE-10';
import { rule as TYPE_11 } from './TYPE-11';
import { rule as TYPE_12 } from './TYPE-12';
import { rule as TYPE_13 } from './TYPE-13';
import { rule as TYPE_14 } from './TYPE-14';
import { rule as TYPE_15 } from './TYPE-15';
import { rule as TYPE_16 } from './TYPE-16';
import { rule as TYPE_17 } from './TYPE-17';
import { rule as TYPE_18 } from './TYPE-18';
import { rule as TYPE_19 } from './TYPE-19';
import { rule as NAME_01 } from './NAME-01';
import { rule as NAME_02 } from './NAME-02';
import { rule as NAME_03 } from './NAME-03';
import { rule as NAME_04 } from './NAME-04';
import { rule as NAME_05 } from './NAME-05';
import { rule as NAME_06 } from './NAME-06';
import { rule as NAME_07 } from './NAME-07';
import { rule as NAME_08 } from './NAME-08';
import { rule as NAME_09 } from './NAME-09';
import { rule as NAME_10 } from './NAME-10';
import { rule as AUD_01 } from './AUD-01';
import { rule as AUD_02 } from './AUD-02';
import { rule as AUD_03 } from './AUD-03';
import { rule as AUD_04 } from './AUD-04';
import { rule as AUD_05 } from './AUD-05';
import { rule as AUD_06 } from './AUD-06';
import { rule as AUD_07 } from './AUD-07';
import { rule as SEC_01 } from './SEC-01';
import { rule as SEC_02 } from './SEC-02';
import { rule as SEC_03 } from './SEC-03';
import { rule as SEC_04 } from './SEC-04';
import { rule as SEC_05 } from './SEC-05';

export const typeNameAudSecRules: Rule[] = [
  TYPE_01,
  TYPE_02,
  TYPE_03,
  TYPE_04,
  TYPE_05,
  TYPE_06,
  TYPE_07,
  TYPE_08,
  TYPE_09,
  TYPE_10,
  TYPE_11,
  TYPE_12,
  TYPE_13,
  TYPE_14,
  TYPE_15,
  TYPE_16,
  TYPE_17,
  TYPE_18,
  TYPE_19,
  NAME_01,
  NAME_02,
  NAME_03,
  NAME_04,
  NAME_05,
  NAME_06,
  NAME_07,
  NAME_08,
  NAME_09,
  NAME_10,
  AUD_01,
  AUD_02,
  AUD_03,
  AUD_04,
  AUD_05,
  AUD_06,
  AUD_07,
  SEC_01,
  SEC_02,
  SEC_03,
  SEC_04,
  SEC_05,
];

/** Rules of these groups that are off unless the project switches them on. */
export const optInRuleIds: ReadonlySet<string> = new Set(typeNameAudSecRules.filter((r) => (r as { defaultEnabled?: boolean }).defaultEnabled === false).map((r) => r.id));
