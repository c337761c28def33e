// Sync conflicts a person resolves, the sync queue as the Sync screen shows it, and the inputs of their operations.
import { z } from 'zod';
import type { SyncedEntity } from './outbox';
import { entityId, optionalLongText } from './fields';

export const CONFLICT_CHOICES = ['mine', 'theirs', 'edit'] as const;
export type ConflictChoice = (typeof CONFLICT_CHOICES)[number];

/** 'field': both sides changed one field differently; 'rule': the merged data breaks an order rule. */
export type ConflictKind = 'field' | 'rule';

export interface SyncConflict {
  id: string;
  entity: SyncedEntity;
  key: Record<string, string>;
  /** The order the record belongs to, for a link to it (null for a customer or a vehicle on no order). */
  orderId: string | null;
  /** What a person calls the record: an order number, a VIN on an order, a customer's name. */
  label: string;
  field: string;
  kind: ConflictKind;
  /** The field's value before either change, this device's value, and the value the table kept. */
  base: unknown;
  mine: unknown;
  theirs: unknown;
  myAuthor: string | null;
  myAt: string | null;
  theirAuthor: string | null;
  theirAt: string | null;
  /** For a person: what happened and what each choice does. */
  message: string;
  createdAt: string;
  state: 'open' | 'resolved';
  resolution: ConflictChoice | null;
  resolvedValue: unknown;
  resolvedReason: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  /** Whether "Keep mine" and "Edit" can apply here (a rule conflict, or a field no screen edits, can only be closed). */
  editable: boolean;
}

/** A change set waiting in the outbox, as the Sync screen's queue lists it. */
export interface QueuedChangeSet {
  id: string;
  operation: string;
  createdAt: string;
  actorName: string | null;
  items: number;
  state: 'pending' | 'parked' | 'conflict';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
}

export const syncConflictResolveInput = z
  .strictObject({
    id: entityId('Conflict id'),
    choice: z.enum(CONFLICT_CHOICES, { error: 'choice must be mine, theirs or edit.' }),
    /** The value to keep with choice "edit", checked by the field's own rules (the service knows the field). */
    value: z.unknown().optional(),
    reason: optionalLongText('Reason', 1000),
  })
  .superRefine((input, ctx) => {
    if ((input.choice === 'mine' || input.choice === 'theirs') && input.value !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: 'value goes only with choice "edit": leave it out to keep mine or theirs.',
      });
    }
  });
export type SyncConflictResolveInput = z.infer<typeof syncConflictResolveInput>;

export const changeSetRetryInput = z.strictObject({ id: entityId('Change set id') });
export type ChangeSetRetryInput = z.infer<typeof changeSetRetryInput>;
