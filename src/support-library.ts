import { defineParameterType } from '@cucumber/cucumber';

/**
 * Define something in cucumber's support code library once per library, even when wsbdd is loaded twice
 * (say from its sources and from its compiled copy): a parameter type named after the group marks it as
 * done, and cucumber refuses a second parameter type of the same name.
 */
export function firstTimeInThisLibrary(marker: string): boolean {
  try {
    defineParameterType({ name: `wsbdd-${marker}`, regexp: /\u0000wsbdd\u0000/, useForSnippets: false });
    return true;
  } catch (error) {
    if (error instanceof Error && /already a parameter type/i.test(error.message)) return false;
    throw error;
  }
}
