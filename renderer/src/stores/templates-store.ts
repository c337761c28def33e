// Message templates slice: the list, the one being edited, and create / save (at its version) / delete with the server's refusals.
import { create } from 'zustand';
import type { MessageTemplateView, TemplateChannel } from '../../../core/domain/message-template';
import { callApi } from '../api/api-call';
import { type ErrorDetails, errorDetails } from '../api/error-details';

export interface TemplateDraft {
  name: string;
  channel: TemplateChannel;
  subject: string;
  body: string;
}

export type TemplateSaveResult =
  | { ok: true; template: MessageTemplateView }
  | { ok: false; error: ErrorDetails; /** On a 409: the template as it is now. */ current: MessageTemplateView | null };

export interface TemplatesState {
  items: MessageTemplateView[];
  phase: 'idle' | 'loading' | 'ready' | 'error';
  loadError: string | null;
  /** The template open in the editor; null with `creating` for a new one. */
  selectedId: string | null;
  creating: boolean;
  load(): Promise<void>;
  /** Reloads quietly (a change event: another window or device changed a template). */
  refresh(): Promise<void>;
  select(id: string | null): void;
  startNew(): void;
  save(template: MessageTemplateView | null, draft: TemplateDraft): Promise<TemplateSaveResult>;
  remove(template: MessageTemplateView): Promise<TemplateSaveResult>;
}

const currentOf = (error: unknown): MessageTemplateView | null => {
  const current = (error as { current?: unknown }).current;
  return typeof current === 'object' && current !== null && 'id' in current ? (current as MessageTemplateView) : null;
};

/** The fields that changed, for a PUT that sends only those (subject cleared with null). */
function changesOf(template: MessageTemplateView, draft: TemplateDraft) {
  const subject = draft.subject.trim() === '' ? null : draft.subject;
  return {
    ...(draft.name !== template.name ? { name: draft.name } : {}),
    ...(draft.channel !== template.channel ? { channel: draft.channel } : {}),
    ...(subject !== template.subject ? { subject } : {}),
    ...(draft.body !== template.body ? { body: draft.body } : {}),
  };
}

export const useTemplatesStore = create<TemplatesState>((set, get) => ({
  items: [],
  phase: 'idle',
  loadError: null,
  selectedId: null,
  creating: false,

  async load() {
    set({ phase: get().items.length > 0 ? 'ready' : 'loading', loadError: null });
    try {
      const { items } = await callApi('templates.list', {});
      const { selectedId, creating } = get();
      const keep = items.some((t) => t.id === selectedId);
      set({ items, phase: 'ready', selectedId: keep || creating ? selectedId : (items[0]?.id ?? null) });
    } catch (error) {
      set({ phase: 'error', loadError: errorDetails(error).message });
    }
  },

  async refresh() {
    if (get().phase === 'idle') return;
    await get().load();
  },

  select(id) {
    set({ selectedId: id, creating: false });
  },

  startNew() {
    set({ selectedId: null, creating: true });
  },

  async save(template, draft) {
    try {
      const saved = template
        ? await callApi('templates.update', { id: template.id, version: template.version, ...changesOf(template, draft) })
        : await callApi('templates.create', {
            name: draft.name,
            channel: draft.channel,
            body: draft.body,
            ...(draft.subject.trim() ? { subject: draft.subject } : {}),
          });
      const items = get().items.filter((t) => t.id !== saved.id);
      set({
        items: [...items, saved].sort((a, b) => a.name.localeCompare(b.name)),
        selectedId: saved.id,
        creating: false,
      });
      return { ok: true, template: saved };
    } catch (error) {
      return { ok: false, error: errorDetails(error), current: currentOf(error) };
    }
  },

  async remove(template) {
    try {
      await callApi('templates.delete', { id: template.id, version: template.version });
      const items = get().items.filter((t) => t.id !== template.id);
      set({ items, selectedId: items[0]?.id ?? null, creating: false });
      return { ok: true, template };
    } catch (error) {
      return { ok: false, error: errorDetails(error), current: currentOf(error) };
    }
  },
}));
