// The server's rendering of text being edited, asked again shortly after typing stops: the preview and the live validation in one call.
import { useEffect, useState } from 'react';
import type { TemplatePreview } from '../../../../core/domain/message-template';
import { callApi } from '../../api/api-call';
import { type ErrorDetails, errorDetails } from '../../api/error-details';
import { useDebouncedValue } from '../../hooks/use-debounced-value';

const TYPING_PAUSE_MS = 350;

export interface LivePreview {
  preview: TemplatePreview | null;
  /** The server's refusal of the text (fields.subject / fields.body name the placeholder), or another failure. */
  error: ErrorDetails | null;
  loading: boolean;
}

export function useTemplatePreview(subject: string, body: string, orderId: string | null): LivePreview {
  const input = useDebouncedValue(JSON.stringify({ subject, body, orderId }), TYPING_PAUSE_MS);
  const [state, setState] = useState<LivePreview & { input: string | null }>({ preview: null, error: null, loading: true, input: null });

  useEffect(() => {
    const sent = JSON.parse(input) as { subject: string; body: string; orderId: string | null };
    // An empty body is nothing to preview (saving says so); the hook answers that without asking.
    if (sent.body.trim() === '') return;
    let live = true;
    callApi('templates.preview', {
      body: sent.body,
      ...(sent.subject.trim() ? { subject: sent.subject } : {}),
      ...(sent.orderId ? { orderId: sent.orderId } : {}),
    }).then(
      (preview) => live && setState({ preview, error: null, loading: false, input }),
      (error: unknown) => live && setState((s) => ({ preview: s.preview, error: errorDetails(error), loading: false, input })),
    );
    return () => {
      live = false;
    };
  }, [input]);

  if (body.trim() === '') return { preview: null, error: null, loading: false };
  const current = JSON.stringify({ subject, body, orderId }) === state.input;
  // The last answer stays while the next is on its way, so errors and preview do not flicker as one types.
  return { preview: state.preview, error: state.error, loading: !current || state.loading };
}
