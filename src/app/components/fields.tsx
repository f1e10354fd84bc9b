/** Inspector form fields that edit the document through commands: one undo step per burst of typing. */
import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';
import { useApp } from '../store';

interface CommitInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  value: string;
  /** Called on each keystroke with a valid value (commands coalesce by mergeKey). */
  onCommit: (v: string) => void;
  /** Values that must not be committed (e.g. empty names): the field keeps them until blur, then reverts. */
  allowEmpty?: boolean;
}

export function CommitInput({ value, onCommit, allowEmpty = false, onBlur, onKeyDown, ...rest }: CommitInputProps) {
  const [local, setLocal] = useState(value);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setLocal(value);
  }, [value]);
  return (
    <input
      {...rest}
      value={focused.current ? local : value}
      spellCheck={false}
      onFocus={() => {
        focused.current = true;
        setLocal(value);
      }}
      onChange={(e) => {
        const v = e.target.value;
        setLocal(v);
        if ((allowEmpty || v.trim()) && v !== value) onCommit(v);
      }}
      onBlur={(e) => {
        focused.current = false;
        setLocal(value);
        useApp.getState().seal();
        onBlur?.(e);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        else if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
        onKeyDown?.(e);
      }}
    />
  );
}

export function CommitTextarea({ value, onCommit, ...rest }: { value: string; onCommit: (v: string) => void; 'aria-label': string; placeholder?: string; rows?: number; className?: string }) {
  const [local, setLocal] = useState(value);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setLocal(value);
  }, [value]);
  return (
    <textarea
      {...rest}
      value={focused.current ? local : value}
      onFocus={() => {
        focused.current = true;
        setLocal(value);
      }}
      onChange={(e) => {
        setLocal(e.target.value);
        onCommit(e.target.value);
      }}
      onBlur={() => {
        focused.current = false;
        useApp.getState().seal();
      }}
    />
  );
}

/** PostgreSQL types offered by the type field (plus the model's enums and domains). */
export const PG_TYPES = [
  'bigint', 'integer', 'smallint', 'numeric', 'numeric(10,2)', 'real', 'double precision', 'boolean',
  'text', 'varchar(255)', 'char(1)', 'citext', 'uuid', 'bytea',
  'timestamptz', 'timestamp', 'date', 'time', 'timetz', 'interval',
  'jsonb', 'json', 'xml', 'inet', 'cidr', 'macaddr', 'money', 'tsvector', 'tsquery',
  'int4range', 'int8range', 'numrange', 'tstzrange', 'daterange', 'point', 'bit(8)', 'varbit',
  'text[]', 'integer[]', 'bigint[]', 'uuid[]', 'jsonb[]',
];
