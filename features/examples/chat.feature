Feature: Chat room
  A broadcast server: what one member says, everybody in the room hears.

  Background:
    Given the mock server broadcasts messages

  Scenario: a message reaches everybody in the room
    Given 3 clients "user" are connected
    When every client "user" sends "hi"
    Then every client "user" should receive "hi" within 2 seconds

  Scenario: a member hears the others, in order
    Given "alice" is connected to "/chat"
    And "bob" is connected to "/chat"
    When "alice" sends "hello bob"
    And "bob" sends "hello alice"
    Then "bob" should receive "hello bob"
    And "bob" should receive "hello alice"
    And "alice" should receive 2 messages within 1 second

  Scenario: an announcement from the server
    Given 2 clients "user" are connected
    When the mock server sends "the room closes in 5 minutes" to every client
    Then every client "user" should receive "the room closes in 5 minutes"

  Scenario: leaving the room
    Given "alice" is connected to "/chat"
    When "alice" closes with code 1000 and reason "bye"
    Then "alice" should be closed cleanly with code 1000
