/**
 * The browser's own checks of a custom form's controls (required, min, max, pattern), as the
 * observation form makes them, within a part of the page: one step, or the whole form.
 */
export function customFieldProblems(
  root: ParentNode,
): { fieldId: string | undefined; text: string }[] {
  const problems: { fieldId: string | undefined; text: string }[] = [];
  for (const element of root.querySelectorAll<HTMLInputElement>('[id^="cf-"]')) {
    if (!element.checkValidity()) {
      const label = element.ownerDocument
        .querySelector(`label[for="${CSS.escape(element.id)}"]`)
        ?.textContent?.trim();
      problems.push({ fieldId: element.id, text: `${label ?? ''}: ${element.validationMessage}` });
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
    problems.push({ fieldId: radio.id, text: `${legend ?? ''}: ${radio.validationMessage}` });
  }
  return problems;
}

/** The step (data-step) a control sits in, if it is in a stepped form. */
export function stepOfElement(id: string): number | undefined {
  const holder = document.getElementById(id)?.closest<HTMLElement>('[data-step]');
  return holder ? Number(holder.dataset.step) : undefined;
}
