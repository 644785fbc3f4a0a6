// See https://svelte.dev/docs/kit/types#app.d.ts
import type { ErrorParams, PublicSettings } from '@citizen/shared';

declare global {
  namespace App {
    interface Locals {
      /** The browser's cookies, with a session renewed on the way in (hooks.server.ts). */
      cookie: string | null;
      /** The settings the page is rendered with, as its load fetched them (hooks.server.ts). */
      settings?: Promise<PublicSettings | undefined>;
    }
    /** An error page's cause: the API's (or a load's) error code, which the page translates. */
    interface Error {
      message: string;
      code?: string;
      params?: ErrorParams;
    }
    // interface PageData {}
    // interface PageState {}
    // interface Platform {}
  }
}

export {};
