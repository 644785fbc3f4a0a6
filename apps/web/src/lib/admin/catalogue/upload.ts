import type { ImportReport } from '@citizen/shared';
import { ApiError, apiError, refreshSession } from '$lib/api';
import type { Answer, CallOptions, OptionsArgument, PathOf } from '$lib/api-client/operations';
import { apiPath, type LooseOptions } from '$lib/api-client/url';
import { reportOf, type UploadProgress } from './report';

export type { UploadProgress };

/** A refused upload; `report` holds the import's report when the API sent one (422). */
export class UploadError extends ApiError {
  constructor(
    cause: ApiError,
    readonly report: ImportReport | null = null,
  ) {
    super(cause.status, cause.message, cause.fieldErrors, cause.code, cause.params);
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
      reject(
        new UploadError(
          new ApiError(503, 'The service is unreachable. Please try again in a moment.'),
        ),
      );
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
export async function upload<M extends 'POST' | 'PUT', P extends PathOf<M>>(
  method: M,
  path: P,
  form: FormData,
  ...[options]: OptionsArgument<
    Omit<CallOptions<M, P>, 'body'> & { onprogress?: (progress: UploadProgress) => void }
  >
): Promise<Answer<M, P>> {
  const { onprogress, signal } = options ?? {};
  const url = apiPath(path, options as LooseOptions);
  let answer = await send(method, url, form, onprogress, signal);
  if (answer.status === 401 && (await refreshSession(fetch))) {
    answer = await send(method, url, form, onprogress, signal);
  }
  if (answer.status >= 200 && answer.status < 300) return answer.body as Answer<M, P>;
  throw new UploadError(apiError(answer.status, answer.body), reportOf(answer.body));
}
