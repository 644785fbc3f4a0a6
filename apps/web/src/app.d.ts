// See https://svelte.dev/docs/kit/types#app.d.ts
import type { PublicSettings } from '@citizen/shared';

declare global {
  namespace App {
    interface Locals {
      /** The browser's cookies, with a session renewed on the way in (hooks.server.ts). */
      cookie: string | null;
      /** The settings the page is rendered with, as its load fetched them (hooks.server.ts). */
      settings?: Promise<PublicSettings | undefined>;
    }
    // interface Error {}
    // interface PageData {}
    // interface PageState {}
    // interface Platform {}
  }
}

export {};
