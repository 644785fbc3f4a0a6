import type { ImportReport } from '@citizen/shared';
import { failureMessage } from '$lib/forms/errors';
import type { I18n } from '$lib/i18n';
import { UploadError, type UploadProgress } from './upload';

/** What `upload()` takes to report progress and be cancelled. */
export interface UploadHooks {
  signal: AbortSignal;
  onprogress: (progress: UploadProgress) => void;
}

/**
 * An import file on its way to the API (taxonomy, areas, sensitivity, species lists): its
 * progress, then "processing" once sent, its cancelling, and why it failed: the import's report
 * when the API refused the file's content, a message otherwise.
 */
export class ImportUpload {
  progress = $state<UploadProgress | null>(null);
  /** Sent: the server is working on the file. */
  processing = $state(false);
  /** The file sent, for the progress bar's label. */
  name = $state('');
  /** The report of a file the API refused (422). */
  rejected = $state<ImportReport | null>(null);
  message = $state<string>();
  #controller: AbortController | undefined;
  readonly #i18n: I18n;

  constructor(i18n: I18n) {
    this.#i18n = i18n;
  }

  get busy(): boolean {
    return this.progress !== null;
  }

  /** Still sending: it can be cancelled (no longer once the server works on it). */
  get cancellable(): boolean {
    return this.progress !== null && !this.processing;
  }

  cancel() {
    this.#controller?.abort();
  }

  /** Forgets the last failure (a new attempt, or a problem found before sending). */
  reset() {
    this.rejected = null;
    this.message = undefined;
  }

  /** `send`'s answer, or undefined when it failed (`rejected` or `message` then say why). */
  async run<T>(
    file: { name: string; size: number },
    send: (hooks: UploadHooks) => Promise<T>,
  ): Promise<T | undefined> {
    this.reset();
    this.name = file.name;
    this.progress = { loaded: 0, total: file.size };
    this.processing = false;
    this.#controller = new AbortController();
    try {
      return await send({
        signal: this.#controller.signal,
        onprogress: (progress) => {
          this.progress = progress;
          if (progress.total > 0 && progress.loaded >= progress.total) this.processing = true;
        },
      });
    } catch (cause) {
      const { t } = this.#i18n;
      if (cause instanceof DOMException && cause.name === 'AbortError') {
        this.message = t('adminCatalogue.upload.cancelled');
      } else if (cause instanceof UploadError && cause.report) {
        this.rejected = cause.report;
      } else if (cause instanceof UploadError && cause.status === 413) {
        this.message = t('adminCatalogue.upload.refusedTooLarge');
      } else {
        this.message = failureMessage(cause, this.#i18n);
      }
      return undefined;
    } finally {
      this.progress = null;
      this.processing = false;
      this.#controller = undefined;
    }
  }
}
