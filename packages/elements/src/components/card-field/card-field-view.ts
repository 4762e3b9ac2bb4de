import type { CardElementOptions } from '@tessera/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { UiStrings } from '../../i18n/english';
import { brandIcon } from './brand-icon';
import { INPUT_ATTRIBUTES } from './card-inputs';
import type { CardCheck, CardInput, CardSummary } from './card-state';

export interface InputView {
  check: CardCheck;
  value: string;
  options: CardElementOptions;
  strings: UiStrings;
}

/** The bordered box's classes: its state, how many inputs, where labels go. */
export function boxClass(summary: CardSummary, options: CardElementOptions, count: number): string {
  return [
    'box',
    summary.valid ? '' : 'invalid',
    summary.complete ? 'complete' : '',
    options.disabled ? 'disabled' : '',
    count === 1 ? 'single' : '',
    `labels-${options.appearance?.labels ?? 'hidden'}`,
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * One input with its label (a real `<label for>`), its state, and its error named by `aria-describedby`. Its
 * events are listened to on the box around the inputs (see `TesseraCardField`), one listener per event type.
 */
export function renderInput(input: CardInput, { check, value, options, strings }: InputView): TemplateResult {
  const { autocomplete, name, digits, maxlength, autocapitalize } = INPUT_ATTRIBUTES[input];
  const { complete, error } = check.inputs[input];
  const state = error ? 'invalid' : complete ? 'complete' : 'base';
  const icon =
    input === 'number' && !options.hideIcon
      ? html`<span class="brand" part="brand-icon">${brandIcon(check.brand)}</span>`
      : nothing;
  return html`<div class="field ${input}" part="field ${input}-field" data-state=${state}>
    <label for=${input}>${strings[`label.${input}`]}</label>
    <input
      id=${input}
      part="input ${input}-input"
      type="text"
      inputmode=${digits ? 'numeric' : 'text'}
      dir=${digits ? 'ltr' : 'auto'}
      autocomplete=${autocomplete}
      name=${name}
      placeholder=${strings[`placeholder.${input}`]}
      maxlength=${maxlength ?? nothing}
      autocapitalize=${autocapitalize ?? 'off'}
      autocorrect="off"
      spellcheck="false"
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby="${input}-error"
      ?disabled=${options.disabled === true}
      .value=${live(value)}
    />${icon}
  </div>`;
}
