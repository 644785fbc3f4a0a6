// The static build (VITE_SPA=1) is a single-page app: everything renders in the browser.
export const ssr = import.meta.env.VITE_SPA !== '1';
