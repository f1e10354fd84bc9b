/** The shared parts of the app's modal dialogs (a native <dialog>): opening / closing from a prop, and the header. */
import { useEffect, useRef, type RefObject } from 'react';
import { IconClose } from './icons';

/**
 * Opens the dialog as a modal when `open` turns true (calling `onOpen` first, to reset its state) and closes it when
 * `open` turns false. Returns the ref for the <dialog> element.
 */
export function useModalDialog(open: boolean, onOpen?: () => void): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      onOpenRef.current?.();
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);
  return ref;
}

/** A dialog's title row with its close button. */
export function DialogHead({ id, title, onClose }: { id: string; title: string; onClose: () => void }) {
  return (
    <div className="tw-dialog__head">
      <h2 id={id}>{title}</h2>
      <button type="button" className="tw-btn tw-btn--icon tw-btn--ghost" aria-label="Close" onClick={onClose}>
        <IconClose />
      </button>
    </div>
  );
}
