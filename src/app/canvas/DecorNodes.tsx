import { memo, useEffect, useState, type CSSProperties } from 'react';
import { NodeResizer, type NodeProps } from '@xyflow/react';
import { updateNote } from '../../core/commands';
import { useApp } from '../store';
import type { AreaNode as AreaNodeT, NoteNode as NoteNodeT } from './decor';

/** Live resize changes arrive through the canvas's onNodesChange (coalesced); the end of a resize closes the step. */
const resizeEnd = (_id: string, _kind: 'area' | 'note') => () => useApp.getState().seal();

function AreaView({ id, data, selected }: NodeProps<AreaNodeT>) {
  const a = data.area;
  const style = { '--tw-area': a.color } as CSSProperties;
  return (
    <div className={`tw-area${selected ? ' is-selected' : ''}`} style={style} data-area={a.name} aria-label={`Area ${a.name}`}>
      <NodeResizer isVisible={!!selected} minWidth={160} minHeight={100} onResizeEnd={resizeEnd(id, 'area')} color="var(--tw-area)" />
      <div className="tw-area__label">{a.name}</div>
    </div>
  );
}

/** A sticky note: the text is edited in place (double-click), one undo step per burst. */
function NoteView({ id, data, selected }: NodeProps<NoteNodeT>) {
  const n = data.note;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(n.text);
  useEffect(() => {
    if (!editing) setText(n.text);
  }, [n.text, editing]);
  const style = { '--tw-note': n.color } as CSSProperties;
  return (
    <div className={`tw-note${selected ? ' is-selected' : ''}`} style={style} aria-label="Sticky note" onDoubleClick={(e) => {
      e.stopPropagation();
      setEditing(true);
    }}>
      <NodeResizer isVisible={!!selected} minWidth={120} minHeight={70} onResizeEnd={resizeEnd(id, 'note')} color="#b45309" />
      {editing ? (
        <textarea
          className="tw-note__edit nodrag nopan nowheel"
          aria-label="Note text"
          autoFocus
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            useApp.getState().apply(updateNote(id, { text: e.target.value }));
          }}
          onBlur={() => {
            setEditing(false);
            useApp.getState().seal();
          }}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Escape') (e.target as HTMLTextAreaElement).blur();
          }}
        />
      ) : (
        <div className="tw-note__text">{n.text || 'Double-click to write'}</div>
      )}
    </div>
  );
}

export const AreaNode = memo(AreaView);
export const NoteNode = memo(NoteView);
