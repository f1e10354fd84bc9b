/**
 * Deterministic synthetic schemas for benchmarks and scale tests: N tables of ~470 bytes each (so 1,000 tables
 * ≈ 470 KB and 5,000 ≈ 2.3 MB), with FKs to earlier tables, indexes, CHECKs, enums and comments.
 */
export function generateSchemaSql(tables: number, seed = 42): string {
  let s = seed >>> 0;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const out: string[] = [];
  out.push(`CREATE TYPE public.status AS ENUM ('draft', 'active', 'archived');\n`);
  for (let i = 0; i < tables; i++) {
    const name = `t${String(i).padStart(5, '0')}_item`;
    const cols = [
      `  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY`,
      `  name text NOT NULL`,
      `  code varchar(32) NOT NULL UNIQUE`,
      `  amount numeric(12,2) CHECK (amount >= 0)`,
      `  status public.status NOT NULL DEFAULT 'draft'`,
      `  created_at timestamptz NOT NULL DEFAULT now()`,
    ];
    let fk = '';
    if (i > 0) {
      const ref = Math.floor(rnd() * i);
      cols.push(`  parent_id bigint REFERENCES public.t${String(ref).padStart(5, '0')}_item (id) ON DELETE CASCADE`);
      fk = `CREATE INDEX ${name}_parent_id_idx ON public.${name} (parent_id);\n`;
    }
    out.push(`CREATE TABLE public.${name} (\n${cols.join(',\n')}\n);\n${fk}COMMENT ON TABLE public.${name} IS 'Generated table ${i}';\n`);
  }
  return out.join('\n');
}
