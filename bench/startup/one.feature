Feature: Start-up
  One scenario of one step: the time until it runs is the command's start-up.

  Scenario: the first step
    Given the mock server echoes messages
