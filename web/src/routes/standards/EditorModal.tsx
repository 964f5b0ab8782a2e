import { Button, Modal, type ModalProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** What a standards tab is editing: an existing item, a new one, or nothing (the dialog is closed). */
export type Editing<T> = T | 'new' | null;

/**
 * The dialog a standards tab opens to create or edit one item. The form is mounted only while open,
 * so each opening starts from the item as it is now; it gets null for a new item.
 */
export function EditorModal<T extends object>({
  editing,
  onClose,
  newTitle,
  editTitle,
  size,
  children,
}: {
  editing: Editing<T>;
  onClose: () => void;
  newTitle: string;
  editTitle: (item: T) => string;
  size?: ModalProps['size'];
  children: (item: T | null) => ReactNode;
}) {
  return (
    <Modal
      opened={editing !== null}
      onClose={onClose}
      title={editing === 'new' ? newTitle : editing ? editTitle(editing) : ''}
      size={size}
    >
      {editing !== null && children(editing === 'new' ? null : editing)}
    </Modal>
  );
}

/** The small "Edit" button on a listed item; `label` names the item for screen readers. */
export function EditButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button size="xs" variant="default" aria-label={label} onClick={onClick}>
      Edit
    </Button>
  );
}
