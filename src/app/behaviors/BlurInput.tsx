/**
 * A text field that commits on blur or Enter (one command, one undo step per edit) and reverts on Escape. Used for
 * names that add columns or objects, where committing every keystroke would create `m`, `mo`, `mod`, ...
 */
import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  value: string;
  onCommit: (v: string) => void;
  /** Whether an empty value may be committed (names: back to the default). */
  allowEmpty?: boolean;
}

export function BlurInput({ value, onCommit, allowEmpty = false, onBlur, onKeyDown, ...rest }: Props) {
  const [local, setLocal] = useState(value);
  const skip = useRef(false);
  useEffect(() => setLocal(value), [value]);
  const commit = () => {
    const v = local.trim();
    if (v === value.trim()) return setLocal(value);
    if (!v && !allowEmpty) return setLocal(value);
    onCommit(v);
    setLocal(value); // a refused value reverts; an accepted one arrives through `value`
  };
  return (
    <input
      {...rest}
      value={local}
      spellCheck={false}
      onChange={(e) => setLocal(e.target.value)}
      onBlur={(e) => {
        if (!skip.current) commit();
        skip.current = false;
        onBlur?.(e);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        else if (e.key === 'Escape') {
          skip.current = true;
          setLocal(value);
          (e.target as HTMLInputElement).blur();
        }
        onKeyDown?.(e);
      }}
    />
  );
}
