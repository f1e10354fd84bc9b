/** The IDX (indexes) and NF (normalization) rules of the catalogue, one per file. */
import type { Rule } from '../types';
import IDX01 from './IDX-01';
import IDX02 from './IDX-02';
import IDX03 from './IDX-03';
import IDX04 from './IDX-04';
import IDX05 from './IDX-05';
import IDX06 from './IDX-06';
import IDX07 from './IDX-07';
import IDX08 from './IDX-08';
import IDX09 from './IDX-09';
import IDX10 from './IDX-10';
import IDX11 from './IDX-11';
import IDX12 from './IDX-12';
import IDX13 from './IDX-13';
import IDX14 from './IDX-14';
import IDX15 from './IDX-15';
import NF01 from './NF-01';
import NF02 from './NF-02';
import NF03 from './NF-03';
import NF04 from './NF-04';
import NF05 from './NF-05';
import NF06 from './NF-06';
import NF07 from './NF-07';
import NF08 from './NF-08';
import NF09 from './NF-09';
import NF10 from './NF-10';
import NF11 from './NF-11';
import NF12 from './NF-12';
import NF13 from './NF-13';
import NF14 from './NF-14';
import NF15 from './NF-15';

export const idxNfRules: Rule[] = [
  IDX01, IDX02, IDX03, IDX04, IDX05, IDX06, IDX07, IDX08, IDX09, IDX10, IDX11, IDX12, IDX13, IDX14, IDX15,
  NF01, NF02, NF03, NF04, NF05, NF06, NF07, NF08, NF09, NF10, NF11, NF12, NF13, NF14, NF15,
];
