import type { BaseLayer } from '@citizen/shared';
import type { IControl, Map as MapLibreMap } from 'maplibre-gl';
import { switchBaseLayer } from './style';

let instances = 0;

/**
 * A map button that opens the list of base maps (the site's, and a plain one that needs no
 * network). Native radio buttons: keyboard and screen readers work as for any form.
 */
export class BaseLayerControl implements IControl {
  private container: HTMLElement | undefined;

  constructor(
    private readonly layers: BaseLayer[],
    private readonly labels: { button: string; plain: string },
    private selected: BaseLayer | undefined,
  ) {}

  onAdd(map: MapLibreMap): HTMLElement {
    const id = `base-layers-${++instances}`;
    const container = document.createElement('div');
    container.className = 'maplibregl-ctrl maplibregl-ctrl-group base-layer-control';

    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'base-layer-button';
    button.title = this.labels.button;
    button.setAttribute('aria-label', this.labels.button);
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', id);
    button.innerHTML =
      '<svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path d="M12 3 2 8l10 5 10-5-10-5Zm-7.6 8.3L2 12.5l10 5 10-5-2.4-1.2L12 15l-7.6-3.7Zm0 4.5L2 17l10 5 10-5-2.4-1.2L12 19.5l-7.6-3.7Z" fill="currentColor"/></svg>';

    const panel = document.createElement('fieldset');
    panel.id = id;
    panel.hidden = true;
    const legend = document.createElement('legend');
    legend.textContent = this.labels.button;
    panel.append(legend);

    const options: (BaseLayer | undefined)[] = [...this.layers, undefined];
    for (const layer of options) {
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'radio';
      input.name = id;
      input.value = layer?.id ?? '';
      input.checked = layer?.id === this.selected?.id;
      input.addEventListener('change', () => {
        this.selected = layer;
        switchBaseLayer(map, layer);
      });
      label.append(input, ` ${layer?.name ?? this.labels.plain}`);
      panel.append(label);
    }

    const toggle = (open: boolean) => {
      panel.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
    };
    button.addEventListener('click', () => toggle(panel.hidden !== false));
    container.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !panel.hidden) {
        toggle(false);
        button.focus();
      }
    });
    container.append(button, panel);
    this.container = container;
    return container;
  }

  onRemove(): void {
    this.container?.remove();
  }
}
