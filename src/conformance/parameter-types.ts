import { defineParameterType } from '@cucumber/cucumber';
import { firstTimeInThisLibrary } from '../support-library';
import { PAYLOAD_KIND, PAYLOAD_KINDS } from './compression';
import { parseSize, SIZE_PATTERN } from './sizes';

/** {byte-size}: "1 byte", "125 bytes", "64 KiB", "16 MiB", as a number of bytes. */
export const BYTE_SIZE = 'byte-size';
/** {message-type}: "text" or "binary". */
export const MESSAGE_TYPE = 'message-type';

/** Define the pack's parameter types once per support code library, even when wsbdd is loaded twice. */
export function registerConformanceParameterTypes(): void {
  if (!firstTimeInThisLibrary('conformance-parameter-types')) return;
  defineParameterType({ name: BYTE_SIZE, regexp: SIZE_PATTERN, transformer: (text: string) => parseSize(text), useForSnippets: false });
  defineParameterType({ name: MESSAGE_TYPE, regexp: /text|binary/, useForSnippets: false });
  defineParameterType({ name: PAYLOAD_KIND, regexp: new RegExp(PAYLOAD_KINDS.join('|')), useForSnippets: false });
}
