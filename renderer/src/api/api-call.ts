// The renderer's one way to call the API: the contract client, plus "session ended" sending the user back to sign-in.
import type { InputOf, OperationName, OutputOf } from '../../../core/api/contract';
import { PortsideError } from '../../../core/api/errors';
import { useSessionStore } from '../stores/session-store';
import { client } from './client';

export async function callApi<K extends OperationName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> {
  try {
    return await client.call(name, input);
  } catch (error) {
    if (error instanceof PortsideError && error.code === 'UNAUTHENTICATED') useSessionStore.getState().expire(error.message);
    throw error;
  }
}
