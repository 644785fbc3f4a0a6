import type { ImportReport } from '@citizen/shared';
import { ApiError, refreshSession } from '$lib/api';
import { reportOf, type UploadProgress } from './report';

export type { UploadProgress };

/** A refused upload; `report` holds the import's report when the API sent one (422). */
export class UploadError extends ApiError {
  constructor(
    status: number,
    message: string,
    readonly report: ImportReport | null = null,
  ) {
    super(status, message);
    this.name = 'UploadError';
  }
}

type Sent = { status: number; body: unknown };

function send(
  method: string,
  path: string,
  form: FormData,
  onprogress: ((progress: UploadProgress) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.responseType = 'text';
    // fetch() reports no upload progress: XMLHttpRequest's upload events do.
    xhr.upload.onprogress = (event) =>
      onprogress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : 0 });
    xhr.upload.onload = () => onprogress?.({ loaded: 1, total: 1 });
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () =>
      reject(new UploadError(503, 'The service is unreachable. Please try again in a moment.'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/**
 * Sends a multipart form with XMLHttpRequest, reporting the upload's progress. Resolves with the
 * API's answer; throws UploadError (with the import report of a 422) when the API refuses it.
 * An expired session is refreshed once and the form sent again.
 */
export async function upload<T>(
  method: 'POST' | 'PUT',
  path: string,
  form: FormData,
  {
    onprogress,
    signal,
  }: { onprogress?: (progress: UploadProgress) => void; signal?: AbortSignal } = {},
): Promise<T> {
  let answer = await send(method, path, form, onprogress, signal);
  if (answer.status === 401 && (await refreshSession(fetch))) {
    answer = await send(method, path, form, onprogress, signal);
  }
  if (answer.status >= 200 && answer.status < 300) return answer.body as T;
  const message =
    typeof (answer.body as { message?: unknown } | null)?.message === 'string'
      ? (answer.body as { message: string }).message
      : `Request failed (${answer.status})`;
  throw new UploadError(answer.status, message, reportOf(answer.body));
}
