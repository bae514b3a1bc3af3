"use client";

import { useEffect, useId, useRef } from "react";

type Props = { isOpen: boolean; title: string; onClose: () => void; children: React.ReactNode };

/**
 * A modal on the native <dialog>: the browser keeps focus inside it, closes it on Escape and
 * gives focus back to the control that opened it. The element to focus first, if not the
 * first focusable one, carries `data-autofocus`.
 */
export function ModalDialog({ isOpen, title, onClose, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    } else if (!isOpen && dialog.open) {
      dialog.close();
    }
  }, [isOpen]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      {isOpen ? (
        <div className="p-5">
          <h2 id={titleId} className="break-all font-semibold text-slate-900">{title}</h2>
          <div className="mt-3">{children}</div>
        </div>
      ) : null}
    </dialog>
  );
}
