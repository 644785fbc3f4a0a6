import type { Locator, Page } from 'playwright-core';
import { goto, waitForMaps } from './web.js';

/**
 * Steps of the back office's programme editor, as an administrator takes them in the browser.
 * Each is small and leaves the page where the next one starts, so that journeys can chain them
 * (with the validators' steps, for instance). The pages are in English.
 */

export type LonLat = [number, number];

/** The map's view, as AreaDrawer publishes it: [west, south, east, north]. */
async function mapBounds(map: Locator): Promise<[number, number, number, number]> {
  const bounds = await map.getAttribute('data-bounds');
  const values = (bounds ?? '').split(',').map(Number);
  if (values.length !== 4 || values.some(Number.isNaN)) throw new Error(`no bounds: ${bounds}`);
  return values as [number, number, number, number];
}

/** Where a point of the map's box (0..1 from the top left) is, in Web Mercator. */
function lonLatAt(
  [west, south, east, north]: [number, number, number, number],
  fx: number,
  fy: number,
): LonLat {
  const mercator = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const y = mercator(north) - fy * (mercator(north) - mercator(south));
  const lat = ((2 * Math.atan(Math.exp(y)) - Math.PI / 2) * 180) / Math.PI;
  return [west + fx * (east - west), lat];
}

/**
 * Draws one polygon on the area map with the mouse: a click per corner (given as fractions of
 * the map's box), then a click on the first corner closes it (terra-draw's way; Enter works
 * too). Returns the corners' longitude/latitude.
 */
export async function drawArea(page: Page, corners: [number, number][]): Promise<LonLat[]> {
  const map = page.getByRole('region', { name: 'Map to draw the programme’s area' });
  await map.scrollIntoViewIfNeeded();
  await waitForMaps(page);
  await page.getByRole('button', { name: 'Draw a shape' }).click();
  const bounds = await mapBounds(map);
  // Measured at each click: the page may move under the mouse.
  const at = async ([fx, fy]: [number, number]) => {
    const box = (await map.locator('canvas').boundingBox())!;
    return { x: box.x + fx * box.width, y: box.y + fy * box.height };
  };
  for (const corner of corners) {
    const { x, y } = await at(corner);
    await page.mouse.move(x, y, { steps: 4 });
    await page.mouse.click(x, y);
    // Apart enough not to be a double click (which would also close the shape).
    await page.waitForTimeout(350);
  }
  const first = await at(corners[0]!);
  await page.mouse.move(first.x, first.y, { steps: 4 });
  await page.mouse.click(first.x, first.y);
  await page.getByText('The area has one shape.').waitFor();
  return corners.map(([fx, fy]) => lonLatAt(bounds, fx, fy));
}

/** Where a longitude/latitude is in the map's box, as fractions from the top left. */
function fractionOf(
  [west, south, east, north]: [number, number, number, number],
  [lon, lat]: LonLat,
): [number, number] {
  const mercator = (value: number) => Math.log(Math.tan(Math.PI / 4 + (value * Math.PI) / 360));
  return [
    (lon - west) / (east - west),
    (mercator(north) - mercator(lat)) / (mercator(north) - mercator(south)),
  ];
}

/**
 * Moves a corner of the area with the mouse: selects the shape (a click at `inside`), then drags
 * the corner by (dx, dy) pixels. Returns where the corner went.
 */
export async function dragAreaCorner(
  page: Page,
  { inside, corner, dx, dy }: { inside: LonLat; corner: LonLat; dx: number; dy: number },
): Promise<LonLat> {
  const map = page.getByRole('region', { name: 'Map to draw the programme’s area' });
  await map.scrollIntoViewIfNeeded();
  await waitForMaps(page);
  await page.getByRole('button', { name: 'Select and edit' }).click();
  const bounds = await mapBounds(map);
  const box = (await map.locator('canvas').boundingBox())!;
  const at = (point: LonLat) => {
    const [fx, fy] = fractionOf(bounds, point);
    return { x: box.x + fx * box.width, y: box.y + fy * box.height };
  };
  const middle = at(inside);
  await page.mouse.move(middle.x, middle.y, { steps: 4 });
  await page.mouse.click(middle.x, middle.y);
  await page
    .getByRole('button', { name: 'Delete the selected shape' })
    .and(page.locator(':enabled'))
    .waitFor();
  const from = at(corner);
  await page.mouse.move(from.x, from.y, { steps: 4 });
  await page.mouse.down();
  await page.mouse.move(from.x + dx, from.y + dy, { steps: 10 });
  await page.mouse.up();
  return lonLatAt(bounds, (from.x + dx - box.x) / box.width, (from.y + dy - box.y) / box.height);
}

export type BuilderFieldSpec =
  | { kind: 'Choice'; title: string; options: string[]; required?: boolean }
  | { kind: 'Number' | 'Whole number'; title: string; minimum?: number; maximum?: number }
  | { kind: 'Short text' | 'Long text' | 'Yes / no' | 'Date'; title: string };

/**
 * Adds fields with the form builder's fields editor. `scope`: the page, or the part of it with
 * one form builder when it has several (site types: site form, visit form).
 */
export async function buildForm(scope: Page | Locator, fields: BuilderFieldSpec[]) {
  for (const [index, spec] of fields.entries()) {
    const n = index + 1;
    await scope.getByLabel('Type of the new field').selectOption({ label: spec.kind });
    await scope.getByRole('button', { name: 'Add the field' }).click();
    const field = scope.getByRole('group', { name: new RegExp(`^Field ${n}:`) });
    await field.getByLabel('Question').fill(spec.title);
    if (spec.kind === 'Choice') {
      for (const [o, label] of spec.options.entries()) {
        await field.getByRole('button', { name: 'Add an option' }).click();
        await field.getByLabel(`Option ${o + 1}`, { exact: true }).fill(label);
      }
      if (spec.required) await field.getByLabel('An answer is required').check();
    }
    if (spec.kind === 'Number' || spec.kind === 'Whole number') {
      if (spec.minimum !== undefined) await field.getByLabel('Minimum').fill(String(spec.minimum));
      if (spec.maximum !== undefined) await field.getByLabel('Maximum').fill(String(spec.maximum));
    }
  }
}

/** The live preview of the form being built, as observers will see it. */
export const formPreview = (page: Page) => page.getByRole('region', { name: 'Preview' });

export interface NewProgramme {
  title: string;
  shortDescription?: string;
  /** The species list's name, as offered in the editor. */
  speciesList?: string;
  registrationRequired?: boolean;
  /** Corners of the area, as fractions of the map's box. */
  corners: [number, number][];
  fields: BuilderFieldSpec[];
}

/**
 * From the programmes list: a new programme with its texts, species list, an area drawn on the
 * map and a custom form built field by field; creates it and waits for its editor page. Returns
 * its id and the corners drawn.
 */
export async function createProgrammeByDrawing(
  page: Page,
  baseUrl: string,
  programme: NewProgramme,
): Promise<{ id: number; corners: LonLat[] }> {
  await goto(page, `${baseUrl}/en/admin/programs`);
  await page.getByRole('link', { name: 'New programme' }).click();
  await page.waitForURL('**/en/admin/programs/new');
  await page.getByRole('heading', { name: 'New programme', level: 1 }).waitFor();
  await page.getByLabel('Title', { exact: true }).fill(programme.title);
  if (programme.shortDescription)
    await page.getByLabel('Short description').fill(programme.shortDescription);
  if (programme.speciesList)
    await page
      .getByLabel('Species', { exact: true })
      .selectOption({ label: programme.speciesList });
  if (programme.registrationRequired)
    await page.getByLabel('Observers must have an account').check();
  const corners = await drawArea(page, programme.corners);
  await buildForm(page, programme.fields);
  return { id: await submitNewProgramme(page), corners };
}

/** Creates the programme being edited and waits for its own editor page. */
export async function submitNewProgramme(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Create the programme' }).click();
  await page.waitForURL(/\/en\/admin\/programs\/\d+$/);
  return Number(new URL(page.url()).pathname.split('/').pop());
}

/** On a programme's editor page: publishes it. */
export async function publishProgramme(page: Page) {
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByText('The programme is published.').waitFor();
}

/**
 * An observer's observation in a programme with a custom form: species searched, point typed in,
 * the custom answers given with `answer`; waits for the thank-you screen.
 */
export async function recordObservation(
  page: Page,
  baseUrl: string,
  programmeId: number,
  {
    species,
    option,
    point,
    answer,
  }: {
    species: { search: string; name: RegExp };
    option: RegExp;
    point: LonLat;
    answer: (page: Page) => Promise<void>;
  },
) {
  await goto(page, `${baseUrl}/en/programs/${programmeId}/observe`);
  await waitForMaps(page);
  const combobox = page.getByRole('combobox', { name: 'Species' });
  await combobox.fill(species.search);
  await page.getByRole('option', { name: option }).waitFor();
  await combobox.press('ArrowDown');
  await combobox.press('Enter');
  await page.getByText(species.name).first().waitFor();
  await page.getByLabel('Latitude').fill(point[1].toFixed(5));
  await page.getByLabel('Longitude').fill(point[0].toFixed(5));
  await page.getByRole('button', { name: 'Place at these coordinates' }).click();
  await page.getByText('Point placed at these coordinates.').waitFor();
  await answer(page);
  await page.getByRole('button', { name: 'Send the observation' }).click();
  await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
  const href = await page.getByRole('link', { name: 'See your observation' }).getAttribute('href');
  return href!.split('/').pop()!;
}
