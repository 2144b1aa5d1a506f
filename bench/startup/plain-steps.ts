/** Plain cucumber-js's side of the start-up bench: the same phrase as wsbdd's step, doing nothing. */
import { Given } from '@cucumber/cucumber';

Given('the mock server echoes messages', function () {
  return undefined;
});
