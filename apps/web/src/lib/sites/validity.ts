import { tick } from 'svelte';
import type { I18n } from '$lib/i18n';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * What the browser found wrong with a control, in the page's language: its own message
 * (`validationMessage`) is in the browser's language, English on many a French page.
 */
export function validityText(element: Control, t: I18n['t']): string {
  const { validity } = element;
  const limit = (name: string) => element.getAttribute(name) ?? '';
  if (validity.valueMissing) return t('error.field.required');
  if (validity.rangeUnderflow) return t('error.field.tooSmall', { limit: limit('min') });
  if (validity.rangeOverflow) return t('error.field.tooLarge', { limit: limit('max') });
  if (validity.tooShort) return t('error.field.tooShort', { limit: limit('minlength') });
  if (validity.tooLong) return t('error.field.tooLong', { limit: limit('maxlength') });
  if (validity.patternMismatch) return t('error.field.pattern');
  return t('error.field.invalid');
}

/**
 * The browser's own checks of a custom form's controls (required, min, max, pattern), within a
 * part of the page (one step, or the whole form), in the page's language; a group of radios
 * is one problem.
 */
export function customFieldProblems(
  root: ParentNode,
  t: I18n['t'],
): { fieldId: string | undefined; text: string }[] {
  const problems: { fieldId: string | undefined; text: string }[] = [];
  for (const element of root.querySelectorAll<HTMLInputElement>('[id^="cf-"]')) {
    if (!element.checkValidity()) {
      const label = element.ownerDocument
        .querySelector(`label[for="${CSS.escape(element.id)}"]`)
        ?.textContent?.trim();
      problems.push({ fieldId: element.id, text: `${label ?? ''}: ${validityText(element, t)}` });
    }
  }
  const groups = new Set<string>();
  for (const radio of root.querySelectorAll<HTMLInputElement>(
    'fieldset.choices input[type=radio][required]',
  )) {
    if (radio.checkValidity() || groups.has(radio.name)) continue;
    groups.add(radio.name);
    const legend = radio.closest('fieldset')?.querySelector('legend')?.textContent?.trim();
    // The first choice of the group takes the link: the summary leads to the question.
    radio.id ||= `${radio.name}-first`;
    problems.push({ fieldId: radio.id, text: `${legend ?? ''}: ${validityText(radio, t)}` });
  }
  return problems;
}

/** The step (data-step) a control sits in, if it is in a stepped form. */
export function stepOfElement(id: string): number | undefined {
  const holder = document.getElementById(id)?.closest<HTMLElement>('[data-step]');
  return holder ? Number(holder.dataset.step) : undefined;
}

/**
 * A link of the form's error summary to a field of a hidden step shows that step first, then
 * takes the keyboard to the field. Returns what stops listening (an $effect's cleanup).
 */
export function followLinksToSteps(
  form: HTMLFormElement,
  current: () => number,
  show: (step: number) => void,
): () => void {
  const follow = (event: MouseEvent) => {
    const link = (event.target as Element | null)?.closest?.('a[href^="#"]');
    if (!link) return;
    const target = decodeURIComponent(link.getAttribute('href')!.slice(1));
    const index = stepOfElement(target);
    if (index === undefined || index === current()) return;
    event.preventDefault();
    show(index);
    void tick().then(() => document.getElementById(target)?.focus());
  };
  form.addEventListener('click', follow);
  return () => form.removeEventListener('click', follow);
}
